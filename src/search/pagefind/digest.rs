//! A page's text split into words: the excerpt text the browser shows, every index word
//! with its position and weight, and where each anchor falls.
//!
//! Ported from Pagefind 1.6.0 (MIT licence), `Fossicker::parse_digest` and
//! `parse_meta_words` in `src/fossick/mod.rs`, for languages written with spaces.

use super::html::{normalize, ANCHOR, AUTO_WEIGHT, END_WEIGHT, WEIGHT};
use super::lexicon::{Lexicon, Vocabulary};
use pagefind_stem::Stemmer;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// Where an index word stands in the page's text, and how much it counts (24 is
/// normal).
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub word: u32,
    pub position: u32,
    pub weight: u8,
    /// The word before its diacritics were removed, when that differs.
    pub original: Option<Arc<str>>,
}

/// Where an index word stands in one of the page's metadata values (its title, say).
#[derive(Debug, Clone, PartialEq)]
pub struct MetaPosition {
    pub word: u32,
    pub field_id: u16,
    pub position: u32,
    pub original: Option<Arc<str>>,
}

/// An element with an `id`, for results that link to a place on the page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Anchor {
    pub element: String,
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub location: u32,
}

/// A page's words.
#[derive(Debug, Default)]
pub struct PageText {
    /// The words joined by single spaces: what excerpts are cut from.
    pub content: String,
    /// Every index word at every place, in the order of the text.
    pub positions: Vec<Position>,
    pub anchors: Vec<Anchor>,
    pub word_count: usize,
}

const WEIGHT_MULTIPLIER: f32 = 24.0;
const WEIGHT_MAX: f32 = 10.0;

/// What turns words of text into index words.
pub struct Words<'a> {
    pub lexicon: &'a mut Lexicon,
    pub stemmer: Option<&'a Stemmer>,
    pub vocabulary: &'a Mutex<Vocabulary>,
}

/// Splits a digest (text with weight and anchor markers) into words.
pub fn read(
    digest: &str,
    anchor_content: &HashMap<String, String>,
    anchor_titles: &HashMap<String, String>,
    words: &mut Words,
) -> PageText {
    let mut page = PageText {
        content: String::with_capacity(digest.len()),
        ..PageText::default()
    };
    let mut total: u32 = 0;
    let mut max_index: u32 = 0;
    let mut weights: Vec<u8> = vec![WEIGHT_MULTIPLIER as u8];
    let scaled = |w: f32| (w.clamp(0.0, WEIGHT_MAX) * WEIGHT_MULTIPLIER) as u8;
    for word in digest.split_whitespace() {
        if word.starts_with('_') {
            if let Some(marker) = word.strip_prefix(ANCHOR) {
                let marker = marker.replace(ANCHOR, "");
                if let Some((element, anchor_id)) = marker.split_once(':') {
                    let text = anchor_content
                        .get(anchor_id)
                        .map(|t| normalize(t))
                        .unwrap_or_default();
                    if let Some((_, id)) = anchor_id.split_once(':') {
                        page.anchors.push(Anchor {
                            element: element.to_string(),
                            id: id.to_string(),
                            text: normalize(&text),
                            title: anchor_titles.get(anchor_id).cloned(),
                            location: total,
                        });
                    }
                }
                continue;
            }
            if let Some(w) = word.strip_prefix(WEIGHT) {
                let w = w.replace(WEIGHT, "").parse::<f32>().unwrap_or(1.0);
                weights.push(if w <= 0.0 { 0 } else { scaled(w).max(1) });
                continue;
            }
            if let Some(w) = word.strip_prefix(AUTO_WEIGHT) {
                // Headings weigh more only outside an explicitly weighted part.
                let w = if weights.len() == 1 {
                    scaled(w.replace(AUTO_WEIGHT, "").parse::<f32>().unwrap_or(1.0))
                } else {
                    weights.last().copied().unwrap_or_default()
                };
                weights.push(w);
                continue;
            }
            if word.starts_with(END_WEIGHT) {
                weights.pop();
                continue;
            }
        }
        let base = if word.contains('\u{200B}') {
            std::borrow::Cow::Owned(word.replace('\u{200B}', ""))
        } else {
            std::borrow::Cow::Borrowed(word)
        };
        if base.is_empty() {
            continue;
        }
        page.content.push_str(&base);
        page.content.push(' ');
        let weight = weights.last().copied().unwrap_or(1);
        let indexed = words
            .lexicon
            .text_word(&base, words.stemmer, words.vocabulary);
        let compounds = indexed.compounds();
        let partial = if compounds > 0 && weight > 0 {
            (weight / u8::try_from(compounds).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        indexed.each(|word, compound, original| {
            page.positions.push(Position {
                word,
                position: total,
                weight: if compound { partial } else { weight },
                original: original.cloned(),
            });
        });
        max_index = total;
        total += 1;
    }
    if page.content.ends_with(' ') {
        page.content.pop();
    }
    page.word_count = max_index as usize + 1;
    page
}

/// The words of every metadata value, by field in name order (the field's number is its
/// place in that order).
pub fn meta_words(meta: &BTreeMap<String, String>, words: &mut Words) -> Vec<MetaPosition> {
    let mut out = Vec::new();
    for (field_id, value) in meta.values().enumerate() {
        for (position, word) in value.split_whitespace().enumerate() {
            let indexed = words
                .lexicon
                .meta_word(word, words.stemmer, words.vocabulary);
            indexed.each(|word, _, original| {
                out.push(MetaPosition {
                    word,
                    field_id: field_id as u16,
                    position: position as u32,
                    original: original.cloned(),
                });
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_weigh_more_and_anchors_mark_the_next_word() {
        let digest = "___PAGEFIND_AUTO_WEIGHT___7 Rent. ___END_PAGEFIND_WEIGHT___ ___PAGEFIND_ANCHOR___h2:0:arrears arrears help";
        let anchors: HashMap<String, String> =
            [("0:arrears".to_string(), " Arrears ".to_string())].into();
        let vocabulary = Mutex::new(Vocabulary::default());
        let stemmer = super::super::words::stemmer("en");
        let mut lexicon = Lexicon::default();
        let mut words = Words {
            lexicon: &mut lexicon,
            stemmer: stemmer.as_ref(),
            vocabulary: &vocabulary,
        };
        let page = read(digest, &anchors, &HashMap::new(), &mut words);
        assert_eq!(page.content, "Rent. arrears help");
        assert_eq!(page.word_count, 3);
        let weight_of = |w: &str| {
            let id = vocabulary.lock().unwrap().id(w);
            page.positions
                .iter()
                .find(|p| p.word == id)
                .map(|p| p.weight)
        };
        assert_eq!(weight_of("rent"), Some(168));
        assert_eq!(weight_of("arrear"), Some(24));
        assert_eq!(page.anchors[0].location, 1);
        assert_eq!(page.anchors[0].text, "Arrears");
    }
}
