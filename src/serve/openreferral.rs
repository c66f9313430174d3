//! The Open Referral export as a live API while previewing: the documents the build wrote
//! under the export's folder, answered with `application/json` and
//! `Access-Control-Allow-Origin: *`, so a validator or a finder can be pointed at
//! `signpost serve`. Lists take the query parameters of an Open Referral UK endpoint
//! (`page`, `per_page`, `search` through the tantivy index, `taxonomy_term_id`,
//! `organization_id`, `modified_after`); without `per_page` a page holds every item, as
//! the static `index.json` does. The documents follow edits: `live::outputs::LiveExport`
//! writes them again when an edit changes an offer, partner or tier.

use super::http::{file, with_headers};
use super::Shared;
use crate::openreferral::hsds::{Organization, Page, Service, Taxonomy, TaxonomyTerm};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::{de::DeserializeOwned, Serialize};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, PoisonError};

/// The fallback route: the export's folder is the API, every other path a file.
pub(super) async fn api_or_file(
    State(shared): State<Arc<Shared>>,
    headers: axum::http::HeaderMap,
    uri: Uri,
    RawQuery(query): RawQuery,
) -> Response {
    let (site, api, index) = {
        let c = shared
            .current
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        (c.site.clone(), c.api.clone(), c.index.clone())
    };
    let rest = api.as_deref().and_then(|folder| {
        let path = uri.path().strip_prefix('/')?.strip_prefix(folder)?;
        (path.is_empty() || path.starts_with('/')).then(|| path.trim_matches('/').to_string())
    });
    match (site, rest) {
        (Some(site), Some(rest)) => {
            let export = site.join(api.as_deref().unwrap_or_default());
            let query = query.unwrap_or_default();
            tokio::task::spawn_blocking(move || answer(&export, &rest, &query, index.as_deref()))
                .await
                .unwrap_or_else(|_| json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal error"))
        }
        _ => file(State(shared), headers, uri).await,
    }
}

const LISTS: [&str; 4] = ["services", "organizations", "taxonomies", "taxonomy_terms"];

fn answer(
    export: &Path,
    rest: &str,
    query: &str,
    index: Option<&crate::search::query::SearchIndex>,
) -> Response {
    let rest = rest.strip_suffix(".json").unwrap_or(rest);
    let (list, one) = match rest.split_once('/') {
        Some((list, one)) => (list, Some(one)),
        None => (rest, None),
    };
    if rest.is_empty() || rest == "index" {
        return document(&export.join("index.json"));
    }
    if !LISTS.contains(&list) {
        return json_error(StatusCode::NOT_FOUND, "no such endpoint");
    }
    match one {
        Some(id) if id != "index" => {
            if !crate::openreferral::ids::is_uuid(id) {
                return json_error(StatusCode::NOT_FOUND, "no document has this id");
            }
            document(
                &export
                    .join(list)
                    .join(format!("{}.json", id.to_lowercase())),
            )
        }
        _ => match Params::parse(query) {
            Ok(params) => listing(export, list, &params, index),
            Err(problem) => json_error(StatusCode::BAD_REQUEST, &problem),
        },
    }
}

/// A list endpoint's query.
#[derive(Debug, Default)]
struct Params {
    page: Option<usize>,
    per_page: Option<usize>,
    search: Option<String>,
    taxonomy_term_id: Option<String>,
    organization_id: Option<String>,
    modified_after: Option<jiff::Timestamp>,
}

impl Params {
    fn parse(query: &str) -> Result<Params, String> {
        let mut p = Params::default();
        let number = |key: &str, v: &str| {
            v.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{key} must be a whole number from 1, not `{v}`"))
        };
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let v = value.trim();
            if v.is_empty() {
                continue;
            }
            match key.as_ref() {
                "page" => p.page = Some(number("page", v)?),
                "per_page" => p.per_page = Some(number("per_page", v)?),
                "search" => p.search = Some(v.to_string()),
                "taxonomy_term_id" => p.taxonomy_term_id = Some(v.to_lowercase()),
                "organization_id" => p.organization_id = Some(v.to_lowercase()),
                "modified_after" => p.modified_after = Some(instant(v)?),
                // Others (`full`, `minimal`, `format`, ...) are not filters here.
                _ => {}
            }
        }
        Ok(p)
    }
}

/// A date (`2026-11-01`, midnight UTC) or a date and time with its offset.
fn instant(text: &str) -> Result<jiff::Timestamp, String> {
    text.parse::<jiff::Timestamp>()
        .or_else(|_| {
            text.parse::<jiff::civil::Date>()
                .map_err(|e| e.to_string())
                .and_then(|d| {
                    d.to_zoned(jiff::tz::TimeZone::UTC)
                        .map(|z| z.timestamp())
                        .map_err(|e| e.to_string())
                })
        })
        .map_err(|_| {
            format!("modified_after must be a date or date-time such as 2026-11-01 or 2026-11-01T09:00:00Z, not `{text}`")
        })
}

