//! Translations: files beside the ones they translate (`tiers/low.cy.md` beside
//! `tiers/low.md`), in the languages `site.toml` lists after the first. This is the first
//! part of the site's languages: translations are found, read, checked against the
//! languages listed and the files they translate, and counted for editors (`check`).
//! A translation gives the fields its kind's row of `kind::KINDS` calls translatable, in
//! its own language, and its own review dates; it takes every other field (a tier, a
//! provider, ids, timings) from the file it translates, and may repeat one only as it is
//! there ([`structure`]).
//! They are not yet published.

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use std::collections::BTreeSet;

/// How much of the site one language has.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    pub language: String,
    pub title: String,
    /// Files translated into it (each counted once).
    pub translated: usize,
    /// Files that could be: every record loaded.
    pub total: usize,
    /// Translations marked `needs_review: true`: not yet checked by a speaker.
    pub needs_review: usize,
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {} of {} files translated",
            self.title, self.language, self.translated, self.total
        )?;
        if self.needs_review > 0 {
            write!(
                f,
                ", {} waiting for a speaker to check them",
                self.needs_review
            )?;
        }
        Ok(())
    }
}

/// Checks each translation's language and the file it translates; the coverage of each
/// language translations may be in.
pub fn check(config: &Config, content: &Content, diags: &mut Diagnostics) -> Vec<Coverage> {
    let languages = config.translated_languages();
    if languages.is_empty() && content.translations.is_empty() {
        // One language and nothing translated: nothing to check or count.
        return Vec::new();
    }
    let all = content.records();
    let by_rel: std::collections::HashMap<&str, &crate::content::AnyRecord<'_>> =
        all.iter().map(|r| (r.rel, r)).collect();
    let records: BTreeSet<&str> = by_rel.keys().copied().collect();
    for t in &content.translations {
        if !languages.iter().any(|l| l.code == t.language) {
            let listed: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
            diags.push(
                Diagnostic::new(
                    Code::UnknownLanguage,
                    &t.source.file,
                    format!(
                        "this file translates content/{} into `{}`, which site.toml does not list",
                        t.of, t.language
                    ),
                )
                .with_help(if listed.is_empty() {
                    format!("list the site's languages in site.toml: [[languages]] code = \"en\" …, then [[languages]] code = \"{}\" with its title", t.language)
                } else {
                    format!("the site's other languages are {}; add `{}` to [[languages]] in site.toml, or rename the file", listed.join(", "), t.language)
                }),
            );
            continue;
        }
        let there = records.contains(t.of.as_str())
            || content.failed.contains(&t.of)
            || content.drafts.contains(&t.of);
        if let Some(record) = by_rel.get(t.of.as_str()) {
            let translatable = crate::kind::KINDS
                .iter()
                .find(|row| row.kind == record.kind)
                .map_or(&[][..], |row| row.translatable);
            diags.extend(structure(record.source, t, translatable));
            let title = languages
                .iter()
                .find(|l| l.code == t.language)
                .map_or(t.language.as_str(), |l| l.title.as_str());
            diags.extend(coverage_of(record, t, translatable, title));
        }
        if !there {
            diags.push(
                Diagnostic::new(
                    Code::TranslationWithoutSource,
                    &t.source.file,
                    format!("this translates content/{}, which is not there", t.of),
                )
                .with_help(format!(
                    "name a translation after the file it translates, with the language before the extension (`low.{}.md` beside `low.md`), or add content/{}",
                    t.language, t.of
                )),
            );
        }
    }
    languages
        .iter()
        .map(|l| {
            let translated: BTreeSet<&str> = content
                .translations
                .iter()
                .filter(|t| t.language == l.code && records.contains(t.of.as_str()))
                .map(|t| t.of.as_str())
                .collect();
            let needs_review = content
                .translations
                .iter()
                .filter(|t| t.language == l.code && records.contains(t.of.as_str()))
                .filter(|t| {
                    t.source
                        .parse::<serde_yaml::Value>()
                        .is_ok_and(|v| needs_review(&v))
                })
                .count();
            Coverage {
                language: l.code.clone(),
                title: l.title.clone(),
                translated: translated.len(),
                total: records.len(),
                needs_review,
            }
        })
        .collect()
}

