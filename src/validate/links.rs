//! Links and anchors: no two pages share a URL, and every link in a Markdown body lands
//! on a page of this site and, with `#anchor`, on an id that page really renders.

use crate::anchor;
use crate::content::{AnyRecord, Content};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::route::{self, is_external, Kind};
use crate::suggest;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Checks no two pages share a URL, then every link against the ids its page carries.
pub(super) fn check(content: &Content, diags: &mut Diagnostics) {
    let records = content.records();
    let anchors = check_urls(content, &records, diags);
    check_links(content, &records, &anchors, diags);
}

/// The fragment ids one page carries: `main` (every page has it), its body's headings,
/// and those its template makes. Borrowed from the records, so that `serve`, which
/// checks the whole site on every edit, does not copy ten thousand pages' ids each time.
#[derive(Default)]
struct PageIds<'a> {
    body: Option<&'a BTreeSet<String>>,
    made: BTreeSet<Cow<'static, str>>,
}

impl PageIds<'_> {
    fn contains(&self, id: &str) -> bool {
        id == anchor::MAIN || self.made.contains(id) || self.body.is_some_and(|b| b.contains(id))
    }

    /// Every id, sorted (for suggestions).
    fn sorted(&self) -> Vec<&str> {
        let mut all: Vec<&str> = std::iter::once(anchor::MAIN)
            .chain(self.made.iter().map(|c| c.as_ref()))
            .chain(self.body.into_iter().flatten().map(String::as_str))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// Every page URL with the ids it carries.
type Anchors<'a> = HashMap<Cow<'a, str>, PageIds<'a>>;

fn check_urls<'a>(
    content: &'a Content,
    records: &[AnyRecord<'a>],
    diags: &mut Diagnostics,
) -> Anchors<'a> {
    let mut anchors: Anchors = HashMap::with_capacity(records.len() + route::made::ALL.len() + 8);
    for url in route::made::ALL.iter().chain(["/"].iter()) {
        anchors.entry(Cow::Borrowed(*url)).or_default();
    }
    let mut owner: HashMap<&str, &str> = HashMap::with_capacity(records.len());
    for rec in records {
        if let Some(first) = owner.get(rec.url) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateUrl,
                    &rec.source.file,
                    format!("two pages would be published at `{}`", rec.url),
                )
                .with_help(format!("{first} has the same URL; rename one of the files")),
            );
            continue;
        }
        if rec.kind == Kind::Page && route::made::ALL.contains(&rec.url) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateUrl,
                    &rec.source.file,
                    format!("`{}` is a page the site builds itself", rec.url),
                )
                .with_help("rename the file"),
            );
        }
        owner.insert(rec.url, &rec.source.file);
        anchors.entry(Cow::Borrowed(rec.url)).or_default().body = Some(&rec.body.anchors);
    }
    fn made<'m, 'a>(
        anchors: &'m mut Anchors<'a>,
        url: &'a str,
    ) -> &'m mut BTreeSet<Cow<'static, str>> {
        &mut anchors.entry(Cow::Borrowed(url)).or_default().made
    }
    // `offer.html` renders its contacts block, and so `#contacts`, whether or not the
    // offer lists any (it then says whom to ask instead).
    for o in &content.offers {
        made(&mut anchors, &o.url).insert(anchor::CONTACTS.into());
    }
    for p in &content.partners {
        made(&mut anchors, &p.url).insert(anchor::CONTACTS.into());
    }
    for p in &content.protocols {
        let flow = crate::model::flow::Flow::of(&p.data);
        let set = made(&mut anchors, &p.url);
        set.extend(flow.pathways.iter().map(|w| anchor::pathway(&w.id).into()));
        for s in &p.data.stages {
            set.insert(anchor::stage(&s.id).into());
            set.extend(s.steps.iter().map(|st| anchor::step(&st.id).into()));
        }
    }
    if let Some(g) = &content.glossary {
        let set = made(&mut anchors, &g.url);
        for t in &g.data.terms {
            set.insert(t.anchor().into());
            if let Some(c) = t.term.chars().next() {
                set.insert(anchor::letter(c).into());
            }
        }
    }
    if let Some(c) = &content.commitments {
        let set = made(&mut anchors, &c.url);
        set.extend(
            c.data
                .commitments
                .iter()
                .map(|i| anchor::recommendation(i.number).into()),
        );
        for status in crate::model::Status::ALL {
            let url = crate::route::status_url(&c.url, status);
            anchors.entry(Cow::Owned(url)).or_default();
        }
    }
    anchors
}

fn check_links(
    content: &Content,
    records: &[AnyRecord],
    anchors: &Anchors,
    diags: &mut Diagnostics,
) {
    let content_files: HashSet<&str> = records.iter().map(|r| r.rel).collect();
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
                if !anchors.contains_key(normal.as_str()) {
                    diags.push(
                        Diagnostic::new(
                            Code::BrokenLink,
                            &rec.source.file,
                            format!("link to `{path}`, which is not a page of this site"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help_opt(suggest::help_for(
                            path,
                            sorted(anchors.keys().map(|k| k.as_ref())),
                        )),
                    );
                    continue;
                }
                normal
            } else {
                let Some(target) = route::resolve_relative(rec.rel, path) else {
                    diags.push(
                        Diagnostic::new(
                            Code::BrokenLink,
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
                        Diagnostic::new(
                            Code::DraftReference,
                            &rec.source.file,
                            format!("link to content/{target}, which is a draft and is not published"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help("publish it (remove `draft: true`), remove the link, or build with --drafts"),
                    );
                    continue;
                }
                if !content_files.contains(target.as_str()) {
                    let names: Vec<String> = sorted(content_files.iter().copied())
                        .iter()
                        .map(|f| relative_hint(rec.rel, f))
                        .collect();
                    let help = suggest::help_for(path, names.iter().map(String::as_str))
                        .unwrap_or_else(|| "link to a content file by its relative path, e.g. `../partners/probation-service.md`".into());
                    diags.push(
                        Diagnostic::new(
                            Code::BrokenLink,
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
                let ids = anchors.get(target_url.as_str());
                if !ids.is_some_and(|s| s.contains(frag)) {
                    let help = ids.and_then(|s| suggest::help_for(frag, s.sorted()));
                    diags.push(
                        Diagnostic::new(
                            Code::BrokenAnchor,
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

/// Candidates for a suggestion, sorted (only made when a link is broken).
fn sorted<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut all: Vec<&str> = names.collect();
    all.sort_unstable();
    all
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