fn listing(
    export: &Path,
    list: &str,
    p: &Params,
    index: Option<&crate::search::query::SearchIndex>,
) -> Response {
    match list {
        "services" => page_of::<Service>(export, list, p, |items| {
            filter_services(export, items, p, index)
        }),
        "organizations" => page_of::<Organization>(export, list, p, Ok),
        "taxonomies" => page_of::<Taxonomy>(export, list, p, Ok),
        _ => page_of::<TaxonomyTerm>(export, list, p, Ok),
    }
}

/// A page of the list the build wrote, its items filtered first (typed, so that fields
/// keep the order they have in the static files).
fn page_of<T: Serialize + DeserializeOwned + Clone>(
    export: &Path,
    list: &str,
    p: &Params,
    filter: impl FnOnce(Vec<T>) -> Result<Vec<T>, Response>,
) -> Response {
    let Ok(bytes) = std::fs::read(export.join(list).join("index.json")) else {
        return json_error(StatusCode::NOT_FOUND, "the export has no such list");
    };
    let Ok(whole) = serde_json::from_slice::<Page<T>>(&bytes) else {
        return json_error(StatusCode::INTERNAL_SERVER_ERROR, "the list cannot be read");
    };
    let items = match filter(whole.contents) {
        Ok(items) => items,
        Err(response) => return response,
    };
    let per_page = p.per_page.unwrap_or(items.len()).max(1);
    let page = Page::of(&items, p.page.unwrap_or(1), per_page);
    json_response(
        StatusCode::OK,
        serde_json::to_vec(&page).unwrap_or_default(),
    )
}

fn filter_services(
    export: &Path,
    items: Vec<Service>,
    p: &Params,
    index: Option<&crate::search::query::SearchIndex>,
) -> Result<Vec<Service>, Response> {
    let found: Option<BTreeSet<String>> = match &p.search {
        None => None,
        Some(q) => {
            let Some(index) = index else {
                return Err(json_error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the search index is not built yet",
                ));
            };
            let filters = crate::search::query::Filters {
                kind: Some(crate::kind::DocKind::Offer.key().to_string()),
                ..Default::default()
            };
            let results = index
                .search(q, &filters, 10_000)
                .map_err(|e| json_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?;
            Some(results.hits.into_iter().map(|h| h.url).collect())
        }
    };
    let mut kept = Vec::new();
    for service in items {
        if let Some(found) = &found {
            let path = service.url.as_deref().map(path_of).unwrap_or_default();
            if !found.contains(path) {
                continue;
            }
        }
        if let Some(org) = &p.organization_id {
            if service.organization_id.as_deref() != Some(org.as_str()) {
                continue;
            }
        }
        if let Some(after) = p.modified_after {
            let modified = service
                .last_modified
                .as_deref()
                .and_then(|m| m.parse::<jiff::Timestamp>().ok());
            if modified.is_none_or(|m| m < after) {
                continue;
            }
        }
        if let Some(term) = &p.taxonomy_term_id {
            // The list items have no attributes: the service's own document has.
            let full = std::fs::read(export.join("services").join(format!("{}.json", service.id)))
                .ok()
                .and_then(|b| serde_json::from_slice::<Service>(&b).ok());
            let tagged = full.is_some_and(|s| {
                s.attributes
                    .iter()
                    .any(|a| a.taxonomy_term_id.as_deref() == Some(term.as_str()))
            });
            if !tagged {
                continue;
            }
        }
        kept.push(service);
    }
    Ok(kept)
}

/// The path of an absolute address (`https://host/offers/a/` → `/offers/a/`).
fn path_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}

fn document(path: &Path) -> Response {
    match std::fs::read(path) {
        Ok(bytes) => json_response(StatusCode::OK, bytes),
        Err(_) => json_error(StatusCode::NOT_FOUND, "no document has this id"),
    }
}

fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    json_response(status, body.into_bytes())
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response =
        with_headers((status, [(header::CONTENT_TYPE, "application/json")], body).into_response());
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_read_as_an_open_referral_endpoint_reads_them() {
        let p = Params::parse("page=2&per_page=1&search=rent%20arrears&full=true").unwrap();
        assert_eq!((p.page, p.per_page), (Some(2), Some(1)));
        assert_eq!(p.search.as_deref(), Some("rent arrears"));
        assert!(Params::parse("page=0").is_err());
        assert!(Params::parse("per_page=lots").is_err());
        let day = Params::parse("modified_after=2026-11-01").unwrap();
        let time = Params::parse("modified_after=2026-11-01T00:00:00Z").unwrap();
        assert_eq!(day.modified_after, time.modified_after);
        assert!(Params::parse("modified_after=yesterday").is_err());
        assert_eq!(path_of("https://a.example/offers/x/"), "/offers/x/");
        assert_eq!(path_of("https://a.example"), "/");
    }
}
