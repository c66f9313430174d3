//! The words Signpost writes on the pages it makes itself (list and browse pages, search,
//! the planner's form), read from the theme's `wording.toml` (or the site's own, beside
//! `site.toml`, which replaces it) so that a theme or a translation reaches every word a
//! reader sees. Every key is required and no other is allowed: a misspelt key is an error
//! at its line, not a word silently missing from a page. `[text]` holds the words of the
//! theme's templates and scripts (`text`), `[dates]` the names of months and weekdays
//! (`dates`).

mod dates;
mod labels;
mod pages;
mod text;
mod timing;

use crate::diagnostic::{display_path, Code, Diagnostic, Position};
use serde::Deserialize;
use std::borrow::Cow;
use std::path::Path;

pub use crate::made::Made;
pub use dates::DateWording;
pub use labels::{KindName, Labels};
pub use pages::{Field, PageWording, Pages, PlannerFields, PlannerWording};
pub use text::{text_problems, Text};
pub use timing::TimingWording;

/// The file's name, in the theme's folder or the site's.
pub const FILE: &str = "wording.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub pages: Pages,
    pub planner: PlannerWording,
    pub protocols: ProtocolWording,
    pub timing: TimingWording,
    pub chooser: ChooserWording,
    pub commitments: CommitmentsWording,
    pub tiers: TierWording,
    pub search: SearchWording,
    pub labels: Labels,
    /// The names of months and weekdays.
    pub dates: DateWording,
    /// The words of the theme's templates and scripts, by key (templates' `t`).
    pub text: Text,
}

/// The words of the results search makes of parts of pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchWording {
    /// A protocol step's line under its title: `{number}`, `{protocol}`, `{stage}`.
    pub step_summary: String,
    /// A recommendation's title: `{number}`, `{status}` (its status's label, in lower case).
    pub recommendation_title: String,
}

/// The words of protocol pages: the step list's ways on and the flowchart. `{…}` in a
/// phrase stands for what the page fills in; each phrase may use only its own names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolWording {
    /// A way on to the next step, after a step with no branches.
    pub next: String,
    /// The way on when none of a step's branches applies.
    pub otherwise: String,
    /// `{protocol}`.
    pub chart_title: String,
    /// `{steps}`, `{stages}`, `{pathways}` (empty, or `chart_pathways`).
    pub chart_description: String,
    /// `{count}`.
    pub chart_pathways: String,
    /// A pathway's band: `{number}`, `{count}`.
    pub chart_pathway: String,
    /// A stage's band: `{number}`, `{title}`.
    pub chart_stage: String,
    pub chart_when: String,
    pub chart_lead: String,
    /// `{number}`.
    pub chart_go_to_step: String,
    pub chart_pathway_ends: String,
    pub chart_start: String,
    pub chart_end: String,
    /// On each alternative arrow after the first.
    pub chart_or: String,
}

/// The words of the commitments tracker.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentsWording {
    /// The title of its copy for one status: `{title}` (the tracker's), `{status}` (the
    /// status's label, in lower case).
    pub filtered_title: String,
}

/// The words of tiers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierWording {
    /// The title of a tier without a page in `content/tiers/`: `{tier}` (its name).
    pub untitled: String,
}

/// The words of the tier chooser's pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChooserWording {
    /// The title of a route's outcome page: `{tier}`.
    pub outcome_title: String,
}

