//! The content files an import writes: a partner per organization, an offer per service,
//! with what had no home noted in the report.

use super::contacts::{contacts_of, ContactOut};
use super::slugs::Slugs;
use super::{ImportError, ImportReport, Read};
use crate::model::{IsoDate, PartnerKind, Tier};
use crate::openreferral::export::{partner_kind_of, tier_of, ELIGIBILITY};
use crate::openreferral::hsds::{Attribute, Organization, Service};
use crate::openreferral::ids::is_uuid;
use serde::Serialize;

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

pub(super) fn partner_file(
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
    report.unplaced_fields(file, at, &o.other);
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
    let slug = slugs.claim("partners", &o.name, &o.id);
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

pub(super) fn offer_file(
    s: &Read<Service>,
    provider: &str,
    slugs: &mut Slugs,
    today: IsoDate,
    report: &mut ImportReport,
) -> (String, String, Vec<String>) {
    let d = &s.item;
    let (file, at) = (s.file.as_str(), s.path.as_str());
    report.unplaced_fields(file, at, &d.other);
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
            report.unplaced_fields(file, &format!("{at}.service_areas[{i}]"), &a.other);
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
    let slug = slugs.claim("offers", &d.name, &d.id);
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
