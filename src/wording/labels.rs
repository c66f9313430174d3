//! The names of the values of fields (`[labels]`): audiences, statuses, partner kinds,
//! genders, tiers, bank-holiday divisions and the kinds of search result.

use crate::kind::DocKind;
use crate::model::{Audience, Gender, PartnerKind, Status, Tier};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Names of the values of fields, by the key content files use. Every value must have one
/// (checked when the file is read).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub audience: BTreeMap<String, String>,
    pub status: BTreeMap<String, String>,
    pub partner_kind: BTreeMap<String, String>,
    pub gender: BTreeMap<String, String>,
    pub tier: BTreeMap<String, String>,
    /// GOV.UK's divisions of the bank holidays, by the key content gives.
    pub division: BTreeMap<String, String>,
    pub kind: BTreeMap<String, KindName>,
}

/// A kind of search result, named as one and as a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindName {
    pub one: String,
    pub many: String,
}

impl Labels {
    pub fn audience(&self, a: Audience) -> &str {
        self.audience.get(a.key()).map_or(a.key(), String::as_str)
    }
    pub fn status(&self, s: Status) -> &str {
        self.status.get(s.key()).map_or(s.key(), String::as_str)
    }
    /// The "every status" filter's name.
    pub fn all_statuses(&self) -> &str {
        self.status.get("all").map_or("all", String::as_str)
    }
    pub fn partner_kind(&self, k: PartnerKind) -> &str {
        self.partner_kind
            .get(k.key())
            .map_or(k.key(), String::as_str)
    }
    pub fn gender(&self, g: Gender) -> &str {
        self.gender.get(g.key()).map_or(g.key(), String::as_str)
    }
    pub fn tier(&self, t: Tier) -> &str {
        self.tier.get(t.key()).map_or(t.key(), String::as_str)
    }
    /// A bank holiday division's name ("England and Wales"); the key if unknown.
    pub fn division<'k>(&'k self, key: &'k str) -> &'k str {
        self.division.get(key).map_or(key, String::as_str)
    }
    /// A result's kind ("Service").
    pub fn kind(&self, k: DocKind) -> &str {
        self.kind.get(k.key()).map_or(k.key(), |n| n.one.as_str())
    }
    /// A list of them ("Services").
    pub fn kinds(&self, k: DocKind) -> &str {
        self.kind.get(k.key()).map_or(k.key(), |n| n.many.as_str())
    }
    /// A result's kind by its key, as the index stores it (the key itself if unknown).
    pub fn kind_of_key<'k>(&'k self, key: &'k str) -> &'k str {
        self.kind.get(key).map_or(key, |n| n.one.as_str())
    }

    /// The keys each table must have and has not, and those it has and must not, by table.
    pub(super) fn problems(&self) -> Vec<String> {
        let keys = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
        let tables: [(&str, Vec<String>, Vec<&str>); 7] = [
            (
                "labels.kind",
                self.kind.keys().cloned().collect(),
                DocKind::ALL.map(DocKind::key).to_vec(),
            ),
            (
                "labels.audience",
                keys(&self.audience),
                Audience::ALL.map(Audience::key).to_vec(),
            ),
            (
                "labels.status",
                keys(&self.status),
                Status::ALL
                    .map(Status::key)
                    .into_iter()
                    .chain(["all"])
                    .collect(),
            ),
            (
                "labels.partner_kind",
                keys(&self.partner_kind),
                PartnerKind::ALL.map(PartnerKind::key).to_vec(),
            ),
            (
                "labels.gender",
                keys(&self.gender),
                Gender::ALL.map(Gender::key).to_vec(),
            ),
            (
                "labels.tier",
                keys(&self.tier),
                Tier::ALL.map(Tier::key).to_vec(),
            ),
            (
                "labels.division",
                keys(&self.division),
                crate::model::BankHolidays::DIVISIONS.to_vec(),
            ),
        ];
        tables
            .iter()
            .flat_map(|(table, given, wanted)| key_problems(table, given, wanted))
            .collect()
    }
}

/// The keys `wanted` that `[table]` lacks, and those it has that are none of them.
pub(super) fn key_problems(table: &str, given: &[String], wanted: &[&str]) -> Vec<String> {
    let missing = wanted
        .iter()
        .filter(|key| !given.iter().any(|g| g == *key))
        .map(|key| format!("[{table}] has no `{key}`"));
    let unknown = given
        .iter()
        .filter(|key| !wanted.contains(&key.as_str()))
        .map(|key| {
            format!(
                "[{table}] has `{key}`, which is none of {}",
                wanted.join(", ")
            )
        });
    missing.chain(unknown).collect()
}
