//! The outputs `serve` keeps up to date as content is edited, between whole builds: the
//! other side of the build's seam (`crate::outputs`). A whole build shows each page to its
//! outputs and finishes them; an edit taken in place tells each [`LiveOutput`] what changed,
//! at two moments: once the edited records check out ([`LiveOutput::records`]), and once
//! every page the edit touches is made ([`LiveOutput::pages`]). An output that should
//! follow edits (an export of the records, a language's feed) is one more value in
//! [`outputs`], not a change to `live`. What follows no edit (the static search bundle,
//! related services) waits for the whole build `serve` runs once edits pause.

use crate::diagnostic::{Code, Diagnostic};
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
pub fn outputs(snap: &Snapshot) -> tantivy::Result<(Outputs, Option<Arc<SearchIndex>>)> {
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
/// records gone are removed.
struct LiveExport {
    /// What each document holds (a hash of its text), by path in the site.
    written: Mutex<std::collections::HashMap<String, u64>>,
    /// Documents the last edit removed.
    removed: Mutex<Vec<String>>,
}

impl LiveExport {
    /// Knows the documents the whole build wrote.
    fn new(snap: &Snapshot) -> LiveExport {
        let written = export_files(&snap.config, &snap.content, &snap.wording.labels)
            .into_iter()
            .map(|(path, text)| (path, hash(&text)))
            .collect();
        LiveExport {
            written: Mutex::new(written),
            removed: Mutex::new(Vec::new()),
        }
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The export's files by path in the site (none when it is switched off).
fn export_files(
    config: &crate::config::Config,
    content: &crate::content::Content,
    labels: &crate::wording::Labels,
) -> Vec<(String, String)> {
    let settings = &config.openreferral;
    let Some(folder) = settings.folder().filter(|_| settings.enabled) else {
        return Vec::new();
    };
    crate::openreferral::Directory::of(content, &config.base_url, labels)
        .files()
        .into_iter()
        .map(|(name, text)| (format!("{folder}/{name}"), text))
        .collect()
}

impl LiveOutput for LiveExport {
    fn pages(&self, edit: &PageEdit<'_>) -> Vec<Result<(String, String), Diagnostic>> {
        use crate::kind::Kind;
        let changed = edit
            .kinds
            .iter()
            .any(|k| matches!(k, Kind::Offer | Kind::Partner | Kind::Tier));
        if !changed {
            return Vec::new();
        }
        let r = edit.renderer;
        let files = export_files(r.config(), r.content(), &r.wording().labels);
        let mut written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        let now: std::collections::HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        let mut gone: Vec<String> = written
            .keys()
            .filter(|p| !now.contains(p.as_str()))
            .cloned()
            .collect();
        gone.sort();
        for path in &gone {
            written.remove(path);
        }
        *self.removed.lock().unwrap_or_else(PoisonError::into_inner) = gone;
        files
            .into_iter()
            .filter(|(path, text)| {
                let h = hash(text);
                written.insert(path.clone(), h) != Some(h)
            })
            .map(Ok)
            .collect()
    }

    fn removed(&self) -> Vec<String> {
        std::mem::take(&mut *self.removed.lock().unwrap_or_else(PoisonError::into_inner))
    }
}
