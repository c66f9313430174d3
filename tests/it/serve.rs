//! The preview server over a temporary copy of the fixture site: pages, safety, live
//! reload, the error overlay and recovery.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `signpost serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) addr: String,
}

impl Drop for Server {
    /// Asks the server to stop, as a process manager would, so that it deletes its
    /// temporary builds; kills it if it has not stopped within five seconds.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn serve(root: &std::path::Path) -> Server {
    serve_with_temp(root, &std::env::temp_dir())
}

/// `serve`, keeping its builds under `temp`.
fn serve_with_temp(root: &std::path::Path, temp: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .env("SIGNPOST_TODAY", "2026-11-20")
        .env("TMPDIR", temp)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr }
}

/// A raw HTTP/1.1 GET, so the test sends exactly the path given (no client normalising it).
pub(crate) fn get(addr: &str, path: &str) -> (u16, String, String) {
    get_with(addr, path, "")
}

/// The same, with extra request header lines (each ending in `\r\n`).
fn get_with(addr: &str, path: &str, headers: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

/// Waits (up to 15 s) until `check` holds for the page at `path`.
pub(crate) fn eventually(addr: &str, path: &str, check: impl Fn(u16, &str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (status, _, body) = get(addr, path);
        if check(status, &body) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out on {path}: {status} {body:.400}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_the_site_safely() {
    let site = common::fixture(None);
    let server = serve(site.path());
    let (status, head, body) = get(&server.addr, "/");
    assert_eq!(status, 200);
    assert!(
        body.contains("/__signpost/reload.js"),
        "live reload script injected"
    );
    for h in [
        "content-security-policy: default-src 'self'",
        "x-content-type-options: nosniff",
        "referrer-policy: no-referrer",
    ] {
        assert!(head.contains(h), "{h} missing in {head}");
    }
    std::fs::write(site.path().join("secret.txt"), "secret").unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/offers/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/%2fetc%2fpasswd",
        "/site.toml",
        "/content/index.md",
    ] {
        let (status, _, body) = get(&server.addr, path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(
            !body.contains("secret") || body.contains("Page not found"),
            "{path} leaked"
        );
    }
    let (status, head, _) = get(&server.addr, "/offers");
    assert_eq!(status, 301);
    assert!(head.contains("location: /offers/"));
    let (status, head, _) = get(&server.addr, "/static/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"));
    assert!(head.contains("last-modified: "), "{head}");

    // Unchanged files are not sent again, and text is compressed for clients that ask.
    let etag = head
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .expect("an etag")
        .to_string();
    let (status, _, body) = get_with(
        &server.addr,
        "/static/style.css",
        &format!("If-None-Match: {etag}\r\n"),
    );
    assert_eq!(status, 304);
    assert!(body.is_empty());
    let (status, head, _) = get_with(&server.addr, "/", "Accept-Encoding: gzip\r\n");
    assert_eq!(status, 200);
    assert!(head.contains("content-encoding: gzip"), "{head}");
}

/// Waits for the next reload event; `false` if none comes.
fn next_event(events: &mut BufReader<TcpStream>) -> bool {
    next_reload(events).is_some()
}

/// The next reload event's data: `{"build": n, "pages": [urls] or null for every page}`.
fn next_reload(events: &mut BufReader<TcpStream>) -> Option<serde_json::Value> {
    let mut line = String::new();
    while events.read_line(&mut line).unwrap_or(0) > 0 {
        if let Some(data) = line.strip_prefix("data:") {
            return serde_json::from_str(data.trim()).ok();
        }
        line.clear();
    }
    None
}

#[test]
fn edits_reload_errors_overlay_and_fixes_recover() {
    let site = common::fixture(None);
    let server = serve(site.path());
    // Listen for reload events before editing.
    let mut events = TcpStream::connect(&server.addr).unwrap();
    write!(events, "GET /__signpost/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let mut events = BufReader::new(events);

    let page = site.path().join("content/guidance/get-help.md");
    let original = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        original.replace(
            "Ask your probation practitioner.",
            "Ask your practitioner today.",
        ),
    )
    .unwrap();
    assert!(
        next_event(&mut events),
        "a reload event arrives after an edit"
    );
    // By the time pages are told to reload, the page is the edited one.
    let (status, _, body) = get(&server.addr, "/guidance/get-help/");
    assert!(status == 200 && body.contains("Ask your practitioner today."));

    // A service's new title: its page is announced first, then each list as it is
    // written. No page is announced before it shows the edit, and only changed pages are.
    let offer = site.path().join("content/offers/low-support.md");
    let text = std::fs::read_to_string(&offer).unwrap();
    std::fs::write(
        &offer,
        text.replace("title: Accommodation support", "title: Housing help"),
    )
    .unwrap();
    let mut waiting: Vec<&str> = vec![
        "/offers/low-support/",
        "/offers/",
        "/tiers/low/",
        "/partners/support-provider/",
        "/browse/a-z/",
    ];
    let mut first = true;
    while !waiting.is_empty() {
        let event = next_reload(&mut events).expect("a reload event for each list");
        let pages: Vec<&str> = event["pages"]
            .as_array()
            .expect("an edit names the pages it changed")
            .iter()
            .filter_map(|p| p.as_str())
            .collect();
        if first {
            assert_eq!(
                pages,
                ["/offers/low-support/"],
                "the edited page comes first"
            );
            first = false;
        }
        assert!(!pages.contains(&"/guidance/get-help/"), "{pages:?}");
        for path in &pages {
            if let Some(i) = waiting.iter().position(|w| w == path) {
                let (_, _, body) = get(&server.addr, path);
                assert!(
                    body.contains("Housing help (low complexity)"),
                    "{path} is stale"
                );
                waiting.remove(i);
            }
        }
    }

    // A broken file: the overlay names it, and the last good page is still served.
    std::fs::write(
        &page,
        original.replace("audience: participant", "audience: meduim"),
    )
    .unwrap();
    let body = eventually(&server.addr, "/guidance/get-help/", |_, b| {
        b.contains("did not build")
    });
    assert!(
        body.contains("content/guidance/get-help.md:3:11"),
        "{body:.2000}"
    );
    assert!(
        body.contains("Ask your practitioner today."),
        "last good version still shown"
    );

    // Fixed: the overlay goes away by itself.
    std::fs::write(&page, &original).unwrap();
    eventually(&server.addr, "/guidance/get-help/", |s, b| {
        s == 200 && !b.contains("did not build") && b.contains("Ask your probation practitioner.")
    });

    // A new file that is broken, then deleted: the fix writes no page, and the overlay
    // still goes (it stayed on every page until the next edit; found by load.mjs).
    let stray = site.path().join("content/guidance/broken-new.md");
    std::fs::write(
        &stray,
        "---\ntitle: Broken\naudience: meduim\nsummary: x\n---\n",
    )
    .unwrap();
    eventually(&server.addr, "/guidance/get-help/", |_, b| {
        b.contains("did not build") && b.contains("broken-new.md")
    });
    std::fs::remove_file(&stray).unwrap();
    eventually(&server.addr, "/guidance/get-help/", |s, b| {
        s == 200 && !b.contains("did not build")
    });
}

#[test]
fn a_broken_first_build_still_serves_the_error_and_recovers() {
    let site = common::fixture(Some("unknown-partner"));
    let server = serve(site.path());
    let body = eventually(&server.addr, "/", |s, _| s == 503);
    assert!(body.contains("content/offers/bad.md:4:11"), "{body:.2000}");
    std::fs::remove_file(site.path().join("content/offers/bad.md")).unwrap();
    eventually(&server.addr, "/", |s, b| {
        s == 200 && !b.contains("did not build")
    });
}

#[test]
fn server_side_search_answers_without_javascript() {
    let site = common::fixture(None);
    let server = serve(site.path());
    let (status, head, body) = get(&server.addr, "/api/search?q=NFA");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("content-type: application/json"));
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let urls = common::hit_urls(&json);
    assert!(urls.contains(&"/glossary/#term-no-fixed-abode"), "{urls:?}");

    let (status, _, body) = get(&server.addr, "/search?q=homeless&kind=glossary");
    assert_eq!(status, 200);
    assert!(
        body.contains("/glossary/#term-no-fixed-abode"),
        "{body:.2000}"
    );
    assert!(
        !body.contains("/offers/low-support/"),
        "the kind filter applies"
    );
    // Rendered with the theme's search.html inside its base layout: the site's navigation
    // and the result list's markup, the query kept in the form.
    assert!(body.contains("<a href=\"/tiers/\""), "{body:.2000}");
    assert!(body.contains("class=\"search-result\""), "{body:.2000}");
    assert!(body.contains("value=\"homeless\""), "{body:.2000}");
    // The line above the results, from the theme's words with the query in them.
    assert!(
        body.contains(" results for “homeless”.</p>")
            || body.contains(" result for “homeless”.</p>"),
        "{body}"
    );

    let (_, _, body) = get(
        &server.addr,
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    );
    assert!(!body.contains("<script>alert"), "the query is escaped");
    assert!(body.contains("&lt;script&gt;"));
    assert!(
        body.contains(" for “&lt;script&gt;alert(1)&lt;/script&gt;”"),
        "the query is escaped in the theme's words too: {body}"
    );

    // Without a query, the site's own (Pagefind) search page.
    let (status, _, body) = get(&server.addr, "/search/");
    assert_eq!(status, 200);
    assert!(body.contains("/static/search.js"));
}

#[cfg(unix)]
/// A server killed with `kill -9` cannot delete its builds; the next one started with the
/// same temporary folder does, and keeps those of a server still running.
#[test]
fn a_new_server_deletes_the_builds_a_killed_one_left() {
    let site = common::fixture(None);
    let temp = tempfile::tempdir().unwrap();
    let mut killed = serve_with_temp(site.path(), temp.path());
    assert_eq!(get(&killed.addr, "/").0, 200);
    killed.child.kill().unwrap();
    killed.child.wait().unwrap();
    let left: Vec<_> = std::fs::read_dir(temp.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "{left:?}");
    let running = serve_with_temp(site.path(), temp.path());
    let mut now: Vec<String> = std::fs::read_dir(temp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    now.sort();
    assert_eq!(now.len(), 1, "only the running server's builds: {now:?}");
    assert!(now[0].starts_with(&format!("signpost-serve-{}-", running.child.id())));
}

#[test]
fn stopping_deletes_the_temporary_builds() {
    let site = common::fixture(None);
    let temp = tempfile::tempdir().unwrap();
    let mut server = serve_with_temp(site.path(), temp.path());
    assert_eq!(get(&server.addr, "/").0, 200);
    assert!(std::fs::read_dir(temp.path()).unwrap().count() > 0);
    // What a process manager sends; Ctrl-C takes the same path.
    Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let left: Vec<_> = std::fs::read_dir(temp.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
