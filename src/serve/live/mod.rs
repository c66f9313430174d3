//! The site `serve` keeps in memory between edits, so that editing one content file costs
//! milliseconds rather than a whole build.
//!
//! An edit reloads only the edited file, checks the whole site again (cheap: no parsing),
//! replaces the file's documents in the search index in place, and re-renders exactly the
//! pages that show the record — each page lists what it shows as [`Dep`]s, and a page is
//! re-rendered when a dependency changed before or after the edit (so a service moving to
//! another provider updates both partners' pages). An edit of the text alone re-renders the
//! pages that show that record; one that changes front matter also re-renders the lists of
//! its kind and the pages the record names (its tier, its provider), and the sitemap and
//! feed when they change. Only an edit that may add or remove pages makes every page again.
//! Pages are replaced one file at a time by renaming, so a request never sees half a page.
//!
//! Templates, static files, `site.toml`, assets, folders, translations and any edit of a
//! site of more than one language need a whole build, and so does
//! "related services" (more-like-this over every offer) and the static search bundle: `serve`
//! runs a whole build in the background once edits pause, which brings those up to date.

pub mod outputs;
mod pages;

use crate::content::Card;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Severity};
use crate::load::{self, LoadOptions};
use crate::output;
use crate::render::Listing;
use crate::route::Kind;
use crate::search::{self, query::SearchIndex};
use crate::view::{self, Dep};
use crate::Snapshot;
use outputs::RecordEdit;
use pages::{write_all, Rendered, Stage};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What an edit led to.
#[derive(Debug)]
pub enum Outcome {
    /// Only a whole build can take this change (the reason is for the terminal).
    Rebuild(&'static str),
    /// The content now has errors; nothing was written. Sorted.
    Failed(Vec<Diagnostic>),
    /// These pages (URLs) were written; `removed` pages were deleted.
    Updated { pages: Vec<String>, removed: usize },
}

pub struct LiveSite {
    /// The site's folder as given (diagnostics name files relative to it).
    root: PathBuf,
    /// `content/` with links resolved, as the file watcher reports paths.
    content_dir: PathBuf,
    snap: Snapshot,
    /// Each record's card, by path under `content/`.
    cards: HashMap<String, Card>,
    /// What each page showed when it was last rendered, by URL.
    deps: HashMap<String, Vec<Dep>>,
    /// The parts every page shares, as last rendered.
    shared: Value,
    /// What the sitemap and feed were last made from.
    listing: Listing,
    /// What follows edits besides the pages (see [`outputs`]).
    outputs: outputs::Outputs,
    /// The index `serve` answers `/search` from (one of `outputs`).
    search: Option<Arc<SearchIndex>>,
    /// Files that failed to load, with their error.
    load_errors: BTreeMap<String, Diagnostic>,
    /// Changes not yet rendered because the content had errors.
    pending: BTreeSet<Dep>,
    /// Pages the pending changes' records name, before and after the edit (see
    /// [`view::pages_named_by`]).
    named: BTreeSet<String>,
    /// Whether a pending change may add or remove pages (a record added or removed, or
    /// one of a kind that makes several pages): then every page is made and compared.
    reshaped: bool,
    /// Pages whose search documents are out of date, with the URLs of the documents the
    /// index holds for them.
    pending_docs: BTreeMap<String, Vec<String>>,
    /// A whole build since this one failed: this one still answers search and is still
    /// served, but edits wait for a whole build that succeeds.
    stale: bool,
}

impl LiveSite {
    pub fn new(root: &Path, mut snap: Snapshot) -> tantivy::Result<LiveSite> {
        let content_dir =
            std::fs::canonicalize(root.join("content")).unwrap_or_else(|_| root.join("content"));
        let jobs = view::pages(&snap.content, &snap.search.related, &snap.wording);
        let deps = jobs
            .iter()
            .map(|j| (j.url.clone(), j.deps.clone()))
            .collect();
        let renderer = pages::renderer(&snap);
        let (shared, listing) = (renderer.shared_parts(), renderer.listing(&jobs));
        drop(jobs);
        let (outputs, search) = outputs::outputs(&mut snap)?;
        Ok(LiveSite {
            root: root.to_path_buf(),
            content_dir,
            cards: snap.content.cards(),
            snap,
            deps,
            shared,
            listing,
            outputs,
            search,
            load_errors: BTreeMap::new(),
            pending: BTreeSet::new(),
            named: BTreeSet::new(),
            reshaped: false,
            pending_docs: BTreeMap::new(),
            stale: false,
        })
    }

    /// A later whole build failed: this site is still served and searched, but an edit
    /// is never taken in place on it.
    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// The folder the site is written in.
    pub fn output(&self) -> &Path {
        &self.snap.output
    }

    pub fn search_index(&self) -> Option<Arc<SearchIndex>> {
        self.search.clone()
    }

