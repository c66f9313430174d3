//! Each invalid fixture produces the right diagnostic at the right place, with help.

use crate::common;

use crate::common::{check_json, fixture};
use signpost::diagnostic::{Code, Severity};

struct Case {
    fixture: &'static str,
    code: &'static str,
    file: &'static str,
    line: u64,
    column: u64,
    message: &'static str,
    /// `None`: no help line; `Some(text)`: the help contains `text`.
    help: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        fixture: "chooser-names",
        code: "unknown-next",
        file: "content/chooser.yaml",
        line: 8,
        column: 32,
        message: "leads to `hihg`, which is no question or outcome",
        help: Some("did you mean `high`?"),
    },
    Case {
        fixture: "chooser-names",
        code: "dead-end",
        file: "content/chooser.yaml",
        line: 10,
        column: 9,
        message: "question `empty` has no answers",
        help: Some("add answers"),
    },
    Case {
        fixture: "chooser-routes",
        code: "cycle",
        file: "content/chooser.yaml",
        line: 13,
        column: 32,
        message: "leads back to `first`",
        help: Some("lead to a later question or to an outcome"),
    },
    Case {
        fixture: "chooser-routes",
        code: "unreachable",
        file: "content/chooser.yaml",
        line: 15,
        column: 9,
        message: "no answer leads to `orphan`",
        help: Some("add an answer with `next: orphan`"),
    },
    Case {
        fixture: "planner",
        code: "unknown-reference",
        file: "content/planner.yaml",
        line: 8,
        column: 14,
        message: "unknown service `low-suport`",
        help: Some("did you mean `low-support`?"),
    },
    Case {
        fixture: "planner",
        code: "invalid-timing",
        file: "content/planner.yaml",
        line: 11,
        column: 66,
        message: "`max: 5` is less than `min: 10`",
        help: Some("swap min and max"),
    },
    Case {
        fixture: "planner",
        code: "invalid-timing",
        file: "content/planner.yaml",
        line: 15,
        column: 55,
        message: "`max: 100000` days is more than ten years",
        help: Some("at most 3660 days"),
    },
    Case {
        fixture: "planner",
        code: "cycle",
        file: "content/planner.yaml",
        line: 7,
        column: 12,
        message: "assessment counts, through other service levels, from itself",
        help: Some("count from an event the reader enters"),
    },
    Case {
        fixture: "planner",
        code: "unknown-division",
        file: "content/bank-holidays.yaml",
        line: 1,
        column: 11,
        message: "`england-and-wale` is not one of GOV.UK's divisions",
        help: Some("did you mean `england-and-wales`?"),
    },
    Case {
        fixture: "planner",
        code: "duplicate-id",
        file: "content/bank-holidays.yaml",
        line: 4,
        column: 13,
        message: "bank holiday date `2027-03-26` is used twice",
        help: Some("already on line 3"),
    },
    Case {
        fixture: "page-on-bundle",
        code: "duplicate-url",
        file: "content/pages/pagefind.md",
        line: 0,
        column: 0,
        message: "`/pagefind/` is a page the site builds itself",
        help: Some("rename the file"),
    },
    Case {
        fixture: "invalid-type",
        code: "invalid-type",
        file: "content/guidance/list-title.md",
        line: 2,
        column: 8,
        message: "title: invalid type: sequence, expected a string",
        help: Some("a list needs `[a, b]`"),
    },
    Case {
        fixture: "unknown-tier",
        code: "unknown-value",
        file: "content/offers/bad.md",
        line: 3,
        column: 7,
        message: "unknown variant `meduim`",
        help: Some("did you mean `medium`?"),
    },
    Case {
        fixture: "unknown-field",
        code: "unknown-field",
        file: "content/partners/bad.md",
        line: 8,
        column: 5,
        message: "unknown field `verifed`",
        help: Some("did you mean `verified`?"),
    },
    Case {
        fixture: "missing-field",
        code: "missing-field",
        file: "content/guidance/bad.md",
        line: 2,
        column: 1,
        message: "missing field `audience`",
        help: Some("add `audience: …`"),
    },
    Case {
        fixture: "invalid-date",
        code: "invalid-date",
        file: "content/guidance/bad.md",
        line: 5,
        column: 11,
        message: "`2025-02-29` is not a real date",
        help: None,
    },
    Case {
        fixture: "yaml-syntax",
        code: "yaml-syntax",
        file: "content/guidance/bad.md",
        line: 4,
        column: 11,
        message: "mapping values are not allowed",
        help: Some("indentation"),
    },
    Case {
        fixture: "unclosed-front-matter",
        code: "front-matter",
        file: "content/guidance/bad.md",
        line: 1,
        column: 1,
        message: "never closed",
        help: Some("`---`"),
    },
    Case {
        fixture: "unknown-partner",
        code: "unknown-reference",
        file: "content/offers/bad.md",
        line: 4,
        column: 11,
        message: "unknown partner `suport-provider`",
        help: Some("did you mean `support-provider`?"),
    },
    Case {
        fixture: "unknown-step",
        code: "unknown-reference",
        file: "content/protocols/bad.yaml",
        line: 9,
        column: 20,
        message: "unknown partner `housing-option`",
        help: Some("did you mean `housing-options`?"),
    },
    Case {
        fixture: "unknown-step",
        code: "unknown-reference",
        file: "content/protocols/bad.yaml",
        line: 11,
        column: 41,
        message: "unknown step `secnd`",
        help: Some("did you mean `second`?"),
    },
    Case {
        fixture: "unknown-next",
        code: "unknown-reference",
        file: "content/protocols/bad.yaml",
        line: 9,
        column: 15,
        message: "`next` goes to unknown step `secnd`",
        help: Some("did you mean `second`?"),
    },
    Case {
        fixture: "protocol-flow",
        code: "contradicts-branch",
        file: "content/protocols/bad.yaml",
        line: 9,
        column: 15,
        message: "`next: second` leads where the branch \"If so\" leads",
        help: Some("remove it"),
    },
    Case {
        fixture: "protocol-flow",
        code: "unreachable",
        file: "content/protocols/bad.yaml",
        line: 15,
        column: 13,
        message: "no pathway start, `next` or branch leads to step `orphan`",
        help: Some("start a pathway at its stage with `pathway: <name>`"),
    },
    Case {
        fixture: "protocol-flow",
        code: "no-end",
        file: "content/protocols/bad.yaml",
        line: 21,
        column: 13,
        message: "from step `round`, pathway `loop` never reaches an end",
        help: Some("add `next: end`"),
    },
    Case {
        fixture: "invalid-timing",
        code: "invalid-timing",
        file: "content/protocols/bad.yaml",
        line: 9,
        column: 68,
        message: "`max: 14` is less than `min: 28`",
        help: Some("swap"),
    },
    Case {
        fixture: "unknown-anchor-value",
        code: "unknown-value",
        file: "content/protocols/bad.yaml",
        line: 9,
        column: 27,
        message: "unknown variant `relase`",
        help: Some("did you mean `release`?"),
    },
    Case {
        fixture: "duplicate-id",
        code: "duplicate-id",
        file: "content/protocols/bad.yaml",
        line: 9,
        column: 13,
        message: "step id `same` is used twice",
        help: Some("first used on line 7"),
    },
    Case {
        fixture: "broken-link",
        code: "broken-link",
        file: "content/guidance/bad.md",
        line: 8,
        column: 5,
        message: "no content/guidance/duty-to-refr.md",
        help: Some("did you mean `duty-to-refer.md`?"),
    },
    Case {
        fixture: "broken-anchor",
        code: "broken-anchor",
        file: "content/guidance/bad.md",
        line: 6,
        column: 5,
        message: "`#who-to-aks` is not an anchor on /guidance/get-help/",
        help: Some("did you mean `who-to-ask`?"),
    },
    Case {
        fixture: "see-also",
        code: "unknown-reference",
        file: "content/glossary.yaml",
        line: 5,
        column: 16,
        message: "unknown term `Duty to Refr`",
        help: Some("did you mean `Duty to Refer`?"),
    },
    Case {
        fixture: "duplicate-url",
        code: "duplicate-url",
        file: "content/pages/offers.md",
        line: 0,
        column: 0,
        message: "`/offers/` is a page the site builds itself",
        help: Some("rename"),
    },
    Case {
        fixture: "tier-mismatch",
        code: "tier-mismatch",
        file: "content/tiers/low.md",
        line: 2,
        column: 7,
        message: "this file is `low` but says `tier: high`",
        help: Some("rename the file"),
    },
    Case {
        fixture: "template-error",
        code: "template",
        file: "content/guidance/duty-to-refer.md",
        line: 0,
        column: 0,
        message:
            "template `guidance.html` failed while rendering content/guidance/duty-to-refer.md",
        help: Some("fix `guidance.html` in the theme"),
    },
    Case {
        fixture: "empty-contact",
        code: "empty-contact",
        file: "content/partners/bad.yaml",
        line: 5,
        column: 5,
        message: "gives no way to reach it",
        help: Some("add a phone"),
    },
    // A script address where a contact's web address belongs is refused, not linked.
    Case {
        fixture: "javascript-url",
        code: "invalid-url",
        file: "content/partners/bad.yaml",
        line: 6,
        column: 10,
        message: "`javascript:alert(document.cookie)` is not a web address",
        help: Some("starting with https://"),
    },
    // Open Referral ids kept from an imported feed: a UUID each, given once (in any case).
    Case {
        fixture: "openreferral-ids",
        code: "invalid-id",
        file: "content/offers/bad-id.md",
        line: 10,
        column: 18,
        message: "`service-42` is not a UUID",
        help: Some("remove the line for one made from the file name"),
    },
    // A draft without a field its kind needs waits, with a warning, instead of failing.
    Case {
        fixture: "openreferral-ids",
        code: "incomplete-draft",
        file: "content/offers/half-written.md",
        line: 3,
        column: 1,
        message: "this draft is left out until it is complete: missing field `tier`",
        help: Some("then remove `draft: true` to publish it"),
    },
    Case {
        fixture: "openreferral-ids",
        code: "duplicate-id",
        file: "content/partners/kept-id.yaml",
        line: 9,
        column: 18,
        message: "content/offers/kept-id.md already has the Open Referral id",
        help: Some("give each record its own id"),
    },
    // Translations: in a language site.toml lists, beside a file that is there.
    Case {
        fixture: "languages",
        code: "translation-without-source",
        file: "content/offers/gone.cy.md",
        line: 0,
        column: 0,
        message: "this translates content/offers/gone.md, which is not there",
        help: Some("name a translation after the file it translates"),
    },
    // A translation gives words, and takes the structure from the file it translates.
    Case {
        fixture: "languages",
        code: "translation-disagrees",
        file: "content/offers/low-support.cy.md",
        line: 3,
        column: 7,
        message: "`tier` is `high` here but `low` in content/offers/low-support.md",
        help: Some("remove it here, or change it there"),
    },
    Case {
        fixture: "languages",
        code: "translation-disagrees",
        file: "content/offers/low-support.cy.md",
        line: 5,
        column: 10,
        message: "`support` should be a list of texts",
        help: Some("translate each item"),
    },
    Case {
        fixture: "languages",
        code: "translation-incomplete",
        file: "content/offers/low-support.cy.md",
        line: 1,
        column: 1,
        message: "`eligibility.cohorts`, `how_to_refer`, `contacts[0].role`, `contacts[0].hours`, `owner` not translated yet",
        help: Some("translate each of them here"),
    },
    Case {
        fixture: "languages",
        code: "translation-out-of-date",
        file: "content/partners/housing-options.cy.yaml",
        line: 6,
        column: 11,
        message: "it was reviewed on 2026-10-01, content/partners/housing-options.yaml on 2026-11-01",
        help: Some("then set `reviewed` to today"),
    },
    Case {
        fixture: "languages",
        code: "translation-needs-review",
        file: "content/partners/housing-options.cy.yaml",
        line: 8,
        column: 15,
        message: "has not been checked by a speaker of Cymraeg yet",
        help: Some("remove `needs_review: true`"),
    },
    Case {
        fixture: "languages",
        code: "unknown-language",
        file: "content/guidance/duty-to-refer.fr.md",
        line: 0,
        column: 0,
        message: "into `fr`, which site.toml does not list",
        help: Some("the site's other languages are cy"),
    },
    Case {
        fixture: "language-config",
        code: "invalid-language",
        file: "site.toml",
        line: 15,
        column: 8,
        message: "language code `welsh` is not two or three lower-case letters",
        help: Some("code = \"cy\""),
    },
    Case {
        fixture: "record-problems",
        code: "future-date",
        file: "content/guidance/future.md",
        line: 5,
        column: 11,
        message: "reviewed date 2027-01-01 is in the future",
        help: Some("the date the page was last checked"),
    },
    Case {
        fixture: "record-problems",
        code: "invalid-slug",
        file: "content/guidance/Ünïcode file (copy).md",
        line: 0,
        column: 0,
        message: "`Ünïcode file (copy)` cannot be part of a web address",
        help: Some("rename the file to `unicode-file-copy`"),
    },
    Case {
        fixture: "record-problems",
        code: "stray-file",
        file: "content/notes.md",
        line: 0,
        column: 0,
        message: "not part of any content kind",
        help: Some("move it into content/tiers/, offers/, partners/"),
    },
    Case {
        fixture: "record-problems",
        code: "draft-reference",
        file: "content/offers/ages.md",
        line: 4,
        column: 11,
        message: "partner `drafty` is a draft and is not published",
        help: Some("remove `draft: true`"),
    },
    Case {
        fixture: "record-problems",
        code: "invalid-range",
        file: "content/offers/ages.md",
        line: 8,
        column: 12,
        message: "age_max 18 is below age_min 25",
        help: Some("swap the two ages"),
    },
    Case {
        fixture: "record-problems",
        code: "invalid-phone",
        file: "content/partners/contacts.yaml",
        line: 7,
        column: 12,
        message: "`12` is not a phone number",
        help: Some("0300 123 4567"),
    },
    Case {
        fixture: "record-problems",
        code: "invalid-email",
        file: "content/partners/contacts.yaml",
        line: 8,
        column: 12,
        message: "`not-an-address` is not an email address",
        help: Some("team@example.gov.uk"),
    },
    Case {
        fixture: "record-problems",
        code: "invalid-url",
        file: "content/partners/contacts.yaml",
        line: 9,
        column: 10,
        message: "`javascript:alert(1)` is not a web address",
        help: Some("starting with https://"),
    },
    Case {
        fixture: "record-problems",
        code: "empty",
        file: "content/partners/empty.yaml",
        line: 1,
        column: 1,
        message: "the file has no fields",
        help: Some("docs/content-format.md"),
    },
    Case {
        fixture: "chooser-answers",
        code: "unknown-question",
        file: "content/chooser.yaml",
        line: 3,
        column: 8,
        message: "the chooser starts at `housnig`, which is not a question",
        help: Some("did you mean `housing`?"),
    },
    Case {
        fixture: "chooser-answers",
        code: "duplicate-answer",
        file: "content/chooser.yaml",
        line: 9,
        column: 19,
        message: "question `housing` has this answer twice",
        help: Some("word each answer differently"),
    },
    Case {
        fixture: "chooser-too-many",
        code: "too-many-routes",
        file: "content/chooser.yaml",
        line: 3,
        column: 8,
        message: "the questions make more than 500 different routes",
        help: Some("lead more answers straight to an outcome"),
    },
    Case {
        fixture: "holidays",
        code: "bank-holidays-ending",
        file: "content/bank-holidays.yaml",
        line: 3,
        column: 3,
        message: "the bank holidays end on 2027-03-27, less than a year from today",
        help: Some("add next year's"),
    },
    Case {
        fixture: "holidays",
        code: "weekend-holiday",
        file: "content/bank-holidays.yaml",
        line: 4,
        column: 13,
        message: "2027-03-27 (A Saturday) falls on a weekend",
        help: Some("substitute day"),
    },
    Case {
        fixture: "planner-no-holidays",
        code: "no-bank-holidays",
        file: "content/planner.yaml",
        line: 1,
        column: 8,
        message: "the planner counts working days, but there is no list of bank holidays",
        help: Some("add content/bank-holidays.yaml"),
    },
    Case {
        fixture: "protocol-flow",
        code: "invalid-id",
        file: "content/protocols/odd.yaml",
        line: 7,
        column: 13,
        message: "`First_Step` cannot be used in a web address",
        help: Some("`first-step`"),
    },
    Case {
        fixture: "protocol-flow",
        code: "empty-stage",
        file: "content/protocols/odd.yaml",
        line: 9,
        column: 9,
        message: "stage `later` has no steps",
        help: Some("add its steps, or remove the stage"),
    },
];

