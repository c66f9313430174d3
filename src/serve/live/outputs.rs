//! The outputs `serve` keeps up to date as content is edited, between whole builds: the
//! other side of the build's seam (`crate::outputs`). A whole build shows each page to its
//! outputs and finishes them; an edit taken in place tells each [`LiveOutput`] what changed,
//! at two moments: once the edited records check out ([`LiveOutput::records`]), and once
//! every page the edit touches is made ([`LiveOutput::pages`]). An output that should
//! follow edits (an export of the records, a language's feed) is one more value in
//! [`outputs`], not a change to `live`. What follows no edit (the static search bundle,
//! related services) waits for the whole build `serve` runs once edits pause.

use crate::diagnostic::{Code, Diagnostic};
use crate::openreferral::{fingerprint, Written};
use crate::render::{Listing, Renderer};
use crate::search::{index::Updater, query::SearchIndex, SearchDoc};
use crate::Snapshot;
use std::sync::{Arc, Mutex, PoisonError};

/// The edited records, checked: their search documents now, and the URLs of the documents
/// they replace.
pub struct RecordEdit<'a> {
    pub docs: &'a [SearchDoc],
    pub replaced: Vec<&'a str>,
}

/// The pages an edit touches, made: the renderer they were made with, and what the
/// sitemap and feed are made from now (`None`: as before) and before.
pub struct PageEdit<'a> {
    pub renderer: &'a Renderer<'a>,
    /// The kinds of record whose front matter the edit changed (or which gained or lost
    /// a record).
    pub kinds: &'a [crate::kind::Kind],
    /// The URLs of the records edited, as before and after the edit.
    pub urls: &'a [&'a str],
    /// A record came or went.
    pub reshaped: bool,
    pub listing: Option<&'a Listing>,
    pub previous: &'a Listing,
}

/// An output that follows edits. Both moments run beside the writing of pages, so they
/// take `&self`; nothing is announced to the browser before they return.
pub trait LiveOutput: Send + Sync {
    /// Takes in the edited records (before their pages are announced).
    fn records(&self, _edit: &RecordEdit<'_>) -> Result<(), Diagnostic> {
        Ok(())
    }

    /// The files it writes again now that the pages are made, by path in the site.
    fn pages(&self, _edit: &PageEdit<'_>) -> Vec<Result<(String, String), Diagnostic>> {
        Vec::new()
    }

    /// The files it wrote before that the last call of [`LiveOutput::pages`] found it no
    /// longer makes (a record's document, once the record is gone), by path in the site.
    fn removed(&self) -> Vec<String> {
        Vec::new()
    }
}

/// What follows edits, in the order it hears of them.
pub type Outputs = Vec<Box<dyn LiveOutput>>;

/// The outputs of a site kept in memory: the sitemap, robots file and feed, and the
/// tantivy index when the build made one (also returned, for `serve` to answer `/search`
/// from).
pub fn outputs(snap: &mut Snapshot) -> tantivy::Result<(Outputs, Option<Arc<SearchIndex>>)> {
    let mut outputs: Vec<Box<dyn LiveOutput>> =
        vec![Box::new(Listed), Box::new(LiveExport::new(snap))];
    let mut search = None;
    if let Some(dir) = &snap.index_dir {
        let index = Arc::new(SearchIndex::open(dir)?);
        let updater = Mutex::new(Updater::new(index.index())?);
        search = Some(index.clone());
        outputs.push(Box::new(LiveIndex { index, updater }));
    }
    Ok((outputs, search))
}

/// The sitemap, robots file and feed: made again when the list of pages, their dates or
/// the newest records changed.
struct Listed;

impl LiveOutput for Listed {
    fn pages(&self, edit: &PageEdit<'_>) -> Vec<Result<(String, String), Diagnostic>> {
        let Some(listing) = edit.listing else {
            return Vec::new();
        };
        edit.renderer
            .generated(listing, Some(edit.previous))
            .into_iter()
            .map(|(name, text)| text.map(|t| (name.to_string(), t)))
            .collect()
    }
}

/// The tantivy index: the edited records' documents replaced in place and committed.
struct LiveIndex {
    index: Arc<SearchIndex>,
    updater: Mutex<Updater>,
}

impl LiveOutput for LiveIndex {
    fn records(&self, edit: &RecordEdit<'_>) -> Result<(), Diagnostic> {
        let mut updater = self.updater.lock().unwrap_or_else(PoisonError::into_inner);
        updater
            .replace(edit.replaced.iter().copied(), edit.docs)
            .and_then(|()| self.index.reload())
            .map_err(|e| {
                Diagnostic::new(
                    Code::Io,
                    "search-index",
                    format!("cannot update the search index: {e}"),
                )
            })
    }
}

