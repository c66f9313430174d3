//! The template contract: what each template gets, as types.
//!
//! Every page's context is one of the structs registered in [`templates!`] below, made by
//! the view and serialised for Tera. Their doc comments are the reference in
//! `docs/templates.md`, which a test generates from these types' JSON Schemas (run
//! `UPDATE_DOCS=1 cargo test docs` after changing them), so the docs a theme author reads
//! cannot drift from what the templates get. Only data lives here; the view fills it.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

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
    /// `1 November 2026`.
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

// ---------------------------------------------------------------------------------------
// Tiers and services.

/// `/`: the home page. The cards for practitioners, participants and editors are written
/// in the template itself, so a theme can reword them.
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

// ---------------------------------------------------------------------------------------
// Partners, protocols and guidance.

/// `/partners/`: sorted by kind label, then name.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Partners {
    pub groups: Vec<PartnerGroup>,
}

/// The partners of one kind.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartnerGroup {
    pub kind_label: String,
    pub partners: Vec<PartnerItem>,
}

/// A partner in the list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartnerItem {
    pub title: String,
    pub url: String,
    pub role: String,
}

/// A partner's page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartnerPage {
    pub partner: Partner,
}

/// A partner organisation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Partner {
    pub title: String,
    pub kind_label: String,
    pub role: String,
    pub areas: Vec<String>,
    pub contacts: Vec<Contact>,
    pub verified: Option<Date>,
    pub body_html: String,
    /// The protocol steps that name it.
    pub steps: Vec<PartnerStep>,
    /// The services it provides.
    pub offers: Vec<Rendered>,
}

/// A protocol step that names a partner.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartnerStep {
    pub protocol: Link,
    pub step: Link,
}

/// `/protocols/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Protocols {
    /// By title.
    pub protocols: Vec<ProtocolItem>,
    /// The release-date planner; null without one.
    pub planner: Option<PlannerLink>,
}

/// A protocol in the list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProtocolItem {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub stage_count: usize,
    pub step_count: usize,
}

/// The planner, as the protocols page links to it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlannerLink {
    pub url: String,
    pub title: String,
    pub summary: String,
}

/// A protocol's page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProtocolPage {
    pub protocol: Protocol,
}

/// A multi-agency protocol.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Protocol {
    pub title: String,
    pub summary: String,
    pub source: Option<String>,
    pub pathways: Vec<Pathway>,
    /// All of them, in order.
    pub stages: Vec<Stage>,
    pub stage_count: usize,
    /// The chart of the steps as an inline `<svg role="img">` (built by `src/flowchart/`,
    /// text escaped; print it with `| safe`).
    pub flowchart_svg: String,
    /// `/planner/#plan-protocol-<slug>`; null when there is no planner or the protocol has
    /// no timed steps.
    pub planner_url: Option<String>,
}

/// A pathway: the stages followed from one start.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Pathway {
    pub id: String,
    /// `pathway-<id>`.
    pub anchor: String,
    pub number: usize,
    /// Its first stage's.
    pub title: String,
    pub start: Option<Target>,
    pub stages: Vec<Stage>,
}

/// A stage of a protocol.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Stage {
    pub id: String,
    pub anchor: String,
    pub number: usize,
    pub title: String,
    pub summary: Option<String>,
    pub steps: Vec<Step>,
}

/// A step of a protocol.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Step {
    pub id: String,
    /// `step-<id>`.
    pub anchor: String,
    /// 1.. across the protocol.
    pub number: usize,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub title: String,
    pub lead: Vec<String>,
    pub partners: Vec<Link>,
    /// "At least 28 days before release".
    pub timing: Option<String>,
    pub actions: Vec<String>,
    pub questions: Vec<String>,
    /// The ways on from it, the plain "next step" to the step listed right after it left
    /// out.
    pub ways: Vec<Way>,
    /// Its branches (kept for templates that list them as before `ways`).
    pub branches: Vec<Branch>,
    /// True when it and the step listed before it are alternatives of one step.
    pub or_before: bool,
}

