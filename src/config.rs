//! `site.toml`: the site's title, address, output folder, theme and help block.

use crate::diagnostic::{Code, Diagnostic, Position};
use crate::source;
use serde::Deserialize;
use std::path::Path;

/// The site-wide "get help" block shown in the same place on every page.
#[derive(Debug, Clone, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Help {
    pub title: String,
    pub text: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute address the site is served from, used in the sitemap and feed.
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Output folder, relative to the site root.
    #[serde(default = "default_output")]
    pub output: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    pub help: Option<Help>,
    /// Highest reading grade per audience for the plain-English check.
    #[serde(default)]
    pub readability: crate::readability::Limits,
    /// The site's languages (`[[languages]]`), the first the one `content/` is written in;
    /// none listed: the site has one language, `language`'s.
    #[serde(default)]
    pub languages: Vec<Language>,
    /// The Open Referral export (`[openreferral]`): on, under `/openreferral/`, by default.
    #[serde(default)]
    pub openreferral: OpenReferral,
}

/// `[openreferral]` in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenReferral {
    /// Publish the export (on unless switched off).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The folder of the site it is published in, e.g. `openreferral` or `api/oruk`.
    #[serde(default = "default_path")]
    pub path: String,
}

impl Default for OpenReferral {
    fn default() -> Self {
        OpenReferral {
            enabled: true,
            path: default_path(),
        }
    }
}

fn yes() -> bool {
    true
}
fn default_path() -> String {
    "openreferral".into()
}

impl OpenReferral {
    /// The folder, as a path in the site without slashes at either end; `None` when it
    /// is not a plain relative path (checked when `site.toml` is read).
    pub fn folder(&self) -> Option<&str> {
        let p = self.path.trim_matches('/');
        let plain = !p.is_empty()
            && p.split('/').all(|s| {
                !s.is_empty()
                    && s != "."
                    && s != ".."
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            });
        plain.then_some(p)
    }
}

/// One language of the site (`[[languages]]` in `site.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// As translations' file names give it: `cy` in `low.cy.md`.
    pub code: String,
    /// Its name in itself, for the language switch ("Cymraeg").
    pub title: String,
    /// Where its pages are published: the first language's at the root, another's under
    /// `/{code}` unless given.
    pub prefix: Option<String>,
    /// The site's title and description in this language (required of every language
    /// after the first: its pages carry them in the header and the feed).
    pub site_title: Option<String>,
    pub description: Option<String>,
    /// The help block in this language (required of every language after the first when
    /// the site has one).
    pub help: Option<Help>,
}

impl Language {
    /// The folder its pages are published under: `""` for the first language, `/cy` for
    /// Welsh unless `prefix` gives another.
    pub fn prefix(&self, first: bool) -> String {
        if first {
            return String::new();
        }
        match &self.prefix {
            Some(p) => format!("/{}", p.trim_matches('/')),
            None => format!("/{}", self.code),
        }
    }
}

impl Config {
    /// The languages translations may be in: every one listed after the first.
    pub fn translated_languages(&self) -> &[Language] {
        self.languages.get(1..).unwrap_or_default()
    }

