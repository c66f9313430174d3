//! The shape ARCHITECTURE.md promises, read from the source: data flows one way, so no
//! module imports one that imports it back.

use crate::common;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Modules under `dir` (relative to `src/`) and the sibling modules each one names through
/// `crate::…` or `super::…` paths, tests left out. A file `a.rs` or a folder `a/` is module
/// `a`; what a folder's files name counts for the folder.
fn imports(src: &Path, dir: &str) -> BTreeMap<String, BTreeSet<String>> {
    let base = src.join(dir);
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(&base).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let module = path.is_dir() || path.extension().is_some_and(|e| e == "rs");
        if module && !matches!(name.as_str(), "mod" | "main" | "lib") {
            modules.insert(name);
        }
    }
    let prefix = if dir.is_empty() {
        "crate::".to_string()
    } else {
        format!("crate::{}::", dir.replace('/', "::"))
    };
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in &modules {
        let file = base.join(format!("{module}.rs"));
        let files: Vec<std::path::PathBuf> = if file.is_file() {
            vec![file]
        } else {
            walkdir::WalkDir::new(base.join(module))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
                .map(|e| e.into_path())
                .collect()
        };
        let named = graph.entry(module.clone()).or_default();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            // Unit tests may reach anywhere.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            // A file directly in `dir` names its siblings as `super::x`.
            let direct = f.parent() == Some(base.as_path());
            let mut paths = vec![prefix.as_str()];
            if direct && !dir.is_empty() {
                paths.push("super::");
            }
            for path in paths {
                for (i, _) in code.match_indices(path) {
                    let name: String = code[i + path.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if modules.contains(&name) && &name != module {
                        named.insert(name);
                    }
                }
            }
        }
    }
    graph
}

/// Pairs of modules that reach each other, directly or round a longer loop.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<(String, String)> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for n in graph.get(&m).into_iter().flatten() {
                if seen.insert(n.clone()) {
                    todo.push(n.clone());
                }
            }
        }
        seen
    };
    let mut found = Vec::new();
    for a in graph.keys() {
        for b in graph.get(a).into_iter().flatten() {
            if a < b && reach(b).contains(a) {
                found.push((a.clone(), b.clone()));
            }
        }
    }
    found
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let src = common::repo().join("src");
    let mut folders = vec![String::new()];
    for entry in walkdir::WalkDir::new(&src).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_dir() {
            let rel = entry.path().strip_prefix(&src).unwrap();
            folders.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    let mut problems = Vec::new();
    for dir in &folders {
        let graph = imports(&src, dir);
        for (a, b) in cycles(&graph) {
            problems.push(format!(
                "src/{dir}: {a} and {b} import each other (or round a loop)"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
