//! The index of one language, built from every page's record once rendering is done:
//! pages numbered in URL order, the fragments' final names, the word index turned inside
//! out and cut into chunks, the filters, the sort orders and the metadata file.
//!
//! This is the second half of Pagefind 1.6.0's `build_indexes` (`src/index/mod.rs`, MIT
//! licence), including its quirks (how hash prefixes grow on a collision), so that the
//! files are the ones Pagefind writes for the same pages. What it holds at its peak is
//! the packed word positions, about 2.5 kB a page; the text went out as fragments while
//! the pages rendered.

use super::format::{
    cbor, full_hash, EncodedList, FilterIndex, Gzip, MetaChunk, MetaFilter, MetaIndex, MetaPage,
    MetaSort, PackedPage, PackedValue, PackedVariant, PackedWord, WordIndex, INDEX_LEVEL,
};
use super::lexicon::Vocabulary;
use super::page::PageRecord;
use super::postings::{decode, SHARDS};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Words per index chunk, counted as Pagefind counts them (places and pages).
const CHUNK_SIZE: usize = 20_000;

/// What `pagefind-entry.json` says of a language.
pub struct LanguageIndex {
    pub meta_hash: String,
    pub page_count: usize,
}

/// A page's fragment file as it was written (`fragment/{stem}.pf_fragment`).
pub struct Page {
    pub record: PageRecord,
    pub written_as: String,
}

/// A word's places across the site, in page order, already in CBOR.
#[derive(Default)]
struct WordEntry {
    pages: EncodedList,
    last_page: usize,
    variants: Vec<(u32, EncodedList, usize)>,
    /// Pagefind's measure of how much of a chunk the word fills.
    size: usize,
}

/// Builds the index of one language into `dir` (the bundle folder); returns it and the
/// files written, relative to `dir`.
pub fn build(
    mut pages: Vec<Page>,
    language: &str,
    used_custom_body: bool,
    vocabulary: &Vocabulary,
    version: &str,
    dir: &Path,
) -> Result<(LanguageIndex, Vec<String>), String> {
    let mut files = Vec::new();
    pages.sort_by(|a, b| a.record.url.cmp(&b.record.url));
    let (pages, dropped): (Vec<Page>, Vec<Page>) = pages
        .into_iter()
        .partition(|p| !used_custom_body || p.record.has_custom_body || p.record.force_inclusion);
    for p in dropped {
        let _ = std::fs::remove_file(fragment_path(dir, &p.written_as));
    }
    let sorts = sort_orders(&pages);
    let meta_fields: Vec<String> = pages
        .iter()
        .flat_map(|p| p.record.meta_fields.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let names = fragment_names(&pages, language);
    rename_fragments(&pages, &names, dir)?;
    files.extend(names.iter().map(|n| format!("fragment/{n}.pf_fragment")));

    let mut filter_map: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    let mut meta_pages = Vec::with_capacity(pages.len());
    for (number, (page, name)) in pages.iter().zip(&names).enumerate() {
        let r = &page.record;
        for (filter, values) in &r.filters {
            let by_value = filter_map.entry(filter.clone()).or_default();
            for v in values {
                by_value.entry(v.clone()).or_default().push(number);
            }
        }
        meta_pages.push(MetaPage {
            hash: name.clone(),
            word_count: r.word_count,
            group_hash: String::new(),
        });
    }
    // Each shard of words is turned inside out on a thread of its own, reading its part
    // of every page's positions in page order.
    let shards: Vec<Vec<Option<WordEntry>>> = (0..SHARDS)
        .into_par_iter()
        .map(|k| invert_shard(&pages, k, &meta_fields, vocabulary.size()))
        .collect();
    drop(pages);
    let mut words: Vec<Option<WordEntry>> = Vec::new();
    words.resize_with(vocabulary.size(), || None);
    for (k, shard) in shards.into_iter().enumerate() {
        for (i, entry) in shard.into_iter().enumerate() {
            if let Some(slot) = words.get_mut(i * SHARDS + k) {
                *slot = entry;
            }
        }
    }
    let page_count = meta_pages.len();

    let mut meta_filters = Vec::new();
    let mut taken = BTreeSet::new();
    let mut filter_files = Vec::new();
    for (filter, values) in filter_map {
        let bytes = cbor(&FilterIndex {
            filter: filter.clone(),
            values: values
                .into_iter()
                .map(|(value, pages)| PackedValue { value, pages })
                .collect(),
        });
        let hash = short_name(
            &format!("{language}_{}", full_hash(&bytes)),
            language,
            &taken,
        );
        taken.insert(hash.clone());
        filter_files.push((format!("filter/{hash}.pf_filter"), bytes));
        meta_filters.push(MetaFilter { filter, hash });
    }

    let (chunk_meta, chunk_files) = word_chunks(words, vocabulary, language);
    let meta = cbor(&MetaIndex {
        version: version.to_string(),
        pages: meta_pages,
        index_chunks: chunk_meta,
        filters: meta_filters,
        sorts,
        meta_fields,
    });
    let meta_hash = format!(
        "{language}_{}",
        prefix(&full_hash(&meta), language.len() + 8)
    );
    let mut others = filter_files;
    others.extend(chunk_files);
    others.push((format!("pagefind.{meta_hash}.pf_meta"), meta));
    let written: Result<Vec<String>, String> = others
        .into_par_iter()
        .map_init(
            || Gzip::new(INDEX_LEVEL),
            |gzip, (rel, bytes)| {
                let path = dir.join(&rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| format!("{rel}: {e}"))?;
                }
                crate::output::write_if_changed(&path, &gzip.compress(&bytes))
                    .map_err(|e| format!("{rel}: {e}"))?;
                Ok(rel)
            },
        )
        .collect();
    files.extend(written?);
    Ok((
        LanguageIndex {
            meta_hash,
            page_count,
        },
        files,
    ))
}

