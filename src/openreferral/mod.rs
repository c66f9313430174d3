//! Open Referral UK (HSDS 3.0): the directory published as static JSON on every build
//! ([`ExportOutput`], under `/openreferral/` unless `site.toml` says otherwise), answered
//! with a live API's query parameters by `serve` (`serve::openreferral`), and read back
//! into content files by `signpost import openreferral` ([`import`]). [`export`] is the
//! mapping, [`hsds`] the documents' shapes, [`ids`] how their ids stay the same.

pub mod directory;
pub mod export;
pub mod hsds;
pub mod ids;
pub mod import;

use crate::config::Config;
pub use crate::config::OpenReferral as Settings;
use crate::content::Content;
use crate::diagnostic::{Code, Diagnostic};
use crate::outputs::Output;
use crate::render::Sink;
use crate::wording::Labels;
pub use directory::Directory;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What a build's export wrote, kept for `serve` to follow edits from (so that it does
/// not make the whole export again after each whole build).
#[derive(Debug, Default)]
pub struct Written {
    pub directory: Directory,
    /// A [`fingerprint`] of each file, by its path in the site.
    pub files: std::collections::HashMap<String, u64>,
}

/// A file's text, told apart from another's.
pub fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The export as an output of the build: made once every page is written, from the
/// content the pages were made from.
pub struct ExportOutput<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub labels: &'a Labels,
    pub sink: &'a Sink<'a>,
    /// Where to keep what it wrote, when the caller keeps the build (`serve`).
    pub keep: Option<&'a std::sync::Mutex<Option<Written>>>,
}

impl Output for ExportOutput<'_> {
    fn name(&self) -> &'static str {
        "open referral export"
    }

    fn finish(self: Box<Self>, site: &BTreeSet<String>) -> Result<Vec<String>, Vec<Diagnostic>> {
        let settings = &self.config.openreferral;
        let Some(folder) = settings.folder().filter(|_| settings.enabled) else {
            return Ok(Vec::new());
        };
        let prefix = format!("{folder}/");
        if let Some(taken) = site.iter().find(|f| f.starts_with(&prefix)) {
            return Err(vec![Diagnostic::new(
                Code::DuplicateUrl,
                "site.toml",
                format!("the Open Referral export's folder `{folder}/` already holds `{taken}`"),
            )
            .with_help(
                "set another `path` under [openreferral] in site.toml, or move the page",
            )]);
        }
        if self.sink.staging.is_none() {
            // `check`: nothing is written, and nothing in the export can be wrong.
            return Ok(Vec::new());
        }
        let directory = Directory::of(self.content, &self.config.base_url, self.labels);
        let files = directory.files();
        if let Some(keep) = self.keep {
            let files = files
                .par_iter()
                .map(|(name, text)| (format!("{prefix}{name}"), fingerprint(text)))
                .collect();
            *keep
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some(Written { directory, files });
        }
        // Ten thousand small files at 10k pages: written on every core, as pages are.
        let results: Vec<Result<String, Diagnostic>> = files
            .into_par_iter()
            .map(|(name, text)| {
                let rel = format!("{prefix}{name}");
                self.sink.put(&rel, text.as_bytes()).map(|()| rel)
            })
            .collect();
        let (written, problems): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
        let written: Vec<String> = written.into_iter().flatten().collect();
        let problems: Vec<Diagnostic> = problems.into_iter().filter_map(Result::err).collect();
        if problems.is_empty() {
            Ok(written)
        } else {
            Err(problems)
        }
    }
}
