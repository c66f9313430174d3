//! Writing the site atomically: pages are written into a staging folder beside the output
//! as they render, and the folder is swapped in only when the whole build succeeded. A
//! failed or interrupted build never leaves a half-written site.
//!
//! Replacing a folder deletes what was in it, so Signpost only ever replaces a folder it
//! made itself: every output carries a [`MARKER`] file, and a non-empty folder without
//! one is refused.
//!
//! The site's staging folder is the output before last when there is one ([`reuse`]), so
//! a rebuild rewrites files instead of creating and deleting thousands of folders.

mod leftovers;
mod reuse;

use leftovers::sweep_leftovers;
pub use leftovers::{owned, sweep_orphans};

pub use reuse::write_if_changed;
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// Written into every output folder; its presence says the folder may be replaced.
pub const MARKER: &str = ".signpost-output";
const MARKER_TEXT: &str = "Built by Signpost. This folder is replaced on every build.\n";
const NEW_PREFIX: &str = ".signpost-new-";
const OLD_PREFIX: &str = ".signpost-old-";
/// How often a commit tries again when another build's output lands first.
const COMMIT_ATTEMPTS: u32 = 64;

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site to {0}: it holds the site's sources")]
    Unsafe(PathBuf),
    #[error(
        "refusing to replace {0}: it is not empty and was not built by Signpost (it has no {MARKER} file). Empty it, or choose another output folder"
    )]
    NotOurs(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Replaces one file of a built site in place (for `serve`): a finished copy is renamed
/// over it, so a reader sees the old file or the new one, never half of one.
pub fn replace_file(site: &Path, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
    let path = site.join(rel);
    let parent = path.parent().unwrap_or(site);
    std::fs::create_dir_all(parent).map_err(io_err(parent))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = parent.join(format!("{NEW_PREFIX}{name}"));
    std::fs::write(&temp, bytes).map_err(io_err(&temp))?;
    std::fs::rename(&temp, &path).map_err(io_err(&path))
}

/// Deletes one file of a built site (a page that no longer exists), and its folder when
/// that is left empty. A file already gone is not an error.
pub fn remove_file(site: &Path, rel: &str) {
    let path = site.join(rel);
    let _ = std::fs::remove_file(&path);
    if let Some(parent) = path.parent().filter(|p| *p != site) {
        let _ = std::fs::remove_dir(parent);
    }
}

/// A staging folder for one build. Dropping it without [`Staging::commit`] deletes it.
pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
    /// The replaced output is kept for the next build to start from.
    keep_previous: bool,
    /// The folder started as the output before last, so it holds files to leave out.
    reused: bool,
}

impl Staging {
    /// Prepares to replace `out_dir` with a folder written from empty; the replaced
    /// output is deleted. `root` is the site folder, which must never be the output or
    /// inside it.
    pub fn new(root: &Path, out_dir: &Path) -> Result<Staging, OutputError> {
        Staging::prepare(root, out_dir, false)
    }

    /// Prepares to replace `out_dir`, starting from the output before last when one was
    /// kept, and keeping the replaced output for the next build ([`reuse`]).
    pub fn reusing(root: &Path, out_dir: &Path) -> Result<Staging, OutputError> {
        Staging::prepare(root, out_dir, true)
    }

    fn prepare(root: &Path, out_dir: &Path, reuse: bool) -> Result<Staging, OutputError> {
        let parent = out_dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        let canon_parent = std::fs::canonicalize(parent).map_err(io_err(parent))?;
        let name = out_dir
            .file_name()
            .ok_or_else(|| OutputError::Unsafe(out_dir.to_path_buf()))?;
        let target = canon_parent.join(name);
        let canon_root = std::fs::canonicalize(root).map_err(io_err(root))?;
        if canon_root.starts_with(&target)
            || target.join("site.toml").exists()
            || target.join("content").is_dir()
        {
            return Err(OutputError::Unsafe(out_dir.to_path_buf()));
        }
        if !replaceable(&target) {
            return Err(OutputError::NotOurs(out_dir.to_path_buf()));
        }
        sweep_leftovers(&canon_parent);
        let dir = tempfile::Builder::new()
            .prefix(&owned(NEW_PREFIX))
            .tempdir_in(&canon_parent)
            .map_err(io_err(&canon_parent))?;
        let reused = reuse && reuse::claim_previous(&target, dir.path());
        std::fs::write(dir.path().join(MARKER), MARKER_TEXT).map_err(io_err(dir.path()))?;
        Ok(Staging {
            dir,
            target,
            keep_previous: reuse,
            reused,
        })
    }

