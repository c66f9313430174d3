//! The pages the site makes itself (lists, browse pages, search, the bank holidays page),
//! named here so that the model, the view and the theme's words (`wording.toml`'s
//! `[pages]`) can all refer to them without importing one another.

/// The pages the site makes itself, whose words come from `wording::Pages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    Home,
    Tiers,
    Offers,
    Partners,
    Protocols,
    Guidance,
    Glossary,
    Commitments,
    Search,
    NotFound,
    BrowseAToZ,
    BrowseTiers,
    BrowseRegions,
    BrowseKinds,
    /// Its `{region}` is filled in by the page.
    BankHolidays,
}
