//! Synthetic sites for benchmarks (`signpost corpus`; `signpost bench` in `bench`).
//!
//! The corpus uses the real content format (offers, partners, guidance, protocols,
//! glossary) so the benchmark exercises every stage of a real build.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

const WORDS: &[&str] = &[
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
const REGIONS: &[&str] = &[
    "Kent",
    "Surrey",
    "Sussex",
    "London",
    "Essex",
    "Wales",
    "Yorkshire",
    "Devon",
];
const KINDS: &[&str] = &[
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

    fn next(&mut self) -> usize {
        self.state = self
            .state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.state >> 33) as usize
    }

    fn word(&mut self) -> String {
        // u^3 puts most picks among the first words of the vocabulary.
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        let i = ((u * u * u) * self.vocabulary.len() as f64) as usize;
        self.vocabulary[i.min(self.vocabulary.len() - 1)].clone()
    }

    fn sentence(&mut self, n: usize) -> String {
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

fn write_file(dir: &Path, rel: &str, text: &str) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text)
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// Writes a site of about `pages` pages into `dir`; returns the number of content files.
pub fn write(dir: &Path, pages: usize) -> io::Result<usize> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::other(format!("{} is not empty", dir.display())));
    }
    let theme = Path::new("themes/default");
    if !theme.is_dir() {
        return Err(io::Error::other(
            "run this from the Signpost folder: themes/default is needed",
        ));
    }
    copy_dir(theme, &dir.join("themes/default"))?;
    write_file(
        dir,
        "site.toml",
        "title = \"Synthetic directory\"\nbase_url = \"https://bench.example.org\"\n",
    )?;
    let mut w = Words::new(42);
    let mut files = 0;
    let reviewed = "reviewed: 2026-11-01\nreview_by: 2027-05-01\n";
    for (tier, sessions, weeks) in [("low", 4, 3), ("medium", 6, 4), ("high", 10, 5)] {
        let text = format!(
            "---\ntier: {tier}\ntitle: {tier} complexity\nsummary: {}\nwho_for: {}\nsessions: {sessions}\nweeks: {weeks}\ninterventions:\n  - {{ letter: a, text: {} }}\n---\n{}\n",
            w.sentence(8), w.sentence(12), w.sentence(6), w.sentence(40)
        );
        write_file(dir, &format!("content/tiers/{tier}.md"), &text)?;
        files += 3;
    }
    // Roughly 2 offers and 1 guidance page per partner.
    let partners = (pages / 4).max(1);
    let offers = pages / 2;
    let guidance = pages.saturating_sub(partners + offers).max(1);
    for i in 0..partners {
        let kind = KINDS[i % KINDS.len()];
        let text = format!(
            "---\nname: Partner {i} {}\nkind: {kind}\nrole: {}\nareas: [{}]\ncontacts:\n  - role: Referrals team\n    phone: \"0300 000 {:04}\"\n    notes: {}\nverified: 2026-11-01\n{reviewed}---\n## What they do\n\n{}\n\n## At each stage\n\n{}\n",
            w.word(), w.sentence(14), REGIONS[i % REGIONS.len()], i % 10000, w.sentence(8), w.sentence(60), w.sentence(50)
        );
        write_file(dir, &format!("content/partners/partner-{i}.md"), &text)?;
        files += 1;
    }
    for i in 0..offers {
        let tier = ["low", "medium", "high"][i % 3];
        let mut body = String::new();
        for h in 0..3 {
            let _ = write!(
                body,
                "## Part {h}\n\n{}\n\n- {}\n- {}\n\n",
                w.sentence(60),
                w.sentence(6),
                w.sentence(6)
            );
        }
        let _ = writeln!(
            body,
            "See [the provider](../partners/partner-{}.md).",
            i % partners
        );
        let text = format!(
            "---\ntitle: Offer {i} {}\ntier: {tier}\nprovider: partner-{}\nregions: [{}, {}]\neligibility:\n  cohorts: [Adults on licence]\nsummary: {}\nsupport: [{}, {}]\nhow_to_refer: {}\nowner: Bench team\nsessions: 4\nweeks: 3\n{reviewed}---\n{body}",
            w.word(), i % partners, REGIONS[i % REGIONS.len()], REGIONS[(i + 3) % REGIONS.len()],
            w.sentence(16), w.word(), w.word(), w.sentence(10)
        );
        write_file(dir, &format!("content/offers/offer-{i}.md"), &text)?;
        files += 1;
    }
    for i in 0..guidance {
        let audience = ["participant", "practitioner", "editor"][i % 3];
        let mut body = String::new();
        for h in 0..4 {
            let _ = write!(
                body,
                "## Section {h}\n\n{}\n\n{}\n\n",
                w.sentence(50),
                w.sentence(40)
            );
        }
        let _ = writeln!(
            body,
            "| Step | When |\n|---|---|\n| {} | {} |",
            w.word(),
            w.word()
        );
        let text = format!(
            "---\ntitle: Guidance {i} {}\naudience: {audience}\nsummary: {}\n{reviewed}---\n{body}",
            w.word(),
            w.sentence(12)
        );
        write_file(dir, &format!("content/guidance/guide-{i}.md"), &text)?;
        files += 1;
    }
    let mut proto = String::from("title: Synthetic protocol\nsummary: Steps.\nstages:\n");
    for s in 0..5 {
        let _ = write!(
            proto,
            "  - id: stage-{s}\n    title: Stage {s}\n    steps:\n"
        );
        for t in 0..5 {
            let _ = write!(
                proto,
                "      - id: s{s}-t{t}\n        title: {}\n        lead: [Probation practitioner]\n        partners: [partner-{}]\n        timing: {{ anchor: release, relation: before, min: {}, unit: days }}\n        actions: [{}]\n",
                w.sentence(4), (s * 5 + t) % partners, 28 - t, w.sentence(6)
            );
        }
    }
    write_file(dir, "content/protocols/synthetic.yaml", &proto)?;
    let mut glossary = String::from("terms:\n");
    for (i, word) in WORDS.iter().enumerate() {
        let _ = writeln!(
            glossary,
            "  - term: {word} {i}\n    abbreviations: [W{i}]\n    definition: {}",
            w.sentence(12)
        );
    }
    write_file(dir, "content/glossary.yaml", &glossary)?;
    Ok(files + 2)
}
