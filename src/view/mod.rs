//! What each template sees: turns the validated [`Content`] into one context per page.
//!
//! The shapes are documented in `docs/templates.md`; keep the two in step.

mod browse;
mod chooser;
mod directory;
mod job;
mod planner;
mod reference;

pub use browse::BROWSE;
use job::{date, link};
pub use job::{Dep, Entries, PageJob, View};
pub use reference::status_url;

use directory::{guidance_pages, partner_pages, protocol_pages};
use reference::{commitments_pages, glossary_page};

use crate::config::Config;
use crate::content::{Content, Record};
use crate::model::{Contact, IsoDate, Offer, Tier};
use crate::route::{self, Kind};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The pages that show an offer's card: the offer itself, its provider and its tier's name.
fn card_deps(o: &Record<Offer>) -> [Dep; 2] {
    [
        Dep::Url(o.url.clone()),
        Dep::Url(route::url_for(Kind::Partner, &o.data.provider)),
    ]
}

/// The pages, besides its own and the lists of its kind, that show a record because the
/// record names them: a service is shown on its tier's page and on its provider's page, a
/// protocol on the pages of the partners its steps name. After an edit `serve` renders
/// these with the pages that showed the record before, which is how a service moved to
/// another provider reaches the new provider's page without every page being made again.
///
/// `None` for kinds whose records make more than one page (an edit may add or remove
/// pages): then every page is made and compared.
pub fn pages_named_by(content: &Content, kind: Kind, url: &str) -> Option<Vec<String>> {
    match kind {
        Kind::Offer => Some(
            content
                .offers
                .iter()
                .filter(|o| o.url == url)
                .flat_map(|o| {
                    let tier = o.data.tier;
                    let tiers = content.tiers.iter().filter(move |t| t.data.tier == tier);
                    let provider = content.partner(&o.data.provider);
                    tiers
                        .map(|t| t.url.clone())
                        .chain(provider.map(|p| p.url.clone()))
                })
                .collect(),
        ),
        Kind::Protocol => Some(
            content
                .protocols
                .iter()
                .filter(|p| p.url == url)
                .flat_map(|p| p.data.steps().flat_map(|(_, _, s)| &s.partners))
                .filter_map(|slug| content.partner(slug).map(|p| p.url.clone()))
                .collect(),
        ),
        Kind::Home | Kind::Tier | Kind::Partner | Kind::Guidance | Kind::Page | Kind::Glossary => {
            Some(Vec::new())
        }
        Kind::Commitments | Kind::Chooser | Kind::Planner | Kind::BankHolidays => None,
    }
}

/// Navigation shared by every page.
pub fn nav(content: &Content) -> Value {
    let mut items = vec![
        link("Support tiers", "/tiers/"),
        link("Services", "/offers/"),
        link("Partners", "/partners/"),
        link("Protocols", "/protocols/"),
        link("Guidance", "/guidance/"),
        link("Glossary", "/glossary/"),
    ];
    if content.commitments.is_some() {
        items.push(link("Commitments", "/commitments/"));
    }
    items.push(link("Search", "/search/"));
    Value::Array(items)
}

/// Footer links: the plain pages (accessibility statement, about), by title.
pub fn footer(content: &Content) -> Value {
    let mut pages: Vec<_> = content.pages.iter().collect();
    pages.sort_by(|a, b| (&a.data.title, &a.slug).cmp(&(&b.data.title, &b.slug)));
    Value::Array(pages.iter().map(|p| link(&p.data.title, &p.url)).collect())
}

pub fn site_value(config: &Config) -> Value {
    json!({
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
    })
}

fn contact(c: &Contact, inherited: Option<IsoDate>) -> Value {
    json!({
        "role": c.role, "phone": c.phone, "email": c.email, "address": c.address,
        "hours": c.hours, "notes": c.notes, "url": c.url,
        "verified": date(c.verified.or(inherited)),
    })
}

fn tier_title(content: &Content, tier: Tier) -> String {
    content
        .tiers
        .iter()
        .find(|t| t.data.tier == tier)
        .map_or_else(
            || format!("{} complexity", tier.name()),
            |t| t.data.title.clone(),
        )
}

