//! Search over the default content: the golden queries against tantivy, and the CLI.

mod common;

use signpost::search::query::{Filters, SearchIndex};
use signpost::{build, BuildOptions};

#[derive(serde::Deserialize)]
struct Golden {
    query: String,
    expect: Vec<String>,
    kind: Option<String>,
    tier: Option<String>,
    engines: Option<Vec<String>>,
}

fn golden() -> Vec<Golden> {
    let text = std::fs::read_to_string(common::repo().join("tests/search/golden.yaml")).unwrap();
    let value = signpost::source::yaml_to_json(&text).unwrap();
    serde_json::from_value(value).unwrap()
}

/// The default content indexed in memory, exactly as `build` indexes it.
fn default_index() -> SearchIndex {
    let root = common::repo();
    let mut diags = signpost::diagnostic::Diagnostics::default();
    let content = signpost::load::load(&root, Default::default(), &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let synonyms = signpost::search::synonyms(&content);
    let docs = signpost::search::documents(&content, &synonyms);
    let index = signpost::search::index::build(&docs, &synonyms, None).unwrap();
    SearchIndex::new(index, synonyms).unwrap()
}

#[test]
fn golden_queries_find_their_pages_in_the_top_three() {
    let index = default_index();
    let queries = golden();
    assert!(queries.len() >= 20, "{} golden queries", queries.len());
    let mut failures = Vec::new();
    for g in queries.iter().filter(|g| {
        g.engines
            .as_ref()
            .is_none_or(|e| e.iter().any(|x| x == "tantivy"))
    }) {
        let filters = Filters {
            kind: g.kind.clone(),
            tier: g.tier.clone(),
            region: None,
        };
        let results = index.search(&g.query, &filters, 3).unwrap();
        let top: Vec<&str> = results.hits.iter().map(|h| h.url.as_str()).collect();
        for want in &g.expect {
            if !top.contains(&want.as_str()) {
                failures.push(format!("{:?}: {want} not in {top:?}", g.query));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn results_have_escaped_highlighted_snippets_and_facets() {
    let index = default_index();
    let r = index.search("arson", &Filters::default(), 5).unwrap();
    assert!(r.total > 0);
    assert!(
        r.hits
            .iter()
            .any(|h| h.snippet_html.contains("<b>arson</b>")),
        "{:?}",
        r.hits
    );
    assert!(r.facets["kind"].iter().map(|(_, n)| n).sum::<usize>() >= r.total);
    let hostile = index
        .search("<script>alert(1)</script> housing", &Filters::default(), 5)
        .unwrap();
    assert!(hostile
        .hits
        .iter()
        .all(|h| !h.snippet_html.contains("<script")));
}

#[test]
fn a_misspelling_falls_back_to_close_spellings() {
    let index = default_index();
    let r = index.search("refferal", &Filters::default(), 5).unwrap();
    assert!(r.fuzzy && r.total > 0, "{r:?}");
    let exact = index.search("referral", &Filters::default(), 5).unwrap();
    assert!(!exact.fuzzy);
}

#[test]
fn filters_narrow_results() {
    let index = default_index();
    let all = index.search("support", &Filters::default(), 50).unwrap();
    let offers = index
        .search(
            "support",
            &Filters {
                kind: Some("offer".into()),
                tier: Some("high".into()),
                region: None,
            },
            50,
        )
        .unwrap();
    assert!(offers.total > 0 && offers.total < all.total);
    assert!(offers
        .hits
        .iter()
        .all(|h| h.kind == "offer" && h.tier.as_deref() == Some("high")));
}

#[test]
fn the_cli_searches_the_built_index_and_says_when_it_is_missing() {
    let site = common::fixture(None);
    let missing = common::signpost(&["search", "housing"], site.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("run `signpost build` first"));

    assert!(common::signpost(&["build"], site.path()).status.success());
    let out = common::signpost(&["search", "NFA", "--json"], site.path());
    common::assert_ok(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let urls = common::hit_urls(&json);
    assert!(urls.contains(&"/glossary/#term-no-fixed-abode"), "{urls:?}");

    // Content edited after the build: results still come, with a warning.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        site.path().join("content/guidance/new.md"),
        "---\ntitle: New\naudience: editor\nsummary: x\n---\n",
    )
    .unwrap();
    let stale = common::signpost(&["search", "NFA"], site.path());
    assert!(String::from_utf8_lossy(&stale.stderr)
        .contains("content changed after the search index was built"));

    let bad = common::signpost(&["search", "x", "--tier", "meduim"], site.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean `medium`?"));
}

#[test]
fn related_services_are_offers_and_repeatable() {
    let run = || {
        let site = common::fixture(None);
        let _ = build(&BuildOptions {
            root: site.path().into(),
            output: None,
            drafts: false,
            write: true,
            search: true,
            index_dir: None,
        });
        std::fs::read_to_string(site.path().join("public/offers/low-support/index.html")).unwrap()
    };
    assert_eq!(run(), run());
}