    /// The folder of the site the Open Referral export is written in, if it is on.
    pub fn openreferral_folder(&self) -> Option<String> {
        let settings = &self.snap.config.openreferral;
        settings
            .folder()
            .filter(|_| settings.enabled)
            .map(str::to_string)
    }

    /// Takes the changed files (absolute paths, as the watcher reports them) into the site.
    ///
    /// Pages are written in two stages, each announced with the URLs it wrote: first the
    /// edited records' own pages, with the search index already updated, then every other
    /// page that shows them (lists can hold thousands of entries). No page is announced
    /// before its new version is written.
    pub fn apply(
        &mut self,
        paths: &BTreeSet<PathBuf>,
        announce: &mut dyn FnMut(Vec<String>),
    ) -> Outcome {
        if self.stale {
            return Outcome::Rebuild("the last whole build failed");
        }
        if !self.snap.config.translated_languages().is_empty() {
            // Each page links to itself in the other languages, and a translated record's
            // pages are made from its file and its translation: a whole build makes them all.
            return Outcome::Rebuild("the site has more than one language");
        }
        let mut rels = BTreeSet::new();
        for path in paths {
            let Ok(rel) = path.strip_prefix(&self.content_dir) else {
                return Outcome::Rebuild("a template, static file or site.toml changed");
            };
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if rel.is_empty() || path.is_dir() {
                return Outcome::Rebuild("a folder changed");
            }
            if Kind::of(&rel).is_none() {
                return Outcome::Rebuild("a file other than a page changed");
            }
            if crate::route::translation_of(&rel).is_some() {
                return Outcome::Rebuild("a translation changed");
            }
            let inside = format!("{rel}/");
            if !path.exists() && self.cards.keys().any(|r| r.starts_with(&inside)) {
                return Outcome::Rebuild("a folder was removed");
            }
            rels.insert(rel);
        }
        let mut triggers = BTreeSet::new();
        for rel in &rels {
            if let Err(reason) = self.reload(rel, &mut triggers) {
                return Outcome::Rebuild(reason);
            }
        }
        if search::synonyms(&self.snap.content).groups() != self.snap.synonyms.groups() {
            return Outcome::Rebuild("the glossary's abbreviations changed");
        }
        self.pending.extend(triggers);
        // List entries that show what changed are rendered again; the rest are reused.
        self.snap.entries.forget(&self.pending);
        let docs = self.refresh_facets();

        let own: BTreeSet<String> = self
            .pending
            .iter()
            .filter_map(|d| match d {
                Dep::Url(url) => Some(url.clone()),
                Dep::Kind(_) => None,
            })
            .collect();

        // The edited records' own pages come first: checked, rendered, written and indexed
        // (nothing is written or indexed unless the whole site checks out). The other pages
        // that show the edit render meanwhile, in memory, on a thread of their own: a list
        // of thousands of entries takes longer than the check, and is written after.
        let this = &*self;
        let (first, rest) = std::thread::scope(|scope| {
            let others = scope.spawn(|| this.render(Stage::Others, &own));
            let first = this.own_pages(&own, &docs, announce);
            let rest = others.join().unwrap_or_else(|_| {
                Err(vec![Diagnostic::new(
                    Code::Internal,
                    "site",
                    "rendering the pages that show the edit failed",
                )])
            });
            (first, rest)
        });
        let first = match first {
            Ok(first) => first,
            Err(outcome) => return outcome,
        };
        self.pending_docs.clear();
        let mut pages = self.keep(first);
        let rest = match rest {
            Ok(r) => r,
            Err(errors) => return Outcome::Failed(errors),
        };
        let written = write_all(&self.snap.output, &rest.files);
        if !written.is_empty() {
            return Outcome::Failed(written);
        }
        for url in &rest.gone {
            output::remove_file(&self.snap.output, &crate::route::output_path(url));
            self.deps.remove(url);
        }
        for rel in &rest.removed {
            output::remove_file(&self.snap.output, rel);
        }
        let removed = rest.gone.len();
        let mut later = rest.gone.clone();
        let rendered_later = self.keep(rest);
        later.extend(rendered_later.iter().cloned());
        if !later.is_empty() {
            announce(later);
        }
        pages.extend(rendered_later);
        self.pending.clear();
        self.named.clear();
        self.reshaped = false;
        #[cfg(debug_assertions)]
        self.assert_in_step();
        Outcome::Updated { pages, removed }
    }

