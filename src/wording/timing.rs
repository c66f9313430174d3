//! Deadlines in words (`[timing]`): "At least 28 days before release".

use super::fill;
use super::labels::{key_problems, KindName};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Deadlines in words ("At least 28 days before release"), by which bounds a timing has.
/// `{count}`, `{min}` and `{max}` are numbers, `{unit}` the unit's name (one or many, by the
/// number before it), `{relation}` before or after, `{anchor}` the event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimingWording {
    /// The same minimum and maximum: `{count}`, `{unit}`, `{relation}`, `{anchor}`.
    pub exactly: String,
    /// `{min}`, `{max}`, `{unit}`, `{relation}`, `{anchor}`.
    pub range: String,
    /// A minimum only: `{count}`, `{unit}`, `{relation}`, `{anchor}`.
    pub at_least: String,
    /// A maximum only, after the event: `{count}`, `{unit}`, `{anchor}`.
    pub within: String,
    /// A maximum only, before the event: `{count}`, `{unit}`, `{anchor}`.
    pub no_more_than: String,
    /// Neither: `{relation}`, `{anchor}`.
    pub unbounded: String,
    pub relation: BTreeMap<String, String>,
    pub anchor: BTreeMap<String, String>,
    pub unit: BTreeMap<String, KindName>,
}

impl TimingWording {
    /// A timing in words.
    pub fn describe(&self, t: &crate::model::Timing) -> String {
        use crate::model::Relation;
        let anchor = self
            .anchor
            .get(t.anchor.key())
            .map_or(t.anchor.key(), String::as_str);
        let relation = self
            .relation
            .get(t.relation.key())
            .map_or(t.relation.key(), String::as_str);
        let unit = |n: u32| {
            self.unit
                .get(t.unit.key())
                .map_or(t.unit.key(), |u| match n {
                    1 => u.one.as_str(),
                    _ => u.many.as_str(),
                })
        };
        let words = |phrase: &str, count: u32| {
            fill(
                phrase,
                &[
                    ("count", &count),
                    ("unit", &unit(count)),
                    ("relation", &relation),
                    ("anchor", &anchor),
                ],
            )
        };
        match (t.min, t.max) {
            (Some(a), Some(b)) if a == b => words(&self.exactly, a),
            (Some(a), Some(b)) => fill(
                &self.range,
                &[
                    ("min", &a),
                    ("max", &b),
                    ("unit", &unit(b)),
                    ("relation", &relation),
                    ("anchor", &anchor),
                ],
            ),
            (Some(a), None) => words(&self.at_least, a),
            (None, Some(b)) => match t.relation {
                Relation::After => words(&self.within, b),
                Relation::Before => words(&self.no_more_than, b),
            },
            (None, None) => fill(
                &self.unbounded,
                &[("relation", &relation), ("anchor", &anchor)],
            ),
        }
    }
}

impl TimingWording {
    /// As [`Labels::problems`], for the names of relations, anchors and units.
    pub(super) fn problems(&self) -> Vec<String> {
        use crate::model::{Anchor, Relation, Unit};
        let tables: [(&str, Vec<String>, Vec<&str>); 3] = [
            (
                "timing.relation",
                self.relation.keys().cloned().collect(),
                Relation::ALL.map(Relation::key).to_vec(),
            ),
            (
                "timing.anchor",
                self.anchor.keys().cloned().collect(),
                Anchor::ALL.map(Anchor::key).to_vec(),
            ),
            (
                "timing.unit",
                self.unit.keys().cloned().collect(),
                Unit::ALL.map(Unit::key).to_vec(),
            ),
        ];
        tables
            .iter()
            .flat_map(|(table, given, wanted)| key_problems(table, given, wanted))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Wording;

    #[test]
    fn describes_deadlines_in_the_themes_words() {
        use crate::model::{Anchor, Relation, Timing, Unit};
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let words = Wording::load(&root, "default").unwrap().timing;
        let timing = |relation, min, max, anchor, unit| Timing {
            anchor,
            relation,
            min,
            max,
            unit,
        };
        let cases = [
            (
                timing(
                    Relation::Before,
                    Some(28),
                    None,
                    Anchor::Release,
                    Unit::Days,
                ),
                "At least 28 days before release",
            ),
            (
                timing(
                    Relation::After,
                    Some(1),
                    Some(5),
                    Anchor::Reception,
                    Unit::Days,
                ),
                "1 to 5 days after reception into prison",
            ),
            (
                timing(
                    Relation::After,
                    None,
                    Some(28),
                    Anchor::Referral,
                    Unit::Days,
                ),
                "Within 28 days of referral",
            ),
            (
                timing(
                    Relation::Before,
                    None,
                    Some(2),
                    Anchor::StartOfOrder,
                    Unit::Weeks,
                ),
                "No more than 2 weeks before the start of the order",
            ),
            (
                timing(
                    Relation::After,
                    Some(1),
                    Some(1),
                    Anchor::Assessment,
                    Unit::WorkingDays,
                ),
                "1 working day after assessment",
            ),
        ];
        for (t, said) in cases {
            assert_eq!(words.describe(&t), said);
        }
    }
}
