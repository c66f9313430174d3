//! The site's languages: translations beside the files they translate are found, checked
//! and counted for editors.

use crate::common::{self, signpost};

/// The fixture with Welsh listed after English, and the low tier translated.
fn bilingual_fixture() -> tempfile::TempDir {
    let site = common::fixture(None);
    let config = site.path().join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[[languages]]\ncode = \"en\"\ntitle = \"English\"\n\n[[languages]]\ncode = \"cy\"\ntitle = \"Cymraeg\"\nsite_title = \"Cyfeiriadur prawf\"\n\n[languages.help]\ntitle = \"Angen help nawr?\"\ntext = \"Siaradwch â'ch ymarferydd prawf.\"\n");
    std::fs::write(&config, text).unwrap();
    std::fs::copy(
        common::repo().join("tests/fixtures/invalid/languages/content/tiers/low.cy.md"),
        site.path().join("content/tiers/low.cy.md"),
    )
    .unwrap();
    site
}

#[test]
fn check_counts_what_each_language_has() {
    let site = bilingual_fixture();
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 0, "{json}");
    let coverage = &json["translations"][0];
    assert_eq!(coverage["language"], "cy");
    assert_eq!(coverage["translated"], 1);
    let total = coverage["total"].as_u64().unwrap();
    assert!(total > 10, "{coverage}");
    let out = signpost(&["check"], site.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("Cymraeg (cy): 1 of {total} files translated")),
        "{stderr}"
    );
    // Editors see which translations wait for a speaker to check them; readability is
    // not scored for them.
    let low = site.path().join("content/tiers/low.cy.md");
    let text = std::fs::read_to_string(&low).unwrap();
    std::fs::write(&low, text.replacen("---\n", "---\nneeds_review: true\n", 1)).unwrap();
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["translations"][0]["needs_review"], 1);
    assert!(
        common::codes(&json).contains(&"translation-needs-review"),
        "{json}"
    );
    let out = signpost(&["check", "-v"], site.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 of ") && stderr.contains(", 1 waiting for a speaker to check them"),
        "{stderr}"
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("translations are not scored"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A second translation of the same file counts once; one of another file counts.
    let tiers = site.path().join("content/tiers");
    std::fs::copy(tiers.join("low.cy.md"), tiers.join("high.cy.md")).unwrap();
    let text = std::fs::read_to_string(tiers.join("high.cy.md")).unwrap();
    std::fs::write(
        tiers.join("high.cy.md"),
        text.replace("tier: low", "tier: high"),
    )
    .unwrap();
    let (_, json) = common::check_json(site.path());
    assert_eq!(json["translations"][0]["translated"], 2, "{json}");
}

#[test]
fn a_translation_is_read_like_any_content_file() {
    // Broken YAML in a translation is located like any other, and the build stops.
    let site = bilingual_fixture();
    let file = site.path().join("content/tiers/low.cy.md");
    std::fs::write(&file, "---\ntitle: [unclosed\n---\n").unwrap();
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 1);
    let errors = common::errors(&json);
    assert_eq!(errors[0]["file"], "content/tiers/low.cy.md", "{json}");
    assert_eq!(errors[0]["code"], "yaml-syntax");
    assert!(errors[0]["line"].as_u64().unwrap() >= 2, "{json}");
    // Without languages listed, a translation is named as such, not as a stray slug.
    let single = common::fixture(None);
    std::fs::copy(&file, single.path().join("content/tiers/low.cy.md")).unwrap();
    std::fs::write(
        single.path().join("content/tiers/low.cy.md"),
        "---\ntitle: Isel\n---\n",
    )
    .unwrap();
    let (code, json) = common::check_json(single.path());
    assert_eq!(code, 1);
    assert_eq!(common::codes(&json), ["unknown-language"], "{json}");
}

