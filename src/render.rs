//! Rendering: pages through Tera templates (the site's own `templates/` override the
//! theme's), plus the sitemap, feed and robots file. Produces bytes in memory; nothing
//! is written here, so a failed render leaves the previous site untouched.

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{display_path, Diagnostic, Diagnostics};
use crate::view::{self, PageJob};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::error::Error as _;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// Output files keyed by their path inside the output folder.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Loads the theme's templates, then the site's own over them.
pub fn templates(root: &Path, config: &Config, diags: &mut Diagnostics) -> Option<Tera> {
    let theme_dir = root.join("themes").join(&config.theme).join("templates");
    if !theme_dir.is_dir() {
        diags.push(
            Diagnostic::error(
                "no-theme",
                "site.toml",
                format!(
                    "theme `{}` not found at {}",
                    config.theme,
                    display_path(root, &theme_dir)
                ),
            )
            .with_help("set `theme` in site.toml to a folder under themes/"),
        );
        return None;
    }
    let mut by_name: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    for dir in [theme_dir, root.join("templates")] {
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file()
                || crate::load::is_ignored(&entry.file_name().to_string_lossy())
            {
                continue;
            }
            let name = display_path(&dir, entry.path());
            let file = display_path(root, entry.path());
            match crate::source::read_text(entry.path(), &file) {
                Ok(text) => {
                    by_name.insert(name, (entry.path().to_path_buf(), text));
                }
                Err(d) => diags.push(d),
            }
        }
    }
    let mut tera = Tera::default();
    let raw: Vec<(String, String)> = by_name
        .iter()
        .map(|(n, (_, t))| (n.clone(), t.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(raw) {
        let message = error_chain(&e);
        let file = by_name
            .iter()
            .find(|(n, _)| {
                message.contains(&format!("'{n}'")) || message.contains(&format!("`{n}`"))
            })
            .map_or_else(
                || "templates".to_string(),
                |(_, (p, _))| display_path(root, p),
            );
        diags.push(
            Diagnostic::error("template", file, message)
                .with_help("fix the template syntax (see the Tera documentation)"),
        );
        return None;
    }
    Some(tera)
}

/// Tera nests the useful message several errors deep.
fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

/// Renders every page and the generated files.
pub fn render(tera: &Tera, config: &Config, content: &Content, diags: &mut Diagnostics) -> Files {
    let jobs = view::pages(content);
    let site = view::site_value(config);
    let nav = view::nav(content);
    let help = config.help.as_ref().map_or(Value::Null, |h| json!(h));

    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let mut ctx = Context::from_value(job.context.clone()).unwrap_or_default();
            ctx.insert("site", &site);
            ctx.insert("nav", &nav);
            ctx.insert("help", &help);
            ctx.insert("page", &job.page_value());
            render_one(tera, job.template, &ctx, job.source_file.as_deref())
                .map(|html| (crate::route::output_path(&job.url), html.into_bytes()))
        })
        .collect();

    let mut files = Files::new();
    for r in rendered {
        match r {
            Ok((path, bytes)) => {
                files.insert(path, bytes);
            }
            Err(d) => diags.push(d),
        }
    }

    let mut ctx = Context::new();
    ctx.insert("site", &site);
    ctx.insert("urls", &sitemap_urls(config, &jobs));
    add(
        &mut files,
        "sitemap.xml",
        render_one(tera, "sitemap.xml", &ctx, None),
        diags,
    );
    add(
        &mut files,
        "robots.txt",
        render_one(tera, "robots.txt", &ctx, None),
        diags,
    );
    ctx.insert("feed", &feed(config, content));
    add(
        &mut files,
        "atom.xml",
        render_one(tera, "atom.xml", &ctx, None),
        diags,
    );
    files
}

fn add(files: &mut Files, path: &str, r: Result<String, Diagnostic>, diags: &mut Diagnostics) {
    match r {
        Ok(s) => {
            files.insert(path.to_string(), s.into_bytes());
        }
        Err(d) => diags.push(d),
    }
}

fn render_one(
    tera: &Tera,
    template: &str,
    ctx: &Context,
    source: Option<&str>,
) -> Result<String, Diagnostic> {
    tera.render(template, ctx).map_err(|e| {
        let file = source.unwrap_or("templates").to_string();
        let while_ = source.map_or(String::new(), |s| format!(" while rendering {s}"));
        Diagnostic::error(
            "template",
            file,
            format!("template `{template}` failed{while_}: {}", error_chain(&e)),
        )
        .with_help(format!(
            "fix `{template}` in the theme or in the site's templates/ folder"
        ))
    })
}

fn sitemap_urls(config: &Config, jobs: &[PageJob]) -> Vec<Value> {
    jobs.iter()
        .filter(|j| j.in_sitemap)
        .map(|j| json!({"loc": format!("{}{}", config.base_url, j.url), "lastmod": j.reviewed.map(|d| d.iso())}))
        .collect()
}

/// Atom feed of offers and guidance, newest review first. Dates come from content, never
/// the clock, so the feed is byte-identical between builds.
fn feed(config: &Config, content: &Content) -> Value {
    let mut entries: Vec<(String, String, String, String)> = Vec::new();
    for o in &content.offers {
        entries.push((
            o.data.reviewed.iso(),
            o.data.title.clone(),
            o.url.clone(),
            o.data.summary.clone(),
        ));
    }
    for g in &content.guidance {
        if let Some(r) = g.data.reviewed {
            entries.push((
                r.iso(),
                g.data.title.clone(),
                g.url.clone(),
                g.data.summary.clone(),
            ));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01".to_string(), |e| e.0.clone());
    let list: Vec<Value> = entries
        .into_iter()
        .map(|(d, t, u, s)| json!({"title": t, "url": format!("{}{}", config.base_url, u), "updated": format!("{d}T00:00:00Z"), "summary": s}))
        .collect();
    json!({"id": format!("{}/", config.base_url), "updated": format!("{updated}T00:00:00Z"), "entries": list})
}

/// Static files: the theme's `static/`, the site's `static/` over it, and content assets.
pub fn static_files(
    root: &Path,
    config: &Config,
    content: &Content,
    files: &mut Files,
    diags: &mut Diagnostics,
) {
    let theme_static = root.join("themes").join(&config.theme).join("static");
    for dir in [theme_static, root.join("static")] {
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file()
                || crate::load::is_ignored(&entry.file_name().to_string_lossy())
            {
                continue;
            }
            let rel = format!("static/{}", display_path(&dir, entry.path()));
            read_into(files, rel, entry.path(), root, diags);
        }
    }
    for asset in &content.assets {
        read_into(
            files,
            asset.clone(),
            &root.join("content").join(asset),
            root,
            diags,
        );
    }
}

fn read_into(files: &mut Files, rel: String, path: &Path, root: &Path, diags: &mut Diagnostics) {
    match std::fs::read(path) {
        Ok(bytes) => {
            if files.contains_key(&rel) && !rel.starts_with("static/") {
                diags.push(
                    Diagnostic::error(
                        "duplicate-url",
                        display_path(root, path),
                        format!("`{rel}` would overwrite a page"),
                    )
                    .with_help("rename the file"),
                );
                return;
            }
            files.insert(rel, bytes);
        }
        Err(e) => diags.push(Diagnostic::error(
            "io",
            display_path(root, path),
            format!("cannot read: {e}"),
        )),
    }
}