/// `phrase` with each `{name}` replaced by its value.
pub fn fill(phrase: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = phrase.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// The `{names}` a phrase uses.
fn names_in(phrase: &str) -> Vec<&str> {
    phrase
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

impl Wording {
    /// Phrases that use a `{name}` the page does not fill in: (table, key, problem).
    fn phrase_problems(&self) -> Vec<(&'static str, &'static str, String)> {
        let p = &self.protocols;
        let phrases: [(&str, &str, &str, &[&str]); 6] = [
            ("protocols", "chart_title", &p.chart_title, &["protocol"]),
            (
                "protocols",
                "chart_description",
                &p.chart_description,
                &["steps", "stages", "pathways"],
            ),
            ("protocols", "chart_pathways", &p.chart_pathways, &["count"]),
            (
                "protocols",
                "chart_pathway",
                &p.chart_pathway,
                &["number", "count"],
            ),
            (
                "protocols",
                "chart_stage",
                &p.chart_stage,
                &["number", "title"],
            ),
            (
                "protocols",
                "chart_go_to_step",
                &p.chart_go_to_step,
                &["number"],
            ),
        ];
        let t = &self.timing;
        let bounded: &[&str] = &["count", "unit", "relation", "anchor"];
        let others: [(&str, &str, &str, &[&str]); 11] = [
            ("tiers", "untitled", &self.tiers.untitled, &["tier"]),
            (
                "commitments",
                "filtered_title",
                &self.commitments.filtered_title,
                &["title", "status"],
            ),
            (
                "chooser",
                "outcome_title",
                &self.chooser.outcome_title,
                &["tier"],
            ),
            ("timing", "exactly", &t.exactly, bounded),
            (
                "timing",
                "range",
                &t.range,
                &["min", "max", "unit", "relation", "anchor"],
            ),
            ("timing", "at_least", &t.at_least, bounded),
            ("timing", "within", &t.within, &["count", "unit", "anchor"]),
            (
                "timing",
                "no_more_than",
                &t.no_more_than,
                &["count", "unit", "anchor"],
            ),
            ("timing", "unbounded", &t.unbounded, &["relation", "anchor"]),
            (
                "search",
                "step_summary",
                &self.search.step_summary,
                &["number", "protocol", "stage"],
            ),
            (
                "search",
                "recommendation_title",
                &self.search.recommendation_title,
                &["number", "status"],
            ),
        ];
        let mut out = Vec::new();
        for (table, key, phrase, allowed) in phrases.into_iter().chain(others) {
            for name in names_in(phrase) {
                if !allowed.contains(&name) {
                    let names: Vec<String> = allowed.iter().map(|n| format!("{{{n}}}")).collect();
                    out.push((
                        table,
                        key,
                        format!(
                            "[{table}] {key} uses `{{{name}}}`, which is none of {}",
                            names.join(", ")
                        ),
                    ));
                }
            }
        }
        out
    }
}

impl Wording {
    /// The title a record shows in lists and search results: its own, or for a page the
    /// site makes (`Header::made`), the theme's, filled in with the header's title.
    pub fn title_of<'a>(&self, header: &crate::model::Header<'a>) -> Cow<'a, str> {
        match header.made {
            Some(page) => {
                let region = self.labels.division(&header.title);
                Cow::Owned(self.pages.of(page).title_with(region))
            }
            None => header.title.clone(),
        }
    }

    /// The summary a record shows in lists and search results (see [`Wording::title_of`]).
    pub fn summary_of<'a>(&self, header: &crate::model::Header<'a>) -> Cow<'a, str> {
        match header.made.and_then(|page| self.pages.of(page).summary()) {
            Some(summary) => Cow::Owned(summary.to_string()),
            None => Cow::Borrowed(header.summary),
        }
    }
}

impl Wording {
    /// Reads the site's `wording.toml`, or else the theme's. The site's must have exactly
    /// the `[text]` keys of the theme's (when the theme has one), as its templates use them.
    pub fn load(root: &Path, theme: &str) -> Result<Wording, Diagnostic> {
        Wording::load_file(root, theme, FILE)
    }

    /// The words in one of the site's other languages: the site's `wording.cy.toml` (for
    /// `cy`), or else the theme's; with exactly the `[text]` keys of the theme's
    /// `wording.toml`.
    pub fn load_language(root: &Path, theme: &str, code: &str) -> Result<Wording, Diagnostic> {
        Wording::load_file(root, theme, &format!("wording.{code}.toml"))
    }

