//! Which pages an edit touches, rendered in memory: the edited records' own pages first,
//! then every other page whose dependencies the edit hit (lists can hold thousands of
//! entries, so they come second).

use super::outputs::PageEdit;
use super::LiveSite;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::output;
use crate::render::{Listing, Renderer};
use crate::view::{self, Dep, PageJob};
use crate::Snapshot;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// A renderer for the snapshot's site, its list entries reused between edits.
pub(super) fn renderer(snap: &Snapshot) -> Renderer<'_> {
    Renderer::new(
        &snap.tera,
        &snap.wording,
        &snap.config,
        &snap.content,
        &snap.search,
        &snap.entries,
    )
}

impl LiveSite {
    /// The theme's words the site was built with.
    pub fn wording(&self) -> &crate::wording::Wording {
        &self.snap.wording
    }

    /// The site's search page (the theme's `search.html`) with these results.
    pub fn search_page(&self, results: view::context::SearchResults) -> Result<String, Diagnostic> {
        let job = view::search_results_page(results);
        renderer(&self.snap).page(&job).map(|(_, html)| html)
    }
}

/// The pages one stage makes, and which of them it renders.
struct Selection<'a> {
    jobs: Vec<PageJob<'a>>,
    /// Indexes into `jobs` of the pages to render.
    chosen: Vec<usize>,
    /// The shared parts, when they were compared.
    shared: Option<Value>,
    /// Pages that no longer exist.
    gone: Vec<String>,
    /// Whether `jobs` holds every page of the site.
    every_page: bool,
}

impl LiveSite {
    /// Whether a page showing `deps` shows a pending change.
    fn hit(&self, deps: &[Dep]) -> bool {
        deps.iter().any(|d| self.pending.contains(d))
    }

