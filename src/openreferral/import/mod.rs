//! `signpost import openreferral FILE…`: HSDS 3.0 JSON (a `Page` of services, a list of
//! them, single nested services, organizations or a `Page` of them) read into
//! `content/offers/*.md` and `content/partners/*.md` that pass `signpost check` as written.
//!
//! Nothing is guessed: a service whose feed does not say its tier (an HMPPS complexity
//! level id, or a term of a complexity taxonomy), how to refer, or what it is, is written
//! as a draft with a comment saying what to add; `check` names it until it is complete.
//! Every file is made in memory first: bad JSON, a wrong shape, or a service with no name
//! or no organization is an error naming the file and the JSON path, and nothing is
//! written; nor is an existing file overwritten without `--force`. The report lists every
//! field that had no home in Signpost.

mod contacts;
mod files;
mod slugs;

use super::hsds::{Organization, Service};
use crate::model::IsoDate;
use files::{offer_file, partner_file};
use serde_json::Value;
use slugs::Slugs;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: not JSON: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {path}: {message}\n  help: {help}")]
    Shape {
        file: String,
        path: String,
        message: String,
        help: String,
    },
    #[error("these files exist already and were left as they are (use --force to replace them): {}", .0.join(", "))]
    Exists(Vec<String>),
    #[error("cannot write {0}: {1}")]
    Write(String, String),
    /// Several of the above, each on its line.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Many(Vec<ImportError>),
}

/// What an import wrote and what it could not place.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Paths under the site, e.g. `content/offers/community-counselling.md`.
    pub written: Vec<String>,
    /// Written as drafts, with what they lack.
    pub drafts: Vec<(String, Vec<String>)>,
    /// `file: $.path` of each field that had no home, with a word on why.
    pub unplaced: Vec<String>,
}

impl ImportReport {
    /// Notes the fields of `other` (those no Signpost field takes) as having no home.
    fn unplaced_fields(&mut self, file: &str, at: &str, other: &super::hsds::Other) {
        for (key, value) in other {
            if !value.is_null() {
                self.unplaced
                    .push(format!("{file}: {at}.{key}: no home in Signpost"));
            }
        }
    }
}

