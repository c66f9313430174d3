//! Search over the default content: the golden queries against tantivy, and the CLI.

use crate::common;

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

/// The default theme's words.
fn default_wording() -> signpost::wording::Wording {
    signpost::wording::Wording::load(&common::repo(), "default").unwrap()
}

/// The default content indexed in memory, exactly as `build` indexes it.
fn default_index() -> SearchIndex {
    let root = common::repo();
    let mut diags = signpost::diagnostic::Diagnostics::default();
    let content = signpost::load::load(&root, Default::default(), &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let synonyms = signpost::search::synonyms(&content);
    let docs = signpost::search::documents(&content, &synonyms, &default_wording());
    let index = signpost::search::index::build(docs, &synonyms, None, "en").unwrap();
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
}

/// Snippets come from the content, so markup in the content is what a snippet could
/// carry into the results page: a page whose text holds a script is found by it, and its
/// snippet shows the markup as text, the match in `<b>`. Checked: a snippet made from the
/// fragment's raw text (`Snippet::fragment`) instead of `to_html` fails it.
#[test]
fn markup_in_the_content_is_escaped_in_snippets() {
    let docs = vec![signpost::search::SearchDoc {
        url: "/guidance/hostile/".into(),
        title: "Hostile page".into(),
        body:
            "Advice on housing <script>alert(1)</script> and <img src=x onerror=alert(2)> tenancy"
                .into(),
        ..Default::default()
    }];
    let synonyms = signpost::search::synonyms::Synonyms::default();
    let index = signpost::search::index::build(docs, &synonyms, None, "en").unwrap();
    let index = SearchIndex::new(index, synonyms).unwrap();
    let r = index
        .search("alert tenancy", &Filters::default(), 5)
        .unwrap();
    assert_eq!(r.total, 1, "{r:?}");
    let snippet = &r.hits[0].snippet_html;
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    assert!(snippet.contains("<b>alert</b>"), "{snippet}");
    assert!(
        !snippet.contains("<script") && !snippet.contains("<img"),
        "{snippet}"
    );
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
        let report = build(&BuildOptions {
            root: site.path().into(),
            output: None,
            drafts: false,
            write: true,
            search: true,
            index_dir: None,
        });
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
        std::fs::read_to_string(site.path().join("public/offers/low-support/index.html")).unwrap()
    };
    assert_eq!(run(), run());
}

/// Signpost writes the static search bundle itself; this builds the same bundle with
/// Pagefind's own indexer (the `pagefind` crate's API, fed every page of the built site
/// and the same step and term records) and checks, file by file, that the two are the
/// same once decompressed: the browser code is Pagefind's, so it must read our files as
/// its own. A change of Pagefind's format or rules shows up here first.
#[test]
fn the_bundle_is_the_one_pagefind_builds_for_the_same_pages() {
    use std::collections::BTreeMap;
    use std::io::Read;
    let (_dir, site) = common::default_site_with_search();

    // What Pagefind is given: every page (those without `data-pagefind-body` are left
    // out by its own rules) and the records, in URL order, as the build gives them.
    let mut inputs: BTreeMap<String, Result<String, signpost::search::SearchDoc>> = BTreeMap::new();
    for (rel, bytes) in common::tree(&site) {
        if let Some(page) = rel
            .strip_suffix("index.html")
            .filter(|_| rel.ends_with(".html"))
        {
            inputs.insert(format!("/{page}"), Ok(String::from_utf8(bytes).unwrap()));
        } else if rel.ends_with(".html") {
            inputs.insert(format!("/{rel}"), Ok(String::from_utf8(bytes).unwrap()));
        }
    }
    let root = common::repo();
    let mut diags = signpost::diagnostic::Diagnostics::default();
    let content = signpost::load::load(&root, Default::default(), &mut diags);
    let synonyms = signpost::search::synonyms(&content);
    for doc in signpost::search::documents(&content, &synonyms, &default_wording()) {
        if doc.url.contains('#') {
            inputs.insert(doc.url.clone(), Err(doc));
        }
    }
    let wording = signpost::wording::Wording::load(&common::repo(), "default").unwrap();
    let files = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(async {
            use pagefind::api::PagefindIndex;
            use pagefind::options::PagefindServiceConfig;
            // Each page in the language its `lang` gives, as the Pagefind CLI reads it.
            let config = PagefindServiceConfig::builder()
                .keep_index_url(false)
                .build();
            let mut index = PagefindIndex::new(Some(config)).unwrap();
            for (url, input) in inputs {
                match input {
                    Ok(html) => {
                        index.add_html_file(None, Some(url), html).await.unwrap();
                    }
                    Err(doc) => {
                        let label = wording.labels.kind(doc.kind);
                        let (text, meta, filters) =
                            signpost::search::pagefind::record_parts(&doc, label);
                        index
                            .add_custom_record(
                                url,
                                text,
                                "en-gb".into(),
                                Some(meta),
                                Some(filters),
                                None,
                            )
                            .await
                            .unwrap();
                    }
                }
            }
            index.get_files().await.unwrap()
        });
    let unzip = |name: &str, bytes: &[u8]| -> Vec<u8> {
        if !name.contains(".pf_") {
            return bytes.to_vec();
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    };
    let theirs: BTreeMap<String, Vec<u8>> = files
        .into_iter()
        .map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            let bytes = unzip(&name, &f.contents);
            (name, bytes)
        })
        .collect();
    let ours: BTreeMap<String, Vec<u8>> = common::tree(&site.join("pagefind"))
        .into_iter()
        .map(|(name, bytes)| {
            let bytes = unzip(&name, &bytes);
            (name, bytes)
        })
        .collect();
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&ours),
        names(&theirs),
        "the bundles hold different files"
    );
    assert!(
        theirs
            .keys()
            .filter(|n| n.ends_with(".pf_fragment"))
            .count()
            > 100
    );
    for (name, bytes) in &theirs {
        assert!(
            ours[name] == *bytes,
            "{name} differs:\n ours: {}\ntheirs: {}",
            String::from_utf8_lossy(&ours[name]),
            String::from_utf8_lossy(bytes)
        );
    }
}

