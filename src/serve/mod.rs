//! `signpost serve`: a preview server for editors. It builds the site into a temporary
//! folder, serves it on 127.0.0.1 unless told otherwise, rebuilds when content, templates
//! or `site.toml` change, and tells open pages to reload over server-sent events. When a
//! rebuild fails it keeps serving the last good site with the errors laid over every page.

mod http;
mod live;
mod openreferral;
mod routes;
mod search;
mod watch;

pub use live::{LiveSite, Outcome};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::{build_keeping, BuildOptions};
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
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
    /// The folder of the site the Open Referral export is in, when the build made one.
    pub api: Option<String>,
    /// Errors of the latest build (empty when it succeeded).
    pub errors: Vec<Diagnostic>,
    pub builds: u64,
}

pub(crate) struct Shared {
    pub root: PathBuf,
    pub current: RwLock<Current>,
    /// Each successful or failed rebuild is announced to open pages.
    pub reload: broadcast::Sender<Reload>,
    /// Holds the builds; deleted when the server stops.
    pub workdir: tempfile::TempDir,
    /// The site as last built, updated in place by content edits.
    live: Mutex<Option<LiveSite>>,
    /// Counts edits taken in place, so a background build started before one is dropped.
    edits: AtomicU64,
    /// Whole builds run one at a time (they alternate between the same two folders).
    building: Mutex<()>,
    /// A background build is running.
    settling: AtomicBool,
}

/// Tells open pages to reload.
#[derive(Debug, Clone)]
pub(crate) struct Reload {
    pub build: u64,
    /// The pages that changed (URLs), or `None` for every page.
    pub pages: Option<Arc<Vec<String>>>,
}

/// How a change was taken, for the terminal.
pub(crate) enum Rebuilt {
    Whole {
        ok: bool,
        ms: u128,
    },
    InPlace {
        ok: bool,
        /// Until the edited pages were announced, and until the last page was.
        first_ms: Option<u128>,
        ms: u128,
        pages: usize,
    },
}

impl Shared {
    /// Takes changed files in: in place when they are content files and the site is
    /// built, otherwise by a whole build.
    pub fn update(&self, paths: &BTreeSet<PathBuf>) -> Rebuilt {
        let started = Instant::now();
        // Any background build under way started from older content.
        self.edits.fetch_add(1, Ordering::SeqCst);
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        let mut first_ms = None;
        let mut announce = |pages: Vec<String>| {
            first_ms.get_or_insert(started.elapsed().as_millis());
            self.announce_pages(pages);
        };
        let outcome = match live.as_mut() {
            Some(site) => site.apply(paths, &mut announce),
            None => Outcome::Rebuild("the last whole build failed"),
        };
        let (ok, pages) = match outcome {
            Outcome::Rebuild(_) => {
                // The edit may have been half taken in: this site takes no more edits in
                // place, but is still served and searched until a whole build replaces it.
                if let Some(site) = live.as_mut() {
                    site.mark_stale();
                }
                drop(live);
                return self.rebuild();
            }
            Outcome::Failed(errors) => {
                drop(live);
                self.announce(|current| current.errors = errors);
                (false, 0)
            }
            Outcome::Updated { pages, .. } => {
                drop(live);
                // A fix that writes no page (a broken new file deleted) still ends the
                // errors every page was showing.
                let showing = !self
                    .current
                    .read()
                    .unwrap_or_else(|p| p.into_inner())
                    .errors
                    .is_empty();
                if showing {
                    self.announce(|current| current.errors.clear());
                }
                (true, pages.len())
            }
        };
        Rebuilt::InPlace {
            ok,
            first_ms,
            ms: started.elapsed().as_millis(),
            pages,
        }
    }

    /// Records the outcome of a build or failed edit and tells every open page.
    fn announce(&self, change: impl FnOnce(&mut Current)) {
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        change(&mut current);
        current.builds += 1;
        let _ = self.reload.send(Reload {
            build: current.builds,
            pages: None,
        });
    }

