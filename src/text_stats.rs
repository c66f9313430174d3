//! Word, sentence and syllable counts of plain text, and the reading-ease formulas over
//! them, counted as the `textstat` crate counts. A leaf module: Markdown rendering counts a
//! page's blocks as it goes, and the plain-English check (`readability`) reads the counts.

/// Words, sentences and syllables of some text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

impl Counts {
    /// Counts one block of text (a paragraph, list item, heading or table cell). A block
    /// without closing punctuation is still one sentence, as a reader takes it.
    pub fn of(text: &str) -> Counts {
        let text = text.trim();
        if text.is_empty() {
            return Counts::default();
        }
        // textstat's word and syllable counts, in one pass.
        let (mut words, mut syllables) = (0, 0);
        for word in text.split_whitespace() {
            if word.chars().any(char::is_alphanumeric) {
                words += 1;
            }
            syllables += syllables_in(word);
        }
        if words == 0 {
            return Counts::default();
        }
        Counts {
            words,
            sentences: sentences_in(text).max(1),
            syllables,
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.syllables += other.syllables;
    }

    /// Words per sentence and syllables per word; `None` without words or sentences.
    fn ratios(&self) -> Option<(f64, f64)> {
        (self.words > 0 && self.sentences > 0).then(|| {
            let (w, s, y) = (
                self.words as f64,
                self.sentences as f64,
                self.syllables as f64,
            );
            (w / s, y / w)
        })
    }

    /// Flesch–Kincaid grade: `0.39 × words/sentences + 11.8 × syllables/words − 15.59`.
    pub fn grade(&self) -> f64 {
        self.ratios().map_or(0.0, |(per_sentence, per_word)| {
            0.39 * per_sentence + 11.8 * per_word - 15.59
        })
    }

    /// Flesch reading ease: higher is easier (60–70 is plain English).
    pub fn ease(&self) -> f64 {
        self.ratios().map_or(0.0, |(per_sentence, per_word)| {
            206.835 - 1.015 * per_sentence - 84.6 * per_word
        })
    }
}

/// A word's syllables, as `textstat::syllables` counts them (vowel groups, less a silent
/// final "e"), without its allocation for each word when the word is ASCII: counting
/// syllables was a tenth of a 10,000-page build.
fn syllables_in(word: &str) -> usize {
    if !word.is_ascii() {
        return textstat::syllables(word);
    }
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let (mut count, mut letters, mut previous_vowel) = (0, 0, false);
    let mut last = [0u8; 3];
    for b in word.bytes().filter(u8::is_ascii_alphabetic) {
        let b = b.to_ascii_lowercase();
        if vowel(b) && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel(b);
        last = [last[1], last[2], b];
        letters += 1;
    }
    if letters == 0 {
        return usize::from(word.bytes().any(|b| b.is_ascii_alphanumeric()));
    }
    // A silent final "e", but not "-le" after a consonant ("ta-ble").
    if last[2] == b'e' && count > 1 && !(letters >= 3 && last[1] == b'l' && !vowel(last[0])) {
        count -= 1;
    }
    count.max(1)
}

/// Sentences, as `textstat::sentence_count` counts them (runs of `.`, `!` or `?`, a `.`
/// between digits or before a letter not ending one), without copying the text into a
/// list of characters first.
fn sentences_in(text: &str) -> usize {
    if text.trim().is_empty() {
        return 0;
    }
    // Read as bytes: the marks and digits looked at are ASCII, and the bytes of any other
    // character end no sentence, as the character would not.
    let bytes = text.as_bytes();
    let (mut count, mut in_run) = (0, false);
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'!' | b'?' => true,
            b'.' => {
                let decimal = i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                let next = text[i + 1..].chars().next();
                !decimal && !next.is_some_and(char::is_alphanumeric)
            }
            _ => false,
        };
        if end && !in_run {
            count += 1;
        }
        in_run = end;
    }
    count.max(1)
}

/// The hardest block of a Markdown body, so a warning can point at what to rewrite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Passage {
    /// Byte offset and length in the body.
    pub offset: usize,
    pub len: usize,
    pub grade: f64,
}

/// Reading statistics of a Markdown body.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reading {
    pub counts: Counts,
    pub hardest: Option<Passage>,
}

impl Reading {
    /// Adds one block of the body found at `offset..offset+len`.
    pub fn add_block(&mut self, text: &str, offset: usize, len: usize) {
        let counts = Counts::of(text);
        self.counts.add(counts);
        // Very short blocks (a heading, a two-word item) are not worth pointing at.
        if counts.words >= 6 {
            let grade = counts.grade();
            if self.hardest.is_none_or(|h| grade > h.grade) {
                self.hardest = Some(Passage { offset, len, grade });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_plain_sentences_score_low_and_long_ones_high() {
        let plain =
            Counts::of("You meet your worker. They help you find a home. Bring your letter.");
        let dense = Counts::of(
            "Accommodation providers must demonstrate comprehensive multi-agency collaboration \
             regarding safeguarding considerations, notwithstanding organisational constraints.",
        );
        assert!(plain.grade() < 3.0, "{}", plain.grade());
        assert!(dense.grade() > 15.0, "{}", dense.grade());
        assert!(plain.ease() > dense.ease());
    }

    #[test]
    fn syllables_are_counted_as_textstat_counts_them() {
        let words = "the table able apple create idle bottle cycle rhythm queue fire \
            tree be e le ale \"quote\" don't re-housing 100 10am U.S.A. ... café naïve \
            accommodation probation Approved-Premises MAPPA rough-sleeping";
        for w in words.split_whitespace() {
            assert_eq!(syllables_in(w), textstat::syllables(w), "{w}");
        }
        let mut vocabulary = crate::corpus::Words::new(3);
        for _ in 0..2000 {
            let w = vocabulary.word();
            assert_eq!(syllables_in(&w), textstat::syllables(&w), "{w}");
        }
    }

    #[test]
    fn sentences_are_counted_as_textstat_counts_them() {
        for text in [
            "",
            "  ",
            "One. Two! Three?",
            "Pi is 3.14 and U.S.A. is short... Really?! Yes.",
            "No end",
            "Ends with dots...",
            "a.b. c .d . 4.5. 6 . 7",
            "Café ça va? Oui. «Non»!",
            ".",
            "?!?",
            "3.é x.Ω 4.٣ ١.٢ end.",
        ] {
            assert_eq!(
                sentences_in(text),
                textstat::sentence_count(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_has_textstats_sentence_count(text in "[a-z0-9 .!?é٣Ω]{0,40}") {
            proptest::prop_assert_eq!(sentences_in(&text), textstat::sentence_count(&text));
        }
    }

    #[test]
    fn counts_add_up_across_blocks() {
        let mut r = Reading::default();
        r.add_block("You meet your worker each week.", 0, 31);
        r.add_block("Heading", 40, 7);
        assert_eq!(r.counts.words, 7);
        assert_eq!(r.counts.sentences, 2);
        assert_eq!(r.hardest.map(|h| h.offset), Some(0));
    }
}
