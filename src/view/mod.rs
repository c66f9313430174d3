//! What each template sees: turns the validated [`Content`] into one context per page.
//!
//! The shapes are documented in `docs/templates.md`; keep the two in step.

mod browse;
mod chooser;
mod directory;
mod reference;

pub use browse::BROWSE;
pub use reference::status_url;

use directory::{guidance_pages, partner_pages, protocol_pages};
use reference::{commitments_pages, glossary_page};

use crate::config::Config;
use crate::content::{Content, Record};
use crate::model::{Contact, IsoDate, Offer, Tier};
use crate::route::{self, Kind};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One page to render: its URL, template, the page-specific context, and the content
/// file it comes from (named in template errors).
pub struct PageJob<'a> {
    pub url: String,
    pub template: &'static str,
    pub title: String,
    pub summary: Option<String>,
    pub breadcrumbs: Vec<(String, String)>,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
    pub source_file: Option<String>,
    context: Value,
    /// The page's main object, built only when the page renders so that ten thousand
    /// contexts never sit in memory at once.
    lazy: Vec<(&'static str, LazyValue<'a>)>,
    /// Listed in the sitemap (not the 404 page).
    pub in_sitemap: bool,
    /// Indexed for the static search (not the 404, search or browse pages).
    pub searchable: bool,
    /// The records this page shows, beyond the parts every page shares (navigation,
    /// footer, site settings). `serve` re-renders a page when one of them changes.
    pub deps: Vec<Dep>,
}

/// Something a page is made from, so an edit re-renders exactly the pages it shows on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dep {
    /// The record at this URL, whether or not it exists yet: its own page, or its name
    /// and summary shown on another page.
    Url(String),
    /// Which records of this kind exist and their front matter: a list of them, or a
    /// title shown on many pages (a tier's).
    Kind(Kind),
}

/// The pages that show an offer's card: the offer itself, its provider and its tier's name.
fn card_deps(o: &Record<Offer>) -> [Dep; 2] {
    [
        Dep::Url(o.url.clone()),
        Dep::Url(route::url_for(Kind::Partner, &o.data.provider)),
    ]
}

type LazyValue<'a> = Box<dyn Fn() -> Value + Send + Sync + 'a>;

fn date(d: Option<IsoDate>) -> Value {
    d.map_or(
        Value::Null,
        |d| json!({ "iso": d.iso(), "display": d.display() }),
    )
}

fn link(title: &str, url: &str) -> Value {
    json!({ "title": title, "url": url })
}

impl<'a> PageJob<'a> {
    fn new(url: impl Into<String>, template: &'static str, title: impl Into<String>) -> Self {
        PageJob {
            url: url.into(),
            template,
            title: title.into(),
            summary: None,
            breadcrumbs: Vec::new(),
            reviewed: None,
            review_by: None,
            source_file: None,
            context: json!({}),
            lazy: Vec::new(),
            in_sitemap: true,
            searchable: true,
            deps: Vec::new(),
        }
    }

    /// Records that this page shows (see [`Dep`]).
    fn shows(mut self, deps: impl IntoIterator<Item = Dep>) -> Self {
        self.deps.extend(deps);
        self
    }

    fn crumbs(mut self, crumbs: &[(&str, &str)]) -> Self {
        self.breadcrumbs = std::iter::once(("Home", "/"))
            .chain(crumbs.iter().copied())
            .map(|(t, u)| (t.to_string(), u.to_string()))
            .collect();
        self
    }

    fn from<T>(mut self, r: &Record<T>) -> Self {
        self.source_file = Some(r.source.file.clone());
        self.deps.push(Dep::Url(r.url.clone()));
        self
    }

    fn dates(mut self, reviewed: Option<IsoDate>, review_by: Option<IsoDate>) -> Self {
        self.reviewed = reviewed;
        self.review_by = review_by;
        self
    }

    fn with(mut self, key: &str, value: Value) -> Self {
        if let Value::Object(map) = &mut self.context {
            map.insert(key.to_string(), value);
        }
        self
    }

    /// A page that lists other pages: the static search leaves it out, since a match there
    /// would only repeat the pages it lists.
    fn listing(mut self) -> Self {
        self.searchable = false;
        self
    }

    fn with_lazy(mut self, key: &'static str, make: impl Fn() -> Value + Send + Sync + 'a) -> Self {
        self.lazy.push((key, Box::new(make)));
        self
    }

    /// The page-specific context (without `site`, `nav`, `help` and `page`).
    pub fn context(&self) -> Value {
        let mut value = self.context.clone();
        if let Value::Object(map) = &mut value {
            for (key, make) in &self.lazy {
                map.insert((*key).to_string(), make());
            }
        }
        value
    }

