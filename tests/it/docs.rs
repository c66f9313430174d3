//! What the docs promise about templates. The reference in `docs/templates.md` is generated
//! from the context types (`src/view/context/`, their JSON Schemas and doc comments), and
//! every page's context is the type its template is registered with, so the page a theme
//! author reads cannot drift from what the templates get.
//!
//! After changing a context type: `UPDATE_DOCS=1 cargo test docs` writes the reference.

use super::common;
use serde_json::{Map, Value};
use signpost::view::context::{self, Rendered};
use signpost::view::{Dep, Entries, View};
use signpost::wording::Wording;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const BEGIN: &str = "<!-- reference: generated from src/view/context/ by tests/it/docs.rs \
                     (UPDATE_DOCS=1 cargo test docs); edit the doc comments there -->";
const END: &str = "<!-- end of reference -->";

/// List entries rendered as nothing: only the shape of the contexts matters here.
struct NoEntries(Wording);

impl Entries for NoEntries {
    fn wording(&self) -> &Wording {
        &self.0
    }
    fn entry(&self, _: View, _: &str, _: &dyn Fn() -> Vec<Dep>, _: &dyn Fn() -> Value) -> Rendered {
        Rendered::default()
    }
}

/// The name a `$ref` points at.
fn ref_name(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.rsplit('/').next()
}

