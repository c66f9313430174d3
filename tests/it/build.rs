//! End-to-end builds of the fixture site: every page kind, determinism, atomic output.

use crate::common;

use crate::common::{fixture, signpost, tree};

#[test]
fn builds_every_page_kind() {
    let site = fixture(None);
    let out = signpost(&["build"], site.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("Built 27 pages"), "{stderr}");
    let files = tree(&site.path().join("public"));
    for page in [
        "index.html",
        "tiers/index.html",
        "tiers/low/index.html",
        "tiers/medium/index.html",
        "tiers/high/index.html",
        "offers/index.html",
        "offers/low-support/index.html",
        "partners/index.html",
        "partners/support-provider/index.html",
        "partners/housing-options/index.html",
        "protocols/index.html",
        "protocols/resettlement/index.html",
        "guidance/index.html",
        "guidance/get-help/index.html",
        "glossary/index.html",
        "commitments/index.html",
        "commitments/agreed/index.html",
        "commitments/partly-agreed/index.html",
        "commitments/not-agreed/index.html",
        "accessibility/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "static/style.css",
        "search/index.html",
        "browse/a-z/index.html",
        "browse/regions/index.html",
        "pagefind/pagefind.js",
    ] {
        assert!(
            files.contains_key(page),
            "missing {page}; have {:?}",
            files.keys()
        );
    }
    let text = |p: &str| String::from_utf8_lossy(&files[p]).into_owned();
    // Internal .md links become site URLs; raw HTML is sanitised.
    let offer = text("offers/low-support/index.html");
    assert!(
        offer.contains(r#"href="/partners/support-provider/#contacts""#),
        "{offer}"
    );
    assert!(
        !offer.contains("<script>alert")
            && !offer.contains("javascript:")
            && !offer.contains("onclick")
    );
    // Structured timings read as plain English on the protocol page.
    let protocol = text("protocols/resettlement/index.html");
    assert!(
        protocol.contains("At least 28 days before release"),
        "{protocol}"
    );
    assert!(protocol.contains("1 to 5 days after reception into prison"));
    assert!(protocol.contains(r#"id="step-gather""#));
    // The sitemap lists pages by absolute URL but not the 404 page.
    let sitemap = text("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://fixture.example.org/offers/low-support/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("404"));
    assert!(text("atom.xml").contains("<updated>2026-11-01T00:00:00Z</updated>"));
}

#[test]
fn rebuilding_gives_byte_identical_files() {
    let site = fixture(None);
    assert!(signpost(&["build"], site.path()).status.success());
    let first = tree(&site.path().join("public"));
    assert!(signpost(&["build"], site.path()).status.success());
    let second = tree(&site.path().join("public"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
}

/// From the third build on, a build starts from the output before last (kept beside the
/// output) and rewrites it. What it swaps in must be exactly a fresh build: pages that
/// went away and files someone dropped into the output do not come back.
#[test]
fn a_build_from_the_output_before_last_equals_a_fresh_build() {
    let site = fixture(None);
    let public = site.path().join("public");
    for _ in 0..2 {
        assert!(signpost(&["build"], site.path()).status.success());
    }
    assert!(site.path().join(".public.signpost-previous").is_dir());
    std::fs::write(public.join("dropped-in.txt"), "not built").unwrap();
    std::fs::remove_file(site.path().join("content/guidance/duty-to-refer.md")).unwrap();
    let offer = site.path().join("content/offers/low-support.md");
    let text = std::fs::read_to_string(&offer).unwrap();
    std::fs::write(&offer, text.replacen("title: ", "title: Renamed ", 1)).unwrap();
    // The third build reuses the first build's output; the fourth reuses the second's,
    // which holds the dropped-in file and the removed page.
    for _ in 0..2 {
        assert!(signpost(&["build"], site.path()).status.success());
    }
    let fresh = tempfile::tempdir().unwrap();
    let fresh_out = fresh.path().join("site");
    let out = signpost(
        &["build", "--output", fresh_out.to_str().unwrap()],
        site.path(),
    );
    assert!(out.status.success());
    let (ours, theirs) = (tree(&public), tree(&fresh_out));
    assert!(!ours.contains_key("dropped-in.txt"));
    assert!(!ours.contains_key("guidance/duty-to-refer/index.html"));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &theirs {
        assert!(bytes == &ours[path], "{path} differs from a fresh build");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = fixture(None);
    assert!(signpost(&["build"], site.path()).status.success());
    let before = tree(&site.path().join("public"));
    common::copy_dir(
        &common::repo().join("tests/fixtures/invalid/unknown-partner"),
        site.path(),
    );
    let out = signpost(&["build"], site.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&site.path().join("public")), before);
    // No staging folders are left behind either.
    assert_no_staging_folders(site.path());
}

/// A failed build deletes the staging folder it made beside the output.
fn assert_no_staging_folders(dir: &std::path::Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".signpost-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_build_that_fails_while_rendering_leaves_the_previous_site_and_no_staging_folders() {
    let site = fixture(None);
    assert!(signpost(&["build"], site.path()).status.success());
    let before = tree(&site.path().join("public"));
    let index_before = tree(&site.path().join("search-index"));
    // A template error surfaces only after pages have started streaming into staging.
    common::copy_dir(
        &common::repo().join("tests/fixtures/invalid/template-error"),
        site.path(),
    );
    let out = signpost(&["build"], site.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&site.path().join("public")), before);
    assert_eq!(tree(&site.path().join("search-index")), index_before);
    assert_no_staging_folders(site.path());
    assert_no_staging_folders(&site.path().join("search-index"));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = fixture(None);
    let docs = site.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("notes.md"), "my notes").unwrap();
    let out = signpost(&["build", "--output", docs.to_str().unwrap()], site.path());
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("was not built by Signpost"));
    assert_eq!(
        std::fs::read_to_string(docs.join("notes.md")).unwrap(),
        "my notes"
    );
}

/// Byte-identical output with 1 and 4 threads: rayon's pool and the render threads (twice
/// rayon's, `render::io_pool`) both follow `RAYON_NUM_THREADS`, so pages are written in
/// different orders. Checked: the sitemap left in the order pages were written fails it.
#[test]
fn output_is_the_same_whatever_the_number_of_threads() {
    let site = fixture(None);
    let run = |threads: &str, out: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["build", "--output", out, "--root"])
            .arg(site.path())
            .env("RAYON_NUM_THREADS", threads)
            .env("SIGNPOST_TODAY", "2026-11-20")
            .current_dir(site.path())
            .output()
            .unwrap();
        assert!(status.status.success());
        tree(&site.path().join(out))
    };
    assert_eq!(run("1", "one"), run("4", "four"));
}

#[test]
fn a_removed_page_disappears_from_the_next_build() {
    let site = fixture(None);
    assert!(signpost(&["build"], site.path()).status.success());
    std::fs::remove_file(site.path().join("content/guidance/duty-to-refer.md")).unwrap();
    assert!(signpost(&["build"], site.path()).status.success());
    assert!(!site
        .path()
        .join("public/guidance/duty-to-refer/index.html")
        .exists());
}

#[test]
fn refuses_to_replace_the_site_folder_itself() {
    let site = fixture(None);
    let out = signpost(
        &["build", "--output", site.path().to_str().unwrap()],
        site.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.path().join("content/index.md").exists());
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = fixture(None);
    let path = site.path().join("content/guidance/duty-to-refer.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("---\n", "---\ndraft: true\n", 1);
    std::fs::write(&path, text).unwrap();
    assert!(signpost(&["build"], site.path()).status.success());
    assert!(!site
        .path()
        .join("public/guidance/duty-to-refer/index.html")
        .exists());
    assert!(signpost(&["build", "--drafts"], site.path())
        .status
        .success());
    assert!(site
        .path()
        .join("public/guidance/duty-to-refer/index.html")
        .exists());
}

#[test]
fn site_templates_override_the_theme() {
    let site = fixture(None);
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Overridden page</p>{% endblock content %}",
    )
    .unwrap();
    assert!(signpost(&["build"], site.path()).status.success());
    let html =
        std::fs::read_to_string(site.path().join("public/accessibility/index.html")).unwrap();
    assert!(html.contains("Overridden page"));
}

#[test]
fn a_site_view_template_changes_the_card_on_every_list() {
    let site = fixture(None);
    std::fs::create_dir_all(site.path().join("templates/views")).unwrap();
    std::fs::write(
        site.path().join("templates/views/offer_card.html"),
        "<p class=\"my-card\">{{ o.title }} (level {{ level }})</p>\n",
    )
    .unwrap();
    common::assert_ok(&signpost(&["build"], site.path()));
    let public = site.path().join("public");
    let offers = std::fs::read_to_string(public.join("offers/index.html")).unwrap();
    let published = std::fs::read_dir(site.path().join("content/offers"))
        .unwrap()
        .count();
    let cards = offers.matches("<li><p class=\"my-card\">").count();
    assert_eq!(cards, published, "{offers}");
    assert!(
        !offers.contains("offer-card"),
        "the theme's card is still used"
    );
    // The same card on a tier's page, surrounding whitespace dropped.
    let tiers: Vec<_> = std::fs::read_dir(public.join("tiers"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .filter(|p| p.is_file())
        .collect();
    assert!(tiers.iter().any(|p| std::fs::read_to_string(p)
        .unwrap()
        .contains("(level 3)</p></li>")));
}

#[test]
fn a_theme_without_list_views_gets_an_error_that_says_what_to_copy() {
    let site = fixture(None);
    std::fs::remove_file(
        site.path()
            .join("themes/default/templates/views/offer_card.html"),
    )
    .unwrap();
    let out = signpost(&["build"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("views/offer_card.html"), "{err}");
    assert!(err.contains("copy it from"), "{err}");
    assert!(!site.path().join("public").exists(), "nothing half-written");
}

#[test]
fn new_scaffolds_files_that_pass_check() {
    let site = fixture(None);
    for (kind, slug) in [
        ("offer", "night-shelter"),
        ("partner", "food-bank"),
        ("protocol", "remand"),
        ("guidance", "moving-on"),
    ] {
        common::assert_ok(&signpost(&["new", kind, slug], site.path()));
    }
    let (code, json) = common::check_json(site.path());
    let errors = common::errors(&json);
    assert_eq!(code, 0, "{errors:#?}");
    let again = signpost(&["new", "offer", "night-shelter"], site.path());
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing file is never overwritten"
    );
}

#[test]
fn usage_errors_exit_with_two() {
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(signpost(&["check"], empty.path()).status.code(), Some(2));
}

#[test]
fn the_feed_carries_the_fifty_most_recent_entries() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::assert_ok(
        &std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["corpus", "--pages", "300"])
            .arg(&site)
            .output()
            .unwrap(),
    );
    common::assert_ok(&signpost(&["build", "--no-search"], &site));
    let feed = std::fs::read_to_string(site.join("public/atom.xml")).unwrap();
    assert_eq!(feed.matches("<entry>").count(), 50);
    // Exactly the fifty services and guidance pages reviewed last, newest first, and by
    // address among those of a day (the corpus reviews several a day), read from the
    // content files themselves. Checked: dropping the feed's sort fails it.
    let config = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let base = config
        .lines()
        .find_map(|l| l.strip_prefix("base_url = "))
        .unwrap()
        .trim_matches('"');
    let mut reviewed: Vec<(String, String)> = Vec::new();
    for (folder, url) in [("offers", "/offers/"), ("guidance", "/guidance/")] {
        for entry in std::fs::read_dir(site.join("content").join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let date = text
                .lines()
                .find_map(|l| l.strip_prefix("reviewed: "))
                .unwrap()
                .trim()
                .to_string();
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            reviewed.push((date, format!("{base}{url}{slug}/")));
        }
    }
    let days: std::collections::BTreeSet<&str> = reviewed.iter().map(|(d, _)| d.as_str()).collect();
    assert!(days.len() > 5, "the corpus reviews on {days:?}");
    reviewed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let want: Vec<String> = reviewed.iter().take(50).map(|(_, u)| u.clone()).collect();
    let got: Vec<String> = feed
        .split("<entry>")
        .skip(1)
        .filter_map(|e| e.split("<id>").nth(1)?.split("</id>").next())
        .map(str::to_string)
        .collect();
    assert_eq!(got, want);
}

/// Every `#anchor` the pages render can be linked to: an offer's `#contacts` block is on
/// its page even when it lists no contacts, and a protocol's pathways have anchors too.
#[test]
fn links_to_anchors_the_pages_render_pass_check() {
    let site = fixture(None);
    let offers = site.path().join("content/offers");
    let text = std::fs::read_to_string(offers.join("low-support.md")).unwrap();
    let start = text.find("contacts:\n").unwrap();
    let end = text.find("sessions:").unwrap();
    let without = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(offers.join("no-contacts.md"), without).unwrap();
    std::fs::write(
        site.path().join("content/guidance/links-in.md"),
        "---\ntitle: Links in\naudience: practitioner\nsummary: Links to anchors.\n---\n\
         Ask [the team](../offers/no-contacts.md#contacts) or follow \
         [the protocol](../protocols/resettlement.yaml#pathway-main).\n",
    )
    .unwrap();
    let (code, json) = common::check_json(site.path());
    let errors = common::errors(&json);
    assert_eq!(code, 0, "{errors:#?}");
    let out = signpost(&["build"], site.path());
    common::assert_ok(&out);
    let page =
        std::fs::read_to_string(site.path().join("public/offers/no-contacts/index.html")).unwrap();
    assert!(page.contains("id=\"contacts\""));
    let protocol =
        std::fs::read_to_string(site.path().join("public/protocols/resettlement/index.html"))
            .unwrap();
    assert!(protocol.contains("id=\"pathway-main\""));
}

/// The link checker keeps content pages off the addresses the site makes itself
/// (`route::made`); that list is complete: every top-level file or folder of a built site
/// is the page of a content file or on it.
#[test]
fn every_top_level_entry_of_a_site_is_a_content_page_or_reserved() {
    let site = fixture(None);
    let out = signpost(&["build"], site.path());
    common::assert_ok(&out);
    let content = site.path().join("content");
    let mut from_content = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy();
        if let Some(url) = signpost::route::url_of_content_path(&rel) {
            let top = url.trim_start_matches('/').split('/').next().unwrap_or("");
            from_content.insert(top.to_string());
        }
    }
    let public = site.path().join("public");
    let mut unaccounted = Vec::new();
    for entry in std::fs::read_dir(&public).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let url = if entry.file_type().unwrap().is_dir() {
            format!("/{name}/")
        } else {
            format!("/{name}")
        };
        let made = signpost::route::made::ALL
            .iter()
            .any(|m| m.trim_start_matches('/').split('/').next() == Some(name.as_str()));
        let ours = name == "index.html" || name == signpost::output::MARKER;
        if !(made || ours || from_content.contains(&name)) {
            unaccounted.push(url);
        }
    }
    assert!(
        unaccounted.is_empty(),
        "not in route::made: {unaccounted:?}"
    );
}