    /// The file `name` beside `site.toml`, or else the theme's. Any file but the theme's
    /// own `wording.toml` must have exactly its `[text]` keys.
    fn load_file(root: &Path, theme: &str, name: &str) -> Result<Wording, Diagnostic> {
        let theme_dir = root.join("themes").join(theme);
        let site = root.join(name);
        let path = if site.is_file() {
            site
        } else {
            theme_dir.join(name)
        };
        if !path.is_file() {
            return Err(Diagnostic::new(
                Code::NoTheme,
                display_path(root, &path),
                format!("theme `{theme}` has no {name}"),
            )
            .with_help(format!(
                "copy themes/default/{name} into the theme (or beside site.toml) and reword it"
            )));
        }
        let (wording, text) = Wording::read(root, &path)?;
        let reference = theme_dir.join(FILE);
        if path != reference && reference.is_file() {
            let keys = Wording::read_text(root, &reference)?;
            let file = display_path(root, &path);
            if let Some(problem) = text_problems(&keys, &wording.text, &file, &text) {
                return Err(problem);
            }
        }
        Ok(wording)
    }

    /// Reads one file of words (a theme's, a site's, a translation's), checked on its own:
    /// every key there and no other, each list and phrase as it must be. Its text comes
    /// with it, to place what is found wrong with it later ([`text_problems`]).
    pub fn read(root: &Path, path: &Path) -> Result<(Wording, String), Diagnostic> {
        let file = display_path(root, path);
        let text = crate::source::read_text(path, &file)?;
        let wording: Wording = parse(&file, &text)?;
        let mut problems = wording.labels.problems();
        problems.extend(wording.timing.problems());
        if let Some(problem) = problems.into_iter().next() {
            let table = problem.split(']').next().unwrap_or_default().to_string();
            let line = text
                .lines()
                .position(|l| l.trim() == format!("{table}]"))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::new(Code::MissingField, &file, problem)
                .at(Position::new(line, 1, table.len() + 1), &text)
                .with_help("give every value its name, as themes/default/wording.toml does"));
        }
        if let Some((key, problem)) = wording.dates.problem() {
            let line = text::key_line(&text, "dates", key)
                .or_else(|| text::table_line(&text, "dates"))
                .unwrap_or(1);
            return Err(Diagnostic::new(Code::InvalidType, &file, problem)
                .at(Position::new(line, 1, key.len()), &text)
                .with_help("list the names in order: months from January, weekdays from Monday"));
        }
        if let Some((table, key, problem)) = wording.phrase_problems().into_iter().next() {
            // The key's line within its table.
            let header = format!("[{table}]");
            let start = text.lines().position(|l| l.trim() == header).unwrap_or(0);
            let line = text
                .lines()
                .enumerate()
                .skip(start)
                .find(|(_, l)| l.trim_start().starts_with(key))
                .map_or(start + 1, |(i, _)| i + 1);
            return Err(Diagnostic::new(Code::UnknownValue, &file, problem)
                .at(Position::new(line, 1, key.len()), &text)
                .with_help("use only the names the comment above the key lists"));
        }
        Ok((wording, text))
    }

    /// The `[text]` of a file of words (the rest of it unread): the reference another
    /// file's words are checked against.
    pub fn read_text(root: &Path, path: &Path) -> Result<Text, Diagnostic> {
        let file = display_path(root, path);
        let text = crate::source::read_text(path, &file)?;
        parse::<text::TextOnly>(&file, &text).map(|only| only.text)
    }
}