    /// A problem with `[[languages]]`, if there is one: what, how to fix it, and the text
    /// of the value at fault with which of its appearances it is (to point at its line).
    fn language_problem(&self) -> Option<(String, &'static str, String, usize)> {
        let mut seen = std::collections::BTreeSet::new();
        for (i, l) in self.languages.iter().enumerate() {
            let code_ok =
                (2..=3).contains(&l.code.len()) && l.code.bytes().all(|b| b.is_ascii_lowercase());
            if !code_ok {
                return Some((
                    format!(
                        "language code `{}` is not two or three lower-case letters",
                        l.code
                    ),
                    "use the language's ISO 639 code, e.g. code = \"cy\" for Welsh",
                    format!("\"{}\"", l.code),
                    0,
                ));
            }
            if !seen.insert(&l.code) {
                return Some((
                    format!("language `{}` is listed twice", l.code),
                    "list each language once",
                    format!("\"{}\"", l.code),
                    1,
                ));
            }
            let prefix = l.prefix.as_deref().unwrap_or_default();
            if i == 0 && !prefix.trim_matches('/').is_empty() {
                return Some((
                    format!("the first language, `{}`, has a prefix", l.code),
                    "the first language is the one content/ is written in and is published at the root: remove its prefix",
                    format!("\"{prefix}\""),
                    0,
                ));
            }
            let plain = prefix.starts_with('/')
                && prefix[1..]
                    .trim_end_matches('/')
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if i > 0 && l.prefix.is_some() && (!plain || prefix.trim_matches('/').is_empty()) {
                return Some((
                    format!(
                        "prefix `{prefix}` of `{}` is not a folder of the site",
                        l.code
                    ),
                    "write it as prefix = \"/cy\"",
                    format!("\"{prefix}\""),
                    0,
                ));
            }
            if i > 0 && l.site_title.is_none() {
                return Some((
                    format!("language `{}` has no site_title", l.code),
                    "give the site's title in this language, e.g. site_title = \"Signpost: cymorth tai\": its pages show it in their header",
                    format!("\"{}\"", l.code),
                    0,
                ));
            }
            if i > 0 && self.help.is_some() && l.help.is_none() {
                return Some((
                    format!("language `{}` has no help block, and the site has one", l.code),
                    "add [languages.help] after this language, with the title and text of [help] in this language",
                    format!("\"{}\"", l.code),
                    0,
                ));
            }
        }
        None
    }
}

fn default_language() -> String {
    "en-GB".into()
}
fn default_output() -> String {
    "public".into()
}
fn default_theme() -> String {
    "default".into()
}

impl Config {
    /// Reads `site.toml` from `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join("site.toml");
        let file = "site.toml";
        if !path.is_file() {
            return Err(
                Diagnostic::new(Code::NoConfig, file, "there is no site.toml here")
                    .with_help("run signpost in the site's folder, or pass --root DIR"),
            );
        }
        let text = source::read_text(&path, file)?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let position = e
                .span()
                .map(|s| Position::of_offset(&text, s.start, s.len().max(1)))
                .unwrap_or(Position::new(1, 1, 1));
            let message = e.message().to_string();
            let (code, help) = source::explain_serde_message(&message);
            Diagnostic::new(code, file, message)
                .at(position, &text)
                .with_help_opt(help)
        })?;
        config.base_url = config.base_url.trim_end_matches('/').to_string();
        if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("base_url"))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::new(
                Code::InvalidUrl,
                file,
                format!("base_url `{}` is not an absolute address", config.base_url),
            )
            .at(Position::new(line, 1, 8), &text)
            .with_help(
                "write the full address, e.g. base_url = \"https://signpost.example.org\"",
            ));
        }
        if let Some(url) = config.help.as_ref().and_then(|h| h.url.as_deref()) {
            let site_path = url.starts_with('/') && !url.starts_with("//");
            if !site_path && !crate::route::is_web_address(url) {
                let line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with("url"))
                    .map_or(1, |i| i + 1);
                return Err(Diagnostic::new(
                    Code::InvalidUrl,
                    file,
                    format!("help url `{url}` is neither a page of this site nor a web address"),
                )
                .at(Position::new(line, 1, 3), &text)
                .with_help(
                    "use a site path such as \"/guidance/get-help-now/\" or an https:// address",
                ));
            }
        }
        if let Some((problem, help, value, nth)) = config.language_problem() {
            let at = text
                .lines()
                .enumerate()
                .filter_map(|(i, l)| l.find(&value).map(|c| (i + 1, l[..c].chars().count() + 1)))
                .nth(nth)
                .unwrap_or((1, 1));
            return Err(Diagnostic::new(Code::InvalidLanguage, file, problem)
                .at(Position::new(at.0, at.1, value.chars().count()), &text)
                .with_help(help));
        }
        if config.openreferral.folder().is_none() {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("path"))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::new(
                Code::InvalidUrl,
                file,
                format!(
                    "[openreferral] path `{}` is not a folder of the site",
                    config.openreferral.path
                ),
            )
            .at(Position::new(line, 1, 4), &text)
            .with_help("write a folder name such as path = \"openreferral\" (letters, digits, - and _, folders joined by /)"));
        }
        Ok(config)
    }
}
