//! The HSDS 3.0 objects Signpost writes and reads, with the fields it has a home for.
//! Field names and shapes are the specification's (`../shared/schemas/hsds-3.0/`); the UK
//! profile is a subset of them. Empty optional fields are left out when written, never
//! `null`. When read (`signpost import`), every field these types do not name is kept in
//! `other`, so that the import can report what had no home.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Fields of a read document that Signpost has no home for, by name.
pub type Other = BTreeMap<String, Value>;

fn is_empty<T>(v: &[T]) -> bool {
    v.is_empty()
}

/// A service: fully nested (`services/{id}`) or, with its lists left empty and no
/// organization, as an item of a list (`services`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `active`, `inactive`, `defunct` or `temporarily closed` (required by HSDS; read
    /// as empty when a feed leaves it out).
    #[serde(default)]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_process: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<serde_json::Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<serde_json::Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assured_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub service_areas: Vec<ServiceArea>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub attributes: Vec<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    #[serde(flatten, skip_serializing)]
    pub other: Other,
}

impl Service {
    /// The service as an item of a list: its one-to-one fields only (`service_list.json`).
    pub fn list_item(&self) -> Service {
        Service {
            service_areas: Vec::new(),
            contacts: Vec::new(),
            attributes: Vec::new(),
            organization: None,
            other: Other::new(),
            ..self.clone()
        }
    }
}

/// An organization; `services` only in its own document (`organizations/{id}`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub attributes: Vec<Attribute>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub services: Vec<Service>,
    #[serde(flatten, skip_serializing)]
    pub other: Other,
}

/// A contact: in Signpost always a role ("Your local council's housing options team"),
/// never a named person.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub phones: Vec<Phone>,
    #[serde(flatten, skip_serializing)]
    pub other: Other,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Phone {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(flatten, skip_serializing)]
    pub other: Other,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ServiceArea {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The UK profile's name for the same free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(flatten, skip_serializing)]
    pub other: Other,
}

/// Links a service or organization to a taxonomy term.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Attribute {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy_term_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy_term: Option<TaxonomyTerm>,
    #[serde(flatten, skip_serializing)]
    pub other: Other,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TaxonomyTerm {
    pub id: String,
    /// HSDS 3.0's code of the term; the UK profile calls it `term`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    #[serde(flatten, skip_serializing)]
    pub other: Other,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Taxonomy {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The paginated list envelope (`components.schemas.Page` of the OpenAPI description).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    pub total_items: usize,
    pub total_pages: usize,
    pub page_number: usize,
    pub size: usize,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<T>,
}

impl<T: Clone> Page<T> {
    /// Page `number` (from 1) of `per_page` items of `all`; a page past the end is empty.
    pub fn of(all: &[T], number: usize, per_page: usize) -> Page<T> {
        let per_page = per_page.max(1);
        let number = number.max(1);
        let total_pages = all.len().div_ceil(per_page).max(1);
        let start = (number - 1).saturating_mul(per_page).min(all.len());
        let contents: Vec<T> = all[start..start.saturating_add(per_page).min(all.len())].to_vec();
        Page {
            total_items: all.len(),
            total_pages,
            page_number: number,
            size: contents.len(),
            first_page: number == 1,
            last_page: number >= total_pages,
            empty: contents.is_empty(),
            contents,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cut_the_list_and_say_where_they_are() {
        let all: Vec<u32> = (1..=5).collect();
        let p = Page::of(&all, 2, 2);
        assert_eq!(p.contents, vec![3, 4]);
        assert_eq!((p.total_items, p.total_pages, p.size), (5, 3, 2));
        assert!(!p.first_page && !p.last_page && !p.empty);
        let last = Page::of(&all, 3, 2);
        assert_eq!(last.contents, vec![5]);
        assert!(last.last_page);
        let past = Page::of(&all, 9, 2);
        assert!(past.empty && past.contents.is_empty() && past.last_page);
        let huge = Page::of(&all, usize::MAX, usize::MAX);
        assert!(huge.empty && huge.last_page);
        let none = Page::<u32>::of(&[], 1, 10);
        assert!(none.empty && none.first_page && none.last_page);
        assert_eq!(none.total_pages, 1);
    }
}
