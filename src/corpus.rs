//! Synthetic sites for benchmarks: `signpost corpus` writes one, `signpost bench` builds
//! several sizes in child processes and reports median wall time, pages/s and peak memory.
//!
//! The corpus uses the real content format (offers, partners, guidance, protocols,
//! glossary) so the benchmark exercises every stage of a real build.

use std::fmt::Write as _;
use std::io;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "housing",
    "support",
    "tenancy",
    "release",
    "referral",
    "probation",
    "council",
    "advice",
    "benefits",
    "rent",
    "arrears",
    "landlord",
    "hostel",
    "assessment",
    "plan",
    "deposit",
    "budget",
    "mentor",
    "licence",
    "prison",
    "accommodation",
    "outreach",
    "family",
    "health",
    "debt",
    "appointment",
    "review",
    "safety",
    "options",
    "application",
];
const REGIONS: &[&str] = &[
    "Kent",
    "Surrey",
    "Sussex",
    "London",
    "Essex",
    "Wales",
    "Yorkshire",
    "Devon",
];
const KINDS: &[&str] = &[
    "housing_provider",
    "support_provider",
    "voluntary_sector",
    "local_housing_authority",
];

/// Deterministic pseudo-random words so two corpora of one size are identical.
struct Words(u64);

impl Words {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.next() % WORDS.len()]
    }
    fn sentence(&mut self, n: usize) -> String {
        let mut s: Vec<&str> = (0..n).map(|_| self.word()).collect();
        let first = s[0];
        let cap = format!("{}{}", &first[..1].to_uppercase(), &first[1..]);
        s[0] = &cap;
        format!("{}.", s.join(" "))
    }
}

fn write_file(dir: &Path, rel: &str, text: &str) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text)
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// Writes a site of about `pages` pages into `dir`; returns the number of content files.
pub fn write(dir: &Path, pages: usize) -> io::Result<usize> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::other(format!("{} is not empty", dir.display())));
    }
    let theme = Path::new("themes/default");
    if !theme.is_dir() {
        return Err(io::Error::other(
            "run this from the Signpost folder: themes/default is needed",
        ));
    }
    copy_dir(theme, &dir.join("themes/default"))?;
    write_file(
        dir,
        "site.toml",
        "title = \"Synthetic directory\"\nbase_url = \"https://bench.example.org\"\n",
    )?;
    let mut w = Words(42);
    let mut files = 0;
    let reviewed = "reviewed: 2026-11-01\nreview_by: 2027-05-01\n";
    for (tier, sessions, weeks) in [("low", 4, 3), ("medium", 6, 4), ("high", 10, 5)] {
        let text = format!(
            "---\ntier: {tier}\ntitle: {tier} complexity\nsummary: {}\nwho_for: {}\nsessions: {sessions}\nweeks: {weeks}\ninterventions:\n  - {{ letter: a, text: {} }}\n---\n{}\n",
            w.sentence(8), w.sentence(12), w.sentence(6), w.sentence(40)
        );
        write_file(dir, &format!("content/tiers/{tier}.md"), &text)?;
        files += 3;
    }
    // Roughly 2 offers and 1 guidance page per partner.
    let partners = (pages / 4).max(1);
    let offers = pages / 2;
    let guidance = pages.saturating_sub(partners + offers).max(1);
    for i in 0..partners {
        let kind = KINDS[i % KINDS.len()];
        let text = format!(
            "---\nname: Partner {i} {}\nkind: {kind}\nrole: {}\nareas: [{}]\ncontacts:\n  - role: Referrals team\n    phone: \"0300 000 {:04}\"\n    notes: {}\nverified: 2026-11-01\n{reviewed}---\n## What they do\n\n{}\n\n## At each stage\n\n{}\n",
            w.word(), w.sentence(14), REGIONS[i % REGIONS.len()], i % 10000, w.sentence(8), w.sentence(60), w.sentence(50)
        );
        write_file(dir, &format!("content/partners/partner-{i}.md"), &text)?;
        files += 1;
    }
    for i in 0..offers {
        let tier = ["low", "medium", "high"][i % 3];
        let mut body = String::new();
        for h in 0..3 {
            let _ = write!(
                body,
                "## Part {h}\n\n{}\n\n- {}\n- {}\n\n",
                w.sentence(60),
                w.sentence(6),
                w.sentence(6)
            );
        }
        let _ = writeln!(
            body,
            "See [the provider](../partners/partner-{}.md).",
            i % partners
        );
        let text = format!(
            "---\ntitle: Offer {i} {}\ntier: {tier}\nprovider: partner-{}\nregions: [{}, {}]\neligibility:\n  cohorts: [Adults on licence]\nsummary: {}\nsupport: [{}, {}]\nhow_to_refer: {}\nowner: Bench team\nsessions: 4\nweeks: 3\n{reviewed}---\n{body}",
            w.word(), i % partners, REGIONS[i % REGIONS.len()], REGIONS[(i + 3) % REGIONS.len()],
            w.sentence(16), w.word(), w.word(), w.sentence(10)
        );
        write_file(dir, &format!("content/offers/offer-{i}.md"), &text)?;
        files += 1;
    }
    for i in 0..guidance {
        let audience = ["participant", "practitioner", "editor"][i % 3];
        let mut body = String::new();
        for h in 0..4 {
            let _ = write!(
                body,
                "## Section {h}\n\n{}\n\n{}\n\n",
                w.sentence(50),
                w.sentence(40)
            );
        }
        let _ = writeln!(
            body,
            "| Step | When |\n|---|---|\n| {} | {} |",
            w.word(),
            w.word()
        );
        let text = format!(
            "---\ntitle: Guidance {i} {}\naudience: {audience}\nsummary: {}\n{reviewed}---\n{body}",
            w.word(),
            w.sentence(12)
        );
        write_file(dir, &format!("content/guidance/guide-{i}.md"), &text)?;
        files += 1;
    }
    let mut proto = String::from("title: Synthetic protocol\nsummary: Steps.\nstages:\n");
    for s in 0..5 {
        let _ = write!(
            proto,
            "  - id: stage-{s}\n    title: Stage {s}\n    steps:\n"
        );
        for t in 0..5 {
            let _ = write!(
                proto,
                "      - id: s{s}-t{t}\n        title: {}\n        lead: [Probation practitioner]\n        partners: [partner-{}]\n        timing: {{ anchor: release, relation: before, min: {}, unit: days }}\n        actions: [{}]\n",
                w.sentence(4), (s * 5 + t) % partners, 28 - t, w.sentence(6)
            );
        }
    }
    write_file(dir, "content/protocols/synthetic.yaml", &proto)?;
    let mut glossary = String::from("terms:\n");
    for (i, word) in WORDS.iter().enumerate() {
        let _ = writeln!(
            glossary,
            "  - term: {word} {i}\n    abbreviations: [W{i}]\n    definition: {}",
            w.sentence(12)
        );
    }
    write_file(dir, "content/glossary.yaml", &glossary)?;
    Ok(files + 2)
}

