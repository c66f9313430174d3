//! Building into the output before last instead of into an empty folder.
//!
//! Most of a rebuild's pages are the pages that are there already, and on a 10,000-page
//! site creating ten thousand folders and files, then deleting as many, was most of the
//! build without search (the file system, not Signpost). So the output a build replaces
//! is kept beside it as `.<name>.signpost-previous`, and the next build takes that folder
//! as its staging folder: it writes every file again (leaving alone those whose bytes are
//! the same), deletes what it did not write, and swaps the folder in. The live output is
//! never touched until the swap, so a failed build still leaves it exactly as it was.

use super::{io_err, remove_in_parallel, OutputError, MARKER};
use std::collections::BTreeSet;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

const PREVIOUS_SUFFIX: &str = ".signpost-previous";

/// Where the output before last of `target` is kept.
pub fn previous_of(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}{PREVIOUS_SUFFIX}"))
}

/// Moves the kept previous output of `target` to `staging` (an empty folder), if there is
/// one Signpost made. Two builds at once cannot both take it: the rename is atomic.
pub fn claim_previous(target: &Path, staging: &Path) -> bool {
    let previous = previous_of(target);
    previous.join(MARKER).is_file() && std::fs::rename(&previous, staging).is_ok()
}

/// Writes `bytes` to `path` unless the file already holds exactly them.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Ok(mut file) = std::fs::File::open(path) {
        if file.metadata().is_ok_and(|m| m.len() == bytes.len() as u64) {
            let mut old = Vec::with_capacity(bytes.len());
            if file.read_to_end(&mut old).is_ok() && old == bytes {
                return Ok(());
            }
        }
    }
    std::fs::write(path, bytes)
}

/// Deletes from `dir` every file that is not in `keep` (paths inside `dir`, with `/`) and
/// the folders left empty. Links are deleted as links, never followed.
pub fn prune(dir: &Path, keep: &BTreeSet<String>) -> Result<(), OutputError> {
    // Folders something was deleted from; only those can have become empty.
    let mut emptied: BTreeSet<PathBuf> = BTreeSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
            io_err(&path)(io::Error::other(e.to_string()))
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).map_or_else(
            |_| String::new(),
            |r| r.to_string_lossy().replace('\\', "/"),
        );
        if rel != MARKER && !keep.contains(&rel) {
            std::fs::remove_file(entry.path()).map_err(io_err(entry.path()))?;
            if let Some(parent) = entry.path().parent() {
                emptied.insert(parent.to_path_buf());
            }
        }
    }
    // Deepest first, then up the tree while folders keep emptying; a folder that still
    // holds kept files refuses, as it should.
    while let Some(folder) = emptied.pop_last() {
        if folder.starts_with(dir) && folder != dir && std::fs::remove_dir(&folder).is_ok() {
            if let Some(parent) = folder.parent() {
                emptied.insert(parent.to_path_buf());
            }
        }
    }
    Ok(())
}

/// Puts a replaced output where the next build will take it; if another build's is
/// there already, this one is deleted instead.
pub fn keep_as_previous(old: &Path, target: &Path) {
    let previous = previous_of(target);
    if std::fs::rename(old, &previous).is_err() {
        remove_in_parallel(old);
        let _ = std::fs::remove_dir_all(old);
    }
}

/// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`). `Ok(false)`
/// when the system cannot, so the caller falls back to renames.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes()).map_err(|e| io::Error::other(e.to_string()))
    };
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP | libc::ENOENT) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_keeps_what_was_written_and_empties_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "a/b/keep.html",
            "a/b/stale.html",
            "a/gone/deep/x.html",
            "top.txt",
            MARKER,
        ] {
            std::fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
            std::fs::write(root.join(f), f).unwrap();
        }
        let keep: BTreeSet<String> = ["a/b/keep.html".to_string()].into();
        prune(root, &keep).unwrap();
        assert!(root.join("a/b/keep.html").is_file());
        assert!(root.join(MARKER).is_file());
        assert!(!root.join("a/b/stale.html").exists());
        assert!(!root.join("top.txt").exists());
        assert!(!root.join("a/gone").exists(), "emptied folders are removed");
    }

    #[cfg(unix)]
    #[test]
    fn pruning_deletes_links_not_what_they_point_at() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("precious");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keep.txt"), "keep").unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("media")).unwrap();
        prune(&root, &BTreeSet::new()).unwrap();
        assert!(!root.join("media").exists());
        assert!(outside.join("keep.txt").is_file());
    }
}
