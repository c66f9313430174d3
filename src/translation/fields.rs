//! A translation's fields against those of the file it translates: which it may give
//! (its kind's translatable words and its own review fields), which it takes from that
//! file and may only repeat as they are, and which words it still lacks.

use crate::diagnostic::{Code, Diagnostic};

/// Where a translation's fields disagree with the structure of the file it translates:
/// a field that is not translatable given with another value, or one that file does not
/// have, a list of another length, or text where the file has a list.
pub(super) fn structure(
    theirs: &serde_yaml::Value,
    t: &crate::content::Translation,
    translatable: &[&str],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    compare(Some(theirs), &t.fields, "", translatable, &mut problems);
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

/// The paths of translatable fields `theirs` has and `ours` lacks.
pub(super) fn missing(
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
