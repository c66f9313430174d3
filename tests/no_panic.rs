//! Whatever bytes an editor saves, checking the site reports diagnostics and never panics.

mod common;

use proptest::prelude::*;
use signpost::{build, BuildOptions};

fn check(site: &std::path::Path) -> signpost::BuildReport {
    build(&BuildOptions {
        root: site.to_path_buf(),
        output: None,
        drafts: false,
        write: false,
        search: true,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_in_a_content_file_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let site = common::fixture(None);
        std::fs::write(site.path().join("content/offers/fuzz.md"), &bytes).unwrap();
        let report = check(site.path());
        // Random bytes are almost never a valid offer; whatever happens, it is reported.
        prop_assert!(report.diagnostics.iter().all(|d| d.file.starts_with("content/")));
    }

    #[test]
    fn arbitrary_front_matter_and_markdown_never_panic(
        yaml in "[ -~\n\t]{0,200}",
        body in "[ -~\n\u{e9}\u{2019}]{0,300}",
        kind in prop::sample::select(vec!["offers/x.md", "partners/x.md", "guidance/x.md", "protocols/x.yaml", "glossary.yaml", "tiers/low.md"]),
    ) {
        let site = common::fixture(None);
        let text = if kind.ends_with(".yaml") { yaml.clone() } else { format!("---\n{yaml}\n---\n{body}") };
        std::fs::write(site.path().join("content").join(kind), text).unwrap();
        let report = check(site.path());
        prop_assert!(report.diagnostics.iter().all(|d| d.line == 0 || d.source_line.is_some() || d.file.starts_with("content/")));
    }
}
