//! Role-based contact details shared by offers and partners.

use super::IsoDate;
use serde::Deserialize;

/// How to reach a team or service. Always a role, never a named person.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub notes: Option<String>,
    pub url: Option<String>,
    pub verified: Option<IsoDate>,
}
