//! A page's word positions packed as bytes, as Pagefind packs them per word, grouped by
//! shard so the index can be built from each group on a thread of its own; and read back.

use super::digest::{MetaPosition, Position};
use super::lexicon::Vocabulary;
use std::sync::{Arc, Mutex};

/// One word's places on one page, packed as Pagefind packs them.
#[derive(Debug, Default, PartialEq)]
pub struct Places {
    pub locs: Vec<i32>,
    /// Meta positions; field markers number the page's own fields until the index
    /// renumbers them for the whole site.
    pub meta_locs: Vec<i32>,
}

/// A word on one page: its places, and those of each diacritic form, in Pagefind's order.
#[derive(Debug)]
struct WordPlaces {
    word: u32,
    page: Option<Places>,
    variants: Vec<(Arc<str>, Places)>,
}

/// Every word of a page with its places, ordered by word number (the port of the
/// per-page part of Pagefind's `build_indexes`).
pub struct Postings(Vec<WordPlaces>);

/// Pagefind puts places of normal weight first; it takes that weight to be 25.
fn weight_key(weight: u8) -> u8 {
    if weight == 25 {
        0
    } else {
        weight
    }
}

impl Postings {
    pub fn pack(positions: Vec<Position>, meta: Vec<MetaPosition>) -> Postings {
        let (plain, mut forms): (Vec<Position>, Vec<Position>) =
            positions.into_iter().partition(|p| p.original.is_none());
        let plain = sorted_plain(&plain);
        forms.sort_by(|a, b| {
            (a.word, &a.original, weight_key(a.weight), a.position).cmp(&(
                b.word,
                &b.original,
                weight_key(b.weight),
                b.position,
            ))
        });
        let mut words: Vec<WordPlaces> = Vec::new();
        for group in plain.chunk_by(|a, b| a.word == b.word) {
            words.push(WordPlaces {
                word: group[0].word,
                page: Some(Places {
                    locs: pack_positions(group),
                    meta_locs: Vec::new(),
                }),
                variants: Vec::new(),
            });
        }
        for group in forms.chunk_by(|a, b| a.word == b.word && a.original == b.original) {
            let entry = entry(&mut words, group[0].word);
            let form = group[0].original.clone().unwrap_or_else(|| Arc::from(""));
            entry.variants.push((
                form,
                Places {
                    locs: pack_positions(group),
                    meta_locs: Vec::new(),
                },
            ));
        }
        let (mut plain, mut forms): (Vec<MetaPosition>, Vec<MetaPosition>) =
            meta.into_iter().partition(|p| p.original.is_none());
        plain.sort_by_key(|p| (p.word, p.field_id, p.position));
        forms.sort_by(|a, b| {
            (a.word, &a.original, a.field_id, a.position).cmp(&(
                b.word,
                &b.original,
                b.field_id,
                b.position,
            ))
        });
        for group in plain.chunk_by(|a, b| a.word == b.word) {
            entry(&mut words, group[0].word)
                .page
                .get_or_insert_with(Places::default)
                .meta_locs = pack_meta_positions(group);
        }
        for group in forms.chunk_by(|a, b| a.word == b.word && a.original == b.original) {
            let entry = entry(&mut words, group[0].word);
            let form = group[0].original.clone().unwrap_or_else(|| Arc::from(""));
            let meta_locs = pack_meta_positions(group);
            match entry.variants.iter_mut().find(|(f, _)| *f == form) {
                Some((_, places)) => places.meta_locs = meta_locs,
                None => entry.variants.push((
                    form,
                    Places {
                        locs: Vec::new(),
                        meta_locs,
                    },
                )),
            }
        }
        Postings(words)
    }

