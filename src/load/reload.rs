//! Loading one file again after an edit, for `serve`: the record's card (to tell a text
//! edit from one other pages show) and putting it where a whole load would have.

use super::{load_one, LoadOptions, Loaded};
use crate::diagnostic::Diagnostic;
use crate::route::Kind;
use std::path::Path;

/// Loads one file again after an edit (for `serve`): `rel` is its path under `content/`.
pub fn load_file(
    site_root: &Path,
    rel: &str,
    options: LoadOptions,
) -> Option<Result<Loaded, Diagnostic>> {
    let kind = Kind::of(rel)?;
    let path = site_root.join("content").join(rel);
    Some(load_one(site_root, &path, rel, kind, options))
}