/// The Open Referral export (`crate::openreferral`), written again after an edit that
/// changed an offer, partner or tier: only the documents whose bytes changed, and those of
/// records gone are removed. An edit of offers or partners makes only their documents and
/// the lists again (`Directory::update`); one that adds or removes a record, or edits a
/// tier, makes the whole directory.
struct LiveExport {
    state: Mutex<ExportState>,
    /// Documents the last edit removed.
    removed: Mutex<Vec<String>>,
}

struct ExportState {
    /// Where the export is written (`None`: switched off).
    folder: Option<String>,
    directory: crate::openreferral::Directory,
    /// What each document holds (a hash of its text), by path in the site.
    written: std::collections::HashMap<String, u64>,
}

impl LiveExport {
    /// Knows the documents the whole build wrote (and takes them from it).
    fn new(snap: &mut Snapshot) -> LiveExport {
        let settings = &snap.config.openreferral;
        let folder = settings
            .folder()
            .filter(|_| settings.enabled)
            .map(str::to_string);
        let written = match (&folder, snap.openreferral.take()) {
            (None, _) => Written::default(),
            (Some(_), Some(written)) => written,
            // A build that kept nothing (not one `serve` makes): make it here.
            (Some(folder), None) => {
                let directory = crate::openreferral::Directory::of(
                    &snap.content,
                    &snap.config.base_url,
                    &snap.wording.labels,
                );
                let files = directory
                    .files()
                    .iter()
                    .map(|(name, text)| (format!("{folder}/{name}"), fingerprint(text)))
                    .collect();
                Written { directory, files }
            }
        };
        LiveExport {
            state: Mutex::new(ExportState {
                folder,
                directory: written.directory,
                written: written.files,
            }),
            removed: Mutex::new(Vec::new()),
        }
    }
}

impl ExportState {
    /// Forgets the documents written before that `keep` does not keep; gives their paths.
    fn forget(&mut self, keep: impl Fn(&str) -> bool) -> Vec<String> {
        let mut gone: Vec<String> = self.written.keys().filter(|p| !keep(p)).cloned().collect();
        gone.sort();
        for path in &gone {
            self.written.remove(path);
        }
        gone
    }

    /// Records `files` (by name under the folder) as written; gives those that changed,
    /// by path in the site.
    fn note(&mut self, files: Vec<(String, String)>) -> Vec<(String, String)> {
        let folder = self.folder.as_deref().unwrap_or_default();
        files
            .into_iter()
            .map(|(name, text)| (format!("{folder}/{name}"), text))
            .filter(|(path, text)| {
                let h = fingerprint(text);
                self.written.insert(path.clone(), h) != Some(h)
            })
            .collect()
    }
}

impl LiveOutput for LiveExport {
    fn pages(&self, edit: &PageEdit<'_>) -> Vec<Result<(String, String), Diagnostic>> {
        use crate::kind::Kind;
        let changed = edit
            .kinds
            .iter()
            .any(|k| matches!(k, Kind::Offer | Kind::Partner | Kind::Tier));
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if !changed || state.folder.is_none() {
            return Vec::new();
        }
        let r = edit.renderer;
        let (content, base_url, labels) = (r.content(), &r.config().base_url, &r.wording().labels);
        let in_place = (!edit.reshaped && !edit.kinds.contains(&Kind::Tier))
            .then(|| {
                let offers: Vec<&str> = edit
                    .urls
                    .iter()
                    .copied()
                    .filter(|u| content.offers.iter().any(|o| o.url == *u))
                    .collect();
                let partners: Vec<&str> = edit
                    .urls
                    .iter()
                    .copied()
                    .filter(|u| content.partners.iter().any(|p| p.url == *u))
                    .collect();
                state
                    .directory
                    .update(content, base_url, labels, &offers, &partners)
            })
            .flatten();
        let files = match in_place {
            Some(files) => {
                // Only terms can go without a record going: one no service names now.
                let folder = state.folder.clone().unwrap_or_default();
                let terms = format!("{folder}/taxonomy_terms/");
                let now: std::collections::HashSet<String> = state
                    .directory
                    .terms
                    .iter()
                    .map(|t| format!("{terms}{}.json", t.id))
                    .chain([format!("{terms}index.json")])
                    .collect();
                let gone = state.forget(|p| !p.starts_with(&terms) || now.contains(p));
                *self.removed.lock().unwrap_or_else(PoisonError::into_inner) = gone;
                files
            }
            None => {
                state.directory = crate::openreferral::Directory::of(content, base_url, labels);
                let files = state.directory.files();
                let folder = state.folder.clone().unwrap_or_default();
                let now: std::collections::HashSet<String> = files
                    .iter()
                    .map(|(name, _)| format!("{folder}/{name}"))
                    .collect();
                let gone = state.forget(|p| now.contains(p));
                *self.removed.lock().unwrap_or_else(PoisonError::into_inner) = gone;
                files
            }
        };
        state.note(files).into_iter().map(Ok).collect()
    }

    fn removed(&self) -> Vec<String> {
        std::mem::take(&mut *self.removed.lock().unwrap_or_else(PoisonError::into_inner))
    }
}
