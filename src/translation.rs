//! Translations: files beside the ones they translate (`tiers/low.cy.md` beside
//! `tiers/low.md`), in the languages `site.toml` lists after the first. This is the first
//! part of the site's languages: translations are found, read, checked against the
//! languages listed and the files they translate, and counted for editors (`check`).
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
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {} of {} files translated",
            self.title, self.language, self.translated, self.total
        )
    }
}

/// Checks each translation's language and the file it translates; the coverage of each
/// language translations may be in.
pub fn check(config: &Config, content: &Content, diags: &mut Diagnostics) -> Vec<Coverage> {
    let records: BTreeSet<&str> = content.records().iter().map(|r| r.rel).collect();
    let languages = config.translated_languages();
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
            Coverage {
                language: l.code.clone(),
                title: l.title.clone(),
                translated: translated.len(),
                total: records.len(),
            }
        })
        .collect()
}
