//! Searching the tantivy index: ranked hits with highlighted snippets, filters, facet
//! counts, and a fuzzy second try when a query finds nothing ("refferal" → referral).

use super::index::{fields_of, normalise, Fields, SYNONYMS_FILE};
use super::synonyms::Synonyms;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, QueryParser, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, TantivyDocument, Term};

/// Longest query we accept; anything longer is cut (a search box, not a document).
pub const MAX_QUERY_CHARS: usize = 256;

/// Narrow results to one kind, tier or region.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filters {
    pub kind: Option<String>,
    pub tier: Option<String>,
    pub region: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub url: String,
    pub title: String,
    pub kind: String,
    pub tier: Option<String>,
    /// Excerpt with matches in `<b>`; everything else HTML-escaped.
    pub snippet_html: String,
    pub score: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub query: String,
    pub total: usize,
    /// True when nothing matched exactly and these are near-spellings.
    pub fuzzy: bool,
    pub hits: Vec<Hit>,
    /// Matches per kind and per tier for the query (ignoring that dimension's filter).
    pub facets: BTreeMap<String, Vec<(String, usize)>>,
}

const KINDS: [&str; 9] = [
    "offer",
    "partner",
    "step",
    "protocol",
    "guidance",
    "glossary",
    "tier",
    "page",
    "commitment",
];
const TIERS: [&str; 3] = ["low", "medium", "high"];

/// An opened index, ready for many queries.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    synonyms: Synonyms,
}

/// How much each kind of result counts, relative to how well its text matches. Short
/// glossary entries otherwise crowd out the services and guidance people look for.
const KIND_WEIGHTS: [(&str, f32); 9] = [
    ("offer", 1.4),
    ("tier", 1.3),
    ("guidance", 1.3),
    ("partner", 1.2),
    ("protocol", 1.1),
    ("step", 1.0),
    ("page", 0.9),
    ("glossary", 0.8),
    ("commitment", 0.8),
];

fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

