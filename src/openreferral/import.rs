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

use super::export::{partner_kind_of, tier_of, ELIGIBILITY};
use super::hsds::{Attribute, Contact as HsdsContact, Organization, Other, Service};
use super::ids::is_uuid;
use crate::model::{IsoDate, PartnerKind, Tier};
use serde::Serialize;
use serde_json::Value;
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
    let (files_out, report) = feed.into_content(today)?;
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
        today: IsoDate,
    ) -> Result<(Vec<(String, String)>, ImportReport), ImportError> {
        let mut report = ImportReport::default();
        let mut files = Vec::new();
        let mut slugs = Slugs::new();
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

/// File names: from the record's name, never one already taken under `content/` or by
/// this import.
struct Slugs {
    taken: BTreeSet<String>,
}

impl Slugs {
    fn new() -> Slugs {
        Slugs {
            taken: BTreeSet::new(),
        }
    }

    /// A slug for `name` in `folder`, one this import has not given already. (An
    /// existing file of that name is replaced only with `--force`.)
    fn claim(&mut self, folder: &str, name: &str) -> String {
        let base = crate::route::slugify_name(name);
        let base = if base.is_empty() {
            "imported".into()
        } else {
            base
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !self.taken.insert(format!("{folder}/{slug}")) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slug
    }
}

/// Records the fields of `other` as having no home.
fn unplaced(report: &mut ImportReport, file: &str, at: &str, other: &Other) {
    for (key, value) in other {
        if value.is_null() {
            continue;
        }
        report
            .unplaced
            .push(format!("{file}: {at}.{key}: no home in Signpost"));
    }
}

/// A contact Signpost can show: its role, and a phone or an email to reach it.
#[derive(Debug, Serialize)]
struct ContactOut {
    role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<String>,
}

fn contacts_of(
    contacts: &[HsdsContact],
    file: &str,
    at: &str,
    report: &mut ImportReport,
) -> Vec<ContactOut> {
    let mut out = Vec::new();
    for (i, c) in contacts.iter().enumerate() {
        let at = format!("{at}.contacts[{i}]");
        unplaced(report, file, &at, &c.other);
        // A role, not a person: the job title or department before a name.
        let role = [&c.title, &c.department, &c.name]
            .into_iter()
            .flatten()
            .find(|s| !s.trim().is_empty())
            .cloned();
        if c.name.is_some() && role != c.name {
            report.unplaced.push(format!(
                "{file}: {at}.name: a person's name; Signpost lists contacts by role ({})",
                role.as_deref().unwrap_or_default()
            ));
        }
        for (j, _) in c.phones.iter().enumerate().skip(1) {
            report.unplaced.push(format!(
                "{file}: {at}.phones[{j}]: Signpost keeps one phone number a contact"
            ));
        }
        let phone = c.phones.first();
        if let Some(p) = phone {
            unplaced(report, file, &format!("{at}.phones[0]"), &p.other);
        }
        // Numbers as people write them; a feed's stray quotes are not part of one.
        let number = phone.map(|p| p.number.trim().trim_matches(['"', '\'']).trim().to_string());
        let number = number.filter(|n| {
            let ok = crate::model::is_phone(n);
            if !ok {
                report.unplaced.push(format!(
                    "{file}: {at}.phones[0].number: `{n}` is not a phone number Signpost can show"
                ));
            }
            ok
        });
        let email = c.email.clone().filter(|e| {
            let ok = crate::model::is_email(e);
            if !ok {
                report.unplaced.push(format!(
                    "{file}: {at}.email: `{e}` is not one plain address"
                ));
            }
            ok
        });
        let contact = ContactOut {
            role: role.unwrap_or_default(),
            phone: number,
            email,
            hours: phone.and_then(|p| p.description.clone()),
        };
        if contact.role.is_empty() || (contact.phone.is_none() && contact.email.is_none()) {
            report.unplaced.push(format!(
                "{file}: {at}: left out: a contact needs a name or title and a phone number or email"
            ));
            continue;
        }
        out.push(contact);
    }
    out
}

#[derive(Serialize)]
struct PartnerOut {
    name: String,
    kind: &'static str,
    role: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contacts: Vec<ContactOut>,
    reviewed: String,
    review_by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    openreferral_id: Option<String>,
}

fn partner_file(
    org: &Read<Organization>,
    slugs: &mut Slugs,
    today: IsoDate,
    report: &mut ImportReport,
) -> Result<(String, String), ImportError> {
    let o = &org.item;
    let (file, at) = (org.file.as_str(), org.path.as_str());
    if o.name.trim().is_empty() || o.description.trim().is_empty() {
        return Err(ImportError::Shape {
            file: file.into(),
            path: format!(
                "{at}.{}",
                if o.name.trim().is_empty() {
                    "name"
                } else {
                    "description"
                }
            ),
            message: "this organization has no name or no description".into(),
            help: "HSDS 3.0 requires both: add them to the feed and import again".into(),
        });
    }
    unplaced(report, file, at, &o.other);
    for (key, present) in [
        ("email", o.email.is_some()),
        ("website", o.website.is_some()),
        ("uri", o.uri.is_some()),
    ] {
        if present {
            report
                .unplaced
                .push(format!("{file}: {at}.{key}: no home in Signpost"));
        }
    }
    let kind = o
        .attributes
        .iter()
        .find_map(partner_kind_of)
        .unwrap_or(PartnerKind::Other);
    let slug = slugs.claim("partners", &o.name);
    let partner = PartnerOut {
        name: o.name.clone(),
        kind: kind.key(),
        role: o.description.clone(),
        contacts: contacts_of(&o.contacts, file, at, report),
        reviewed: today.iso(),
        review_by: six_months_after(today),
        openreferral_id: is_uuid(&o.id).then(|| o.id.to_lowercase()),
    };
    let mut text = String::from("---\n");
    text.push_str(&format!(
        "# Imported from {file} on {today}. `reviewed` is the day of the import: check the\n# details, and set `kind` if it is not `other`.\n",
        today = today.iso()
    ));
    text.push_str(&yaml(&partner));
    text.push_str("---\n");
    Ok((slug, text))
}

#[derive(Serialize)]
struct EligibilityOut {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cohorts: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    age_min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    age_max: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'static str>,
}

#[derive(Serialize)]
struct OfferOut {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    tier: Option<&'static str>,
    provider: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    regions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eligibility: Option<EligibilityOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    how_to_refer: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contacts: Vec<ContactOut>,
    owner: String,
    reviewed: String,
    review_by: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    openreferral_id: Option<String>,
}

fn offer_file(
    s: &Read<Service>,
    provider: &str,
    slugs: &mut Slugs,
    today: IsoDate,
    report: &mut ImportReport,
) -> (String, String, Vec<String>) {
    let d = &s.item;
    let (file, at) = (s.file.as_str(), s.path.as_str());
    unplaced(report, file, at, &d.other);
    for (key, present) in [("url", d.url.is_some()), ("email", d.email.is_some())] {
        if present {
            report
                .unplaced
                .push(format!("{file}: {at}.{key}: no home in Signpost"));
        }
    }
    let tier = d.attributes.iter().find_map(tier_of);
    for (i, a) in d.attributes.iter().enumerate() {
        let placed =
            tier_of(a).is_some() || eligibility_of(std::slice::from_ref(a)) != (Vec::new(), None);
        if !placed {
            let name = a.taxonomy_term.as_ref().map_or("", |t| t.name.as_str());
            report.unplaced.push(format!(
                "{file}: {at}.attributes[{i}] ({name}): no home in Signpost"
            ));
        }
    }
    let (cohorts, gender) = eligibility_of(&d.attributes);
    // A feed that is not Signpost's says who a service is for in words.
    let cohorts = if cohorts.is_empty() {
        d.eligibility_description
            .iter()
            .filter(|t| !t.trim().is_empty())
            .cloned()
            .collect()
    } else {
        cohorts
    };
    let age = |n: &Option<serde_json::Number>, key: &str, report: &mut ImportReport| {
        let n = n.as_ref()?;
        match n.as_u64().and_then(|v| u32::try_from(v).ok()) {
            Some(v) => Some(v),
            None => {
                report.unplaced.push(format!(
                    "{file}: {at}.{key}: `{n}` is not a whole number of years"
                ));
                None
            }
        }
    };
    let age_min = age(&d.minimum_age, "minimum_age", report);
    let age_max = age(&d.maximum_age, "maximum_age", report);
    let eligibility =
        (!cohorts.is_empty() || age_min.is_some() || age_max.is_some() || gender.is_some())
            .then_some(EligibilityOut {
                cohorts,
                age_min,
                age_max,
                gender,
            });
    let (summary, more) = split_description(d.description.as_deref().unwrap_or_default());
    let how_to_refer = d
        .application_process
        .clone()
        .filter(|t| !t.trim().is_empty());
    let reviewed = d
        .assured_date
        .as_deref()
        .or(d.last_modified.as_deref())
        .and_then(|t| IsoDate::parse(t.get(..10).unwrap_or(t)).ok())
        .unwrap_or(today);
    let regions: Vec<String> = d
        .service_areas
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            unplaced(report, file, &format!("{at}.service_areas[{i}]"), &a.other);
            [&a.name, &a.service_area, &a.description]
                .into_iter()
                .flatten()
                .find(|t| !t.trim().is_empty())
                .cloned()
        })
        .collect();
    let mut missing = Vec::new();
    if tier.is_none() {
        missing.push("tier: the feed does not say how complex the support is; choose low, medium or high (see content/tiers/)".to_string());
    }
    if summary.is_none() {
        missing.push(
            "summary: the feed has no description of the service; write one or two sentences"
                .into(),
        );
    }
    if how_to_refer.is_none() {
        missing.push("how_to_refer: the feed does not say how to apply; say how a practitioner refers someone".into());
    }
    if d.status.trim().is_empty() {
        missing.push(
            "the feed does not give the service's status: publish it only if it is active".into(),
        );
    } else if d.status != "active" {
        missing.push(format!(
            "the feed says this service is `{}`: publish it only once it is active",
            d.status
        ));
    }
    let offer = OfferOut {
        title: d.name.trim().to_string(),
        tier: tier.map(Tier::key),
        provider: provider.to_string(),
        regions,
        eligibility,
        summary,
        how_to_refer,
        contacts: contacts_of(&d.contacts, file, at, report),
        owner: d
            .organization
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_else(|| provider.to_string()),
        reviewed: reviewed.iso(),
        review_by: six_months_after(reviewed),
        draft: !missing.is_empty(),
        openreferral_id: is_uuid(&d.id).then(|| d.id.to_lowercase()),
    };
    let mut text = String::from("---\n");
    text.push_str(&format!("# Imported from {file} ({at}).\n"));
    if !missing.is_empty() {
        text.push_str(
            "# This service is a draft until it has what Signpost needs to publish it:\n",
        );
        for m in &missing {
            text.push_str(&format!("#   - {m}\n"));
        }
        text.push_str("# Then remove `draft: true`.\n");
    }
    text.push_str(&yaml(&offer));
    text.push_str("---\n");
    if let Some(more) = more {
        text.push_str(&more);
        text.push('\n');
    }
    let slug = slugs.claim("offers", &d.name);
    (slug, text, missing)
}

