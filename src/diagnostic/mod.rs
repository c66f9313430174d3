//! Diagnostics: every problem found in content, with its place in the file and a fix.
//!
//! The pipeline never stops at the first problem: each stage pushes into a
//! [`Diagnostics`] collection, and the CLI prints them all at the end.

mod code;

pub use code::{Code, Exit};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// How bad a diagnostic is. Errors fail the build; warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem, e.g. `unknown-reference` (its severity comes with it).
    pub code: Code,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line in the file's own coordinates (front matter included); 0 if not known.
    pub line: usize,
    /// 1-based column in characters; 0 if not known.
    pub column: usize,
    /// How many characters to underline (at least one).
    #[serde(skip)]
    pub width: usize,
    pub message: String,
    /// How to fix it, often "did you mean `x`?".
    pub help: Option<String>,
    /// The text of the line, for the caret display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem of kind `code` in `file`, as bad as that kind is.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: code.severity(),
            code,
            file: file.into(),
            line: 0,
            column: 0,
            width: 1,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// Places the diagnostic at `line:column` and keeps the line's text for display.
    pub fn at(mut self, position: Position, text: &str) -> Self {
        self.line = position.line;
        self.column = position.column;
        self.width = position.width.max(1);
        self.source_line = text
            .lines()
            .nth(position.line.saturating_sub(1))
            .filter(|_| position.line > 0)
            .map(|l| l.trim_end_matches('\r').to_string());
        // Parsers report "unexpected end" on the line after the last one.
        if self.source_line.is_none() && position.line == text.lines().count() + 1 {
            self.source_line = Some(String::new());
            self.column = 1;
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// `file:line:col` as editors understand it.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column.max(1))
        }
    }

    /// Human rendering: header, location, the source line with a caret, and help.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}[{}]: {}", self.code, self.message);
        let gutter = self.line.to_string().len().max(1);
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {}", self.location());
        if let Some(text) = &self.source_line {
            let shown: String = text.replace('\t', " ");
            let col = self.column.max(1);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", self.line, shown);
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(col - 1),
                "^".repeat(self.width.max(1))
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        out
    }
}

/// A place in a file: 1-based line and column (in characters) and an underline width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

impl Position {
    pub fn new(line: usize, column: usize, width: usize) -> Self {
        Self {
            line,
            column,
            width,
        }
    }

    /// The same place `lines` further down (front matter starts after the `---` line).
    pub fn shifted(self, lines: usize) -> Self {
        Self {
            line: self.line + lines,
            ..self
        }
    }

    /// Position of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize, width: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Self::new(line, column, width)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders a path relative to `root` with `/` separators, for stable messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// All diagnostics from one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Sorted by file, line, column, then message, so output never depends on thread timing.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_maps_to_line_and_column_in_characters() {
        let text = "a: 1\nbé: x\n";
        let p = Position::of_offset(text, text.find('x').unwrap(), 1);
        assert_eq!((p.line, p.column), (2, 5));
    }

    #[test]
    fn an_error_at_the_end_of_the_file_shows_an_empty_last_line() {
        let d = Diagnostic::new(Code::YamlSyntax, "a.yaml", "unexpected end")
            .at(Position::new(2, 3, 1), "\"\n");
        assert_eq!(d.source_line.as_deref(), Some(""));
        assert_eq!(d.column, 1);
    }

    #[test]
    fn render_shows_caret_under_the_column() {
        let d = Diagnostic::new(
            Code::UnknownValue,
            "content/offers/a.md",
            "unknown tier `meduim`",
        )
        .at(Position::new(2, 7, 6), "---\ntier: meduim\n")
        .with_help("did you mean `medium`?");
        let r = d.render();
        assert!(r.contains("--> content/offers/a.md:2:7"), "{r}");
        assert!(r.contains("2 | tier: meduim\n  |       ^^^^^^"), "{r}");
        assert!(r.contains("help: did you mean `medium`?"), "{r}");
    }
}
