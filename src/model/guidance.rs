//! Guidance articles and plain pages.

use super::IsoDate;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Participant,
    Practitioner,
    Editor,
}

impl Audience {
    pub const ALL: [Audience; 3] = [
        Audience::Participant,
        Audience::Practitioner,
        Audience::Editor,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Audience::Participant => "participant",
            Audience::Practitioner => "practitioner",
            Audience::Editor => "editor",
        }
    }
}

/// Front matter of `content/guidance/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub title: String,
    pub audience: Audience,
    pub summary: String,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
    #[serde(default)]
    pub draft: bool,
}

/// Front matter of `content/pages/*.md` and `content/index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: String,
    pub summary: Option<String>,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
    #[serde(default)]
    pub draft: bool,
}

impl Page {
    /// The home page of a site whose `content/index.md` has no front matter: no title of
    /// its own, so the page takes the theme's name for it (`[pages.home]`).
    pub fn untitled_home() -> Page {
        Page {
            title: String::new(),
            summary: None,
            reviewed: None,
            review_by: None,
            draft: false,
        }
    }
}
