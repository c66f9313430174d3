//! Signpost compiles a directory of services and guidance (`content/`) into a static site.
//!
//! Data flows one way: [`load`] → [`validate`] → [`render`] → [`output`]. See
//! `ARCHITECTURE.md` for where to change what.

// A `Diagnostic` is the error of most fallible steps here. It is returned only on the
// rare failure path, so its size (about 150 bytes) costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod anchor;
pub mod bench;
pub mod config;
pub mod content;
pub mod corpus;
pub mod diagnostic;
pub mod edition;
pub mod flowchart;
pub mod html;
pub mod kind;
pub mod language;
pub mod load;
pub mod made;
pub mod markdown;
pub mod model;
pub mod openreferral;
pub mod output;
pub mod outputs;
pub mod readability;
pub mod render;
pub mod route;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
pub mod suggest;
pub mod text_stats;
pub mod translation;
pub mod validate;
pub mod view;
pub mod wording;
pub mod yaml_map;

use diagnostic::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `build` and `check` are asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output` in site.toml (relative paths are relative to the current folder).
    pub output: Option<PathBuf>,
    pub drafts: bool,
    /// `false` for `check`: everything is rendered in memory, nothing is written.
    pub write: bool,
    /// Build the tantivy index (`search-index/`) and "related services".
    pub search: bool,
    /// Where to write the tantivy index instead of `search-index/tantivy` (`serve` keeps
    /// its own beside its builds).
    pub index_dir: Option<PathBuf>,
}

/// The outcome of a build or check.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub files: usize,
    pub output: Option<PathBuf>,
    pub elapsed: Duration,
    /// Documents in the search index (0 when search is off).
    pub search_documents: usize,
    /// Reading level of every page (`check --verbose`).
    pub readability: Vec<readability::PageScore>,
    /// The output could not be written (an I/O problem, not a content one).
    pub output_error: Option<output::OutputError>,
    /// How long each stage took, in order (`build --timings`): wall time, and the
    /// processor time of all threads (zero where the system does not say).
    pub stages: Vec<Stage>,
    /// How much of the site each of its other languages has (`check`).
    pub translations: Vec<translation::Coverage>,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.output_error.is_some()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == diagnostic::Severity::Error)
    }

    /// Errors that are about how signpost was run or the machine, not the content.
    pub fn is_usage_or_io_error(&self) -> bool {
        self.output_error.is_some()
            || self.diagnostics.iter().any(|d| {
                d.severity == diagnostic::Severity::Error
                    && d.code.exit() == diagnostic::Exit::Setup
            })
    }
}

/// One stage of a build and how long it took.
#[derive(Debug, Clone, Copy)]
pub struct Stage {
    pub name: &'static str,
    pub wall: Duration,
    pub cpu: Duration,
}

/// Processor time used so far by every thread of the process (user and system).
fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        // SAFETY: zeroed rusage is a valid value for getrusage to overwrite.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: RUSAGE_SELF with a valid pointer to our own struct.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let t = |v: libc::timeval| {
                Duration::from_secs(v.tv_sec as u64) + Duration::from_micros(v.tv_usec as u64)
            };
            return t(usage.ru_utime) + t(usage.ru_stime);
        }
    }
    Duration::ZERO
}

/// What a successful build was made from, kept by `serve` so that an edit re-renders
/// only the pages it touches.
pub struct Snapshot {
    pub config: config::Config,
    pub tera: tera::Tera,
    pub wording: wording::Wording,
    pub content: content::Content,
    pub search: search::SearchData,
    pub synonyms: search::synonyms::Synonyms,
    /// The folders written: the site, and the tantivy index when search is on.
    pub output: PathBuf,
    pub index_dir: Option<PathBuf>,
    /// The list entries the build rendered, for `serve` to reuse until an edit touches them.
    pub entries: render::EntryCache,
    /// What the Open Referral export wrote (taken by `serve`'s live export).
    pub openreferral: Option<openreferral::Written>,
}

/// Loads, validates and renders the site under `options.root`; writes it when asked and
/// when there are no errors.
pub fn build(options: &BuildOptions) -> BuildReport {
    run(options, false).0
}

/// [`build`], also handing back what the site was made from when it was written.
pub fn build_keeping(options: &BuildOptions) -> (BuildReport, Option<Snapshot>) {
    run(options, true)
}

/// The pipeline; `keep` when the caller takes a [`Snapshot`] (so the files' texts stay,
/// for positions in the diagnostics of later edits).
fn run(options: &BuildOptions, keep: bool) -> (BuildReport, Option<Snapshot>) {
    let start = Instant::now();
    let mut diags = Diagnostics::default();
    let root = options.root.as_path();
    let mut report = BuildReport {
        diagnostics: Vec::new(),
        pages: 0,
        files: 0,
        output: None,
        elapsed: Duration::ZERO,
        readability: Vec::new(),
        search_documents: 0,
        output_error: None,
        stages: Vec::new(),
        translations: Vec::new(),
    };
    let mut stage_start = (Instant::now(), cpu_time());
    let mut stage = |report: &mut BuildReport, name: &'static str| {
        let cpu = cpu_time();
        report.stages.push(Stage {
            name,
            wall: stage_start.0.elapsed(),
            cpu: cpu.saturating_sub(stage_start.1),
        });
        stage_start = (Instant::now(), cpu);
    };
    let config = match config::Config::load(root) {
        Ok(c) => c,
        Err(d) => {
            report.diagnostics = vec![d];
            report.elapsed = start.elapsed();
            return (report, None);
        }
    };
    let mut content = load::load(
        root,
        load::LoadOptions {
            drafts: options.drafts,
        },
        &mut diags,
    );
    stage(&mut report, "load");
    validate::validate(&content, validate::today(), &mut diags);
    report.translations = translation::check(&config, &content, &mut diags);
    stage(&mut report, "validate");
    report.readability = readability::check(&content, &config.readability, &mut diags);
    stage(&mut report, "reading levels");
    // The content of each other language, made from the files' texts before they go.
    let mut languages = language::Language::all(&config, &content, &mut diags);
    if !languages.is_empty() {
        stage(&mut report, "other languages");
    }
    if !keep {
        // Every check that points into the files has run.
        content.release_sources();
        for l in &mut languages {
            l.content.release_sources();
        }
    }

    // The theme: its templates and its words, both needed to render anything (and the
    // words search adds to parts of pages).
    let tera = render::templates(root, &config, &mut diags);
    // (A missing theme is one error, the templates'.)
    let wording = match tera
        .as_ref()
        .map(|_| wording::Wording::load(root, &config.theme))
    {
        Some(Ok(w)) => Some(w),
        Some(Err(d)) => {
            diags.push(d);
            None
        }
        None => None,
    };
    let theme = tera.zip(wording);
    if theme.is_some() {
        for l in &mut languages {
            l.load_words(root, &config.theme, &mut diags);
        }
    }

    // Pages are written into a staging folder as they render; it replaces the output
    // only if the whole build succeeds, and is deleted otherwise.
    let mut staging = None;
    if options.write && !diags.has_errors() {
        match output::Staging::reusing(root, &output_dir(root, &config, options.output.as_deref()))
        {
            Ok(s) => staging = Some(s),
            Err(e) => report.output_error = Some(e),
        }
    }
    // The search documents feed the pages' search filters, "related services" and both
    // search indexes. The tantivy index is written beside the site (and swapped in just
    // before it) on a thread of its own while the pages render; `check` has no use for one.
    let mut index_staging = None;
    let mut search_data = search::SearchData::default();
    let mut docs = Vec::new();
    // Steps and glossary terms are results of their own in the static search.
    let mut place_records = Vec::new();
    let synonyms = search::synonyms(&content);
    let index_dir = options
        .index_dir
        .clone()
        .unwrap_or_else(|| search_index_dir(root));
    let search_wording = theme.as_ref().map(|(_, w)| w).filter(|_| options.search);
    if let Some(wording) = search_wording.filter(|_| !diags.has_errors()) {
        if staging.is_some() {
            match output::Staging::new(root, &index_dir) {
                Ok(s) => index_staging = Some(s),
                Err(e) => report.output_error = Some(e),
            }
        }
        docs = search::documents(&content, &synonyms, wording);
        report.search_documents = docs.len();
        search_data.facets = search::page_facets(&docs);
        place_records = docs
            .iter()
            .filter(|d| d.url.contains('#'))
            .cloned()
            .collect();
        stage(&mut report, "search documents");
        search_data.related = search::related::related_offers(&docs, 3);
        stage(&mut report, "related services");
        // Each other language's pages are filtered by its own words, and searched in
        // its own index: the documents of its own pages, at their addresses.
        for l in &mut languages {
            l.prepare_search(&synonyms, &search_data.related);
        }
    }
    // The static search bundle is made only when the site is written: each render thread
    // indexes the page it has just written, and the index is built once all are done.
    let bundle = match (&staging, options.search) {
        (Some(s), true) => Some(search::pagefind::Bundle::new(s.path(), &config.language)),
        _ => None,
    };
    let mut rendered = render::Rendered::default();
    let entries = render::EntryCache::default();
    let export_written = std::sync::Mutex::new(None);
    let sink = render::Sink {
        staging: staging.as_ref(),
    };
    std::thread::scope(|scope| {
        let Some((tera, wording)) = &theme else {
            return;
        };
        // The pages of each language, and the editions that know which pages each has.
        let mut editions = edition::Editions::of(&config);
        let jobs = view::pages(&content, &search_data.related, wording);
        if editions.is_multilingual() {
            editions.set_pages(0, jobs.iter().map(|j| j.url.clone()));
        }
        let mut site = vec![jobs];
        let others: Vec<&language::Language> =
            languages.iter().filter(|l| l.wording.is_some()).collect();
        for (i, l) in others.iter().enumerate() {
            let jobs = l.pages();
            let feed = std::iter::once("/atom.xml".to_string());
            editions.set_pages(i + 1, jobs.iter().map(|j| j.url.clone()).chain(feed));
            site.push(jobs);
        }
        let editions = std::sync::Arc::new(editions);
        let renderer =
            render::Renderer::new(tera, wording, &config, &content, &search_data, &entries)
                .in_edition(editions.clone(), 0);
        let other_renderers: Vec<render::Renderer> = others
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let wording = l.wording.as_ref()?;
                let r = render::Renderer::new(
                    tera, wording, &config, &l.content, &l.search, &l.entries,
                );
                Some(r.in_edition(editions.clone(), i + 1))
            })
            .collect();
        let renderers: Vec<&render::Renderer> =
            std::iter::once(&renderer).chain(&other_renderers).collect();
        // What the build makes besides the pages, each finished in this order once every
        // page is written (so the static files can see the pages' paths).
        let mut outputs: Vec<Box<dyn outputs::Output + '_>> = vec![
            Box::new(render::Generated::new(renderers.clone(), &sink)),
            Box::new(render::StaticFiles {
                root,
                config: &config,
                content: &content,
                sink: &sink,
            }),
        ];
        outputs.push(Box::new(openreferral::ExportOutput {
            config: &config,
            content: &content,
            labels: &wording.labels,
            sink: &sink,
            keep: keep.then_some(&export_written),
        }));
        if let Some(bundle) = bundle {
            let place = |lang: &str, wording: &wording::Wording, d: search::SearchDoc| {
                let label = wording.labels.kind(d.kind).to_string();
                (lang.to_string(), label, d)
            };
            let first = &editions.at(0).lang;
            let mut places: Vec<search::pagefind::Place> = std::mem::take(&mut place_records)
                .into_iter()
                .map(|d| place(first, wording, d))
                .collect();
            for (i, l) in others.iter().enumerate() {
                let Some(words) = &l.wording else { continue };
                let lang = &editions.at(i + 1).lang;
                places.extend(
                    l.docs
                        .iter()
                        .filter(|d| d.url.contains('#'))
                        .map(|d| place(lang, words, d.clone())),
                );
            }
            outputs.push(Box::new(search::pagefind::BundleOutput { bundle, places }));
        }
        // The index thread takes the documents, and lets go of each once indexed.
        if let Some(index) = &index_staging {
            let (docs, synonyms) = (std::mem::take(&mut docs), &synonyms);
            let code = editions.at(0).code.clone();
            let building = scope
                .spawn(move || search::index::build(docs, synonyms, Some(index.path()), &code));
            outputs.push(Box::new(search::index::IndexOutput { building }));
            // Each other language's in a folder of the index named by its code.
            for l in &others {
                let (docs, dir) = (l.docs.clone(), index.path().join(&l.code));
                let synonyms = search::synonyms(&l.content);
                let code = l.code.clone();
                let building =
                    scope.spawn(move || search::index::build(docs, &synonyms, Some(&dir), &code));
                outputs.push(Box::new(search::index::IndexOutput { building }));
            }
        }
        drop(std::mem::take(&mut docs));
        let site: Vec<(&render::Renderer, Vec<view::PageJob>)> =
            renderers.iter().copied().zip(site).collect();
        rendered = render::render(&site, &sink, &outputs, &mut diags);
        stage(&mut report, "render and write pages");
        for output in outputs {
            let name = output.name();
            match output.finish(&rendered.files) {
                Ok(files) => rendered.files.extend(files),
                Err(problems) => diags.extend(problems),
            }
            stage(&mut report, name);
        }
    });
    report.pages = rendered.pages();
    report.files = rendered.files.len();

    if let Some(staging) = staging {
        if !diags.has_errors() && report.output_error.is_none() {
            // The index first: if it cannot be swapped in, the old site and the old index
            // both stay. Once it is in, it matches the content on disk, whether or not the
            // site's own swap then succeeds.
            if let Some(index) = index_staging {
                if let Err(e) = index.commit(&Default::default()) {
                    report.output_error = Some(e);
                }
            }
            if report.output_error.is_none() {
                match staging.commit(&rendered.files) {
                    Ok(out) => report.output = Some(out),
                    Err(e) => report.output_error = Some(e),
                }
            }
            stage(&mut report, "replace the old output");
        }
    }
    report.diagnostics = diags.sorted();
    report.elapsed = start.elapsed();
    let snapshot = match (&report.output, theme) {
        (Some(output), Some((tera, wording))) if !report.has_errors() => Some(Snapshot {
            config,
            tera,
            wording,
            content,
            search: search_data,
            synonyms,
            output: output.clone(),
            index_dir: options.search.then_some(index_dir),
            entries,
            openreferral: export_written
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        }),
        _ => None,
    };
    (report, snapshot)
}

/// Where `build` writes the tantivy index and `search` reads it.
pub fn search_index_dir(root: &Path) -> PathBuf {
    root.join("search-index").join("tantivy")
}

fn output_dir(root: &Path, config: &config::Config, given: Option<&Path>) -> PathBuf {
    match given {
        Some(p) => p.to_path_buf(),
        None => root.join(&config.output),
    }
}
