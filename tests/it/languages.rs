//! The site's languages: translations beside the files they translate are found, checked
//! and counted for editors.

use crate::common::{self, signpost};

/// The fixture with Welsh listed after English, and the low tier translated.
fn bilingual_fixture() -> tempfile::TempDir {
    let site = common::fixture(None);
    let config = site.path().join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[[languages]]\ncode = \"en\"\ntitle = \"English\"\n\n[[languages]]\ncode = \"cy\"\ntitle = \"Cymraeg\"\n");
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
