//! Contexts of the glossary and the commitments tracker.

use super::*;
use schemars::JsonSchema;
use serde::Serialize;

/// `/glossary/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Glossary {
    /// By term.
    pub terms: Vec<Term>,
    pub letters: Vec<Letter>,
}

/// A glossary term.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Term {
    pub term: String,
    /// `term-<slug>`.
    pub anchor: String,
    /// Set on the first term of each letter, else null: put it on a letter heading
    /// before that term.
    pub letter_anchor: Option<String>,
    pub abbreviations: Vec<String>,
    pub aliases: Vec<String>,
    pub definition: String,
    pub see_also: Vec<Link>,
}

/// A letter that starts a glossary term.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Letter {
    pub letter: String,
    pub anchor: String,
}

/// The commitments tracker, or one of its copies filtered by status.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CommitmentsPage {
    pub commitments: Commitments,
}

/// The commitments and the responses to them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Commitments {
    pub title: String,
    pub summary: String,
    pub source: Option<String>,
    /// How many have each status.
    pub counts: Vec<StatusCount>,
    /// The status this copy lists; null on the page of all of them.
    pub filter: Option<&'static str>,
    /// The pages of all of them and of each status.
    pub filters: Vec<StatusFilter>,
    pub items: Vec<Commitment>,
}

/// How many commitments have a status.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusCount {
    pub status: &'static str,
    pub label: String,
    pub count: usize,
    pub url: String,
}

/// A link to the page of all commitments or of one status.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusFilter {
    pub label: String,
    pub url: String,
    pub count: usize,
    /// The page being rendered.
    pub current: bool,
}

/// A commitment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Commitment {
    pub number: u32,
    pub anchor: String,
    pub recommendation: String,
    pub status: &'static str,
    pub status_label: String,
    pub response: String,
    pub owner: String,
    pub target: Option<Date>,
    pub progress: Option<String>,
}
