//! Partner organisations and what kind of agency they are.

use super::{Contact, IsoDate};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    Probation,
    Prison,
    LocalHousingAuthority,
    HousingProvider,
    SupportProvider,
    Police,
    YouthOffending,
    SocialServices,
    VoluntarySector,
    Health,
    Benefits,
    ApprovedPremises,
    Government,
    Commissioner,
    Other,
}

impl PartnerKind {
    pub fn label(self) -> &'static str {
        match self {
            PartnerKind::Probation => "Probation",
            PartnerKind::Prison => "Prison",
            PartnerKind::LocalHousingAuthority => "Local housing authority",
            PartnerKind::HousingProvider => "Housing provider",
            PartnerKind::SupportProvider => "Support provider",
            PartnerKind::Police => "Police",
            PartnerKind::YouthOffending => "Youth offending",
            PartnerKind::SocialServices => "Social services",
            PartnerKind::VoluntarySector => "Voluntary sector",
            PartnerKind::Health => "Health",
            PartnerKind::Benefits => "Benefits",
            PartnerKind::ApprovedPremises => "Approved premises",
            PartnerKind::Government => "Government",
            PartnerKind::Commissioner => "Commissioner",
            PartnerKind::Other => "Other",
        }
    }
}

/// Front matter of `content/partners/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub name: String,
    pub kind: PartnerKind,
    pub role: String,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Contacts without their own `verified` date were checked on this date.
    pub verified: Option<IsoDate>,
    pub reviewed: IsoDate,
    pub review_by: IsoDate,
    #[serde(default)]
    pub draft: bool,
}
