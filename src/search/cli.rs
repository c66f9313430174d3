//! `signpost search`: queries the index that `build` wrote, with a clear message when it is
//! missing or older than the content.

use super::index::TIERS;
use super::query::{Filters, SearchIndex};
use crate::kind::DocKind;
use std::path::Path;
use std::time::SystemTime;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("there is no search index at {0}: run `signpost build` first")]
    Missing(String),
    #[error("cannot read the search index at {0}: {1}. Run `signpost build` to rebuild it")]
    Unreadable(String, String),
    #[error("unknown {what} `{given}`: {help}")]
    BadFilter {
        what: &'static str,
        given: String,
        help: String,
    },
}

fn newest_change(dir: &Path) -> Option<SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
}

/// True when content or site.toml changed after the index was written.
pub fn is_stale(root: &Path, index_dir: &Path) -> bool {
    let Some(built) = newest_change(index_dir) else {
        return false;
    };
    let content = newest_change(&root.join("content"));
    let config = std::fs::metadata(root.join("site.toml"))
        .and_then(|m| m.modified())
        .ok();
    content.max(config).is_some_and(|changed| changed > built)
}

fn check_filter(
    what: &'static str,
    given: &Option<String>,
    valid: &[&str],
) -> Result<(), SearchError> {
    match given {
        Some(g) if !valid.contains(&g.as_str()) => Err(SearchError::BadFilter {
            what,
            given: g.clone(),
            help: crate::suggest::help_for(g, valid.iter().copied()).unwrap_or_default(),
        }),
        _ => Ok(()),
    }
}

pub fn run(
    root: &Path,
    query: &str,
    filters: &Filters,
    limit: usize,
    json: bool,
    language: Option<&str>,
) -> Result<(), SearchError> {
    check_filter("kind", &filters.kind, &DocKind::ALL.map(DocKind::key))?;
    check_filter("tier", &filters.tier, &TIERS)?;
    let config = crate::config::Config::load(root).ok();
    // Another language's pages are in an index of their own, named by its code.
    if let Some(code) = language {
        let others: Vec<&str> = config
            .as_ref()
            .map(|c| {
                c.translated_languages()
                    .iter()
                    .map(|l| l.code.as_str())
                    .collect()
            })
            .unwrap_or_default();
        if others.is_empty() {
            return Err(SearchError::BadFilter {
                what: "language",
                given: code.to_string(),
                help: "site.toml lists no other language ([[languages]])".into(),
            });
        }
        check_filter("language", &Some(code.to_string()), &others)?;
    }
    // The theme's names of the kinds; their keys if the site's settings cannot be read.
    let wording = config.as_ref().and_then(|c| match language {
        Some(code) => crate::wording::Wording::load_language(root, &c.theme, code).ok(),
        None => crate::wording::Wording::load(root, &c.theme).ok(),
    });
    let kind_label = |key: &str| -> String {
        wording
            .as_ref()
            .map_or(key, |w| w.labels.kind_of_key(key))
            .to_string()
    };
    let dir = match language {
        Some(code) => crate::search_index_dir(root).join(code),
        None => crate::search_index_dir(root),
    };
    let shown = dir.display().to_string();
    if !dir.join("meta.json").is_file() {
        return Err(SearchError::Missing(shown));
    }
    let index = SearchIndex::open(&dir)
        .map_err(|e| SearchError::Unreadable(shown.clone(), e.to_string()))?;
    let results = index
        .search(query, filters, limit.max(1))
        .map_err(|e| SearchError::Unreadable(shown, e.to_string()))?;
    if is_stale(root, &dir) {
        eprintln!("warning: the content changed after the search index was built; run `signpost build` for current results");
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&results).unwrap_or_default()
        );
        return Ok(());
    }
    if results.hits.is_empty() {
        println!(
            "No results for \"{}\". Try fewer or other words.",
            results.query
        );
        return Ok(());
    }
    if results.fuzzy {
        println!(
            "No exact matches for \"{}\"; showing close spellings.",
            results.query
        );
    }
    println!("{} result(s) for \"{}\"", results.total, results.query);
    for (i, hit) in results.hits.iter().enumerate() {
        let tier = hit
            .tier
            .as_deref()
            .map_or(String::new(), |t| format!(", {t} tier"));
        println!(
            "\n{}. {} ({}{tier})\n   {}",
            i + 1,
            hit.title,
            kind_label(&hit.kind),
            hit.url
        );
        let snippet = hit.snippet_html.replace("<b>", "*").replace("</b>", "*");
        let snippet = crate::markdown::plain_text(&snippet);
        let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        if !snippet.is_empty() {
            println!("   {snippet}");
        }
    }
    let facets: Vec<String> = results
        .facets
        .get("kind")
        .into_iter()
        .flatten()
        .map(|(k, n)| format!("{} {n}", kind_label(k)))
        .collect();
    if !facets.is_empty() {
        println!("\nBy kind: {}", facets.join(", "));
    }
    Ok(())
}
