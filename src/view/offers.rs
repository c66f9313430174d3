//! The home page, the tiers and the services: the pages made from offers and tiers.

use super::job::link;
use super::Crumb;
use super::{
    card_deps, contact, offer_card, offer_entry, tier_title, Dep, Entries, PageJob, Related, Want,
};
use crate::content::{Content, Record};
use crate::model::{Offer, Tier};
use crate::route::made;
use crate::route::{self, Kind};
use crate::wording::Made;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The home page, the tiers and the services.
pub(super) fn offer_pages<'a>(
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
    let mut home = PageJob::made("/", "home.html", Made::Home, "").shows([
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
        home.made = None;
    }
    let intro = content
        .home
        .as_ref()
        .map_or(String::new(), |h| h.body.html.clone());
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
            .with("tools", json!(tools))
            .shows([
                Dep::Url(route::url_for(Kind::Chooser, "")),
                Dep::Url(route::url_for(Kind::Planner, "")),
            ])
            .with("tiers", json!(tiers)),
    );

    // Tiers
    jobs.push(
        PageJob::made(made::TIERS, "tiers.html", Made::Tiers, "")
            .shows([Dep::Kind(Kind::Tier), Dep::Kind(Kind::Offer)])
            .crumbs(&[])
            .with("tiers", json!(tiers))
            .with(
                "chooser_url",
                json!(content.chooser.as_ref().map(|c| &c.url)),
            )
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
                .crumbs(&[Crumb::Made(Made::Tiers)])
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
        PageJob::made(made::OFFERS, "offers.html", Made::Offers, "")
            .shows([Dep::Kind(Kind::Tier), Dep::Kind(Kind::Offer)])
            .shows(offers.iter().flat_map(|o| card_deps(o)))
            .crumbs(&[])
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
                .crumbs(&[Crumb::Made(Made::Offers)])
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
            "age_max": d.eligibility.age_max, "gender_label": entries.wording().labels.gender(d.eligibility.gender),
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
