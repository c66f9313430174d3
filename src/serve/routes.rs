//! The preview server's routes: the site's files, search, and the live-reload script,
//! stylesheet and event stream.

use super::http::with_headers;
use super::Shared;
use axum::extract::State;
use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use std::sync::Arc;

/// Reloads the page when the server says it changed (or when every page did).
const RELOAD_JS: &str = "new EventSource('/__signpost/events').onmessage = (e) => {\n\
  let m = {};\n\
  try { m = JSON.parse(e.data); } catch (_) {}\n\
  const here = location.pathname.replace(/index\\.html$/, '');\n\
  if (!Array.isArray(m.pages) || m.pages.includes(here)) location.reload();\n\
};\n";

const OVERLAY_CSS: &str = ".signpost-overlay{position:relative;z-index:1000;margin:0;padding:1rem;\
background:#fff;color:#0b0c0c;border:4px solid #d4351c;font:1rem/1.4 system-ui,sans-serif}\
.signpost-overlay h2{margin:0 0 .5rem;font-size:1.25rem}.signpost-overlay pre{white-space:pre-wrap;\
overflow-wrap:anywhere;font:.9rem/1.4 ui-monospace,monospace;margin:.5rem 0 0}\n";

pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__signpost/events", get(events))
        .route("/api/search", get(super::search::api_search))
        .route("/search", get(super::search::search_page))
        .route(
            "/__signpost/reload.js",
            get(|| async { asset("text/javascript; charset=utf-8", RELOAD_JS) }),
        )
        .route(
            "/__signpost/overlay.css",
            get(|| async { asset("text/css; charset=utf-8", OVERLAY_CSS) }),
        )
        .fallback(get(super::openreferral::api_or_file))
        .with_state(shared)
        .layer(tower_http::compression::CompressionLayer::new())
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
                Ok(r) => {
                    let data = serde_json::json!({"build": r.build, "pages": r.pages.as_deref()});
                    return Some((Ok(Event::default().data(data.to_string())), rx));
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
