//! Which index words one word of text gives: normalised, stemmed, with the parts of
//! compound words and the forms without diacritics.
//!
//! Ported from Pagefind 1.6.0 (MIT licence), `src/fossick/splitting.rs`, leaving out what
//! only its "extended" build does (segmenting Chinese, Japanese and Thai). The browser side
//! of the bundle is Pagefind's own WebAssembly, which looks words up exactly as Pagefind's
//! indexer stores them, so these rules must stay the same as Pagefind's:
//! `tests/it/search.rs` compares whole bundles with the ones Pagefind builds.

use pagefind_stem::{Algorithm, Stemmer};
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
const MAX_DOTTED_TAIL_CHARS: usize = 64;

/// Symbols that count as part of a word (the Unicode category "Punctuation, Connector");
/// Pagefind's default `include_characters`.
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

static EMOJI: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new("\\p{Emoji}").unwrap_or_else(|_| regex::Regex::new("$^").expect("valid"))
});

/// One word to put in the index for a word of text.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexableWord {
    pub stemmed: String,
    pub is_compound_part: bool,
    /// The word before its diacritics were removed, when that differs.
    pub original: Option<String>,
}

/// The stemmer Pagefind uses for a language (by its primary subtag), if any.
pub fn stemmer(lang: &str) -> Option<Stemmer> {
    let algorithm = match lang.split('-').next().unwrap_or(lang) {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Every word to index for `raw_word`: the normalised, stemmed word, the parts of a
/// hyphenated or camelCase word, katakana suffixes and emoji.
pub fn indexable_words(raw_word: &str, stemmer: Option<&Stemmer>) -> Vec<IndexableWord> {
    let mut results = Vec::new();
    let normalized_word = normalize_word(raw_word);
    if !normalized_word.is_empty() {
        results.push(stem_word(&normalized_word, stemmer, false));
    }
    for suffix in katakana_suffixes(raw_word) {
        let suffix_diacritic = normalize_diacritics(suffix);
        results.push(IndexableWord {
            stemmed: suffix_diacritic
                .clone()
                .unwrap_or_else(|| suffix.to_string()),
            original: suffix_diacritic.map(|_| suffix.to_string()),
            is_compound_part: true,
        });
    }
    let possibly_compound = raw_word.chars().any(|c| !c.is_alphanumeric())
        || raw_word.chars().skip(1).any(|c| c.is_uppercase());
    if !possibly_compound {
        return results;
    }
    let (word_parts, extras) = discrete_words(raw_word);
    if !normalized_word.is_empty()
        && (word_parts.contains(|c: char| c.is_whitespace())
            || !normalized_word.starts_with(&word_parts))
    {
        // Only parts of two or more bytes are indexed, as in Pagefind.
        for part_word in word_parts.split_whitespace().filter(|w| w.len() > 1) {
            let part_diacritic = normalize_diacritics(part_word);
            let base = part_diacritic.as_deref().unwrap_or(part_word);
            let stemmed_part = match stemmer {
                Some(stemmer) => stemmer.stem(base).into_owned(),
                None => base.to_string(),
            };
            results.push(IndexableWord {
                stemmed: stemmed_part,
                original: part_diacritic.map(|_| part_word.to_string()),
                is_compound_part: true,
            });
        }
    }
    for extra in extras.into_iter().flatten() {
        results.push(IndexableWord {
            stemmed: extra,
            original: None,
            is_compound_part: false,
        });
    }
    results
}

/// The compound tails of a dotted word, so that `is_python_build` in
/// `sysconfig.is_python_build` is found without splitting it entirely.
pub fn dotted_tails(
    raw_word: &str,
    stemmer: Option<&Stemmer>,
    existing: &[IndexableWord],
) -> Vec<IndexableWord> {
    let mut tails = Vec::new();
    if !raw_word.contains('.') {
        return tails;
    }
    let seen: HashSet<&str> = existing.iter().map(|w| w.stemmed.as_str()).collect();
    let mut seen_tails: HashSet<String> = HashSet::new();
    for (i, _) in raw_word.match_indices('.') {
        let rest = &raw_word[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let tail_is_compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(|c| c.is_uppercase());
        if !tail_is_compound {
            // A plain tail is already indexed, as the last compound part.
            continue;
        }
        let tail_normalized = normalize_word(tail);
        if tail_normalized.chars().count() < 2 {
            continue;
        }
        let tail_word = stem_word(&tail_normalized, stemmer, true);
        if !seen.contains(tail_word.stemmed.as_str())
            && seen_tails.insert(tail_word.stemmed.clone())
        {
            tails.push(tail_word);
        }
    }
    tails
}

/// Lower case, letters, digits and word symbols only.
fn normalize_word(raw_word: &str) -> String {
    let mut normalized_word = String::with_capacity(raw_word.len());
    for mut c in raw_word.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                // Non-ASCII capitals can lower to more than one character.
                normalized_word.extend(c.to_lowercase());
            } else {
                normalized_word.push(c);
            }
        }
    }
    normalized_word
}

