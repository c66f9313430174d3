//! Contexts of partners, protocols, guidance, plain pages and the pages of kinds without a
//! view of their own.

use super::*;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

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