/// The README's promise: the two search engines index the same pages. The pages the static
/// bundle indexes (`data-pagefind-body`) are the pages the tantivy index has a page
/// document for, on the default content.
#[test]
fn both_search_engines_index_the_same_pages() {
    let site = tempfile::tempdir().unwrap();
    let root = common::repo();
    let out = site.path().join("public");
    let report = build(&BuildOptions {
        root: root.clone(),
        output: Some(out.clone()),
        drafts: false,
        write: true,
        search: true,
        index_dir: Some(site.path().join("index")),
    });
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let mut static_pages = std::collections::BTreeSet::new();
    let mut welsh_pages = std::collections::BTreeSet::new();
    for (path, bytes) in common::tree(&out) {
        if path.ends_with(".html") && String::from_utf8_lossy(&bytes).contains("data-pagefind-body")
        {
            let url = format!("/{}", path.trim_end_matches("index.html"));
            match url.strip_prefix("/cy") {
                Some(english) => welsh_pages.insert(english.to_string()),
                None => static_pages.insert(url),
            };
        }
    }
    let mut diags = signpost::diagnostic::Diagnostics::default();
    let content = signpost::load::load(&root, Default::default(), &mut diags);
    let synonyms = signpost::search::synonyms(&content);
    let tantivy_pages: std::collections::BTreeSet<String> =
        signpost::search::documents(&content, &synonyms, &default_wording())
            .into_iter()
            .filter(|d| !d.url.contains('#'))
            .map(|d| d.url)
            .collect();
    assert_eq!(static_pages, tantivy_pages);
    // In Welsh, both index the pages of the translated records search takes.
    let welsh_records: std::collections::BTreeSet<String> = content
        .translations
        .iter()
        .filter(|t| t.language == "cy")
        .filter(|t| signpost::kind::Kind::of(&t.of).is_some_and(|k| k.row().search.is_some()))
        .filter_map(|t| signpost::route::url_of_content_path(&t.of))
        .collect();
    assert_eq!(welsh_pages, welsh_records);
    let welsh_index =
        signpost::search::query::SearchIndex::open(&site.path().join("index/cy")).unwrap();
    let all = welsh_index.search("", &Default::default(), 1000).unwrap();
    let indexed: std::collections::BTreeSet<String> = all
        .hits
        .iter()
        .filter(|h| !h.url.contains('#'))
        .map(|h| h.url.trim_start_matches("/cy").to_string())
        .collect();
    assert_eq!(indexed, welsh_records);
    assert!(static_pages.contains("/planner/"), "{static_pages:?}");
    assert!(static_pages.len() > 20, "{static_pages:?}");
}

/// The README's promise: each service's page lists the three services most like it, from
/// the search index. Built with search, on the default content (the fixture has one
/// service, so its list is always empty): each list holds three services, services only,
/// never the page's own. Checked: asking `related_offers` for two fails it.
#[test]
fn each_service_page_of_the_default_site_lists_three_related_services() {
    use scraper::{Html, Selector};
    let (_dir, site) = common::default_site_with_search();
    let services: Vec<String> = std::fs::read_dir(site.join("offers"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| format!("/offers/{}/", e.file_name().to_string_lossy()))
        .collect();
    assert!(services.len() >= 4, "{services:?}");
    let related =
        Selector::parse("section[aria-labelledby=related-heading] .card-title a").unwrap();
    for url in &services {
        let html =
            std::fs::read_to_string(site.join(url.trim_matches('/')).join("index.html")).unwrap();
        let page = Html::parse_document(&html);
        let mut links: Vec<&str> = page
            .select(&related)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(links.len(), 3, "{url} lists {links:?}");
        assert!(
            !links.contains(&url.as_str()),
            "{url} lists itself: {links:?}"
        );
        for link in &links {
            assert!(
                services.contains(&link.to_string()),
                "{url} lists {link}, not a service"
            );
        }
        links.sort_unstable();
        links.dedup();
        assert_eq!(links.len(), 3, "{url} lists a service twice");
    }
}
