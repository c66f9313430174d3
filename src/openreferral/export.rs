//! The directory as Open Referral documents: offers become services, partners
//! organizations, tiers the terms of a "complexity level" taxonomy (with the ids HMPPS's
//! referral system gives its complexity levels), and who an offer is for the terms of an
//! "eligibility" taxonomy. `docs/open-referral.md` has the whole mapping. Drafts are never
//! published.

use super::hsds::{
    Attribute, Contact as HsdsContact, Organization, Phone, Service, ServiceArea, Taxonomy,
    TaxonomyTerm,
};
use super::ids::{part, Ids};
use crate::content::{Content, Record};
use crate::model::{Contact, Gender, Offer, Partner, PartnerKind, Tier};
use crate::wording::Labels;
use rayon::prelude::*;
use std::collections::HashMap;
use uuid::Uuid;

/// What the API root says it is (`GET /`), as the UK validator reads it.
pub const VERSION: &str = "HSDS-UK-3.0";
pub const PROFILE: &str = "https://github.com/OpenReferralUK/uk-profile";
pub const OPENAPI_URL: &str =
    "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json";

/// The ids HMPPS's referral system (Refer and Monitor) gives its accommodation complexity
/// levels, so a tool that speaks that vocabulary matches Signpost's tiers.
pub fn complexity_level_id(tier: Tier) -> Uuid {
    let id = match tier {
        Tier::Low => "d0db50b0-4a50-4fc7-a006-9c97530e38b2",
        Tier::Medium => "110f2405-d944-4c15-836c-0c6684e2aa78",
        Tier::High => "c86be5ec-31fa-4dfa-8c0c-8fe13451b9f6",
    };
    Uuid::parse_str(id).unwrap_or_default()
}

/// The site's taxonomies, by a short name that is also part of their ids.
pub const COMPLEXITY: &str = "complexity-level";
pub const ELIGIBILITY: &str = "eligibility";
pub const ORGANIZATION_TYPE: &str = "organization-type";

/// What [`Exporter::map`] makes.
pub(super) struct Mapped {
    pub services: Vec<Service>,
    pub organizations: Vec<Organization>,
    pub taxonomies: Vec<Taxonomy>,
    pub complexity: Vec<TaxonomyTerm>,
}

/// Maps one site's records to documents.
pub(super) struct Exporter<'a> {
    content: &'a Content,
    base_url: &'a str,
    labels: &'a Labels,
    pub(super) ids: Ids,
}

impl<'a> Exporter<'a> {
    pub(super) fn new(content: &'a Content, base_url: &'a str, labels: &'a Labels) -> Self {
        Exporter {
            content,
            base_url,
            labels,
            ids: Ids::for_site(base_url),
        }
    }

    /// The site's three taxonomies: complexity levels, eligibility, organization types.
    pub(super) fn taxonomies(&self) -> Vec<Taxonomy> {
        [
            (
                COMPLEXITY,
                "Complexity level",
                "How much support a person needs to find or keep a home: the three tiers of \
                 accommodation support. Term ids are those of the complexity levels in HMPPS's \
                 Refer and Monitor system.",
            ),
            (
                ELIGIBILITY,
                "Eligibility",
                "Who a service is for: the groups of people it names, and men or women only.",
            ),
            (
                ORGANIZATION_TYPE,
                "Organization type",
                "What kind of agency a partner organization is.",
            ),
        ]
        .into_iter()
        .map(|(key, name, description)| Taxonomy {
            id: self.ids.of(&format!("taxonomies/{key}")).to_string(),
            name: name.into(),
            description: description.into(),
            uri: None,
            version: None,
        })
        .collect()
    }

    pub(super) fn complexity_terms(&self, taxonomy: &Taxonomy) -> Vec<TaxonomyTerm> {
        Tier::ALL
            .into_iter()
            .map(|t| self.complexity_term(t, taxonomy))
            .collect()
    }

