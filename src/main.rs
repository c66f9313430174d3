//! The `signpost` command line.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use signpost::diagnostic::Severity;
use signpost::{build, BuildOptions, BuildReport};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  signpost build                     Build the site in this folder into public/
  signpost build --root site --output /tmp/out
  signpost check                     Check content without writing anything
  signpost check --format json       Diagnostics as JSON, for editors and CI
  signpost new offer night-shelter   Start a new offer from a valid template
  signpost corpus --pages 1000 /tmp/bench-site   Write a synthetic site for benchmarks
  signpost bench                     Build 1k and 10k page corpora and report timings
  signpost bench --pages 10000,100000 --runs 3   The scale run, with growth from 10k
  signpost serve                     Preview at http://127.0.0.1:1111/ while you edit
  signpost import openreferral feed.json   Services and organizations from an Open Referral feed";

#[derive(Parser)]
#[command(name = "signpost", version, about = "Compile a directory of services and guidance into an accessible static site", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically: a failed build changes nothing)
    Build {
        /// The site folder (holding site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: `output` in site.toml, usually public/)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Skip the search index and "related services" (faster; for comparison)
        #[arg(long)]
        no_search: bool,
        /// Print how long each stage of the build took
        #[arg(long)]
        timings: bool,
    },
    /// Preview the site while you edit: rebuilds on save and reloads open pages
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; only this computer can connect unless you change it
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Poll for changes (for network drives and containers where file events are missed)
        #[arg(long)]
        poll: bool,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Search the built index (run `signpost build` first)
    Search {
        /// What to look for, e.g. "NFA leaving prison" or "rent arrears"
        query: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only this kind: offer, partner, step, protocol, guidance, glossary, tier, page, commitment
        #[arg(long)]
        kind: Option<String>,
        /// Only this tier: low, medium or high
        #[arg(long)]
        tier: Option<String>,
        /// Only this region or area, e.g. Kent
        #[arg(long)]
        region: Option<String>,
        /// How many results
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Search the pages of another of the site's languages, by its code (e.g. cy)
        #[arg(long)]
        language: Option<String>,
    },
    /// Check the content and templates without writing anything
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `human` (with the source line and a caret) or `json`
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[arg(long)]
        drafts: bool,
        /// Also print every page's reading level (Flesch–Kincaid grade and reading ease)
        #[arg(long, short)]
        verbose: bool,
    },
    /// Create a new content file from a valid template
    New {
        #[arg(value_enum)]
        kind: signpost::scaffold::NewKind,
        /// File name without extension, e.g. `night-shelter`
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a synthetic site of about N pages in the real content format
    Corpus {
        /// Approximate number of pages
        #[arg(long, default_value_t = 1000)]
        pages: usize,
        /// `hugo` writes the same pages as a Hugo site, for side-by-side benchmarks
        #[arg(long, value_enum, default_value = "signpost")]
        format: signpost::corpus::Format,
        /// Folder to create (must not exist or be empty)
        dir: PathBuf,
    },
    /// Read services and organizations from another system into content files
    Import {
        /// The format of the files: `openreferral` (HSDS 3.0 / Open Referral UK JSON)
        #[arg(value_enum)]
        format: ImportFormat,
        /// JSON files: a Page of services, a list of services, services, organizations
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace content files that exist already
        #[arg(long)]
        force: bool,
    },
    /// Benchmark: build synthetic sites and report median time, pages/s and peak memory
    Bench {
        /// Page counts to benchmark, comma-separated; `1000,10000,100000` adds the scale
        /// run (about 20 minutes on 2 cores with `--runs 3`) and its growth from 10k
        #[arg(long, value_delimiter = ',', default_values_t = vec![1000, 10000])]
        pages: Vec<usize>,
        /// Builds per size (the median is reported)
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ImportFormat {
    Openreferral,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

/// How the program's memory comes from and goes back to the system (measured with
/// `/usr/bin/time` on `signpost corpus` sites, 2 cores):
///
/// - No transparent huge pages. mimalloc asks for them (`MADV_HUGEPAGE`), so each page
///   fault after freed memory went back cost the kernel zeroing 2 MiB: 15 % of a 1k-page
///   build's processor time in a profile (`clear_page_erms` under
///   `do_huge_pmd_anonymous_page`), and most of a 2 MiB page is resident for a few small
///   buffers. Without them: 1k-page builds peak at about 100 MiB instead of 160 and take
///   0.76 s instead of 0.82 s; `serve`'s title edits at 10k pages take 116-126 against
///   129-152 ms of processor time. The cost is at 100k pages, where the large tables miss
///   the processor's address cache more: one direct rebuild each took 160 s of processor
///   time against 153 s (and peaked at 3257 MiB against 3397).
/// - One-off commands give freed memory back after 10 ms (`purge_delay`) instead of
///   mimalloc's second: a build frees and allocates in waves, and with the second a
///   1k-page build kept about 245 MiB resident for 60 MiB live. 10 ms rather than 0 keeps
///   the buffers one page frees for the next: 1k builds 0.76 against 0.83 s (median of 6,
///   interleaved), 10k 7.6 against 8.5 s, for 5 MiB more at 1k and about 25 MiB at 10k.
///   `serve` keeps the second: it allocates in the same waves for every edit, and a profile
///   of title edits spent a quarter of its time faulting returned pages back in.
#[cfg_attr(not(feature = "mimalloc"), allow(unused_variables))]
fn tune_allocator(one_off: bool) {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag on this process; the extra arguments
    // must be zero. On failure (an old kernel) huge pages stay allowed, which is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    #[cfg(feature = "mimalloc")]
    if one_off {
        // `mi_option_purge_delay` in mimalloc v3's `mi_option_e` (libmimalloc-sys does not
        // name it); it is read at each purge, so setting it here takes effect.
        const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
        // SAFETY: setting an option is a plain store into mimalloc's option table.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Output piped into a program that stops reading (`signpost search … | head`) ends
    // the program quietly, as other command-line tools do, instead of panicking. Not for
    // the preview server, whose connections may close at any time.
    #[cfg(unix)]
    if !matches!(cli.command, Command::Serve { .. }) {
        // SAFETY: setting a signal's disposition to its default before any thread starts.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    tune_allocator(!matches!(cli.command, Command::Serve { .. }));
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            no_search,
            timings,
        } => {
            let report = build(&BuildOptions {
                root,
                output,
                drafts,
                write: true,
                search: !no_search,
                index_dir: None,
            });
            print_human(&report);
            if let Some(e) = &report.output_error {
                eprintln!("error: {e}");
            }
            if !report.has_errors() {
                let out = report
                    .output
                    .as_ref()
                    .map_or(String::new(), |p| format!(" into {}", p.display()));
                eprintln!(
                    "Built {} pages ({} files) in {} ms{out}",
                    report.pages,
                    report.files,
                    report.elapsed.as_millis()
                );
            }
            if timings {
                eprintln!("    wall  processor  stage");
                for s in &report.stages {
                    eprintln!(
                        "{:>6} ms {:>7} ms  {}",
                        s.wall.as_millis(),
                        s.cpu.as_millis(),
                        s.name
                    );
                }
            }
            exit_code(&report)
        }
        Command::Check {
            root,
            format,
            drafts,
            verbose,
        } => {
            let report = build(&BuildOptions {
                root,
                output: None,
                drafts,
                write: false,
                search: true,
                index_dir: None,
            });
            match format {
                Format::Human => {
                    if verbose {
                        print_readability(&report);
                    }
                    print_human(&report);
                    for coverage in &report.translations {
                        eprintln!("{coverage}");
                    }
                    if !report.has_errors() {
                        eprintln!(
                            "Checked {} pages in {} ms: no errors",
                            report.pages,
                            report.elapsed.as_millis()
                        );
                    }
                }
                Format::Json => {
                    let json = serde_json::json!({
                        "errors": report.diagnostics.iter().filter(|d| d.severity == Severity::Error).count(),
                        "warnings": report.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count(),
                        "pages": report.pages,
                        "diagnostics": report.diagnostics,
                        "readability": report.readability,
                        "translations": report.translations,
                    });
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&json).unwrap_or_default()
                    );
                }
            }
            exit_code(&report)
        }
        Command::Serve {
            root,
            port,
            bind,
            poll,
            open,
        } => {
            if open {
                let url = format!("http://{bind}:{port}/");
                let _ = std::process::Command::new("xdg-open").arg(url).spawn();
            }
            match signpost::serve::run(signpost::serve::ServeOptions {
                root,
                bind,
                port,
                poll,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Search {
            query,
            root,
            kind,
            tier,
            region,
            limit,
            json,
            language,
        } => {
            let filters = signpost::search::query::Filters { kind, tier, region };
            let language = language.as_deref();
            match signpost::search::cli::run(&root, &query, &filters, limit, json, language) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::New { kind, slug, root } => match signpost::scaffold::create(&root, kind, &slug) {
            Ok(path) => {
                eprintln!("Created {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Corpus { pages, format, dir } => {
            match signpost::corpus::write(&dir, pages, format) {
                Ok(n) => {
                    eprintln!(
                        "Wrote a synthetic site of {n} content files to {}",
                        dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Import {
            format: ImportFormat::Openreferral,
            files,
            root,
            force,
        } => {
            let today = signpost::validate::today();
            match signpost::openreferral::import::import(&root, &files, force, today) {
                Ok(report) => {
                    for rel in &report.written {
                        println!("wrote {rel}");
                    }
                    for (rel, missing) in &report.drafts {
                        println!("{rel} is a draft until it has:");
                        for m in missing {
                            println!("  - {m}");
                        }
                    }
                    if !report.unplaced.is_empty() {
                        println!("Fields with no home in Signpost (not imported):");
                        for u in &report.unplaced {
                            println!("  {u}");
                        }
                    }
                    eprintln!(
                        "Imported {} files into {}; run `signpost check` to see them",
                        report.written.len(),
                        root.join("content").display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    eprintln!("Nothing was written.");
                    ExitCode::from(1)
                }
            }
        }
        Command::Bench { pages, runs } => match signpost::bench::bench(&pages, runs.max(1)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn print_human(report: &BuildReport) {
    for d in &report.diagnostics {
        eprint!("{}", d.render());
        eprintln!();
    }
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 || warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}

fn print_readability(report: &BuildReport) {
    if !report.translations.is_empty() {
        // The formulas count English syllables and sentences: scoring Welsh with them
        // would give numbers that mean nothing.
        println!(
            "Reading levels are for pages in the site's first language only: translations are not scored."
        );
    }
    println!(
        "{:>6} {:>6} {:>6}  {:<13} page",
        "grade", "ease", "words", "audience"
    );
    for s in &report.readability {
        let flag = match s.limit {
            Some(l) if s.grade > l => format!("  over the limit of {l:.1}"),
            Some(l) => format!("  (limit {l:.1})"),
            None => String::new(),
        };
        println!(
            "{:>6.1} {:>6.1} {:>6}  {:<13} {}{flag}",
            s.grade, s.ease, s.words, s.audience, s.file
        );
    }
    println!();
}

fn exit_code(report: &BuildReport) -> ExitCode {
    if report.is_usage_or_io_error() {
        ExitCode::from(2)
    } else if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
