//! The words Signpost writes on the pages it makes itself (list and browse pages, search,
//! the planner's form), read from the theme's `wording.toml` (or the site's own, beside
//! `site.toml`, which replaces it) so that a theme or a translation reaches every word a
//! reader sees. Every key is required and no other is allowed: a misspelt key is an error
//! at its line, not a word silently missing from a page.

use crate::diagnostic::{display_path, Code, Diagnostic, Position};
use crate::kind::DocKind;
use crate::model::{Audience, Gender, PartnerKind, Status};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The file's name, in the theme's folder or the site's.
pub const FILE: &str = "wording.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub pages: Pages,
    pub planner: PlannerWording,
    pub labels: Labels,
}

/// Names of the values of fields, by the key content files use. Every value must have one
/// (checked when the file is read).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub audience: BTreeMap<String, String>,
    pub status: BTreeMap<String, String>,
    pub partner_kind: BTreeMap<String, String>,
    pub gender: BTreeMap<String, String>,
    pub kind: BTreeMap<String, KindName>,
}

/// A kind of search result, named as one and as a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindName {
    pub one: String,
    pub many: String,
}

impl Labels {
    pub fn audience(&self, a: Audience) -> &str {
        self.audience.get(a.key()).map_or(a.key(), String::as_str)
    }
    pub fn status(&self, s: Status) -> &str {
        self.status.get(s.key()).map_or(s.key(), String::as_str)
    }
    /// The "every status" filter's name.
    pub fn all_statuses(&self) -> &str {
        self.status.get("all").map_or("all", String::as_str)
    }
    pub fn partner_kind(&self, k: PartnerKind) -> &str {
        self.partner_kind
            .get(k.key())
            .map_or(k.key(), String::as_str)
    }
    pub fn gender(&self, g: Gender) -> &str {
        self.gender.get(g.key()).map_or(g.key(), String::as_str)
    }
    /// A result's kind ("Service").
    pub fn kind(&self, k: DocKind) -> &str {
        self.kind.get(k.key()).map_or(k.key(), |n| n.one.as_str())
    }
    /// A list of them ("Services").
    pub fn kinds(&self, k: DocKind) -> &str {
        self.kind.get(k.key()).map_or(k.key(), |n| n.many.as_str())
    }
    /// A result's kind by its key, as the index stores it (the key itself if unknown).
    pub fn kind_of_key<'k>(&'k self, key: &'k str) -> &'k str {
        self.kind.get(key).map_or(key, |n| n.one.as_str())
    }

    /// The keys each table must have and has not, and those it has and must not, by table.
    fn problems(&self) -> Vec<String> {
        let kinds: BTreeMap<String, String> =
            self.kind.keys().map(|k| (k.clone(), k.clone())).collect();
        let tables: [(&str, &BTreeMap<String, String>, Vec<&str>); 5] = [
            ("kind", &kinds, DocKind::ALL.map(DocKind::key).to_vec()),
            (
                "audience",
                &self.audience,
                Audience::ALL.map(Audience::key).to_vec(),
            ),
            (
                "status",
                &self.status,
                Status::ALL
                    .map(Status::key)
                    .into_iter()
                    .chain(["all"])
                    .collect(),
            ),
            (
                "partner_kind",
                &self.partner_kind,
                PartnerKind::ALL.map(PartnerKind::key).to_vec(),
            ),
            (
                "gender",
                &self.gender,
                Gender::ALL.map(Gender::key).to_vec(),
            ),
        ];
        let mut out = Vec::new();
        for (table, given, wanted) in tables {
            for key in &wanted {
                if !given.contains_key(*key) {
                    out.push(format!("[labels.{table}] has no `{key}`"));
                }
            }
            for key in given.keys() {
                if !wanted.contains(&key.as_str()) {
                    out.push(format!(
                        "[labels.{table}] has `{key}`, which is none of {}",
                        wanted.join(", ")
                    ));
                }
            }
        }
        out
    }
}

/// A page the site makes itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageWording {
    /// Its name in the navigation and in breadcrumbs.
    pub name: String,
    /// Its heading, when not its name.
    pub title: Option<String>,
    pub summary: Option<String>,
}