impl SearchIndex {
    pub fn new(index: Index, synonyms: Synonyms) -> tantivy::Result<SearchIndex> {
        let fields = fields_of(&index)?;
        let reader = index.reader()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            synonyms,
        })
    }

    /// Opens the index `build` wrote, with the synonyms saved beside it.
    pub fn open(dir: &std::path::Path) -> tantivy::Result<SearchIndex> {
        let groups: Vec<Vec<String>> = std::fs::read(dir.join(SYNONYMS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        SearchIndex::new(Index::open_in_dir(dir)?, Synonyms::from_groups(groups))
    }

    /// The query as typed, plus each glossary term it mentions under its other names as a
    /// phrase ("AP move on" also looks for "approved premises"), each kind weighted.
    fn text_query(&self, text: &str) -> Box<dyn Query> {
        let f = self.fields;
        let mut parser =
            QueryParser::for_index(&self.index, vec![f.title, f.summary, f.body, f.aliases]);
        parser.set_field_boost(f.title, 3.0);
        parser.set_field_boost(f.aliases, 2.0);
        parser.set_field_boost(f.summary, 1.5);
        let mut expanded = text.to_string();
        for name in self.synonyms.aliases_in(text) {
            let words: Vec<&str> = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if !words.is_empty() {
                expanded.push_str(&format!(" \"{}\"", words.join(" ")));
            }
        }
        // Lenient: a stray quote or colon in a search box is text, not an error. Any word
        // may match, but pages with every word of the query (as typed) rank higher.
        let (any_word, _errors) = parser.parse_query_lenient(&expanded);
        parser.set_conjunction_by_default();
        let (every_word, _errors) = parser.parse_query_lenient(text);
        let query = BooleanQuery::new(vec![
            (Occur::Should, any_word),
            (
                Occur::Should,
                Box::new(BoostQuery::new(every_word, 2.0)) as Box<dyn Query>,
            ),
        ]);
        // Each document has one kind, so this multiplies its score by its kind's weight.
        let weighted: Vec<(Occur, Box<dyn Query>)> = KIND_WEIGHTS
            .iter()
            .map(|(kind, weight)| {
                let both = BooleanQuery::new(vec![
                    (Occur::Must, Box::new(query.clone()) as Box<dyn Query>),
                    (Occur::Must, term_query(f.kind, kind)),
                ]);
                let boosted: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(both), *weight));
                (Occur::Should, boosted)
            })
            .collect();
        Box::new(BooleanQuery::new(weighted))
    }

    /// Each word of `text` as the index stores it (lower-cased, stemmed), for fuzzy matching.
    fn index_terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        if let Ok(mut analyzer) = self.index.tokenizer_for_field(self.fields.body) {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                terms.push(stream.token().text.clone());
            }
        }
        terms
    }

    fn fuzzy_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in self.index_terms(text) {
            let len = term.chars().count();
            if len < 4 {
                continue;
            }
            let distance = if len <= 6 { 1 } else { 2 };
            for field in [f.title, f.body, f.aliases] {
                let q = FuzzyTermQuery::new(Term::from_field_text(field, &term), distance, true);
                clauses.push((Occur::Should, Box::new(q)));
            }
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }

    fn filtered(&self, text: &dyn Query, filters: &Filters, skip: Option<&str>) -> BooleanQuery {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text.box_clone())];
        if let (Some(k), false) = (&filters.kind, skip == Some("kind")) {
            clauses.push((Occur::Must, term_query(f.kind, k)));
        }
        if let (Some(t), false) = (&filters.tier, skip == Some("tier")) {
            clauses.push((Occur::Must, term_query(f.tier, t)));
        }
        if let Some(r) = &filters.region {
            clauses.push((Occur::Must, term_query(f.region, &normalise(r))));
        }
        BooleanQuery::new(clauses)
    }

    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> tantivy::Result<Results> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let searcher = self.reader.searcher();
        let blank = query.trim().is_empty();
        let mut text: Box<dyn Query> = if blank {
            Box::new(AllQuery)
        } else {
            self.text_query(&query)
        };
        let mut total = searcher.search(&self.filtered(&*text, filters, None), &Count)?;
        let mut fuzzy = false;
        if total == 0 && !blank {
            if let Some(q) = self.fuzzy_query(&query) {
                let n = searcher.search(&self.filtered(&*q, filters, None), &Count)?;
                if n > 0 {
                    text = q;
                    total = n;
                    fuzzy = true;
                }
            }
        }
        let full = self.filtered(&*text, filters, None);
        let top = searcher.search(&full, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let f = &self.fields;
        let snippets = SnippetGenerator::create(&searcher, &full, f.body).ok();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let get = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let mut snippet_html = snippets
                .as_ref()
                .map(|g| g.snippet_from_doc(&doc).to_html())
                .unwrap_or_default();
            if snippet_html.trim().is_empty() {
                snippet_html = crate::render::escape(&get(f.summary).unwrap_or_default());
            }
            hits.push(Hit {
                url: get(f.url).unwrap_or_default(),
                title: get(f.title).unwrap_or_default(),
                kind: get(f.kind).unwrap_or_default(),
                tier: get(f.tier),
                snippet_html,
                score,
            });
        }
        // Equal scores: order by URL so the same query always lists the same way.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.url.cmp(&b.url)));

        let mut facets = BTreeMap::new();
        for (name, field, values) in [("kind", f.kind, &KINDS[..]), ("tier", f.tier, &TIERS[..])] {
            let base = self.filtered(&*text, filters, Some(name));
            let mut counts = Vec::new();
            for v in values {
                let q = BooleanQuery::new(vec![
                    (Occur::Must, Box::new(base.clone()) as Box<dyn Query>),
                    (Occur::Must, term_query(field, v)),
                ]);
                let n = searcher.search(&q, &Count)?;
                if n > 0 {
                    counts.push((v.to_string(), n));
                }
            }
            facets.insert(name.to_string(), counts);
        }
        Ok(Results {
            query,
            total,
            fuzzy,
            hits,
            facets,
        })
    }
}
