//! Plain-English check: Flesch reading ease and Flesch–Kincaid grade of each page's text,
//! compared with a limit per audience from `site.toml` (participants: grade 5 by default).
//!
//! The formulas and the word, sentence and syllable counts come from the `textstat` crate.
//! Counts add up, so a page's score combines its summary, its fields and its body.

use crate::content::Content;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::Source;
use crate::text_stats::{Counts, Reading};
use serde::Serialize;

/// One page's score, as `check --verbose` and `--format json` report it.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub file: String,
    pub url: String,
    pub audience: String,
    pub words: usize,
    pub grade: f64,
    pub ease: f64,
    /// The highest grade allowed for this audience, if any.
    pub limit: Option<f64>,
}

impl PageScore {
    pub fn over_limit(&self) -> bool {
        self.limit.is_some_and(|l| self.grade > l)
    }
}

/// Highest Flesch–Kincaid grade allowed per audience (`[readability]` in site.toml).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    #[serde(default = "participant_default")]
    pub participant: Option<f64>,
    pub practitioner: Option<f64>,
    pub editor: Option<f64>,
}

/// A reading age of about 9 to 10, for people with low literacy.
fn participant_default() -> Option<f64> {
    Some(5.0)
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            participant: participant_default(),
            practitioner: None,
            editor: None,
        }
    }
}

impl Limits {
    fn for_audience(&self, audience: &str) -> Option<f64> {
        match audience {
            "participant" => self.participant,
            "practitioner" => self.practitioner,
            "editor" => self.editor,
            _ => None,
        }
    }
}

fn text_counts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Counts {
    let mut c = Counts::default();
    for t in texts {
        c.add(Counts::of(t));
    }
    c
}

/// Scores every page and warns about those above their audience's limit, pointing at the
/// hardest passage of the body.
pub fn check(content: &Content, limits: &Limits, diags: &mut Diagnostics) -> Vec<PageScore> {
    let mut scores = Vec::new();
    let mut score = |source: &Source, url: &str, audience: &str, fields: Counts, body: &Reading| {
        let mut counts = fields;
        counts.add(body.counts);
        if counts.words == 0 {
            return;
        }
        let page = PageScore {
            file: source.file.clone(),
            url: url.to_string(),
            audience: audience.to_string(),
            words: counts.words,
            grade: round1(counts.grade()),
            ease: round1(counts.ease()),
            limit: limits.for_audience(audience),
        };
        if let (true, Some(limit)) = (page.over_limit(), page.limit) {
            let message = format!(
                "this {audience} page reads at grade {:.1}; the limit is {limit:.1}",
                page.grade
            );
            let d = match body.hardest {
                Some(h) => {
                    Diagnostic::new(Code::ReadingLevel, &source.file, message)
                        .at(source.body_position(h.offset, 1), &source.text)
                        .with_help(format!(
                            "the hardest passage starts here (grade {:.1}): use shorter sentences and everyday words",
                            h.grade
                        ))
                }
                None => source
                    .report(Code::ReadingLevel, "summary", message)
                    .with_help("use shorter sentences and everyday words"),
            };
            diags.push(d);
        }
        scores.push(page);
    };
    for r in content.records() {
        let Some(prose) = r.data.prose() else {
            continue;
        };
        let readers = r.data.header().readers.map_or("general", |a| a.key());
        score(
            r.source,
            r.url,
            readers,
            text_counts(prose),
            &r.body.reading,
        );
    }
    scores.sort_by(|a, b| a.file.cmp(&b.file));
    scores
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