/// Where a translation's fields disagree with the structure of the file it translates:
/// a field that is not translatable given with another value, or one that file does not
/// have, a list of another length, or text where the file has a list.
pub fn structure(
    original: &crate::source::Source,
    t: &crate::content::Translation,
    translatable: &[&str],
) -> Vec<Diagnostic> {
    let (Ok(theirs), Ok(ours)) = (
        original.parse::<serde_yaml::Value>(),
        t.source.parse::<serde_yaml::Value>(),
    ) else {
        // Either file's own error is reported where it is read.
        return Vec::new();
    };
    let mut problems = Vec::new();
    compare(Some(&theirs), &ours, "", translatable, &mut problems);
    problems
        .into_iter()
        .map(|(path, message, help)| {
            let message = message.replace("{of}", &format!("content/{}", t.of));
            if path.is_empty() {
                Diagnostic::new(Code::TranslationDisagrees, &t.source.file, message)
            } else {
                t.source.report(Code::TranslationDisagrees, &path, message)
            }
            .with_help(help)
        })
        .collect()
}

/// What a translation leaves in the other language (its kind's words that the file it
/// translates has and it does not), and whether it was reviewed before that file was.
fn coverage_of(
    record: &crate::content::AnyRecord<'_>,
    t: &crate::content::Translation,
    translatable: &[&str],
    language: &str,
) -> Vec<Diagnostic> {
    let (Ok(theirs), Ok(ours)) = (
        record.source.parse::<serde_yaml::Value>(),
        t.source.parse::<serde_yaml::Value>(),
    ) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut untranslated = Vec::new();
    missing(&theirs, Some(&ours), "", translatable, &mut untranslated);
    if !untranslated.is_empty() {
        let shown: Vec<String> = untranslated.iter().map(|p| format!("`{p}`")).collect();
        problems.push(
            Diagnostic::new(
                Code::TranslationIncomplete,
                &t.source.file,
                format!(
                    "{} not translated yet: readers of this language would get the words of content/{} for them",
                    shown.join(", "),
                    t.of
                ),
            )
            .at(crate::diagnostic::Position::new(1, 1, 1), "")
            .with_help("translate each of them here"),
        );
    }
    if needs_review(&ours) {
        problems.push(
            t.source
                .report(
                    Code::TranslationNeedsReview,
                    "needs_review",
                    format!("this translation has not been checked by a speaker of {language} yet"),
                )
                .with_help(
                    "once someone who speaks it has checked it, remove `needs_review: true`",
                ),
        );
    }
    let date = |v: &serde_yaml::Value| {
        v.get("reviewed")
            .and_then(serde_yaml::Value::as_str)
            .and_then(|d| crate::model::IsoDate::parse(d).ok())
    };
    if let (Some(ours_reviewed), Some(theirs_reviewed)) =
        (date(&ours), record.data.header().reviewed.or(date(&theirs)))
    {
        if ours_reviewed < theirs_reviewed {
            problems.push(
                t.source
                    .report(
                        Code::TranslationOutOfDate,
                        "reviewed",
                        format!(
                            "this translation may be out of date: it was reviewed on {ours_reviewed}, content/{} on {theirs_reviewed}",
                            t.of
                        ),
                    )
                    .with_help("check it against the file it translates, then set `reviewed` to today"),
            );
        }
    }
    problems
}

/// Marked as not yet checked by a speaker of its language.
fn needs_review(translation: &serde_yaml::Value) -> bool {
    translation
        .get("needs_review")
        .and_then(serde_yaml::Value::as_bool)
        .unwrap_or(false)
}