    /// The staging folder itself, for writers that manage their own files (the index).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one file, `rel` being its path inside the site (`offers/a/index.html`).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.dir.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        }
        if self.reused {
            write_if_changed(&path, bytes).map_err(io_err(&path))
        } else {
            std::fs::write(&path, bytes).map_err(io_err(&path))
        }
    }

    /// Swaps the staged site in place of the old output, which is deleted or kept for
    /// the next build. `files` are all the files the build wrote (paths inside the
    /// folder); whatever else a reused folder still holds is deleted first. On failure
    /// the old output is put back and the staging folder is deleted.
    pub fn commit(self, files: &BTreeSet<String>) -> Result<PathBuf, OutputError> {
        let Staging {
            dir,
            target,
            keep_previous,
            reused,
        } = self;
        if reused {
            reuse::prune(dir.path(), files)?;
        }
        if target.symlink_metadata().is_ok()
            && reuse::exchange(dir.path(), &target).map_err(io_err(&target))?
        {
            // The staging folder's name now holds the old output.
            let old = dir.keep();
            retire(&old, &target, keep_previous);
            return Ok(target);
        }
        commit_by_renames(dir, target, keep_previous)
    }
}

/// The old output, once replaced: kept for the next build, or deleted. Neither step
/// follows symbolic links, so a link in the old output never deletes what it points at.
fn retire(old: &Path, target: &Path, keep_previous: bool) {
    if keep_previous {
        reuse::keep_as_previous(old, target);
    } else {
        remove_in_parallel(old);
        let _ = std::fs::remove_dir_all(old);
    }
}

/// [`Staging::commit`] where folders cannot be swapped in one step.
fn commit_by_renames(
    dir: tempfile::TempDir,
    target: PathBuf,
    keep_previous: bool,
) -> Result<PathBuf, OutputError> {
    let parent = target.parent().unwrap_or(Path::new(".")).to_path_buf();
    // Another build of the same site may swap its output in at the same moment. When its
    // folder turns up in the way, it is moved aside like any old output and we try again:
    // the last build to finish wins, and the output is always one whole build.
    let mut olds = Vec::new();
    let mut attempts = 0;
    loop {
        attempts += 1;
        if target.symlink_metadata().is_ok() {
            let old = tempfile::Builder::new()
                .prefix(&owned(OLD_PREFIX))
                .tempdir_in(&parent)
                .map_err(io_err(&parent))?;
            // `old` is an empty folder; renaming a folder onto an empty one is allowed.
            match std::fs::rename(&target, old.path()) {
                Ok(()) => olds.push(old),
                // Another build moved it first.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(&target)(e)),
            }
        }
        match std::fs::rename(dir.path(), &target) {
            Ok(()) => break,
            Err(e)
                if attempts < COMMIT_ATTEMPTS
                    && matches!(
                        e.kind(),
                        io::ErrorKind::DirectoryNotEmpty | io::ErrorKind::AlreadyExists
                    ) => {}
            Err(e) => {
                if let Some(old) = olds.last() {
                    if target.symlink_metadata().is_err() {
                        let _ = std::fs::rename(old.path(), &target);
                    }
                }
                // `dir` is dropped here and deletes the staged files.
                return Err(io_err(&target)(e));
            }
        }
    }
    // The staged folder now lives at `target`; stop the guard from deleting it.
    let _ = dir.keep();
    for old in olds {
        retire(&old.keep(), &target, keep_previous);
    }
    Ok(target)
}

/// Deletes the second level of a folder in parallel (deleting ten thousand small files is
/// mostly waiting on the file system); the caller removes what is left.
fn remove_in_parallel(dir: &Path) {
    use rayon::prelude::*;
    let children = |d: &Path| -> Vec<std::fs::DirEntry> {
        std::fs::read_dir(d)
            .map(|rd| rd.filter_map(Result::ok).collect())
            .unwrap_or_default()
    };
    // `DirEntry::file_type` describes the entry itself: a link to a folder is a link.
    let is_real_dir = |e: &std::fs::DirEntry| e.file_type().is_ok_and(|t| t.is_dir());
    let second_level: Vec<std::fs::DirEntry> = children(dir)
        .into_iter()
        .filter(is_real_dir)
        .flat_map(|e| children(&e.path()))
        .collect();
    second_level.par_iter().for_each(|e| {
        let _ = if is_real_dir(e) {
            std::fs::remove_dir_all(e.path())
        } else {
            std::fs::remove_file(e.path())
        };
    });
}