/// Cohorts and gender from the terms of Signpost's eligibility taxonomy.
fn eligibility_of(attributes: &[Attribute]) -> (Vec<String>, Option<&'static str>) {
    let mut cohorts = Vec::new();
    let mut gender = None;
    for a in attributes {
        let Some(term) = &a.taxonomy_term else {
            continue;
        };
        let code = term.code.as_deref().or(term.term.as_deref()).unwrap_or("");
        if let Some(cohort) = code.strip_prefix(&format!("{ELIGIBILITY}/cohort/")) {
            cohorts.push(cohort.to_string());
        } else if let Some(g) = code.strip_prefix(&format!("{ELIGIBILITY}/gender/")) {
            gender = crate::model::Gender::ALL
                .into_iter()
                .find(|x| x.key() == g)
                .map(crate::model::Gender::key);
        }
    }
    (cohorts, gender)
}

/// The first paragraph as the summary, the rest as the page's text.
fn split_description(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    if text.is_empty() {
        return (None, None);
    }
    match text.split_once("\n\n") {
        Some((first, rest)) => (
            Some(first.trim().to_string()),
            Some(rest.trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (Some(text.to_string()), None),
    }
}

fn six_months_after(date: IsoDate) -> String {
    IsoDate(date.0.saturating_add(jiff::Span::new().months(6))).iso()
}

/// Front matter fields; the structs hold only strings, numbers, lists and maps.
fn yaml(value: &impl Serialize) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_paragraph_is_the_summary() {
        assert_eq!(split_description(""), (None, None));
        assert_eq!(
            split_description("One.\n\nTwo.\n\nThree."),
            (Some("One.".into()), Some("Two.\n\nThree.".into()))
        );
        assert_eq!(split_description("Only."), (Some("Only.".into()), None));
    }
}
