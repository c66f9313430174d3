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
    pub const ALL: [PartnerKind; 15] = [
        PartnerKind::Probation,
        PartnerKind::Prison,
        PartnerKind::LocalHousingAuthority,
        PartnerKind::HousingProvider,
        PartnerKind::SupportProvider,
        PartnerKind::Police,
        PartnerKind::YouthOffending,
        PartnerKind::SocialServices,
        PartnerKind::VoluntarySector,
        PartnerKind::Health,
        PartnerKind::Benefits,
        PartnerKind::ApprovedPremises,
        PartnerKind::Government,
        PartnerKind::Commissioner,
        PartnerKind::Other,
    ];

    /// The value content files use (`kind: local_housing_authority`); its name for readers
    /// is in the theme's `wording.toml`.
    pub fn key(self) -> &'static str {
        match self {
            PartnerKind::Probation => "probation",
            PartnerKind::Prison => "prison",
            PartnerKind::LocalHousingAuthority => "local_housing_authority",
            PartnerKind::HousingProvider => "housing_provider",
            PartnerKind::SupportProvider => "support_provider",
            PartnerKind::Police => "police",
            PartnerKind::YouthOffending => "youth_offending",
            PartnerKind::SocialServices => "social_services",
            PartnerKind::VoluntarySector => "voluntary_sector",
            PartnerKind::Health => "health",
            PartnerKind::Benefits => "benefits",
            PartnerKind::ApprovedPremises => "approved_premises",
            PartnerKind::Government => "government",
            PartnerKind::Commissioner => "commissioner",
            PartnerKind::Other => "other",
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
    /// The id it is published under in the Open Referral export (a UUID), kept from the
    /// feed it was imported from; without it, one made from the site's address and the
    /// file name (`openreferral::ids`).
    pub openreferral_id: Option<String>,
}
