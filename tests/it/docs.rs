//! What the docs promise about templates: every page's context has exactly the top-level
//! keys `docs/templates.md` lists for its template, so the page a theme author reads cannot
//! drift from what the templates get.

use super::common;
use signpost::view::{Dep, Entries, View};
use signpost::wording::Wording;
use std::collections::{BTreeMap, BTreeSet};

/// List entries rendered as nothing: only the keys of the contexts matter here.
struct NoEntries(Wording);

impl Entries for NoEntries {
    fn wording(&self) -> &Wording {
        &self.0
    }
    fn entry(
        &self,
        _: View,
        _: &str,
        _: &dyn Fn() -> Vec<Dep>,
        _: &dyn Fn() -> serde_json::Value,
    ) -> serde_json::Value {
        serde_json::Value::String(String::new())
    }
}

/// The top-level keys `docs/templates.md` gives each page template, read from its "By
/// template" list: a backticked name that follows the template's name and a colon, a comma,
/// a semicolon, "and" or "gets" (names inside a shape, `{ … }`, are the shape's own).
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(common::repo().join("docs/templates.md")).unwrap();
    let section = text.split("## By template").nth(1).unwrap();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut template: Option<String> = None;
    let mut since = String::new();
    for (i, part) in section.split('`').enumerate() {
        if i % 2 == 0 {
            if part.contains("\n- ") {
                // A new item of the list: no template until it names one.
                template = None;
            }
            since = part.trim().to_string();
            continue;
        }
        if part.ends_with(".html") && !part.contains(' ') {
            out.entry(part.to_string()).or_default();
            template = Some(part.to_string());
            continue;
        }
        let is_name = !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        let follows = [":", ",", ";", "and", "gets"]
            .iter()
            .any(|w| since.ends_with(w));
        if let (Some(t), true, true) = (&template, is_name, follows) {
            out.entry(t.clone()).or_default().insert(part.to_string());
        }
    }
    out
}

#[test]
fn every_page_context_has_the_keys_docs_templates_md_lists() {
    let root = common::repo();
    let mut diags = signpost::diagnostic::Diagnostics::default();
    let content = signpost::load::load(&root, Default::default(), &mut diags);
    let wording = Wording::load(&root, "default").unwrap();
    let related = signpost::search::related::Related::default();
    let entries = NoEntries(wording);
    let mut actual: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for job in signpost::view::pages(&content, &related, &entries.0) {
        let keys = actual.entry(job.template.to_string()).or_default();
        if let Some(map) = job.context(&entries).as_object() {
            keys.extend(map.keys().cloned());
        }
    }
    let documented = documented();
    let mut problems = Vec::new();
    for (template, keys) in &actual {
        let Some(docs) = documented.get(template) else {
            problems.push(format!("{template} is not in docs/templates.md"));
            continue;
        };
        for k in keys.difference(docs) {
            problems.push(format!("{template} gets `{k}`, which the docs do not list"));
        }
        for k in docs.difference(keys) {
            problems.push(format!(
                "the docs list `{k}` for {template}, which it does not get"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The check reads the docs at all: the pages of the default site use these templates.
    assert!(documented["offer.html"].contains("offer"));
    assert!(actual.len() >= 15, "{actual:?}");
}