/// An offer's card as a list entry, its title a heading of `level` (see [`View`]).
fn offer_entry(entries: &dyn Entries, content: &Content, o: &Record<Offer>, level: u8) -> Value {
    entries.entry(
        View::OfferCard { level },
        &o.url,
        // The card shows its tier's title too.
        &|| {
            card_deps(o)
                .into_iter()
                .chain([Dep::Kind(Kind::Tier)])
                .collect()
        },
        &|| offer_card(content, o),
    )
}

fn offer_card(content: &Content, o: &Record<Offer>) -> Value {
    let provider = content.partner(&o.data.provider).map_or_else(
        || link(&o.data.provider, "/partners/"),
        |p| link(&p.data.name, &p.url),
    );
    json!({
        "title": o.data.title, "url": o.url, "summary": o.data.summary,
        "tier_key": o.data.tier.key(), "tier_title": tier_title(content, o.data.tier),
        "provider": provider, "regions": o.data.regions,
    })
}

fn offers_sorted(content: &Content) -> Vec<&Record<Offer>> {
    let mut v: Vec<_> = content.offers.iter().collect();
    v.sort_by(|a, b| {
        (a.data.tier, &a.data.title, &a.slug).cmp(&(b.data.tier, &b.data.title, &b.slug))
    });
    v
}

/// A tier for templates; `offers` are included (rendered by `entries`) only on the tier's
/// own page, the other pages need just the count.
fn tier_value(
    content: &Content,
    t: &Record<crate::model::TierPage>,
    offers: &[&Record<Offer>],
    entries: Option<&dyn Entries>,
) -> Value {
    let d = &t.data;
    let includes: Vec<Value> = d
        .tier
        .below()
        .map(|b| {
            link(
                &tier_title(content, b),
                &route::url_for(Kind::Tier, b.key()),
            )
        })
        .collect();
    let interventions: Vec<Value> = d
        .interventions
        .iter()
        .map(|i| json!({"letter": i.letter, "text": i.text}))
        .collect();
    let cards: Vec<Value> = match entries {
        Some(e) => offers
            .iter()
            .map(|o| offer_entry(e, content, o, 3))
            .collect(),
        None => Vec::new(),
    };
    let mut tier = json!({
        "key": d.tier.key(), "name": d.tier.name(), "title": d.title, "url": t.url,
        "summary": d.summary, "who_for": d.who_for, "sessions": d.sessions, "weeks": d.weeks,
        "interventions": interventions, "includes": includes, "body_html": t.body.html,
        "offer_count": offers.len(),
    });
    tier["offers"] = Value::Array(cards);
    tier
}

/// For each offer URL, the URLs of related offers (best first), from the search index.
pub type Related = BTreeMap<String, Vec<String>>;

/// Every page of the site, in URL order.
pub fn pages<'a>(content: &'a Content, related: &'a Related) -> Vec<PageJob<'a>> {
    pages_where(content, related, &|_| true)
}

/// Chooses pages by URL, so `serve` makes only the pages an edit touches.
pub type Want<'w> = &'w (dyn Fn(&str) -> bool + Sync);

/// The pages whose URL is wanted, in URL order. Pages of each record are skipped before
/// their context is made, which keeps a one-page update cheap at 10k pages; the kinds
/// with most pages are made in parallel (`serve` makes every page when an edit may move
/// records between lists).
pub fn pages_where<'a>(content: &'a Content, related: &'a Related, want: Want) -> Vec<PageJob<'a>> {
    let offers = offers_sorted(content);
    let ((mut jobs, partners), (guidance, others)) = rayon::join(
        || {
            rayon::join(
                || offer_pages(content, related, &offers, want),
                || partner_pages(content, &offers, want),
            )
        },
        || {
            rayon::join(
                || guidance_pages(content, want),
                || other_pages(content, want),
            )
        },
    );
    jobs.extend(partners);
    jobs.extend(guidance);
    jobs.extend(others);
    jobs.retain(|j| want(&j.url));
    jobs.par_sort_by(|a, b| a.url.cmp(&b.url));
    jobs
}