/// The paths of translatable fields `theirs` has and `ours` lacks.
fn missing(
    theirs: &serde_yaml::Value,
    ours: Option<&serde_yaml::Value>,
    path: &str,
    translatable: &[&str],
    out: &mut Vec<String>,
) {
    use serde_yaml::Value;
    let pattern = pattern_of(path);
    let words = translatable.contains(&pattern.as_str())
        || translatable.contains(&format!("{pattern}[]").as_str());
    let has_words = |v: &Value| match v {
        Value::String(s) => !s.trim().is_empty(),
        Value::Sequence(items) => !items.is_empty(),
        _ => false,
    };
    if words {
        if has_words(theirs) && !ours.is_some_and(has_words) {
            out.push(path.to_string());
        }
        return;
    }
    match theirs {
        Value::Mapping(map) => {
            for (key, value) in map {
                let Some(key) = key.as_str() else { continue };
                let child = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                missing(
                    value,
                    ours.and_then(|o| o.get(key)),
                    &child,
                    translatable,
                    out,
                );
            }
        }
        Value::Sequence(items) => {
            for (i, value) in items.iter().enumerate() {
                let theirs_item = ours.and_then(|o| o.get(i));
                missing(
                    value,
                    theirs_item,
                    &format!("{path}[{i}]"),
                    translatable,
                    out,
                );
            }
        }
        _ => {}
    }
}

/// `stages[2].steps[0].title` as the patterns name it: `stages[].steps[].title`.
fn pattern_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

type Problem = (String, String, &'static str);

/// Fields every translation has of its own, whatever its kind: when it was last checked
/// and when it should be again (a translation is reviewed on its own), and whether a
/// speaker of its language has checked it yet (`needs_review: true` until one has).
const OWN: [&str; 3] = ["reviewed", "review_by", "needs_review"];

fn compare(
    theirs: Option<&serde_yaml::Value>,
    ours: &serde_yaml::Value,
    path: &str,
    translatable: &[&str],
    problems: &mut Vec<Problem>,
) {
    use serde_yaml::Value;
    let pattern = pattern_of(path);
    if OWN.contains(&pattern.as_str()) {
        return;
    }
    let is_text = |v: &Value| matches!(v, Value::String(_) | Value::Null);
    if translatable.contains(&pattern.as_str()) {
        if !is_text(ours) {
            problems.push((
                path.to_string(),
                format!("`{path}` should be text, in this file's language"),
                "write here, as text, the translation of the same field in the file it translates",
            ));
        }
        return;
    }
    if translatable.contains(&format!("{pattern}[]").as_str()) {
        let texts = match ours {
            Value::Sequence(items) => items.iter().all(is_text),
            _ => false,
        };
        if !texts {
            problems.push((
                path.to_string(),
                format!("`{path}` should be a list of texts, in this file's language"),
                "translate each item of the list in the file it translates",
            ));
        }
        return;
    }
    match (theirs, ours) {
        (None, _) => problems.push((
            path.to_string(),
            format!("`{path}` is not in {{of}}, and is not a field a translation gives"),
            "a translation gives only words to translate; other fields come from the file it translates: remove this one",
        )),
        (Some(Value::Mapping(theirs)), Value::Mapping(ours)) => {
            for (key, value) in ours {
                let Some(key) = key.as_str() else { continue };
                let child = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                compare(theirs.get(key), value, &child, translatable, problems);
            }
        }
        (Some(Value::Sequence(theirs)), Value::Sequence(ours)) => {
            if theirs.len() != ours.len() {
                problems.push((
                    path.to_string(),
                    format!(
                        "`{path}` has {} items here and {} in {{of}}",
                        ours.len(),
                        theirs.len()
                    ),
                    "a translation keeps the items of the file it translates, in the same order: translate each one",
                ));
                return;
            }
            for (i, (t, o)) in theirs.iter().zip(ours).enumerate() {
                compare(Some(t), o, &format!("{path}[{i}]"), translatable, problems);
            }
        }
        (Some(theirs), ours) if theirs == ours => {}
        (Some(theirs), _) => problems.push((
            path.to_string(),
            format!(
                "`{path}` is {} here but {} in {{of}}",
                shown(ours),
                shown(theirs)
            ),
            "a translation takes this field from the file it translates: remove it here, or change it there",
        )),
    }
}

fn shown(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => format!("`{s}`"),
        serde_yaml::Value::Mapping(_) => "a map".into(),
        serde_yaml::Value::Sequence(_) => "a list".into(),
        other => serde_yaml::to_string(other)
            .map(|t| format!("`{}`", t.trim()))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_name_every_item_of_a_list() {
        assert_eq!(
            pattern_of("stages[2].steps[10].title"),
            "stages[].steps[].title"
        );
        assert_eq!(pattern_of("title"), "title");
    }
}
