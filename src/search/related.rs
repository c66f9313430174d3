//! "Related services": for each offer, the other offers most like it.
//!
//! This is more-like-this as tantivy (and Lucene) do it — the offer's most telling words
//! (term frequency × inverse document frequency) become a query, and the other offers
//! are ranked by BM25 for it — written out here so that it is repeatable and scales:
//!
//! - tantivy's version picks the words by walking a randomly seeded hash map, so with
//!   equal scores (common: words found once) two builds could pick different words;
//!   here ties go to the word that sorts first, and equal offers to the lower URL;
//! - it looked each word up in the index and scored every offer holding any of them, so
//!   at 100,000 pages it took most of a minute and grew with the square of the site;
//!   here words are counted once, words in more than [`MAX_OFFERS_PER_WORD`] offers are
//!   too common to tell offers apart and are not used, and an offer's words are taken
//!   best first until [`PLACES_PER_OFFER`] places have been scored, so the work per offer
//!   is bounded and the whole grows in step with the site.
//!
//! The words are those of the offer's title, summary, text and glossary names, through
//! the same English analyser as the search index, plus its tier, areas and groups as
//! whole values, so offers for the same tier and area rank higher.

use super::stemming;
use super::SearchDoc;
use hashbrown::HashMap;
use rayon::prelude::*;

/// For each offer URL, the URLs of related offers (best first).
pub type Related = std::collections::BTreeMap<String, Vec<String>>;

/// Words per offer's query, as before (tantivy's `max_query_terms`).
const QUERY_WORDS: usize = 20;
/// Shorter words are left out (tantivy's `min_word_length`).
const MIN_WORD_LENGTH: usize = 3;
/// Words found in more offers than this are not used to relate them.
pub const MAX_OFFERS_PER_WORD: u32 = 1000;
/// How many (offer, word) places one offer's query may score; its best words come first.
pub const PLACES_PER_OFFER: usize = 5000;
/// BM25's parameters, tantivy's defaults.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// An offer's words: (word id, count), by id, and how many words its text has.
struct Bag {
    words: Vec<(u32, u32)>,
    length: u32,
}

/// For each offer, up to `n` others most like it, best first.
pub fn related_offers(docs: &[SearchDoc], n: usize) -> Related {
    let mut offers: Vec<&SearchDoc> = docs
        .iter()
        .filter(|d| d.kind == crate::kind::DocKind::Offer)
        .collect();
    offers.sort_by(|a, b| a.url.cmp(&b.url));
    // Words are counted a chunk of offers at a time, each chunk numbering its own words,
    // so that only each chunk's word list is merged into the site's one by one.
    let chunks: Vec<(Vec<String>, Vec<Bag>)> = offers
        .par_chunks(256)
        .map_init(stemming::analyzer, |analyzer, chunk| {
            count_chunk(analyzer, chunk)
        })
        .collect();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut bags = Vec::with_capacity(offers.len());
    for (local_words, local_bags) in chunks {
        let global: Vec<u32> = local_words
            .into_iter()
            .map(|word| {
                let next = words.len() as u32;
                *ids.entry(word).or_insert_with_key(|w| {
                    words.push(w.clone());
                    next
                })
            })
            .collect();
        for mut bag in local_bags {
            for (w, _) in &mut bag.words {
                *w = global[*w as usize];
            }
            bag.words.sort_unstable();
            bags.push(bag);
        }
    }
    let mut offers_with = vec![0u32; words.len()];
    for bag in &bags {
        for &(w, _) in &bag.words {
            offers_with[w as usize] += 1;
        }
    }
    let total = bags.len() as f32;
    let idf: Vec<f32> = offers_with
        .iter()
        .map(|&df| (1.0 + (total - df as f32 + 0.5) / (df as f32 + 0.5)).ln())
        .collect();
    let useful = |w: u32| (2..=MAX_OFFERS_PER_WORD).contains(&offers_with[w as usize]);
    // Which offers hold each useful word, and how often.
    let mut holders: Vec<Vec<(u32, u32)>> = vec![Vec::new(); words.len()];
    for (i, bag) in bags.iter().enumerate() {
        for &(w, count) in bag.words.iter().filter(|(w, _)| useful(*w)) {
            holders[w as usize].push((i as u32, count));
        }
    }
    let average = bags.iter().map(|b| b.length as f32).sum::<f32>() / total.max(1.0);
    let norm: Vec<f32> = bags
        .iter()
        .map(|b| K1 * (1.0 - B + B * b.length as f32 / average.max(1.0)))
        .collect();

    let lists: Vec<Vec<u32>> = bags
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![0f32; bags.len()], Vec::new()),
            |(scores, touched), (me, bag)| {
                // The offer's most telling words, ties to the word that sorts first.
                let mut query: Vec<(f32, &str, u32)> = bag
                    .words
                    .iter()
                    .filter(|(w, _)| useful(*w))
                    .map(|&(w, count)| {
                        (
                            count as f32 * idf[w as usize],
                            words[w as usize].as_str(),
                            w,
                        )
                    })
                    .collect();
                query.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
                query.truncate(QUERY_WORDS);
                let best = query.first().map_or(1.0, |q| q.0);
                let mut budget = PLACES_PER_OFFER;
                for &(weight, _, w) in &query {
                    let places = holders[w as usize].len();
                    if places > budget {
                        continue;
                    }
                    budget -= places;
                    let boost = weight / best * idf[w as usize];
                    for &(other, count) in &holders[w as usize] {
                        let slot = &mut scores[other as usize];
                        if *slot == 0.0 {
                            touched.push(other);
                        }
                        let tf = count as f32;
                        *slot += boost * tf * (K1 + 1.0) / (tf + norm[other as usize]);
                    }
                }
                // The best `n`, kept in order as the candidates go by (an offer can
                // touch thousands of others; sorting them all was most of the work).
                let better = |a: &(f32, u32), b: &(f32, u32)| {
                    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)).is_lt()
                };
                let mut best: Vec<(f32, u32)> = Vec::with_capacity(n + 1);
                for o in touched.drain(..) {
                    let candidate = (scores[o as usize], o);
                    scores[o as usize] = 0.0;
                    if o as usize == me
                        || (best.len() == n && !best.last().is_some_and(|l| better(&candidate, l)))
                    {
                        continue;
                    }
                    let at = best.partition_point(|b| better(b, &candidate));
                    best.insert(at, candidate);
                    best.truncate(n);
                }
                best.into_iter().map(|(_, o)| o).collect()
            },
        )
        .collect();
    offers
        .iter()
        .zip(lists)
        .map(|(d, list)| {
            let urls = list
                .into_iter()
                .map(|o| offers[o as usize].url.clone())
                .collect();
            (d.url.clone(), urls)
        })
        .collect()
}

