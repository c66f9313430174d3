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

/// The index words of a word of text: one plain word (most words), or several.
#[derive(Debug, Clone)]
pub enum Words {
    One(u32),
    Many(Arc<[Indexed]>),
}

impl Words {
    fn of(indexed: Vec<Indexed>) -> Words {
        match indexed.as_slice() {
            [Indexed {
                word,
                compound: false,
                original: None,
            }] => Words::One(*word),
            _ => Words::Many(indexed.into()),
        }
    }

    /// How many are parts of a compound word.
    pub fn compounds(&self) -> usize {
        match self {
            Words::One(_) => 0,
            Words::Many(all) => all.iter().filter(|w| w.compound).count(),
        }
    }

    /// Each word: its number, whether it is a compound part, its form with diacritics.
    pub fn each(&self, mut f: impl FnMut(u32, bool, Option<&Arc<str>>)) {
        match self {
            Words::One(word) => f(*word, false, None),
            Words::Many(all) => {
                for w in all.iter() {
                    f(w.word, w.compound, w.original.as_ref());
                }
            }
        }
    }
}

/// Past this many remembered words a memo takes no more, so memory stays bounded. It keeps
/// the words it has rather than starting again: the frequent words come early, and a
/// 100k-page site has more distinct words (names, numbers) than this, so starting again
/// threw the frequent ones out over and over.
const MEMO_LIMIT: usize = 1 << 16;

/// A word of text as a memo key, held in place when short (most are), so that finding
/// one reads one slot of the table instead of following a pointer to its text: at
/// 100,000 pages those lookups were a tenth of the build.
#[derive(Debug, Clone)]
enum Key {
    Short { len: u8, bytes: [u8; 23] },
    Long(Box<str>),
}

impl Key {
    fn new(text: &str) -> Key {
        match text.len() {
            len @ 0..=23 => {
                let mut bytes = [0; 23];
                bytes[..len].copy_from_slice(text.as_bytes());
                Key::Short {
                    len: len as u8,
                    bytes,
                }
            }
            _ => Key::Long(text.into()),
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Key::Short { len, bytes } => &bytes[..*len as usize],
            Key::Long(text) => text.as_bytes(),
        }
    }
}

/// A memo: words of text to their index words.
#[derive(Default)]
struct Memo {
    table: hashbrown::HashTable<(Key, Words)>,
    hasher: hashbrown::DefaultHashBuilder,
    /// The last word's index words when the table is full.
    overflow: Option<Words>,
}

impl Memo {
    fn hash(&self, token: &str) -> u64 {
        use std::hash::BuildHasher;
        self.hasher.hash_one(token.as_bytes())
    }

    fn get(&self, token: &str, hash: u64) -> Option<&Words> {
        self.table
            .find(hash, |(key, _)| key.bytes() == token.as_bytes())
            .map(|(_, words)| words)
    }

    fn insert(&mut self, token: &str, hash: u64, words: Words) -> &Words {
        if self.table.len() >= MEMO_LIMIT {
            return self.overflow.insert(words);
        }
        let hasher = &self.hasher;
        let entry = self
            .table
            .insert_unique(hash, (Key::new(token), words), |(key, _)| {
                use std::hash::BuildHasher;
                hasher.hash_one(key.bytes())
            });
        &entry.into_mut().1
    }
}

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
    ) -> &Words {
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
    ) -> &Words {
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
) -> &'a Words {
    let hash = memo.hash(token);
    // Looked up twice so that the borrow of a hit ends before a miss adds the word.
    if memo.get(token, hash).is_some() {
        return memo.get(token, hash).unwrap_or(&Words::One(0));
    }
    let words = {
        let mut vocabulary = vocabulary.lock().unwrap_or_else(|e| e.into_inner());
        let vocabulary = &mut *vocabulary;
        let known = {
            let shared = shared(vocabulary);
            shared.get(token, shared.hash(token)).cloned()
        };
        known.unwrap_or_else(|| {
            let indexed: Vec<Indexed> = work_out()
                .into_iter()
                .map(|w| Indexed {
                    word: vocabulary.id(&w.stemmed),
                    compound: w.is_compound_part,
                    original: w.original.map(Arc::from),
                })
                .collect();
            let words = Words::of(indexed);
            let shared = shared(vocabulary);
            let hash = shared.hash(token);
            shared.insert(token, hash, words).clone()
        })
    };
    memo.insert(token, hash, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words a token gives, by name rather than number.
    fn named(words: &Words, vocabulary: &Mutex<Vocabulary>) -> Vec<String> {
        let vocabulary = vocabulary.lock().unwrap();
        let mut out = Vec::new();
        words.each(|id, compound, _| out.push(format!("{}{compound}", vocabulary.word(id))));
        out
    }

    #[test]
    fn a_full_memo_keeps_its_words_and_still_answers_for_new_ones() {
        let stemmer = super::super::words::stemmer("en");
        let vocabulary = Mutex::new(Vocabulary::default());
        let mut lexicon = Lexicon::default();
        let first = named(
            lexicon.text_word("Housing", stemmer.as_ref(), &vocabulary),
            &vocabulary,
        );
        for i in 0..MEMO_LIMIT + 10 {
            lexicon.text_word(&format!("w{i}"), stemmer.as_ref(), &vocabulary);
        }
        assert_eq!(
            lexicon.text.table.len(),
            MEMO_LIMIT,
            "the memo stops growing"
        );
        let fresh = Mutex::new(Vocabulary::default());
        for token in ["Housing", "tenancies", "multi-agency", "w70000"] {
            let ours = named(
                lexicon.text_word(token, stemmer.as_ref(), &vocabulary),
                &vocabulary,
            );
            let theirs = named(
                Lexicon::default().text_word(token, stemmer.as_ref(), &fresh),
                &fresh,
            );
            assert_eq!(ours, theirs, "{token}");
        }
        assert_eq!(
            named(
                lexicon.text_word("Housing", stemmer.as_ref(), &vocabulary),
                &vocabulary
            ),
            first
        );
    }
}
