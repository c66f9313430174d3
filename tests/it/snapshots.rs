//! Snapshots of rendered pages: a change to the theme or the view shows up as a diff to review
//! (`cargo insta review`), never silently.

use crate::common;

fn page(site: &std::path::Path, rel: &str) -> String {
    let html = std::fs::read_to_string(site.join("public").join(rel)).unwrap();
    // The <main> element is the page's own content; the frame is covered by other pages.
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").map_or(html.len(), |i| i + 7);
    html[start..end].to_string()
}

#[test]
fn rendered_pages_match_their_snapshots() {
    let site = common::fixture(None);
    let out = common::signpost(&["build"], site.path());
    common::assert_ok(&out);
    insta::assert_snapshot!("tier_low", page(site.path(), "tiers/low/index.html"));
    insta::assert_snapshot!("offer", page(site.path(), "offers/low-support/index.html"));
    insta::assert_snapshot!(
        "protocol",
        page(site.path(), "protocols/resettlement/index.html")
    );
    insta::assert_snapshot!("glossary", page(site.path(), "glossary/index.html"));
    insta::assert_snapshot!(
        "home_full",
        std::fs::read_to_string(site.path().join("public/index.html")).unwrap()
    );
}
