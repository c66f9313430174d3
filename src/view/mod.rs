//! What each template sees: turns the validated [`Content`] into one context per page.
//!
//! The shapes are the types of [`context`], from which `docs/templates.md` is generated.

mod browse;
mod chooser;
pub mod context;
mod directory;
mod job;
mod offers;
mod planner;
mod reference;

use crate::wording::{DateWording, Made, Wording};
pub use browse::search_results_page;
use job::to_value;
use job::Crumb;
use job::{date, link};
pub use job::{Dep, Entries, PageJob, View};

use directory::{guidance_pages, partner_pages, protocol_pages};
use offers::offer_pages;
use reference::{commitments_pages, glossary_page};

use crate::config::Config;
use crate::content::{Content, Record};
use crate::model::{Contact, IsoDate, Offer, Tier};
use crate::route::made;
use crate::route::{self, Kind};
use rayon::prelude::*;

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
        // Other kinds show on their own pages and in the lists of their kind only.
        _ if kind.row().several_pages => None,
        _ => Some(Vec::new()),
    }
}

/// Navigation shared by every page.
pub fn nav(content: &Content, wording: &Wording) -> Vec<context::Link> {
    let mut pages = vec![
        Made::Tiers,
        Made::Offers,
        Made::Partners,
        Made::Protocols,
        Made::Guidance,
        Made::Glossary,
    ];
    if content.commitments.is_some() {
        pages.push(Made::Commitments);
    }
    pages.push(Made::Search);
    pages
        .into_iter()
        .map(|p| link(&wording.pages.of(p).name, job::made_url(p)))
        .collect()
}

/// Footer links: the plain pages (accessibility statement, about), by title.
pub fn footer(content: &Content) -> Vec<context::Link> {
    let mut pages: Vec<_> = content.pages.iter().collect();
    pages.sort_by(|a, b| (&a.data.title, &a.slug).cmp(&(&b.data.title, &b.slug)));
    pages.iter().map(|p| link(&p.data.title, &p.url)).collect()
}

pub fn site_value(config: &Config) -> context::Site {
    context::Site {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.base_url.clone(),
    }
}

fn contact(c: &Contact, inherited: Option<IsoDate>, dates: &DateWording) -> context::Contact {
    context::Contact {
        role: c.role.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        address: c.address.clone(),
        hours: c.hours.clone(),
        notes: c.notes.clone(),
        url: c.url.clone(),
        verified: date(c.verified.or(inherited), dates),
    }
}

/// A tier's title: its page's, or the theme's words for a tier without one.
fn tier_title(content: &Content, tier: Tier, wording: &Wording) -> String {
    content
        .tiers
        .iter()
        .find(|t| t.data.tier == tier)
        .map_or_else(
            || {
                let name = wording.labels.tier(tier);
                crate::wording::fill(&wording.tiers.untitled, &[("tier", &name)])
            },
            |t| t.data.title.clone(),
        )
}

/// An offer's card as a list entry, its title a heading of `level` (see [`View`]).
fn offer_entry(
    entries: &dyn Entries,
    content: &Content,
    o: &Record<Offer>,
    level: u8,
) -> context::Rendered {
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
        &|| {
            to_value(context::OfferCardView {
                o: offer_card(content, o, entries.wording()),
                level,
            })
        },
    )
}

fn offer_card(content: &Content, o: &Record<Offer>, wording: &Wording) -> context::OfferCard {
    let provider = content.partner(&o.data.provider).map_or_else(
        || link(&o.data.provider, made::PARTNERS),
        |p| link(&p.data.name, &p.url),
    );
    context::OfferCard {
        title: o.data.title.clone(),
        url: o.url.clone(),
        summary: o.data.summary.clone(),
        tier_key: o.data.tier.key(),
        tier_title: tier_title(content, o.data.tier, wording),
        provider,
        regions: o.data.regions.clone(),
    }
}

fn offers_sorted(content: &Content) -> Vec<&Record<Offer>> {
    let mut v: Vec<_> = content.offers.iter().collect();
    v.sort_by(|a, b| {
        (a.data.tier, &a.data.title, &a.slug).cmp(&(b.data.tier, &b.data.title, &b.slug))
    });
    v
}

pub use crate::search::related::Related;

/// Every page of the site, in URL order.
pub fn pages<'a>(
    content: &'a Content,
    related: &'a Related,
    wording: &'a Wording,
) -> Vec<PageJob<'a>> {
    pages_where(content, related, wording, &|_| true)
}

