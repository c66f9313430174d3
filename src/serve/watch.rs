//! Watching the site's sources and rebuilding, one rebuild for a burst of saves.

use super::{report_build, Shared};
use crate::route::is_ignored;
use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, RecommendedCache};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Editors save in bursts (temp file, rename, chmod); this much quiet ends a burst. The
/// steps of one save come within a few milliseconds of each other.
const QUIET: Duration = Duration::from_millis(30);
/// After this long without edits, a background build refreshes what edits in place leave
/// behind (related services, the static search bundle).
const SETTLE_AFTER: Duration = Duration::from_secs(2);
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
        "content" | "themes" | "templates" | "static" | "site.toml" | crate::wording::FILE
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
        use std::sync::mpsc::RecvTimeoutError;
        let mut last_start: Option<std::time::Instant> = None;
        let mut settle_at: Option<std::time::Instant> = None;
        loop {
            let wait = settle_at.map(|t| t.saturating_duration_since(std::time::Instant::now()));
            let result = match wait {
                Some(wait) => rx.recv_timeout(wait),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let events = match result {
                Ok(Ok(events)) => events,
                Ok(Err(_)) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    settle_at = None;
                    shared.settle();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let mut changed = changed_sources(&root, &events);
            if changed.is_empty() {
                continue;
            }
            if let Some(gap) = last_start.map(|t| MIN_GAP.saturating_sub(t.elapsed())) {
                std::thread::sleep(gap);
            }
            // Anything that arrived meanwhile is part of this update.
            while let Ok(more) = rx.try_recv() {
                if let Ok(events) = more {
                    changed.extend(changed_sources(&root, &events));
                }
            }
            last_start = Some(std::time::Instant::now());
            let rebuilt = shared.update(&changed);
            if matches!(rebuilt, super::Rebuilt::InPlace { ok: true, .. }) {
                settle_at = Some(std::time::Instant::now() + SETTLE_AFTER);
            }
            report_build(&shared, &rebuilt);
        }
    });
    Ok(holder)
}

/// The source files among a burst of events. Reading files (as every build does) raises
/// access events; only changes count.
fn changed_sources(
    root: &Path,
    events: &[notify_debouncer_full::DebouncedEvent],
) -> BTreeSet<std::path::PathBuf> {
    events
        .iter()
        .filter(|e| !e.kind.is_access() && !e.kind.is_other())
        .flat_map(|e| e.paths.iter())
        .filter(|p| is_source(root, p))
        .cloned()
        .collect()
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
