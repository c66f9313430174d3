//! Fragment ids the templates put on structured content, shared with link checking
//! so that `#step-…` and `#term-…` links are checked against what is really rendered.

pub fn step(id: &str) -> String {
    format!("step-{id}")
}

pub fn stage(id: &str) -> String {
    format!("stage-{id}")
}

/// A protocol's pathway (`model::flow::Pathway::id`).
pub fn pathway(id: &str) -> String {
    format!("pathway-{id}")
}

pub fn term(term: &str) -> String {
    format!("term-{}", slugify(term))
}

/// Glossary letters group case-insensitively: "éa" and "Éb" share one heading.
pub fn letter(letter: char) -> String {
    format!("letter-{}", letter.to_lowercase().collect::<String>())
}

/// Footnote ids get a prefix so `[^main]` can never take the skip link's target.
pub fn footnote(name: &str) -> String {
    format!("fn-{name}")
}

pub fn recommendation(number: u32) -> String {
    format!("recommendation-{number}")
}

/// Section holding the contact blocks on offer and partner pages.
pub const CONTACTS: &str = "contacts";
/// The page's main content, target of the skip link.
pub const MAIN: &str = "main";

/// Whether a heading id would clash with an id the theme puts on every page of a kind:
/// `main`, `contacts`, and the theme's section headings, which all end in `-heading`.
pub fn is_reserved(id: &str) -> bool {
    id == MAIN || id == CONTACTS || id.ends_with("-heading")
}

/// Turns heading text into an anchor: lower case, runs of other characters become `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}
