//! The static search bundle: a Pagefind index written by Signpost itself, while the pages
//! render, for Pagefind's own browser code (its JavaScript and WebAssembly, shipped inside
//! the `pagefind` crate; nothing is fetched from elsewhere).
//!
//! Why not Pagefind's indexer: its API (`PagefindIndex`) parses each page on one thread
//! under a lock, keeps every page's text and word positions until the end (and copies
//! them once more while building), and compresses at gzip's slowest level; a 10,000-page
//! build spent most of its time and memory there, and 100,000 pages would not fit in
//! 24 GB. Here each render thread reads the page it has just rendered ([`html`],
//! [`digest`], [`words`]), writes its fragment straight away and keeps only its packed
//! word positions ([`page`]); at the end the index is built from those in parallel
//! ([`index`]). The files are the ones Pagefind would write for the same pages — a test
//! in `tests/it/search.rs` checks that, file by file, against the crate — so the browser
//! code reads them as its own.

mod digest;
mod format;
mod html;
mod index;
mod lexicon;
mod page;
mod postings;
mod words;

use pagefind_stem::Stemmer;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where the bundle goes inside the site.
pub const BUNDLE_DIR: &str = "pagefind";

/// What one thread needs to read a page: its memo of words and a compressor.
struct Scratch {
    lexicon: lexicon::Lexicon,
    gzip: format::Gzip,
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            lexicon: lexicon::Lexicon::default(),
            gzip: format::Gzip::new(format::FRAGMENT_LEVEL),
        }
    }
}

/// A Pagefind index being filled by the render threads.
pub struct Bundle {
    /// `<site>/pagefind`.
    dir: PathBuf,
    /// The language of the places on pages that are results of their own, the site's
    /// first (each page is indexed in its own: Pagefind keeps an index per language).
    language: String,
    stemmer: Option<Stemmer>,
    pages: Mutex<Vec<index::Page>>,
    /// Each language's words (a word is read by its language's rules: stemmed in
    /// English, as it is in Welsh), and the index's ids of them.
    vocabularies: Mutex<BTreeMap<String, Arc<Mutex<lexicon::Vocabulary>>>>,
    /// The render threads' working state, one taken out per page being read.
    /// By language, as its words are remembered as that language reads them.
    scratch: Mutex<HashMap<String, Vec<Scratch>>>,
    /// Fragment names taken so far, with the full hash of the fragment holding each.
    fragment_names: Mutex<HashMap<String, String>>,
    errors: Mutex<Vec<String>>,
}

impl Bundle {
    /// Starts a bundle in `site`'s `pagefind/` folder, the places on pages (protocol
    /// steps, glossary terms) indexed as `language` (a tag such as `en-GB`).
    pub fn new(site: &Path, language: &str) -> Bundle {
        let language = index_language(language);
        let dir = site.join(BUNDLE_DIR);
        let errors = match std::fs::create_dir_all(dir.join("fragment")) {
            Ok(()) => Vec::new(),
            Err(e) => vec![format!("{}: {e}", dir.display())],
        };
        Bundle {
            stemmer: words::stemmer(&language),
            language,
            dir,
            pages: Mutex::default(),
            vocabularies: Mutex::default(),
            scratch: Mutex::default(),
            fragment_names: Mutex::default(),
            errors: Mutex::new(errors),
        }
    }

    /// Indexes a rendered page in its language, its `lang` attribute (safe to call from
    /// many threads at once). Pagefind keeps an index for each language, and the
    /// browser searches the one of the page it is on.
    pub fn add_page(&self, url: &str, html: &str, language: &str) {
        let extracted = html::extract(html);
        let language = index_language(language);
        let stemmer = if language == self.language {
            None
        } else {
            Some(words::stemmer(&language))
        };
        let stemmer = stemmer.as_ref().unwrap_or(&self.stemmer).as_ref();
        self.with_scratch(&language, stemmer, |words, gzip| {
            if let Some(p) = page::from_html(url, extracted, &language, words) {
                self.store(p, gzip);
            }
        });
    }

    /// Indexes a place on a page (a protocol step, a glossary term) as a result of its
    /// own, in the language of its page: its URL carries the `#anchor`.
    pub fn add_record(&self, doc: &super::SearchDoc, kind_label: &str, language: &str) {
        let (content, meta, filters) = record_parts(doc, kind_label);
        let language = index_language(language);
        let stemmer = words::stemmer(&language);
        self.with_scratch(&language, stemmer.as_ref(), |words, gzip| {
            if let Some(p) = page::from_record(&doc.url, &content, meta, filters, &language, words)
            {
                self.store(p, gzip);
            }
        });
    }

