//! Multi-agency protocols: stages of steps with structured deadlines.

use super::IsoDate;
use serde::Deserialize;

/// The event a step's timing is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    Referral,
    Sentence,
    Reception,
    Release,
    StartOfOrder,
    Assessment,
}

impl Anchor {
    /// Every anchor, in the order the planner asks for their dates.
    pub const ALL: [Anchor; 6] = [
        Anchor::Release,
        Anchor::Referral,
        Anchor::Assessment,
        Anchor::Sentence,
        Anchor::Reception,
        Anchor::StartOfOrder,
    ];

    /// The name used in content (`anchor: start_of_order`).
    pub fn key(self) -> &'static str {
        match self {
            Anchor::Referral => "referral",
            Anchor::Sentence => "sentence",
            Anchor::Reception => "reception",
            Anchor::Release => "release",
            Anchor::StartOfOrder => "start_of_order",
            Anchor::Assessment => "assessment",
        }
    }

    pub fn phrase(self) -> &'static str {
        match self {
            Anchor::Referral => "referral",
            Anchor::Sentence => "sentence",
            Anchor::Reception => "reception into prison",
            Anchor::Release => "release",
            Anchor::StartOfOrder => "the start of the order",
            Anchor::Assessment => "assessment",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Before,
    After,
}

impl Relation {
    pub const ALL: [Relation; 2] = [Relation::Before, Relation::After];

    pub fn key(self) -> &'static str {
        match self {
            Relation::Before => "before",
            Relation::After => "after",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Days,
    WorkingDays,
    Weeks,
    Months,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::Days, Unit::WorkingDays, Unit::Weeks, Unit::Months];

    /// The name used in content (`unit: working_days`).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::WorkingDays => "working_days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
        }
    }
}

/// A deadline relative to an anchor event, e.g. "at least 28 days before release" (the
/// words come from the theme: `wording::TimingWording::describe`).
///
/// `min` and `max` bound the distance from the anchor; either may be absent but not both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    pub anchor: Anchor,
    pub relation: Relation,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub unit: Unit,
}

/// A conditional jump to another step.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub condition: String,
    /// Id of a step in the same protocol.
    pub goto: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub title: String,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    pub timing: Option<Timing>,
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default)]
    pub branches: Vec<Branch>,
    /// Where the step leads when no branch applies: a step id, or `end` for the end of
    /// its pathway. Without it: the next step (see [`super::flow`]).
    pub next: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    /// Starts a pathway of its own, with this id: the stage is not what follows the
    /// stage before it (e.g. community sentences after release).
    pub pathway: Option<String>,
    #[serde(default)]
    pub steps: Vec<Step>,
}

/// `content/protocols/*.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    pub title: String,
    pub summary: String,
    pub source: Option<String>,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
    #[serde(default)]
    pub draft: bool,
    pub stages: Vec<Stage>,
}

impl Protocol {
    pub fn steps(&self) -> impl Iterator<Item = (usize, usize, &Step)> {
        self.stages
            .iter()
            .enumerate()
            .flat_map(|(si, s)| s.steps.iter().enumerate().map(move |(i, st)| (si, i, st)))
    }
}