    /// Packs the page's words as numbers: for each word, its id, then its own places
    /// (if any) and its forms' places; words grouped by [`shard`], so that the index can
    /// turn each group inside out on a thread of its own.
    pub fn encode(mut self, vocabulary: &Mutex<Vocabulary>) -> (Vec<u8>, Box<[u32]>) {
        // The words are in number order (`entry` keeps them so); dealing them out by shard
        // keeps that order within each shard, which is the (shard, number) order wanted,
        // without sorting structs of this size.
        debug_assert!(self.0.is_sorted_by_key(|w| w.word));
        let mut by_shard: [Vec<WordPlaces>; SHARDS] = Default::default();
        for w in self.0.drain(..) {
            by_shard[shard(w.word)].push(w);
        }
        self.0.extend(by_shard.into_iter().flatten());
        let forms: Vec<Vec<u32>> = if self.0.iter().any(|w| !w.variants.is_empty()) {
            let mut vocabulary = vocabulary.lock().unwrap_or_else(|e| e.into_inner());
            self.0
                .iter()
                .map(|w| w.variants.iter().map(|(f, _)| vocabulary.id(f)).collect())
                .collect()
        } else {
            vec![Vec::new(); self.0.len()]
        };
        let mut out = Vec::new();
        let mut first_of: [Option<u32>; SHARDS] = [None; SHARDS];
        for (w, form_ids) in self.0.iter().zip(forms) {
            first_of[shard(w.word)].get_or_insert(out.len() as u32);
            varint(&mut out, w.word as u64);
            match &w.page {
                Some(p) => {
                    out.push(1);
                    put_places(&mut out, p);
                }
                None => out.push(0),
            }
            varint(&mut out, w.variants.len() as u64);
            for ((_, p), form_id) in w.variants.iter().zip(form_ids) {
                varint(&mut out, form_id as u64);
                put_places(&mut out, p);
            }
        }
        // A shard without words starts (and ends) where the next one starts.
        let mut starts = vec![out.len() as u32; SHARDS + 1];
        for k in (0..SHARDS).rev() {
            starts[k] = first_of[k].unwrap_or(starts[k + 1]);
        }
        (out, starts.into_boxed_slice())
    }
}

/// Positions without a diacritic form in the order Pagefind writes them: by word, weight
/// (normal first) and position, the order they came in breaking ties. Sorted as packed
/// 128-bit keys rather than as structs: sorting was a twentieth of a build's instructions.
fn sorted_plain(plain: &[Position]) -> Vec<Position> {
    let mut keys: Vec<u128> = plain
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (p.word as u128) << 72
                | (weight_key(p.weight) as u128) << 64
                | (p.position as u128) << 32
                | i as u128
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|key| {
            let p = &plain[key as u32 as usize];
            Position {
                word: p.word,
                position: p.position,
                weight: p.weight,
                original: None,
            }
        })
        .collect()
}

/// How many groups a page's words are kept in (words by number, modulo).
pub const SHARDS: usize = 16;

pub fn shard(word: u32) -> usize {
    word as usize % SHARDS
}

/// The entry of `word` in a list ordered by word number, made if missing.
fn entry(words: &mut Vec<WordPlaces>, word: u32) -> &mut WordPlaces {
    let i = match words.binary_search_by_key(&word, |w| w.word) {
        Ok(i) => i,
        Err(i) => {
            words.insert(
                i,
                WordPlaces {
                    word,
                    page: None,
                    variants: Vec::new(),
                },
            );
            i
        }
    };
    &mut words[i]
}

/// Reads back what [`Postings::encode`] wrote, one word at a time.
/// The places are read into the same buffers each time: at 100,000 pages that is tens
/// of millions of words, and allocating for each was a fifth of building the index.
pub fn decode(mut bytes: &[u8], each: &mut dyn FnMut(u32, &mut WordPlacesRef)) {
    let mut places = WordPlacesRef::default();
    while !bytes.is_empty() {
        let word_id = read_varint(&mut bytes) as u32;
        places.has_page = take(&mut bytes) == 1;
        if places.has_page {
            read_places(&mut bytes, &mut places.page);
        }
        let n = read_varint(&mut bytes) as usize;
        places.variants.resize_with(n, Default::default);
        for (form, p) in places.variants.iter_mut() {
            *form = read_varint(&mut bytes) as u32;
            read_places(&mut bytes, p);
        }
        each(word_id, &mut places);
    }
}

/// A word's places on one page, its forms by their interned ids.
#[derive(Default)]
pub struct WordPlacesRef {
    pub has_page: bool,
    pub page: Places,
    pub variants: Vec<(u32, Places)>,
}

/// Positions with weight changes: words of normal weight first, then each other weight,
/// positions as differences, a change written as `-(weight + 1)` then the position.
fn pack_positions(positions: &[Position]) -> Vec<i32> {
    let mut current_weight = 25;
    // A change of weight takes two numbers: count them so the list is allocated once.
    let changes = positions
        .iter()
        .scan(current_weight, |weight, p| {
            let changed = p.weight != *weight;
            *weight = p.weight;
            Some(changed)
        })
        .filter(|&changed| changed)
        .count();
    let mut out = Vec::with_capacity(positions.len() + changes);
    let mut last = 0;
    for &Position {
        position, weight, ..
    } in positions
    {
        if weight != current_weight {
            out.push(-(weight as i32) - 1);
            out.push(position as i32);
            current_weight = weight;
        } else {
            out.push(position as i32 - last as i32);
        }
        last = position;
    }
    out
}

