//! Search while previewing: `/search?q=…` rendered by the server (no JavaScript needed)
//! and `/api/search` as JSON, both from the tantivy index of the last good build.

use super::http::{file, inject, with_headers};
use super::Shared;
use crate::html::escape;
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
    let mut body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Search: {q}</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main id=\"main\" class=\"wrap\"><h1>Search results</h1><form class=\"search-form\" role=\"search\" action=\"/search\" method=\"get\"><label for=\"q\" class=\"search-label\">Search for</label><div class=\"search-row\"><input id=\"q\" name=\"q\" type=\"search\" value=\"{q}\"><button type=\"submit\">Search</button></div></form><p role=\"status\">{n} result{s} for “{q}”{fuzzy}.</p>",
        q = escape(&results.query),
        n = results.total,
        s = if results.total == 1 { "" } else { "s" },
        fuzzy = if results.fuzzy { " (close spellings)" } else { "" },
    );
    for (facet, counts) in &results.facets {
        if counts.is_empty() {
            continue;
        }
        body.push_str(&format!("<p>By {}: ", escape(facet)));
        let links: Vec<String> = counts
            .iter()
            .map(|(v, n)| {
                format!(
                    "<a href=\"/search?q={}&amp;{}={}\">{} ({n})</a>",
                    escape(&url_encode(&results.query)),
                    escape(facet),
                    escape(&url_encode(v)),
                    escape(&crate::search::kind_label_or(facet, v))
                )
            })
            .collect();
        body.push_str(&links.join(", "));
        body.push_str("</p>");
    }
    body.push_str("<ol class=\"search-results\">");
    for hit in &results.hits {
        body.push_str(&format!(
            "<li class=\"search-result\"><h2><a href=\"{}\">{}</a></h2><p class=\"search-meta\">{}</p><p>{}</p></li>",
            escape(&hit.url),
            escape(&hit.title),
            escape(crate::search::kind_label(&hit.kind)),
            hit.snippet_html
        ));
    }
    body.push_str("</ol></main></body></html>");
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

fn url_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
