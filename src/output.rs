//! Writing the site atomically: render into a temporary folder beside the output, then
//! swap it in, so a failed or interrupted build never leaves a half-written site.

use crate::render::Files;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site to {0}: it holds the site's sources")]
    Unsafe(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Replaces `out_dir` with exactly `files`. `root` is the site folder, which must never
/// be inside or equal to the output (the old output is deleted).
pub fn write_atomically(root: &Path, out_dir: &Path, files: &Files) -> Result<(), OutputError> {
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

    let staging = tempfile::Builder::new()
        .prefix(".signpost-new-")
        .tempdir_in(&canon_parent)
        .map_err(io_err(&canon_parent))?;
    for (rel, bytes) in files {
        let path = staging.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        }
        std::fs::write(&path, bytes).map_err(io_err(&path))?;
    }

    let staged = staging.keep();
    if target.exists() {
        let old = tempfile::Builder::new()
            .prefix(".signpost-old-")
            .tempdir_in(&canon_parent)
            .map_err(io_err(&canon_parent))?
            .keep();
        // `old` exists as an empty folder; renaming a folder onto an empty one is allowed.
        std::fs::rename(&target, &old).map_err(io_err(&target))?;
        if let Err(e) = std::fs::rename(&staged, &target) {
            let _ = std::fs::rename(&old, &target);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(OutputError::Io {
                path: target,
                source: e,
            });
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&staged, &target).map_err(io_err(&target))?;
    }
    Ok(())
}