    fn summary(mut self, s: Option<&str>) -> Self {
        self.summary = s.map(str::to_string);
        self
    }

    /// The `page` object every template gets.
    pub fn page_value(&self) -> Value {
        let crumbs: Vec<Value> = self.breadcrumbs.iter().map(|(t, u)| link(t, u)).collect();
        json!({
            "url": self.url,
            "title": self.title,
            "summary": self.summary,
            "breadcrumbs": crumbs,
            "reviewed": date(self.reviewed),
            "review_by": date(self.review_by),
            "template": self.template,
            "searchable": self.searchable,
        })
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

/// A tier for templates; `offers` are included only on the tier's own page, the other
/// pages need just the count.
fn tier_value(
    content: &Content,
    t: &Record<crate::model::TierPage>,
    offers: &[&Record<Offer>],
    with_offers: bool,
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
    let cards: Vec<Value> = if with_offers {
        offers.iter().map(|o| offer_card(content, o)).collect()
    } else {
        Vec::new()
    };
    json!({
        "key": d.tier.key(), "name": d.tier.name(), "title": d.title, "url": t.url,
        "summary": d.summary, "who_for": d.who_for, "sessions": d.sessions, "weeks": d.weeks,
        "interventions": interventions, "includes": includes, "body_html": t.body.html,
        "offer_count": offers.len(), "offers": cards,
    })
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
/// their context is made, which keeps a one-page update cheap at 10k pages.
pub fn pages_where<'a>(content: &'a Content, related: &'a Related, want: Want) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    let offers = offers_sorted(content);
    let mut by_tier: BTreeMap<Tier, Vec<&Record<Offer>>> = BTreeMap::new();
    for o in &offers {
        by_tier.entry(o.data.tier).or_default().push(o);
    }
    let by_tier = std::sync::Arc::new(by_tier);
    let tier_offers = |tier: Tier| by_tier.get(&tier).map_or(&[][..], Vec::as_slice);
    let tiers: Vec<Value> = content
        .tiers
        .iter()
        .map(|t| tier_value(content, t, tier_offers(t.data.tier), false))
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
    jobs.push(
        home.with("intro_html", json!(intro))
            .with("audiences", audiences)
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
                .with_lazy("tier", move || {
                    let offers = by_tier.get(&t.data.tier).map_or(&[][..], Vec::as_slice);
                    tier_value(content, t, offers, true)
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
            .with_lazy("by_tier", move || {
                let groups: Vec<Value> = groups_by_tier
                    .iter()
                    .map(|(t, list)| {
                        let cards: Vec<Value> = list.iter().map(|o| offer_card(content, o)).collect();
                        json!({"tier": link(&tier_title(content, *t), &route::url_for(Kind::Tier, t.key())), "offers": cards})
                    })
                    .collect();
                json!(groups)
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
                    move || offer_value(content, o, related, &by_url)
                }),
        );
    }

    jobs.extend(partner_pages(content, &offers, want));
    jobs.extend(protocol_pages(content, want));
    jobs.extend(guidance_pages(content, want));

    for p in content.pages.iter().filter(|p| want(&p.url)) {
        jobs.push(
            PageJob::new(p.url.clone(), "page.html", p.data.title.clone())
                .from(p)
                .crumbs(&[])
                .summary(p.data.summary.as_deref())
                .dates(p.data.reviewed, p.data.review_by)
                .with_lazy("body_html", move || json!(p.body.html)),
        );
    }

    jobs.push(glossary_page(content));
    if let Some(c) = &content.commitments {
        jobs.extend(commitments_pages(c));
    }
    if let Some(c) = &content.chooser {
        jobs.extend(chooser::chooser_pages(content, c));
    }
    let mut not_found = PageJob::new("/404.html", "404.html", "Page not found").crumbs(&[]);
    not_found.in_sitemap = false;
    not_found.searchable = false;
    jobs.extend(browse::browse_pages(content));
    jobs.push(browse::search_page());
    jobs.push(not_found);
    jobs.retain(|j| want(&j.url));
    jobs.sort_by(|a, b| a.url.cmp(&b.url));
    jobs
}

/// Offers by URL, for looking up related offers.
type OffersByUrl<'a> = std::sync::Arc<BTreeMap<&'a str, &'a Record<Offer>>>;

fn offer_value(
    content: &Content,
    o: &Record<Offer>,
    related: &Related,
    by_url: &OffersByUrl,
) -> Value {
    let d = &o.data;
    let mut card = offer_card(content, o);
    let related: Vec<Value> = related
        .get(&o.url)
        .into_iter()
        .flatten()
        .filter_map(|url| by_url.get(url.as_str()).copied())
        .map(|r| offer_card(content, r))
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