    /// Which pages a stage makes and renders.
    fn select<'s>(
        &'s self,
        stage: Stage,
        own: &BTreeSet<String>,
        renderer: &Renderer,
        lists_change: bool,
    ) -> Selection<'s> {
        let snap = &self.snap;
        match stage {
            // The edited records' own pages are made directly, whatever else changed.
            Stage::Own => {
                let want = |url: &str| own.contains(url);
                let jobs =
                    view::pages_where(&snap.content, &snap.search.related, &snap.wording, &want);
                Selection {
                    chosen: (0..jobs.len()).collect(),
                    jobs,
                    shared: None,
                    gone: Vec::new(),
                    every_page: false,
                }
            }
            // Other edits may move a record between lists. When no page can have come or
            // gone, the pages to render are those that showed the records before, and those
            // the records name (see `view::pages_named_by`).
            Stage::Others if lists_change => {
                let shared = renderer.shared_parts();
                if shared == self.shared && !self.reshaped {
                    Selection {
                        shared: Some(shared),
                        ..self.touched(&self.named, own)
                    }
                } else {
                    self.every_page(shared, own)
                }
            }
            // Text edits leave every page's dependencies as they were.
            Stage::Others => self.touched(&BTreeSet::new(), own),
        }
    }

    /// The pages that showed a pending change when last rendered, and the pages `also`:
    /// only they are made. The edited records' own pages are among them, made but not
    /// rendered (their dates go into the sitemap).
    fn touched(&self, also: &BTreeSet<String>, own: &BTreeSet<String>) -> Selection<'_> {
        let wanted: BTreeSet<&str> = self
            .deps
            .iter()
            .filter(|(url, deps)| self.hit(deps) || also.contains(*url))
            .map(|(url, _)| url.as_str())
            .collect();
        let want = |url: &str| wanted.contains(url);
        let jobs = view::pages_where(
            &self.snap.content,
            &self.snap.search.related,
            &self.snap.wording,
            &want,
        );
        Selection {
            chosen: (0..jobs.len())
                .filter(|&i| !own.contains(&jobs[i].url))
                .collect(),
            jobs,
            shared: None,
            gone: Vec::new(),
            every_page: false,
        }
    }

    /// Every page made again, and those rendered whose dependencies were hit before or
    /// after the edit (all of them when the parts every page shares changed).
    fn every_page(&self, shared: Value, own: &BTreeSet<String>) -> Selection<'_> {
        let everything = shared != self.shared;
        let jobs = view::pages(
            &self.snap.content,
            &self.snap.search.related,
            &self.snap.wording,
        );
        let urls: BTreeSet<&str> = jobs.iter().map(|j| j.url.as_str()).collect();
        let gone = self
            .deps
            .keys()
            .filter(|u| !urls.contains(u.as_str()))
            .cloned()
            .collect();
        let chosen = (0..jobs.len())
            .filter(|&i| {
                let j = &jobs[i];
                !own.contains(&j.url)
                    && (everything
                        || self.hit(&j.deps)
                        || self.deps.get(&j.url).is_none_or(|old| self.hit(old)))
            })
            .collect();
        Selection {
            jobs,
            chosen,
            shared: Some(shared),
            gone,
            every_page: true,
        }
    }

    /// Renders, in memory, the pages of one stage that the pending changes touch.
    pub(super) fn render(
        &self,
        stage: Stage,
        own: &BTreeSet<String>,
    ) -> Result<Rendered, Vec<Diagnostic>> {
        let renderer = renderer(&self.snap);
        let lists_change = self.pending.iter().any(|d| matches!(d, Dep::Kind(_)));
        let Selection {
            jobs,
            chosen,
            shared,
            gone,
            every_page,
        } = self.select(stage, own, &renderer, lists_change);
        let last = stage == Stage::Others;
        let mut removed = Vec::new();
        let mut files: Vec<Result<(String, String), Diagnostic>> = chosen
            .par_iter()
            .map(|&i| renderer.page(&jobs[i]))
            .collect();
        // The sitemap and feed list pages and their dates.
        let listing = (lists_change && last)
            .then(|| match every_page {
                true => renderer.listing(&jobs),
                false => renderer.listing_after(&self.listing, &jobs),
            })
            .filter(|l| *l != self.listing);
        // What else follows edits writes again what the pages made stale.
        if last {
            let kinds: Vec<crate::kind::Kind> = self
                .pending
                .iter()
                .filter_map(|d| match d {
                    Dep::Kind(k) => Some(*k),
                    Dep::Url(_) => None,
                })
                .collect();
            let urls: Vec<&str> = self
                .pending
                .iter()
                .filter_map(|d| match d {
                    Dep::Url(u) => Some(u.as_str()),
                    Dep::Kind(_) => None,
                })
                .collect();
            let edit = PageEdit {
                renderer: &renderer,
                kinds: &kinds,
                urls: &urls,
                reshaped: self.reshaped,
                listing: listing.as_ref(),
                previous: &self.listing,
            };
            files.extend(self.outputs.iter().flat_map(|o| o.pages(&edit)));
            removed.extend(self.outputs.iter().flat_map(|o| o.removed()));
        }
        let mut errors = Diagnostics::default();
        let mut written = Vec::new();
        for f in files {
            match f {
                Ok(file) => written.push(file),
                Err(d) => errors.push(d),
            }
        }
        if errors.has_errors() {
            return Err(errors.sorted());
        }
        // The shared parts are taken as seen once the last stage is written.
        let shared = if last { shared } else { None };
        Ok(Rendered {
            files: written,
            deps: chosen
                .iter()
                .map(|&i| (jobs[i].url.clone(), jobs[i].deps.clone()))
                .collect(),
            shared,
            listing,
            gone,
            removed,
        })
    }
}

/// Which pages of an edit to render: the edited records' own (at their URLs), or the others.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    Own,
    Others,
}

/// Writes rendered files; the errors, if any.
pub(super) fn write_all(out: &Path, files: &[(String, String)]) -> Vec<Diagnostic> {
    files
        .par_iter()
        .filter_map(|(rel, html)| output::replace_file(out, rel, html.as_bytes()).err())
        .map(|e| Diagnostic::new(Code::Io, "site", e.to_string()))
        .collect()
}

/// Pages rendered for an edit, not yet written.
pub(super) struct Rendered {
    /// Output path and HTML.
    pub(super) files: Vec<(String, String)>,
    /// What each rendered page shows, by URL.
    pub(super) deps: Vec<(String, Vec<Dep>)>,
    /// The shared parts, when they were compared.
    pub(super) shared: Option<Value>,
    /// What the sitemap and feed were made from, when they were made again.
    pub(super) listing: Option<Listing>,
    /// Pages that no longer exist.
    pub(super) gone: Vec<String>,
    /// Other files of the site that no longer exist (an output's), by path.
    pub(super) removed: Vec<String>,
}
