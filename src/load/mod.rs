//! Loading: walk `content/`, read each file, parse its YAML and render its Markdown.
//!
//! Files are independent here, so they are parsed in parallel; cross-file checks come
//! later in `validate`. Every problem becomes a diagnostic; a file with an error is
//! left out of the [`Content`] so later stages see only well-formed records.

pub use crate::content::Loaded;
use crate::content::{Content, Unparsed};
use crate::diagnostic::{display_path, Code, Diagnostic, Diagnostics};
use crate::markdown::{self, Body};
use crate::model::Page;
use crate::route::{self, is_external, is_ignored, Kind};
use crate::source::{self, Source};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

mod reload;
pub use reload::load_file;

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// The folders of the kinds kept in folders: `tiers/, offers/, … or pages/`.
fn content_folders() -> String {
    let folders: Vec<String> = crate::kind::KINDS
        .iter()
        .filter_map(|row| row.kind.folder())
        .map(|f| format!("{f}/"))
        .collect();
    match folders.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Loads everything under `site_root/content`.
pub fn load(site_root: &Path, options: LoadOptions, diags: &mut Diagnostics) -> Content {
    let content_dir = site_root.join("content");
    let mut content = Content::default();
    let files = walk(site_root, &content_dir, diags);

    let mut records = Vec::new();
    let mut translations = Vec::new();
    for (rel, path) in files {
        if let Some((of, language)) = route::translation_of(&rel) {
            if Kind::of(&of).is_some() {
                translations.push((rel, path, of, language));
                continue;
            }
        }
        match Kind::of(&rel) {
            Some(kind) => records.push((rel, path, kind)),
            None if rel.ends_with(".md") || rel.ends_with(".yaml") || rel.ends_with(".yml") => {
                diags.push(
                    Diagnostic::new(
                        Code::StrayFile,
                        format!("content/{rel}"),
                        "this file is not part of any content kind and is not published",
                    )
                    .with_help(format!("move it into content/{}", content_folders())),
                );
            }
            None => {
                content.assets.insert(rel);
            }
        }
    }

    let results: Vec<(&String, Result<Loaded, Diagnostic>)> = records
        .par_iter()
        .map(|(rel, path, kind)| (rel, load_one(site_root, path, rel, *kind, options)))
        .collect();

    for (rel, result) in results {
        match result {
            Err(d) => {
                content.failed.insert(rel.clone());
                diags.push(d);
            }
            Ok(loaded) => {
                if let Err(d) = loaded.put_into(&mut content) {
                    diags.push(d);
                }
            }
        }
    }
    let mut read: Vec<_> = translations
        .par_iter()
        .map(|(rel, path, of, language)| {
            let file = display_path(site_root, path);
            let text = source::read_text(path, &file)?;
            let src = source::split(file, text, rel.ends_with(".md"))?;
            // Its fields are checked against the file it translates (`translation`).
            let fields = src.parse::<serde_yaml::Value>()?;
            Ok(crate::content::Translation {
                language: language.clone(),
                rel: rel.clone(),
                of: of.clone(),
                source: src,
                fields,
            })
        })
        .collect::<Vec<Result<_, Diagnostic>>>();
    for (t, (rel, ..)) in read.drain(..).zip(&translations) {
        match t {
            Ok(t) => content.translations.push(t),
            Err(d) => {
                content.failed.insert(rel.clone());
                diags.push(d);
            }
        }
    }
    content.finish_loading();
    content
}

/// Lists files under `content/` sorted by path, never leaving the folder through a link.
fn walk(site_root: &Path, content_dir: &Path, diags: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::new(
                Code::NoContent,
                display_path(site_root, content_dir),
                "there is no content/ folder here",
            )
            .with_help("run signpost in the site's folder, or pass --root DIR"),
        );
        return files;
    }
    let root_canon =
        std::fs::canonicalize(content_dir).unwrap_or_else(|_| content_dir.to_path_buf());
    let mut escaped = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() > 0 && is_ignored(&name) {
                return false;
            }
            if e.path_is_symlink() {
                let inside = std::fs::canonicalize(e.path())
                    .map(|t| t.starts_with(&root_canon))
                    .unwrap_or(true);
                if !inside {
                    escaped.push(e.path().to_path_buf());
                    return false;
                }
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = display_path(content_dir, e.path());
                files.push((rel, e.path().to_path_buf()));
            }
            Ok(_) => {}
            Err(err) => {
                let file = err
                    .path()
                    .map_or_else(|| "content".to_string(), |p| display_path(site_root, p));
                let d = if err.loop_ancestor().is_some() {
                    Diagnostic::new(
                        Code::LinkLoop,
                        file,
                        "this link points back to a folder that contains it",
                    )
                    .with_help("remove the link or point it at a folder outside the loop")
                } else if err
                    .io_error()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                {
                    Diagnostic::new(
                        Code::BrokenFileLink,
                        file,
                        "this link points to a file that does not exist",
                    )
                    .with_help("remove the link, or point it at a file inside content/")
                } else {
                    Diagnostic::new(Code::Io, file, format!("cannot read: {err}"))
                        .with_help("check the file is readable")
                };
                diags.push(d);
            }
        }
    }
    for path in escaped {
        diags.push(
            Diagnostic::new(
                Code::LinkOutside,
                display_path(site_root, &path),
                "this link points outside content/ and is not followed",
            )
            .with_help("copy the file into content/ instead of linking to it"),
        );
    }
    files
}

