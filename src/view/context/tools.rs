//! Contexts of the tier chooser, the release-date planner and the bank holidays.

use super::*;
use schemars::JsonSchema;
use serde::Serialize;

/// A page of the tier chooser: a question, or the outcome a route ends in. The page
/// title is the question, or the outcome's (`[chooser] outcome_title` in `wording.toml`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChooserPage {
    pub chooser: Chooser,
}

/// The chooser on one page; `kind` says which.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Chooser {
    /// A question, its answers links to the pages that follow.
    Question {
        title: String,
        start_url: String,
        so_far: Vec<Given>,
        number: usize,
        hint: Option<String>,
        answers: Vec<Link>,
    },
    /// The tier a route ends in, with its services.
    Outcome {
        title: String,
        start_url: String,
        so_far: Vec<Given>,
        tier: TierName,
        text: String,
        offers: Vec<Rendered>,
        no_fit: String,
    },
}

/// An answer given on the way to this page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Given {
    pub question: String,
    pub answer: String,
    /// The page that asked it, to change the answer.
    pub change_url: String,
}

/// A tier by name.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TierName {
    pub key: &'static str,
    pub title: String,
    pub url: String,
}

/// `/planner/`: the release-date planner. Only anchors some timing uses get a field.
/// `static/planner.js` reads each item's timing from `data-anchor`, `data-relation`,
/// `data-min`, `data-max`, `data-unit` and `data-marks` on `li.planner-item`, writes the
/// dates into its `.planner-date`, and reads the bank holidays from `<script
/// type="application/json" id="planner-holidays">`: keep those names if you override the
/// template.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlannerPage {
    pub planner: Planner,
}

/// The planner's form, checklist and bank holidays.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Planner {
    pub fields: Vec<PlannerField>,
    pub sections: Vec<PlanSection>,
    pub holidays: Option<Holidays>,
}

/// A date the form asks for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlannerField {
    /// `release`, `referral`, `assessment`, `sentence`, `reception` or `start_of_order`.
    pub key: &'static str,
    pub label: String,
    pub hint: String,
    /// True for release and referral (the rest sit behind "More dates").
    pub main: bool,
}

/// A section of the checklist: the service levels, or a protocol's timed steps.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum PlanSection {
    /// The service levels' deadlines.
    ServiceLevels {
        /// `service-levels`.
        id: &'static str,
        title: String,
        intro: Option<String>,
        items: Vec<ServiceLevelItem>,
    },
    /// A protocol's timed steps.
    Protocol {
        /// `protocol-<slug>`.
        id: String,
        title: String,
        /// The protocol's page.
        url: String,
        items: Vec<StepItem>,
    },
}

/// A service level's deadline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ServiceLevelItem {
    pub id: String,
    pub title: String,
    pub text: Option<String>,
    pub timing: PlanTiming,
    /// The anchor whose date this deadline sets, if any.
    pub marks: Option<&'static str>,
    pub offers: Vec<Link>,
}

/// A protocol step's deadline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StepItem {
    pub id: String,
    pub number: usize,
    pub title: String,
    /// `/protocols/<slug>/#step-<id>`.
    pub url: String,
    pub stage: String,
    /// The title of its pathway where a protocol has several and it differs from the
    /// stage's, else null.
    pub pathway: Option<String>,
    pub lead: String,
    pub timing: PlanTiming,
}

/// A deadline, in words and as the planner's script reads it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanTiming {
    pub text: String,
    pub anchor: &'static str,
    pub relation: &'static str,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub unit: &'static str,
}

/// The bank holidays the planner counts working days with.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Holidays {
    pub url: String,
    pub region: String,
    /// `holidays.json` for the page's script, `<` escaped; print it with `| safe`.
    pub json: String,
    pub from: Option<Date>,
    pub until: Option<Date>,
}

/// `/bank-holidays/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BankHolidaysPage {
    pub bank_holidays: BankHolidays,
}

/// The bank holidays of a region, by year.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BankHolidays {
    pub region: String,
    pub source: Option<String>,
    pub years: Vec<HolidayYear>,
}

/// One year's bank holidays.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HolidayYear {
    pub year: i16,
    pub days: Vec<Holiday>,
}

/// A bank holiday.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Holiday {
    pub iso: String,
    /// `25 December 2026`, with the month names of `[dates]`.
    pub display: String,
    /// `Friday`, with the weekday names of `[dates]`.
    pub weekday: String,
    pub title: String,
    pub notes: String,
}
