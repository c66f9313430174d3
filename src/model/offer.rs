//! Offers: a support service at one tier, from one provider.

use super::{Contact, IsoDate, Tier};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    #[default]
    Any,
    Male,
    Female,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Any, Gender::Male, Gender::Female];

    /// The value content files use; its name for readers is in the theme's `wording.toml`.
    pub fn key(self) -> &'static str {
        match self {
            Gender::Any => "any",
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

/// Who can use an offer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    #[serde(default)]
    pub cohorts: Vec<String>,
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    #[serde(default)]
    pub gender: Gender,
}

/// Front matter of `content/offers/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    pub title: String,
    pub tier: Tier,
    /// Slug of the partner that delivers it.
    pub provider: String,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub eligibility: Eligibility,
    pub summary: String,
    #[serde(default)]
    pub support: Vec<String>,
    pub how_to_refer: String,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    pub sessions: Option<u32>,
    pub weeks: Option<u32>,
    pub owner: String,
    pub reviewed: IsoDate,
    pub review_by: IsoDate,
    #[serde(default)]
    pub draft: bool,
    /// The id it is published under in the Open Referral export (a UUID), kept from the
    /// feed it was imported from; without it, one made from the site's address and the
    /// file name (`openreferral::ids`).
    pub openreferral_id: Option<String>,
}
