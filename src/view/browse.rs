//! Browse lists and the search page. Without JavaScript the search page offers these
//! lists instead of results: A–Z, by tier, by region and by kind, each a static page.

use super::context::{self, Rendered};
use super::{to_value, Crumb, Dep, Entries, PageJob, View};
use crate::content::Content;
use crate::kind::{DocKind, Kind, KINDS};
use crate::model::Tier;
use crate::route::made;
use crate::wording::{Made, Wording};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// One page in a browse list, borrowed from the content (there is one per page).
struct Item<'a> {
    title: Cow<'a, str>,
    url: &'a str,
    kind: DocKind,
    summary: Cow<'a, str>,
    tier: Option<Tier>,
    regions: &'a [String],
}

impl Item<'_> {
    fn value(&self, wording: &Wording) -> context::BrowseItem {
        context::BrowseItem {
            title: self.title.to_string(),
            url: self.url.to_string(),
            kind: self.kind.key(),
            kind_label: wording.labels.kind(self.kind).to_string(),
            summary: self.summary.to_string(),
        }
    }
}

/// Every record of a kind the browse lists take (`browse` in `kind::KINDS`), under the
/// name search gives its page (tools and reference pages are "other pages").
fn items<'a>(content: &'a Content, wording: &Wording) -> Vec<Item<'a>> {
    let mut items: Vec<Item> = content
        .records()
        .into_iter()
        .filter(|r| r.kind.row().browse)
        .map(|r| {
            let header = r.data.header();
            Item {
                title: wording.title_of(&header),
                url: r.url,
                kind: r.kind.row().search.unwrap_or_default(),
                summary: wording.summary_of(&header),
                tier: header.tier,
                regions: header.regions,
            }
        })
        .collect();
    // Each key made once, not once per comparison.
    items.sort_by_cached_key(|i| (i.title.to_lowercase(), i.url));
    items
}

/// The kinds of record the browse pages list.
fn listed() -> impl Iterator<Item = Kind> {
    KINDS.iter().filter(|row| row.browse).map(|row| row.kind)
}

/// Browse pages in the order the search page lists them.
const BROWSE: [(&str, Made); 4] = [
    (made::BROWSE_A_Z, Made::BrowseAToZ),
    (made::BROWSE_TIERS, Made::BrowseTiers),
    (made::BROWSE_REGIONS, Made::BrowseRegions),
    (made::BROWSE_KINDS, Made::BrowseKinds),
];

fn browse_links(current: &str, wording: &Wording) -> Vec<context::BrowseLink> {
    BROWSE
        .iter()
        .map(|(url, page)| context::BrowseLink {
            title: wording.pages.of(*page).name.clone(),
            url: url.to_string(),
            current: *url == current,
        })
        .collect()
}

/// A group of a browse list, its lines rendered by `entries` (each shows only its own page).
fn group(
    entries: &dyn Entries,
    title: &str,
    anchor: String,
    list: &[&Item<'_>],
) -> context::BrowseGroup {
    let items: Vec<Rendered> = list
        .iter()
        .map(|i| {
            entries.entry(
                View::BrowseItem,
                i.url,
                &|| vec![Dep::Url(i.url.to_string())],
                &|| {
                    to_value(context::BrowseItemView {
                        i: i.value(entries.wording()),
                    })
                },
            )
        })
        .collect();
    context::BrowseGroup {
        title: title.to_string(),
        anchor,
        items,
    }
}

fn slug(text: &str) -> String {
    crate::route::slugify_name(text)
}

/// The four browse pages. The list of every page is made once, by whichever browse page
/// renders first, and only when one does.
pub fn browse_pages(content: &Content) -> Vec<PageJob<'_>> {
    let all: Arc<OnceLock<Vec<Item>>> = Arc::new(OnceLock::new());
    let mut jobs = Vec::new();

    let shared = all.clone();
    jobs.push(page(made::BROWSE_A_Z, Made::BrowseAToZ, move |entries| {
        let items = || shared.get_or_init(|| items(content, entries.wording()));
        let mut by_letter: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
        for i in items() {
            let letter: String = i
                .title
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            by_letter.entry(letter).or_default().push(i);
        }
        by_letter
            .iter()
            .map(|(l, list)| group(entries, l, format!("letter-{}", slug(l)), list))
            .collect()
    }));

    let shared = all.clone();
    jobs.push(page(
        made::BROWSE_TIERS,
        Made::BrowseTiers,
        move |entries| {
            let items = || shared.get_or_init(|| items(content, entries.wording()));
            content
                .tiers
                .iter()
                .map(|t| {
                    let list: Vec<&Item> = items()
                        .iter()
                        .filter(|i| i.tier == Some(t.data.tier))
                        .collect();
                    group(
                        entries,
                        &t.data.title,
                        format!("tier-{}", t.data.tier.key()),
                        &list,
                    )
                })
                .collect()
        },
    ));

    let shared = all.clone();
    jobs.push(page(
        made::BROWSE_REGIONS,
        Made::BrowseRegions,
        move |entries| {
            let items = || shared.get_or_init(|| items(content, entries.wording()));
            let mut by_region: BTreeMap<String, (String, Vec<&Item>)> = BTreeMap::new();
            for i in items() {
                // A page naming a region twice is listed under it once.
                let mut seen = std::collections::BTreeSet::new();
                for r in i.regions {
                    let key = r.trim().to_lowercase();
                    if seen.insert(key.clone()) {
                        by_region
                            .entry(key)
                            .or_insert_with(|| (r.trim().to_string(), Vec::new()))
                            .1
                            .push(i);
                    }
                }
            }
            by_region
                .values()
                .map(|(name, list)| group(entries, name, format!("region-{}", slug(name)), list))
                .collect()
        },
    ));

    let shared = all.clone();
    jobs.push(page(
        made::BROWSE_KINDS,
        Made::BrowseKinds,
        move |entries| {
            let items = || shared.get_or_init(|| items(content, entries.wording()));
            let mut groups = Vec::new();
            for kind in DocKind::ALL {
                let list: Vec<&Item> = items().iter().filter(|i| i.kind == kind).collect();
                if !list.is_empty() {
                    groups.push(group(
                        entries,
                        entries.wording().labels.kinds(kind),
                        format!("kind-{}", kind.key()),
                        &list,
                    ));
                }
            }
            groups
        },
    ));
    jobs
}

/// A browse page; its groups are made only when it renders.
fn page<'a>(
    url: &'static str,
    page: Made,
    groups: impl Fn(&dyn Entries) -> Vec<context::BrowseGroup> + Send + Sync + 'a,
) -> PageJob<'a> {
    PageJob::made(url, page, "", move |entries| context::BrowsePage {
        browse: context::Browse {
            links: browse_links(url, entries.wording()),
            groups: groups(entries),
        },
    })
    .crumbs(&[Crumb::Made(Made::Search)])
    .shows(listed().map(Dep::Kind))
}

/// The search page with results worked out by the server (`serve`'s `/search?q=`), given
/// as the template's `results` (`docs/templates.md`).
pub fn search_results_page(results: context::SearchResults) -> PageJob<'static> {
    search_page(Some(results))
}

/// The search page: a form, results filled in by JavaScript (or by `serve` for a search
/// without JavaScript), and the browse lists.
pub fn search_page(results: Option<context::SearchResults>) -> PageJob<'static> {
    PageJob::made(made::SEARCH, Made::Search, "", move |entries| {
        context::SearchPage {
            browse_links: browse_links("", entries.wording()),
            results: results.clone(),
        }
    })
    .crumbs(&[])
}
