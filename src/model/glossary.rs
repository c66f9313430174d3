//! The glossary: terms, their abbreviations and aliases (later: search synonyms).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
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
        self.terms.iter().find(|t| {
            t.term.eq_ignore_ascii_case(n)
                || t.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(n))
        })
    }
}