fn peak_child_rss_kib() -> i64 {
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) == 0 {
            usage.ru_maxrss
        } else {
            0
        }
    }
}

/// Runs `signpost COMMAND --root SITE` once untimed, then `runs` times; returns the sorted
/// wall times.
fn time_command(exe: &Path, command: &str, site: &Path, runs: usize) -> io::Result<Vec<Duration>> {
    let mut times = Vec::new();
    for run in 0..=runs {
        let start = Instant::now();
        let out = Command::new(exe)
            .arg(command)
            .arg("--root")
            .arg(site)
            .output()?;
        let elapsed = start.elapsed();
        if !out.status.success() {
            return Err(io::Error::other(format!(
                "`signpost {command}` on the corpus failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        // The first run is a warm-up, so every timed build replaces an existing output
        // folder as an editor's rebuild does.
        if run > 0 {
            times.push(elapsed);
        }
    }
    times.sort();
    Ok(times)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// Builds a synthetic site of each size `runs` times in a child process, and checks it
/// (everything rendered, nothing written) as often, to separate our work from the disk's.
pub fn bench(sizes: &[usize], runs: usize) -> io::Result<()> {
    let exe = std::env::current_exe()?;
    println!("| pages | build: median | build: p90 | pages/s | check (no writing): median | peak memory |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for &size in sizes {
        let dir = tempfile::tempdir()?;
        let site = dir.path().join("site");
        write(&site, size)?;
        // Flush the corpus to disk so its writeback is not billed to the builds.
        // SAFETY: sync takes no arguments and cannot fail.
        unsafe { libc::sync() };
        let builds = time_command(&exe, "build", &site, runs)?;
        let checks = time_command(&exe, "check", &site, runs)?;
        let pages = walkdir::WalkDir::new(site.join("public"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count();
        let median = builds[builds.len() / 2];
        let p90 = builds[(builds.len() * 9 / 10).min(builds.len() - 1)];
        println!(
            "| {pages} | {} | {} | {:.0} | {} | {:.0} MiB |",
            ms(median),
            ms(p90),
            pages as f64 / median.as_secs_f64(),
            ms(checks[checks.len() / 2]),
            peak_child_rss_kib() as f64 / 1024.0
        );
    }
    println!("\n{runs} timed runs of each after one warm-up. Peak memory: the largest resident set of any child so far (getrusage).");
    Ok(())
}
