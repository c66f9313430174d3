//! The export's documents in memory (`Directory`), the files of the static API made from
//! them, and an edit of offers or partners taken in place for `serve`.

use super::export::{Exporter, OPENAPI_URL, PROFILE, VERSION};
use super::hsds::{Organization, Page, Service, Taxonomy, TaxonomyTerm};
use crate::content::{Content, Record};
use crate::model::Offer;
use crate::wording::Labels;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Every document of the export, in memory.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// Fully nested, in the order of the content files.
    pub services: Vec<Service>,
    /// With their services (as list items).
    pub organizations: Vec<Organization>,
    pub taxonomies: Vec<Taxonomy>,
    pub terms: Vec<TaxonomyTerm>,
    /// Each service as an item of the list, as JSON, kept so that an edit of one service
    /// writes the list again without serialising every other.
    items: Vec<String>,
}

impl Directory {
    /// The published offers and partners of `content` as Open Referral documents.
    pub fn of(content: &Content, base_url: &str, labels: &Labels) -> Directory {
        let mapped = Exporter::new(content, base_url, labels).map();
        let terms = used_terms(mapped.complexity, &mapped.services, &mapped.organizations);
        let items = mapped
            .services
            .par_iter()
            .map(|s| to_json(&s.list_item()))
            .collect();
        Directory {
            services: mapped.services,
            organizations: mapped.organizations,
            taxonomies: mapped.taxonomies,
            terms,
            items,
        }
    }

    /// Each file of the static API, by its path under the export's folder (made on every
    /// core: there are as many as services and partners).
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = vec![
            root_file(),
            self.services_index(),
            self.organizations_index(),
        ];
        files.par_extend(self.services.par_iter().map(service_file));
        files.par_extend(self.organizations.par_iter().map(organization_file));
        files.push(json_file(
            "taxonomies/index.json",
            &Page::of(&self.taxonomies, 1, self.taxonomies.len()),
        ));
        for t in &self.taxonomies {
            files.push(json_file(&format!("taxonomies/{}.json", t.id), t));
        }
        files.extend(self.term_files());
        files
    }

    /// The list of services: the envelope of a page of them all, around the items kept.
    fn services_index(&self) -> (String, String) {
        let mut envelope = Page::<()>::of(&[], 1, 1);
        envelope.total_items = self.items.len();
        envelope.size = self.items.len();
        envelope.empty = self.items.is_empty();
        let head = to_json(&envelope);
        // `…"contents":[]}`: the items go between the brackets.
        let open = head.strip_suffix("]}").unwrap_or(&head);
        let mut text = String::with_capacity(
            open.len() + self.items.iter().map(|i| i.len() + 1).sum::<usize>() + 2,
        );
        text.push_str(open);
        text.push_str(&self.items.join(","));
        text.push_str("]}");
        ("services/index.json".to_string(), text)
    }

    fn organizations_index(&self) -> (String, String) {
        let orgs: Vec<Organization> = self
            .organizations
            .par_iter()
            .map(|o| Organization {
                services: Vec::new(),
                ..o.clone()
            })
            .collect();
        json_file("organizations/index.json", &Page::of(&orgs, 1, orgs.len()))
    }

    fn term_files(&self) -> Vec<(String, String)> {
        let mut files = vec![json_file(
            "taxonomy_terms/index.json",
            &Page::of(&self.terms, 1, self.terms.len()),
        )];
        for t in &self.terms {
            files.push(json_file(&format!("taxonomy_terms/{}.json", t.id), t));
        }
        files
    }

    /// Takes in an edit of the offers at `offers` and the partners at `partners` (their
    /// URLs, as before or after it) without making every document again, and gives the
    /// files it may have changed; `None` when it cannot (a record came, went, was made a
    /// draft or given another id): then make the whole directory again. What it gives is
    /// what [`Directory::of`] and [`Directory::files`] would give for the same content.
    pub fn update(
        &mut self,
        content: &Content,
        base_url: &str,
        labels: &Labels,
        offers: &[&str],
        partners: &[&str],
    ) -> Option<Vec<(String, String)>> {
        let exporter = Exporter::new(content, base_url, labels);
        let taxonomies = exporter.taxonomies();
        let complexity = exporter.complexity_terms(&taxonomies[0]);
        let org_at: HashMap<String, usize> = self
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        let service_at: HashMap<String, usize> = self
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut touched_orgs: BTreeSet<usize> = BTreeSet::new();
        let mut edited_partners = Vec::new();
        for url in partners {
            let p = content.partners.iter().find(|p| p.url == *url)?;
            if p.data.draft {
                return None;
            }
            let org = exporter.organization(p, &taxonomies[2]);
            let &i = org_at.get(&org.id)?;
            let services = std::mem::take(&mut self.organizations[i].services);
            self.organizations[i] = Organization { services, ..org };
            touched_orgs.insert(i);
            edited_partners.push(p.slug.as_str());
        }
        // The offers edited, and those whose provider was: their documents nest it.
        let mut dirty: Vec<&Record<Offer>> = Vec::new();
        for url in offers {
            dirty.push(content.offers.iter().find(|o| o.url == *url)?);
        }
        dirty.extend(
            content
                .offers
                .iter()
                .filter(|o| edited_partners.contains(&o.data.provider.as_str())),
        );
        let mut changed_services = BTreeSet::new();
        for o in dirty {
            if o.data.draft {
                return None;
            }
            let org = content
                .partner(&o.data.provider)
                .filter(|p| !p.data.draft)
                .and_then(|p| {
                    let id =
                        exporter
                            .ids
                            .record("partners", &p.slug, p.data.openreferral_id.as_deref());
                    org_at.get(&id.to_string()).copied()
                });
            let service = exporter.service(
                o,
                &complexity,
                &taxonomies[1],
                org.map(|i| &self.organizations[i]),
            );
            let &i = service_at.get(&service.id)?;
            let before = self.services[i].organization_id.clone();
            touched_orgs.extend(before.and_then(|id| org_at.get(&id).copied()));
            touched_orgs.extend(org);
            self.items[i] = to_json(&service.list_item());
            self.services[i] = service;
            changed_services.insert(i);
        }
        for &i in &touched_orgs {
            let id = self.organizations[i].id.clone();
            self.organizations[i].services = self
                .services
                .iter()
                .filter(|s| s.organization_id.as_deref() == Some(id.as_str()))
                .map(Service::list_item)
                .collect();
        }
        self.terms = used_terms(complexity, &self.services, &self.organizations);
        let mut files = Vec::new();
        if !changed_services.is_empty() {
            files.push(self.services_index());
        }
        if !edited_partners.is_empty() {
            files.push(self.organizations_index());
        }
        files.extend(
            changed_services
                .iter()
                .map(|&i| service_file(&self.services[i])),
        );
        files.extend(
            touched_orgs
                .iter()
                .map(|&i| organization_file(&self.organizations[i])),
        );
        files.extend(self.term_files());
        Some(files)
    }
}

