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
    /// The name used in content (`unit: working_days`).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::WorkingDays => "working_days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
        }
    }

    fn word(self, n: u32) -> &'static str {
        match (self, n == 1) {
            (Unit::Days, true) => "day",
            (Unit::Days, false) => "days",
            (Unit::WorkingDays, true) => "working day",
            (Unit::WorkingDays, false) => "working days",
            (Unit::Weeks, true) => "week",
            (Unit::Weeks, false) => "weeks",
            (Unit::Months, true) => "month",
            (Unit::Months, false) => "months",
        }
    }
}

/// A deadline relative to an anchor event, e.g. "at least 28 days before release".
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

impl Timing {
    /// Plain-English form shown to readers.
    pub fn describe(&self) -> String {
        let anchor = self.anchor.phrase();
        let rel = match self.relation {
            Relation::Before => "before",
            Relation::After => "after",
        };
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => {
                format!("{a} {} {rel} {anchor}", self.unit.word(a))
            }
            (Some(a), Some(b)) => format!("{a} to {b} {} {rel} {anchor}", self.unit.word(b)),
            (Some(a), None) => format!("At least {a} {} {rel} {anchor}", self.unit.word(a)),
            (None, Some(b)) => match self.relation {
                Relation::After => format!("Within {b} {} of {anchor}", self.unit.word(b)),
                Relation::Before => {
                    format!("No more than {b} {} before {anchor}", self.unit.word(b))
                }
            },
            (None, None) => format!("{rel} {anchor}"),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn timing(relation: Relation, min: Option<u32>, max: Option<u32>, anchor: Anchor) -> Timing {
        Timing {
            anchor,
            relation,
            min,
            max,
            unit: Unit::Days,
        }
    }

    #[test]
    fn describes_the_deadlines_of_the_protocol() {
        assert_eq!(
            timing(Relation::Before, Some(28), None, Anchor::Release).describe(),
            "At least 28 days before release"
        );
        assert_eq!(
            timing(Relation::After, Some(1), Some(5), Anchor::Reception).describe(),
            "1 to 5 days after reception into prison"
        );
        assert_eq!(
            timing(Relation::After, None, Some(28), Anchor::Referral).describe(),
            "Within 28 days of referral"
        );
    }
}