    /// Every published partner and offer as documents (organizations with their
    /// services listed), and the taxonomies and complexity-level terms.
    pub(super) fn map(self) -> Mapped {
        let taxonomies = self.taxonomies();
        let complexity = self.complexity_terms(&taxonomies[0]);
        let content = self.content;
        let partners: Vec<&Record<Partner>> =
            content.partners.iter().filter(|p| !p.data.draft).collect();
        let mut organizations: Vec<Organization> = partners
            .par_iter()
            .map(|p| self.organization(p, &taxonomies[2]))
            .collect();
        // Partner slug → its organization, so each service finds its own at once.
        let by_slug: HashMap<&str, usize> = partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.slug.as_str(), i))
            .collect();
        let offers: Vec<&Record<Offer>> = content.offers.iter().filter(|o| !o.data.draft).collect();
        let services: Vec<Service> = offers
            .par_iter()
            .map(|o| {
                let org = by_slug
                    .get(o.data.provider.as_str())
                    .map(|&i| &organizations[i]);
                self.service(o, &complexity, &taxonomies[1], org)
            })
            .collect();
        let by_id: HashMap<String, usize> = organizations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        for s in &services {
            if let Some(&i) = s.organization_id.as_ref().and_then(|id| by_id.get(id)) {
                organizations[i].services.push(s.list_item());
            }
        }
        Mapped {
            services,
            organizations,
            taxonomies,
            complexity,
        }
    }

    fn complexity_term(&self, tier: Tier, taxonomy: &Taxonomy) -> TaxonomyTerm {
        let page = self.content.tiers.iter().find(|t| t.data.tier == tier);
        let name = page.map_or_else(
            || self.labels.tier(tier).to_string(),
            |p| p.data.title.clone(),
        );
        TaxonomyTerm {
            id: complexity_level_id(tier).to_string(),
            code: Some(tier.key().into()),
            description: page.map_or_else(|| name.clone(), |p| p.data.who_for.clone()),
            name,
            taxonomy: Some(taxonomy.name.clone()),
            taxonomy_id: Some(taxonomy.id.clone()),
            term: Some(tier.key().into()),
            ..TaxonomyTerm::default()
        }
    }

    /// The term for `key` of `taxonomy`.
    fn term(&self, taxonomy: &Taxonomy, key: &str, name: &str) -> TaxonomyTerm {
        TaxonomyTerm {
            id: self.ids.of(&format!("taxonomy_terms/{key}")).to_string(),
            code: Some(key.to_string()),
            name: name.to_string(),
            description: name.to_string(),
            taxonomy: Some(taxonomy.name.clone()),
            taxonomy_id: Some(taxonomy.id.clone()),
            term: Some(key.to_string()),
            ..TaxonomyTerm::default()
        }
    }

    fn page_url(&self, url: &str) -> String {
        format!("{}{}", self.base_url, url)
    }

    pub(super) fn organization(&self, p: &Record<Partner>, types: &Taxonomy) -> Organization {
        let id = self
            .ids
            .record("partners", &p.slug, p.data.openreferral_id.as_deref());
        let kind = p.data.kind;
        let term = self.term(
            types,
            &format!("{ORGANIZATION_TYPE}/{}", kind.key()),
            self.labels.partner_kind(kind),
        );
        Organization {
            id: id.to_string(),
            name: p.data.name.clone(),
            description: p.data.role.clone(),
            uri: Some(self.page_url(&p.url)),
            contacts: contacts(id, &p.data.contacts, Parent::Organization),
            attributes: vec![attribute(id, "organization", "organization_type", term)],
            ..Organization::default()
        }
    }

    pub(super) fn service(
        &self,
        o: &Record<Offer>,
        complexity: &[TaxonomyTerm],
        eligibility: &Taxonomy,
        organization: Option<&Organization>,
    ) -> Service {
        let d = &o.data;
        let id = self
            .ids
            .record("offers", &o.slug, d.openreferral_id.as_deref());
        let mut attributes = Vec::new();
        if let Some(term) = Tier::ALL
            .iter()
            .position(|t| *t == d.tier)
            .and_then(|i| complexity.get(i))
        {
            attributes.push(attribute(id, "service", "complexity_level", term.clone()));
        }
        if d.eligibility.gender != Gender::Any {
            let g = d.eligibility.gender;
            let term = self.term(
                eligibility,
                &format!("{ELIGIBILITY}/gender/{}", g.key()),
                self.labels.gender(g),
            );
            attributes.push(attribute(id, "service", "eligibility", term));
        }
        for cohort in &d.eligibility.cohorts {
            let term = self.term(
                eligibility,
                &format!("{ELIGIBILITY}/cohort/{cohort}"),
                cohort,
            );
            attributes.push(attribute(id, "service", "eligibility", term));
        }
        let nonempty = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        Service {
            id: id.to_string(),
            organization_id: organization.map(|org| org.id.clone()),
            name: d.title.clone(),
            description: nonempty(&d.summary),
            url: Some(self.page_url(&o.url)),
            status: "active".into(),
            application_process: nonempty(&d.how_to_refer),
            eligibility_description: nonempty(&d.eligibility.cohorts.join("; ")),
            minimum_age: d.eligibility.age_min.map(Into::into),
            maximum_age: d.eligibility.age_max.map(Into::into),
            assured_date: Some(d.reviewed.iso()),
            last_modified: Some(format!("{}T00:00:00Z", d.reviewed.iso())),
            service_areas: d
                .regions
                .iter()
                .enumerate()
                .map(|(i, region)| ServiceArea {
                    id: part(id, &format!("service_areas/{i}")).to_string(),
                    service_id: Some(id.to_string()),
                    name: Some(region.clone()),
                    ..ServiceArea::default()
                })
                .collect(),
            contacts: contacts(id, &d.contacts, Parent::Service),
            attributes,
            organization: organization.map(|org| Organization {
                services: Vec::new(),
                ..org.clone()
            }),
            ..Service::default()
        }
    }
}