    /// Checks the site and renders the edited records' own pages; when all is well, writes
    /// them, gives the edited records to the outputs that follow edits (the search index)
    /// and announces the pages.
    fn own_pages(
        &self,
        own: &BTreeSet<String>,
        docs: &[search::SearchDoc],
        announce: &mut dyn FnMut(Vec<String>),
    ) -> Result<Rendered, Outcome> {
        let (errors, rendered) = rayon::join(|| self.check(), || self.render(Stage::Own, own));
        if !errors.is_empty() {
            return Err(Outcome::Failed(errors));
        }
        let first = rendered.map_err(Outcome::Failed)?;
        let edit = RecordEdit {
            docs,
            replaced: self
                .pending_docs
                .values()
                .flatten()
                .map(String::as_str)
                .collect(),
        };
        let (updated, written) = rayon::join(
            || {
                let results = self.outputs.iter().map(|o| o.records(&edit));
                results.filter_map(Result::err).collect::<Vec<_>>()
            },
            || write_all(&self.snap.output, &first.files),
        );
        if !updated.is_empty() {
            return Err(Outcome::Failed(updated));
        }
        if !written.is_empty() {
            return Err(Outcome::Failed(written));
        }
        let pages: Vec<String> = first.deps.iter().map(|(url, _)| url.clone()).collect();
        if !pages.is_empty() {
            announce(pages);
        }
        Ok(first)
    }

    /// Records what the rendered pages show; returns their URLs.
    fn keep(&mut self, rendered: Rendered) -> Vec<String> {
        let pages: Vec<String> = rendered.deps.iter().map(|(u, _)| u.clone()).collect();
        self.deps.extend(rendered.deps);
        if let Some(shared) = rendered.shared {
            self.shared = shared;
        }
        if let Some(listing) = rendered.listing {
            self.listing = listing;
        }
        pages
    }

    /// Loads `rel` again and notes what changed.
    fn reload(&mut self, rel: &str, triggers: &mut BTreeSet<Dep>) -> Result<(), &'static str> {
        let old = self.cards.remove(rel);
        if let Some(card) = &old {
            // What the record names, and the documents the index holds, before it changes.
            self.note_named(card);
            let (content, synonyms) = (&self.snap.content, &self.snap.synonyms);
            let urls =
                search::documents_of(content, synonyms, &self.snap.wording, |u| u == card.url)
                    .into_iter()
                    .map(|d| d.url);
            self.pending_docs
                .entry(card.url.clone())
                .or_insert_with(|| urls.collect());
        }
        let content = &mut self.snap.content;
        content.remove(rel);
        self.load_errors.remove(rel);
        let exists = self.content_dir.join(rel).is_file();
        let loaded = exists
            .then(|| load::load_file(&self.root, rel, LoadOptions { drafts: true }))
            .flatten();
        let new = match loaded {
            None => None,
            Some(Err(d)) => {
                content.failed.insert(rel.to_string());
                self.load_errors.insert(rel.to_string(), d);
                None
            }
            Some(Ok(record)) => {
                let card = record.card();
                if record.put_into(content).is_err() {
                    return Err("a second file holds the home page, glossary or commitments");
                }
                content.finish_loading();
                card
            }
        };
        if let Some(card) = &new {
            self.note_named(card);
        }
        if old.is_none() || new.is_none() {
            self.reshaped = true;
        }
        for card in old.iter().chain(new.iter()) {
            triggers.insert(Dep::Url(card.url.clone()));
            self.pending_docs.entry(card.url.clone()).or_default();
            if old != new {
                triggers.insert(Dep::Kind(card.kind));
            }
        }
        if let Some(card) = new {
            self.cards.insert(rel.to_string(), card);
        }
        Ok(())
    }

    /// What an edit leaves must be what a whole build would know: every page's
    /// dependencies, and the sitemap and feed. An edit renders only some pages, so a
    /// dependency missed here would leave a page stale after a later edit.
    #[cfg(debug_assertions)]
    fn assert_in_step(&self) {
        let jobs = view::pages(
            &self.snap.content,
            &self.snap.search.related,
            &self.snap.wording,
        );
        for job in &jobs {
            assert_eq!(self.deps.get(&job.url), Some(&job.deps), "{}", job.url);
        }
        assert_eq!(self.deps.len(), jobs.len());
        assert!(pages::renderer(&self.snap).listing(&jobs) == self.listing);
    }

    /// Notes the pages that `card`'s record names, as the content holds it now.
    fn note_named(&mut self, card: &Card) {
        match view::pages_named_by(&self.snap.content, card.kind, &card.url) {
            Some(urls) => self.named.extend(urls),
            None => self.reshaped = true,
        }
    }

    /// The changed pages' search documents, with their facets updated to match.
    fn refresh_facets(&mut self) -> Vec<search::SearchDoc> {
        let pending = &self.pending_docs;
        let snap = &self.snap;
        let docs = search::documents_of(&snap.content, &snap.synonyms, &snap.wording, |u| {
            pending.contains_key(u)
        });
        if self.search.is_some() {
            let facets = &mut self.snap.search.facets;
            for url in pending.keys() {
                facets.remove(url);
            }
            facets.extend(search::page_facets(&docs));
        }
        docs
    }

    /// Every error in the site as it is now, sorted.
    fn check(&self) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::default();
        for d in self.load_errors.values() {
            diags.push(d.clone());
        }
        crate::validate::validate(&self.snap.content, crate::validate::today(), &mut diags);
        diags
            .sorted()
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect()
    }
}
