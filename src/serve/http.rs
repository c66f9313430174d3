//! The preview server's HTTP side: files of the last good build (never anything outside
//! it), a live-reload script and event stream, and the error overlay.

use super::Shared;
use crate::render::escape;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Pagefind needs WebAssembly and a blob worker; nothing else comes from anywhere but here.
const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
frame-ancestors 'none'; form-action 'self'";

const RELOAD_JS: &str =
    "new EventSource('/__signpost/events').onmessage = () => location.reload();\n";

const OVERLAY_CSS: &str = ".signpost-overlay{position:relative;z-index:1000;margin:0;padding:1rem;\
background:#fff;color:#0b0c0c;border:4px solid #d4351c;font:1rem/1.4 system-ui,sans-serif}\
.signpost-overlay h2{margin:0 0 .5rem;font-size:1.25rem}.signpost-overlay pre{white-space:pre-wrap;\
overflow-wrap:anywhere;font:.9rem/1.4 ui-monospace,monospace;margin:.5rem 0 0}\n";

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__signpost/events", get(events))
        .route("/api/search", get(api_search))
        .route("/search", get(search_page))
        .route(
            "/__signpost/reload.js",
            get(|| async { asset("text/javascript; charset=utf-8", RELOAD_JS) }),
        )
        .route(
            "/__signpost/overlay.css",
            get(|| async { asset("text/css; charset=utf-8", OVERLAY_CSS) }),
        )
        .fallback(get(file))
        .with_state(shared)
}

fn with_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    with_headers(([(header::CONTENT_TYPE, content_type)], body).into_response())
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.reload.subscribe();
    let stream = stream::unfold(receiver, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(n) => return Some((Ok(Event::default().data(n.to_string())), rx)),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

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

async fn api_search(
    State(shared): State<Arc<Shared>>,
    axum::extract::Query(p): axum::extract::Query<SearchParams>,
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
async fn search_page(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    axum::extract::Query(p): axum::extract::Query<SearchParams>,
) -> Response {
    if p.q.trim().is_empty() && p.kind.is_none() && p.tier.is_none() {
        return file(State(shared), uri).await;
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
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `%xx` decoding; `None` for a malformed escape or text that is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file a request path names inside `site`, or `None` if it would leave the site. Only
/// plain names are allowed: no `..`, no backslashes, no drive or root components.
pub(crate) fn resolve(site: &Path, request_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(request_path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut rel = PathBuf::new();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => rel.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let mut path = site.join(&rel);
    if decoded.ends_with('/') || decoded.is_empty() || path.is_dir() {
        path.push("index.html");
    }
    // A link inside the output must not lead out of it either.
    let real = std::fs::canonicalize(&path).ok()?;
    let base = std::fs::canonicalize(site).ok()?;
    real.starts_with(&base).then_some(real)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The errors of the latest build, as the server itself renders them (not the site's
/// templates, which may be what is broken).
fn overlay(errors: &[crate::diagnostic::Diagnostic]) -> String {
    let mut out = String::from("<div class=\"signpost-overlay\" role=\"alert\"><h2>The last change did not build</h2><p>This is the last good version of the page. Fix these and save; the page reloads by itself.</p>");
    for d in errors {
        out.push_str("<pre>");
        out.push_str(&escape(&d.render()));
        out.push_str("</pre>");
    }
    out.push_str("</div>");
    out
}

fn inject(html: &str, errors: &[crate::diagnostic::Diagnostic]) -> String {
    let mut head = String::from("<link rel=\"stylesheet\" href=\"/__signpost/overlay.css\"><script src=\"/__signpost/reload.js\" defer></script>");
    let body = if errors.is_empty() {
        String::new()
    } else {
        overlay(errors)
    };
    let mut out = html.to_string();
    match out.find("</head>") {
        Some(i) => out.insert_str(i, &head),
        None => {
            head.push_str(&out);
            out = head;
        }
    }
    if !body.is_empty() {
        match out
            .find("<body")
            .and_then(|i| out[i..].find('>').map(|j| i + j + 1))
        {
            Some(i) => out.insert_str(i, &body),
            None => out.insert_str(0, &body),
        }
    }
    out
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let (site, errors) = {
        let current = shared.current.read().unwrap_or_else(|p| p.into_inner());
        (current.site.clone(), current.errors.clone())
    };
    let Some(site) = site else {
        // The first build failed: say so on every page until it is fixed.
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><main>{}</main></body></html>",
            overlay(&errors)
        );
        let page = inject(&page, &[]);
        return with_headers(
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                page,
            )
                .into_response(),
        );
    };
    let path = uri.path();
    let Some(file) = resolve(&site, path) else {
        return not_found(&site, &errors).await;
    };
    // `/offers` (a folder) is served from `/offers/` so relative links keep working.
    if !path.ends_with('/')
        && std::fs::metadata(site.join(path.trim_start_matches('/'))).is_ok_and(|m| m.is_dir())
    {
        let target = format!("{path}/");
        return with_headers(
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, target)]).into_response(),
        );
    }
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                Body::from(inject(&String::from_utf8_lossy(&bytes), &errors))
            } else {
                Body::from(bytes)
            };
            with_headers(([(header::CONTENT_TYPE, kind)], body).into_response())
        }
        Err(_) => not_found(&site, &errors).await,
    }
}

async fn not_found(site: &Path, errors: &[crate::diagnostic::Diagnostic]) -> Response {
    let page = tokio::fs::read_to_string(site.join("404.html"))
        .await
        .unwrap_or_else(|_| {
            "<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>".into()
        });
    with_headers(
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            inject(&page, errors),
        )
            .into_response(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("offers")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("offers/index.html"), "offers").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        assert!(resolve(&site, "/").is_some());
        assert!(resolve(&site, "/offers/").is_some());
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/offers/..%2f..%2fsecret.txt",
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "//etc/passwd",
            "/%00",
            "/%zz",
        ] {
            assert!(resolve(&site, bad).is_none(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("link.txt"))
                .unwrap();
            assert!(
                resolve(&site, "/link.txt").is_none(),
                "a link out of the site"
            );
        }
    }

    #[test]
    fn the_overlay_escapes_what_it_shows() {
        let d =
            crate::diagnostic::Diagnostic::error("x", "content/a.md", "<script>alert(1)</script>");
        let html = inject("<html><head></head><body><p>page</p></body></html>", &[d]);
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("/__signpost/reload.js"));
    }
}