/// The words of a chunk of offers, numbered in the order first met, and each offer's
/// words with how often each occurs.
fn count_chunk(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    chunk: &[&SearchDoc],
) -> (Vec<String>, Vec<Bag>) {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut counts: HashMap<u32, u32> = HashMap::new();
    let mut bags = Vec::with_capacity(chunk.len());
    let mut id_of = |word: &str| -> u32 {
        let next = words.len() as u32;
        *ids.entry_ref(word).or_insert_with(|| {
            words.push(word.to_string());
            next
        })
    };
    for d in chunk {
        counts.clear();
        let texts = [d.title.as_str(), d.summary.as_str(), d.body.as_str()]
            .into_iter()
            .chain(d.aliases.iter().map(String::as_str));
        for text in texts {
            analyzer.token_stream(text).process(&mut |t| {
                if t.text.len() >= MIN_WORD_LENGTH {
                    *counts.entry(id_of(&t.text)).or_default() += 1;
                }
            });
        }
        // Whole values, marked so no word of text can be mistaken for them.
        let values = d
            .tier
            .iter()
            .map(|t| format!("\u{1}tier {t}"))
            .chain(
                d.regions
                    .iter()
                    .map(|r| format!("\u{1}region {}", super::index::normalise(r))),
            )
            .chain(
                d.cohorts
                    .iter()
                    .map(|c| format!("\u{1}cohort {}", super::index::normalise(c))),
            );
        for v in values {
            *counts.entry(id_of(&v)).or_default() += 1;
        }
        bags.push(Bag {
            length: counts.values().sum(),
            words: counts.iter().map(|(&w, &c)| (w, c)).collect(),
        });
    }
    (words, bags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(url: &str, title: &str, body: &str, tier: &'static str) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            body: body.into(),
            kind: crate::kind::DocKind::Offer,
            tier: Some(tier),
            ..SearchDoc::default()
        }
    }

    #[test]
    fn offers_sharing_telling_words_come_first_and_ties_go_to_the_lower_url() {
        let docs = vec![
            offer(
                "/offers/a/",
                "Rent deposit scheme",
                "deposit bond landlord help",
                "low",
            ),
            offer(
                "/offers/b/",
                "Deposit bond loans",
                "deposit bond landlord loans",
                "low",
            ),
            offer(
                "/offers/c/",
                "Night shelter",
                "emergency bed tonight",
                "high",
            ),
            offer(
                "/offers/d/",
                "Winter shelter",
                "emergency bed tonight",
                "high",
            ),
            offer(
                "/offers/e/",
                "Crisis rooms",
                "emergency bed tonight",
                "high",
            ),
            offer(
                "/offers/f/",
                "Crisis rooms",
                "emergency bed tonight",
                "high",
            ),
            SearchDoc {
                url: "/partners/p/".into(),
                title: "Deposit bond landlord".into(),
                kind: crate::kind::DocKind::Partner,
                ..SearchDoc::default()
            },
        ];
        let related = related_offers(&docs, 2);
        assert_eq!(related["/offers/a/"][0], "/offers/b/");
        assert_eq!(related["/offers/c/"], ["/offers/d/", "/offers/e/"]);
        assert!(related
            .values()
            .flatten()
            .all(|u| u.starts_with("/offers/")));
        assert!(!related["/offers/a/"].contains(&"/offers/a/".to_string()));
        // e and f are alike: the lower URL comes first.
        assert_eq!(related["/offers/d/"], ["/offers/c/", "/offers/e/"]);
        // The same input gives the same lists, whatever the order it came in.
        let mut reversed = docs.clone();
        reversed.reverse();
        assert_eq!(related_offers(&reversed, 2), related);
    }
}
