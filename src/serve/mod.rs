//! `signpost serve`: a preview server for editors. It builds the site into a temporary
//! folder, serves it on 127.0.0.1 unless told otherwise, rebuilds when content, templates
//! or `site.toml` change, and tells open pages to reload over server-sent events. When a
//! rebuild fails it keeps serving the last good site with the errors laid over every page.

mod http;
mod search;
mod watch;

use crate::diagnostic::{Diagnostic, Severity};
use crate::{build, BuildOptions};
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tokio::sync::broadcast;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Poll for changes instead of relying on the operating system's events.
    pub poll: bool,
}

/// What the server is showing now.
#[derive(Default)]
pub(crate) struct Current {
    /// The last good build, if there has been one.
    pub site: Option<PathBuf>,
    /// The tantivy index of the last good build, for `/search?q=` and `/api/search`.
    pub index: Option<Arc<crate::search::query::SearchIndex>>,
    /// Errors of the latest build (empty when it succeeded).
    pub errors: Vec<Diagnostic>,
    pub builds: u64,
}

pub(crate) struct Shared {
    pub root: PathBuf,
    pub current: RwLock<Current>,
    /// Each successful or failed rebuild is announced to open pages.
    pub reload: broadcast::Sender<u64>,
    /// Holds the builds; deleted when the server stops.
    pub workdir: tempfile::TempDir,
}

impl Shared {
    /// Builds the site and records the outcome; the previous good build stays if this
    /// one fails.
    pub fn rebuild(&self) -> (bool, u128) {
        let started = Instant::now();
        // Builds alternate between two folders: the one being served is never replaced
        // while requests read it, so there is no moment without a site.
        let serving = self
            .current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .site
            .clone();
        let [a, b] = ["site-a", "site-b"].map(|n| self.workdir.path().join(n));
        let out = if serving.as_deref() == Some(a.as_path()) {
            b
        } else {
            a
        };
        let report = build(&BuildOptions {
            root: self.root.clone(),
            output: Some(out.clone()),
            drafts: true,
            write: true,
            search: true,
        });
        let ok = !report.has_errors();
        let mut errors: Vec<Diagnostic> = report
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if let Some(e) = report.output_error {
            errors.push(Diagnostic::error("io", "site", e.to_string()));
        }
        let builds = {
            let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
            if ok {
                current.site = Some(out);
                // The build has just swapped a new index in; open it for queries.
                current.index =
                    crate::search::query::SearchIndex::open(&crate::search_index_dir(&self.root))
                        .ok()
                        .map(Arc::new);
            }
            current.errors = errors;
            current.builds += 1;
            current.builds
        };
        let _ = self.reload.send(builds);
        (ok, started.elapsed().as_millis())
    }
}

/// Runs the server until Ctrl-C.
pub fn run(options: ServeOptions) -> anyhow::Result<()> {
    let workdir = tempfile::Builder::new()
        .prefix("signpost-serve-")
        .tempdir()?;
    let (reload, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        root: options.root.clone(),
        current: RwLock::new(Current::default()),
        reload,
        workdir,
    });
    let (ok, ms) = shared.rebuild();
    report_build(&shared, ok, ms);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((options.bind, options.port)).await?;
        let address = listener.local_addr()?;
        // Watch before announcing the address, so no edit made after it is missed.
        let _watcher = watch::start(shared.clone(), options.poll)?;
        println!(
            "Serving {} at http://{address}/ (Ctrl-C to stop)",
            options.root.display()
        );
        let app = http::router(shared.clone());
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok::<(), anyhow::Error>(())
    })?;
    Ok(())
}

pub(crate) fn report_build(shared: &Shared, ok: bool, ms: u128) {
    let current = shared.current.read().unwrap_or_else(|p| p.into_inner());
    if ok {
        eprintln!("Rebuilt in {ms} ms");
    } else {
        eprintln!(
            "Build failed ({} error(s)); showing the last good site with the errors",
            current.errors.len()
        );
        for d in &current.errors {
            eprint!("{}", d.render());
        }
    }
}
