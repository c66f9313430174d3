//! Rendering: pages through Tera templates (the site's own `templates/` override the
//! theme's), plus the sitemap, feed, robots file and static files. Each file goes to a
//! [`Sink`]: nowhere for `check`, or the build's staging folder, which replaces the
//! output only if the whole build succeeds.

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::IsoDate;
use crate::output::Staging;
use crate::outputs::{self, Output};
use crate::view::{self, PageJob};
use crate::wording::Wording;
pub use entries::EntryCache;
pub use theme::{templates, StaticFiles};

mod contexts;
mod entries;
mod theme;
pub use crate::html::escape;
use crate::view::context;
use contexts::Contexts;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::error::Error as _;
use tera::{Context, Tera};

/// Where rendered files go: nowhere (for `check`) or a staging folder.
pub struct Sink<'a> {
    pub staging: Option<&'a Staging>,
}

impl Sink<'_> {
    /// Writes a file into the site (or nowhere, for `check`).
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        match self.staging {
            None => Ok(()),
            Some(s) => s
                .write(rel, bytes)
                .map_err(|e| Diagnostic::new(Code::Io, rel.to_string(), e.to_string())),
        }
    }
}

/// What was produced: output paths (sorted) of every file.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: BTreeSet<String>,
    pages: usize,
}

impl Rendered {
    /// Pages rendered from templates (not HTML files copied from static/ or content/).
    pub fn pages(&self) -> usize {
        self.pages
    }
}

/// Tera nests the useful message several errors deep.
fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

/// Renders pages with what every page shares (site settings, navigation, footer), so a
/// whole build and `serve`'s single-page updates render alike.
pub struct Renderer<'a> {
    tera: &'a Tera,
    wording: &'a Wording,
    entries: &'a EntryCache,
    config: &'a Config,
    content: &'a Content,
    search: &'a crate::search::SearchData,
    site: context::Site,
    nav: Vec<context::Link>,
    footer: Vec<context::Link>,
    help: Option<crate::config::Help>,
    /// Pages' contexts, with what every page shares.
    pages: Contexts,
    /// List entries' contexts, with the theme's words.
    views: Contexts,
}

impl<'a> Renderer<'a> {
    /// The content pages are made from.
    pub fn content(&self) -> &'a Content {
        self.content
    }

    pub fn config(&self) -> &'a Config {
        self.config
    }

    pub fn wording(&self) -> &'a Wording {
        self.wording
    }

    pub fn new(
        tera: &'a Tera,
        wording: &'a Wording,
        config: &'a Config,
        content: &'a Content,
        search: &'a crate::search::SearchData,
        entries: &'a EntryCache,
    ) -> Self {
        let site = view::site_value(config);
        let nav = view::nav(content, wording);
        let footer = view::footer(content);
        let help = config.help.clone();
        let mut shared = Context::new();
        shared.insert("site", &site);
        shared.insert("nav", &nav);
        shared.insert("footer_links", &footer);
        shared.insert("help", &help);
        shared.insert("t", &wording.text);
        shared.insert("dates", &wording.dates);
        let mut words = Context::new();
        words.insert("t", &wording.text);
        Renderer {
            tera,
            wording,
            entries,
            config,
            content,
            search,
            site,
            nav,
            footer,
            help,
            pages: Contexts::new(shared),
            views: Contexts::new(words),
        }
    }

    /// The parts every page shows; when they change, every page changes.
    pub fn shared_parts(&self) -> serde_json::Value {
        serde_json::to_value((&self.site, &self.nav, &self.footer, &self.help)).unwrap_or_default()
    }

    /// One page: its output path and HTML.
    pub fn page(&self, job: &PageJob) -> Result<(String, String), Diagnostic> {
        let entries = entries::PageEntries {
            tera: self.tera,
            wording: self.wording,
            cache: self.entries,
            contexts: &self.views,
            error: Default::default(),
        };
        let mut own = job.context(&entries);
        if let Some(d) = entries
            .error
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
        {
            return Err(d);
        }
        let facets = self.search.facets.get(&job.url).map(|f| {
            let mut f = f.clone();
            f.kind_label = self.wording.labels.kind_of_key(&f.kind).to_string();
            f
        });
        if let serde_json::Value::Object(map) = &mut own {
            let page = serde_json::to_value(job.page_value(self.wording));
            map.insert("page".into(), page.unwrap_or_default());
            let page_search = serde_json::to_value(facets);
            map.insert("page_search".into(), page_search.unwrap_or_default());
        }
        let html = self.pages.with(own, |ctx| {
            render_one(self.tera, job.template, ctx, job.source_file.as_deref())
        })?;
        Ok((crate::route::output_path(&job.url), html))
    }

    /// What the generated files are made from: every page's URL and date (sitemap), and
    /// the newest services and guidance (feed).
    pub fn listing(&self, jobs: &[PageJob]) -> Listing {
        Listing {
            sitemap: jobs
                .iter()
                .filter(|j| j.in_sitemap)
                .map(|j| (j.url.clone(), j.reviewed))
                .collect(),
            feed: feed(self.config, self.content),
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
            feed: feed(self.config, self.content),
        }
    }

    /// The sitemap, robots file and feed, by output path; with a `previous` listing, only
    /// those whose part of it changed.
    pub fn generated(
        &self,
        listing: &Listing,
        previous: Option<&Listing>,
    ) -> Vec<(&'static str, Result<String, Diagnostic>)> {
        let sitemap_changed = previous.is_none_or(|p| p.sitemap != listing.sitemap);
        let feed_changed = previous.is_none_or(|p| p.feed != listing.feed);
        let mut ctx = Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("t", &self.wording.text);
        if sitemap_changed {
            ctx.insert("urls", &sitemap_urls(self.config, &listing.sitemap));
        }
        ctx.insert("feed", &listing.feed);
        [
            ("sitemap.xml", sitemap_changed),
            ("robots.txt", sitemap_changed),
            ("atom.xml", feed_changed),
        ]
        .into_iter()
        .filter(|(_, changed)| *changed)
        .map(|(name, _)| (name, render_one(self.tera, name, &ctx, None)))
        .collect()
    }
}