/// The places of the words of shard `k` (word numbers `k`, `k + SHARDS`, …) across every
/// page, in page order, indexed by word number / SHARDS.
fn invert_shard(
    pages: &[Page],
    k: usize,
    meta_fields: &[String],
    words: usize,
) -> Vec<Option<WordEntry>> {
    let mut out: Vec<Option<WordEntry>> = Vec::new();
    out.resize_with(words / SHARDS + 1, || None);
    for (number, page) in pages.iter().enumerate() {
        let r = &page.record;
        let (from, to) = match (r.shards.get(k), r.shards.get(k + 1)) {
            (Some(&from), Some(&to)) => (from as usize, to as usize),
            _ => continue,
        };
        let Some(postings) = r.postings.get(from..to) else {
            continue;
        };
        let field_ids: Vec<i32> = r
            .meta_fields
            .iter()
            .map(|f| meta_fields.binary_search(f).unwrap_or(0) as i32)
            .collect();
        let renumber = |locs: &mut Vec<i32>| {
            for l in locs.iter_mut().filter(|l| **l < 0) {
                let local = (-*l - 1) as usize;
                *l = -field_ids.get(local).copied().unwrap_or(0) - 1;
            }
        };
        decode(postings, &mut |word_id, places| {
            let Some(slot) = out.get_mut(word_id as usize / SHARDS) else {
                return;
            };
            let entry = slot.get_or_insert_with(WordEntry::default);
            if places.has_page {
                let p = &mut places.page;
                renumber(&mut p.meta_locs);
                entry.size += p.locs.len() + p.meta_locs.len() + 1;
                entry.pages.push(&PackedPage {
                    page_number: number - entry.last_page,
                    locs: &p.locs,
                    meta_locs: &p.meta_locs,
                });
                entry.last_page = number;
            }
            for (form, p) in places.variants.iter_mut() {
                renumber(&mut p.meta_locs);
                let i = match entry.variants.iter().position(|(f, _, _)| f == form) {
                    Some(i) => i,
                    None => {
                        entry.size += 1;
                        entry.variants.push((*form, EncodedList::default(), 0));
                        entry.variants.len() - 1
                    }
                };
                entry.size += p.locs.len() + p.meta_locs.len() + 1;
                let (_, list, last) = &mut entry.variants[i];
                list.push(&PackedPage {
                    page_number: number - *last,
                    locs: &p.locs,
                    meta_locs: &p.meta_locs,
                });
                *last = number;
            }
        });
    }
    out
}

pub fn fragment_path(dir: &Path, stem: &str) -> std::path::PathBuf {
    dir.join("fragment").join(format!("{stem}.pf_fragment"))
}

fn prefix(s: &str, len: usize) -> &str {
    s.get(..len.min(s.len())).unwrap_or(s)
}

/// A chunk or filter file's name: the hash cut short, two characters longer at a time
/// while it collides (Pagefind's rule for these files).
fn short_name(hash: &str, language: &str, taken: &BTreeSet<String>) -> String {
    let mut len = language.len() + 8;
    while taken.contains(prefix(hash, len)) && len < hash.len() {
        len += 2;
    }
    prefix(hash, len).to_string()
}

/// Each page's fragment name, in page order: its hash cut short, one character longer
/// while another page holds that name.
fn fragment_names(pages: &[Page], language: &str) -> Vec<String> {
    let mut taken: HashMap<&str, &str> = HashMap::with_capacity(pages.len());
    let mut names = Vec::with_capacity(pages.len());
    for p in pages {
        let full = p.record.full_hash.as_str();
        let mut len = language.len() + 8;
        while let Some(other) = taken.get(prefix(full, len)) {
            if *other == full || len >= full.len() {
                break;
            }
            len += 1;
        }
        let name = prefix(full, len);
        taken.insert(name, full);
        names.push(name.to_string());
    }
    names
}