    /// Runs `f` with working state no other thread is using.
    fn with_scratch(
        &self,
        language: &str,
        stemmer: Option<&Stemmer>,
        f: impl FnOnce(&mut digest::Words, &mut format::Gzip),
    ) {
        let vocabulary = self
            .vocabularies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(language.to_string())
            .or_default()
            .clone();
        let taken = self
            .scratch
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_mut(language)
            .and_then(Vec::pop);
        let mut scratch = taken.unwrap_or_default();
        let mut words = digest::Words {
            lexicon: &mut scratch.lexicon,
            stemmer,
            vocabulary: &vocabulary,
        };
        f(&mut words, &mut scratch.gzip);
        self.scratch
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(language.to_string())
            .or_default()
            .push(scratch);
    }

    /// Writes a page's fragment and keeps its record. The fragment is named by its hash
    /// cut short; should another page have that name already, it goes under its full
    /// hash until the index settles every name.
    fn store(&self, p: page::Prepared, gzip: &mut format::Gzip) {
        let short = p
            .record
            .full_hash
            .get(..p.record.language.len() + 8)
            .unwrap_or(&p.record.full_hash)
            .to_string();
        let name = {
            let mut names = self
                .fragment_names
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            match names.get(&short) {
                None => {
                    names.insert(short.clone(), p.record.full_hash.clone());
                    short
                }
                Some(_) => p.record.full_hash.clone(),
            }
        };
        let path = index::fragment_path(&self.dir, &name);
        if let Err(e) =
            crate::output::write_if_changed(&path, &gzip.compress(p.fragment.as_bytes()))
        {
            self.fail(format!("{}: {e}", path.display()));
            return;
        }
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(index::Page {
                record: p.record,
                written_as: name,
            });
    }

    fn fail(&self, message: String) {
        self.errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(message);
    }

    /// Builds the index from every page added, and writes it with Pagefind's browser
    /// code; returns the files written, as paths inside the site.
    pub fn finish(self) -> Result<Vec<String>, String> {
        let errors = self.errors.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(first) = errors.first() {
            return Err(format!("{first} ({} error(s) in all)", errors.len()));
        }
        let pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        let vocabularies = self
            .vocabularies
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let used_custom_body = pages.iter().any(|p| p.record.has_custom_body);
        let mut by_language: BTreeMap<String, Vec<index::Page>> = BTreeMap::new();
        for p in pages {
            by_language
                .entry(p.record.language.clone())
                .or_default()
                .push(p);
        }
        let mut names: Vec<&str> = by_language.keys().map(String::as_str).collect();
        if names.is_empty() {
            names.push(&self.language);
        }
        let assets = assets::Assets::for_languages(&names)?;
        let mut files = Vec::new();
        let mut languages = BTreeMap::new();
        for (language, pages) in by_language {
            let vocabulary = vocabularies.get(&language).cloned().unwrap_or_default();
            let vocabulary = vocabulary.lock().unwrap_or_else(|e| e.into_inner());
            let (built, written) = index::build(
                pages,
                &language,
                used_custom_body,
                &vocabulary,
                &assets.version,
                &self.dir,
            )?;
            files.extend(written);
            let wasm = assets.has_wasm(&language).then(|| language.clone());
            languages.insert(
                language,
                assets::EntryLanguage {
                    hash: built.meta_hash,
                    wasm,
                    page_count: built.page_count,
                },
            );
        }
        files.extend(assets.write(&self.dir, languages)?);
        Ok(files
            .into_iter()
            .map(|f| format!("{BUNDLE_DIR}/{f}"))
            .collect())
    }
}

/// A language tag as Pagefind keys its indexes: as the page's `lang` gives it, in lower
/// case (`en-GB` → `en-gb`); it stems by the primary subtag.
fn index_language(language: &str) -> String {
    match language.trim() {
        "" => "unknown".to_string(),
        l => l.to_ascii_lowercase(),
    }
}

/// What a record gives the index, in the shape of Pagefind's `add_custom_record`: its
/// text, its metadata (the title) and its filters (its kind).
pub type RecordParts = (
    String,
    BTreeMap<String, String>,
    BTreeMap<String, Vec<String>>,
);

/// The parts of a search document indexed as a record of its own.
pub fn record_parts(doc: &super::SearchDoc, kind_label: &str) -> RecordParts {
    let content = format!(
        "{}\n{}\n{}\n{}",
        doc.title,
        doc.summary,
        doc.body,
        doc.aliases.join("\n")
    );
    let meta = BTreeMap::from([("title".to_string(), doc.title.clone())]);
    let filters = BTreeMap::from([("kind".to_string(), vec![kind_label.to_string()])]);
    (content, meta, filters)
}

