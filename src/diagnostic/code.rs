//! The registry of diagnostic codes: every kind of problem Signpost reports, its stable
//! name (in `--format json` and in the docs), how bad it is, and how it ends the process.
//! A code is a type, not a string, so a misspelt one does not compile, and the severity
//! of a problem is the same wherever it is found.

use super::Severity;
use serde::{Serialize, Serializer};

/// How a problem ends `signpost check` or `build`, beyond failing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Something in the content or the theme to fix: exit code 1.
    Content,
    /// How Signpost was run or the machine (no site here, a file that cannot be read or
    /// written, a bug): exit code 2.
    Setup,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident, $exit:ident;)*) => {
        /// A kind of problem. See the module documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the registry's order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name, e.g. `unknown-reference`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// Errors fail the build; warnings are reported only.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            pub const fn exit(self) -> Exit {
                match self {
                    $(Code::$variant => Exit::$exit,)*
                }
            }
        }
    };
}

codes! {
    /// A link to a `#fragment` the page it points at does not have.
    BrokenAnchor = "broken-anchor", Error, Content;
    /// A link to a file that is not there.
    BrokenFileLink = "broken-file-link", Error, Content;
    /// A link to a page that is not there.
    BrokenLink = "broken-link", Error, Content;
    /// A protocol step's `next` leads where one of its branches leads.
    ContradictsBranch = "contradicts-branch", Error, Content;
    /// The tier chooser's answers lead back to an earlier question.
    Cycle = "cycle", Error, Content;
    /// A chooser question with no answers.
    DeadEnd = "dead-end", Error, Content;
    /// A published record names a draft.
    DraftReference = "draft-reference", Error, Content;
    /// Two answers of one question would share a web address.
    DuplicateAnswer = "duplicate-answer", Error, Content;
    DuplicateId = "duplicate-id", Error, Content;
    /// Two files would be published at one address.
    DuplicateUrl = "duplicate-url", Error, Content;
    /// A file with no fields.
    Empty = "empty", Error, Content;
    /// A contact with no way to reach it.
    EmptyContact = "empty-contact", Error, Content;
    FrontMatter = "front-matter", Error, Content;
    InvalidDate = "invalid-date", Error, Content;
    InvalidEmail = "invalid-email", Error, Content;
    /// `[[languages]]` in `site.toml` with a bad code or prefix, or a language twice.
    InvalidLanguage = "invalid-language", Error, Content;
    /// An id that cannot be part of a web address (or a reserved one).
    InvalidId = "invalid-id", Error, Content;
    InvalidPhone = "invalid-phone", Error, Content;
    /// A range whose end comes before its start.
    InvalidRange = "invalid-range", Error, Content;
    /// A file name that cannot be part of a web address.
    InvalidSlug = "invalid-slug", Error, Content;
    InvalidTiming = "invalid-timing", Error, Content;
    /// A value of the wrong shape (a list where text belongs).
    InvalidType = "invalid-type", Error, Content;
    /// A file that is not UTF-8 text.
    InvalidUtf8 = "invalid-utf8", Error, Content;
    /// An address that is not an http(s) web address.
    InvalidUrl = "invalid-url", Error, Content;
    /// Links in `content/` that lead round in a loop.
    LinkLoop = "link-loop", Error, Content;
    /// A link in `content/` to a file outside it.
    LinkOutside = "link-outside", Error, Content;
    MissingField = "missing-field", Error, Content;
    /// A tier the offers need has no page.
    MissingTier = "missing-tier", Error, Content;
    /// A protocol pathway that can never end.
    NoEnd = "no-end", Error, Content;
    /// A template of the theme failed.
    Template = "template", Error, Content;
    /// An offer at a tier its page does not describe.
    TierMismatch = "tier-mismatch", Error, Content;
    /// A file larger than Signpost reads.
    TooLarge = "too-large", Error, Content;
    /// The chooser's questions make more routes than pages can be built for.
    TooManyRoutes = "too-many-routes", Error, Content;
    /// A translation that gives a field of the structure (a tier, an id, a timing) other
    /// than the file it translates has it, or a list of another length.
    TranslationDisagrees = "translation-disagrees", Error, Content;
    /// A translation (`low.cy.md`) of a file that is not there.
    TranslationWithoutSource = "translation-without-source", Error, Content;
    UnknownDivision = "unknown-division", Error, Content;
    UnknownField = "unknown-field", Error, Content;
    /// A translation in a language `site.toml` does not list.
    UnknownLanguage = "unknown-language", Error, Content;
    /// A chooser answer leads to no question or outcome.
    UnknownNext = "unknown-next", Error, Content;
    UnknownQuestion = "unknown-question", Error, Content;
    /// A name (partner, step, term, tier…) that nothing has.
    UnknownReference = "unknown-reference", Error, Content;
    /// A value that is not one of those allowed.
    UnknownValue = "unknown-value", Error, Content;
    /// A chooser question or protocol step nothing leads to.
    Unreachable = "unreachable", Error, Content;
    YamlSyntax = "yaml-syntax", Error, Content;

    /// The bank-holiday list ends soon.
    BankHolidaysEnding = "bank-holidays-ending", Warning, Content;
    /// A protocol stage with no steps.
    EmptyStage = "empty-stage", Warning, Content;
    /// A review date in the future.
    FutureDate = "future-date", Warning, Content;
    /// A draft without a field its kind needs, left out until it has it.
    IncompleteDraft = "incomplete-draft", Warning, Content;
    /// No bank-holiday list, so working days count weekends only.
    NoBankHolidays = "no-bank-holidays", Warning, Content;
    /// Harder reading than the page's audience should be given.
    ReadingLevel = "reading-level", Warning, Content;
    ReviewOverdue = "review-overdue", Warning, Content;
    /// A translation without some of its kind's words that the file it translates has.
    TranslationIncomplete = "translation-incomplete", Warning, Content;
    /// A translation marked as not yet checked by a speaker of its language (shown to
    /// editors, never to readers).
    TranslationNeedsReview = "translation-needs-review", Warning, Content;
    /// A translation reviewed before the file it translates was.
    TranslationOutOfDate = "translation-out-of-date", Warning, Content;
    /// A file in `content/` that no content kind reads.
    StrayFile = "stray-file", Warning, Content;
    UnverifiedContact = "unverified-contact", Warning, Content;
    /// A bank holiday on a Saturday or Sunday.
    WeekendHoliday = "weekend-holiday", Warning, Content;

    /// A bug in Signpost.
    Internal = "internal", Error, Setup;
    /// A file that cannot be read or written.
    Io = "io", Error, Setup;
    /// No `site.toml` where Signpost was pointed.
    NoConfig = "no-config", Error, Setup;
    /// No `content/` folder.
    NoContent = "no-content", Error, Setup;
    /// The theme `site.toml` names is not there.
    NoTheme = "no-theme", Error, Setup;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_in_kebab_case() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        assert!(names.iter().all(|n| n
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