/// Fragments were written as the pages rendered, under their short name unless another
/// page had it already; the few whose final name differs are moved there now.
fn rename_fragments(pages: &[Page], names: &[String], dir: &Path) -> Result<(), String> {
    let moved: Vec<(&str, &str)> = pages
        .iter()
        .zip(names)
        .filter(|(p, n)| p.written_as != **n)
        .map(|(p, n)| (p.written_as.as_str(), n.as_str()))
        .collect();
    // In two steps, since a final name may be another moved fragment's current one.
    for (from, to) in &moved {
        std::fs::rename(
            fragment_path(dir, from),
            fragment_path(dir, &format!("tmp-{to}")),
        )
        .map_err(|e| format!("fragment {from}: {e}"))?;
    }
    for (_, to) in &moved {
        std::fs::rename(
            fragment_path(dir, &format!("tmp-{to}")),
            fragment_path(dir, to),
        )
        .map_err(|e| format!("fragment {to}: {e}"))?;
    }
    Ok(())
}

/// The word index in chunks: words in order, a chunk closed once it holds
/// [`CHUNK_SIZE`]; each chunk named by its hash, and the metadata saying which words it
/// holds by their shortest distinguishing prefixes.
fn word_chunks(
    words: Vec<Option<WordEntry>>,
    vocabulary: &Vocabulary,
    language: &str,
) -> (Vec<MetaChunk>, Vec<(String, Vec<u8>)>) {
    let mut sorted: Vec<(&str, WordEntry)> = words
        .into_iter()
        .enumerate()
        .filter_map(|(id, e)| e.map(|e| (vocabulary.word(id as u32), e)))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut chunks: Vec<Vec<(&str, WordEntry)>> = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for (word, entry) in sorted {
        size += entry.size;
        chunk.push((word, entry));
        if size >= CHUNK_SIZE {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    let mut meta: Vec<MetaChunk> = chunks
        .iter()
        .map(|c| MetaChunk {
            from: c.first().map_or(String::new(), |w| w.0.to_string()),
            to: c.last().map_or(String::new(), |w| w.0.to_string()),
            hash: String::new(),
        })
        .collect();
    for i in 1..meta.len() {
        let (a, b) = shortest_prefixes(&meta[i - 1].to, &meta[i].from);
        if a >= meta[i - 1].from {
            meta[i - 1].to = a;
        }
        meta[i].from = b;
    }
    let encoded: Vec<(Vec<u8>, String)> = chunks
        .into_par_iter()
        .map(|chunk| {
            let bytes = cbor(&WordIndex {
                words: chunk
                    .into_iter()
                    .map(|(word, e)| PackedWord {
                        word: word.to_string(),
                        pages: e.pages,
                        additional_variants: e
                            .variants
                            .into_iter()
                            .map(|(form, pages, _)| PackedVariant {
                                form: vocabulary.word(form).to_string(),
                                pages,
                            })
                            .collect(),
                    })
                    .collect(),
            });
            let hash = format!("{language}_{}", full_hash(&bytes));
            (bytes, hash)
        })
        .collect();
    let mut taken = BTreeSet::new();
    let mut files = Vec::with_capacity(encoded.len());
    for ((bytes, hash), m) in encoded.into_iter().zip(&mut meta) {
        let name = short_name(&hash, language, &taken);
        taken.insert(name.clone());
        files.push((format!("index/{name}.pf_index"), bytes));
        m.hash = name;
    }
    (meta, files)
}

/// The shortest prefixes that tell two neighbouring words apart.
fn shortest_prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

/// Pages in the order of each `data-pagefind-sort` key: as numbers when every value is
/// one, otherwise as text.
fn sort_orders(pages: &[Page]) -> Vec<MetaSort> {
    let keys: BTreeSet<&String> = pages.iter().flat_map(|p| p.record.sort.keys()).collect();
    let number = |v: &str| {
        v.parse::<i32>()
            .map(|i| i as f32)
            .ok()
            .or_else(|| v.parse::<f32>().ok())
    };
    keys.into_iter()
        .map(|key| {
            let mut values: Vec<(&str, usize)> = pages
                .iter()
                .enumerate()
                .filter_map(|(n, p)| p.record.sort.get(key).map(|v| (v.as_str(), n)))
                .collect();
            if values.iter().all(|(v, _)| number(v).is_some()) {
                values.sort_by(|a, b| {
                    let (x, y) = (
                        number(a.0).unwrap_or_default(),
                        number(b.0).unwrap_or_default(),
                    );
                    x.total_cmp(&y)
                });
            } else {
                values.sort_by_key(|v| v.0);
            }
            MetaSort {
                sort: key.clone(),
                pages: values.into_iter().map(|(_, n)| n).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_boundaries_use_the_shortest_distinguishing_prefixes() {
        assert_eq!(
            shortest_prefixes("apple", "apricot"),
            ("app".into(), "apr".into())
        );
        assert_eq!(
            shortest_prefixes("cath", "cathartic"),
            ("cath".into(), "catha".into())
        );
    }

    #[test]
    fn colliding_names_grow_as_pagefind_grows_them() {
        let mut taken = BTreeSet::new();
        let a = short_name("en_0123456789abcdef", "en", &taken);
        assert_eq!(a, "en_0123456");
        taken.insert(a);
        assert_eq!(
            short_name("en_0123456789abcdef", "en", &taken),
            "en_012345678"
        );
    }
}