/// The home page, the tiers and the services.
fn offer_pages<'a>(
    content: &'a Content,
    related: &'a Related,
    offers: &[&'a Record<Offer>],
    want: Want,
) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    let mut by_tier: BTreeMap<Tier, Vec<&Record<Offer>>> = BTreeMap::new();
    for o in offers {
        by_tier.entry(o.data.tier).or_default().push(o);
    }
    let by_tier = std::sync::Arc::new(by_tier);
    let tier_offers = |tier: Tier| by_tier.get(&tier).map_or(&[][..], Vec::as_slice);
    let tiers: Vec<Value> = content
        .tiers
        .iter()
        .map(|t| tier_value(content, t, tier_offers(t.data.tier), None))
        .collect();

    // Home
    let mut home = PageJob::new("/", "home.html", "Home").listing().shows([
        Dep::Url("/".into()),
        Dep::Kind(Kind::Tier),
        Dep::Kind(Kind::Offer),
    ]);
    if let Some(h) = &content.home {
        home = home
            .from(h)
            .summary(h.data.summary.as_deref())
            .dates(h.data.reviewed, h.data.review_by);
        home.title = h.data.title.clone();
    }
    let intro = content
        .home
        .as_ref()
        .map_or(String::new(), |h| h.body.html.clone());
    let audiences = json!([
        {"title": "I work with people on probation", "url": "/tiers/", "text": "Choose the right level of support, find a service or contact, and follow a protocol step by step."},
        {"title": "I am on probation", "url": "/guidance/#participant", "text": "Find out what housing support to expect, in plain English."},
        {"title": "I edit this directory", "url": "/guidance/#editor", "text": "How to update services, contacts and guidance."},
    ]);
    // The practitioners' tools, when the content has them.
    let tools: Vec<Value> = [
        content
            .chooser
            .as_ref()
            .map(|c| json!({"title": c.data.title, "url": c.url, "text": c.data.summary})),
        content
            .planner
            .as_ref()
            .map(|p| json!({"title": p.data.title, "url": p.url, "text": p.data.summary})),
    ]
    .into_iter()
    .flatten()
    .collect();
    jobs.push(
        home.with("intro_html", json!(intro))
            .with("audiences", audiences)
            .with("tools", json!(tools))
            .shows([
                Dep::Url(route::url_for(Kind::Chooser, "")),
                Dep::Url(route::url_for(Kind::Planner, "")),
            ])
            .with("tiers", json!(tiers)),
    );

    // Tiers
    jobs.push(
        PageJob::new("/tiers/", "tiers.html", "Support tiers compared")
            .listing()
            .shows([Dep::Kind(Kind::Tier), Dep::Kind(Kind::Offer)])
            .crumbs(&[])
            .summary(Some("Low, medium and high complexity support side by side. Each tier includes the support of the tiers below it."))
            .with("tiers", json!(tiers))
            .with("chooser_url", json!(content.chooser.as_ref().map(|c| &c.url)))
            .shows([Dep::Url(route::url_for(Kind::Chooser, ""))]),
    );
    for t in content.tiers.iter().filter(|t| want(&t.url)) {
        let by_tier = by_tier.clone();
        let cards = tier_offers(t.data.tier).iter().flat_map(|o| card_deps(o));
        jobs.push(
            PageJob::new(t.url.clone(), "tier.html", t.data.title.clone())
                .from(t)
                // Its own offers come and go through their URLs (see `card_deps`).
                .shows([Dep::Kind(Kind::Tier)])
                .shows(cards)
                .crumbs(&[("Support tiers", "/tiers/")])
                .summary(Some(&t.data.summary))
                .dates(t.data.reviewed, t.data.review_by)
                .with_lazy("tier", move |entries| {
                    let offers = by_tier.get(&t.data.tier).map_or(&[][..], Vec::as_slice);
                    tier_value(content, t, offers, Some(entries))
                }),
        );
    }

    // Offers
    let offers_by_url: OffersByUrl =
        std::sync::Arc::new(content.offers.iter().map(|o| (o.url.as_str(), o)).collect());
    let groups_by_tier = by_tier.clone();
    jobs.push(
        PageJob::new("/offers/", "offers.html", "Services")
            .listing()
            .shows([Dep::Kind(Kind::Tier), Dep::Kind(Kind::Offer)])
            .shows(offers.iter().flat_map(|o| card_deps(o)))
            .crumbs(&[])
            .summary(Some("Accommodation support services, by tier."))
            .with_lazy("by_tier", move |entries| {
                let groups: Vec<Value> = groups_by_tier
                    .iter()
                    .map(|(t, list)| {
                        let cards: Vec<Value> =
                            list.iter().map(|o| offer_entry(entries, content, o, 3)).collect();
                        let mut group = json!({"tier": link(&tier_title(content, *t), &route::url_for(Kind::Tier, t.key()))});
                        group["offers"] = Value::Array(cards);
                        group
                    })
                    .collect();
                Value::Array(groups)
            }),
    );
    for o in content.offers.iter().filter(|o| want(&o.url)) {
        let d = &o.data;
        let related_cards = related
            .get(&o.url)
            .into_iter()
            .flatten()
            .filter_map(|url| offers_by_url.get(url.as_str()))
            .flat_map(|r| card_deps(r));
        jobs.push(
            PageJob::new(o.url.clone(), "offer.html", d.title.clone())
                .from(o)
                .shows(card_deps(o))
                .shows([Dep::Kind(Kind::Tier)])
                .shows(related_cards)
                .crumbs(&[("Services", "/offers/")])
                .summary(Some(&d.summary))
                .dates(Some(d.reviewed), Some(d.review_by))
                .with_lazy("offer", {
                    let by_url = offers_by_url.clone();
                    move |entries| offer_value(content, o, related, &by_url, entries)
                }),
        );
    }

    jobs
}