/// A folder may be replaced if it does not exist, is empty, or carries our marker.
fn replaceable(target: &Path) -> bool {
    match std::fs::read_dir(target) {
        Err(_) => !target.exists(),
        Ok(mut entries) => entries.next().is_none() || target.join(MARKER).is_file(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build killed with `kill -9` leaves its staging folder; the next build deletes it,
    /// and leaves alone one whose build is still running.
    #[test]
    fn the_next_build_deletes_staging_folders_of_builds_that_died() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let orphan = dir.path().join(format!("{NEW_PREFIX}{dead}-abc123"));
        let running = dir.path().join(format!("{}xyz789", owned(NEW_PREFIX)));
        for d in [&orphan, &running] {
            std::fs::create_dir_all(d.join("offers")).unwrap();
            std::fs::write(d.join("offers/page.html"), "half").unwrap();
        }
        let staging = Staging::new(&site, &dir.path().join("public")).unwrap();
        assert!(!orphan.exists(), "the dead build's folder is deleted");
        assert!(running.exists(), "a running build's folder is kept");
        drop(staging);
    }

    #[test]
    fn replaces_only_empty_or_marked_folders() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        let out = dir.path().join("docs");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            Staging::new(&site, &out),
            Err(OutputError::NotOurs(_))
        ));
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).unwrap(),
            "mine"
        );

        std::fs::remove_file(out.join("notes.txt")).unwrap();
        let s = Staging::new(&site, &out).unwrap();
        s.write("index.html", b"x").unwrap();
        s.commit(&BTreeSet::new()).unwrap();
        assert!(out.join(MARKER).is_file());
        // A second build replaces its own output.
        let s = Staging::new(&site, &out).unwrap();
        s.write("index.html", b"y").unwrap();
        s.commit(&BTreeSet::new()).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "y"
        );
    }

    /// Two builds of one site at once (two terminals, or tests side by side) both finish,
    /// and the output is one whole build, never a mix or nothing.
    #[test]
    fn builds_committing_at_the_same_time_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        let out = dir.path().join("public");
        for round in 0..20 {
            let builds: Vec<Staging> = (0..6)
                .map(|i| {
                    let s = Staging::new(&site, &out).unwrap();
                    s.write("index.html", format!("{round}-{i}").as_bytes())
                        .unwrap();
                    s.write("a/b.html", format!("{round}-{i}").as_bytes())
                        .unwrap();
                    s
                })
                .collect();
            let barrier = std::sync::Barrier::new(builds.len());
            let results: Vec<Result<PathBuf, OutputError>> = std::thread::scope(|scope| {
                let handles: Vec<_> = builds
                    .into_iter()
                    .map(|s| {
                        let barrier = &barrier;
                        scope.spawn(move || {
                            barrier.wait();
                            s.commit(&BTreeSet::new())
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            for r in &results {
                assert!(r.is_ok(), "round {round}: {r:?}");
            }
            let index = std::fs::read_to_string(out.join("index.html")).unwrap();
            let nested = std::fs::read_to_string(out.join("a/b.html")).unwrap();
            assert_eq!(index, nested, "round {round}: a mix of two builds");
        }
        // Nothing is left beside the output.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }

    #[cfg(unix)]
    #[test]
    fn deleting_the_old_output_never_follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        let precious = dir.path().join("precious");
        std::fs::create_dir_all(&precious).unwrap();
        std::fs::write(precious.join("keep.txt"), "keep").unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&site, &out).unwrap();
        s.commit(&BTreeSet::new()).unwrap();
        std::os::unix::fs::symlink(&precious, out.join("media")).unwrap();
        let s = Staging::new(&site, &out).unwrap();
        s.commit(&BTreeSet::new()).unwrap();
        assert!(
            precious.join("keep.txt").is_file(),
            "a link in the old output was followed"
        );
        assert!(!out.join("media").exists());
    }
}