/// Every word of the pages the site makes itself comes from the theme's `wording.toml`; a
/// site's own file beside `site.toml` replaces it, so a site (or a translation) rewords the
/// navigation, the list pages, the browse pages, the planner, the words of the templates
/// (`[text]`) and the names of the months (`[dates]`) without touching code.
#[test]
fn a_sites_own_wording_rewords_the_pages_it_makes() {
    let site = common::fixture(None);
    let root = site.path();
    let theme = std::fs::read_to_string(root.join("themes/default/wording.toml")).unwrap();
    let reworded = theme
        .replace("name = \"Partners\"", "name = \"Agencies\"")
        .replace(
            "name = \"A to Z\"\ntitle = \"Browse A to Z\"",
            "name = \"Everything\"\ntitle = \"Every page from A to Z\"",
        )
        .replace("name = \"Home\"", "name = \"Start\"")
        .replace("\"Flowchart: {protocol}\"", "\"Chart of {protocol}\"")
        .replace("chart_start = \"Start\"", "chart_start = \"Begin\"")
        .replace("\"At least {count}", "\"Not less than {count}")
        .replace("release = \"release\"", "release = \"leaving prison\"")
        .replace("low = \"Low\"", "low = \"Basic\"")
        .replace("\"Skip to main content\"", "\"Skip to the page\"")
        .replace(
            "contacts_heading = \"Contacts\"",
            "contacts_heading = \"Get in touch\"",
        )
        .replace("\"{tier} tier\"", "\"Tier: {tier}\"")
        .replace("\"October\"", "\"Month 10\"")
        .replace("\"Searching…\"", "\"Searching </script><b>now</b>\"")
        .replace("\"January\"", "\"Jan <!--\"");
    assert_ne!(reworded, theme, "the replacements match the theme's file");
    std::fs::write(root.join("wording.toml"), &reworded).unwrap();
    common::assert_ok(&common::signpost(&["build"], root));
    let read = |p: &str| std::fs::read_to_string(root.join("public").join(p)).unwrap();
    let partners = read("partners/index.html");
    assert!(partners.contains("<h1>Agencies</h1>"), "{partners:.3000}");
    assert!(
        !partners.contains(">Partners<"),
        "no word left from the theme"
    );
    // In the navigation and the breadcrumbs of every page.
    let partner = read("partners/support-provider/index.html");
    assert!(partner.contains(">Agencies</a>"));
    assert!(partner.contains(">Start</a>"));
    // The templates' words, and dates with the file's month names.
    assert!(partner.contains(">Skip to the page</a>"), "{partner:.3000}");
    assert!(partner.contains(">Get in touch</h2>"));
    assert!(!partner.contains("Skip to main content") && !partner.contains(">Contacts<"));
    assert!(
        partner.contains("<time datetime=\"2026-10-01\">1 Month 10 2026</time>"),
        "{partner}"
    );
    let browse = read("browse/a-z/index.html");
    assert!(browse.contains("<h1>Every page from A to Z</h1>"));
    let search = read("search/index.html");
    assert!(search.contains(">Everything</a>"));
    // The scripts' words, as JSON that no word can end early.
    let words = search
        .split("<script type=\"application/json\" id=\"signpost-words\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap_or_else(|| panic!("no words for search.js: {search}"));
    let words: serde_json::Value = serde_json::from_str(words).unwrap();
    assert_eq!(
        words["text"]["search_searching"],
        "Searching </script><b>now</b>"
    );
    assert_eq!(words["months"][0], "Jan <!--");
    assert_eq!(words["weekdays"][6], "Sunday");
    assert!(search.contains("\"Searching \\u003c/script>\\u003cb>now\\u003c/b>\""));
    // The flowchart's words, those screen readers read included.
    let protocol = read("protocols/resettlement/index.html");
    assert!(protocol.contains("-title\">Chart of "), "{protocol:.3000}");
    assert!(protocol.contains(">Begin</text>"));
    assert!(!protocol.contains("Flowchart: ") && !protocol.contains(">Start</text>"));
    // Deadlines, in the step list and in the chart.
    assert_eq!(
        protocol
            .matches("Not less than 28 days before leaving prison")
            .count(),
        2,
        "{protocol}"
    );
    assert!(!protocol.contains("At least"));
    // Tiers by the theme's name for them.
    let tier = read("tiers/low/index.html");
    assert!(tier.contains(">Tier: Basic<"), "{tier:.3000}");

    // A misspelt key is an error at its line, and nothing is built.
    std::fs::write(
        root.join("wording.toml"),
        reworded.replace("[pages.search]\nname", "[pages.search]\nnmae"),
    )
    .unwrap();
    let (code, json) = common::check_json(root);
    assert_eq!(code, 1);
    let error = &common::errors(&json)[0];
    assert_eq!(error["code"], "unknown-field");
    assert_eq!(error["file"], "wording.toml");
    assert!(error["line"].as_u64().unwrap() > 1);
}

/// A home page written without front matter has no title of its own: it takes the theme's
/// name for the home page, which a site can reword (it was "Home", written in Rust).
#[test]
fn a_home_page_without_front_matter_takes_the_themes_name() {
    let site = common::fixture(None);
    let root = site.path();
    std::fs::write(
        root.join("content/index.md"),
        "Start with the [support tiers](/tiers/).\n",
    )
    .unwrap();
    let theme = std::fs::read_to_string(root.join("themes/default/wording.toml")).unwrap();
    let reworded = theme.replace(
        "[pages.home]\nname = \"Home\"",
        "[pages.home]\nname = \"Welcome\"",
    );
    assert_ne!(reworded, theme, "the replacement matches the theme's file");
    std::fs::write(root.join("wording.toml"), reworded).unwrap();
    common::assert_ok(&common::signpost(&["build"], root));
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(home.contains("<h1>Welcome</h1>"), "{home:.3000}");
    assert!(home.contains("Start with the"));
}