/// Protocols, plain pages, reference pages, tools, browse lists, search and 404.
fn other_pages<'a>(content: &'a Content, want: Want) -> Vec<PageJob<'a>> {
    let mut jobs = protocol_pages(content, want);
    for p in content.pages.iter().filter(|p| want(&p.url)) {
        jobs.push(
            PageJob::new(p.url.clone(), "page.html", p.data.title.clone())
                .from(p)
                .crumbs(&[])
                .summary(p.data.summary.as_deref())
                .dates(p.data.reviewed, p.data.review_by)
                .with_lazy("body_html", move |_| json!(p.body.html)),
        );
    }

    jobs.push(glossary_page(content));
    if let Some(c) = &content.commitments {
        jobs.extend(commitments_pages(c));
    }
    if let Some(c) = &content.chooser {
        jobs.extend(chooser::chooser_pages(content, c));
    }
    jobs.extend(planner::planner_pages(content));
    let mut not_found = PageJob::new("/404.html", "404.html", "Page not found").crumbs(&[]);
    not_found.in_sitemap = false;
    not_found.searchable = false;
    jobs.extend(browse::browse_pages(content));
    jobs.push(browse::search_page());
    jobs.push(not_found);
    jobs
}

/// Offers by URL, for looking up related offers.
type OffersByUrl<'a> = std::sync::Arc<BTreeMap<&'a str, &'a Record<Offer>>>;

fn offer_value(
    content: &Content,
    o: &Record<Offer>,
    related: &Related,
    by_url: &OffersByUrl,
    entries: &dyn Entries,
) -> Value {
    let d = &o.data;
    let mut card = offer_card(content, o);
    let related: Vec<Value> = related
        .get(&o.url)
        .into_iter()
        .flatten()
        .filter_map(|url| by_url.get(url.as_str()).copied())
        .map(|r| offer_entry(entries, content, r, 3))
        .collect();
    let extra = json!({
        "tier_url": route::url_for(Kind::Tier, d.tier.key()),
        "eligibility": {
            "cohorts": d.eligibility.cohorts, "age_min": d.eligibility.age_min,
            "age_max": d.eligibility.age_max, "gender_label": d.eligibility.gender.label(),
        },
        "support": d.support, "how_to_refer": d.how_to_refer,
        "contacts": d.contacts.iter().map(|c| contact(c, None)).collect::<Vec<_>>(),
        "sessions": d.sessions, "weeks": d.weeks, "owner": d.owner, "body_html": o.body.html,
        "related": related,
    });
    merge(&mut card, extra);
    card
}

fn merge(into: &mut Value, extra: Value) {
    if let (Value::Object(a), Value::Object(b)) = (into, extra) {
        a.extend(b);
    }
}
