//! Watching the site's sources and rebuilding, one rebuild for a burst of saves.

use super::{report_build, Shared};
use crate::route::is_ignored;
use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, RecommendedCache};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Editors save in bursts (temp file, rename, chmod); this much quiet ends a burst.
const QUIET: Duration = Duration::from_millis(120);
/// At most one rebuild starts per this interval, however fast files change (a tool
/// rewriting content in a loop must not keep both cores building).
const MIN_GAP: Duration = Duration::from_millis(250);

/// Whether a changed path is a source the site is built from.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let Some(first) = parts.next() else {
        return false;
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_ignored(&name) {
        return false;
    }
    matches!(
        first.as_str(),
        "content" | "themes" | "templates" | "static" | "site.toml"
    )
}

/// Starts watching; the returned value keeps the watcher alive.
pub(crate) fn start(
    shared: Arc<Shared>,
    poll: bool,
) -> anyhow::Result<Box<dyn std::any::Any + Send>> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let root = std::fs::canonicalize(&shared.root)?;
    let holder: Box<dyn std::any::Any + Send> = if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(400));
        let mut d = new_debouncer_opt::<_, notify::PollWatcher, RecommendedCache>(
            QUIET,
            None,
            tx,
            RecommendedCache::new(),
            config,
        )?;
        watch_all(&root, |p, m| d.watch(p, m))?;
        Box::new(d)
    } else {
        let mut d = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
            QUIET,
            None,
            tx,
            RecommendedCache::new(),
            notify::Config::default(),
        )?;
        watch_all(&root, |p, m| d.watch(p, m))?;
        Box::new(d)
    };
    std::thread::spawn(move || {
        let mut last_start: Option<std::time::Instant> = None;
        while let Ok(result) = rx.recv() {
            let Ok(events) = result else { continue };
            // Reading files (as every build does) raises access events; only changes count.
            let relevant = events
                .iter()
                .filter(|e| !e.kind.is_access() && !e.kind.is_other())
                .flat_map(|e| e.paths.iter())
                .any(|p| is_source(&root, p));
            if relevant {
                if let Some(gap) = last_start.map(|t| MIN_GAP.saturating_sub(t.elapsed())) {
                    std::thread::sleep(gap);
                }
                // Anything that arrived meanwhile is part of this rebuild.
                while rx.try_recv().is_ok() {}
                last_start = Some(std::time::Instant::now());
                let (ok, ms) = shared.rebuild();
                report_build(&shared, ok, ms);
            }
        }
    });
    Ok(holder)
}

fn watch_all(
    root: &Path,
    mut watch: impl FnMut(&Path, RecursiveMode) -> notify::Result<()>,
) -> anyhow::Result<()> {
    // The root itself, not recursively: an atomic save of site.toml replaces the file.
    watch(root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "themes", "templates", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}
