//! Reading content files: size and encoding limits, front matter, YAML with positions.
//!
//! Everything that can go wrong here becomes a [`Diagnostic`] naming the file, line and
//! column in the file's own coordinates (front matter lines included).

use crate::diagnostic::{Code, Diagnostic, Position};
use crate::suggest;
use crate::yaml_map::YamlMap;
use serde::de::DeserializeOwned;
use std::path::Path;
use std::sync::OnceLock;

/// Set in the environment of a debug build, `report` names each path it could not find
/// exactly (on standard error).
pub const CHECK_PATHS: &str = "SIGNPOST_CHECK_PATHS";

/// Content files above this size are rejected: nothing legitimate is this big, and a
/// runaway file should not stall every build.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// The text of one content file and where its parts start.
#[derive(Debug)]
pub struct Source {
    /// Path relative to the site root, `/`-separated (e.g. `content/offers/a.md`).
    pub file: String,
    pub text: String,
    /// Byte range of the YAML part (front matter, or the whole of a `.yaml` file).
    pub yaml: std::ops::Range<usize>,
    /// Lines before the YAML part (1 for front matter, after the `---` line).
    pub yaml_line_offset: usize,
    /// Byte offset where the Markdown body starts (text length when there is none).
    pub body_start: usize,
    /// Positions of the YAML values, worked out only when a diagnostic needs one: most
    /// files have none, and the map costs more memory than the text itself.
    yaml_map: OnceLock<YamlMap>,
}

impl Source {
    /// A file known by its name only, its text not kept (a record copied into another
    /// language's content, whose page that language does not publish).
    pub fn named(file: String) -> Source {
        Source {
            file,
            text: String::new(),
            yaml: 0..0,
            yaml_line_offset: 0,
            body_start: 0,
            yaml_map: OnceLock::new(),
        }
    }

    fn yaml_map(&self) -> &YamlMap {
        self.yaml_map
            .get_or_init(|| YamlMap::parse(self.yaml_text()))
    }

    pub fn yaml_text(&self) -> &str {
        self.text.get(self.yaml.clone()).unwrap_or_default()
    }

    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }

    /// Lets go of the file's text once nothing will point into it again (a one-off build
    /// after its checks: at 100,000 pages the texts are half a gigabyte). Positions asked
    /// for afterwards fall back to the start of the file.
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.yaml = 0..0;
        self.body_start = 0;
        self.yaml_map = OnceLock::new();
    }

    pub fn has_front_matter(&self) -> bool {
        self.yaml_line_offset > 0 || !self.yaml.is_empty()
    }

    /// Position of a byte range of the Markdown body, in file coordinates.
    pub fn body_position(&self, offset: usize, len: usize) -> Position {
        Position::of_offset(&self.text, self.body_start + offset, len)
    }

    /// Position of the YAML value at `path`, in file coordinates.
    pub fn value_pos(&self, path: &str) -> Position {
        self.yaml_map().value(path).shifted(self.yaml_line_offset)
    }

    /// A problem of kind `code` at the YAML value `path` (e.g. `stages[0].steps[2].id`), or
    /// at the nearest node above it that the file has.
    pub fn report(&self, code: Code, path: &str, message: impl Into<String>) -> Diagnostic {
        // A path with a typo would quietly point at its parent node. Debug builds say so
        // when asked (`tests/it/diagnostics.rs` asks on every fixture); a parent is right
        // only where the value is not in the file as written (YAML aliases).
        #[cfg(debug_assertions)]
        if std::env::var_os(CHECK_PATHS).is_some() && !self.yaml_map().has(path) {
            eprintln!(
                "{CHECK_PATHS}: no node at `{path}` in {} ({code})",
                self.file
            );
        }
        Diagnostic::new(code, &self.file, message).at(self.value_pos(path), &self.text)
    }

    /// Deserialises the YAML part into `T`, turning serde's error into a located diagnostic.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let yaml = self.yaml_text();
        if yaml.trim().is_empty() {
            let hint = if self.yaml_line_offset > 0 {
                "add the fields between the two `---` lines"
            } else {
                "add the fields this kind of file needs (see docs/content-format.md)"
            };
            return Err(
                Diagnostic::new(Code::Empty, &self.file, "the file has no fields")
                    .at(Position::new(1 + self.yaml_line_offset, 1, 1), &self.text)
                    .with_help(hint),
            );
        }
        serde_yaml::from_str::<T>(yaml).map_err(|e| self.serde_diagnostic(&e))
    }

    fn serde_diagnostic(&self, e: &serde_yaml::Error) -> Diagnostic {
        let full = e.to_string();
        // serde_yaml appends " at line L column C"; we show the place separately.
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full.clone(),
        };
        let position = match e.location() {
            Some(loc) => {
                let width = token_width(&self.text, self.yaml.start + loc.index());
                Position::new(loc.line(), loc.column(), width).shifted(self.yaml_line_offset)
            }
            None => Position::new(1 + self.yaml_line_offset, 1, 1),
        };
        let (code, help) = explain_serde_message(&message);
        // Errors raised by our own types (dates) are placed by serde at the enclosing
        // mapping; the value they quote is a better place.
        let position = match (code, message.split('`').nth(1)) {
            (Code::InvalidDate, Some(value)) => self
                .yaml_map()
                .scalar(value)
                .map_or(position, |p| p.shifted(self.yaml_line_offset)),
            _ => position,
        };
        Diagnostic::new(code, &self.file, message)
            .at(position, &self.text)
            .with_help_opt(help)
    }
}