#[test]
fn a_translation_gives_words_and_its_own_dates_and_takes_the_structure() {
    let site = bilingual_fixture();
    let file = site.path().join("content/tiers/low.cy.md");
    let text = std::fs::read_to_string(&file).unwrap();
    // Its own review dates, and only the words: both fine.
    let reviewed = text.replace("reviewed: 2026-11-01", "reviewed: 2026-11-15");
    std::fs::write(&file, &reviewed).unwrap();
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 0, "{json}");
    let words_only = "---\ntitle: Cymorth cymhlethdod isel\nsummary: Cymorth.\ninterventions:\n  - { text: \"Help gyda cheisiadau tai.\" }\n---\n";
    std::fs::write(&file, words_only).unwrap();
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 0, "{json}");
    // Structure that disagrees, a field the file does not have, a list of another length.
    for (changed, expected) in [
        (
            text.replace("sessions: 4", "sessions: 5"),
            "`sessions` is `5` here but `4`",
        ),
        (
            text.replace("weeks: 3", "weeks: 3\nbudget: 10"),
            "`budget` is not in content/tiers/low.md",
        ),
        (
            text.replace(
                "  - { letter: a, text: \"Help gyda cheisiadau tai.\" }",
                "  - { letter: a, text: \"Help.\" }\n  - { letter: b, text: \"Mwy.\" }",
            ),
            "`interventions` has 2 items here and 1 in content/tiers/low.md",
        ),
    ] {
        assert_ne!(changed, text);
        std::fs::write(&file, &changed).unwrap();
        let (code, json) = common::check_json(site.path());
        assert_eq!(code, 1, "{json}");
        let errors = common::errors(&json);
        assert_eq!(errors.len(), 1, "{json}");
        assert_eq!(errors[0]["code"], "translation-disagrees");
        assert!(
            errors[0]["message"].as_str().unwrap().contains(expected),
            "{expected}: {json}"
        );
        assert!(errors[0]["line"].as_u64().unwrap() > 1, "located: {json}");
    }
}

/// The pages of a built site by URL (`/cy/tiers/low/`), HTML files only.
fn pages(site: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    common::tree(site)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| {
            let url = format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel));
            (url, String::from_utf8(bytes).unwrap())
        })
        .collect()
}

/// The `href`s of `<a>` and `<link>` elements that name their language (`hreflang`).
fn language_links(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for tag in html.split('<').filter(|t| t.contains(" hreflang=\"")) {
        let attr = |name: &str| {
            tag.split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .map(str::to_string)
        };
        if let (Some(lang), Some(href)) = (attr("hreflang"), attr("href")) {
            out.push((lang, href));
        }
    }
    out
}

#[test]
fn every_translated_page_is_published_in_welsh_and_nothing_else() {
    let (_dir, site) = common::default_site_with_search();
    let pages = pages(&site);
    // Each translation of the default content has its Welsh page; a record without one
    // has none (its English page is never copied into /cy/).
    let translations: Vec<String> = walkdir::WalkDir::new(common::repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().replace('\\', "/"))
        .filter(|p| p.contains(".cy."))
        .collect();
    assert!(translations.len() >= 11, "{translations:?}");
    for (url, expected) in [
        ("/cy/", true),
        ("/cy/tiers/low/", true),
        ("/cy/guidance/what-to-expect-medium/", true),
        ("/cy/guidance/get-help-now/", true),
        ("/cy/accessibility/", true),
        ("/cy/chooser/", true),
        // A route of the chooser has the same address in both languages.
        ("/cy/chooser/yes/", true),
        ("/cy/planner/", true),
        ("/cy/search/", true),
        ("/cy/offers/low-accommodation/", false),
        ("/cy/guidance/duty-to-refer/", false),
        ("/cy/protocols/kent-resettlement/", false),
    ] {
        assert_eq!(pages.contains_key(url), expected, "{url}");
    }
    for (url, html) in &pages {
        let welsh = url.starts_with("/cy/");
        let lang = if welsh { "cy" } else { "en-GB" };
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{url} is not marked lang=\"{lang}\""
        );
        if url.ends_with("404.html") {
            continue;
        }
        // The language switch (and the alternates) point at pages that exist; a page
        // with a translation names it in the head.
        let links = language_links(html);
        assert!(!links.is_empty(), "{url} has no language switch");
        for (_, href) in &links {
            let path = href.trim_start_matches("https://signpost.example.org");
            assert!(
                pages.contains_key(path),
                "{url} links to {href}, which is not a page"
            );
        }
        let counterpart = if welsh {
            url.trim_start_matches("/cy").to_string()
        } else {
            format!("/cy{url}")
        };
        if pages.contains_key(&counterpart) {
            // The switch goes to the same page in the other language.
            assert!(
                links.iter().any(|(_, href)| *href == counterpart),
                "{url}: the switch does not go to {counterpart}: {links:?}"
            );
            let head = html.split("</head>").next().unwrap();
            assert!(
                head.contains(&format!(
                    "hreflang=\"{}\" href=\"https://signpost.example.org{counterpart}\"",
                    if welsh { "en-GB" } else { "cy" }
                )),
                "{url} does not name {counterpart} in its head"
            );
        }
    }
    // Links inside a Welsh page go to Welsh pages where there are some.
    let home = &pages["/cy/"];
    assert!(
        home.contains("href=\"/cy/guidance/get-help-now/\""),
        "{home}"
    );
    assert!(home.contains("href=\"/guidance/duty-to-refer/\""), "{home}");
    // The sitemap names both pages of a translated page; the Welsh feed only Welsh ones.
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://signpost.example.org/cy/tiers/low/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"cy\" href=\"https://signpost.example.org/cy/tiers/low/\"/>"
    ));
    let feed = std::fs::read_to_string(site.join("cy/atom.xml")).unwrap();
    assert!(feed.contains("xml:lang=\"cy\""), "{feed}");
    for entry in feed.split("<entry>").skip(1) {
        assert!(
            entry.contains("https://signpost.example.org/cy/"),
            "{entry}"
        );
    }
}

