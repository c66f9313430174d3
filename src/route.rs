//! Where each content file is published: content paths to site URLs.
//!
//! One rule table so that link rewriting, cross-reference checks and rendering agree.

pub use crate::kind::Kind;

/// Hidden files and editors' temporary or backup files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Links that leave the site (or are not links to pages at all).
pub fn is_external(dest: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("//")
}

/// The slug of a file: its name without the extension.
pub fn slug_of(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

/// A translation's path (`tiers/low.cy.md`): the path of the file it translates
/// (`tiers/low.md`) and its language code (`cy`, two or three lower-case letters), the
/// convention of Zola and Hugo.
pub fn translation_of(rel: &str) -> Option<(String, String)> {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((dir, name)) => (Some(dir), name),
        None => (None, rel),
    };
    let (stem, ext) = name.rsplit_once('.')?;
    let (base, code) = stem.rsplit_once('.')?;
    let is_code = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
    if !is_code || base.is_empty() {
        return None;
    }
    let source = match dir {
        Some(dir) => format!("{dir}/{base}.{ext}"),
        None => format!("{base}.{ext}"),
    };
    Some((source, code.to_string()))
}

/// Lower-case letters, digits and single hyphens: safe in URLs and ids everywhere.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// A valid slug close to `name`, for "rename it to …" help. Letters keep their letter
/// without the accent ("Ünïcode" → "unicode"), and other scripts are transliterated, as
/// Zola's slugs are (`deunicode`).
pub fn slugify_name(name: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(name)
        .chars()
        .flat_map(char::to_lowercase)
    {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-').to_string();
    if trimmed.is_empty() {
        "page".into()
    } else {
        trimmed
    }
}

/// An absolute http(s) address. Anything else (`javascript:`, `data:`) never becomes a link.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > 8
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The address part for a chooser answer's words: "Yes, at risk" → `yes-at-risk`.
pub fn answer_slug(answer: &str) -> String {
    slugify_name(answer)
}

/// A chooser answer's part of the address of the pages after it: its `slug`, or else
/// the one its words make.
pub fn answer_address(answer: &crate::model::Answer) -> String {
    match &answer.slug {
        Some(s) => s.clone(),
        None => answer_slug(&answer.answer),
    }
}

/// The page of commitments with one status: `/commitments/partly-agreed/`.
pub fn status_url(base: &str, status: crate::model::Status) -> String {
    format!("{base}{}/", status.key().replace('_', "-"))
}

/// Addresses of the pages and files the site makes itself rather than from one content
/// file. The view publishes them and the link checker keeps content pages off them, both
/// from here; `tests/it/build.rs` checks that a built site has no other top-level entry.
pub mod made {
    pub const SEARCH: &str = "/search/";
    pub const BROWSE_A_Z: &str = "/browse/a-z/";
    pub const BROWSE_TIERS: &str = "/browse/tiers/";
    pub const BROWSE_REGIONS: &str = "/browse/regions/";
    pub const BROWSE_KINDS: &str = "/browse/kinds/";
    pub const TIERS: &str = "/tiers/";
    pub const OFFERS: &str = "/offers/";
    pub const PARTNERS: &str = "/partners/";
    pub const PROTOCOLS: &str = "/protocols/";
    pub const GUIDANCE: &str = "/guidance/";
    /// Pages of single content files that no page of `content/pages/` may take either.
    pub const GLOSSARY: &str = "/glossary/";
    pub const COMMITMENTS: &str = "/commitments/";
    /// The static search bundle (`search::pagefind::BUNDLE_DIR`).
    pub const PAGEFIND: &str = "/pagefind/";
    pub const STATIC: &str = "/static/";
    /// The Open Referral export, unless `[openreferral]` in `site.toml` moves it.
    pub const OPENREFERRAL: &str = "/openreferral/";

    /// Every one, with the files each build writes.
    pub const ALL: [&str; 19] = [
        SEARCH,
        BROWSE_A_Z,
        BROWSE_TIERS,
        BROWSE_REGIONS,
        BROWSE_KINDS,
        TIERS,
        GLOSSARY,
        COMMITMENTS,
        OFFERS,
        PARTNERS,
        PROTOCOLS,
        GUIDANCE,
        PAGEFIND,
        STATIC,
        OPENREFERRAL,
        "/404.html",
        "/sitemap.xml",
        "/robots.txt",
        "/atom.xml",
    ];
}

/// The URL a record of `kind` with `slug` is published at.
pub fn url_for(kind: Kind, slug: &str) -> String {
    kind.url(slug)
}

/// The URL of a content file given by its path relative to `content/`.
pub fn url_of_content_path(rel: &str) -> Option<String> {
    Kind::of(rel).map(|k| url_for(k, &slug_of(rel)))
}

/// Resolves `target` relative to the folder of `from` (both relative to `content/`),
/// refusing to climb above `content/`.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Output file for a URL: `/offers/a/` → `offers/a/index.html`.
pub fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_are_named_after_the_file_they_translate() {
        let of = |rel: &str| translation_of(rel);
        assert_eq!(
            of("tiers/low.cy.md"),
            Some(("tiers/low.md".into(), "cy".into()))
        );
        assert_eq!(
            of("glossary.cy.yaml"),
            Some(("glossary.yaml".into(), "cy".into()))
        );
        assert_eq!(
            of("protocols/kent-resettlement.cy.yaml"),
            Some(("protocols/kent-resettlement.yaml".into(), "cy".into()))
        );
        for not in [
            "tiers/low.md",
            "notes.backup.md",
            "v1.2.md",
            "a/.cy.md",
            "x.CY.md",
        ] {
            assert_eq!(of(not), None, "{not}");
        }
    }

    #[test]
    fn slugs_are_safe_in_urls() {
        assert!(is_valid_slug("night-shelter-2"));
        for bad in ["Night Shelter", "a--b", "-a", "a?b", "café", ""] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
        assert_eq!(slugify_name("Night Shelter (Kent)"), "night-shelter-kent");
        assert_eq!(slugify_name("Ünïcode file (copy)"), "unicode-file-copy");
        assert_eq!(slugify_name("Caffi Ŵyl"), "caffi-wyl");
    }

    #[test]
    fn relative_links_resolve_inside_content_only() {
        assert_eq!(
            resolve_relative("guidance/a.md", "../partners/p.md").as_deref(),
            Some("partners/p.md")
        );
        assert_eq!(resolve_relative("a.md", "../../etc/passwd"), None);
        assert_eq!(
            url_of_content_path("partners/p.md").as_deref(),
            Some("/partners/p/")
        );
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/offers/a/"), "offers/a/index.html");
    }
}
