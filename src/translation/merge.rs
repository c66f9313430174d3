//! The content of one of the site's other languages, to publish: each translated record
//! made from the file it translates with the translation's words laid over it, and every
//! other record kept as it is (without its body), so that the language's pages can list
//! and link to it without publishing a copy of it.

use crate::content::{Content, Loaded, Translation, Unparsed};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::kind::Kind;
use serde_yaml::Value;
use std::collections::{BTreeSet, HashMap};

/// A language's content and which of its records are translated.
pub struct InLanguage {
    pub content: Content,
    /// The files of the translations it was made with (`content/tiers/low.cy.md`): the
    /// pages made from these are the language's own.
    pub translated: BTreeSet<String>,
}

/// `content` in `language`. Call before the files' texts are released: each translated
/// record is read again from its file's YAML with the translation's fields over it.
pub fn content_in(content: &Content, language: &str, diags: &mut Diagnostics) -> InLanguage {
    let records = content.records();
    let by_rel: HashMap<&str, &crate::content::AnyRecord<'_>> =
        records.iter().map(|r| (r.rel, r)).collect();
    let mut made = HashMap::new();
    let mut translated = BTreeSet::new();
    for t in content
        .translations
        .iter()
        .filter(|t| t.language == language)
    {
        let Some(record) = by_rel.get(t.of.as_str()) else {
            continue;
        };
        // One whose fields disagree with the file it translates has been reported by
        // `check`, and is not published.
        let translatable = record.kind.row().translatable;
        let Ok(theirs) = record.source.parse::<Value>() else {
            continue;
        };
        if !super::fields::structure(&theirs, t, translatable).is_empty() {
            continue;
        }
        let theirs = keep_addresses(record.kind, theirs);
        match merged(record, theirs, t) {
            Ok(loaded) => {
                translated.insert(t.source.file.clone());
                made.insert(t.of.clone(), loaded);
            }
            Err(d) => diags.push(d),
        }
    }
    InLanguage {
        content: content.in_language(made),
        translated,
    }
}

/// The record `t` translates, with `t`'s words.
fn merged(
    record: &crate::content::AnyRecord<'_>,
    theirs: Value,
    t: &Translation,
) -> Result<Loaded, Diagnostic> {
    let mut fields = t.fields.clone();
    if let Value::Mapping(map) = &mut fields {
        // Whether a speaker has checked it is for editors, not a field of the record.
        map.remove("needs_review");
    }
    let yaml = serde_yaml::to_string(&overlay(theirs, fields)).unwrap_or_default();
    let markdown = t.rel.ends_with(".md");
    let text = if markdown {
        format!("---\n{yaml}---\n{}", t.source.body())
    } else {
        yaml
    };
    let not_whole = |d: Diagnostic| {
        Diagnostic::new(
            d.code,
            &t.source.file,
            format!(
                "with the fields of content/{}, this translation does not make a whole record: {}",
                t.of, d.message
            ),
        )
        .with_help("give each field its kind's translation needs, as `check` describes")
    };
    let source = crate::source::split(t.source.file.clone(), text, markdown).map_err(not_whole)?;
    let body = crate::load::render_body(&t.rel, &source);
    let file = Unparsed {
        slug: crate::route::slug_of(record.rel),
        rel: record.rel.to_string(),
        url: record.url.to_string(),
        source,
        body,
    };
    let mut loaded = if record.kind == Kind::Home && !record.source.has_front_matter() {
        Loaded::Home(file.with(crate::model::Page::untitled_home()))
    } else {
        Loaded::parse(record.kind, file).map_err(not_whole)?
    };
    // The record keeps the translation's own text, so that what is found in its body
    // (a broken link) is placed at its line in the translation.
    if let (Some(source), Ok(own)) = (
        loaded.source_mut(),
        crate::source::split(t.source.file.clone(), t.source.text.clone(), markdown),
    ) {
        *source = own;
    }
    Ok(loaded)
}

/// The fields a translation would change the addresses of pages by, fixed to the file it
/// translates: the chooser's answers make the addresses of its routes from their words,
/// and glossary terms their anchors from their names, so each answer and term keeps the
/// part the file's words give it: a route has the same address in every language (and
/// the language switch finds it), and a link to a term or a see-also naming one works.
fn keep_addresses(kind: Kind, mut theirs: Value) -> Value {
    match kind {
        Kind::Glossary => {
            let terms = theirs.get_mut("terms").and_then(Value::as_sequence_mut);
            name_each(terms, "term", "id", crate::anchor::slugify);
        }
        Kind::Chooser => {
            let questions = theirs.get_mut("questions").and_then(Value::as_sequence_mut);
            for q in questions.into_iter().flatten() {
                let answers = q.get_mut("answers").and_then(Value::as_sequence_mut);
                name_each(answers, "answer", "slug", crate::route::answer_slug);
            }
        }
        _ => {}
    }
    theirs
}

/// Gives each item of `items` without a `key` the one `make` makes of its `words`.
fn name_each(items: Option<&mut Vec<Value>>, words: &str, key: &str, make: fn(&str) -> String) {
    for item in items.into_iter().flatten() {
        let Some(map) = item.as_mapping_mut() else {
            continue;
        };
        if map.contains_key(key) {
            continue;
        }
        if let Some(text) = map.get(words).and_then(Value::as_str) {
            let name = make(text);
            map.insert(key.into(), name.into());
        }
    }
}

/// `theirs` with `ours` laid over it: a map's keys one by one, a list's items one by one,
/// anything else replaced, except by an empty value (a word left out keeps theirs).
fn overlay(theirs: Value, ours: Value) -> Value {
    match (theirs, ours) {
        (theirs, Value::Null) => theirs,
        (Value::Mapping(mut theirs), Value::Mapping(ours)) => {
            for (key, value) in ours {
                let merged = match theirs.remove(&key) {
                    Some(t) => overlay(t, value),
                    None => value,
                };
                theirs.insert(key, merged);
            }
            Value::Mapping(theirs)
        }
        (Value::Sequence(theirs), Value::Sequence(ours)) if theirs.len() == ours.len() => {
            Value::Sequence(
                theirs
                    .into_iter()
                    .zip(ours)
                    .map(|(t, o)| overlay(t, o))
                    .collect(),
            )
        }
        (_, ours) => ours,
    }
}

#[cfg(test)]
mod tests {
    use super::overlay;

    #[test]
    fn a_translation_lays_its_words_over_the_structure() {
        let theirs: serde_yaml::Value = serde_yaml::from_str(
            "tier: low\ntitle: Low\ninterventions:\n  - { letter: a, text: Help }\n  - { letter: b, text: More }\n",
        )
        .unwrap();
        let ours: serde_yaml::Value = serde_yaml::from_str(
            "title: Isel\ninterventions:\n  - { text: Help Cy }\n  - { text: }\n",
        )
        .unwrap();
        let merged = overlay(theirs, ours);
        let expected: serde_yaml::Value = serde_yaml::from_str(
            "tier: low\ntitle: Isel\ninterventions:\n  - { letter: a, text: Help Cy }\n  - { letter: b, text: More }\n",
        )
        .unwrap();
        assert_eq!(merged, expected);
    }
}