/// Width of the word at `offset`, for the caret underline.
fn token_width(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .map(|rest| {
            rest.chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, ':' | ',' | ']' | '}'))
                .count()
        })
        .unwrap_or(1)
        .max(1)
}

/// Picks a code and a fix for serde's messages ("unknown variant `meduim`, expected one of …").
pub(crate) fn explain_serde_message(message: &str) -> (Code, Option<String>) {
    let ticked: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let expected_from = |given: &str| {
        let after = message.find("expected").map_or("", |i| &message[i..]);
        let candidates: Vec<&str> = after.split('`').skip(1).step_by(2).collect();
        suggest::help_for(given, candidates.iter().copied())
    };
    if message.contains("unknown variant") {
        let given = ticked.first().copied().unwrap_or_default();
        (Code::UnknownValue, expected_from(given))
    } else if message.contains("unknown field") {
        let given = ticked.first().copied().unwrap_or_default();
        let help = expected_from(given).map(|h| {
            if h.starts_with("did you mean") {
                h
            } else {
                format!(
                    "remove the field, or use one of the fields this file allows: {}",
                    h.trim_start_matches("expected one of ")
                )
            }
        });
        (Code::UnknownField, help)
    } else if message.contains("missing field") {
        let field = ticked.first().copied().unwrap_or("the field");
        (
            Code::MissingField,
            Some(format!("add `{field}: …` to this record")),
        )
    } else if message.contains("not a date") || message.contains("not a real date") {
        (Code::InvalidDate, None)
    } else if message.contains("invalid type") {
        (Code::InvalidType, Some("check the value's shape against docs/content-format.md (a list needs `[a, b]` or `- a` lines)".into()))
    } else {
        (Code::YamlSyntax, Some("check the indentation and quoting on this line; quote values that contain `: ` or start with a symbol".into()))
    }
}

/// Parses YAML into generic JSON data (for tools and tests that need no typed model).
pub fn yaml_to_json(text: &str) -> Result<serde_json::Value, String> {
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// Why a file could not be read as text.
pub fn read_text(path: &Path, file: &str) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::new(Code::Io, file, format!("cannot read the file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            Code::TooLarge,
            file,
            format!(
                "the file is {} bytes; content files may be at most {} bytes (2 MB)",
                meta.len(),
                MAX_FILE_BYTES
            ),
        )
        .with_help("split it into several pages, or move large data out of content/"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::new(Code::Io, file, format!("cannot read the file: {e}")))?;
    decode(bytes, file)
}

/// Checks the bytes are UTF-8, pointing at the first bad byte if not.
pub fn decode(bytes: Vec<u8>, file: &str) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // Everything before the bad byte is valid, so its position is exact; the
            // line is shown with the bad bytes as U+FFFD.
            let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
            let pos = Position::of_offset(&prefix, prefix.len(), 1);
            let shown = String::from_utf8_lossy(&bytes).into_owned();
            Err(
                Diagnostic::new(Code::InvalidUtf8, file, "the file is not valid UTF-8 text")
                    .at(pos, &shown)
                    .with_help("save the file as UTF-8 in your editor"),
            )
        }
    }
}

/// Splits a file into YAML and Markdown parts. `.yaml`/`.yml` files are all YAML;
/// `.md` files may start with front matter between two `---` lines.
pub fn split(file: String, text: String, is_markdown: bool) -> Result<Source, Diagnostic> {
    if !is_markdown {
        let len = text.len();
        return Ok(Source {
            file,
            yaml: 0..len,
            yaml_line_offset: 0,
            body_start: len,
            text,
            yaml_map: OnceLock::new(),
        });
    }
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Ok(Source {
            file,
            yaml: 0..0,
            yaml_line_offset: 0,
            body_start: 0,
            text,
            yaml_map: OnceLock::new(),
        });
    }
    let mut offset = first_line_end;
    let mut close = None;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == "---" {
            close = Some((offset, end));
            break;
        }
        offset = end;
    }
    let Some((yaml_end, body_start)) = close else {
        return Err(
            Diagnostic::new(Code::FrontMatter, &file, "the front matter is never closed")
                .at(Position::new(1, 1, 3), &text)
                .with_help("add a line with only `---` after the last field"),
        );
    };
    Ok(Source {
        file,
        yaml: first_line_end..yaml_end,
        yaml_line_offset: 1,
        body_start,
        text,
        yaml_map: OnceLock::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        #[allow(dead_code)]
        tier: crate::model::Tier,
    }

    #[test]
    fn front_matter_errors_point_into_the_markdown_file() {
        let src = split("a.md".into(), "---\ntier: meduim\n---\nBody\n".into(), true).unwrap();
        let d = src.parse::<T>().unwrap_err();
        assert_eq!((d.line, d.column), (2, 7));
        assert_eq!(d.help.as_deref(), Some("did you mean `medium`?"));
        assert_eq!(src.body(), "Body\n");
    }

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let src = split("a.yaml".into(), "tier: low\ntiers: high\n".into(), false).unwrap();
        let d = src.parse::<T>().unwrap_err();
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!(d.line, 2);
        assert_eq!(d.help.as_deref(), Some("did you mean `tier`?"));
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let d = split("a.md".into(), "---\ntitle: x\n".into(), true).unwrap_err();
        assert_eq!(d.code, Code::FrontMatter);
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let d = decode(b"ok\nbad \xff here".to_vec(), "a.md").unwrap_err();
        assert_eq!((d.line, d.column), (2, 5));
    }
}
