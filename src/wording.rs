//! The words Signpost writes on the pages it makes itself (list and browse pages, search,
//! the planner's form), read from the theme's `wording.toml` (or the site's own, beside
//! `site.toml`, which replaces it) so that a theme or a translation reaches every word a
//! reader sees. Every key is required and no other is allowed: a misspelt key is an error
//! at its line, not a word silently missing from a page.

use crate::diagnostic::{display_path, Code, Diagnostic, Position};
use crate::kind::DocKind;
use crate::model::{Audience, Gender, PartnerKind, Status, Tier};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

pub use crate::made::Made;

/// The file's name, in the theme's folder or the site's.
pub const FILE: &str = "wording.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub pages: Pages,
    pub planner: PlannerWording,
    pub protocols: ProtocolWording,
    pub timing: TimingWording,
    pub chooser: ChooserWording,
    pub commitments: CommitmentsWording,
    pub tiers: TierWording,
    pub search: SearchWording,
    pub labels: Labels,
}

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

/// The words of the results search makes of parts of pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchWording {
    /// A protocol step's line under its title: `{number}`, `{protocol}`, `{stage}`.
    pub step_summary: String,
    /// A recommendation's title: `{number}`, `{status}` (its status's label, in lower case).
    pub recommendation_title: String,
}

/// The words of protocol pages: the step list's ways on and the flowchart. `{…}` in a
/// phrase stands for what the page fills in; each phrase may use only its own names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolWording {
    /// A way on to the next step, after a step with no branches.
    pub next: String,
    /// The way on when none of a step's branches applies.
    pub otherwise: String,
    /// `{protocol}`.
    pub chart_title: String,
    /// `{steps}`, `{stages}`, `{pathways}` (empty, or `chart_pathways`).
    pub chart_description: String,
    /// `{count}`.
    pub chart_pathways: String,
    /// A pathway's band: `{number}`, `{count}`.
    pub chart_pathway: String,
    /// A stage's band: `{number}`, `{title}`.
    pub chart_stage: String,
    pub chart_when: String,
    pub chart_lead: String,
    /// `{number}`.
    pub chart_go_to_step: String,
    pub chart_pathway_ends: String,
    pub chart_start: String,
    pub chart_end: String,
    /// On each alternative arrow after the first.
    pub chart_or: String,
}

/// The words of the commitments tracker.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentsWording {
    /// The title of its copy for one status: `{title}` (the tracker's), `{status}` (the
    /// status's label, in lower case).
    pub filtered_title: String,
}

/// The words of tiers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierWording {
    /// The title of a tier without a page in `content/tiers/`: `{tier}` (its name).
    pub untitled: String,
}

/// The words of the tier chooser's pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChooserWording {
    /// The title of a route's outcome page: `{tier}`.
    pub outcome_title: String,
}

