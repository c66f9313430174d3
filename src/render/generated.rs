//! The files made from the list of pages rather than from one: the sitemap (every page of
//! every language, with its alternates in the others), the robots file, and each
//! language's Atom feed (`/atom.xml`, `/cy/atom.xml`).

use super::{render_one, Renderer, Sink};
use crate::diagnostic::Diagnostic;
use crate::model::IsoDate;
use crate::outputs::{self, Output};
use crate::view::{context, PageJob};
use std::collections::BTreeSet;
use tera::Context;

/// What the sitemap and feed are made from. `serve` keeps the last one and writes them
/// again only when it changes (most edits change neither).
#[derive(Debug, Default, PartialEq)]
pub struct Listing {
    /// Every page in the sitemap: URL and date reviewed, in URL order (as pages are made).
    sitemap: Vec<(String, Option<IsoDate>)>,
    feed: context::Feed,
}

impl Renderer<'_> {
    /// What the generated files are made from: every page's URL and date (sitemap), and
    /// the newest services and guidance (feed).
    pub fn listing(&self, jobs: &[PageJob]) -> Listing {
        Listing {
            sitemap: jobs
                .iter()
                .filter(|j| j.in_sitemap)
                .map(|j| (j.url.clone(), j.reviewed))
                .collect(),
            feed: self.feed(),
        }
    }

    /// The listing after `jobs`, some of the site's pages, were made again (no page came
    /// or went): their dates in the sitemap, and the feed.
    pub fn listing_after(&self, before: &Listing, jobs: &[PageJob]) -> Listing {
        let mut sitemap = before.sitemap.clone();
        for j in jobs.iter().filter(|j| j.in_sitemap) {
            if let Ok(i) = sitemap.binary_search_by(|(url, _)| url.as_str().cmp(&j.url)) {
                sitemap[i].1 = j.reviewed;
            }
        }
        Listing {
            sitemap,
            feed: self.feed(),
        }
    }

    /// The sitemap, robots file and feed, by output path; with a `previous` listing, only
    /// those whose part of it changed. The first language's renderer makes all three;
    /// another language's its feed only.
    pub fn generated(
        &self,
        listing: &Listing,
        previous: Option<&Listing>,
    ) -> Vec<(String, Result<String, Diagnostic>)> {
        let first = self.edition == 0;
        let sitemap_changed = first && previous.is_none_or(|p| p.sitemap != listing.sitemap);
        let feed_changed = previous.is_none_or(|p| p.feed != listing.feed);
        let mut ctx = Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("t", &self.wording.text);
        if sitemap_changed {
            ctx.insert("urls", &self.sitemap_urls(&listing.sitemap));
            ctx.insert("multilingual", &self.editions.is_multilingual());
        }
        ctx.insert("feed", &listing.feed);
        let feed_file = self.edition().url("/atom.xml");
        [
            ("sitemap.xml", sitemap_changed),
            ("robots.txt", sitemap_changed),
            ("atom.xml", feed_changed),
        ]
        .into_iter()
        .filter(|(_, changed)| *changed)
        .map(|(name, _)| {
            let path = match name {
                "atom.xml" => feed_file.trim_start_matches('/').to_string(),
                other => other.to_string(),
            };
            (path, render_one(self.tera, name, &ctx, None))
        })
        .collect()
    }

    /// Each page of the sitemap (its address as published), with the same page in every
    /// language that has it, where more than one does.
    fn sitemap_urls(&self, pages: &[(String, Option<IsoDate>)]) -> Vec<context::SitemapUrl> {
        let base = &self.config.base_url;
        pages
            .iter()
            .map(|(url, reviewed)| {
                let (edition, bare) = self.editions.of_url(url);
                let mut alternates: Vec<context::Alternate> = self
                    .editions
                    .links(edition, bare)
                    .into_iter()
                    .filter(|l| l.translated)
                    .map(|l| context::Alternate {
                        lang: l.lang,
                        href: format!("{base}{}", l.url),
                    })
                    .collect();
                // A page in one language only has no alternates to name.
                if alternates.len() < 2 {
                    alternates.clear();
                }
                context::SitemapUrl {
                    loc: format!("{base}{url}"),
                    lastmod: reviewed.map(|d| d.iso()),
                    alternates,
                }
            })
            .collect()
    }

    /// The Atom feed of this renderer's language: the kinds `kind::KINDS` puts in it
    /// (services and guidance) that this language has pages of, newest review first;
    /// records without a `reviewed` date are left out. Dates come from content, never
    /// the clock, so the feed is byte-identical between builds.
    fn feed(&self) -> context::Feed {
        let edition = self.edition();
        let base = &self.config.base_url;
        // (reviewed, URL, title, summary) of every such record; only the newest are
        // sorted and made into entries.
        let records = self.content.records();
        let mut entries: Vec<Entry> = records
            .iter()
            .filter(|r| r.kind.row().feed)
            .filter(|r| self.edition == 0 || edition.has(r.url))
            .filter_map(|r| {
                let h = r.data.header();
                h.reviewed.map(|d| (d, r.url, h.title, h.summary))
            })
            .collect();
        // Newest first, then by URL: a total order, so the newest few are the same whichever
        // way they are picked.
        let newest_first = |a: &Entry, b: &Entry| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1));
        if entries.len() > FEED_ENTRIES {
            entries.select_nth_unstable_by(FEED_ENTRIES - 1, newest_first);
            entries.truncate(FEED_ENTRIES);
        }
        entries.sort_by(newest_first);
        let updated = entries
            .first()
            .map_or_else(|| "1970-01-01".to_string(), |e| e.0.iso());
        context::Feed {
            id: format!("{base}{}", edition.url("/")),
            url: format!("{base}{}", edition.url("/atom.xml")),
            updated: format!("{updated}T00:00:00Z"),
            entries: entries
                .into_iter()
                .map(|(d, u, t, s)| context::FeedEntry {
                    title: t.into_owned(),
                    url: format!("{base}{}", edition.url(u)),
                    updated: format!("{}T00:00:00Z", d.iso()),
                    summary: s.to_string(),
                })
                .collect(),
        }
    }
}