/// The pages of one of the site's other languages, from its content
/// (`translation::content_in`): the pages made from its translations (whose files are
/// `translated`) and the pages the site makes itself (lists, browse lists, search), in
/// URL order; never a page of a record it has no translation of, which would be a page
/// in the first language published as this one's.
pub fn pages_translated<'a>(
    content: &'a Content,
    related: &'a Related,
    wording: &'a Wording,
    translated: &std::collections::BTreeSet<String>,
) -> Vec<PageJob<'a>> {
    let records = content.records();
    let untranslated: std::collections::HashSet<&str> = records
        .iter()
        .filter(|r| !translated.contains(&r.source.file))
        .map(|r| r.url)
        .collect();
    let own: std::collections::HashSet<&str> = records
        .iter()
        .filter(|r| translated.contains(&r.source.file))
        .map(|r| r.url)
        .collect();
    // Skips the pages of records without a translation before their contexts are made.
    let want = |url: &str| own.contains(url) || !untranslated.contains(url);
    let mut jobs = pages_where(content, related, wording, &want);
    jobs.retain(|j| {
        j.source_file
            .as_ref()
            .is_none_or(|f| translated.contains(f))
    });
    jobs
}

/// Chooses pages by URL, so `serve` makes only the pages an edit touches.
pub type Want<'w> = &'w (dyn Fn(&str) -> bool + Sync);

/// The pages whose URL is wanted, in URL order. Pages of each record are skipped before
/// their context is made, which keeps a one-page update cheap at 10k pages; the kinds
/// with most pages are made in parallel (`serve` makes every page when an edit may move
/// records between lists).
pub fn pages_where<'a>(
    content: &'a Content,
    related: &'a Related,
    wording: &'a Wording,
    want: Want,
) -> Vec<PageJob<'a>> {
    let offers = offers_sorted(content);
    let ((mut jobs, partners), (guidance, others)) = rayon::join(
        || {
            rayon::join(
                || offer_pages(content, related, &offers, wording, want),
                || partner_pages(content, &offers, wording, want),
            )
        },
        || {
            rayon::join(
                || guidance_pages(content, wording, want),
                || other_pages(content, wording, want),
            )
        },
    );
    jobs.extend(partners);
    jobs.extend(guidance);
    jobs.extend(others);
    jobs.retain(|j| want(&j.url));
    jobs.par_sort_by(|a, b| a.url.cmp(&b.url));
    // The same pages as the tantivy index's page documents (`search::documents`).
    let searched: Vec<&str> = content
        .records()
        .into_iter()
        .filter(|r| r.kind.row().search.is_some())
        .map(|r| r.url)
        .collect();
    for url in searched {
        if let Ok(i) = jobs.binary_search_by(|j| j.url.as_str().cmp(url)) {
            jobs[i].searchable = true;
        }
    }
    jobs
}

/// The pages of kinds without a view of their own: each record's page shows its header,
/// its fields (as `record`) and its body, with the template its row of `kind::KINDS` names.
fn record_pages<'a>(content: &'a Content, want: Want) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    for r in content.records() {
        let Some(template) = r.kind.row().template else {
            continue;
        };
        if !want(r.url) {
            continue;
        }
        let header = r.data.header();
        let (data, body) = (r.data, r.body);
        let mut job = PageJob::new(r.url, header.title.as_ref(), move |_| context::RecordPage {
            record: data.fields(),
            body_html: body.html.clone(),
        })
        .crumbs(&[])
        .summary(Some(header.summary))
        .dates(header.reviewed, header.review_by);
        job.template = template;
        job.source_file = Some(r.source.file.clone());
        job.deps.push(Dep::Url(r.url.to_string()));
        jobs.push(job);
    }
    jobs
}

/// Protocols, plain pages, reference pages, tools, browse lists, search and 404.
fn other_pages<'a>(content: &'a Content, wording: &'a Wording, want: Want) -> Vec<PageJob<'a>> {
    let mut jobs = protocol_pages(content, wording, want);
    for p in content.pages.iter().filter(|p| want(&p.url)) {
        jobs.push(
            PageJob::new(p.url.clone(), p.data.title.clone(), move |_| {
                context::PlainPage {
                    body_html: p.body.html.clone(),
                }
            })
            .from(p)
            .crumbs(&[])
            .summary(p.data.summary.as_deref())
            .dates(p.data.reviewed, p.data.review_by),
        );
    }

    jobs.extend(record_pages(content, want));
    jobs.push(glossary_page(content));
    if let Some(c) = &content.commitments {
        jobs.extend(commitments_pages(c, wording));
    }
    if let Some(c) = &content.chooser {
        jobs.extend(chooser::chooser_pages(content, c, wording));
    }
    jobs.extend(planner::planner_pages(content, wording));
    let mut not_found =
        PageJob::made("/404.html", Made::NotFound, "", |_| context::NotFound {}).crumbs(&[]);
    not_found.in_sitemap = false;
    jobs.extend(browse::browse_pages(content));
    jobs.push(browse::search_page(None));
    jobs.push(not_found);
    jobs
}