/// `phrase` with each `{name}` replaced by its value.
pub fn fill(phrase: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = phrase.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// The `{names}` a phrase uses.
fn names_in(phrase: &str) -> Vec<&str> {
    phrase
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

impl Wording {
    /// Phrases that use a `{name}` the page does not fill in: (table, key, problem).
    fn phrase_problems(&self) -> Vec<(&'static str, &'static str, String)> {
        let p = &self.protocols;
        let phrases: [(&str, &str, &str, &[&str]); 6] = [
            ("protocols", "chart_title", &p.chart_title, &["protocol"]),
            (
                "protocols",
                "chart_description",
                &p.chart_description,
                &["steps", "stages", "pathways"],
            ),
            ("protocols", "chart_pathways", &p.chart_pathways, &["count"]),
            (
                "protocols",
                "chart_pathway",
                &p.chart_pathway,
                &["number", "count"],
            ),
            (
                "protocols",
                "chart_stage",
                &p.chart_stage,
                &["number", "title"],
            ),
            (
                "protocols",
                "chart_go_to_step",
                &p.chart_go_to_step,
                &["number"],
            ),
        ];
        let t = &self.timing;
        let bounded: &[&str] = &["count", "unit", "relation", "anchor"];
        let others: [(&str, &str, &str, &[&str]); 11] = [
            ("tiers", "untitled", &self.tiers.untitled, &["tier"]),
            (
                "commitments",
                "filtered_title",
                &self.commitments.filtered_title,
                &["title", "status"],
            ),
            (
                "chooser",
                "outcome_title",
                &self.chooser.outcome_title,
                &["tier"],
            ),
            ("timing", "exactly", &t.exactly, bounded),
            (
                "timing",
                "range",
                &t.range,
                &["min", "max", "unit", "relation", "anchor"],
            ),
            ("timing", "at_least", &t.at_least, bounded),
            ("timing", "within", &t.within, &["count", "unit", "anchor"]),
            (
                "timing",
                "no_more_than",
                &t.no_more_than,
                &["count", "unit", "anchor"],
            ),
            ("timing", "unbounded", &t.unbounded, &["relation", "anchor"]),
            (
                "search",
                "step_summary",
                &self.search.step_summary,
                &["number", "protocol", "stage"],
            ),
            (
                "search",
                "recommendation_title",
                &self.search.recommendation_title,
                &["number", "status"],
            ),
        ];
        let mut out = Vec::new();
        for (table, key, phrase, allowed) in phrases.into_iter().chain(others) {
            for name in names_in(phrase) {
                if !allowed.contains(&name) {
                    let names: Vec<String> = allowed.iter().map(|n| format!("{{{n}}}")).collect();
                    out.push((
                        table,
                        key,
                        format!(
                            "[{table}] {key} uses `{{{name}}}`, which is none of {}",
                            names.join(", ")
                        ),
                    ));
                }
            }
        }
        out
    }
}

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
    fn problems(&self) -> Vec<String> {
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

impl TimingWording {
    /// As [`Labels::problems`], for the names of relations, anchors and units.
    fn problems(&self) -> Vec<String> {
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

/// The keys `wanted` that `[table]` lacks, and those it has that are none of them.
fn key_problems(table: &str, given: &[String], wanted: &[&str]) -> Vec<String> {
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

/// A page the site makes itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageWording {
    /// Its name in the navigation and in breadcrumbs.
    pub name: String,
    /// Its heading, when not its name.
    pub title: Option<String>,
    pub summary: Option<String>,
}

impl PageWording {
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.name)
    }

    /// Its title with `{region}` filled in (the bank holidays page's).
    pub fn title_with(&self, region: &str) -> String {
        fill(self.title(), &[("region", &region)])
    }

    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pages {
    pub home: PageWording,
    pub tiers: PageWording,
    pub offers: PageWording,
    pub partners: PageWording,
    pub protocols: PageWording,
    pub guidance: PageWording,
    pub glossary: PageWording,
    pub commitments: PageWording,
    pub search: PageWording,
    pub not_found: PageWording,
    pub browse_a_z: PageWording,
    pub browse_tiers: PageWording,
    pub browse_regions: PageWording,
    pub browse_kinds: PageWording,
    /// `{region}` in its name stands for the bank holidays' region.
    pub bank_holidays: PageWording,
}

impl Wording {
    /// The title a record shows in lists and search results: its own, or for a page the
    /// site makes (`Header::made`), the theme's, filled in with the header's title.
    pub fn title_of<'a>(&self, header: &crate::model::Header<'a>) -> Cow<'a, str> {
        match header.made {
            Some(page) => {
                let region = self.labels.division(&header.title);
                Cow::Owned(self.pages.of(page).title_with(region))
            }
            None => header.title.clone(),
        }
    }

    /// The summary a record shows in lists and search results (see [`Wording::title_of`]).
    pub fn summary_of<'a>(&self, header: &crate::model::Header<'a>) -> Cow<'a, str> {
        match header.made.and_then(|page| self.pages.of(page).summary()) {
            Some(summary) => Cow::Owned(summary.to_string()),
            None => Cow::Borrowed(header.summary),
        }
    }
}