/// What the sitemap and feed are made from. `serve` keeps the last one and writes them
/// again only when it changes (most edits change neither).
#[derive(Debug, Default, PartialEq)]
pub struct Listing {
    /// Every page in the sitemap: URL and date reviewed, in URL order (as pages are made).
    sitemap: Vec<(String, Option<IsoDate>)>,
    feed: context::Feed,
}

/// Renders every page, writing each to `sink` as it is done and showing it to each of
/// `outputs` (which the caller then finishes).
pub fn render(
    renderer: &Renderer,
    sink: &Sink,
    outputs: &[Box<dyn Output + '_>],
    diags: &mut Diagnostics,
) -> Rendered {
    let jobs = view::pages(renderer.content, &renderer.search.related, renderer.wording);
    let render_page = |job: &PageJob| -> Result<String, Diagnostic> {
        let (path, html) = renderer.page(job)?;
        sink.put(&path, html.as_bytes())?;
        let page = outputs::Page {
            url: &job.url,
            html: &html,
            searchable: job.searchable,
            in_sitemap: job.in_sitemap,
            reviewed: job.reviewed,
        };
        for output in outputs {
            output.page(&page);
        }
        Ok(path)
    };
    // Creating thousands of small files is mostly waiting on the file system, so while
    // writing, twice as many threads as cores keep the CPUs busy (measured: 10k pages build
    // about a third faster on 2 cores than with one thread per core).
    let rendered: Vec<Result<String, Diagnostic>> = match (sink.staging, io_pool()) {
        (Some(_), Some(pool)) => pool.install(|| jobs.par_iter().map(render_page).collect()),
        _ => jobs.par_iter().map(render_page).collect(),
    };

    let mut files = Rendered::default();
    let mut failed = Vec::new();
    for r in rendered {
        match r {
            Ok(path) => {
                files.files.insert(path);
                files.pages += 1;
            }
            Err(d) => failed.push(d),
        }
    }
    diags.extend(one_per_cause(failed));
    files
}

/// The sitemap, robots file and feed, made from the pages as they are written.
pub struct Generated<'a> {
    pub renderer: &'a Renderer<'a>,
    pub sink: &'a Sink<'a>,
    /// Each page of the sitemap: its URL and date reviewed.
    sitemap: std::sync::Mutex<Vec<(String, Option<IsoDate>)>>,
}

impl<'a> Generated<'a> {
    pub fn new(renderer: &'a Renderer<'a>, sink: &'a Sink<'a>) -> Self {
        Generated {
            renderer,
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
        let listing = Listing {
            sitemap,
            feed: feed(self.renderer.config, self.renderer.content),
        };
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for (name, text) in self.renderer.generated(&listing, None) {
            match text.and_then(|text| self.sink.put(name, text.as_bytes())) {
                Ok(()) => files.push(name.to_string()),
                Err(d) => problems.push(d),
            }
        }
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(problems)
        }
    }
}

