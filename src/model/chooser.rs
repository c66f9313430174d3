//! The tier chooser (`content/chooser.yaml`): questions with answers that lead to another
//! question or to an outcome, one question per page, in the style of GOV.UK's "check a
//! service is suitable".

use super::{IsoDate, Tier};
use serde::Deserialize;

/// More routes than this would build an unreasonable number of pages.
pub const MAX_ROUTES: usize = 500;

/// One answer to a question; `next` names the question or outcome it leads to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub answer: String,
    pub next: String,
    /// Its part of the address of the pages after it; by default made from its words
    /// (`route::answer_address`). A translation takes it from the file it translates, so
    /// a route has the same address in every language.
    pub slug: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub question: String,
    /// A line of help under the question.
    pub hint: Option<String>,
    pub answers: Vec<Answer>,
}

/// Where a path of answers ends: a tier, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub tier: Tier,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chooser {
    pub title: String,
    pub summary: String,
    /// The first question's id.
    pub start: String,
    pub questions: Vec<Question>,
    pub outcomes: Vec<Outcome>,
    /// What to do when no service fits, shown on every outcome.
    pub no_fit: String,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
}

impl Chooser {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }
}
