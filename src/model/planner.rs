//! The release-date planner (`content/planner.yaml`) and the bank holidays it skips when
//! counting working days (`content/bank-holidays.yaml`).
//!
//! The planner's checklist is every timed step of every protocol plus the service levels
//! listed here; the dates themselves are worked out in the reader's browser.

use super::{Anchor, IsoDate, Timing};
use serde::Deserialize;

/// A promise a service makes, e.g. "assessment within 10 working days of referral".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevel {
    pub id: String,
    pub title: String,
    pub text: Option<String>,
    pub timing: Timing,
    /// The event this service level is, so later timings can count from its date when the
    /// reader has not entered one (the action plan counts from the assessment).
    pub marks: Option<Anchor>,
    /// Slugs of the services that make this promise.
    #[serde(default)]
    pub offers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Planner {
    pub title: String,
    pub summary: String,
    /// The heading over the service levels (default "Service levels") and a line under it.
    pub service_levels_title: Option<String>,
    pub service_levels_intro: Option<String>,
    #[serde(default)]
    pub service_levels: Vec<ServiceLevel>,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
}

/// One bank holiday. The fields are GOV.UK's (`notes` and `bunting` are accepted so its
/// data can be pasted in as it is).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub date: IsoDate,
    pub title: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub bunting: bool,
}

/// The shape of one division of <https://www.gov.uk/bank-holidays.json>.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankHolidays {
    pub division: String,
    /// Where the dates come from, shown on the page.
    pub source: Option<String>,
    pub events: Vec<Holiday>,
}

impl BankHolidays {
    /// The last date the list covers.
    pub fn last(&self) -> Option<IsoDate> {
        self.events.iter().map(|h| h.date).max()
    }

    /// GOV.UK's divisions, as named in <https://www.gov.uk/bank-holidays.json> (their
    /// names for readers are the theme's: `[labels.division]`).
    pub const DIVISIONS: [&'static str; 3] = ["england-and-wales", "scotland", "northern-ireland"];
}
