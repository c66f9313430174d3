//! The English analyser (`en_stem`: words, lower case, stemmed) with a memo of stems.
//!
//! Stemming was half of tantivy's indexing time, and the words of a site repeat; each
//! copy of the analyser (one per indexing thread or related-services worker) remembers
//! the stems it has worked out. Its output is tantivy's own stemmer's, so an index it
//! wrote is searched with tantivy's standard `en_stem`.

use hashbrown::HashMap;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// The analyser, as tantivy builds `en_stem`.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(MemoStemmer)
        .build()
}

/// Makes `index` use the memoising analyser for `en_stem` while it is written.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register("en_stem", analyzer());
}

/// Past this many words a memo starts again, so memory stays bounded.
const MEMO_LIMIT: usize = 1 << 16;

#[derive(Clone)]
struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner,
            memo: HashMap::new(),
        }
    }
}

#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    memo: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > MEMO_LIMIT {
            self.memo.clear();
        }
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct MemoStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut HashMap<String, String>,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmer = &self.stemmer;
        let stem = self
            .memo
            .entry_ref(token.text.as_str())
            .or_insert_with(|| stemmer.stem(&token.text).into_owned());
        token.text.clone_from(stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_as_tantivys_own_analyser_does() {
        let text = "Referrals for housing: the councils' duties, re-housing and RENTING again";
        let words = |mut a: TextAnalyzer| {
            let mut out = Vec::new();
            // Twice, so the second pass comes from the memo.
            for _ in 0..2 {
                a.token_stream(text)
                    .process(&mut |t| out.push(t.text.clone()));
            }
            out
        };
        let standard = tantivy::tokenizer::TokenizerManager::default()
            .get("en_stem")
            .unwrap();
        assert_eq!(words(analyzer()), words(standard));
    }
}