/// What a contact belongs to.
#[derive(Clone, Copy)]
enum Parent {
    Service,
    Organization,
}

fn contacts(parent: Uuid, contacts: &[Contact], of: Parent) -> Vec<HsdsContact> {
    let owner = Some(parent.to_string());
    let (service_id, organization_id) = match of {
        Parent::Service => (owner, None),
        Parent::Organization => (None, owner),
    };
    contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let id = part(parent, &format!("contacts/{i}"));
            HsdsContact {
                id: id.to_string(),
                service_id: service_id.clone(),
                organization_id: organization_id.clone(),
                name: Some(c.role.clone()),
                email: c.email.clone(),
                phones: c
                    .phone
                    .iter()
                    .map(|number| Phone {
                        id: part(id, "phones/0").to_string(),
                        contact_id: Some(id.to_string()),
                        number: number.clone(),
                        description: c.hours.clone(),
                        ..Phone::default()
                    })
                    .collect(),
                ..HsdsContact::default()
            }
        })
        .collect()
}

fn attribute(link: Uuid, entity: &str, link_type: &str, term: TaxonomyTerm) -> Attribute {
    Attribute {
        id: part(link, &format!("attributes/{}", term.id)).to_string(),
        link_id: Some(link.to_string()),
        taxonomy_term_id: Some(term.id.clone()),
        link_type: Some(link_type.into()),
        link_entity: Some(entity.into()),
        taxonomy_term: Some(term),
        ..Attribute::default()
    }
}

/// The tier an attribute's term stands for: one of HMPPS's complexity level ids, or a
/// term coded `low`, `medium` or `high` in a taxonomy named like a complexity level.
pub fn tier_of(attribute: &Attribute) -> Option<Tier> {
    let term_id = attribute
        .taxonomy_term_id
        .as_deref()
        .or(attribute.taxonomy_term.as_ref().map(|t| t.id.as_str()))?;
    if let Some(t) = Tier::ALL
        .into_iter()
        .find(|t| complexity_level_id(*t).to_string() == term_id)
    {
        return Some(t);
    }
    let term = attribute.taxonomy_term.as_ref()?;
    let taxonomy = term.taxonomy.as_deref().unwrap_or_default().to_lowercase();
    if !taxonomy.contains("complexity") {
        return None;
    }
    let code = term.code.as_deref().or(term.term.as_deref())?;
    Tier::from_key(&code.to_lowercase())
}

/// A partner kind from an organization's type term (`organization-type/police`).
pub fn partner_kind_of(attribute: &Attribute) -> Option<PartnerKind> {
    let term = attribute.taxonomy_term.as_ref()?;
    let code = term.code.as_deref().or(term.term.as_deref())?;
    let key = code.strip_prefix(&format!("{ORGANIZATION_TYPE}/"))?;
    PartnerKind::ALL.into_iter().find(|k| k.key() == key)
}