fn stem_word(normalized_word: &str, stemmer: Option<&Stemmer>, compound: bool) -> IndexableWord {
    let diacritic_normalized = normalize_diacritics(normalized_word);
    let base = diacritic_normalized.as_deref().unwrap_or(normalized_word);
    let stemmed = match stemmer {
        Some(stemmer) => stemmer.stem(base).into_owned(),
        None => base.to_string(),
    };
    IndexableWord {
        stemmed,
        original: diacritic_normalized.map(|_| normalized_word.to_string()),
        is_compound_part: compound,
    }
}

/// Katakana, the prolonged sound mark and their halfwidth forms.
fn is_katakana(c: char) -> bool {
    matches!(c as u32,
        0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana word, so that prefix matching finds its substrings.
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut suffixes = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

/// The word without diacritics ("café" is indexed as "cafe"), when that differs; kana
/// voiced sound marks are kept, since they tell words apart.
fn normalize_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let stripped: String = word
        .nfd()
        .filter(|c| {
            !unicode_normalization::char::is_combining_mark(*c)
                || matches!(*c, '\u{3099}' | '\u{309A}')
        })
        .collect();
    let normalized = if stripped
        .chars()
        .any(|c| matches!(c, '\u{3099}' | '\u{309A}'))
    {
        stripped.nfc().collect::<String>()
    } else {
        stripped
    };
    (normalized != word).then_some(normalized)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        unicode_normalization::char::is_combining_mark(c) || {
            let mut decomposes = false;
            unicode_normalization::char::decompose_canonical(c, |part| {
                decomposes = decomposes || part != c;
            });
            decomposes
        }
    })
}

/// The parts of a compound word, lower case and space-separated, and its emoji.
fn discrete_words(s: &str) -> (String, Option<Vec<String>>) {
    use convert_case::{Case, Casing};
    let words = s
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let extras = EMOJI.is_match(s).then(|| {
        s.graphemes(true)
            .filter(|x| emojis::get(x).is_some())
            .map(str::to_string)
            .collect()
    });
    (words, extras)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<(String, bool)> {
        indexable_words(word, stemmer("en").as_ref())
            .into_iter()
            .map(|w| (w.stemmed, w.is_compound_part))
            .collect()
    }

    #[test]
    fn plain_words_are_lower_cased_and_stemmed() {
        assert_eq!(stems("Housing,"), [("hous".to_string(), false)]);
    }

    #[test]
    fn compound_words_index_their_parts() {
        let words = stems("multi-agency");
        assert_eq!(words[0], ("multiag".to_string(), false));
        assert!(words.contains(&("multi".to_string(), true)), "{words:?}");
        assert!(words.contains(&("agenc".to_string(), true)), "{words:?}");
        let camel = stems("ThreeAntelopes");
        assert!(camel.contains(&("three".to_string(), true)), "{camel:?}");
    }

    #[test]
    fn diacritics_are_removed_and_the_original_kept() {
        let w = indexable_words("Gŵyl", None);
        assert_eq!(w[0].stemmed, "gwyl");
        assert_eq!(w[0].original.as_deref(), Some("gŵyl"));
    }
}
