//! Signpost's integration tests, in one binary as ripgrep and mdBook keep theirs: tantivy,
//! Pagefind and axum are linked once, not once per test file. Each module is one area; they
//! share `common` (fixtures, running the `signpost` binary, reading its output).

mod architecture;
mod build;
mod common;
mod default_content;
mod diagnostics;
mod docs;
mod incremental;
mod kinds;
mod languages;
mod no_panic;
mod openreferral;
mod search;
mod seeds;
mod serve;
mod snapshots;
