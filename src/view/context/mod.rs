//! The template contract: what each template gets, as types.
//!
//! Every page's context is one of the structs registered in [`templates!`] below, made by
//! the view and serialised for Tera. Their doc comments are the reference in
//! `docs/templates.md`, which a test generates from these types' JSON Schemas (run
//! `UPDATE_DOCS=1 cargo test docs` after changing them), so the docs a theme author reads
//! cannot drift from what the templates get. Only data lives here; the view fills it.

mod directory;
mod lists;
mod reference;
mod services;
mod tools;

pub use directory::*;
pub use lists::*;
pub use reference::*;
pub use services::*;
pub use tools::*;

use schemars::JsonSchema;
use serde::Serialize;

/// A page's context: serialised for its template, and documented.
pub trait PageContext: Serialize + JsonSchema {
    /// The template that renders it.
    const TEMPLATE: &'static str;
}

/// Registers each context type with the template that renders it.
macro_rules! templates {
    ($($template:literal => $ty:ty,)*) => {
        $(impl PageContext for $ty {
            const TEMPLATE: &'static str = $template;
        })*

        /// Every template with its context's schema (a reference into `generator`'s
        /// definitions), in the order the docs list them.
        pub fn schemas(
            generator: &mut schemars::SchemaGenerator,
        ) -> Vec<(&'static str, schemars::Schema)> {
            vec![$(($template, generator.subschema_for::<$ty>()),)*]
        }
    };
}

templates! {
    "home.html" => Home,
    "tiers.html" => Tiers,
    "tier.html" => TierPage,
    "offers.html" => Offers,
    "offer.html" => OfferPage,
    "partners.html" => Partners,
    "partner.html" => PartnerPage,
    "protocols.html" => Protocols,
    "protocol.html" => ProtocolPage,
    "guidance_list.html" => GuidanceList,
    "guidance.html" => GuidancePage,
    "page.html" => PlainPage,
    "(a kind's template)" => RecordPage,
    "glossary.html" => Glossary,
    "chooser.html" => ChooserPage,
    "browse.html" => BrowsePage,
    "search.html" => SearchPage,
    "planner.html" => PlannerPage,
    "bank_holidays.html" => BankHolidaysPage,
    "commitments.html" => CommitmentsPage,
    "404.html" => NotFound,
    "views/offer_card.html" => OfferCardView,
    "views/browse_item.html" => BrowseItemView,
    "sitemap.xml" => Sitemap,
    "atom.xml" => Atom,
}

// ---------------------------------------------------------------------------------------
// Shapes shared by many templates.

/// A list entry already rendered by its view template (`views/`), to print with `| safe`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Rendered(pub String);

impl JsonSchema for Rendered {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rendered".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "HTML of a list entry rendered once by its view template (`views/`), to print with `| safe`."
        })
    }
}

/// A date.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Date {
    /// `2026-11-01`.
    pub iso: String,
    /// `1 November 2026`, with the month names of `[dates]`.
    pub display: String,
}

/// A link to a page of the site.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Link {
    pub title: String,
    /// Root-relative (`/offers/x/`), or a fragment (`#step-x`).
    pub url: String,
}

/// A way to reach someone (any field but `role` may be null).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Contact {
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub notes: Option<String>,
    pub url: Option<String>,
    /// When the contact was last checked (a partner's `verified` when it has none).
    pub verified: Option<Date>,
}

// ---------------------------------------------------------------------------------------
// What every page template gets besides its own context.

/// What every page template gets besides its own context.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Shared {
    /// The site's settings.
    pub site: Site,
    /// The main navigation.
    pub nav: Vec<Link>,
    /// The plain pages (`content/pages/`: accessibility statement, about), by title.
    pub footer_links: Vec<Link>,
    /// The page being rendered.
    pub page: Page,
    /// The site-wide "get help" block from `site.toml`, shown in the same place on every
    /// page.
    pub help: Option<crate::config::Help>,
    /// What the page's Pagefind filters and metadata are made from (`base.html` writes
    /// them), for a page both search engines index; null on other pages.
    pub page_search: Option<crate::search::PageFacets>,
    /// The page in each of the site's languages, this page's among them (`current`):
    /// the language switch and the `hreflang` alternates. Empty on a site of one language.
    pub languages: Vec<crate::edition::LanguageLink>,
    /// The theme's words (`[text]` of `wording.toml`), by key: `{{ t.skip_link }}`. Plain
    /// text, except keys ending in `_html`; a phrase's `{name}`s are filled in with
    /// `replace`. List entries (`views/`), `sitemap.xml`, `robots.txt` and `atom.xml` get
    /// it too.
    pub t: crate::wording::Text,
    /// The names of the months and weekdays (`[dates]` of `wording.toml`), for the
    /// scripts (`macros.html`'s `script_words`); dates come written in words already.
    pub dates: crate::wording::DateWording,
}

/// The site's settings from `site.toml`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Site {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
}

/// The page being rendered.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Page {
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    /// The pages above this one, the home page first; empty on the home page.
    pub breadcrumbs: Vec<Link>,
    pub reviewed: Option<Date>,
    pub review_by: Option<Date>,
    /// The template rendering it.
    pub template: String,
    /// The page of a record both search engines index; `base.html` marks it for Pagefind.
    pub searchable: bool,
}
