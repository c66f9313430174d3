//! Translations: files beside the ones they translate (`tiers/low.cy.md` beside
//! `tiers/low.md`), in the languages `site.toml` lists after the first. This is the first
//! part of the site's languages: translations are found, read, checked against the
//! languages listed and the files they translate, and counted for editors (`check`).
//! A translation gives the fields its kind's row of `kind::KINDS` calls translatable, in
//! its own language, and its own review dates; it takes every other field (a tier, a
//! provider, ids, timings) from the file it translates, and may repeat one only as it is
//! there ([`structure`]).
//! Each language's content to publish is made by [`content_in`] (`merge`).

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use std::collections::BTreeSet;

mod fields;
mod merge;
use fields::{missing, structure};
pub use merge::{content_in, InLanguage};

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
            // A source whose YAML is broken has been reported where it was read.
            let Ok(original) = record.source.parse::<serde_yaml::Value>() else {
                continue;
            };
            diags.extend(structure(&original, t, translatable));
            let title = languages
                .iter()
                .find(|l| l.code == t.language)
                .map_or(t.language.as_str(), |l| l.title.as_str());
            diags.extend(coverage_of(record, &original, t, translatable, title));
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
                .filter(|t| needs_review(&t.fields))
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

/// What a translation leaves in the other language (its kind's words that the file it
/// translates has and it does not), and whether it was reviewed before that file was.
fn coverage_of(
    record: &crate::content::AnyRecord<'_>,
    theirs: &serde_yaml::Value,
    t: &crate::content::Translation,
    translatable: &[&str],
    language: &str,
) -> Vec<Diagnostic> {
    let ours = &t.fields;
    let mut problems = Vec::new();
    let mut untranslated = Vec::new();
    missing(theirs, Some(ours), "", translatable, &mut untranslated);
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
    if needs_review(ours) {
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
        (date(ours), record.data.header().reviewed.or(date(theirs)))
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
