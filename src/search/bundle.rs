//! The static search bundle: Pagefind, run in process on the HTML the build has just
//! rendered. Its index is chunked, so a browser fetches only the parts a query needs, and
//! its JavaScript and WebAssembly come from inside the crate: nothing is fetched from
//! elsewhere, at build time or in the browser.
//!
//! Pages are fed to Pagefind as they render, through a bounded channel to one indexing
//! thread, so the rendered HTML never has to be held in memory all at once.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

/// Where the bundle goes inside the site.
pub const BUNDLE_DIR: &str = "pagefind";

type BundleFiles = Result<Vec<(String, Vec<u8>)>, String>;

/// What the indexer is given: a rendered page, or a record for a place on a page (a
/// protocol step, a glossary term) so that it is found on its own, with a deep link.
enum Entry {
    Page {
        html: String,
    },
    Record {
        title: String,
        content: String,
        kind_label: String,
    },
}

/// A Pagefind index being filled by the render workers.
pub struct Bundle {
    pages: SyncSender<(String, Entry)>,
    worker: JoinHandle<BundleFiles>,
}

impl Bundle {
    pub fn start() -> Bundle {
        let (pages, incoming) = sync_channel::<(String, Entry)>(64);
        let worker = std::thread::spawn(move || -> BundleFiles {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async move {
                let config = PagefindServiceConfig::builder()
                    .force_language("en".to_string())
                    .keep_index_url(false)
                    .build();
                let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
                // Pages arrive in whatever order the render threads finish; Pagefind sorts
                // its output, so the bundle does not depend on that order.
                let mut all: Vec<(String, Entry)> = incoming.into_iter().collect();
                all.sort_by(|a, b| a.0.cmp(&b.0));
                for (url, entry) in all {
                    let added = match entry {
                        Entry::Page { html } => {
                            index.add_html_file(None, Some(url.clone()), html).await
                        }
                        Entry::Record {
                            title,
                            content,
                            kind_label,
                        } => {
                            let meta = [("title".to_string(), title)].into_iter().collect();
                            let filters = [("kind".to_string(), vec![kind_label])]
                                .into_iter()
                                .collect();
                            index
                                .add_custom_record(
                                    url.clone(),
                                    content,
                                    "en".into(),
                                    Some(meta),
                                    Some(filters),
                                    None,
                                )
                                .await
                        }
                    };
                    added.map_err(|e| format!("{url}: {e}"))?;
                }
                let files = index.get_files().await.map_err(|e| e.to_string())?;
                Ok(files
                    .into_iter()
                    .map(|f| {
                        let rel = f.filename.to_string_lossy().replace('\\', "/");
                        (format!("{BUNDLE_DIR}/{rel}"), f.contents)
                    })
                    .collect())
            })
        });
        Bundle { pages, worker }
    }

    /// Queues one rendered page (blocks briefly if the indexer is behind).
    pub fn add(&self, url: &str, html: String) {
        let _ = self.pages.send((url.to_string(), Entry::Page { html }));
    }

    /// Queues a search record for a place on a page: its URL carries the `#anchor`.
    pub fn add_record(&self, doc: &super::SearchDoc) {
        let content = format!(
            "{}\n{}\n{}\n{}",
            doc.title,
            doc.summary,
            doc.body,
            doc.aliases.join("\n")
        );
        let entry = Entry::Record {
            title: doc.title.clone(),
            content,
            kind_label: super::kind_label(doc.kind).to_string(),
        };
        let _ = self.pages.send((doc.url.clone(), entry));
    }

    /// Waits for the indexer and returns the bundle's files, paths relative to the site.
    pub fn finish(self) -> BundleFiles {
        drop(self.pages);
        self.worker
            .join()
            .map_err(|_| "the search indexer stopped unexpectedly".to_string())?
    }
}