/// A document as the export writes it: compact JSON. The documents hold only maps with
/// string keys, strings and numbers, so serialising cannot fail.
fn to_json(doc: &impl serde::Serialize) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}

fn json_file(name: &str, doc: &impl serde::Serialize) -> (String, String) {
    (name.to_string(), to_json(doc))
}

fn root_file() -> (String, String) {
    (
        "index.json".to_string(),
        serde_json::json!({"version": VERSION, "profile": PROFILE, "openapi_url": OPENAPI_URL})
            .to_string(),
    )
}

fn service_file(s: &Service) -> (String, String) {
    json_file(&format!("services/{}.json", s.id), s)
}

fn organization_file(o: &Organization) -> (String, String) {
    json_file(&format!("organizations/{}.json", o.id), o)
}

/// The complexity levels, then every other term the documents use, each once, in the
/// order of their codes.
fn used_terms(
    complexity: Vec<TaxonomyTerm>,
    services: &[Service],
    organizations: &[Organization],
) -> Vec<TaxonomyTerm> {
    let used: BTreeMap<&str, &TaxonomyTerm> = services
        .iter()
        .flat_map(|s| &s.attributes)
        .chain(organizations.iter().flat_map(|o| &o.attributes))
        .filter_map(|a| a.taxonomy_term.as_ref())
        .filter(|t| !complexity.iter().any(|c| c.id == t.id))
        .map(|t| (t.code.as_deref().unwrap_or_default(), t))
        .collect();
    let used: Vec<TaxonomyTerm> = used.into_values().cloned().collect();
    let mut terms = complexity;
    terms.extend(used);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_of_services_is_the_page_serde_would_write() {
        for n in [0, 1, 3] {
            let services: Vec<Service> = (0..n)
                .map(|i| Service {
                    id: format!("id-{i}"),
                    name: format!("Service \"{i}\""),
                    status: "active".into(),
                    contacts: vec![crate::openreferral::hsds::Contact::default()],
                    ..Service::default()
                })
                .collect();
            let list: Vec<Service> = services.iter().map(Service::list_item).collect();
            let directory = Directory {
                items: list.iter().map(to_json).collect(),
                services,
                ..Directory::default()
            };
            let expected = to_json(&Page::of(&list, 1, list.len()));
            assert_eq!(directory.services_index().1, expected, "{n} services");
        }
    }
}