    /// Tells the pages at these URLs that they changed. If the last edit had errors, every
    /// page shows them, so every page reloads.
    fn announce_pages(&self, pages: Vec<String>) {
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        let everywhere = !current.errors.is_empty();
        current.errors.clear();
        current.builds += 1;
        let _ = self.reload.send(Reload {
            build: current.builds,
            pages: (!everywhere).then(|| Arc::new(pages)),
        });
    }

    /// Builds the whole site and records the outcome; the previous good build stays if
    /// this one fails.
    pub fn rebuild(&self) -> Rebuilt {
        let started = Instant::now();
        let _one_at_a_time = self.building.lock().unwrap_or_else(|p| p.into_inner());
        let (report, snapshot, _) = self.whole_build();
        let mut errors: Vec<Diagnostic> = report
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if let Some(e) = report.output_error {
            errors.push(Diagnostic::new(Code::Io, "site", e.to_string()));
        }
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        let ok = errors.is_empty() && snapshot.is_some();
        let site = snapshot.and_then(|s| self.keep(s, &mut errors));
        let (site_dir, index, api) = match &site {
            Some(l) => (
                Some(l.output().to_path_buf()),
                l.search_index(),
                l.openreferral_folder(),
            ),
            None => (None, None, None),
        };
        match site {
            Some(site) => *live = Some(site),
            // The last good build is still served, and still answers search.
            None => {
                if let Some(last) = live.as_mut() {
                    last.mark_stale();
                }
            }
        }
        self.edits.fetch_add(1, Ordering::SeqCst);
        drop(live);
        self.announce(|current| {
            if let Some(dir) = site_dir {
                current.site = Some(dir);
                current.index = index;
                current.api = api;
            }
            current.errors = errors;
        });
        Rebuilt::Whole {
            ok,
            ms: started.elapsed().as_millis(),
        }
    }

    /// Once edits pause, a whole build in the background brings "related services" and the
    /// static search bundle up to date; it is dropped if another edit came meanwhile.
    pub fn settle(self: &Arc<Self>) {
        if self.settling.swap(true, Ordering::SeqCst) {
            return;
        }
        let shared = self.clone();
        std::thread::spawn(move || {
            let building = shared.building.lock().unwrap_or_else(|p| p.into_inner());
            let edits = shared.edits.load(Ordering::SeqCst);
            // Its own threads, at idle priority: an edit that comes meanwhile is taken in
            // place at nearly full speed (measured at 10k pages: 241 ms instead of 77 ms
            // when the two shared rayon's threads at the same priority).
            lower_priority();
            let pool = rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("signpost-settle-{i}"))
                .build();
            let (report, snapshot, ms) = match pool {
                Ok(pool) => pool.install(|| shared.whole_build()),
                Err(_) => shared.whole_build(),
            };
            let mut live = shared.live.lock().unwrap_or_else(|p| p.into_inner());
            let current = shared.edits.load(Ordering::SeqCst) == edits;
            if let (Some(snapshot), true, false) = (snapshot, current, report.has_errors()) {
                let mut errors = Vec::new();
                if let Some(site) = shared.keep(snapshot, &mut errors) {
                    let (dir, index) = (site.output().to_path_buf(), site.search_index());
                    let api = site.openreferral_folder();
                    *live = Some(site);
                    drop(live);
                    shared.announce(|c| {
                        c.site = Some(dir);
                        c.index = index;
                        c.api = api;
                    });
                    eprintln!(
                        "Related services and the static search brought up to date in {ms} ms"
                    );
                }
            }
            drop(building);
            shared.settling.store(false, Ordering::SeqCst);
        });
    }

    /// A whole build into the folder not being served.
    fn whole_build(&self) -> (crate::BuildReport, Option<crate::Snapshot>, u128) {
        let started = Instant::now();
        // Builds alternate between two folders: the one being served is never replaced
        // while requests read it, so there is no moment without a site.
        let serving = self
            .current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .site
            .clone();
        let dir = |n: &str| self.workdir.path().join(n);
        let (out, index) = if serving.as_deref() == Some(dir("site-a").as_path()) {
            (dir("site-b"), dir("index-b"))
        } else {
            (dir("site-a"), dir("index-a"))
        };
        let (report, snapshot) = build_keeping(&BuildOptions {
            root: self.root.clone(),
            output: Some(out),
            drafts: true,
            write: true,
            search: true,
            index_dir: Some(index),
        });
        (report, snapshot, started.elapsed().as_millis())
    }

    fn keep(&self, snapshot: crate::Snapshot, errors: &mut Vec<Diagnostic>) -> Option<LiveSite> {
        match LiveSite::new(&self.root, snapshot) {
            Ok(site) => Some(site),
            Err(e) => {
                errors.push(Diagnostic::new(
                    Code::Io,
                    "search-index",
                    format!("cannot open the search index: {e}"),
                ));
                None
            }
        }
    }
}

