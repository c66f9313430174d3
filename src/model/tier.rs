//! Support tiers: low, medium and high complexity.

use super::IsoDate;
use serde::Deserialize;

/// A complexity tier. Each tier includes the support of the tiers below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Low,
    Medium,
    High,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Low, Tier::Medium, Tier::High];

    pub fn key(self) -> &'static str {
        match self {
            Tier::Low => "low",
            Tier::Medium => "medium",
            Tier::High => "high",
        }
    }

    pub fn from_key(key: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The tiers whose support this one also includes.
    pub fn below(self) -> impl Iterator<Item = Tier> {
        Tier::ALL.into_iter().filter(move |t| *t < self)
    }
}

/// One lettered intervention from the service specification.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    pub letter: String,
    pub text: String,
}

/// Front matter of `content/tiers/<tier>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierPage {
    pub tier: Tier,
    pub title: String,
    pub summary: String,
    pub who_for: String,
    pub sessions: u32,
    pub weeks: u32,
    #[serde(default)]
    pub interventions: Vec<Intervention>,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
}
