//! The home page, the tiers and the services: the pages made from offers and tiers.

use super::context::{self, Rendered};
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
use std::collections::BTreeMap;

/// The home page, the tiers and the services.
pub(super) fn offer_pages<'a>(
    content: &'a Content,
    related: &'a Related,
    offers: &[&'a Record<Offer>],
    wording: &'a crate::wording::Wording,
    want: Want,
) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    let mut by_tier: BTreeMap<Tier, Vec<&Record<Offer>>> = BTreeMap::new();
    for o in offers {
        by_tier.entry(o.data.tier).or_default().push(o);
    }
    let by_tier = std::sync::Arc::new(by_tier);
    let tier_offers = |tier: Tier| by_tier.get(&tier).map_or(&[][..], Vec::as_slice);
    let tiers: Vec<context::Tier> = content
        .tiers
        .iter()
        .map(|t| tier_value(content, t, tier_offers(t.data.tier), None, wording))
        .collect();

    let intro = content
        .home
        .as_ref()
        .map_or(String::new(), |h| h.body.html.clone());
    // The practitioners' tools, when the content has them.
    let tool = |title: &str, url: &str, text: &str| context::Tool {
        title: title.to_string(),
        url: url.to_string(),
        text: text.to_string(),
    };
    let tools: Vec<context::Tool> = [
        content
            .chooser
            .as_ref()
            .map(|c| tool(&c.data.title, &c.url, &c.data.summary)),
        content
            .planner
            .as_ref()
            .map(|p| tool(&p.data.title, &p.url, &p.data.summary)),
    ]
    .into_iter()
    .flatten()
    .collect();

    // Home
    let home_tiers = tiers.clone();
    let mut home = PageJob::made("/", Made::Home, "", move |_| context::Home {
        intro_html: intro.clone(),
        tools: tools.clone(),
        tiers: home_tiers.clone(),
    })
    .shows([
        Dep::Url("/".into()),
        Dep::Kind(Kind::Tier),
        Dep::Kind(Kind::Offer),
    ]);
    if let Some(h) = &content.home {
        home = home
            .from(h)
            .summary(h.data.summary.as_deref())
            .dates(h.data.reviewed, h.data.review_by);
        // A home page without a title of its own keeps the theme's name for it.
        if !h.data.title.is_empty() {
            home.title = h.data.title.clone();
            home.made = None;
        }
    }
    jobs.push(home.shows([
        Dep::Url(route::url_for(Kind::Chooser, "")),
        Dep::Url(route::url_for(Kind::Planner, "")),
    ]));

    // Tiers
    let chooser_url = content.chooser.as_ref().map(|c| c.url.clone());
    jobs.push(
        PageJob::made(made::TIERS, Made::Tiers, "", move |_| context::Tiers {
            tiers: tiers.clone(),
            chooser_url: chooser_url.clone(),
        })
        .shows([Dep::Kind(Kind::Tier), Dep::Kind(Kind::Offer)])
        .crumbs(&[])
        .shows([Dep::Url(route::url_for(Kind::Chooser, ""))]),
    );
    for t in content.tiers.iter().filter(|t| want(&t.url)) {
        let by_tier = by_tier.clone();
        let cards = tier_offers(t.data.tier).iter().flat_map(|o| card_deps(o));
        jobs.push(
            PageJob::new(t.url.clone(), t.data.title.clone(), move |entries| {
                let offers = by_tier.get(&t.data.tier).map_or(&[][..], Vec::as_slice);
                context::TierPage {
                    tier: tier_value(content, t, offers, Some(entries), wording),
                }
            })
            .from(t)
            // Its own offers come and go through their URLs (see `card_deps`).
            .shows([Dep::Kind(Kind::Tier)])
            .shows(cards)
            .crumbs(&[Crumb::Made(Made::Tiers)])
            .summary(Some(&t.data.summary))
            .dates(t.data.reviewed, t.data.review_by),
        );
    }

    // Offers
    let offers_by_url: OffersByUrl =
        std::sync::Arc::new(content.offers.iter().map(|o| (o.url.as_str(), o)).collect());
    let groups_by_tier = by_tier.clone();
    jobs.push(
        PageJob::made(made::OFFERS, Made::Offers, "", move |entries| {
            context::Offers {
                by_tier: groups_by_tier
                    .iter()
                    .map(|(t, list)| context::TierOffers {
                        tier: link(
                            &tier_title(content, *t, wording),
                            &route::url_for(Kind::Tier, t.key()),
                        ),
                        offers: list
                            .iter()
                            .map(|o| offer_entry(entries, content, o, 3))
                            .collect(),
                    })
                    .collect(),
            }
        })
        .shows([Dep::Kind(Kind::Tier), Dep::Kind(Kind::Offer)])
        .shows(offers.iter().flat_map(|o| card_deps(o)))
        .crumbs(&[]),
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
            PageJob::new(o.url.clone(), d.title.clone(), {
                let by_url = offers_by_url.clone();
                move |entries| context::OfferPage {
                    offer: offer_value(content, o, related, &by_url, entries),
                }
            })
            .from(o)
            .shows(card_deps(o))
            .shows([Dep::Kind(Kind::Tier)])
            .shows(related_cards)
            .crumbs(&[Crumb::Made(Made::Offers)])
            .summary(Some(&d.summary))
            .dates(Some(d.reviewed), Some(d.review_by)),
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
    wording: &crate::wording::Wording,
) -> context::Tier {
    let d = &t.data;
    let includes = d
        .tier
        .below()
        .map(|b| {
            link(
                &tier_title(content, b, wording),
                &route::url_for(Kind::Tier, b.key()),
            )
        })
        .collect();
    let interventions = d
        .interventions
        .iter()
        .map(|i| context::Intervention {
            letter: i.letter.clone(),
            text: i.text.clone(),
        })
        .collect();
    let cards: Vec<Rendered> = match entries {
        Some(e) => offers
            .iter()
            .map(|o| offer_entry(e, content, o, 3))
            .collect(),
        None => Vec::new(),
    };
    context::Tier {
        key: d.tier.key(),
        name: wording.labels.tier(d.tier).to_string(),
        title: d.title.clone(),
        url: t.url.clone(),
        summary: d.summary.clone(),
        who_for: d.who_for.clone(),
        sessions: d.sessions,
        weeks: d.weeks,
        interventions,
        includes,
        body_html: t.body.html.clone(),
        offer_count: offers.len(),
        offers: cards,
    }
}