/// A record of the feed: (reviewed, URL, title, summary).
type Entry<'a> = (IsoDate, &'a str, std::borrow::Cow<'a, str>, &'a str);

/// How many entries the feed carries: readers want what changed lately, not the whole
/// directory (at 10k pages a full feed would be megabytes, fetched again on every poll).
const FEED_ENTRIES: usize = 50;

/// The sitemap, robots file and feeds, made from the pages as they are written.
pub struct Generated<'a> {
    /// The renderer of each language, the first language's first.
    renderers: Vec<&'a Renderer<'a>>,
    sink: &'a Sink<'a>,
    /// Each page of the sitemap: its URL and date reviewed.
    sitemap: std::sync::Mutex<Vec<(String, Option<IsoDate>)>>,
}

impl<'a> Generated<'a> {
    pub fn new(renderers: Vec<&'a Renderer<'a>>, sink: &'a Sink<'a>) -> Self {
        Generated {
            renderers,
            sink,
            sitemap: Default::default(),
        }
    }
}

impl Output for Generated<'_> {
    fn name(&self) -> &'static str {
        "sitemap, robots file and feed"
    }

    fn page(&self, page: &outputs::Page<'_>) {
        if page.in_sitemap {
            self.sitemap
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((page.url.to_string(), page.reviewed));
        }
    }

    fn finish(self: Box<Self>, _: &BTreeSet<String>) -> Result<Vec<String>, Vec<Diagnostic>> {
        let mut sitemap = self.sitemap.into_inner().unwrap_or_else(|e| e.into_inner());
        // Pages are written in any order; the sitemap lists them by URL, as `listing` does.
        sitemap.sort();
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for (i, renderer) in self.renderers.iter().enumerate() {
            let listing = Listing {
                // Only the first language's renderer makes the sitemap.
                sitemap: if i == 0 {
                    std::mem::take(&mut sitemap)
                } else {
                    Vec::new()
                },
                feed: renderer.feed(),
            };
            for (name, text) in renderer.generated(&listing, None) {
                match text.and_then(|text| self.sink.put(&name, text.as_bytes())) {
                    Ok(()) => files.push(name),
                    Err(d) => problems.push(d),
                }
            }
        }
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(problems)
        }
    }
}