/// The start of the name of the temporary folder a server builds into.
const WORKDIR_PREFIX: &str = "signpost-serve-";

/// Runs the server until Ctrl-C.
pub fn run(options: ServeOptions) -> anyhow::Result<()> {
    // Builds of a server that was killed (so could not delete them) go first.
    crate::output::sweep_orphans(&std::env::temp_dir(), WORKDIR_PREFIX);
    let workdir = tempfile::Builder::new()
        .prefix(&crate::output::owned(WORKDIR_PREFIX))
        .tempdir()?;
    let (reload, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        root: options.root.clone(),
        current: RwLock::new(Current::default()),
        reload,
        workdir,
        live: Mutex::new(None),
        edits: AtomicU64::new(0),
        building: Mutex::new(()),
        settling: AtomicBool::new(false),
    });
    let rebuilt = shared.rebuild();
    report_build(&shared, &rebuilt);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    // The watcher's thread holds the shared state to the end, so the builds are deleted
    // here rather than when it is dropped.
    let workdir = shared.workdir.path().to_path_buf();
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((options.bind, options.port)).await?;
        let address = listener.local_addr()?;
        // Watch before announcing the address, so no edit made after it is missed.
        let _watcher = watch::start(shared.clone(), options.poll)?;
        println!(
            "Serving {} at http://{address}/ (Ctrl-C to stop)",
            options.root.display()
        );
        let app = routes::router(shared.clone());
        axum::serve(listener, app)
            .with_graceful_shutdown(stop_signal())
            .await?;
        Ok::<(), anyhow::Error>(())
    });
    let _ = std::fs::remove_dir_all(&workdir);
    served
}

/// Lowers this thread's scheduling priority to "idle": it runs only when no other thread
/// wants the CPU. On Linux that is per thread, and the threads it starts (a build's pools,
/// the search indexer) inherit it. Falls back to the lowest nice value.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: both calls only change the calling thread's scheduling (`0` is this thread);
    // `param` is a valid, initialised struct for the duration of the call.
    unsafe {
        let param = libc::sched_param { sched_priority: 0 };
        if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) != 0 {
            libc::setpriority(libc::PRIO_PROCESS, 0, 19);
        }
    }
}

/// Ctrl-C, or (on Unix) a polite request to stop from a process manager: either way the
/// server finishes its requests and deletes its temporary builds.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

pub(crate) fn report_build(shared: &Shared, rebuilt: &Rebuilt) {
    let current = shared.current.read().unwrap_or_else(|p| p.into_inner());
    match *rebuilt {
        Rebuilt::Whole { ok: true, ms } => eprintln!("Built in {ms} ms"),
        Rebuilt::InPlace {
            ok: true,
            first_ms,
            ms,
            pages,
        } => match first_ms {
            Some(first) if first < ms => {
                eprintln!("Updated {pages} page(s) in {ms} ms (the edited page in {first} ms)")
            }
            _ => eprintln!("Updated {pages} page(s) in {ms} ms"),
        },
        _ => {
            eprintln!(
                "Build failed ({} error(s)); showing the last good site with the errors",
                current.errors.len()
            );
            for d in &current.errors {
                eprint!("{}", d.render());
            }
        }
    }
}
