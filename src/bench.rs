//! `signpost bench`: builds synthetic sites in child processes and reports medians, peak
//! memory, search index sizes, tantivy query latency and Pagefind's first-query bytes.

use crate::corpus::{self, Words};
use crate::search::query::{Filters, SearchIndex};
use std::ffi::OsStr;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One child process: wall time and its own peak memory.
struct Run {
    wall: Duration,
    max_rss_kib: i64,
}

fn run_child(exe: &Path, args: &[&OsStr]) -> io::Result<Run> {
    let start = Instant::now();
    let child = Command::new(exe)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value for wait4 to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child; reaps it and fills `usage` with its peak memory.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let out = Command::new(exe).args(args).output()?;
        return Err(io::Error::other(format!(
            "`signpost {}` failed:\n{}",
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(Run {
        wall,
        max_rss_kib: usage.ru_maxrss,
    })
}

/// Two untimed warm-ups (so every timed build replaces an output it wrote before, as an
/// editor's rebuild does, and the files are in the page cache), then `runs` timed runs:
/// (median wall, peak memory of any run).
fn measure(exe: &Path, args: &[&OsStr], runs: usize) -> io::Result<(Duration, f64)> {
    run_child(exe, args)?;
    run_child(exe, args)?;
    let mut walls = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let r = run_child(exe, args)?;
        walls.push(r.wall);
        peak = peak.max(r.max_rss_kib);
    }
    walls.sort();
    Ok((walls[walls.len() / 2], peak as f64 / 1024.0))
}

fn dir_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / 1024.0 / 1024.0)
}

/// p50 and p99 of tantivy queries against the built index, in milliseconds.
fn latency(index_dir: &Path) -> io::Result<(f64, f64)> {
    let index = SearchIndex::open(index_dir).map_err(io::Error::other)?;
    let mut words = Words::new(7);
    let queries: Vec<String> = (0..220).map(|_| words.query()).collect();
    let mut times = Vec::new();
    for (i, q) in queries.iter().enumerate() {
        let start = Instant::now();
        index
            .search(q, &Filters::default(), 10)
            .map_err(io::Error::other)?;
        if i >= 20 {
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    Ok((at(0.50), at(0.99)))
}

/// Bytes Pagefind fetches for a first query, measured by a Node script when Node is here.
fn first_query_bytes(public: &Path, query: &str) -> Option<String> {
    let script = Path::new("tests/browser/pagefind-bytes.mjs");
    if !script.is_file() {
        return None;
    }
    let out = Command::new("node")
        .arg(script)
        .arg(public)
        .arg(query)
        .output()
        .ok()?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(format!("{:.0} kB", json["bytes"].as_f64()? / 1000.0))
}

/// One size's builds, for the growth from one size to the next.
struct Sized {
    pages: usize,
    plain: (Duration, f64),
    full: (Duration, f64),
}

/// How time and memory grow from each size to the next: linear growth matches the ratio
/// of pages.
fn growth_rows(sizes: &[Sized]) -> Vec<String> {
    let ratio = |a: f64, b: f64| format!("×{:.1}", b / a.max(f64::MIN_POSITIVE));
    sizes
        .windows(2)
        .map(|w| {
            let (a, b) = (&w[0], &w[1]);
            format!(
                "| {} → {} | {} | {} | {} | {} | {} |",
                a.pages,
                b.pages,
                ratio(a.pages as f64, b.pages as f64),
                ratio(a.plain.0.as_secs_f64(), b.plain.0.as_secs_f64()),
                ratio(a.plain.1, b.plain.1),
                ratio(a.full.0.as_secs_f64(), b.full.0.as_secs_f64()),
                ratio(a.full.1, b.full.1),
            )
        })
        .collect()
}

pub fn bench(sizes: &[usize], runs: usize) -> io::Result<()> {
    let exe = std::env::current_exe()?;
    let mut measured = Vec::new();
    let mut build_rows = Vec::new();
    let mut search_rows = Vec::new();
    for &size in sizes {
        let dir = tempfile::tempdir()?;
        let site = dir.path().join("site");
        corpus::write(&site, size, corpus::Format::Signpost)?;
        // Flush the corpus to disk so its writeback is not billed to the builds.
        // SAFETY: sync takes no arguments and cannot fail.
        unsafe { libc::sync() };
        let root: &OsStr = site.as_os_str();
        let plain = measure(
            &exe,
            &[
                "build".as_ref(),
                "--no-search".as_ref(),
                "--root".as_ref(),
                root,
            ],
            runs,
        )?;
        let check = measure(&exe, &["check".as_ref(), "--root".as_ref(), root], runs)?;
        let full = measure(&exe, &["build".as_ref(), "--root".as_ref(), root], runs)?;
        let public = site.join("public");
        let pages = walkdir::WalkDir::new(&public)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count();
        build_rows.push(format!(
            "| {pages} | {} | {:.0} | {:.0} MiB | {} | {} | {:.0} MiB |",
            ms(plain.0),
            pages as f64 / plain.0.as_secs_f64(),
            plain.1,
            ms(check.0),
            ms(full.0),
            full.1
        ));
        measured.push(Sized { pages, plain, full });
        let tantivy = dir_bytes(&crate::search_index_dir(&site));
        let bundle = dir_bytes(&public.join(crate::search::pagefind::BUNDLE_DIR));
        let per_k = |b: u64| mib(b * 1000 / pages.max(1) as u64);
        let (p50, p99) = latency(&crate::search_index_dir(&site))?;
        let bytes: Vec<String> = ["rent arrears", "probation support tenancy", "housing"]
            .iter()
            .map(|q| {
                first_query_bytes(&public, q)
                    .map_or("n/a (needs node)".into(), |b| format!("{b} (\"{q}\")"))
            })
            .collect();
        search_rows.push(format!(
            "| {pages} | {} ({} per 1k pages) | {} ({} per 1k pages) | {p50:.2} ms | {p99:.2} ms | {} |",
            mib(tantivy),
            per_k(tantivy),
            mib(bundle),
            per_k(bundle),
            bytes.join(", ")
        ));
    }
    println!("Build ({runs} timed runs after two warm-ups; medians; peak = largest resident set of one run)\n");
    println!("| pages | build, no search | pages/s | peak | check (no writing) | build with search | peak |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for r in &build_rows {
        println!("{r}");
    }
    if measured.len() > 1 {
        println!(
            "\nGrowth from one size to the next (linear: time and memory grow as the pages do)\n"
        );
        println!("| from → to | pages | no search: time | peak | with search: time | peak |");
        println!("|---|---:|---:|---:|---:|---:|");
        for r in growth_rows(&measured) {
            println!("{r}");
        }
    }
    println!("\nSearch (tantivy: 200 queries of 1-3 words after 20 warm-up; Pagefind: bytes a browser fetches for its first query, library included)\n");
    println!("| pages | tantivy index | Pagefind bundle | tantivy p50 | tantivy p99 | first Pagefind query |");
    println!("|---:|---:|---:|---:|---:|---|");
    for r in &search_rows {
        println!("{r}");
    }
    Ok(())
}
