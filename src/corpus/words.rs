//! Deterministic synthetic words for the benchmark corpus and its queries.

pub(crate) const WORDS: &[&str] = &[
    "housing",
    "support",
    "tenancy",
    "release",
    "referral",
    "probation",
    "council",
    "advice",
    "benefits",
    "rent",
    "arrears",
    "landlord",
    "hostel",
    "assessment",
    "plan",
    "deposit",
    "budget",
    "mentor",
    "licence",
    "prison",
    "accommodation",
    "outreach",
    "family",
    "health",
    "debt",
    "appointment",
    "review",
    "safety",
    "options",
    "application",
];
pub(crate) const REGIONS: &[&str] = &[
    "Kent",
    "Surrey",
    "Sussex",
    "London",
    "Essex",
    "Wales",
    "Yorkshire",
    "Devon",
];
pub(crate) const KINDS: &[&str] = &[
    "housing_provider",
    "support_provider",
    "voluntary_sector",
    "local_housing_authority",
];

/// The most frequent words of English text are function words; without them the domain
/// words would take their place at the top of the frequency list, and every page would
/// use "housing" as often as real pages use "the".
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "for", "is", "on", "that", "with", "you", "it", "as",
    "be", "at", "by", "this", "are", "or", "from", "your", "can", "will", "if", "an", "they", "we",
    "not", "have", "has", "their", "who", "when", "what", "there", "about", "after", "before",
    "into",
];

/// Syllables for made-up words: a real site has thousands of distinct words, and index
/// sizes depend on it, so the corpus needs more than the few real words above.
const SYLLABLES: &[&str] = &[
    "ba", "ten", "ro", "mi", "sha", "lo", "ver", "dun", "ka", "pel", "fi", "gra", "nor", "tu",
    "wes", "ham", "ly", "cor", "den", "sto", "ri", "mar", "que", "bel", "tho", "vin", "asp", "ek",
];
/// Distinct words in the synthetic vocabulary.
const VOCABULARY: usize = 12_000;

/// Deterministic pseudo-random words so two corpora of one size are identical. Word
/// frequencies fall off steeply (Zipf-like), as in real text: a few words are everywhere,
/// most are rare.
pub(crate) struct Words {
    state: u64,
    vocabulary: Vec<String>,
}

impl Words {
    pub(crate) fn new(seed: u64) -> Words {
        let mut vocabulary: Vec<String> = FUNCTION_WORDS
            .iter()
            .chain(WORDS)
            .map(|w| w.to_string())
            .collect();
        let n = SYLLABLES.len();
        let mut i = 0usize;
        while vocabulary.len() < VOCABULARY {
            let (a, b, c) = (i % n, (i / n) % n, (i / (n * n)) % n);
            let word = if i < n * n {
                format!("{}{}", SYLLABLES[a], SYLLABLES[b])
            } else {
                format!("{}{}{}", SYLLABLES[a], SYLLABLES[b], SYLLABLES[c])
            };
            vocabulary.push(word);
            i += 1;
        }
        Words {
            state: seed,
            vocabulary,
        }
    }

    pub(crate) fn next(&mut self) -> usize {
        self.state = self
            .state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.state >> 33) as usize
    }

    pub(crate) fn word(&mut self) -> String {
        // u^3 puts most picks among the first words of the vocabulary.
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        let i = ((u * u * u) * self.vocabulary.len() as f64) as usize;
        self.vocabulary[i.min(self.vocabulary.len() - 1)].clone()
    }

    pub(crate) fn sentence(&mut self, n: usize) -> String {
        let mut s: Vec<String> = (0..n).map(|_| self.word()).collect();
        if let Some(first) = s.first_mut() {
            let mut c = first.chars();
            if let Some(f) = c.next() {
                *first = f.to_uppercase().chain(c).collect();
            }
        }
        format!("{}.", s.join(" "))
    }

    /// A query a practitioner might type: one to three common words.
    pub(crate) fn query(&mut self) -> String {
        let n = 1 + self.next() % 3;
        (0..n)
            .map(|_| WORDS[self.next() % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}