/// No Welsh page carries the words the theme gives in English: every interface string
/// of `wording.toml` that `wording.cy.toml` words otherwise is absent from every page
/// under /cy/.
#[test]
fn welsh_pages_carry_no_english_interface_words() {
    let (_dir, site) = common::default_site_with_search();
    let read = |name: &str| -> toml::Value {
        let text =
            std::fs::read_to_string(common::repo().join("themes/default").join(name)).unwrap();
        toml::from_str(&text).unwrap()
    };
    let (english, welsh) = (read("wording.toml"), read("wording.cy.toml"));
    // Every string of the English file, by its path, with the Welsh one at that path.
    fn strings(v: &toml::Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            toml::Value::String(s) => out.push((path, s.clone())),
            toml::Value::Table(t) => {
                for (k, v) in t {
                    strings(v, format!("{path}.{k}"), out);
                }
            }
            toml::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    strings(v, format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let (mut en, mut cy) = (Vec::new(), Vec::new());
    strings(&english, String::new(), &mut en);
    strings(&welsh, String::new(), &mut cy);
    let cy: std::collections::HashMap<String, String> = cy.into_iter().collect();
    assert_eq!(
        en.len(),
        cy.len(),
        "wording.cy.toml has other keys than wording.toml"
    );
    // Phrases are checked up to their first `{name}`; words of a letter or two, and the
    // names of things both languages share (HTML, PDF), are not telling.
    let phrases: Vec<(String, String)> = en
        .into_iter()
        .filter(|(path, s)| cy.get(path).is_some_and(|w| w != s))
        .map(|(path, s)| {
            (
                path,
                s.split('{').next().unwrap_or_default().trim().to_string(),
            )
        })
        .filter(|(_, s)| s.len() > 3 && s.contains(' '))
        .collect();
    // Words the English content has too (a partner named "Local housing authority") may
    // be on a Welsh page as the name of a record it lists that has no translation yet.
    let content: String = walkdir::WalkDir::new(common::repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().contains(".cy."))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let phrases: Vec<(String, String)> = phrases
        .into_iter()
        .filter(|(_, p)| !content.contains(p.as_str()))
        .collect();
    assert!(phrases.len() > 50, "{}", phrases.len());
    let pages = pages(&site);
    let welsh_pages: Vec<(&String, &String)> = pages
        .iter()
        .filter(|(u, _)| u.starts_with("/cy/"))
        .collect();
    assert!(welsh_pages.len() > 10);
    for (url, html) in welsh_pages {
        for (path, phrase) in &phrases {
            let escaped = signpost::html::escape(phrase);
            assert!(
                !html.contains(phrase.as_str()) && !html.contains(&escaped),
                "{url} carries the English interface words `{phrase}` ({path})"
            );
        }
    }
}

/// Each language is searched in its own index: Welsh words find Welsh pages, and no
/// English page is among the results.
#[test]
fn welsh_words_find_welsh_pages_in_their_own_index() {
    let root = tempfile::tempdir().unwrap();
    for entry in ["content", "themes", "site.toml"] {
        let from = common::repo().join(entry);
        if from.is_dir() {
            common::copy_dir(&from, &root.path().join(entry));
        } else {
            std::fs::copy(&from, root.path().join(entry)).unwrap();
        }
    }
    common::assert_ok(&common::signpost(&["build"], root.path()));
    // The Welsh golden queries (also run against the Welsh Pagefind index by .ci/run).
    let golden: Vec<serde_yaml::Value> = serde_yaml::from_str(
        &std::fs::read_to_string(common::repo().join("tests/search/golden-cy.yaml")).unwrap(),
    )
    .unwrap();
    assert!(golden.len() >= 8, "{golden:?}");
    let mut failures = Vec::new();
    for g in &golden {
        let query = g["query"].as_str().unwrap();
        let out = common::signpost(
            &[
                "search",
                "--language",
                "cy",
                "--json",
                "--limit",
                "50",
                query,
            ],
            root.path(),
        );
        common::assert_ok(&out);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let urls = common::hit_urls(&json);
        assert!(
            urls.iter().all(|u| u.starts_with("/cy/")),
            "{query}: {urls:?}"
        );
        let top: Vec<&str> = urls.iter().take(3).copied().collect();
        for want in g["expect"].as_sequence().unwrap() {
            let want = want.as_str().unwrap();
            if !top.contains(&want) {
                failures.push(format!("{query}: {want} not in the top three {top:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // The English index has no Welsh page.
    let out = common::signpost(&["search", "--json", "cymorth tai"], root.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        common::hit_urls(&json)
            .iter()
            .all(|u| !u.starts_with("/cy/")),
        "{json}"
    );
}

/// A translated glossary keeps its terms' anchors and see-also links: a term's anchor is
/// the one its English name gives, whatever its Welsh name.
#[test]
fn a_translated_glossary_keeps_its_anchors() {
    let root = tempfile::tempdir().unwrap();
    for entry in ["content", "themes"] {
        common::copy_dir(&common::repo().join(entry), &root.path().join(entry));
    }
    std::fs::copy(
        common::repo().join("site.toml"),
        root.path().join("site.toml"),
    )
    .unwrap();
    let glossary: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(common::repo().join("content/glossary.yaml")).unwrap(),
    )
    .unwrap();
    let terms = glossary["terms"].as_sequence().unwrap();
    let mut welsh = String::from("needs_review: true\nterms:\n");
    for i in 0..terms.len() {
        welsh.push_str(&format!(
            "  - term: \"Term {i} yn Gymraeg\"\n    definition: \"Diffiniad {i}.\"\n"
        ));
    }
    std::fs::write(root.path().join("content/glossary.cy.yaml"), welsh).unwrap();
    let out = root.path().join("public");
    let built = common::signpost(&["build", "--output", out.to_str().unwrap()], root.path());
    common::assert_ok(&built);
    let page = std::fs::read_to_string(out.join("cy/glossary/index.html")).unwrap();
    assert!(page.contains("<html lang=\"cy\">"));
    assert!(
        page.contains("Term 0 yn Gymraeg"),
        "the Welsh names are shown"
    );
    // The anchors are the English names', as links from other pages use them.
    assert!(page.contains("id=\"term-no-fixed-abode\""), "{page}");
    assert!(page.contains("id=\"term-action-plan\""));
    // A see-also (it names terms in English) still links to its term, by the Welsh name.
    let see_also = page
        .split("class=\"see-also\"")
        .nth(1)
        .expect("a see-also line");
    let link = see_also.split("</p>").next().unwrap();
    assert!(
        link.contains("href=\"#term-") && link.contains("yn Gymraeg"),
        "{link}"
    );
}

/// A link in a translation's body is checked against its language's site, and a broken
/// one is an error at its line in the translation.
#[test]
fn a_broken_link_in_a_translation_is_found_at_its_line() {
    let site = bilingual_fixture();
    let file = site.path().join("content/tiers/low.cy.md");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nGweler [y dudalen](/dim-yma/) a [cymorth uchel](high.md#dim-pennawd).\n");
    std::fs::write(&file, &text).unwrap();
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 1, "{json}");
    let errors = common::errors(&json);
    assert_eq!(errors.len(), 2, "{json}");
    let line = text.lines().count() as u64;
    for (e, expected) in errors.iter().zip(["broken-link", "broken-anchor"]) {
        assert_eq!(e["file"], "content/tiers/low.cy.md", "{json}");
        assert_eq!(e["code"], expected, "{json}");
        assert_eq!(e["line"].as_u64(), Some(line), "{json}");
    }
}

/// A term's `id` (which a translated glossary keeps) must be able to stand in an address,
/// and a see-also may name a term by it.
#[test]
fn a_term_id_is_checked_and_found() {
    let site = common::fixture(None);
    let file = site.path().join("content/glossary.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let with_id = text.replacen(
        "  - term: Duty to Refer\n",
        "  - term: Duty to Refer\n    id: duty-to-refer\n",
        1,
    );
    let named_by_id = with_id.replace("see_also: [Duty to Refer]", "see_also: [duty-to-refer]");
    assert_ne!(named_by_id, text);
    std::fs::write(&file, &named_by_id).unwrap();
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 0, "{json}");
    std::fs::write(
        &file,
        with_id.replace("id: duty-to-refer", "id: Duty To Refer"),
    )
    .unwrap();
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 1, "{json}");
    let errors = common::errors(&json);
    assert_eq!(errors[0]["code"], "invalid-slug", "{json}");
    assert_eq!(errors[0]["line"].as_u64(), Some(8), "{json}");
    assert!(
        errors[0]["help"]
            .as_str()
            .unwrap()
            .contains("`duty-to-refer`"),
        "{json}"
    );
}
