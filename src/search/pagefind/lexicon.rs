//! The words of a build as numbers, and each render thread's memo of what a word of text
//! gives the index.
//!
//! Word frequencies fall off steeply: most words of a page ("the", "housing", "support")
//! were on the page before. Working out a word's index words (normalising, splitting
//! compounds, stemming) once per thread instead of once per occurrence, and naming them
//! by number, is most of what makes indexing cheap.

use super::words::{dotted_tails, indexable_words};
use pagefind_stem::Stemmer;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Every index word and diacritic form of a build, numbered in the order first seen,
/// and what each word of text gives, once any thread has worked it out.
#[derive(Default)]
pub struct Vocabulary {
    ids: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    text: Memo,
    meta: Memo,
}

impl Vocabulary {
    pub fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        id
    }

    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }

    pub fn size(&self) -> usize {
        self.words.len()
    }
}

/// One index word that a word of text gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Indexed {
    pub word: u32,
    /// A part of a compound word ("agency" in "multi-agency"), which weighs less.
    pub compound: bool,
    /// The word with its diacritics, when the index word is without them.
    pub original: Option<Arc<str>>,
}

/// Past this many remembered words a memo starts again, so memory stays bounded.
const MEMO_LIMIT: usize = 1 << 18;

/// A memo: words of text to their index words. hashbrown's map can look a word up and
/// add it in one probe, with a fast hash (these are short keys, hashed millions of times).
type Memo = hashbrown::HashMap<Box<str>, Box<[Indexed]>>;

/// One thread's memo: the index words of each word of text it has seen, for the text of
/// pages (with dotted tails) and of metadata (without), as Pagefind treats them. A word
/// new to the thread is taken from the build's [`Vocabulary`], and worked out there only
/// if no thread has met it.
#[derive(Default)]
pub struct Lexicon {
    text: Memo,
    meta: Memo,
}

impl Lexicon {
    /// The index words of a word of a page's text.
    pub fn text_word(
        &mut self,
        token: &str,
        stemmer: Option<&Stemmer>,
        vocabulary: &Mutex<Vocabulary>,
    ) -> &[Indexed] {
        lookup(
            &mut self.text,
            token,
            vocabulary,
            |v| &mut v.text,
            || {
                let mut words = indexable_words(token, stemmer);
                let tails = dotted_tails(token, stemmer, &words);
                words.extend(tails);
                words
            },
        )
    }

    /// The index words of a word of a metadata value.
    pub fn meta_word(
        &mut self,
        token: &str,
        stemmer: Option<&Stemmer>,
        vocabulary: &Mutex<Vocabulary>,
    ) -> &[Indexed] {
        lookup(
            &mut self.meta,
            token,
            vocabulary,
            |v| &mut v.meta,
            || indexable_words(token, stemmer),
        )
    }
}

fn lookup<'a>(
    memo: &'a mut Memo,
    token: &str,
    vocabulary: &Mutex<Vocabulary>,
    shared: impl Fn(&mut Vocabulary) -> &mut Memo,
    work_out: impl FnOnce() -> Vec<super::words::IndexableWord>,
) -> &'a [Indexed] {
    if memo.len() >= MEMO_LIMIT && !memo.contains_key(token) {
        memo.clear();
    }
    memo.entry_ref(token).or_insert_with(|| {
        let mut vocabulary = vocabulary.lock().unwrap_or_else(|e| e.into_inner());
        let vocabulary = &mut *vocabulary;
        let known = shared(vocabulary).get(token).cloned();
        known.unwrap_or_else(|| {
            let indexed: Box<[Indexed]> = work_out()
                .into_iter()
                .map(|w| Indexed {
                    word: vocabulary.id(&w.stemmed),
                    compound: w.is_compound_part,
                    original: w.original.map(Arc::from),
                })
                .collect();
            let memo = shared(vocabulary);
            if memo.len() >= MEMO_LIMIT {
                memo.clear();
            }
            memo.insert(token.into(), indexed.clone());
            indexed
        })
    })
}
