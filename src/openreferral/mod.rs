//! Open Referral UK (HSDS 3.0): the directory published as static JSON on every build
//! ([`ExportOutput`], under `/openreferral/` unless `site.toml` says otherwise), answered
//! with a live API's query parameters by `serve` (`serve::openreferral`), and read back
//! into content files by `signpost import openreferral` ([`import`]). [`export`] is the
//! mapping, [`hsds`] the documents' shapes, [`ids`] how their ids stay the same.

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
pub use export::Directory;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The export as an output of the build: made once every page is written, from the
/// content the pages were made from.
pub struct ExportOutput<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub labels: &'a Labels,
    pub sink: &'a Sink<'a>,
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
        // Ten thousand small files at 10k pages: written on every core, as pages are.
        let results: Vec<Result<String, Diagnostic>> = directory
            .files()
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
