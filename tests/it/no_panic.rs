//! Whatever bytes an editor saves, checking the site reports diagnostics and never panics.

use crate::common;

use proptest::prelude::*;
use signpost::{build, BuildOptions};

/// Every located diagnostic shows its line, and its column lies within that line.
fn well_placed(report: &signpost::BuildReport) -> Result<(), String> {
    for d in &report.diagnostics {
        if d.line == 0 {
            continue;
        }
        let Some(line) = &d.source_line else {
            return Err(format!(
                "no source line for {}:{}: {}",
                d.file, d.line, d.message
            ));
        };
        if d.column == 0 || d.column > line.chars().count() + 1 {
            return Err(format!(
                "column {} outside {:?} ({}: {})",
                d.column, line, d.file, d.message
            ));
        }
    }
    Ok(())
}

fn check(site: &std::path::Path) -> signpost::BuildReport {
    build(&BuildOptions {
        root: site.to_path_buf(),
        output: None,
        drafts: false,
        write: false,
        search: true,
        index_dir: None,
    })
}

proptest! {
    // A fixed seed keeps CI repeatable. To explore, raise `cases` and use
    // `RngSeed::Random` locally; add what it finds as a unit test.
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(0x5167_9057), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_in_a_content_file_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let site = common::fixture(None);
        std::fs::write(site.path().join("content/offers/fuzz.md"), &bytes).unwrap();
        let report = check(site.path());
        prop_assert!(well_placed(&report).is_ok(), "{:?}", well_placed(&report));
    }

    #[test]
    fn arbitrary_front_matter_and_markdown_never_panic(
        yaml in "[ -~\n\t\u{e9}\u{2019}\u{1f3e0}]{0,200}",
        body in "[ -~\n\u{e9}\u{2019}]{0,300}",
        kind in prop::sample::select(vec!["offers/x.md", "partners/x.md", "guidance/x.md", "protocols/x.yaml", "glossary.yaml", "tiers/low.md"]),
    ) {
        let site = common::fixture(None);
        let text = if kind.ends_with(".yaml") { yaml.clone() } else { format!("---\n{yaml}\n---\n{body}") };
        std::fs::write(site.path().join("content").join(kind), text).unwrap();
        let report = check(site.path());
        prop_assert!(well_placed(&report).is_ok(), "{:?}", well_placed(&report));
    }
}
