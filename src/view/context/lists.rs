//! Contexts of the browse lists, the search page, the 404 page and the generated files.

use super::*;
use schemars::JsonSchema;
use serde::Serialize;

/// `/browse/a-z/`, `/browse/tiers/`, `/browse/regions/` and `/browse/kinds/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BrowsePage {
    pub browse: Browse,
}

/// A browse list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Browse {
    /// The four browse pages.
    pub links: Vec<BrowseLink>,
    pub groups: Vec<BrowseGroup>,
}

/// A link to a browse page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BrowseLink {
    pub title: String,
    pub url: String,
    /// The page being rendered.
    pub current: bool,
}

/// A group of a browse list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BrowseGroup {
    pub title: String,
    pub anchor: String,
    pub items: Vec<Rendered>,
}

/// `views/browse_item.html`: one line of a browse list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BrowseItemView {
    pub i: BrowseItem,
}

/// A page in a browse list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BrowseItem {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub summary: String,
}

/// `/search/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchPage {
    /// The four browse pages.
    pub browse_links: Vec<BrowseLink>,
    /// Null in a built site: results the preview server worked out for `/search?q=…`
    /// without JavaScript.
    pub results: Option<SearchResults>,
}

/// Results the preview server worked out.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    /// True: no exact match, these are close spellings.
    pub fuzzy: bool,
    pub facets: Vec<SearchFacet>,
    pub hits: Vec<SearchHit>,
}

/// A facet of the results.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchFacet {
    /// `kind` or `tier`.
    pub name: String,
    pub values: Vec<FacetValue>,
}

/// A value of a facet, with the address that narrows the query to it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FacetValue {
    pub label: String,
    pub count: usize,
    pub url: String,
}

/// A result.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchHit {
    pub url: String,
    pub title: String,
    pub kind_label: String,
    /// Matches in `<b>`, the rest escaped.
    pub snippet_html: String,
}

/// `404.html`: nothing more.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NotFound {}

// ---------------------------------------------------------------------------------------
// Generated files.

/// `sitemap.xml`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Sitemap {
    pub urls: Vec<SitemapUrl>,
    /// The site has more than one language: pages list their alternates.
    pub multilingual: bool,
}

/// A page in the sitemap.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SitemapUrl {
    /// Absolute.
    pub loc: String,
    /// ISO date, or null.
    pub lastmod: Option<String>,
    /// The page in each language that has it, itself included; empty on a site of one
    /// language.
    pub alternates: Vec<Alternate>,
}

/// A page in one language, for `hreflang`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Alternate {
    /// The language's code (`cy`, `en-GB`).
    pub lang: String,
    /// Absolute.
    pub href: String,
}

/// `atom.xml`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Atom {
    pub feed: Feed,
}

/// The 50 services and guidance pages reviewed most recently, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Feed {
    /// The address of the language's home page, absolute.
    pub id: String,
    /// The feed's own address, absolute.
    pub url: String,
    /// ISO date and time.
    pub updated: String,
    pub entries: Vec<FeedEntry>,
}

/// An entry of the feed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FeedEntry {
    pub title: String,
    /// Absolute.
    pub url: String,
    pub updated: String,
    pub summary: String,
}