#[test]
fn every_invalid_fixture_reports_its_problem_at_the_right_place() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = fixture(Some(case.fixture));
        let (code, json) = check_json(site.path());
        // An error fails the check with its exit class; a warning alone does not.
        let registered = Code::ALL.iter().find(|c| c.name() == case.code);
        let Some(registered) = registered else {
            failures.push(format!(
                "{}: `{}` is not a registered code",
                case.fixture, case.code
            ));
            continue;
        };
        if registered.severity() == Severity::Error && code != 1 {
            failures.push(format!("{}: exit code {code}, expected 1", case.fixture));
        }
        let diags = json["diagnostics"].as_array().cloned().unwrap_or_default();
        let found = diags.iter().find(|d| {
            d["code"] == case.code
                && d["file"] == case.file
                && d["message"].as_str().unwrap_or("").contains(case.message)
        });
        match found {
            None => failures.push(format!(
                "{}: no `{}` diagnostic in {} with message {:?}; got {:#}",
                case.fixture, case.code, case.file, case.message, json["diagnostics"]
            )),
            Some(d) => {
                let at = (
                    d["line"].as_u64().unwrap_or(0),
                    d["column"].as_u64().unwrap_or(0),
                );
                if at != (case.line, case.column) {
                    failures.push(format!(
                        "{}: at {:?}, expected {:?}: {d:#}",
                        case.fixture,
                        at,
                        (case.line, case.column)
                    ));
                }
                let help = d["help"].as_str();
                let ok = match (case.help, help) {
                    (None, None) => true,
                    (Some(want), Some(got)) => got.contains(want),
                    _ => false,
                };
                if !ok {
                    failures.push(format!(
                        "{}: help {help:?}, expected {:?}",
                        case.fixture, case.help
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_errors_of_a_broken_site_are_reported_in_one_run() {
    let site = fixture(Some("unknown-tier"));
    for name in ["broken-link", "unknown-step", "see-also", "invalid-date"] {
        common::copy_dir(
            &common::repo().join("tests/fixtures/invalid").join(name),
            site.path(),
        );
    }
    let (code, json) = check_json(site.path());
    assert_eq!(code, 1);
    let files: std::collections::BTreeSet<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["file"].as_str())
        .collect();
    // invalid-date and broken-link both write content/guidance/bad.md; the later one wins.
    for f in [
        "content/offers/bad.md",
        "content/protocols/bad.yaml",
        "content/glossary.yaml",
        "content/guidance/bad.md",
    ] {
        assert!(files.contains(f), "no error for {f}: {files:?}");
    }
    assert!(json["errors"].as_u64().unwrap() >= 5, "{json:#}");
}

#[test]
fn human_output_shows_the_line_and_a_caret() {
    let site = fixture(Some("unknown-tier"));
    let out = common::signpost(&["check"], site.path());
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("--> content/offers/bad.md:3:7"), "{text}");
    assert!(
        text.contains("3 | tier: meduim\n  |       ^^^^^^"),
        "{text}"
    );
    assert!(text.contains("did you mean `medium`?"), "{text}");
}

#[test]
fn review_and_verification_warnings_do_not_fail_the_build() {
    let site = fixture(None);
    let path = site.path().join("content/partners/housing-options.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace("    verified: 2026-10-01\n", "")
        .replace("review_by: 2027-05-01", "review_by: 2026-11-02");
    std::fs::write(&path, text).unwrap();
    let (code, json) = check_json(site.path());
    assert_eq!(code, 0, "{json:#}");
    let codes = common::codes(&json);
    assert!(codes.contains(&"unverified-contact"), "{codes:?}");
    assert!(codes.contains(&"review-overdue"), "{codes:?}");
}

#[test]
fn oversized_and_non_utf8_files_are_named() {
    let site = fixture(None);
    std::fs::write(
        site.path().join("content/guidance/big.md"),
        vec![b'a'; 2 * 1024 * 1024 + 1],
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/guidance/latin1.md"),
        b"---\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    let (code, json) = check_json(site.path());
    assert_eq!(code, 1);
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "too-large" && d["file"] == "content/guidance/big.md"),
        "{json:#}"
    );
    let utf = diags
        .iter()
        .find(|d| d["code"] == "invalid-utf8")
        .expect("utf-8 diagnostic");
    assert_eq!(
        (
            utf["file"].as_str(),
            utf["line"].as_u64(),
            utf["column"].as_u64()
        ),
        (Some("content/guidance/latin1.md"), Some(2), Some(11))
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_content_and_link_loops_are_diagnostics_not_hangs() {
    let site = fixture(None);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: x\n---\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("content/guidance/outside"))
        .unwrap();
    std::os::unix::fs::symlink(
        site.path().join("content/pages"),
        site.path().join("content/pages/loop"),
    )
    .unwrap();
    let (code, json) = check_json(site.path());
    assert_eq!(code, 1, "{json:#}");
    let codes = common::codes(&json);
    assert!(codes.contains(&"link-outside"), "{codes:?}");
    assert!(codes.contains(&"link-loop"), "{codes:?}");
}

#[test]
fn participant_pages_above_their_reading_level_are_warned_about_at_the_hardest_passage() {
    let site = fixture(Some("reading-level"));
    let (code, json) = check_json(site.path());
    assert_eq!(
        code, 0,
        "a reading-level warning does not fail the build: {json:#}"
    );
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "reading-level")
        .unwrap_or_else(|| panic!("no reading-level warning: {json:#}"));
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "content/guidance/dense.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(1)),
        "{d:#}"
    );
    assert!(
        d["message"].as_str().unwrap().contains("the limit is 5.0"),
        "{d:#}"
    );
    let score = json["readability"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"] == "content/guidance/dense.md")
        .unwrap();
    assert!(score["grade"].as_f64().unwrap() > 5.0, "{score:#}");
}

/// Problems with how Signpost was run, not with the content: each is reported with its code
/// and ends the check with exit code 2.
#[test]
fn setup_problems_have_their_codes_and_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let no_content = tempfile::tempdir().unwrap();
    std::fs::write(
        no_content.path().join("site.toml"),
        "title = \"T\"\ndescription = \"D\"\nbase_url = \"https://example.org\"\n",
    )
    .unwrap();
    let no_theme = fixture(None);
    let config = no_theme.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("theme = \"missing\"\n{text}")).unwrap();
    for (root, want) in [
        (empty.path(), "no-config"),
        (no_content.path(), "no-content"),
        (no_theme.path(), "no-theme"),
    ] {
        let out = common::signpost(&["check", "--format", "json"], root);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{want}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        let codes = common::codes(&json);
        assert!(codes.contains(&want), "{want}: {codes:?}");
        assert_eq!(out.status.code(), Some(2), "{want}");
    }
}

/// What a fixture (which only adds files) cannot show: a missing file, a dangling link.
#[test]
fn missing_tier_pages_and_dangling_links_are_reported() {
    let site = fixture(None);
    std::fs::remove_file(site.path().join("content/tiers/high.md")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        "nowhere.md",
        site.path().join("content/guidance/dangling.md"),
    )
    .unwrap();
    let (code, json) = check_json(site.path());
    assert_eq!(code, 1);
    let diags = json["diagnostics"].as_array().unwrap();
    let find = |code: &str| diags.iter().find(|d| d["code"] == code);
    let tier = find("missing-tier").expect("missing-tier");
    assert_eq!(tier["file"], "content/tiers/high.md");
    assert_eq!(tier["message"], "the high tier has no page");
    #[cfg(unix)]
    {
        let link = find("broken-file-link").expect("broken-file-link");
        assert_eq!(link["file"], "content/guidance/dangling.md");
        assert!(link["help"].as_str().unwrap().contains("remove the link"));
    }
}

/// Codes asserted by a test of their own rather than a fixture in `CASES` (the test must
/// name the code; these do).
const OWN_TESTS: &[(&str, &str)] = &[
    ("no-config", "setup_problems_have_their_codes_and_exit_2"),
    ("no-content", "setup_problems_have_their_codes_and_exit_2"),
    ("no-theme", "setup_problems_have_their_codes_and_exit_2"),
    (
        "missing-tier",
        "missing_tier_pages_and_dangling_links_are_reported",
    ),
    (
        "broken-file-link",
        "missing_tier_pages_and_dangling_links_are_reported",
    ),
    ("invalid-utf8", "oversized_and_non_utf8_files_are_named"),
    ("too-large", "oversized_and_non_utf8_files_are_named"),
    (
        "link-loop",
        "links_out_of_content_and_link_loops_are_diagnostics_not_hangs",
    ),
    (
        "link-outside",
        "links_out_of_content_and_link_loops_are_diagnostics_not_hangs",
    ),
    (
        "review-overdue",
        "review_and_verification_warnings_do_not_fail_the_build",
    ),
    (
        "unverified-contact",
        "review_and_verification_warnings_do_not_fail_the_build",
    ),
    (
        "reading-level",
        "participant_pages_above_their_reading_level_are_warned_about_at_the_hardest_passage",
    ),
];

/// Codes that no content or way of running Signpost in a test can bring about, with why.
const UNREACHABLE_IN_TESTS: &[(&str, &str)] = &[
    (
        "internal",
        "a bug in Signpost: the preview server reports it instead of panicking",
    ),
    (
        "io",
        "a file that cannot be read or written: tests may run as root, who can read anything",
    ),
];

/// Every registered code is reported somewhere in the source and asserted by a test: a
/// fixture in the table above, or (for the setup codes) a test of its own.
#[test]
fn every_code_is_emitted_and_asserted() {
    let src = common::repo().join("src");
    let mut source = String::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("diagnostic/code.rs") {
            let text = std::fs::read_to_string(path).unwrap();
            source.push_str(text.split("#[cfg(test)]").next().unwrap_or(""));
        }
    }
    let tests = std::fs::read_to_string(common::repo().join("tests/it/diagnostics.rs")).unwrap();
    let mut problems = Vec::new();
    for code in Code::ALL {
        if !source.contains(&format!("Code::{code:?}")) {
            problems.push(format!(
                "`{code}` is reported nowhere: remove it from the registry"
            ));
        }
        let fixture = CASES.iter().any(|c| c.code == code.name());
        let own_test = OWN_TESTS
            .iter()
            .any(|(name, test)| *name == code.name() && tests.contains(&format!("fn {test}()")));
        let exempt = UNREACHABLE_IN_TESTS
            .iter()
            .any(|(name, _)| *name == code.name());
        if !(fixture || own_test || exempt) {
            problems.push(format!(
                "`{code}` is asserted by no test: add a fixture to CASES"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A broken template of the site's own is reported at that file: a syntax error, and a
/// parent or macro file that does not exist. The build stops with exit 1 before writing.
#[test]
fn a_broken_site_template_is_reported_at_its_file() {
    let site = common::fixture(None);
    let root = site.path();
    let templates = root.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}\n{% block content %}{{ body_html | safe }{% endblock content %}\n",
    )
    .unwrap();
    std::fs::write(
        templates.join("guidance.html"),
        "{% extends \"bsae.html\" %}\n{% block content %}{% endblock content %}\n",
    )
    .unwrap();
    let (code, json) = common::check_json(root);
    assert_eq!(code, 1);
    let errors = common::errors(&json);
    let at = |file: &str| {
        errors
            .iter()
            .find(|e| e["file"] == file)
            .unwrap_or_else(|| panic!("no error at {file}: {json}"))
    };
    assert_eq!(at("templates/page.html")["code"], "template");
    let missing = at("templates/guidance.html");
    assert!(
        missing["message"].as_str().unwrap().contains("`bsae.html`"),
        "{missing}"
    );
    assert_eq!(errors.len(), 2, "{json}");
    assert!(!root.join("public").exists());
}

/// Every problem a check finds in the file it parsed is placed at the node it names: a
/// validator's path with a typo (`contacts[0].emial`) would point at the parent node
/// instead, a line or a whole list away. Every fixture, the valid one included, is
/// checked with the debug build's path check on (`source::CHECK_PATHS`). Checked: the typo
/// above in `validate/contacts.rs` fails this test on `record-problems`.
#[test]
fn every_reported_path_names_a_node_of_its_file() {
    let fixtures = common::repo().join("tests/fixtures/invalid");
    let mut names: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 30, "{names:?}");
    let mut problems = Vec::new();
    let mut reported = 0;
    let sites = names
        .iter()
        .map(|n| (n.clone(), fixture(Some(n))))
        .chain([("valid".to_string(), fixture(None))]);
    for (name, site) in sites {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["check", "--format", "json", "--root"])
            .arg(site.path())
            .env("SIGNPOST_TODAY", "2026-11-20")
            .env(signpost::source::CHECK_PATHS, "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        problems.extend(
            stderr
                .lines()
                .filter(|l| l.starts_with(signpost::source::CHECK_PATHS))
                .map(|l| format!("{name}: {l}")),
        );
        reported += String::from_utf8_lossy(&out.stdout)
            .matches("\"code\"")
            .count();
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The fixtures do report problems, so the paths were looked up.
    assert!(reported > 50, "{reported}");
}

/// Every invalid fixture is asserted by a case above or named by a test of its own: a
/// fixture nothing checks only looks like coverage (`javascript-url` was such a one).
#[test]
fn every_invalid_fixture_is_asserted() {
    let dir = common::repo().join("tests/fixtures/invalid");
    let mut tests = String::new();
    for entry in std::fs::read_dir(common::repo().join("tests/it")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            tests.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    let mut unused = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let in_cases = CASES.iter().any(|c| c.fixture == name);
        let named = tests.contains(&format!("fixture(Some(\"{name}\"))"));
        if !in_cases && !named {
            unused.push(name);
        }
    }
    assert!(unused.is_empty(), "fixtures no test asserts: {unused:?}");
}
