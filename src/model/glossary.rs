//! The glossary: terms, their abbreviations and aliases (later: search synonyms).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    /// Its part of its anchor (`#term-no-fixed-abode`); by default made from its name. A
    /// translation takes it from the file it translates, so a link to a term, and a
    /// see-also naming it, work in every language.
    pub id: Option<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub definition: String,
    #[serde(default)]
    pub see_also: Vec<String>,
}

/// `content/glossary.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Finds a term by its name or one of its abbreviations, ignoring case.
    pub fn find(&self, name: &str) -> Option<&Term> {
        let n = name.trim();
        let id = crate::anchor::slugify(n);
        self.terms.iter().find(|t| {
            t.term.eq_ignore_ascii_case(n)
                || t.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(n))
                || t.id.as_deref() == Some(id.as_str())
        })
    }
}

impl Term {
    /// Its anchor on the glossary page: `term-` and its `id`, or its name's.
    pub fn anchor(&self) -> String {
        crate::anchor::term(self.id.as_deref().unwrap_or(&self.term))
    }
}
