//! What the theme and the site supply besides content: templates and static files, each
//! found in the theme's folder and then in the site's own, whose files replace the theme's
//! by name.

use super::{error_chain, escape, Sink};
use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{display_path, Code, Diagnostic, Diagnostics};
use crate::outputs::Output;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tera::Tera;

/// The files under each of `dirs` that exist, by name inside their folder (`views/a.html`)
/// and path, in folder order and then by name, so a later folder's file comes after the
/// earlier one of the same name. Editors' temporary files are left out.
fn overlaid(dirs: [PathBuf; 2]) -> impl Iterator<Item = (String, PathBuf)> {
    dirs.into_iter().filter(|dir| dir.is_dir()).flat_map(|dir| {
        walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| {
                entry.file_type().is_file()
                    && !crate::route::is_ignored(&entry.file_name().to_string_lossy())
            })
            .map(|entry| (display_path(&dir, entry.path()), entry.into_path()))
            .collect::<Vec<_>>()
    })
}

/// Loads the theme's templates, then the site's own over them.
pub fn templates(root: &Path, config: &Config, diags: &mut Diagnostics) -> Option<Tera> {
    let theme_dir = root.join("themes").join(&config.theme).join("templates");
    if !theme_dir.is_dir() {
        diags.push(
            Diagnostic::new(
                Code::NoTheme,
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
    for (name, path) in overlaid([theme_dir, root.join("templates")]) {
        match crate::source::read_text(&path, &display_path(root, &path)) {
            Ok(text) => {
                by_name.insert(name, (path, text));
            }
            Err(d) => diags.push(d),
        }
    }
    // Each template parsed on its own first, so a syntax error is reported at the file
    // that has it, and each one's parent and imported macros looked up by name: what Tera
    // reports after adding them all names the template only inside its message.
    let mut failed = false;
    for (name, (path, text)) in &by_name {
        let file = display_path(root, path);
        match tera::Template::new(name, None, text) {
            Err(e) => {
                failed = true;
                diags.push(
                    Diagnostic::new(Code::Template, file, error_chain(&e))
                        .with_help("fix the template syntax (see the Tera documentation)"),
                );
            }
            Ok(t) => {
                let parent = t.parent.iter().map(|p| ("extends", p));
                let macros = t
                    .imported_macro_files
                    .iter()
                    .map(|(f, _)| ("imports macros from", f));
                for (how, other) in parent.chain(macros) {
                    if !by_name.contains_key(other) {
                        failed = true;
                        diags.push(
                            Diagnostic::new(
                                Code::Template,
                                &file,
                                format!("`{name}` {how} `{other}`, which is neither in the theme nor in templates/"),
                            )
                            .with_help(format!("add `{other}` to the site's templates/ folder, or fix the name")),
                        );
                    }
                }
            }
        }
    }
    if failed {
        return None;
    }
    let mut tera = Tera::default();
    tera.set_escape_fn(escape);
    let raw: Vec<(String, String)> = by_name
        .iter()
        .map(|(n, (_, t))| (n.clone(), t.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(raw) {
        // What is left: an inheritance loop, which names the template it found it in.
        let culprit = match &e.kind {
            tera::ErrorKind::CircularExtend { tpl, .. } => Some(tpl),
            tera::ErrorKind::MissingParent { current, .. } => Some(current),
            _ => None,
        };
        let file = culprit
            .and_then(|name| by_name.get(name))
            .map_or_else(|| "templates".to_string(), |(p, _)| display_path(root, p));
        diags.push(
            Diagnostic::new(Code::Template, file, error_chain(&e))
                .with_help("fix the template syntax (see the Tera documentation)"),
        );
        return None;
    }
    Some(tera)
}

/// Static files: the theme's `static/`, the site's `static/` over it, and content assets
/// (which may not take the path of a page or a theme file).
pub struct StaticFiles<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub content: &'a Content,
    pub sink: &'a Sink<'a>,
}

impl Output for StaticFiles<'_> {
    fn name(&self) -> &'static str {
        "static files"
    }

    fn finish(self: Box<Self>, site: &BTreeSet<String>) -> Result<Vec<String>, Vec<Diagnostic>> {
        let (root, config) = (self.root, self.config);
        let mut problems = Vec::new();
        let theme_static = root.join("themes").join(&config.theme).join("static");
        let mut sources: BTreeMap<String, PathBuf> = overlaid([theme_static, root.join("static")])
            .map(|(name, path)| (format!("static/{name}"), path))
            .collect();
        for asset in &self.content.assets {
            let path = root.join("content").join(asset);
            if site.contains(asset) || sources.contains_key(asset) {
                problems.push(
                    Diagnostic::new(
                        Code::DuplicateUrl,
                        display_path(root, &path),
                        format!("`{asset}` would overwrite a page or theme file"),
                    )
                    .with_help("rename the file"),
                );
                continue;
            }
            sources.insert(asset.clone(), path);
        }
        let mut files = Vec::new();
        for (rel, path) in sources {
            let written = std::fs::read(&path)
                .map_err(|e| {
                    Diagnostic::new(
                        Code::Io,
                        display_path(root, &path),
                        format!("cannot read: {e}"),
                    )
                })
                .and_then(|bytes| self.sink.put(&rel, &bytes));
            match written {
                Ok(()) => files.push(rel),
                Err(d) => problems.push(d),
            }
        }
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(problems)
        }
    }
}
