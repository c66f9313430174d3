//! Search: what a page says, in one shape for both engines.
//!
//! [`documents`] turns the validated content into [`SearchDoc`]s — one per page, and one
//! per protocol step and glossary term so those can be found on their own. The tantivy
//! index ([`index`]) and its queries ([`query`]) read them; glossary synonyms
//! ([`synonyms`]) become each document's aliases.

pub mod cli;
pub mod index;
pub mod pagefind;
pub mod query;
pub mod related;
mod stemming;
pub mod synonyms;

use crate::anchor;
use crate::content::{AnyRecord, Content};
use crate::kind::DocKind;
use crate::markdown::plain_text;
use crate::wording::{fill, Wording};
use synonyms::Synonyms;

/// A searchable unit: a page, a protocol step or a glossary term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchDoc {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub kind: DocKind,
    pub tier: Option<&'static str>,
    pub regions: Vec<String>,
    pub cohorts: Vec<String>,
    pub audience: Option<&'static str>,
    /// Other names of the glossary terms this document mentions.
    pub aliases: Vec<String>,
}

fn join<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        if !p.trim().is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(p.trim());
        }
    }
    out
}

/// A record's own page as a search document: its header, the text of its fields that
/// search finds it by, and its body.
fn page_document(r: &AnyRecord<'_>, kind: DocKind, wording: &Wording) -> SearchDoc {
    let header = r.data.header();
    let fields = r.data.search_text();
    let text = plain_text(&r.body.html);
    let body = if fields.is_empty() {
        text
    } else {
        join(fields.iter().map(|f| f.as_ref()).chain([text.as_str()]))
    };
    SearchDoc {
        url: r.url.to_string(),
        title: wording.title_of(&header).into_owned(),
        summary: wording.summary_of(&header).into_owned(),
        body,
        kind,
        tier: header.tier.map(|t| t.key()),
        regions: header.regions.to_vec(),
        cohorts: header.cohorts.to_vec(),
        audience: header.audience.map(|a| a.key()),
        aliases: Vec::new(),
    }
}

/// What rendering takes from search: related offers and each page's search facets.
#[derive(Debug, Default)]
pub struct SearchData {
    pub related: related::Related,
    pub facets: std::collections::BTreeMap<String, PageFacets>,
}

/// What the static search needs to know of a page: its filters and the other names of the
/// glossary terms it mentions (for the page and any steps or terms on it).
#[derive(Debug, Clone, Default, serde::Serialize, schemars::JsonSchema)]
pub struct PageFacets {
    pub kind: String,
    pub kind_label: String,
    pub tier: Option<&'static str>,
    pub regions: Vec<String>,
    pub cohorts: Vec<String>,
    /// Joined with `; ` (Pagefind separates metadata keys with commas).
    pub aliases: String,
}

/// Facets per page URL, merging the documents that live on one page.
pub fn page_facets(docs: &[SearchDoc]) -> std::collections::BTreeMap<String, PageFacets> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut aliases: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut out: BTreeMap<String, PageFacets> = BTreeMap::new();
    for d in docs {
        let page = d.url.split('#').next().unwrap_or(&d.url).to_string();
        aliases
            .entry(page.clone())
            .or_default()
            .extend(d.aliases.iter().map(String::as_str));
        let facets = PageFacets {
            kind: d.kind.key().to_string(),
            // Named by the theme's wording when the page renders.
            kind_label: String::new(),
            tier: d.tier,
            regions: d.regions.clone(),
            cohorts: d.cohorts.clone(),
            aliases: String::new(),
        };
        // Documents are sorted by URL, so a page's own document comes before its steps or
        // terms; a page made only of terms (the glossary) takes its terms' kind.
        if d.url == page {
            out.insert(page, facets);
        } else {
            out.entry(page).or_insert(facets);
        }
    }
    for (page, names) in aliases {
        let clean: Vec<String> = names
            .iter()
            .map(|n| n.replace([',', ':', ';'], " "))
            .collect();
        let facets = out.entry(page).or_default();
        facets.aliases = clean.join("; ");
    }
    out
}