/// A way on from a step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Way {
    /// True after the first of several.
    pub or: bool,
    /// "If …", "Otherwise", "Next" or null.
    pub label: Option<String>,
    /// Null: the pathway ends.
    pub target: Option<Target>,
}

/// A branch of a step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Branch {
    pub condition: String,
    pub target: Target,
}

/// A step a way leads to.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Target {
    pub title: String,
    pub number: usize,
    /// `#step-<id>`.
    pub url: String,
}

/// `/guidance/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GuidanceList {
    pub groups: Vec<GuidanceGroup>,
}

/// The guidance for one audience.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GuidanceGroup {
    pub audience: &'static str,
    pub audience_label: String,
    pub items: Vec<GuidanceItem>,
}

/// A guidance page in the list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GuidanceItem {
    pub title: String,
    pub url: String,
    pub summary: String,
}

/// A guidance page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GuidancePage {
    pub guidance: Guidance,
}

/// Guidance for one audience.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Guidance {
    pub title: String,
    pub audience: &'static str,
    pub audience_label: String,
    pub summary: String,
    pub body_html: String,
}

/// A plain page (`content/pages/`, such as the accessibility statement).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlainPage {
    pub body_html: String,
}

/// The page of a record whose kind has no view of its own, rendered by the template its
/// row in `src/kind.rs` names; its title, summary and review dates are in `page`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RecordPage {
    /// The fields its model's `Describe::fields` gives.
    pub record: Value,
    pub body_html: String,
}

// ---------------------------------------------------------------------------------------
// Reference pages.

/// `/glossary/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Glossary {
    /// By term.
    pub terms: Vec<Term>,
    pub letters: Vec<Letter>,
}

/// A glossary term.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Term {
    pub term: String,
    /// `term-<slug>`.
    pub anchor: String,
    /// Set on the first term of each letter, else null: put it on a letter heading
    /// before that term.
    pub letter_anchor: Option<String>,
    pub abbreviations: Vec<String>,
    pub aliases: Vec<String>,
    pub definition: String,
    pub see_also: Vec<Link>,
}

/// A letter that starts a glossary term.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Letter {
    pub letter: String,
    pub anchor: String,
}

/// The commitments tracker, or one of its copies filtered by status.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CommitmentsPage {
    pub commitments: Commitments,
}

/// The commitments and the responses to them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Commitments {
    pub title: String,
    pub summary: String,
    pub source: Option<String>,
    /// How many have each status.
    pub counts: Vec<StatusCount>,
    /// The status this copy lists; null on the page of all of them.
    pub filter: Option<&'static str>,
    /// The pages of all of them and of each status.
    pub filters: Vec<StatusFilter>,
    pub items: Vec<Commitment>,
}

/// How many commitments have a status.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusCount {
    pub status: &'static str,
    pub label: String,
    pub count: usize,
    pub url: String,
}

/// A link to the page of all commitments or of one status.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusFilter {
    pub label: String,
    pub url: String,
    pub count: usize,
    /// The page being rendered.
    pub current: bool,
}

/// A commitment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Commitment {
    pub number: u32,
    pub anchor: String,
    pub recommendation: String,
    pub status: &'static str,
    pub status_label: String,
    pub response: String,
    pub owner: String,
    pub target: Option<Date>,
    pub progress: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Tools.

/// A page of the tier chooser: a question, or the outcome a route ends in. The page
/// title is the question, or the outcome's (`[chooser] outcome_title` in `wording.toml`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChooserPage {
    pub chooser: Chooser,
}

/// The chooser on one page; `kind` says which.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Chooser {
    /// A question, its answers links to the pages that follow.
    Question {
        title: String,
        start_url: String,
        so_far: Vec<Given>,
        number: usize,
        hint: Option<String>,
        answers: Vec<Link>,
    },
    /// The tier a route ends in, with its services.
    Outcome {
        title: String,
        start_url: String,
        so_far: Vec<Given>,
        tier: TierName,
        text: String,
        offers: Vec<Rendered>,
        no_fit: String,
    },
}

