//! The words of the pages the site makes itself (`[pages]`) and of the planner's form
//! (`[planner]`).

use super::{fill, Made};
use serde::Deserialize;

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
