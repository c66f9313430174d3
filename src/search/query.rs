//! Searching the tantivy index: ranked hits with highlighted snippets, filters, facet
//! counts, and a fuzzy second try when a query finds nothing ("refferal" → referral).

use super::index::{fields_of, normalise, Fields, SYNONYMS_FILE, TIERS, TIER_SLOTS};
use super::synonyms::Synonyms;
use crate::kind::DocKind;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::ColumnValues;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, QueryParser, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::Score;
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

/// An opened index, ready for many queries.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    synonyms: Synonyms,
}

/// The kinds of result, in the order of their codes.
const KINDS: [DocKind; DocKind::ALL.len()] = DocKind::ALL;

/// A result's weight by its code (`DocKind::weight`).
fn weight_of(code: u64) -> f32 {
    KINDS
        .get((code / TIER_SLOTS as u64) as usize)
        .map_or(1.0, |k| k.weight())
}

fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

impl SearchIndex {
    pub fn new(index: Index, synonyms: Synonyms) -> tantivy::Result<SearchIndex> {
        super::index::register_folded(&index);
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
    /// The underlying index (for an [`super::index::Updater`]).
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Sees the latest commit now rather than after the reader's own delay.
    pub fn reload(&self) -> tantivy::Result<()> {
        self.reader.reload()
    }

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
        Box::new(query)
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

    /// The region filter is a term; kind and tier are read from the `code` fast field by
    /// the collectors, so one pass gives both the hits and the facet counts.
    fn with_region(&self, text: Box<dyn Query>, filters: &Filters) -> Box<dyn Query> {
        match &filters.region {
            None => text,
            Some(r) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, text),
                (Occur::Must, term_query(self.fields.region, &normalise(r))),
            ])),
        }
    }

    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> tantivy::Result<Results> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let searcher = self.reader.searcher();
        let blank = query.trim().is_empty();
        let want = Want::new(filters);
        let text: Box<dyn Query> = if blank {
            Box::new(AllQuery)
        } else {
            self.text_query(&query)
        };
        let mut full = self.with_region(text, filters);
        let mut grid = searcher.search(&*full, &CodeGrid)?;
        let mut fuzzy = false;
        if want.total(&grid) == 0 && !blank {
            if let Some(q) = self.fuzzy_query(&query) {
                let q = self.with_region(q, filters);
                let g = searcher.search(&*q, &CodeGrid)?;
                if want.total(&g) > 0 {
                    full = q;
                    grid = g;
                    fuzzy = true;
                }
            }
        }
        // Equal scores go to the document first in URL order (its `rank`), never to
        // whichever segment it landed in, so a query lists the same way on every build.
        let top = TopDocs::with_limit(limit.max(1)).tweak_score(
            move |segment: &tantivy::SegmentReader| {
                let codes = code_column(segment);
                let ranks = u64_column(segment, "rank");
                move |doc: tantivy::DocId, score: Score| {
                    let code = codes.get_val(doc);
                    let score = if want.matches(code) {
                        score * weight_of(code)
                    } else {
                        f32::NEG_INFINITY
                    };
                    (score, std::cmp::Reverse(ranks.get_val(doc)))
                }
            },
        );
        let f = &self.fields;
        let found = searcher.search(&*full, &top)?;
        let snippets = SnippetGenerator::create(&searcher, &*full, f.body).ok();
        let mut hits = Vec::with_capacity(found.len());
        for ((score, _), address) in found {
            if score == f32::NEG_INFINITY {
                continue;
            }
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
                snippet_html = crate::html::escape(&get(f.summary).unwrap_or_default());
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
        Ok(Results {
            query,
            total: want.total(&grid),
            fuzzy,
            hits,
            facets: want.facets(&grid),
        })
    }
}

/// Which kind and tier the filters ask for, as codes.
#[derive(Debug, Clone, Copy)]
struct Want {
    kind: Option<u64>,
    tier: Option<u64>,
}

