//! Contexts of the home page, the tiers and the services.

use super::*;
use schemars::JsonSchema;
use serde::Serialize;

/// `/`: the home page. The cards for practitioners, participants and editors are the
/// template's, in the theme's words (`t.home_…`), so a theme can reword them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Home {
    /// The body of `content/index.md`.
    pub intro_html: String,
    /// The practitioners' tools (the tier chooser and the planner), where the content has
    /// them.
    pub tools: Vec<Tool>,
    pub tiers: Vec<Tier>,
}

/// A practitioners' tool.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Tool {
    pub title: String,
    pub url: String,
    pub text: String,
}

/// `/tiers/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Tiers {
    /// Low → high.
    pub tiers: Vec<Tier>,
    /// The tier chooser's first question; null without a chooser.
    pub chooser_url: Option<String>,
}

/// A tier's page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TierPage {
    pub tier: Tier,
}

/// A tier of support.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Tier {
    /// `low`, `medium` or `high`.
    pub key: &'static str,
    /// Its name (`[labels.tier]` in `wording.toml`: `Low`, `Medium` or `High`).
    pub name: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub who_for: String,
    pub sessions: u32,
    pub weeks: u32,
    pub interventions: Vec<Intervention>,
    /// Each lower tier, whose support this one includes.
    pub includes: Vec<Link>,
    pub body_html: String,
    pub offer_count: usize,
    /// Filled only on the tier's own page; elsewhere use `offer_count`.
    pub offers: Vec<Rendered>,
}

/// One of a tier's interventions.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Intervention {
    pub letter: String,
    pub text: String,
}

/// `/offers/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Offers {
    /// Low → high.
    pub by_tier: Vec<TierOffers>,
}

/// The services of one tier.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TierOffers {
    pub tier: Link,
    pub offers: Vec<Rendered>,
}

/// A service's card, as every list of services shows it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OfferCard {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub tier_key: &'static str,
    pub tier_title: String,
    pub provider: Link,
    pub regions: Vec<String>,
}

/// `views/offer_card.html`: the card of a service in every list of services.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OfferCardView {
    pub o: OfferCard,
    /// The heading level of its title (3).
    pub level: u8,
}

/// A service's page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OfferPage {
    pub offer: Offer,
}

/// A service: its card and the rest.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Offer {
    #[serde(flatten)]
    pub card: OfferCard,
    pub tier_url: String,
    pub eligibility: Eligibility,
    pub support: Vec<String>,
    pub how_to_refer: String,
    pub contacts: Vec<Contact>,
    pub sessions: Option<u32>,
    pub weeks: Option<u32>,
    pub owner: String,
    pub body_html: String,
    /// Up to three services most like this one, from the search index; empty with
    /// `build --no-search`.
    pub related: Vec<Rendered>,
}

/// Who a service is for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Eligibility {
    pub cohorts: Vec<String>,
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    /// The theme's name for the genders it takes (`[labels.gender]` in `wording.toml`).
    pub gender_label: String,
}
