//! One page made ready for the bundle, in the render thread that rendered it: its
//! fragment (the JSON a browser fetches to show the result) and its word positions,
//! packed small, to wait for the index to be built from every page.

use super::digest::{self, Words};
use super::format::full_hash;
use super::html::Extracted;
use super::postings::Postings;
use std::collections::{BTreeMap, HashMap};

/// What the index keeps of a page until the end of the build (never its text).
#[derive(Debug)]
pub struct PageRecord {
    pub url: String,
    pub language: String,
    /// `en_` and the fragment's content hash.
    pub full_hash: String,
    pub word_count: u32,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
    /// The page's metadata names, sorted; meta positions number fields in this order.
    pub meta_fields: Vec<String>,
    pub has_custom_body: bool,
    /// Records (protocol steps, glossary terms) are indexed even on a site of bodies.
    pub force_inclusion: bool,
    /// The packed positions of each word (see [`super::postings`]), by shard.
    pub postings: Vec<u8>,
    /// Where each shard's words start in `postings` (and where the last ends).
    pub shards: Box<[u32]>,
}

/// A page ready to store: its record and its fragment.
pub struct Prepared {
    pub record: PageRecord,
    pub fragment: String,
}

/// The fragment a browser loads for a result.
#[derive(serde::Serialize)]
struct FragmentData<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: &'a [digest::Anchor],
}

/// Reads a rendered page; `None` when it has no words to index.
pub fn from_html(
    url: &str,
    extracted: Extracted,
    language: &str,
    words: &mut Words,
) -> Option<Prepared> {
    let text = digest::read(
        &extracted.digest,
        &extracted.anchor_content,
        &extracted.anchor_titles,
        words,
    );
    prepare(
        url,
        text,
        extracted.filters,
        extracted.sort,
        extracted.meta,
        (extracted.has_custom_body, false),
        language,
        words,
    )
}

/// A record that is not a page of its own (a protocol step, a glossary term): its text,
/// title and filters, as Pagefind's `add_custom_record` takes them.
pub fn from_record(
    url: &str,
    content: &str,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
    language: &str,
    words: &mut Words,
) -> Option<Prepared> {
    let text = digest::read(content, &HashMap::new(), &HashMap::new(), words);
    prepare(
        url,
        text,
        filters,
        BTreeMap::new(),
        meta,
        (false, true),
        language,
        words,
    )
}

#[allow(clippy::too_many_arguments)]
fn prepare(
    url: &str,
    text: digest::PageText,
    filters: BTreeMap<String, Vec<String>>,
    sort: BTreeMap<String, String>,
    meta: BTreeMap<String, String>,
    (has_custom_body, force_inclusion): (bool, bool),
    language: &str,
    words: &mut Words,
) -> Option<Prepared> {
    if text.positions.is_empty() {
        return None;
    }
    let fragment = serde_json::to_string(&FragmentData {
        url,
        content: &text.content,
        word_count: text.word_count,
        filters: &filters,
        meta: &meta,
        anchors: &text.anchors,
    })
    .ok()?;
    let meta_words = digest::meta_words(&meta, words);
    let (postings, shards) = Postings::pack(text.positions, meta_words).encode(words.vocabulary);
    Some(Prepared {
        record: PageRecord {
            url: url.to_string(),
            language: language.to_string(),
            full_hash: format!("{language}_{}", full_hash(fragment.as_bytes())),
            word_count: text.word_count as u32,
            filters,
            sort,
            meta_fields: meta.into_keys().collect(),
            has_custom_body,
            force_inclusion,
            postings,
            shards,
        },
        fragment,
    })
}
