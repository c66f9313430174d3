//! Rendering: pages through Tera templates (the site's own `templates/` override the
//! theme's), plus the sitemap, feed, robots file and static files. Each file goes to a
//! [`Sink`]: nowhere for `check`, or the build's staging folder, which replaces the
//! output only if the whole build succeeds.

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::edition::{Edition, Editions};
use crate::output::Staging;
use crate::outputs::{self, Output};
use crate::view::{self, PageJob};
use crate::wording::Wording;
pub use entries::EntryCache;
use std::sync::Arc;
pub use theme::{templates, StaticFiles};

mod contexts;
mod entries;
mod generated;
mod theme;
pub use crate::html::escape;
use crate::view::context;
use contexts::Contexts;
pub use generated::{Generated, Listing};
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
    /// The site's languages, and which of them this renderer's pages are in.
    editions: Arc<Editions>,
    edition: usize,
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
        let shared = shared_context(&site, &nav, &footer, &help, wording);
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
            editions: Arc::new(Editions::of(config)),
            edition: 0,
            pages: Contexts::new(shared),
            views: Contexts::new(words),
        }
    }

    /// This renderer's pages are those of edition `index` of `editions` (its content and
    /// words the ones it was made with): they carry its language, title and help block,
    /// are published under its prefix, and link to its pages.
    pub fn in_edition(mut self, editions: Arc<Editions>, index: usize) -> Self {
        let e = editions.at(index);
        self.site.title = e.site_title.clone();
        self.site.description = e.description.clone();
        self.site.language = e.lang.clone();
        self.help = e.help.clone();
        self.editions = editions;
        self.edition = index;
        let shared = shared_context(
            &self.site,
            &self.nav,
            &self.footer,
            &self.help,
            self.wording,
        );
        self.pages = Contexts::new(shared);
        self
    }

    /// The language this renderer's pages are in.
    pub fn edition(&self) -> &Edition {
        self.editions.at(self.edition)
    }

    pub fn editions(&self) -> &Arc<Editions> {
        &self.editions
    }

    /// The parts every page shows; when they change, every page changes.
    pub fn shared_parts(&self) -> serde_json::Value {
        serde_json::to_value((&self.site, &self.nav, &self.footer, &self.help)).unwrap_or_default()
    }

    /// One page: its output path and HTML.
    pub fn page(&self, job: &PageJob) -> Result<(String, String), Diagnostic> {
        let html = self.page_html(job)?;
        let edition = self.edition();
        Ok((
            crate::route::output_path(&edition.url(&job.url)),
            edition.localise_links(html),
        ))
    }

    /// One page's HTML as its templates render it, before links are made this edition's.
    fn page_html(&self, job: &PageJob) -> Result<String, Diagnostic> {
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
            let languages = serde_json::to_value(self.editions.links(self.edition, &job.url));
            map.insert("languages".into(), languages.unwrap_or_default());
        }
        self.pages.with(own, |ctx| {
            render_one(self.tera, job.template, ctx, job.source_file.as_deref())
        })
    }
}

/// What every page's context starts with (`Shared`, but for each page's own parts).
fn shared_context(
    site: &context::Site,
    nav: &[context::Link],
    footer: &[context::Link],
    help: &Option<crate::config::Help>,
    wording: &Wording,
) -> Context {
    let mut shared = Context::new();
    shared.insert("site", site);
    shared.insert("nav", nav);
    shared.insert("footer_links", footer);
    shared.insert("help", help);
    shared.insert("t", &wording.text);
    shared.insert("dates", &wording.dates);
    shared
}

/// Renders every page of each edition (its renderer and its pages), writing each to
/// `sink` as it is done and showing it to each of `outputs` (which the caller then
/// finishes).
pub fn render(
    site: &[(&Renderer, Vec<PageJob>)],
    sink: &Sink,
    outputs: &[Box<dyn Output + '_>],
    diags: &mut Diagnostics,
) -> Rendered {
    let jobs: Vec<(&Renderer, &PageJob)> = site
        .iter()
        .flat_map(|(renderer, jobs)| jobs.iter().map(move |job| (*renderer, job)))
        .collect();
    let render_page = |&(renderer, job): &(&Renderer, &PageJob)| -> Result<String, Diagnostic> {
        let (path, html) = renderer.page(job)?;
        sink.put(&path, html.as_bytes())?;
        let edition = renderer.edition();
        let url = edition.url(&job.url);
        let page = outputs::Page {
            url: &url,
            html: &html,
            searchable: job.searchable,
            in_sitemap: job.in_sitemap,
            reviewed: job.reviewed,
            language: &edition.lang,
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

pub(crate) fn render_one(
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
