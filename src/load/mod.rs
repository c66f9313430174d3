//! Loading: walk `content/`, read each file, parse its YAML and render its Markdown.
//!
//! Files are independent here, so they are parsed in parallel; cross-file checks come
//! later in `validate`. Every problem becomes a diagnostic; a file with an error is
//! left out of the [`Content`] so later stages see only well-formed records.

use crate::content::{Content, Record};
use crate::diagnostic::{display_path, Code, Diagnostic, Diagnostics};
use crate::markdown::{self, Body};
use crate::model::{
    BankHolidays, Chooser, Commitments, Glossary, Guidance, Offer, Page, Partner, Planner,
    Protocol, TierPage,
};
use crate::route::{self, is_external, is_ignored, Kind};
use crate::source::{self, Source};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

mod reload;
pub use reload::load_file;

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// One content file after loading.
pub enum Loaded {
    Home(Record<Page>),
    Tier(Record<TierPage>),
    Offer(Record<Offer>),
    Partner(Record<Partner>),
    Protocol(Record<Protocol>),
    Guidance(Record<Guidance>),
    Page(Record<Page>),
    Glossary(Record<Glossary>),
    Commitments(Record<Commitments>),
    Chooser(Record<Chooser>),
    Planner(Record<Planner>),
    BankHolidays(Record<BankHolidays>),
    Draft(String),
}

/// Loads everything under `site_root/content`.
pub fn load(site_root: &Path, options: LoadOptions, diags: &mut Diagnostics) -> Content {
    let content_dir = site_root.join("content");
    let mut content = Content::default();
    let files = walk(site_root, &content_dir, diags);

    let mut records = Vec::new();
    for (rel, path) in files {
        match Kind::of(&rel) {
            Some(kind) => records.push((rel, path, kind)),
            None if rel.ends_with(".md") || rel.ends_with(".yaml") || rel.ends_with(".yml") => {
                diags.push(
                    Diagnostic::new(
                        Code::StrayFile,
                        format!("content/{rel}"),
                        "this file is not part of any content kind and is not published",
                    )
                    .with_help(
                        "move it into content/offers/, partners/, protocols/, guidance/ or pages/",
                    ),
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
            Ok(Loaded::Home(r)) => content.home = Some(r),
            Ok(Loaded::Tier(r)) => content.tiers.push(r),
            Ok(Loaded::Offer(r)) => content.offers.push(r),
            Ok(Loaded::Partner(r)) => content.partners.push(r),
            Ok(Loaded::Protocol(r)) => content.protocols.push(r),
            Ok(Loaded::Guidance(r)) => content.guidance.push(r),
            Ok(Loaded::Page(r)) => content.pages.push(r),
            Ok(Loaded::Glossary(r)) => set_once(&mut content.glossary, r, diags),
            Ok(Loaded::Commitments(r)) => set_once(&mut content.commitments, r, diags),
            Ok(Loaded::Chooser(r)) => set_once(&mut content.chooser, r, diags),
            Ok(Loaded::Planner(r)) => set_once(&mut content.planner, r, diags),
            Ok(Loaded::BankHolidays(r)) => set_once(&mut content.bank_holidays, r, diags),
            Ok(Loaded::Draft(rel)) => {
                content.drafts.insert(rel);
            }
        }
    }
    content.tiers.sort_by_key(|t| t.data.tier);
    content.finish_loading();
    content
}

/// `glossary.yaml` and `glossary.yml` side by side would silently replace one another.
fn set_once<T>(slot: &mut Option<Record<T>>, record: Record<T>, diags: &mut Diagnostics) {
    match slot {
        Some(first) => diags.push(
            Diagnostic::new(
                Code::DuplicateUrl,
                &record.source.file,
                format!("{} already holds this content", first.source.file),
            )
            .with_help("keep one of the two files"),
        ),
        None => *slot = Some(record),
    }
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
    let loaded = match kind {
        Kind::Home => {
            let data = if src.has_front_matter() {
                src.parse::<Page>()?
            } else {
                Page {
                    title: "Home".into(),
                    summary: None,
                    reviewed: None,
                    review_by: None,
                    draft: false,
                }
            };
            Loaded::Home(record(rel, slug, url, src, data))
        }
        Kind::Tier => {
            let data: TierPage = src.parse()?;
            if data.tier.key() != slug {
                return Err(src
                    .report(
                        Code::TierMismatch,
                        "tier",
                        format!("this file is `{slug}` but says `tier: {}`", data.tier.key()),
                    )
                    .with_help(format!(
                        "rename the file to {}.md or set `tier: {slug}`",
                        data.tier.key()
                    )));
            }
            Loaded::Tier(record(rel, slug, url, src, data))
        }
        Kind::Offer => draft_or(
            parse_record::<Offer>(rel, slug, url, src)?,
            options,
            |r| r.data.draft,
            Loaded::Offer,
        ),
        Kind::Partner => draft_or(
            parse_record::<Partner>(rel, slug, url, src)?,
            options,
            |r| r.data.draft,
            Loaded::Partner,
        ),
        Kind::Protocol => draft_or(
            parse_record::<Protocol>(rel, slug, url, src)?,
            options,
            |r| r.data.draft,
            Loaded::Protocol,
        ),
        Kind::Guidance => draft_or(
            parse_record::<Guidance>(rel, slug, url, src)?,
            options,
            |r| r.data.draft,
            Loaded::Guidance,
        ),
        Kind::Page => draft_or(
            parse_record::<Page>(rel, slug, url, src)?,
            options,
            |r| r.data.draft,
            Loaded::Page,
        ),
        Kind::Glossary => Loaded::Glossary(parse_record(rel, slug, url, src)?),
        Kind::Commitments => Loaded::Commitments(parse_record(rel, slug, url, src)?),
        Kind::Chooser => Loaded::Chooser(parse_record(rel, slug, url, src)?),
        Kind::Planner => Loaded::Planner(parse_record(rel, slug, url, src)?),
        Kind::BankHolidays => Loaded::BankHolidays(parse_record(rel, slug, url, src)?),
    };
    Ok(loaded)
}

fn draft_or<T>(
    r: Record<T>,
    options: LoadOptions,
    is_draft: impl Fn(&Record<T>) -> bool,
    wrap: impl Fn(Record<T>) -> Loaded,
) -> Loaded {
    if is_draft(&r) && !options.drafts {
        Loaded::Draft(r.rel)
    } else {
        wrap(r)
    }
}

fn parse_record<T: DeserializeOwned>(
    rel: &str,
    slug: String,
    url: String,
    src: Source,
) -> Result<Record<T>, Diagnostic> {
    let data = src.parse::<T>()?;
    Ok(record(rel, slug, url, src, data))
}

fn record<T>(rel: &str, slug: String, url: String, src: Source, data: T) -> Record<T> {
    let body = render_body(rel, &src);
    Record {
        slug,
        rel: rel.to_string(),
        url,
        source: src,
        data,
        body,
    }
}

fn render_body(rel: &str, src: &Source) -> Body {
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
