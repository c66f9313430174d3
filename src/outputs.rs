//! The seam between the build and what it makes beside the pages: the sitemap, robots
//! file and feed, the static files, the static search bundle and the tantivy index are
//! each an [`Output`]. The build renders every page once, shows each to every output as it
//! is written ([`Output::page`]), then lets each finish in turn ([`Output::finish`]). A new
//! output (an Open Referral export, a language's pages) is one more value in the list the
//! build makes (`lib.rs`), not a change to the build. Between whole builds, `serve` keeps
//! what follows edits up to date through the other side of this seam,
//! `serve::live::outputs::LiveOutput`.

use crate::diagnostic::Diagnostic;
use crate::model::IsoDate;
use std::collections::BTreeSet;

/// A page just rendered and written.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub url: &'a str,
    pub html: &'a str,
    /// Indexed by both search engines (`view::PageJob::searchable`).
    pub searchable: bool,
    /// Listed in the sitemap (not the 404 page).
    pub in_sitemap: bool,
    pub reviewed: Option<IsoDate>,
    /// Its language, as its `lang` attribute gives it (`en-GB`, `cy`).
    pub language: &'a str,
}

/// Something the build makes besides the pages.
pub trait Output: Sync {
    /// Its name in `build --timings`.
    fn name(&self) -> &'static str;

    /// Sees each page as it is written, on the rendering threads (many at once).
    fn page(&self, _page: &Page<'_>) {}

    /// Makes and writes its files once every page is written. `site` holds the site's
    /// files so far (the pages, then the files of the outputs before it); it returns the
    /// paths of its own files in the site (none for one written elsewhere, as the tantivy
    /// index is), or every problem it met.
    fn finish(self: Box<Self>, site: &BTreeSet<String>) -> Result<Vec<String>, Vec<Diagnostic>>;
}
