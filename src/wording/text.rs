//! The theme's interface words (`[text]`): every word its templates and scripts write
//! themselves (the skip link, headings such as "Contacts", labels such as "Phone", button
//! labels, captions, words read out by screen readers, the scripts' messages), so that
//! another language's file can replace them all. Templates get them as `t`
//! (`{{ t.skip_link }}`); a phrase's `{name}`s are filled in by the template with Tera's
//! `replace` filter, so a translation may put them in any order.
//!
//! The theme's own file is the reference: another file of the same words must have exactly
//! its keys, and each phrase exactly the `{names}` of the theme's, as [`text_problems`]
//! checks. `Wording::load` checks a site's own `wording.toml` so; a translation's file is
//! meant to be checked the same way.

use super::names_in;
use crate::diagnostic::{Code, Diagnostic, Position};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The words of `[text]`, each a text, by key (`t.skip_link`): every word the theme's
/// templates and scripts write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Text(BTreeMap<String, String>);

impl Text {
    /// The words of `key`, if the file has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Text {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Text(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

/// Only the `[text]` table of a wording file: how the theme's file is read as the reference
/// for a site's own (the rest of it may be anything).
#[derive(Deserialize)]
pub(super) struct TextOnly {
    #[serde(default)]
    pub text: Text,
}

/// The first problem of `text`, read from `file` (whose contents are `file_text`), against
/// the `reference` words it replaces or translates: a key it has that the reference has
/// not (at its line, with the nearest key), a key it lacks (at its `[text]` line), or a
/// phrase whose `{names}` differ from the reference's (the templates fill in exactly
/// those). `None` when it has every word the templates use, and no other.
pub fn text_problems(
    reference: &Text,
    text: &Text,
    file: &str,
    file_text: &str,
) -> Option<Diagnostic> {
    let table_line = table_line(file_text, "text");
    let at_key = |key: &str| key_line(file_text, "text", key).or(table_line).unwrap_or(1);
    // A misspelt key is also a missing one: its own line, with the right name, helps more.
    let unknown = text
        .keys()
        .filter(|key| reference.get(key).is_none())
        .min_by_key(|key| at_key(key));
    if let Some(key) = unknown {
        let line = at_key(key);
        return Some(
            Diagnostic::new(
                Code::UnknownField,
                file,
                format!("[text] has `{key}`, which the theme's words do not"),
            )
            .at(
                Position::new(line, column(file_text, line), key.len()),
                file_text,
            )
            .with_help(
                crate::suggest::nearest(key, reference.keys())
                    .map(|best| format!("did you mean `{best}`?"))
                    .unwrap_or_else(|| {
                        "remove it: templates can use only the theme's keys".to_string()
                    }),
            ),
        );
    }
    if let Some(key) = reference.keys().find(|key| text.get(key).is_none()) {
        let line = table_line.unwrap_or(1);
        return Some(
            Diagnostic::new(Code::MissingField, file, format!("[text] has no `{key}`"))
                .at(Position::new(line, 1, "[text]".len()), file_text)
                .with_help(format!(
                    "add `{key} = \"…\"`: every key of the theme's [text] is required"
                )),
        );
    }
    for (key, phrase) in &text.0 {
        let wanted: BTreeSet<&str> = reference
            .get(key)
            .map(names_in)
            .into_iter()
            .flatten()
            .collect();
        let given: BTreeSet<&str> = names_in(phrase).into_iter().collect();
        if given == wanted {
            continue;
        }
        let list = |names: &BTreeSet<&str>| {
            if names.is_empty() {
                "none".to_string()
            } else {
                names
                    .iter()
                    .map(|n| format!("`{{{n}}}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let line = at_key(key);
        return Some(
            Diagnostic::new(
                Code::UnknownValue,
                file,
                format!(
                    "[text] {key} uses {}, but the page fills in {}",
                    list(&given),
                    list(&wanted)
                ),
            )
            .at(
                Position::new(line, column(file_text, line), key.len()),
                file_text,
            )
            .with_help(format!(
                "use each of {} once, as the theme's words do, and no other `{{name}}`",
                list(&wanted)
            )),
        );
    }
    None
}

/// The 1-based line of the header `[table]`.
pub(super) fn table_line(file_text: &str, table: &str) -> Option<usize> {
    let header = format!("[{table}]");
    file_text
        .lines()
        .position(|l| l.trim() == header)
        .map(|i| i + 1)
}

/// The 1-based line where `key` is given in `[table]` (`key = …` or `"key" = …`).
pub(super) fn key_line(file_text: &str, table: &str, key: &str) -> Option<usize> {
    let start = table_line(file_text, table)?;
    file_text
        .lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| {
            let l = l.trim_start();
            [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
                .iter()
                .any(|k| {
                    l.strip_prefix(k.as_str())
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
        })
        .map(|(i, _)| i + 1)
}

/// The 1-based column of the first character of `line` that is not a space.
fn column(file_text: &str, line: usize) -> usize {
    file_text
        .lines()
        .nth(line.saturating_sub(1))
        .map_or(1, |l| l.len() - l.trim_start().len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFERENCE: &str = "\
[pages]
name = \"x\"

[text]
# The skip link.
skip_link = \"Skip to main content\"
contacts_heading = \"Contacts\"
bank_holidays_in = \"Bank holidays in {region}\"
";

    fn text_of(file_text: &str) -> Text {
        toml::from_str::<TextOnly>(file_text).unwrap().text
    }

    #[test]
    fn the_same_keys_and_names_are_no_problem() {
        let reference = text_of(REFERENCE);
        assert_eq!(reference.get("skip_link"), Some("Skip to main content"));
        // Other words, the same keys and names, in another order.
        let other = REFERENCE
            .replace("Skip to main content", "SKIP TO MAIN CONTENT")
            .replace("Bank holidays in {region}", "{region}: bank holidays");
        assert_eq!(
            text_problems(&reference, &text_of(&other), "w.toml", &other),
            None
        );
    }

    #[test]
    fn a_missing_key_is_an_error_at_the_table_naming_it() {
        let reference = text_of(REFERENCE);
        let file = REFERENCE.replace("contacts_heading = \"Contacts\"\n", "");
        let d = text_problems(&reference, &text_of(&file), "wording.toml", &file).unwrap();
        assert_eq!(d.code, Code::MissingField, "{d:?}");
        assert_eq!(d.file, "wording.toml");
        assert!(d.message.contains("`contacts_heading`"), "{d:?}");
        assert_eq!((d.line, d.column), (4, 1), "{d:?}");
        assert_eq!(d.source_line.as_deref(), Some("[text]"));
    }

    #[test]
    fn a_misspelt_key_is_an_error_at_its_line_with_the_nearest_key() {
        let reference = text_of(REFERENCE);
        let file = REFERENCE.replace("contacts_heading =", "  contacts_haeding =");
        let d = text_problems(&reference, &text_of(&file), "wording.toml", &file).unwrap();
        assert_eq!(d.code, Code::UnknownField, "{d:?}");
        assert!(d.message.contains("`contacts_haeding`"), "{d:?}");
        assert_eq!((d.line, d.column), (7, 3), "{d:?}");
        assert_eq!(d.help.as_deref(), Some("did you mean `contacts_heading`?"));
    }

    #[test]
    fn a_phrase_must_use_the_names_the_page_fills_in() {
        let reference = text_of(REFERENCE);
        for (wrong, given) in [("{regoin}", "`{regoin}`"), ("", "none")] {
            let file = REFERENCE.replace("{region}", wrong);
            let d = text_problems(&reference, &text_of(&file), "w.toml", &file).unwrap();
            assert_eq!(d.code, Code::UnknownValue, "{d:?}");
            assert_eq!(
                d.message,
                format!("[text] bank_holidays_in uses {given}, but the page fills in `{{region}}`")
            );
            assert_eq!(d.line, 8, "{d:?}");
        }
    }

    /// Every word the default theme's templates name is in its `[text]`, every word there
    /// is named by a template, and each word a script reads is among those its page gives
    /// it (`script_words`): a key missing from a branch no page of the default site takes
    /// would otherwise fail only on some other site.
    #[test]
    fn the_default_theme_uses_exactly_its_words() {
        let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let file = std::fs::read_to_string(theme.join("wording.toml")).unwrap();
        let words = text_of(&file);
        let templates: String = walkdir::WalkDir::new(theme.join("templates"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        let named = |pattern: &str, text: &str| -> BTreeSet<String> {
            regex::Regex::new(pattern)
                .unwrap()
                .captures_iter(text)
                .map(|c| c[1].to_string())
                .collect()
        };
        let given = |page: &str| -> BTreeSet<String> {
            let page = std::fs::read_to_string(theme.join("templates").join(page)).unwrap();
            let keys = page
                .split("keys=[")
                .nth(1)
                .unwrap()
                .split(']')
                .next()
                .unwrap();
            named(r#""([a-z0-9_]+)""#, keys)
        };
        let mut used = named(r"\bt\.([a-z0-9_]+)", &templates);
        let search = given("search.html");
        let planner = given("planner.html");
        used.extend(search.iter().chain(&planner).cloned());
        let keys: BTreeSet<String> = words.keys().map(String::from).collect();
        assert_eq!(
            used.difference(&keys).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "named by the templates, not in [text]"
        );
        assert_eq!(
            keys.difference(&used).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "in [text], named by no template"
        );
        for (script, given) in [("search.js", &search), ("planner.js", &planner)] {
            let code = std::fs::read_to_string(theme.join("static").join(script)).unwrap();
            // say('key', …), pieces('key', …), say(n === 1 ? 'key' : 'key', …), text.key
            let mut read = named(r"(?:say|pieces)\('([a-z0-9_]+)'", &code);
            read.extend(named(r"\? '([a-z][a-z0-9_]*)' :", &code));
            read.extend(named(r": '([a-z0-9_]+)', \{", &code));
            read.extend(named(r"\btext\.([a-z0-9_]+)", &code));
            assert!(!read.is_empty(), "{script} reads no words");
            let missing: Vec<_> = read.difference(given).collect();
            assert!(
                missing.is_empty(),
                "{script} reads {missing:?}, which its page does not give it"
            );
        }
    }

    #[test]
    fn keys_are_found_only_in_their_table() {
        let file = "[text]\na = \"1\"\n\"b\" = \"2\"\n[other]\nc = \"3\"\n";
        assert_eq!(key_line(file, "text", "a"), Some(2));
        assert_eq!(key_line(file, "text", "b"), Some(3));
        assert_eq!(key_line(file, "text", "c"), None);
        assert_eq!(key_line(file, "other", "c"), Some(5));
    }
}