/// `text`, the contents of `file`, as TOML of type `T`; a problem is placed at its span.
fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let position = e
            .span()
            .map(|s| Position::of_offset(text, s.start, s.len().max(1)))
            .unwrap_or(Position::new(1, 1, 1));
        let message = e.message().to_string();
        let (code, help) = crate::source::explain_serde_message(&message);
        Diagnostic::new(code, file, message)
            .at(position, text)
            .with_help_opt(help)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_has_every_word_and_a_misspelt_key_is_located() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let wording = Wording::load(&root, "default").unwrap();
        assert_eq!(wording.pages.tiers.title(), "Support tiers compared");
        assert_eq!(wording.pages.tiers.name, "Support tiers");

        let site = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(root.join("themes/default").join(FILE)).unwrap();
        std::fs::write(
            site.path().join(FILE),
            text.replace("[pages.search]\nname", "[pages.search]\nnmae"),
        )
        .unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::UnknownField, "{error:?}");
        assert_eq!(error.file, FILE);
        let line = text.lines().position(|l| l == "[pages.search]").unwrap() + 2;
        assert_eq!(error.line, line, "{error:?}");

        // Every value of a field needs its name: one left out is an error at its table.
        std::fs::write(
            site.path().join(FILE),
            text.replace("police = \"Police\"\n", ""),
        )
        .unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::MissingField, "{error:?}");
        assert!(error.message.contains("`police`"), "{error:?}");
        let table = text
            .lines()
            .position(|l| l == "[labels.partner_kind]")
            .unwrap()
            + 1;
        assert_eq!(error.line, table, "{error:?}");
        assert_eq!(
            wording
                .labels
                .partner_kind(crate::model::PartnerKind::Police),
            "Police"
        );

        // A phrase may use only the names its page fills in.
        std::fs::write(
            site.path().join(FILE),
            text.replace("Suggested: {tier}", "Suggested: {teir}"),
        )
        .unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::UnknownValue, "{error:?}");
        assert!(error.message.contains("`{teir}`"), "{error:?}");
        let line = text
            .lines()
            .position(|l| l.starts_with("outcome_title"))
            .unwrap()
            + 1;
        assert_eq!(error.line, line, "{error:?}");
        assert_eq!(
            fill(&wording.chooser.outcome_title, &[("tier", &"High")]),
            "Suggested: High"
        );
    }

    /// A site's own file must have the theme's `[text]` keys, and twelve months and seven
    /// weekdays; each problem is placed at its line.
    #[test]
    fn a_sites_own_words_are_checked_against_the_themes() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let theme = Wording::load(&root, "default").unwrap();
        assert_eq!(theme.text.get("skip_link"), Some("Skip to main content"));
        let site = tempfile::tempdir().unwrap();
        let themes = site.path().join("themes/default");
        std::fs::create_dir_all(&themes).unwrap();
        let text = std::fs::read_to_string(root.join("themes/default").join(FILE)).unwrap();
        std::fs::write(themes.join(FILE), &text).unwrap();
        let line_of = |start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;

        // The same words: the site's file is the one read.
        let reworded = text.replace("\"Skip to main content\"", "\"Skip to the page\"");
        std::fs::write(site.path().join(FILE), &reworded).unwrap();
        let wording = Wording::load(site.path(), "default").unwrap();
        assert_eq!(wording.text.get("skip_link"), Some("Skip to the page"));

        // A key the theme's [text] lacks, at its line, with the nearest key.
        let misspelt = text.replace("contacts_heading =", "contacts_haeding =");
        std::fs::write(site.path().join(FILE), &misspelt).unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::UnknownField, "{error:?}");
        assert_eq!(error.file, FILE);
        assert_eq!(error.line, line_of("contacts_heading ="), "{error:?}");
        assert_eq!(
            error.help.as_deref(),
            Some("did you mean `contacts_heading`?")
        );

        // A key left out, at [text].
        let missing = text.replace("not_stated = \"Not stated\"\n", "");
        std::fs::write(site.path().join(FILE), &missing).unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::MissingField, "{error:?}");
        assert!(error.message.contains("`not_stated`"), "{error:?}");
        assert_eq!(error.line, line_of("[text]"), "{error:?}");

        // A month missing, at `months`.
        let months = text.replace("\"November\", ", "");
        std::fs::write(site.path().join(FILE), &months).unwrap();
        let error = Wording::load(site.path(), "default").unwrap_err();
        assert_eq!(error.code, Code::InvalidType, "{error:?}");
        assert!(error.message.contains("11 names; it needs 12"), "{error:?}");
        assert_eq!(error.line, line_of("months = ["), "{error:?}");
    }

    /// Lists and search name the bank holidays page as the page itself does.
    #[test]
    fn a_page_the_site_makes_is_listed_in_the_themes_words() {
        use crate::model::{BankHolidays, Describe};
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut wording = Wording::load(&root, "default").unwrap();
        wording.pages.bank_holidays.name = "Gwyliau banc: {region}".into();
        wording.pages.bank_holidays.summary = Some("Y dyddiau".into());
        let holidays = BankHolidays {
            division: "scotland".into(),
            source: None,
            events: Vec::new(),
        };
        let header = holidays.header();
        assert_eq!(wording.title_of(&header), "Gwyliau banc: Scotland");
        assert_eq!(wording.summary_of(&header), "Y dyddiau");
    }
}