/// Offers by URL, for looking up related offers.
type OffersByUrl<'a> = std::sync::Arc<BTreeMap<&'a str, &'a Record<Offer>>>;

fn offer_value(
    content: &Content,
    o: &Record<Offer>,
    related: &Related,
    by_url: &OffersByUrl,
    entries: &dyn Entries,
) -> context::Offer {
    let d = &o.data;
    let related = related
        .get(&o.url)
        .into_iter()
        .flatten()
        .filter_map(|url| by_url.get(url.as_str()).copied())
        .map(|r| offer_entry(entries, content, r, 3))
        .collect();
    context::Offer {
        card: offer_card(content, o, entries.wording()),
        tier_url: route::url_for(Kind::Tier, d.tier.key()),
        eligibility: context::Eligibility {
            cohorts: d.eligibility.cohorts.clone(),
            age_min: d.eligibility.age_min,
            age_max: d.eligibility.age_max,
            gender_label: entries
                .wording()
                .labels
                .gender(d.eligibility.gender)
                .to_string(),
        },
        support: d.support.clone(),
        how_to_refer: d.how_to_refer.clone(),
        contacts: d
            .contacts
            .iter()
            .map(|c| contact(c, None, &entries.wording().dates))
            .collect(),
        sessions: d.sessions,
        weeks: d.weeks,
        owner: d.owner.clone(),
        body_html: o.body.html.clone(),
        related,
    }
}