/// An answer given on the way to this page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Given {
    pub question: String,
    pub answer: String,
    /// The page that asked it, to change the answer.
    pub change_url: String,
}

/// A tier by name.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TierName {
    pub key: &'static str,
    pub title: String,
    pub url: String,
}

/// `/planner/`: the release-date planner. Only anchors some timing uses get a field.
/// `static/planner.js` reads each item's timing from `data-anchor`, `data-relation`,
/// `data-min`, `data-max`, `data-unit` and `data-marks` on `li.planner-item`, writes the
/// dates into its `.planner-date`, and reads the bank holidays from `<script
/// type="application/json" id="planner-holidays">`: keep those names if you override the
/// template.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlannerPage {
    pub planner: Planner,
}

/// The planner's form, checklist and bank holidays.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Planner {
    pub fields: Vec<PlannerField>,
    pub sections: Vec<PlanSection>,
    pub holidays: Option<Holidays>,
}

/// A date the form asks for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlannerField {
    /// `release`, `referral`, `assessment`, `sentence`, `reception` or `start_of_order`.
    pub key: &'static str,
    pub label: String,
    pub hint: String,
    /// True for release and referral (the rest sit behind "More dates").
    pub main: bool,
}

/// A section of the checklist: the service levels, or a protocol's timed steps.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum PlanSection {
    /// The service levels' deadlines.
    ServiceLevels {
        /// `service-levels`.
        id: &'static str,
        title: String,
        intro: Option<String>,
        items: Vec<ServiceLevelItem>,
    },
    /// A protocol's timed steps.
    Protocol {
        /// `protocol-<slug>`.
        id: String,
        title: String,
        /// The protocol's page.
        url: String,
        items: Vec<StepItem>,
    },
}

/// A service level's deadline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ServiceLevelItem {
    pub id: String,
    pub title: String,
    pub text: Option<String>,
    pub timing: PlanTiming,
    /// The anchor whose date this deadline sets, if any.
    pub marks: Option<&'static str>,
    pub offers: Vec<Link>,
}

/// A protocol step's deadline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StepItem {
    pub id: String,
    pub number: usize,
    pub title: String,
    /// `/protocols/<slug>/#step-<id>`.
    pub url: String,
    pub stage: String,
    /// The title of its pathway where a protocol has several and it differs from the
    /// stage's, else null.
    pub pathway: Option<String>,
    pub lead: String,
    pub timing: PlanTiming,
}

/// A deadline, in words and as the planner's script reads it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanTiming {
    pub text: String,
    pub anchor: &'static str,
    pub relation: &'static str,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub unit: &'static str,
}

/// The bank holidays the planner counts working days with.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Holidays {
    pub url: String,
    pub region: String,
    /// `holidays.json` for the page's script, `<` escaped; print it with `| safe`.
    pub json: String,
    pub from: Option<Date>,
    pub until: Option<Date>,
}

/// `/bank-holidays/`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BankHolidaysPage {
    pub bank_holidays: BankHolidays,
}

/// The bank holidays of a region, by year.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BankHolidays {
    pub region: String,
    pub source: Option<String>,
    pub years: Vec<HolidayYear>,
}

/// One year's bank holidays.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HolidayYear {
    pub year: i16,
    pub days: Vec<Holiday>,
}

/// A bank holiday.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Holiday {
    pub iso: String,
    pub display: String,
    pub weekday: String,
    pub title: String,
    pub notes: String,
}

// ---------------------------------------------------------------------------------------
// Browse and search.

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
}

/// A page in the sitemap.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SitemapUrl {
    /// Absolute.
    pub loc: String,
    /// ISO date, or null.
    pub lastmod: Option<String>,
}

/// `atom.xml`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Atom {
    pub feed: Feed,
}

/// The 50 services and guidance pages reviewed most recently, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Feed {
    pub id: String,
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