/// Reads `files` and writes their services and organizations under `root/content/`.
pub fn import(
    root: &Path,
    files: &[PathBuf],
    force: bool,
    today: IsoDate,
) -> Result<ImportReport, ImportError> {
    let mut feed = Feed::default();
    let mut errors = Vec::new();
    for path in files {
        if let Err(e) = feed.read(path) {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(flatten(errors));
    }
    let (files_out, report) = feed.into_content(root, today)?;
    let existing: Vec<String> = files_out
        .iter()
        .filter(|(rel, _)| root.join(rel).exists())
        .map(|(rel, _)| rel.clone())
        .collect();
    if !existing.is_empty() && !force {
        return Err(ImportError::Exists(existing));
    }
    for (rel, text) in &files_out {
        crate::output::replace_file(root, rel, text.as_bytes())
            .map_err(|e| ImportError::Write(rel.clone(), e.to_string()))?;
    }
    Ok(report)
}

fn flatten(mut errors: Vec<ImportError>) -> ImportError {
    if errors.len() == 1 {
        errors.remove(0)
    } else {
        ImportError::Many(errors)
    }
}

/// A service or organization as read, with where it came from.
struct Read<T> {
    file: String,
    path: String,
    item: T,
}

#[derive(Default)]
struct Feed {
    services: Vec<Read<Service>>,
    organizations: Vec<Read<Organization>>,
}

impl Feed {
    fn read(&mut self, path: &Path) -> Result<(), ImportError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
            file: file.clone(),
            source,
        })?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| ImportError::Syntax {
            file: file.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let shape = |path: &str, message: &str| ImportError::Shape {
            file: file.clone(),
            path: path.to_string(),
            message: message.to_string(),
            help: "give a Page of services ({\"contents\": [...]}), a list of services, one \
                service, one organization or a Page of organizations, as HSDS 3.0 writes them"
                .into(),
        };
        let items: Vec<(String, &Value)> = match &value {
            Value::Object(map) if map.contains_key("contents") => match &map["contents"] {
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("$.contents[{i}]"), v))
                    .collect(),
                _ => return Err(shape("$.contents", "`contents` is not a list")),
            },
            Value::Object(_) => vec![("$".to_string(), &value)],
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("$[{i}]"), v))
                .collect(),
            _ => return Err(shape("$", "this is neither a document nor a list of them")),
        };
        let mut errors = Vec::new();
        for (at, item) in items {
            let Some(map) = item.as_object() else {
                errors.push(shape(&at, "this item is not an object"));
                continue;
            };
            let is_service = map.contains_key("status")
                || map.contains_key("organization_id")
                || map.contains_key("service_areas");
            let result = if is_service {
                self.read_service(&file, &at, item)
            } else {
                read_as::<Organization>(&file, &at, item).and_then(|mut org| {
                    // An organization's own document may hold its services.
                    let services = std::mem::take(&mut org.services);
                    for (i, mut service) in services.into_iter().enumerate() {
                        let at = format!("{at}.services[{i}]");
                        if service.name.trim().is_empty() {
                            return Err(no_name(&file, &at));
                        }
                        service
                            .organization_id
                            .get_or_insert_with(|| org.id.clone());
                        self.services.push(Read {
                            file: file.clone(),
                            path: at,
                            item: service,
                        });
                    }
                    self.organizations.push(Read {
                        file: file.clone(),
                        path: at.clone(),
                        item: org,
                    });
                    Ok(())
                })
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(flatten(errors))
        }
    }

    fn read_service(&mut self, file: &str, at: &str, item: &Value) -> Result<(), ImportError> {
        let named = item
            .get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| !n.trim().is_empty());
        if !named {
            return Err(no_name(file, at));
        }
        let service = read_as::<Service>(file, at, item)?;
        if let Some(org) = &service.organization {
            self.organizations.push(Read {
                file: file.into(),
                path: format!("{at}.organization"),
                item: org.clone(),
            });
        }
        self.services.push(Read {
            file: file.into(),
            path: at.into(),
            item: service,
        });
        Ok(())
    }

    fn into_content(
        self,
        root: &Path,
        today: IsoDate,
    ) -> Result<(Vec<(String, String)>, ImportReport), ImportError> {
        let mut report = ImportReport::default();
        let mut files = Vec::new();
        let mut slugs = Slugs::new(root);
        // One partner per organization id (the first description of it wins).
        let mut partners: BTreeMap<String, String> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for org in &self.organizations {
            if !seen.insert(org.item.id.clone()) {
                continue;
            }
            let (slug, text) = partner_file(org, &mut slugs, today, &mut report)?;
            partners.insert(org.item.id.clone(), slug.clone());
            files.push((format!("content/partners/{slug}.md"), text));
        }
        let mut errors = Vec::new();
        for s in &self.services {
            let org_id = s
                .item
                .organization
                .as_ref()
                .map(|o| o.id.clone())
                .or_else(|| s.item.organization_id.clone());
            let Some(provider) = org_id.as_ref().and_then(|id| partners.get(id)) else {
                errors.push(ImportError::Shape {
                    file: s.file.clone(),
                    path: format!("{}.organization_id", s.path),
                    message: match &org_id {
                        Some(id) => format!("this service's organization `{id}` is described in none of the files"),
                        None => "this service names no organization".into(),
                    },
                    help: "Signpost lists every service under the organization that provides it: import the organization's document (or a Page of organizations) in the same command".into(),
                });
                continue;
            };
            let (slug, text, missing) = offer_file(s, provider, &mut slugs, today, &mut report);
            let rel = format!("content/offers/{slug}.md");
            if !missing.is_empty() {
                report.drafts.push((rel.clone(), missing));
            }
            files.push((rel, text));
        }
        if !errors.is_empty() {
            return Err(flatten(errors));
        }
        report.written = files.iter().map(|(rel, _)| rel.clone()).collect();
        Ok((files, report))
    }
}

fn no_name(file: &str, at: &str) -> ImportError {
    ImportError::Shape {
        file: file.into(),
        path: format!("{at}.name"),
        message: "this service has no name".into(),
        help: "every service needs a name: add it to the feed and import again".into(),
    }
}

fn read_as<T: serde::de::DeserializeOwned>(
    file: &str,
    at: &str,
    item: &Value,
) -> Result<T, ImportError> {
    serde_path_to_error::deserialize(item).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." {
            at.to_string()
        } else {
            format!("{at}.{inner}")
        };
        ImportError::Shape {
            file: file.into(),
            path,
            message: e.inner().to_string(),
            help: "this does not match HSDS 3.0 here: see its schema (service.json, organization.json)".into(),
        }
    })
}