/// Files that could not be written for one reason (a full disk fails every page the same
/// way) as one diagnostic that names the first file and counts the others; every other
/// problem as it is.
fn one_per_cause(failed: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Each kept diagnostic with its cause (write failures only) and how many it stands for.
    let mut out: Vec<(Diagnostic, Option<String>, usize)> = Vec::new();
    for d in failed {
        let cause = (d.code == Code::Io)
            .then(|| d.message.rsplit_once(": ").map(|(_, c)| c.to_string()))
            .flatten();
        match out
            .iter_mut()
            .find(|(_, c, _)| cause.is_some() && *c == cause)
        {
            Some((_, _, more)) => *more += 1,
            None => out.push((d, cause, 0)),
        }
    }
    out.into_iter()
        .map(|(mut d, _, more)| {
            if more > 0 {
                d.message = format!("{} (and {more} more files, for the same reason)", d.message);
                d.help = Some(
                    "nothing was replaced: the site from the last build is still there. Fix the cause (e.g. free some disk space) and build again"
                        .into(),
                );
            }
            d
        })
        .collect()
}

/// The render threads: twice as many as rayon's own pool (the cores, or
/// `RAYON_NUM_THREADS`), as pages wait on the disk as well as the processor.
fn io_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads() * 2)
        .build()
        .ok()
}

fn render_one(
    tera: &Tera,
    template: &str,
    ctx: &Context,
    source: Option<&str>,
) -> Result<String, Diagnostic> {
    tera.render(template, ctx).map_err(|e| {
        let file = source.unwrap_or("templates").to_string();
        let while_ = source.map_or(String::new(), |s| format!(" while rendering {s}"));
        Diagnostic::new(
            Code::Template,
            file,
            format!("template `{template}` failed{while_}: {}", error_chain(&e)),
        )
        .with_help(format!(
            "fix `{template}` in the theme or in the site's templates/ folder"
        ))
    })
}

fn sitemap_urls(config: &Config, pages: &[(String, Option<IsoDate>)]) -> Vec<context::SitemapUrl> {
    pages
        .iter()
        .map(|(url, reviewed)| context::SitemapUrl {
            loc: format!("{}{}", config.base_url, url),
            lastmod: reviewed.map(|d| d.iso()),
        })
        .collect()
}

/// How many entries the feed carries: readers want what changed lately, not the whole
/// directory (at 10k pages a full feed would be megabytes, fetched again on every poll).
const FEED_ENTRIES: usize = 50;

/// Atom feed of the kinds `kind::KINDS` puts in it (services and guidance), newest review
/// first; records without a `reviewed` date are left out. Dates come from content, never
/// the clock, so the feed is byte-identical between builds.
fn feed(config: &Config, content: &Content) -> context::Feed {
    // (reviewed, URL, title, summary) of every such record; only the newest are sorted and
    // made into entries.
    let records = content.records();
    let mut entries: Vec<(IsoDate, &str, std::borrow::Cow<str>, &str)> = records
        .iter()
        .filter(|r| r.kind.row().feed)
        .filter_map(|r| {
            let h = r.data.header();
            h.reviewed.map(|d| (d, r.url, h.title, h.summary))
        })
        .collect();
    // Newest first, then by URL: a total order, so the newest few are the same whichever
    // way they are picked.
    type Entry<'a> = (IsoDate, &'a str, std::borrow::Cow<'a, str>, &'a str);
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
        id: format!("{}/", config.base_url),
        updated: format!("{updated}T00:00:00Z"),
        entries: entries
            .into_iter()
            .map(|(d, u, t, s)| context::FeedEntry {
                title: t.into_owned(),
                url: format!("{}{}", config.base_url, u),
                updated: format!("{}T00:00:00Z", d.iso()),
                summary: s.to_string(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::{one_per_cause, Code, Diagnostic};

    /// A full disk fails 217 pages the same way: the editor reads one error, not 217.
    #[test]
    fn files_that_fail_for_one_reason_are_one_error() {
        let full = |page: usize| {
            Diagnostic::new(
                Code::Io,
                format!("offers/o{page}/index.html"),
                format!("cannot write /site/.signpost-new-1-x/offers/o{page}/index.html: No space left on device (os error 28)"),
            )
        };
        let mut failed: Vec<Diagnostic> = (0..217).map(full).collect();
        failed.insert(
            5,
            Diagnostic::new(Code::Template, "x.md", "template failed: bad"),
        );
        let out = one_per_cause(failed);
        assert_eq!(out.len(), 2);
        assert!(
            out[0]
                .message
                .ends_with("(os error 28) (and 216 more files, for the same reason)"),
            "{}",
            out[0].message
        );
        assert!(out[0].message.contains("offers/o0/index.html"));
        assert!(out[0].help.as_deref().unwrap_or("").contains("still there"));
        assert_eq!(out[1].code, Code::Template);
    }
}