mod assets {
    //! Pagefind's browser code, taken from the crate by building a one-record index with
    //! its own API, so its version always matches the crate's.

    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    use std::collections::BTreeMap;
    use std::path::Path;

    #[derive(serde::Serialize)]
    pub struct EntryLanguage {
        pub hash: String,
        pub wasm: Option<String>,
        pub page_count: usize,
    }

    #[derive(serde::Serialize)]
    struct Entry<'a> {
        version: &'a str,
        languages: BTreeMap<String, EntryLanguage>,
        include_characters: &'a serde_json::Value,
    }

    pub struct Assets {
        pub version: String,
        include_characters: serde_json::Value,
        files: Vec<(String, Vec<u8>)>,
    }

    impl Assets {
        /// The browser code for an index of pages in `languages` (as the index keys them):
        /// the crate writes the stemming code of each language that has one.
        pub fn for_languages(languages: &[&str]) -> Result<Assets, String> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(|e| e.to_string())?;
            let files = runtime.block_on(async {
                let config = PagefindServiceConfig::builder().build();
                let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
                for (i, language) in languages.iter().enumerate() {
                    index
                        .add_custom_record(
                            format!("/{i}"),
                            "signpost".into(),
                            language.to_string(),
                            None,
                            None,
                            None,
                        )
                        .await
                        .map_err(|e| e.to_string())?;
                }
                index.get_files().await.map_err(|e| e.to_string())
            })?;
            let mut assets = Assets {
                version: String::new(),
                include_characters: serde_json::Value::Null,
                files: Vec::new(),
            };
            for f in files {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                if name == "pagefind-entry.json" {
                    let entry: serde_json::Value =
                        serde_json::from_slice(&f.contents).map_err(|e| e.to_string())?;
                    assets.version = entry["version"].as_str().unwrap_or_default().to_string();
                    assets.include_characters = entry["include_characters"].clone();
                } else if !name.contains('/') && !name.ends_with(".pf_meta") {
                    assets.files.push((name, f.contents));
                }
            }
            Ok(assets)
        }

        pub fn has_wasm(&self, language: &str) -> bool {
            let name = format!("wasm.{language}.pagefind");
            self.files.iter().any(|(n, _)| *n == name)
        }

        /// Writes the browser code and `pagefind-entry.json`; returns their names.
        pub fn write(
            self,
            dir: &Path,
            languages: BTreeMap<String, EntryLanguage>,
        ) -> Result<Vec<String>, String> {
            let entry = serde_json::to_string(&Entry {
                version: &self.version,
                languages,
                include_characters: &self.include_characters,
            })
            .map_err(|e| e.to_string())?;
            let mut names = Vec::new();
            for (name, bytes) in self
                .files
                .into_iter()
                .chain([("pagefind-entry.json".to_string(), entry.into_bytes())])
            {
                crate::output::write_if_changed(&dir.join(&name), &bytes)
                    .map_err(|e| format!("{name}: {e}"))?;
                names.push(name);
            }
            Ok(names)
        }
    }
}

/// The bundle as one of the build's outputs: fed each searchable page as it is written,
/// then the places on pages that are results of their own (protocol steps, glossary terms,
/// recommendations), then written.
pub struct BundleOutput {
    pub bundle: Bundle,
    /// The search documents of places on pages (their URLs carry an `#anchor`), each with
    /// its page's language and the name of its kind in that language (its kind filter).
    pub places: Vec<Place>,
}

/// A place on a page that is a result of its own: (language, kind's name, document).
pub type Place = (String, String, super::SearchDoc);

impl crate::outputs::Output for BundleOutput {
    fn name(&self) -> &'static str {
        "static search bundle"
    }

    fn page(&self, page: &crate::outputs::Page<'_>) {
        if page.searchable {
            self.bundle.add_page(page.url, page.html, page.language);
        }
    }

    fn finish(
        self: Box<Self>,
        _: &std::collections::BTreeSet<String>,
    ) -> Result<Vec<String>, Vec<crate::diagnostic::Diagnostic>> {
        use rayon::prelude::*;
        let BundleOutput { bundle, places } = *self;
        places
            .par_iter()
            .for_each(|(language, label, doc)| bundle.add_record(doc, label, language));
        bundle.finish().map_err(|e| {
            vec![crate::diagnostic::Diagnostic::new(
                crate::diagnostic::Code::Io,
                "public/pagefind",
                format!("cannot build the static search bundle: {e}"),
            )]
        })
    }
}
