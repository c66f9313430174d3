//! Adding a content kind through the registry. `tests/kind-recipe/notice.patch` adds a
//! throw-away kind, service notices (`content/notices/*.md`), the way `ARCHITECTURE.md`
//! says to: a variant and a row in `kind.rs`, a line of `records!` in `content.rs`, the
//! model (`model/notice.rs` and its `mod` line) and a template. `tests/kind-recipe/run`
//! applies it to a copy of the crate and runs the test below there; on the crate as it
//! is, the notice is a stray file, which the first assertion reports.

use super::common::{self, assert_ok, signpost};
use std::io::Read;

const NOTICE: &str = "---
title: Christmas closures at the Maidstone hub
summary: The Maidstone accommodation hub is closed over Christmas; call the duty line instead.
from: 2026-12-24
until: 2027-01-02
regions: [Kent]
reviewed: 2026-11-01
review_by: 2027-01-05
---
The hub reopens on the second of January. Until then, ring the duty line for urgent housing help.
";

const URL: &str = "/notices/christmas-closures/";

/// Every fragment of the static search bundle, unzipped (Pagefind's `pagefind_dcd`
/// signature, then the fragment's JSON).
fn pagefind_fragments(site: &std::path::Path) -> Vec<String> {
    let dir = site.join("pagefind/fragment");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_string(&mut text)
            .unwrap();
        out.push(text);
    }
    out
}

#[test]
#[ignore = "needs the crate patched with tests/kind-recipe/notice.patch: run tests/kind-recipe/run"]
fn a_kind_added_through_the_registry_is_loaded_checked_rendered_searched_listed_and_fed() {
    let site = common::fixture(None);
    let root = site.path();
    let notices = root.join("content/notices");
    std::fs::create_dir_all(&notices).unwrap();
    std::fs::write(notices.join("christmas-closures.md"), NOTICE).unwrap();

    // Loaded and checked: no problems, and its reading level is scored.
    let out = signpost(&["check", "--format", "json", "--verbose"], root);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        common::codes(&json),
        Vec::<&str>::new(),
        "a notice is content: {json}"
    );
    assert!(
        json["readability"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["url"] == URL && p["audience"] == "practitioner"),
        "{}",
        json["readability"]
    );

    // Validated like every kind: a misspelt field is an error at its line, a review date
    // passed is a warning at its line, and a draft is left out.
    std::fs::write(notices.join("typo.md"), NOTICE.replace("until:", "untill:")).unwrap();
    std::fs::write(
        notices.join("old.md"),
        NOTICE.replace("review_by: 2027-01-05", "review_by: 2026-11-02"),
    )
    .unwrap();
    std::fs::write(
        notices.join("draft.md"),
        NOTICE.replace(
            "review_by: 2027-01-05",
            "review_by: 2027-01-05\ndraft: true",
        ),
    )
    .unwrap();
    let (code, json) = common::check_json(root);
    assert_eq!(code, 1);
    let found = |code: &str, file: &str| {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code && d["file"] == format!("content/notices/{file}"))
            .cloned()
            .unwrap_or_else(|| panic!("no {code} in {file}: {json}"))
    };
    let typo = found("unknown-field", "typo.md");
    assert_eq!(
        (typo["line"].as_u64(), typo["column"].as_u64()),
        (Some(5), Some(1))
    );
    assert_eq!(found("review-overdue", "old.md")["line"].as_u64(), Some(8));
    std::fs::remove_file(notices.join("typo.md")).unwrap();
    std::fs::remove_file(notices.join("old.md")).unwrap();

    // Rendered with its template, in the sitemap, the feed and the browse lists.
    assert_ok(&signpost(&["build"], root));
    let public = root.join("public");
    let read = |path: &str| std::fs::read_to_string(public.join(path)).unwrap();
    let page = read("notices/christmas-closures/index.html");
    assert!(page.contains("<h1>Christmas closures at the Maidstone hub</h1>"));
    assert!(
        page.contains("<time datetime=\"2026-12-24\">24 December 2026</time></dd>"),
        "{page}"
    );
    assert!(page.contains("ring the duty line"));
    assert!(!public.join("notices/draft/index.html").exists());
    assert!(read("sitemap.xml").contains("/notices/christmas-closures/</loc>"));
    assert!(read("atom.xml").contains(URL));
    for browse in ["a-z", "regions", "kinds"] {
        assert!(
            read(&format!("browse/{browse}/index.html")).contains(&format!("href=\"{URL}\"")),
            "not in /browse/{browse}/"
        );
    }

    // Found by both search engines: tantivy (`signpost search`) and the static bundle.
    let out = signpost(&["search", "maidstone duty line", "--json"], root);
    assert_ok(&out);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(common::hit_urls(&hits).first(), Some(&URL), "{hits}");
    assert!(page.contains("data-pagefind-body"));
    assert!(
        pagefind_fragments(&public)
            .iter()
            .any(|f| f.contains(&format!("\"url\":\"{URL}\"")) && f.contains("duty line")),
        "no fragment of the static search holds the notice"
    );
}