impl Want {
    fn new(filters: &Filters) -> Want {
        // An unknown kind or tier matches nothing rather than everything.
        let kind = filters
            .kind
            .as_deref()
            .map(|k| DocKind::from_key(k).map_or(u64::MAX, |k| k.index() as u64));
        let tier = filters.tier.as_deref().map(|t| {
            TIERS
                .iter()
                .position(|x| *x == t)
                .map_or(u64::MAX, |i| i as u64 + 1)
        });
        Want { kind, tier }
    }

    fn matches(&self, code: u64) -> bool {
        self.kind.is_none_or(|k| code / TIER_SLOTS as u64 == k)
            && self.tier.is_none_or(|t| code % TIER_SLOTS as u64 == t)
    }

    fn total(&self, grid: &Grid) -> usize {
        let mut n = 0;
        for (k, row) in grid.iter().enumerate() {
            for (t, count) in row.iter().enumerate() {
                if self.matches((k * TIER_SLOTS + t) as u64) {
                    n += count;
                }
            }
        }
        n
    }

    /// Counts per kind (within the tier filter) and per tier (within the kind filter), so
    /// each list shows what choosing another value would give.
    fn facets(&self, grid: &Grid) -> BTreeMap<String, Vec<(String, usize)>> {
        let tier_ok = |t: usize| self.tier.is_none_or(|w| w == t as u64);
        let kind_ok = |k: usize| self.kind.is_none_or(|w| w == k as u64);
        let kinds: Vec<(String, usize)> = KINDS
            .iter()
            .enumerate()
            .map(|(k, kind)| {
                (
                    kind.key().to_string(),
                    (0..4).filter(|t| tier_ok(*t)).map(|t| grid[k][t]).sum(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let tiers: Vec<(String, usize)> = TIERS
            .iter()
            .enumerate()
            .map(|(i, name)| {
                (
                    name.to_string(),
                    (0..KINDS.len())
                        .filter(|k| kind_ok(*k))
                        .map(|k| grid[k][i + 1])
                        .sum(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        [("kind".to_string(), kinds), ("tier".to_string(), tiers)]
            .into_iter()
            .collect()
    }
}

/// Matches per kind × tier.
/// Hits counted by kind and tier place; sized by the kinds and tiers there are.
type Grid = [[usize; TIER_SLOTS]; KINDS.len()];

fn code_column(segment: &tantivy::SegmentReader) -> std::sync::Arc<dyn ColumnValues<u64>> {
    u64_column(segment, "code")
}

/// A fast field's values (`u64::MAX` for a document without one).
fn u64_column(
    segment: &tantivy::SegmentReader,
    name: &str,
) -> std::sync::Arc<dyn ColumnValues<u64>> {
    match segment.fast_fields().u64(name) {
        Ok(column) => column.first_or_default_col(u64::MAX),
        Err(_) => std::sync::Arc::new(tantivy::columnar::EmptyColumnValues),
    }
}

/// Counts the matches of a query by kind and tier in one pass over them.
struct CodeGrid;

struct CodeGridSegment {
    codes: std::sync::Arc<dyn ColumnValues<u64>>,
    grid: Grid,
}

impl Collector for CodeGrid {
    type Fruit = Grid;
    type Child = CodeGridSegment;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        segment: &tantivy::SegmentReader,
    ) -> tantivy::Result<CodeGridSegment> {
        Ok(CodeGridSegment {
            codes: code_column(segment),
            grid: [[0; TIER_SLOTS]; KINDS.len()],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Grid>) -> tantivy::Result<Grid> {
        let mut total = [[0; TIER_SLOTS]; KINDS.len()];
        for g in fruits {
            for (k, row) in g.iter().enumerate() {
                for (t, n) in row.iter().enumerate() {
                    total[k][t] += n;
                }
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for CodeGridSegment {
    type Fruit = Grid;

    fn collect(&mut self, doc: tantivy::DocId, _: Score) {
        let code = self.codes.get_val(doc);
        let slots = TIER_SLOTS as u64;
        let (k, t) = ((code / slots) as usize, (code % slots) as usize);
        if k < KINDS.len() {
            self.grid[k][t] += 1;
        }
    }

    fn harvest(self) -> Grid {
        self.grid
    }
}
