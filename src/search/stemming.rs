//! The English analyser (`en_stem`: words, lower case, stemmed), in one pass with a memo
//! of stems.
//!
//! Stemming was half of tantivy's indexing time, and the words of a site repeat; each
//! copy of the analyser (one per indexing thread or related-services worker) remembers
//! the stem of each word as written, so a word met before costs one lookup: no lower
//! casing, no stemming, and no passing the token through a chain of filters. Its output
//! (words, positions, offsets) is tantivy's own `en_stem`'s — a test checks that on mixed
//! text — so an index it wrote is searched with tantivy's standard analyser.

use hashbrown::HashMap;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// The analyser, as tantivy builds `en_stem`.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::from(EnStem::default())
}

/// Makes `index` use the memoising analyser for `en_stem` while it is written.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register("en_stem", analyzer());
}

/// Past this many words a memo takes no more, so memory stays bounded; it keeps the
/// frequent words, which come early, rather than starting again.
const MEMO_LIMIT: usize = 1 << 16;

/// Words this long (in bytes) or longer are left out, as tantivy's `RemoveLongFilter`
/// does in `en_stem`.
const LONG_WORD: usize = 40;

/// tantivy's `SimpleTokenizer`, `RemoveLongFilter::limit(40)`, `LowerCaser` and
/// English `Stemmer`, as one tokenizer.
#[derive(Clone, Default)]
pub struct EnStem {
    token: Token,
    /// Each word as written to its stem.
    memo: HashMap<Box<str>, Box<str>>,
}

impl Tokenizer for EnStem {
    type TokenStream<'a> = EnStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EnStemStream<'a> {
        self.token.reset();
        EnStemStream {
            text,
            at: 0,
            token: &mut self.token,
            memo: &mut self.memo,
        }
    }
}

pub struct EnStemStream<'a> {
    text: &'a str,
    /// Where the next word is looked for, in bytes.
    at: usize,
    token: &'a mut Token,
    memo: &'a mut HashMap<Box<str>, Box<str>>,
}

impl EnStemStream<'_> {
    /// The next run of letters and digits (`char::is_alphanumeric`, as `SimpleTokenizer`),
    /// as byte offsets, looking at ASCII bytes without decoding them.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut start = None;
        let mut i = self.at;
        while i < bytes.len() {
            let (word_char, width) = match bytes[i] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                _ => match self.text[i..].chars().next() {
                    Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                    None => break,
                },
            };
            match (word_char, start) {
                (true, None) => start = Some(i),
                (false, Some(from)) => {
                    // The character after a word is consumed with it, as in tantivy.
                    self.at = i + width;
                    return Some((from, i));
                }
                _ => {}
            }
            i += width;
        }
        self.at = bytes.len();
        start.map(|from| (from, bytes.len()))
    }
}

/// A word in lower case, as tantivy's `LowerCaser` writes it (each character's
/// lower case, without the final-sigma rule).
fn lower_case(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.chars().flat_map(char::to_lowercase).collect()
    }
}

/// A word's stem, as tantivy's `LowerCaser` then English `Stemmer` make it.
fn stem(word: &str) -> String {
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    stemmer.stem(&lower_case(word)).into_owned()
}

impl TokenStream for EnStemStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // A left-out long word still takes its position, as in tantivy.
            self.token.position = self.token.position.wrapping_add(1);
            let Some((from, to)) = self.next_word() else {
                self.token.text.clear();
                return false;
            };
            if to - from >= LONG_WORD {
                continue;
            }
            let word = &self.text[from..to];
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.text.clear();
            match self.memo.get(word) {
                Some(stem) => self.token.text.push_str(stem),
                None => {
                    let stem = stem(word);
                    self.token.text.push_str(&stem);
                    // A full memo takes no more words (see MEMO_LIMIT).
                    if self.memo.len() < MEMO_LIMIT {
                        self.memo.insert(word.into(), stem.into());
                    }
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every token as (text, position, offsets), twice over so the second pass comes from
    /// the memo.
    fn tokens(mut a: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        for _ in 0..2 {
            a.token_stream(text).process(&mut |t| {
                out.push((t.text.clone(), t.position, t.offset_from, t.offset_to))
            });
        }
        out
    }

    fn standard() -> TextAnalyzer {
        tantivy::tokenizer::TokenizerManager::default()
            .get("en_stem")
            .unwrap()
    }

    #[test]
    fn stems_as_tantivys_own_analyser_does() {
        let long = "a".repeat(39) + " " + &"b".repeat(40) + " " + &"é".repeat(20);
        for text in [
            "Referrals for housing: the councils' duties, re-housing and RENTING again",
            "  Ünïcode CAFÉ naïve ΣΊΣΥΦΟΣ İstanbul 東京 x²  ",
            "emoji 🏠housing🏠 tabs\tand\nnew lines, digits 28 days; under_score a.b-c",
            "",
            "!!!",
            &long,
        ] {
            assert_eq!(
                tokens(analyzer(), text),
                tokens(standard(), text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_full_memo_still_stems_new_words() {
        let text: String = (0..MEMO_LIMIT + 100)
            .map(|i| format!("Referrals{i}ing "))
            .collect::<String>()
            + "Housing councils RENTING";
        assert_eq!(tokens(analyzer(), &text), tokens(standard(), &text));
    }

    proptest! {
        #[test]
        fn any_text_gives_tantivys_tokens(text in "[a-zA-Z0-9 .,'\\-éÉßΣς東🏠\t\n]{0,80}") {
            prop_assert_eq!(tokens(analyzer(), &text), tokens(standard(), &text));
        }
    }
}