/// The glossary as search synonyms.
pub fn synonyms(content: &Content) -> Synonyms {
    Synonyms::from_glossary(content.glossary.as_ref().map(|g| &g.data))
}

/// Every searchable document, in a stable order (by URL). The words search adds to parts
/// of pages (a step's line under its title, a recommendation's title) are `wording`'s.
pub fn documents(content: &Content, synonyms: &Synonyms, wording: &Wording) -> Vec<SearchDoc> {
    documents_of(content, synonyms, wording, |_| true)
}

/// The documents of the records whose page URL passes `keep` (a record's steps or terms
/// come with it), by URL.
pub fn documents_of(
    content: &Content,
    synonyms: &Synonyms,
    wording: &Wording,
    keep: impl Fn(&str) -> bool + Sync,
) -> Vec<SearchDoc> {
    use rayon::prelude::*;
    // A page of every record whose kind is searched as a page (`search` in `kind::KINDS`),
    // in parallel: services, partners and guidance are most of a large site.
    let records = content.records();
    let mut docs: Vec<SearchDoc> = records
        .par_iter()
        .filter(|r| keep(r.url))
        .filter_map(|r| Some(page_document(r, r.kind.row().search?, wording)))
        .collect();
    // Places on pages found on their own, with a deep link.
    for p in content.protocols.iter().filter(|r| keep(&r.url)) {
        let d = &p.data;
        for (n, (si, _, step)) in d.steps().enumerate() {
            let stage = &d.stages[si];
            let timing = step
                .timing
                .map(|t| wording.timing.describe(&t))
                .unwrap_or_default();
            let branches: Vec<&str> = step.branches.iter().map(|b| b.condition.as_str()).collect();
            docs.push(SearchDoc {
                url: format!("{}#{}", p.url, anchor::step(&step.id)),
                title: step.title.clone(),
                summary: join([
                    fill(
                        &wording.search.step_summary,
                        &[
                            ("number", &(n + 1)),
                            ("protocol", &d.title),
                            ("stage", &stage.title),
                        ],
                    )
                    .as_str(),
                    &timing,
                ]),
                body: join([
                    step.lead.join("\n").as_str(),
                    &step.actions.join("\n"),
                    &step.questions.join("\n"),
                    &branches.join("\n"),
                ]),
                kind: DocKind::Step,
                ..SearchDoc::default()
            });
        }
    }
    if let Some(g) = content.glossary.as_ref().filter(|r| keep(&r.url)) {
        for t in &g.data.terms {
            docs.push(SearchDoc {
                url: format!("{}#{}", g.url, t.anchor()),
                title: t.term.clone(),
                summary: t.abbreviations.join(", "),
                body: t.definition.clone(),
                kind: DocKind::Glossary,
                ..SearchDoc::default()
            });
        }
    }
    if let Some(c) = content.commitments.as_ref().filter(|r| keep(&r.url)) {
        for item in &c.data.commitments {
            docs.push(SearchDoc {
                url: format!("{}#{}", c.url, anchor::recommendation(item.number)),
                title: fill(
                    &wording.search.recommendation_title,
                    &[
                        ("number", &item.number),
                        ("status", &wording.labels.status(item.status).to_lowercase()),
                    ],
                ),
                summary: item.recommendation.clone(),
                body: join([
                    item.response.as_str(),
                    &item.owner,
                    item.progress.as_deref().unwrap_or(""),
                ]),
                kind: DocKind::Commitment,
                ..SearchDoc::default()
            });
        }
    }
    docs.par_iter_mut().for_each(|doc| {
        let text = format!("{}\n{}\n{}", doc.title, doc.summary, doc.body);
        doc.aliases = synonyms.aliases_in(&text);
    });
    docs.par_sort_by(|a, b| a.url.cmp(&b.url));
    docs
}
