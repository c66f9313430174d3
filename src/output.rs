//! Writing the site atomically: pages are written into a staging folder beside the output
//! as they render, and the folder is swapped in only when the whole build succeeded. A
//! failed or interrupted build never leaves a half-written site.

use rayon::prelude::*;
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

/// A staging folder for one build. Dropping it without [`Staging::commit`] deletes it.
pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
}

impl Staging {
    /// Prepares to replace `out_dir`. `root` is the site folder, which must never be the
    /// output or inside it, because the old output is deleted.
    pub fn new(root: &Path, out_dir: &Path) -> Result<Staging, OutputError> {
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
        let dir = tempfile::Builder::new()
            .prefix(".signpost-new-")
            .tempdir_in(&canon_parent)
            .map_err(io_err(&canon_parent))?;
        Ok(Staging { dir, target })
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
        std::fs::write(&path, bytes).map_err(io_err(&path))
    }

    /// Swaps the staged site in place of the old output and deletes the old one.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        let parent = self
            .dir
            .path()
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let staged = self.dir.keep();
        let target = self.target;
        if target.exists() {
            let old = tempfile::Builder::new()
                .prefix(".signpost-old-")
                .tempdir_in(&parent)
                .map_err(io_err(&parent))?
                .keep();
            // `old` is an empty folder; renaming a folder onto an empty one is allowed.
            std::fs::rename(&target, &old).map_err(io_err(&target))?;
            if let Err(e) = std::fs::rename(&staged, &target) {
                let _ = std::fs::rename(&old, &target);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(OutputError::Io {
                    path: target,
                    source: e,
                });
            }
            remove_tree(&old);
        } else {
            std::fs::rename(&staged, &target).map_err(io_err(&target))?;
        }
        Ok(target)
    }
}

/// Deletes a folder, its subfolders in parallel: deleting ten thousand small files is
/// mostly waiting on the file system.
fn remove_tree(dir: &Path) {
    let children: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    let grandchildren: Vec<PathBuf> = children
        .iter()
        .filter(|p| p.is_dir())
        .flat_map(|p| {
            std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|e| e.path())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    grandchildren.par_iter().for_each(|p| {
        let _ = if p.is_dir() {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        };
    });
    let _ = std::fs::remove_dir_all(dir);
}
