//! Links and anchors: no two pages share a URL, and every link in a Markdown body lands
//! on a page of this site and, with `#anchor`, on an id that page really renders.

use super::{AnchorMap, GENERATED_URLS};
use crate::anchor;
use crate::content::{AnyRecord, Content};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::route::{self, is_external, Kind};
use crate::suggest;
use std::collections::{BTreeMap, BTreeSet};

/// Checks no two pages share a URL and returns each page's anchors for link checking.
/// Checks URLs, then links against the anchors each page carries.
pub(super) fn check(content: &Content, diags: &mut Diagnostics) {
    let records = content.records();
    let anchors = check_urls(content, &records, diags);
    check_links(content, &records, &anchors, diags);
}

fn check_urls(content: &Content, records: &[AnyRecord], diags: &mut Diagnostics) -> AnchorMap {
    let mut anchors: AnchorMap = BTreeMap::new();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for url in GENERATED_URLS.iter().chain(["/"].iter()) {
        anchors
            .entry((*url).to_string())
            .or_default()
            .insert(anchor::MAIN.into());
    }
    for rec in records {
        if let Some(first) = owner.get(rec.url) {
            diags.push(
                Diagnostic::error(
                    "duplicate-url",
                    &rec.source.file,
                    format!("two pages would be published at `{}`", rec.url),
                )
                .with_help(format!("{first} has the same URL; rename one of the files")),
            );
            continue;
        }
        if rec.kind == Kind::Page && GENERATED_URLS.contains(&rec.url) {
            diags.push(
                Diagnostic::error(
                    "duplicate-url",
                    &rec.source.file,
                    format!("`{}` is a page the site builds itself", rec.url),
                )
                .with_help("rename the file"),
            );
        }
        owner.insert(rec.url.to_string(), rec.source.file.clone());
        let set = anchors.entry(rec.url.to_string()).or_default();
        set.extend(rec.body.anchors.iter().cloned());
        set.insert(anchor::MAIN.into());
    }
    for o in &content.offers {
        if !o.data.contacts.is_empty() {
            anchors
                .entry(o.url.clone())
                .or_default()
                .insert(anchor::CONTACTS.into());
        }
    }
    for p in &content.partners {
        anchors
            .entry(p.url.clone())
            .or_default()
            .insert(anchor::CONTACTS.into());
    }
    for p in &content.protocols {
        let set = anchors.entry(p.url.clone()).or_default();
        for s in &p.data.stages {
            set.insert(anchor::stage(&s.id));
            set.extend(s.steps.iter().map(|st| anchor::step(&st.id)));
        }
    }
    if let Some(g) = &content.glossary {
        let set = anchors.entry(g.url.clone()).or_default();
        for t in &g.data.terms {
            set.insert(anchor::term(&t.term));
            if let Some(c) = t.term.chars().next() {
                set.insert(anchor::letter(c));
            }
        }
    }
    if let Some(c) = &content.commitments {
        for status in crate::model::Status::ALL {
            let url = crate::view::status_url(&c.url, status);
            anchors.entry(url).or_default().insert(anchor::MAIN.into());
        }
        let set = anchors.entry(c.url.clone()).or_default();
        set.extend(
            c.data
                .commitments
                .iter()
                .map(|i| anchor::recommendation(i.number)),
        );
    }
    anchors
}

fn check_links(
    content: &Content,
    records: &[AnyRecord],
    anchors: &AnchorMap,
    diags: &mut Diagnostics,
) {
    let content_files: BTreeSet<&str> = records.iter().map(|r| r.rel).collect();
    let all_urls: Vec<&str> = anchors.keys().map(String::as_str).collect();
    for rec in records {
        for link in &rec.body.links {
            let dest = link.url.as_str();
            if is_external(dest) || dest.is_empty() {
                continue;
            }
            let at = || rec.source.body_position(link.offset, link.len);
            let (path, fragment) = match dest.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (dest, None),
            };
            // Which page the link lands on, as a URL.
            let target_url: String = if path.is_empty() {
                rec.url.to_string()
            } else if path.starts_with('/') {
                let asset = content.assets.contains(path.trim_start_matches('/'));
                if asset {
                    continue;
                }
                let normal = if path.ends_with('/')
                    || path.ends_with(".html")
                    || path.ends_with(".xml")
                    || path.ends_with(".txt")
                {
                    path.to_string()
                } else {
                    format!("{path}/")
                };
                if !anchors.contains_key(&normal) {
                    diags.push(
                        Diagnostic::error(
                            "broken-link",
                            &rec.source.file,
                            format!("link to `{path}`, which is not a page of this site"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help_opt(suggest::help_for(path, all_urls.iter().copied())),
                    );
                    continue;
                }
                normal
            } else {
                let Some(target) = route::resolve_relative(rec.rel, path) else {
                    diags.push(
                        Diagnostic::error(
                            "broken-link",
                            &rec.source.file,
                            format!("link `{path}` climbs out of content/"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help("link to a file inside content/"),
                    );
                    continue;
                };
                if content.assets.contains(&target) || content.failed.contains(&target) {
                    // A target with errors of its own has been reported already.
                    continue;
                }
                if content.drafts.contains(&target) {
                    diags.push(
                        Diagnostic::error(
                            "draft-reference",
                            &rec.source.file,
                            format!("link to content/{target}, which is a draft and is not published"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help("publish it (remove `draft: true`), remove the link, or build with --drafts"),
                    );
                    continue;
                }
                if !content_files.contains(target.as_str()) {
                    let names: Vec<String> = content_files
                        .iter()
                        .map(|f| relative_hint(rec.rel, f))
                        .collect();
                    let help = suggest::help_for(path, names.iter().map(String::as_str))
                        .unwrap_or_else(|| "link to a content file by its relative path, e.g. `../partners/probation-service.md`".into());
                    diags.push(
                        Diagnostic::error(
                            "broken-link",
                            &rec.source.file,
                            format!("link to `{path}`, but there is no content/{target}"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help(help),
                    );
                    continue;
                }
                route::url_of_content_path(&target).unwrap_or_default()
            };
            if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                let ids = anchors.get(&target_url);
                if !ids.is_some_and(|s| s.contains(frag)) {
                    let help =
                        ids.and_then(|s| suggest::help_for(frag, s.iter().map(String::as_str)));
                    diags.push(
                        Diagnostic::error(
                            "broken-anchor",
                            &rec.source.file,
                            format!("`#{frag}` is not an anchor on {target_url}"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help(
                            help.unwrap_or_else(|| {
                                "link to a heading that exists on that page".into()
                            }),
                        ),
                    );
                }
            }
        }
    }
}

/// How `to` would be written as a link from `from` (both relative to content/).
fn relative_hint(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = "../".repeat(from_dir.len() - common);
    format!("{ups}{}", to_parts[common..].join("/"))
}
