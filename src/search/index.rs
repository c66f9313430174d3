//! The tantivy index: schema, building it from [`SearchDoc`]s, and "related services".
//!
//! Text fields of the English index use tantivy's English stemmer (`en_stem`):
//! "referrals" finds "referral". Each other language has an index of its own (in a folder
//! named by its code), whose words are only lower-cased and stripped of accents
//! ([`FOLDED`]): an English stemmer would cut Welsh words wrongly ("cymorth" is not
//! "cymort"), as Pagefind, which has no Welsh stemmer either, leaves them whole.
//! Filter fields (kind, tier, region, cohort, audience) are untokenised strings.

use super::synonyms::Synonyms;
use super::SearchDoc;
use crate::kind::DocKind;
use std::path::Path;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::{doc, Index, IndexWriter, TantivyDocument, Term};

/// Memory for each indexing thread. Documents land in segments in whatever order the
/// threads take them; results and "related services" stay the same on every build
/// because ties are broken by each document's `rank` (its place in URL order), never by
/// where it landed.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// How many segments of about one size a whole-site build leaves before tantivy merges
/// them (its default is 8). Each thread's arena fills at about 14,000 pages, so a
/// 100k-page site ends in 8 segments; with the default, background merges rewrote them
/// into one while the pages rendered: the index written twice (985 MB for a 465 MB
/// index) and several seconds of processor time, for queries 3 % faster (p50 8.2 ms
/// against 8.5 ms). Results do not depend on segments, as BM25 reads the whole index's
/// word counts: ten queries' top 20 on that site came out in the same order, with
/// scores equal to the last printed digit but one (floating-point sums in another
/// order). Sites larger than about 200k pages are still merged, so the number of
/// segments a query visits stays bounded.
const SEGMENTS_BEFORE_MERGE: usize = 16;

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
    /// The document's place in URL order: the tie-break between equal scores.
    pub rank: Field,
}

/// The tiers; code 0 is "no tier".
pub const TIERS: [&str; 3] = ["low", "medium", "high"];

/// Tier places in a code: none, then each of `TIERS`.
pub const TIER_SLOTS: usize = TIERS.len() + 1;

/// `kind × TIER_SLOTS + tier` (tier 0 for none), so one fast field answers both filters.
pub fn code(kind: DocKind, tier: Option<&str>) -> u64 {
    let k = kind.index() as u64;
    let t = tier
        .and_then(|t| TIERS.iter().position(|x| *x == t))
        .map_or(0, |i| i as u64 + 1);
    k * TIER_SLOTS as u64 + t
}

/// The analyser of the languages without a stemmer here: words as `en_stem` splits them,
/// in lower case, accents removed (a search for "ty" finds "tŷ"), never stemmed.
pub const FOLDED: &str = "folded";

/// The analyser of a language's text fields, by its code (`en`, `cy`).
pub fn analyser_for(language: &str) -> &'static str {
    match language.split('-').next().unwrap_or(language) {
        "en" => "en_stem",
        _ => FOLDED,
    }
}

/// Makes `index` know the [`FOLDED`] analyser (tantivy knows `en_stem` itself).
pub fn register_folded(index: &Index) {
    use tantivy::tokenizer::{
        AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    };
    let folded = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(FOLDED, folded);
}

/// The schema of an index whose text is read by the analyser `analyser`.
pub fn schema(analyser: &str) -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyser)
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
        rank: b.add_u64_field("rank", FAST),
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
        rank: s.get_field("rank")?,
    })
}

/// Region and cohort values are matched case-insensitively.
pub fn normalise(value: &str) -> String {
    value.trim().to_lowercase()
}

/// The glossary groups are saved beside the index so queries can be expanded with them.
pub const SYNONYMS_FILE: &str = "synonyms.json";

/// Builds the index of documents in `language` (its code: `en`, `cy`) in `dir`, or in
/// memory when `dir` is `None` (for `check`). The documents are taken and let go of one by
/// one as they are indexed.
pub fn build(
    docs: Vec<SearchDoc>,
    synonyms: &Synonyms,
    dir: Option<&Path>,
    language: &str,
) -> tantivy::Result<Index> {
    if let Some(d) = dir {
        std::fs::create_dir_all(d)?;
        let json = serde_json::to_vec(synonyms.groups())
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        std::fs::write(d.join(SYNONYMS_FILE), json)?;
    }
    let (schema, f) = schema(analyser_for(language));
    let index = match dir {
        Some(d) => Index::create_in_dir(d, schema)?,
        None => Index::create_in_ram(schema),
    };
    super::stemming::register(&index);
    register_folded(&index);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8));
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, WRITER_MEMORY * threads)?;
    let mut merges = tantivy::indexer::LogMergePolicy::default();
    merges.set_min_num_segments(SEGMENTS_BEFORE_MERGE);
    writer.set_merge_policy(Box::new(merges));
    for (rank, d) in docs.into_iter().enumerate() {
        writer.add_document(document(&f, &d, rank as u64))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(index)
}

/// A search document as tantivy stores it; `rank` is its place in URL order.
fn document(f: &Fields, d: &SearchDoc, rank: u64) -> TantivyDocument {
    let mut doc = doc!(
        f.url => d.url.as_str(),
        f.title => d.title.as_str(),
        f.summary => d.summary.as_str(),
        f.body => d.body.as_str(),
        f.kind => d.kind.key(),
        f.code => code(d.kind, d.tier),
        f.rank => rank,
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
            // Ranks are a whole build's; an edited document sorts after its equals.
            self.writer
                .add_document(document(&self.fields, d, u64::MAX))?;
        }
        self.writer.commit()?;
        Ok(())
    }
}

/// The tantivy index as one of the build's outputs: built on a thread of its own while the
/// pages render, into its own folder beside the site (so it adds no file to the site).
pub struct IndexOutput<'scope> {
    pub building: std::thread::ScopedJoinHandle<'scope, tantivy::Result<Index>>,
}

impl crate::outputs::Output for IndexOutput<'_> {
    fn name(&self) -> &'static str {
        "search index (the rest of it)"
    }

    fn finish(
        self: Box<Self>,
        _: &std::collections::BTreeSet<String>,
    ) -> Result<Vec<String>, Vec<crate::diagnostic::Diagnostic>> {
        let built = self
            .building
            .join()
            .unwrap_or_else(|_| Err(tantivy::TantivyError::SystemError("panicked".into())));
        match built {
            Ok(_) => Ok(Vec::new()),
            Err(e) => Err(vec![crate::diagnostic::Diagnostic::new(
                crate::diagnostic::Code::Io,
                "search-index",
                format!("cannot build the search index: {e}"),
            )]),
        }
    }
}
