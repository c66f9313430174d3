//! The commitments tracker: recommendations of an inspection and the response to each.

use super::IsoDate;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Agreed,
    PartlyAgreed,
    NotAgreed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Agreed, Status::PartlyAgreed, Status::NotAgreed];

    pub fn key(self) -> &'static str {
        match self {
            Status::Agreed => "agreed",
            Status::PartlyAgreed => "partly_agreed",
            Status::NotAgreed => "not_agreed",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub number: u32,
    pub recommendation: String,
    pub status: Status,
    pub response: String,
    pub owner: String,
    pub target: Option<IsoDate>,
    pub progress: Option<String>,
}

/// `content/commitments.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitments {
    pub title: String,
    pub summary: String,
    pub source: Option<String>,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
    pub commitments: Vec<Commitment>,
}