/// A property's type in words: `text`, `list of *Link*`, `*Date* or null`.
fn type_words(schema: &Value) -> String {
    if let Some(name) = ref_name(schema) {
        // Linked to its heading under "Shapes".
        return format!("[*{name}*](#{})", name.to_lowercase());
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let parts: Vec<String> = any.iter().map(type_words).collect();
        return parts.join(" or ");
    }
    let one = |t: &str| match t {
        "string" => "text".to_string(),
        "integer" | "number" => "number".to_string(),
        "boolean" => "true or false".to_string(),
        "null" => "null".to_string(),
        "array" => format!(
            "list of {}",
            schema.get("items").map_or("any".into(), type_words)
        ),
        "object" => "object".to_string(),
        other => other.to_string(),
    };
    match schema.get("type") {
        Some(Value::String(t)) => one(t),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(one)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".to_string(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table of an object schema's fields, or "nothing more".
fn fields_table(out: &mut String, schema: &Value) {
    let props = schema.get("properties").and_then(Value::as_object);
    let Some(props) = props.filter(|p| !p.is_empty()) else {
        out.push_str("Nothing more.\n");
        return;
    };
    out.push_str("| key | type | what |\n|---|---|---|\n");
    for (name, prop) in props {
        let what = prop
            .get("description")
            .and_then(Value::as_str)
            .map(one_line)
            .unwrap_or_default();
        let kind = match prop.get("const") {
            Some(Value::String(c)) => format!("`\"{c}\"`"),
            _ => type_words(prop),
        };
        let _ = writeln!(out, "| `{name}` | {kind} | {} |", what.replace('|', "\\|"));
    }
}

/// A definition: its description, then its fields, or each of its forms.
fn shape(out: &mut String, schema: &Value) {
    if let Some(d) = schema.get("description").and_then(Value::as_str) {
        let _ = writeln!(out, "{}\n", one_line(d));
    }
    let forms = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array);
    match forms {
        Some(forms) => {
            for (i, form) in forms.iter().enumerate() {
                let tag = form
                    .pointer("/properties/kind/const")
                    .and_then(Value::as_str)
                    .map(|k| format!("`kind` `\"{k}\"`"));
                let said = form
                    .get("description")
                    .and_then(Value::as_str)
                    .map(one_line);
                let name = match (tag, said) {
                    (Some(t), Some(s)) => format!("{t}: {s}"),
                    (t, s) => t.or(s).unwrap_or_else(|| format!("form {}", i + 1)),
                };
                let _ = writeln!(out, "**One form:** {name}\n");
                fields_table(out, form);
                out.push('\n');
            }
        }
        None if schema.get("properties").is_some()
            || schema.get("type") == Some(&"object".into()) =>
        {
            fields_table(out, schema);
            out.push('\n');
        }
        None => {
            let _ = writeln!(out, "A value: {}.\n", type_words(schema));
        }
    }
}

/// The reference, as `docs/templates.md` holds it between `BEGIN` and `END`.
fn reference() -> String {
    let mut generator = schemars::SchemaGenerator::default();
    let shared = generator.subschema_for::<context::Shared>();
    let templates = context::schemas(&mut generator);
    let definitions: Map<String, Value> = generator.definitions().clone();
    let definition = |schema: &schemars::Schema| -> (String, Value) {
        let name = ref_name(schema.as_value()).unwrap_or_default().to_string();
        let value = definitions.get(&name).cloned().unwrap_or(Value::Null);
        (name, value)
    };
    let mut out = String::new();
    let mut pages = BTreeSet::new();
    out.push_str("## Every template\n\n");
    let (name, value) = definition(&shared);
    pages.insert(name);
    shape(&mut out, &value);
    out.push_str("## By template\n\n");
    for (template, schema) in &templates {
        let (name, value) = definition(schema);
        let _ = writeln!(out, "### `{template}` ({name})\n");
        shape(&mut out, &value);
        pages.insert(name);
    }
    out.push_str("## Shapes\n\nThe values the contexts above are made of, by name.\n\n");
    for (name, value) in &definitions {
        if pages.contains(name) {
            continue;
        }
        let _ = writeln!(out, "### {name}\n");
        shape(&mut out, value);
    }
    out.trim_end().to_string()
}

#[test]
fn the_template_reference_is_generated_from_the_context_types() {
    let path = common::repo().join("docs/templates.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (Some(start), Some(end)) = (text.find(BEGIN), text.find(END)) else {
        panic!("docs/templates.md lacks the markers of its generated reference:\n{BEGIN}\n{END}");
    };
    let written = text[start + BEGIN.len()..end].trim();
    let made = reference();
    if written != made {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let updated = format!("{}{BEGIN}\n\n{made}\n\n{}", &text[..start], &text[end..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            let first = written
                .lines()
                .zip(made.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(written.lines().count().min(made.lines().count()));
            panic!(
                "docs/templates.md's reference is not what src/view/context/ says (first \
                 difference at line {} of it: {:?} against {:?}); run UPDATE_DOCS=1 cargo \
                 test docs",
                first + 1,
                written.lines().nth(first),
                made.lines().nth(first)
            );
        }
    }
    // The reference covers what the templates use.
    for needle in [
        "### `offer.html` (OfferPage)",
        "| `related` | list of [*Rendered*](#rendered) |",
        "### OfferCard",
    ] {
        assert!(made.contains(needle), "{needle} missing from:\n{made}");
    }
}

/// The keys of each property of an object schema, or of the forms it may take.
fn keys_of(definitions: &Map<String, Value>, schema: &Value) -> Vec<BTreeSet<String>> {
    let schema = ref_name(schema)
        .and_then(|n| definitions.get(n))
        .unwrap_or(schema);
    let keys = |s: &Value| -> BTreeSet<String> {
        s.get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    };
    match schema.get("oneOf").or_else(|| schema.get("anyOf")) {
        Some(Value::Array(forms)) => forms.iter().map(keys).collect(),
        _ => vec![keys(schema)],
    }
}

/// Each value has exactly the keys of its schema (of one of its forms), all the way down:
/// what a template gets is what the reference says, not just at the top.
fn check(
    definitions: &Map<String, Value>,
    schema: &Value,
    value: &Value,
    at: &str,
    problems: &mut Vec<String>,
) {
    let schema = ref_name(schema)
        .and_then(|n| definitions.get(n))
        .unwrap_or(schema);
    match value {
        Value::Object(map) => {
            let keys: BTreeSet<String> = map.keys().cloned().collect();
            let forms = keys_of(definitions, schema);
            let Some(form) = forms.iter().position(|f| *f == keys) else {
                // `record` is any object a kind's model gives.
                if !forms.iter().all(BTreeSet::is_empty) {
                    problems.push(format!("{at} has keys {keys:?}; the reference: {forms:?}"));
                }
                return;
            };
            let form_schema = match schema.get("oneOf").or_else(|| schema.get("anyOf")) {
                Some(Value::Array(f)) => &f[form],
                _ => schema,
            };
            for (k, v) in map {
                if let Some(prop) = form_schema.pointer(&format!("/properties/{k}")) {
                    check(definitions, prop, v, &format!("{at}.{k}"), problems);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                for (i, v) in items.iter().enumerate().take(3) {
                    check(definitions, item, v, &format!("{at}[{i}]"), problems);
                }
            }
        }
        // Text, numbers and null: the keys are what can drift.
        _ => {}
    }
}

#[test]
fn every_page_context_is_the_shape_the_reference_gives_its_template() {
    let root = common::repo();
    let mut diags = signpost::diagnostic::Diagnostics::default();
    let content = signpost::load::load(&root, Default::default(), &mut diags);
    let wording = Wording::load(&root, "default").unwrap();
    let related = signpost::search::related::Related::default();
    let entries = NoEntries(wording);
    let mut generator = schemars::SchemaGenerator::default();
    let schemas: BTreeMap<&str, schemars::Schema> =
        context::schemas(&mut generator).into_iter().collect();
    let definitions = generator.definitions().clone();
    let kind_templates: BTreeSet<&str> = signpost::kind::KINDS
        .iter()
        .filter_map(|row| row.template)
        .collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for job in signpost::view::pages(&content, &related, &entries.0) {
        let template = if kind_templates.contains(job.template) {
            "(a kind's template)"
        } else {
            job.template
        };
        let Some(schema) = schemas.get(template) else {
            problems.push(format!(
                "{} uses {template}, which the reference lacks",
                job.url
            ));
            continue;
        };
        seen.insert(template);
        let value = job.context(&entries);
        check(
            &definitions,
            schema.as_value(),
            &value,
            &job.url,
            &mut problems,
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The pages of the default site use most templates.
    assert!(seen.len() >= 18, "{seen:?}");
}