impl Pages {
    /// The words of a page the site makes.
    pub fn of(&self, page: Made) -> &PageWording {
        match page {
            Made::Home => &self.home,
            Made::Tiers => &self.tiers,
            Made::Offers => &self.offers,
            Made::Partners => &self.partners,
            Made::Protocols => &self.protocols,
            Made::Guidance => &self.guidance,
            Made::Glossary => &self.glossary,
            Made::Commitments => &self.commitments,
            Made::Search => &self.search,
            Made::NotFound => &self.not_found,
            Made::BrowseAToZ => &self.browse_a_z,
            Made::BrowseTiers => &self.browse_tiers,
            Made::BrowseRegions => &self.browse_regions,
            Made::BrowseKinds => &self.browse_kinds,
            Made::BankHolidays => &self.bank_holidays,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannerWording {
    pub service_levels: String,
    pub fields: PlannerFields,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannerFields {
    pub release: Field,
    pub referral: Field,
    pub assessment: Field,
    pub sentence: Field,
    pub reception: Field,
    pub start_of_order: Field,
}

/// A form field's label and hint.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: String,
    pub hint: String,
    /// The hint when a service level marks the date (the assessment's last possible day).
    pub hint_marked: Option<String>,
}

impl Wording {
    /// Reads the site's `wording.toml`, or else the theme's.
    pub fn load(root: &Path, theme: &str) -> Result<Wording, Diagnostic> {
        let site = root.join(FILE);
        let path = if site.is_file() {
            site
        } else {
            root.join("themes").join(theme).join(FILE)
        };
        let file = display_path(root, &path);
        if !path.is_file() {
            return Err(Diagnostic::new(
                Code::NoTheme,
                &file,
                format!("theme `{theme}` has no {FILE}"),
            )
            .with_help(format!(
                "copy themes/default/{FILE} into the theme (or beside site.toml) and reword it"
            )));
        }
        let text = crate::source::read_text(&path, &file)?;
        let wording: Wording = toml::from_str(&text).map_err(|e| {
            let position = e
                .span()
                .map(|s| Position::of_offset(&text, s.start, s.len().max(1)))
                .unwrap_or(Position::new(1, 1, 1));
            let message = e.message().to_string();
            let (code, help) = crate::source::explain_serde_message(&message);
            Diagnostic::new(code, &file, message)
                .at(position, &text)
                .with_help_opt(help)
        })?;
        let mut problems = wording.labels.problems();
        problems.extend(wording.timing.problems());
        if let Some(problem) = problems.into_iter().next() {
            let table = problem.split(']').next().unwrap_or_default().to_string();
            let line = text
                .lines()
                .position(|l| l.trim() == format!("{table}]"))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::new(Code::MissingField, &file, problem)
                .at(Position::new(line, 1, table.len() + 1), &text)
                .with_help("give every value its name, as themes/default/wording.toml does"));
        }
        if let Some((table, key, problem)) = wording.phrase_problems().into_iter().next() {
            // The key's line within its table.
            let header = format!("[{table}]");
            let start = text.lines().position(|l| l.trim() == header).unwrap_or(0);
            let line = text
                .lines()
                .enumerate()
                .skip(start)
                .find(|(_, l)| l.trim_start().starts_with(key))
                .map_or(start + 1, |(i, _)| i + 1);
            return Err(Diagnostic::new(Code::UnknownValue, &file, problem)
                .at(Position::new(line, 1, key.len()), &text)
                .with_help("use only the names the comment above the key lists"));
        }
        Ok(wording)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_has_every_word_and_a_misspelt_key_is_located() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let wording = Wording::load(&root, "default").unwrap();
        assert_eq!(wording.pages.tiers.title(), "Support tiers compared");
        assert_eq!(wording.pages.tiers.name, "Support tiers");

        let site = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(root.join("themes/default").join(FILE)).unwrap();
        std::fs::write(
            site.path().join(FILE),
            text.replace("[pages.search]\nname", "[pages.search]\nnmae"),
        )
        .unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::UnknownField, "{error:?}");
        assert_eq!(error.file, FILE);
        let line = text.lines().position(|l| l == "[pages.search]").unwrap() + 2;
        assert_eq!(error.line, line, "{error:?}");

        // Every value of a field needs its name: one left out is an error at its table.
        std::fs::write(
            site.path().join(FILE),
            text.replace("police = \"Police\"\n", ""),
        )
        .unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::MissingField, "{error:?}");
        assert!(error.message.contains("`police`"), "{error:?}");
        let table = text
            .lines()
            .position(|l| l == "[labels.partner_kind]")
            .unwrap()
            + 1;
        assert_eq!(error.line, table, "{error:?}");
        assert_eq!(wording.labels.partner_kind(PartnerKind::Police), "Police");

        // A phrase may use only the names its page fills in.
        std::fs::write(
            site.path().join(FILE),
            text.replace("Suggested: {tier}", "Suggested: {teir}"),
        )
        .unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::UnknownValue, "{error:?}");
        assert!(error.message.contains("`{teir}`"), "{error:?}");
        let line = text
            .lines()
            .position(|l| l.starts_with("outcome_title"))
            .unwrap()
            + 1;
        assert_eq!(error.line, line, "{error:?}");
        assert_eq!(
            fill(&wording.chooser.outcome_title, &[("tier", &"High")]),
            "Suggested: High"
        );
    }

    /// Lists and search name the bank holidays page as the page itself does.
    #[test]
    fn a_page_the_site_makes_is_listed_in_the_themes_words() {
        use crate::model::{BankHolidays, Describe};
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut wording = Wording::load(&root, "default").unwrap();
        wording.pages.bank_holidays.name = "Gwyliau banc: {region}".into();
        wording.pages.bank_holidays.summary = Some("Y dyddiau".into());
        let holidays = BankHolidays {
            division: "scotland".into(),
            source: None,
            events: Vec::new(),
        };
        let header = holidays.header();
        assert_eq!(wording.title_of(&header), "Gwyliau banc: Scotland");
        assert_eq!(wording.summary_of(&header), "Y dyddiau");
    }

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
