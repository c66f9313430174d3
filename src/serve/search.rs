//! Search while previewing: `/search?q=…` rendered by the server (no JavaScript needed)
//! and `/api/search` as JSON, both from the tantivy index of the last good build.

use super::http::{file, inject, with_headers};
use super::Shared;
use crate::search::query::Results;
use crate::view::context::{FacetValue, SearchFacet, SearchHit, SearchResults};
use crate::wording::Labels;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

#[derive(Debug, serde::Deserialize)]
pub(crate) struct SearchParams {
    #[serde(default)]
    q: String,
    kind: Option<String>,
    tier: Option<String>,
    region: Option<String>,
    limit: Option<usize>,
}

fn run_search(shared: &Shared, p: &SearchParams) -> Option<crate::search::query::Results> {
    let index = shared
        .current
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .index
        .clone()?;
    let empty = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
    let filters = crate::search::query::Filters {
        kind: empty(&p.kind),
        tier: empty(&p.tier),
        region: empty(&p.region),
    };
    // Results are bounded: a preview server is not a crawler's API.
    index
        .search(&p.q, &filters, p.limit.unwrap_or(20).clamp(1, 50))
        .ok()
}

pub(super) async fn api_search(
    State(shared): State<Arc<Shared>>,
    Query(p): Query<SearchParams>,
) -> Response {
    match run_search(&shared, &p) {
        Some(results) => {
            let json = serde_json::to_string(&results).unwrap_or_else(|_| "{}".into());
            with_headers(([(header::CONTENT_TYPE, "application/json")], json).into_response())
        }
        None => with_headers(
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the search index is not built yet",
            )
                .into_response(),
        ),
    }
}

/// `/search?q=…`: results rendered by the server, so search works without JavaScript
/// while previewing. Without a query, the site's own search page.
pub(super) async fn search_page(
    State(shared): State<Arc<Shared>>,
    headers: axum::http::HeaderMap,
    uri: Uri,
    Query(p): Query<SearchParams>,
) -> Response {
    if p.q.trim().is_empty() && p.kind.is_none() && p.tier.is_none() {
        return file(State(shared), headers, uri).await;
    }
    let Some(results) = run_search(&shared, &p) else {
        return with_headers(
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the search index is not built yet",
            )
                .into_response(),
        );
    };
    let page = shared
        .live
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map(|site| site.search_page(results_value(&results, &site.wording().labels)));
    let body = match page {
        Some(Ok(html)) => html,
        Some(Err(d)) => return error_page(d),
        None => {
            return with_headers(
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the site is being built again: search once it is done",
                )
                    .into_response(),
            )
        }
    };
    let errors = shared
        .current
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .errors
        .clone();
    with_headers(
        (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            inject(&body, &errors),
        )
            .into_response(),
    )
}

/// The results as `search.html` takes them (`results` in `docs/templates.md`): each facet
/// value with the address that narrows the query to it.
fn results_value(results: &Results, labels: &Labels) -> SearchResults {
    let q = url_encode(&results.query);
    let facets = results
        .facets
        .iter()
        .filter(|(_, counts)| !counts.is_empty())
        .map(|(facet, counts)| SearchFacet {
            name: facet.to_string(),
            values: counts
                .iter()
                .map(|(value, count)| FacetValue {
                    // Kinds by the theme's name for them, tiers as they are.
                    label: if facet == "kind" {
                        labels.kind_of_key(value).to_string()
                    } else {
                        value.to_string()
                    },
                    count: *count,
                    url: format!("/search?q={q}&{facet}={}", url_encode(value)),
                })
                .collect(),
        })
        .collect();
    let hits = results
        .hits
        .iter()
        .map(|h| SearchHit {
            url: h.url.clone(),
            title: h.title.clone(),
            kind_label: labels.kind_of_key(&h.kind).to_string(),
            snippet_html: h.snippet_html.clone(),
        })
        .collect();
    SearchResults {
        query: results.query.clone(),
        total: results.total,
        fuzzy: results.fuzzy,
        facets,
        hits,
    }
}

/// A template that failed: the error overlay over an empty page, as for a failed build.
fn error_page(error: crate::diagnostic::Diagnostic) -> Response {
    with_headers(
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            inject("<!DOCTYPE html><title>Search</title>", &[error]),
        )
            .into_response(),
    )
}

fn url_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
