//! Shared helpers for the end-to-end tests: fixture sites in temporary folders and a way
//! to run the real `signpost` binary on them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The valid fixture site with the default theme, plus an invalid overlay if named.
pub fn fixture(overlay: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/valid"), dir.path());
    copy_dir(
        &repo().join("themes/default"),
        &dir.path().join("themes/default"),
    );
    if let Some(name) = overlay {
        copy_dir(
            &repo().join("tests/fixtures/invalid").join(name),
            dir.path(),
        );
    }
    dir
}

/// Runs `signpost ARGS` with "today" pinned so review warnings do not drift with the clock.
pub fn signpost(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("SIGNPOST_TODAY", "2026-11-20")
        .output()
        .unwrap()
}

/// Fails the test with the command's error output unless it exited 0.
pub fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `signpost check --format json`, parsed.
pub fn check_json(root: &Path) -> (i32, serde_json::Value) {
    let out = signpost(&["check", "--format", "json"], root);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The error diagnostics of a `check --format json` report.
pub fn errors(json: &serde_json::Value) -> Vec<&serde_json::Value> {
    json["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter(|d| d["severity"] == "error").collect())
        .unwrap_or_default()
}

/// The result URLs of a search report (`signpost search --json`, `/api/search`).
pub fn hit_urls(json: &serde_json::Value) -> Vec<&str> {
    json["hits"]
        .as_array()
        .map(|a| a.iter().filter_map(|h| h["url"].as_str()).collect())
        .unwrap_or_default()
}

/// The codes of every diagnostic in a `--format json` report, in order.
pub fn codes(json: &serde_json::Value) -> Vec<&str> {
    json["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default()
}

/// The default content built with search into a temporary folder (kept while the first
/// value lives); the second is the site's folder.
pub fn default_site_with_search() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("public");
    let report = signpost::build(&signpost::BuildOptions {
        root: repo(),
        output: Some(site.clone()),
        drafts: false,
        write: true,
        search: true,
        index_dir: Some(dir.path().join("index")),
    });
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    (dir, site)
}
