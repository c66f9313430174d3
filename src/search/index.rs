//! The tantivy index: schema, building it from [`SearchDoc`]s, and "related services".
//!
//! Text fields use tantivy's English stemmer (`en_stem`): "referrals" finds "referral".
//! Filter fields (kind, tier, region, cohort, audience) are untokenised strings.

use super::synonyms::Synonyms;
use super::SearchDoc;
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::{doc, DocAddress, Index, IndexWriter, TantivyDocument, Term};

/// Memory for the single indexing thread. One thread keeps document order, and so
/// results and "related services", the same on every build.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// The fields of the schema, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub url: Field,
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub aliases: Field,
    pub kind: Field,
    pub tier: Field,
    pub region: Field,
    pub cohort: Field,
    pub audience: Field,
    /// Kind and tier in one fast number, read by the collectors while a query runs.
    pub code: Field,
}

/// The kinds, in the order of their codes.
pub const KINDS: [&str; 9] = [
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
/// The tiers; code 0 is "no tier".
pub const TIERS: [&str; 3] = ["low", "medium", "high"];

/// `kind × 4 + tier` (tier 0 for none), so one fast field answers both filters.
pub fn code(kind: &str, tier: Option<&str>) -> u64 {
    let k = KINDS
        .iter()
        .position(|x| *x == kind)
        .unwrap_or(KINDS.len() - 1) as u64;
    let t = tier
        .and_then(|t| TIERS.iter().position(|x| *x == t))
        .map_or(0, |i| i as u64 + 1);
    k * 4 + t
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        url: b.add_text_field("url", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        summary: b.add_text_field("summary", text.clone()),
        body: b.add_text_field("body", text.clone()),
        aliases: b.add_text_field("aliases", text),
        kind: b.add_text_field("kind", STRING | STORED),
        tier: b.add_text_field("tier", STRING | STORED),
        region: b.add_text_field("region", STRING | STORED),
        cohort: b.add_text_field("cohort", STRING | STORED),
        audience: b.add_text_field("audience", STRING | STORED),
        code: b.add_u64_field("code", FAST),
    };
    (b.build(), fields)
}

/// Looks the fields up in an opened index.
pub fn fields_of(index: &Index) -> tantivy::Result<Fields> {
    let s = index.schema();
    Ok(Fields {
        url: s.get_field("url")?,
        title: s.get_field("title")?,
        summary: s.get_field("summary")?,
        body: s.get_field("body")?,
        aliases: s.get_field("aliases")?,
        kind: s.get_field("kind")?,
        tier: s.get_field("tier")?,
        region: s.get_field("region")?,
        cohort: s.get_field("cohort")?,
        audience: s.get_field("audience")?,
        code: s.get_field("code")?,
    })
}

/// Region and cohort values are matched case-insensitively.
pub fn normalise(value: &str) -> String {
    value.trim().to_lowercase()
}

/// The glossary groups are saved beside the index so queries can be expanded with them.
pub const SYNONYMS_FILE: &str = "synonyms.json";

/// Builds the index in `dir`, or in memory when `dir` is `None` (for `check`).
pub fn build(
    docs: &[SearchDoc],
    synonyms: &Synonyms,
    dir: Option<&Path>,
) -> tantivy::Result<Index> {
    if let Some(d) = dir {
        let json = serde_json::to_vec(synonyms.groups())
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        std::fs::write(d.join(SYNONYMS_FILE), json)?;
    }
    let (schema, f) = schema();
    let index = match dir {
        Some(d) => Index::create_in_dir(d, schema)?,
        None => Index::create_in_ram(schema),
    };
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    for d in docs {
        writer.add_document(document(&f, d))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(index)
}

/// A search document as tantivy stores it.
fn document(f: &Fields, d: &SearchDoc) -> TantivyDocument {
    let mut doc = doc!(
        f.url => d.url.as_str(),
        f.title => d.title.as_str(),
        f.summary => d.summary.as_str(),
        f.body => d.body.as_str(),
        f.kind => d.kind,
        f.code => code(d.kind, d.tier),
    );
    for a in &d.aliases {
        doc.add_text(f.aliases, a);
    }
    if let Some(t) = d.tier {
        doc.add_text(f.tier, t);
    }
    if let Some(a) = d.audience {
        doc.add_text(f.audience, a);
    }
    for r in &d.regions {
        doc.add_text(f.region, normalise(r));
    }
    for c in &d.cohorts {
        doc.add_text(f.cohort, normalise(c));
    }
    doc
}

/// Keeps an index up to date as single records change (for `serve`): their documents are
/// replaced in place instead of the index being built again.
pub struct Updater {
    writer: IndexWriter,
    fields: Fields,
}

impl Updater {
    pub fn new(index: &Index) -> tantivy::Result<Updater> {
        Ok(Updater {
            writer: index.writer_with_num_threads(1, WRITER_MEMORY)?,
            fields: fields_of(index)?,
        })
    }

    /// Removes the documents at `old` URLs, adds `new` ones and commits.
    pub fn replace<'a>(
        &mut self,
        old: impl IntoIterator<Item = &'a str>,
        new: &[SearchDoc],
    ) -> tantivy::Result<()> {
        for url in old {
            self.writer
                .delete_term(Term::from_field_text(self.fields.url, url));
        }
        for d in new {
            self.writer.add_document(document(&self.fields, d))?;
        }
        self.writer.commit()?;
        Ok(())
    }
}

fn stored_url(doc: &TantivyDocument, f: &Fields) -> String {
    doc.get_first(f.url)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// For each offer, up to `n` other offers most like it (tantivy's more-like-this over the
/// offer's text), best first; ties go to the lower URL so builds are repeatable.
pub fn related_offers(index: &Index, n: usize) -> tantivy::Result<BTreeMap<String, Vec<String>>> {
    let f = fields_of(index)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let offer_term = TermQuery::new(
        Term::from_field_text(f.kind, "offer"),
        IndexRecordOption::Basic,
    );
    let offers: Vec<(f32, DocAddress)> = searcher.search(
        &offer_term,
        &TopDocs::with_limit(1_000_000).order_by_score(),
    )?;
    use rayon::prelude::*;
    // Each offer's query is independent: run them in parallel over one searcher.
    let pairs: Vec<tantivy::Result<(String, Vec<String>)>> = offers
        .par_iter()
        .map(|&(_, address)| related_to(&searcher, &f, &offer_term, address, n))
        .collect();
    let mut related = BTreeMap::new();
    for pair in pairs {
        let (url, list) = pair?;
        related.insert(url, list);
    }
    Ok(related)
}

fn related_to(
    searcher: &tantivy::Searcher,
    f: &Fields,
    offer_term: &TermQuery,
    address: DocAddress,
    n: usize,
) -> tantivy::Result<(String, Vec<String>)> {
    {
        let own: TantivyDocument = searcher.doc(address)?;
        let own_url = stored_url(&own, f);
        let like = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(20)
            .with_document(address);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like) as Box<dyn Query>),
            (Occur::Must, Box::new(offer_term.clone()) as Box<dyn Query>),
        ]);
        let hits: Vec<(f32, DocAddress)> =
            searcher.search(&query, &TopDocs::with_limit(n + 1).order_by_score())?;
        let mut scored = Vec::new();
        for (score, addr) in hits {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let url = stored_url(&doc, f);
            if url != own_url {
                scored.push((score, url));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        Ok((
            own_url,
            scored.into_iter().take(n).map(|(_, u)| u).collect(),
        ))
    }
}
