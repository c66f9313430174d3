//! Folders a killed process leaves beside the output or in the temporary folder: each is
//! named after the process that made it, and a later run deletes those whose process has
//! ended (`kill -9`, a power cut) before making its own.

use super::{NEW_PREFIX, OLD_PREFIX};
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A name prefix for a folder this process makes: `prefix` and its process id, so that a
/// later run can tell when the process that made the folder is gone ([`sweep_orphans`]).
pub fn owned(prefix: &str) -> String {
    format!("{prefix}{}-", std::process::id())
}

/// The process id in the name of a folder made with [`owned`]`(prefix)`, if there is one.
fn owner(name: &str, prefix: &str) -> Option<u32> {
    name.strip_prefix(prefix)?.split_once('-')?.0.parse().ok()
}

/// Whether process `pid` is running (or cannot be asked, so may be).
fn running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        alive || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Deletes the folders in `parent` whose name starts with one of `prefixes` and that
/// `stale` says are left over.
fn sweep(parent: &Path, prefixes: &[&str], stale: impl Fn(&str, &std::fs::DirEntry) -> bool) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = prefixes.iter().any(|p| name.starts_with(p));
        if ours && entry.file_type().is_ok_and(|t| t.is_dir()) && stale(&name, &entry) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether the folder `name` was made with [`owned`]`(prefix)` by a process that has ended.
fn orphaned(name: &str, prefix: &str) -> bool {
    owner(name, prefix).is_some_and(|pid| !running(pid))
}

/// Deletes the folders in `parent` made with [`owned`]`(prefix)` by processes that have
/// ended (killed before they could clean up after themselves).
pub fn sweep_orphans(parent: &Path, prefix: &str) {
    sweep(parent, &[prefix], |name, _| orphaned(name, prefix));
}

/// Deletes staging folders left by an interrupted build: those whose process has ended,
/// and any more than an hour old (a folder still being written by another build is
/// younger).
pub(super) fn sweep_leftovers(parent: &Path) {
    let cutoff = SystemTime::now() - Duration::from_secs(3600);
    sweep(parent, &[NEW_PREFIX, OLD_PREFIX], |name, entry| {
        orphaned(name, NEW_PREFIX)
            || orphaned(name, OLD_PREFIX)
            || entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < cutoff)
    });
}
