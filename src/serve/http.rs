//! The preview server's responses: files of the last good build (never anything outside
//! it), with its security headers and, on HTML pages, the live-reload script and the error
//! overlay.

use super::Shared;
use crate::html::escape;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Pagefind needs WebAssembly and a blob worker; nothing else comes from anywhere but here.
const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
frame-ancestors 'none'; form-action 'self'";

pub(super) fn with_headers(mut response: Response) -> Response {
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

/// The file a request path names inside `site`, or `None` if it would leave the site. Only
/// plain names are allowed: no `..`, no backslashes, no drive or root components.
pub(crate) fn resolve(site: &Path, request_path: &str) -> Option<PathBuf> {
    // `%xx` decoding; text that is not UTF-8 names no file. A malformed escape stays as
    // it is, and so names a file that is not there.
    let decoded = percent_encoding::percent_decode_str(request_path)
        .decode_utf8()
        .ok()?;
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

pub(super) fn inject(html: &str, errors: &[crate::diagnostic::Diagnostic]) -> String {
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

/// A validator for a response body: changes whenever the bytes do.
fn etag(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("\"{:016x}-{}\"", h.finish(), bytes.len())
}

fn http_date(time: std::time::SystemTime) -> Option<String> {
    let ts = jiff::Timestamp::try_from(time).ok()?;
    Some(ts.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string())
}

pub(super) async fn file(
    State(shared): State<Arc<Shared>>,
    headers: axum::http::HeaderMap,
    uri: Uri,
) -> Response {
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
            let body: Vec<u8> = if kind.starts_with("text/html") {
                inject(&String::from_utf8_lossy(&bytes), &errors).into_bytes()
            } else {
                bytes
            };
            let tag = etag(&body);
            if headers
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.split(',').any(|t| t.trim() == tag))
            {
                return with_headers(
                    (StatusCode::NOT_MODIFIED, [(header::ETAG, tag)]).into_response(),
                );
            }
            let mut response =
                with_headers(([(header::CONTENT_TYPE, kind)], Body::from(body)).into_response());
            if let Ok(v) = HeaderValue::from_str(&tag) {
                response.headers_mut().insert(header::ETAG, v);
            }
            let modified = tokio::fs::metadata(&file)
                .await
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(http_date);
            if let Some(v) = modified.and_then(|d| HeaderValue::from_str(&d).ok()) {
                response.headers_mut().insert(header::LAST_MODIFIED, v);
            }
            response
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
        std::fs::write(site.join("café.txt"), "coffee").unwrap();
        assert!(resolve(&site, "/caf%C3%A9.txt").is_some_and(|p| p.ends_with("café.txt")));
        assert!(resolve(&site, "/caf%E9.txt").is_none(), "not UTF-8");
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
        let d = crate::diagnostic::Diagnostic::new(
            crate::diagnostic::Code::Template,
            "content/a.md",
            "<script>alert(1)</script>",
        );
        let html = inject("<html><head></head><body><p>page</p></body></html>", &[d]);
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("/__signpost/reload.js"));
    }
}