fn load_one(
    site_root: &Path,
    path: &Path,
    rel: &str,
    kind: Kind,
    options: LoadOptions,
) -> Result<Loaded, Diagnostic> {
    let file = display_path(site_root, path);
    let text = source::read_text(path, &file)?;
    let is_markdown = rel.ends_with(".md");
    let src = source::split(file, text, is_markdown)?;
    if is_markdown && !src.has_front_matter() && kind != Kind::Home {
        return Err(Diagnostic::new(
                Code::FrontMatter,
                &src.file,
                "this file has no front matter",
            )
            .at(crate::diagnostic::Position::new(1, 1, 1), &src.text)
            .with_help("start the file with a line `---`, then the fields (see docs/content-format.md), then `---`"));
    }
    let slug = route::slug_of(rel);
    if kind != Kind::Home && !route::is_valid_slug(&slug) {
        return Err(Diagnostic::new(
            Code::InvalidSlug,
            &src.file,
            format!("`{slug}` cannot be part of a web address"),
        )
        .with_help(format!(
            "rename the file to `{}` (lower-case letters, digits and hyphens)",
            route::slugify_name(&slug)
        )));
    }
    let url = route::url_for(kind, &slug);
    let body = render_body(rel, &src);
    let file = Unparsed {
        slug,
        rel: rel.to_string(),
        url,
        source: src,
        body,
    };
    if kind == Kind::Home && !file.source.has_front_matter() {
        return Ok(Loaded::Home(file.with(Page::untitled_home())));
    }
    let loaded = Loaded::parse(kind, file)?;
    if let Loaded::Tier(r) = &loaded {
        let (slug, tier) = (&r.slug, r.data.tier.key());
        if tier != slug {
            return Err(r
                .source
                .report(
                    Code::TierMismatch,
                    "tier",
                    format!("this file is `{slug}` but says `tier: {tier}`"),
                )
                .with_help(format!(
                    "rename the file to {tier}.md or set `tier: {slug}`"
                )));
        }
    }
    Ok(loaded.unless_draft(options.drafts))
}

/// A file's Markdown body rendered, its links to content files made site addresses.
pub fn render_body(rel: &str, src: &Source) -> Body {
    if src.body().trim().is_empty() {
        return Body::default();
    }
    markdown::render(src.body(), &|dest| rewrite_link(rel, dest))
}

/// Internal links are written as paths to content files; the site links to their URLs.
pub fn rewrite_link(from_rel: &str, dest: &str) -> Option<String> {
    if is_external(dest) || dest.starts_with('/') || dest.starts_with('#') || dest.is_empty() {
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let target = route::resolve_relative(from_rel, path)?;
    let url = route::url_of_content_path(&target).unwrap_or_else(|| format!("/{target}"));
    Some(match fragment {
        Some(f) => format!("{url}#{f}"),
        None => url,
    })
}
