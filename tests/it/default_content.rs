//! The default content (the real accommodation directory) checks clean and builds.

use crate::common;

#[test]
fn default_content_has_no_errors() {
    let (code, json) = common::check_json(&common::repo());
    let errors = common::errors(&json);
    assert_eq!(code, 0, "{errors:#?}");
    assert!(json["pages"].as_u64().unwrap() >= 40, "{}", json["pages"]);
}

/// Emails, phone numbers and the names of people that appear in the seed documents.
fn personal_details_in_seeds() -> Vec<String> {
    let seeds = common::repo().join("../shared/seeds");
    let mut found = Vec::new();
    let Ok(dir) = std::fs::read_dir(&seeds) else {
        return found;
    };
    for entry in dir.filter_map(Result::ok) {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for token in text.split(|c: char| c.is_whitespace() || "()<>,;\"'".contains(c)) {
            let token = token.trim_end_matches(|c: char| !c.is_alphanumeric());
            let token = token.trim_start_matches(|c: char| !c.is_alphanumeric());
            let token = token.strip_prefix("mailto:").unwrap_or(token);
            if let Some((local, domain)) = token.split_once('@') {
                if domain.contains('.') && !local.is_empty() {
                    found.push(token.to_lowercase());
                    // First.Last@… is a person's name.
                    if let Some((first, last)) = local.split_once('.') {
                        let last = last.trim_end_matches(|c: char| c.is_ascii_digit());
                        if first.len() > 1 && last.len() > 1 {
                            found.push(format!("{first} {last}").to_lowercase());
                        }
                    }
                }
            }
        }
        // UK phone numbers: 0 followed by 9 or 10 more digits, spaces (also no-break) allowed.
        let digits: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < digits.len() {
            if digits[i] == '0' && (i == 0 || !digits[i - 1].is_ascii_digit()) {
                let mut number = String::new();
                let mut j = i;
                while j < digits.len()
                    && (digits[j].is_ascii_digit() || digits[j] == ' ' || digits[j] == '\u{a0}')
                    && number.len() < 11
                {
                    if digits[j].is_ascii_digit() {
                        number.push(digits[j]);
                    }
                    j += 1;
                }
                if number.len() >= 10 {
                    found.push(number);
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
        // Named contacts in the documents ("Ruth Power, Project Manager").
        for line in text.lines() {
            if let Some((name, role)) = line.split_once(", ") {
                let words: Vec<&str> = name.split_whitespace().collect();
                if words.len() == 2
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                    && role.contains("Manager")
                {
                    found.push(name.to_lowercase());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The personal details of the seed documents, kept as SHA-1 digests so that the check
/// runs in a clone without `../shared/seeds` (the documents are public; these are digests
/// of their emails, phone numbers and named contacts, lower-cased).
const SEED_DETAILS: &str = "tests/fixtures/seed-details.sha1";

/// A detail's kind: `email` and `name` are looked for in a file's lower-cased text,
/// `digits` in its digits alone (phone numbers written with spaces).
fn kind_of(detail: &str) -> &'static str {
    if detail.contains('@') {
        "email"
    } else if detail.chars().all(|c| c.is_ascii_digit()) {
        "digits"
    } else {
        "name"
    }
}

/// The fixture's lines, `kind length digest`, sorted.
fn digest_lines(details: &[String]) -> String {
    use sha1::{Digest, Sha1};
    let mut lines: Vec<String> = details
        .iter()
        .map(|d| {
            let digest = Sha1::digest(d.as_bytes());
            format!("{} {} {digest:x}", kind_of(d), d.len())
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines.join("\n") + "\n"
}

type Digests = std::collections::BTreeSet<(usize, [u8; 20])>;

/// Whether any window of `text` has one of `digests` (of its length).
fn holds_any(text: &[u8], digests: &Digests) -> bool {
    use sha1::{Digest, Sha1};
    let lengths: std::collections::BTreeSet<usize> = digests.iter().map(|(l, _)| *l).collect();
    lengths.iter().any(|&len| {
        text.windows(len)
            .any(|w| digests.contains(&(len, Sha1::digest(w).into())))
    })
}

fn hex(digest: &str) -> [u8; 20] {
    let mut out = [0u8; 20];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&digest[i * 2..i * 2 + 2], 16).unwrap();
    }
    out
}

/// No email, phone number or named person of the seed documents is in `content/`. With
/// the documents beside the project, the digests are checked against them first (run
/// `UPDATE_SEEDS=1 cargo test personal` after they change). Checked: a seed document's
/// email pasted into a partner's page fails it, with and without the documents beside
/// the project.
#[test]
fn no_personal_names_emails_or_phone_numbers_from_the_documents() {
    let path = common::repo().join(SEED_DETAILS);
    let mut stored = std::fs::read_to_string(&path).unwrap_or_default();
    let details = personal_details_in_seeds();
    if !details.is_empty() {
        let made = digest_lines(&details);
        if made != stored {
            assert!(
                std::env::var_os("UPDATE_SEEDS").is_some(),
                "{SEED_DETAILS} is not what ../shared/seeds holds: run UPDATE_SEEDS=1 cargo test personal"
            );
            std::fs::write(&path, &made).unwrap();
            stored = made;
        }
    }
    let mut by_kind: std::collections::BTreeMap<&str, Digests> = Default::default();
    for line in stored.lines() {
        let mut parts = line.split(' ');
        let (Some(kind), Some(len), Some(digest)) = (parts.next(), parts.next(), parts.next())
        else {
            panic!("{SEED_DETAILS}: `{line}` is not `kind length digest`");
        };
        by_kind
            .entry(kind)
            .or_default()
            .insert((len.parse().unwrap(), hex(digest)));
    }
    // Each kind is there, or the check below would prove nothing.
    for kind in ["email", "name", "digits"] {
        assert!(
            by_kind.get(kind).is_some_and(|d| !d.is_empty()),
            "{SEED_DETAILS} has no {kind}"
        );
    }
    let mut leaks = Vec::new();
    for entry in walkdir::WalkDir::new(common::repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read_to_string(entry.path())
            .unwrap_or_default()
            .to_lowercase();
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        for (kind, digests) in &by_kind {
            let haystack = if *kind == "digits" { &digits } else { &text };
            if holds_any(haystack.as_bytes(), digests) {
                leaks.push(format!("{}: {kind}", entry.path().display()));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "personal details from the documents in content/: {leaks:#?}"
    );
}

#[test]
fn participant_pages_meet_their_reading_level_and_scores_are_printed() {
    let (_, json) = common::check_json(&common::repo());
    let scores = json["readability"].as_array().unwrap();
    let participant: Vec<_> = scores
        .iter()
        .filter(|s| s["audience"] == "participant")
        .collect();
    assert!(participant.len() >= 4, "{participant:?}");
    for s in &participant {
        let (grade, limit) = (s["grade"].as_f64().unwrap(), s["limit"].as_f64().unwrap());
        assert!(
            grade <= limit,
            "{} reads at grade {grade}, above {limit}",
            s["file"]
        );
    }
    let warnings: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "reading-level")
        .collect();
    assert!(warnings.is_empty(), "{warnings:#?}");

    let out = common::signpost(&["check", "--verbose"], &common::repo());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("grade") && table.contains("content/guidance/what-to-expect-low.md"),
        "{table}"
    );
}

#[test]
fn the_glossary_explains_every_abbreviation_a_reader_meets() {
    let text = std::fs::read_to_string(common::repo().join("content/glossary.yaml")).unwrap();
    let glossary = signpost::source::yaml_to_json(&text).unwrap();
    let names: Vec<String> = glossary["terms"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| {
            let mut v = vec![t["term"].as_str().unwrap_or("").to_lowercase()];
            v.extend(
                t["abbreviations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|a| a.as_str())
                    .map(str::to_lowercase),
            );
            v.extend(
                t["aliases"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|a| a.as_str())
                    .map(str::to_lowercase),
            );
            v
        })
        .collect();
    for needed in [
        "AP",
        "BASS",
        "MAPPA",
        "NFA",
        "ROTL",
        "DHP",
        "PPO",
        "OASys",
        "RSL",
        "PRS",
        "HPT",
        "PSR",
        "OM",
        "NPS",
        "CRC",
        "RAR",
        "SMART",
        "Duty to Refer",
        "Housing Options",
        "floating support",
    ] {
        assert!(
            names.iter().any(|n| n == &needed.to_lowercase()),
            "glossary lacks {needed}"
        );
    }
    assert!(
        names.iter().any(|n| n.contains("settled and suitable")),
        "glossary lacks settled and suitable"
    );
}