impl PageWording {
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.name)
    }

    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pages {
    pub home: PageWording,
    pub tiers: PageWording,
    pub offers: PageWording,
    pub partners: PageWording,
    pub protocols: PageWording,
    pub guidance: PageWording,
    pub glossary: PageWording,
    pub commitments: PageWording,
    pub search: PageWording,
    pub not_found: PageWording,
    pub browse_a_z: PageWording,
    pub browse_tiers: PageWording,
    pub browse_regions: PageWording,
    pub browse_kinds: PageWording,
    /// `{region}` in its name stands for the bank holidays' region.
    pub bank_holidays: PageWording,
}

/// The pages the site makes itself, whose words come from [`Pages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    Home,
    Tiers,
    Offers,
    Partners,
    Protocols,
    Guidance,
    Glossary,
    Commitments,
    Search,
    NotFound,
    BrowseAToZ,
    BrowseTiers,
    BrowseRegions,
    BrowseKinds,
    /// Its `{region}` is filled in by the page.
    BankHolidays,
}

impl Pages {
    /// The words of a page the site makes.
    pub fn of(&self, page: Made) -> &PageWording {
        match page {
            Made::Home => &self.home,
            Made::Tiers => &self.tiers,
            Made::Offers => &self.offers,
            Made::Partners => &self.partners,
            Made::Protocols => &self.protocols,
            Made::Guidance => &self.guidance,
            Made::Glossary => &self.glossary,
            Made::Commitments => &self.commitments,
            Made::Search => &self.search,
            Made::NotFound => &self.not_found,
            Made::BrowseAToZ => &self.browse_a_z,
            Made::BrowseTiers => &self.browse_tiers,
            Made::BrowseRegions => &self.browse_regions,
            Made::BrowseKinds => &self.browse_kinds,
            Made::BankHolidays => &self.bank_holidays,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannerWording {
    pub service_levels: String,
    pub fields: PlannerFields,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannerFields {
    pub release: Field,
    pub referral: Field,
    pub assessment: Field,
    pub sentence: Field,
    pub reception: Field,
    pub start_of_order: Field,
}

/// A form field's label and hint.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: String,
    pub hint: String,
    /// The hint when a service level marks the date (the assessment's last possible day).
    pub hint_marked: Option<String>,
}

impl Wording {
    /// Reads the site's `wording.toml`, or else the theme's.
    pub fn load(root: &Path, theme: &str) -> Result<Wording, Diagnostic> {
        let site = root.join(FILE);
        let path = if site.is_file() {
            site
        } else {
            root.join("themes").join(theme).join(FILE)
        };
        let file = display_path(root, &path);
        if !path.is_file() {
            return Err(Diagnostic::new(
                Code::NoTheme,
                &file,
                format!("theme `{theme}` has no {FILE}"),
            )
            .with_help(format!(
                "copy themes/default/{FILE} into the theme (or beside site.toml) and reword it"
            )));
        }
        let text = crate::source::read_text(&path, &file)?;
        let wording: Wording = toml::from_str(&text).map_err(|e| {
            let position = e
                .span()
                .map(|s| Position::of_offset(&text, s.start, s.len().max(1)))
                .unwrap_or(Position::new(1, 1, 1));
            let message = e.message().to_string();
            let (code, help) = crate::source::explain_serde_message(&message);
            Diagnostic::new(code, &file, message)
                .at(position, &text)
                .with_help_opt(help)
        })?;
        if let Some(problem) = wording.labels.problems().into_iter().next() {
            let table = problem.split(']').next().unwrap_or_default().to_string();
            let line = text
                .lines()
                .position(|l| l.trim() == format!("{table}]"))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::new(Code::MissingField, &file, problem)
                .at(Position::new(line, 1, table.len() + 1), &text)
                .with_help("give every value its name, as themes/default/wording.toml does"));
        }
        Ok(wording)
    }
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
        assert_eq!(wording.labels.partner_kind(PartnerKind::Police), "Police");
    }
}