/// Metadata positions: `-(field + 1)` starts a field, then positions as differences.
fn pack_meta_positions(positions: &[MetaPosition]) -> Vec<i32> {
    let mut current = None;
    let mut last = 0;
    let mut out = Vec::with_capacity(positions.len() + 8);
    for &MetaPosition {
        field_id, position, ..
    } in positions
    {
        if Some(field_id) != current {
            out.push(-(field_id as i32 + 1));
            current = Some(field_id);
            last = 0;
        }
        out.push(position as i32 - last as i32);
        last = position;
    }
    out
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &mut &[u8]) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = take(bytes);
        v |= ((b & 0x7f) as u64) << shift;
        if b < 0x80 || shift > 56 {
            return v;
        }
        shift += 7;
    }
}

fn take(bytes: &mut &[u8]) -> u8 {
    match bytes.split_first() {
        Some((&b, rest)) => {
            *bytes = rest;
            b
        }
        None => 0,
    }
}

fn put_ints(out: &mut Vec<u8>, ints: &[i32]) {
    varint(out, ints.len() as u64);
    for &i in ints {
        // Zigzag, so small negative numbers stay small.
        varint(out, ((i << 1) ^ (i >> 31)) as u32 as u64);
    }
}

fn read_ints(bytes: &mut &[u8], into: &mut Vec<i32>) {
    let n = read_varint(bytes) as usize;
    into.clear();
    into.extend((0..n).map(|_| {
        let z = read_varint(bytes) as u32;
        ((z >> 1) as i32) ^ -((z & 1) as i32)
    }));
}

fn put_places(out: &mut Vec<u8>, p: &Places) {
    put_ints(out, &p.locs);
    put_ints(out, &p.meta_locs);
}

fn read_places(bytes: &mut &[u8], into: &mut Places) {
    read_ints(bytes, &mut into.locs);
    read_ints(bytes, &mut into.meta_locs);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn packed_places_read_back_as_written() {
        let vocabulary = Mutex::new(Vocabulary::default());
        let (rent, cafe) = {
            let mut i = vocabulary.lock().unwrap();
            (i.id("rent"), i.id("cafe"))
        };
        let at = |word, position, weight, original: Option<&str>| Position {
            word,
            position,
            weight,
            original: original.map(Arc::from),
        };
        let positions = vec![
            at(rent, 0, 168, None),
            at(rent, 4, 24, None),
            at(cafe, 9, 24, Some("café")),
        ];
        let (bytes, shards) = Postings::pack(positions, Vec::new()).encode(&vocabulary);
        assert_eq!(shards.last().copied(), Some(bytes.len() as u32));
        let mut seen = BTreeMap::new();
        decode(&bytes, &mut |id, places| {
            let vocabulary = vocabulary.lock().unwrap();
            let forms: Vec<String> = places
                .variants
                .iter()
                .map(|(f, p)| format!("{}:{:?}", vocabulary.word(*f), p.locs))
                .collect();
            let page = places.has_page.then(|| places.page.locs.clone());
            seen.insert(vocabulary.word(id).to_string(), (page, forms));
        });
        // Weight 24 first ([-25, 4]), then weight 168 ([-169, 0]).
        assert_eq!(seen["rent"].0, Some(vec![-25, 4, -169, 0]));
        assert_eq!(seen["cafe"], (None, vec!["café:[-25, 9]".to_string()]));
    }

    proptest::proptest! {
        #[test]
        fn plain_positions_sort_as_a_stable_sort_by_word_weight_and_position(
            raw in proptest::collection::vec((0u32..6, 0u32..30, 0usize..5), 0..200)
        ) {
            let weights = [0u8, 1, 24, 25, 168];
            let positions: Vec<Position> = raw
                .iter()
                .map(|&(word, position, w)| Position { word, position, weight: weights[w], original: None })
                .collect();
            let mut expected = positions.clone();
            expected.sort_by_key(|p| (p.word, weight_key(p.weight), p.position));
            let key = |p: &Position| (p.word, p.position, p.weight);
            let ours: Vec<_> = sorted_plain(&positions).iter().map(key).collect();
            let theirs: Vec<_> = expected.iter().map(key).collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
