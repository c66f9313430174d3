//! File names for what an import writes.

use crate::openreferral::ids::is_uuid;
use std::collections::BTreeSet;

/// File names: from the record's name, never one already taken under `content/` or by
/// this import.
pub(super) struct Slugs {
    /// `content/` of the site imported into.
    content: std::path::PathBuf,
    taken: BTreeSet<String>,
}

impl Slugs {
    pub(super) fn new(root: &std::path::Path) -> Slugs {
        Slugs {
            content: root.join("content"),
            taken: BTreeSet::new(),
        }
    }

    /// A slug for `name` in `folder`: one this import has not given already, and no
    /// other record's file under `content/` has (in any of its kind's extensions). A file
    /// that is this record's own, imported before (the same `openreferral_id`), keeps
    /// its name, to be replaced with `--force`.
    pub(super) fn claim(&mut self, folder: &str, name: &str, id: &str) -> String {
        let base = crate::route::slugify_name(name);
        let base = if base.is_empty() {
            "imported".into()
        } else {
            base
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !(self.free(folder, &slug, id) && self.taken.insert(format!("{folder}/{slug}"))) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slug
    }

    /// No file of another record is at `folder/slug`.
    fn free(&self, folder: &str, slug: &str, id: &str) -> bool {
        ["md", "yaml", "yml"].iter().all(|ext| {
            let path = self.content.join(folder).join(format!("{slug}.{ext}"));
            match std::fs::read_to_string(&path) {
                Err(_) => !path.exists(),
                Ok(text) => {
                    *ext == "md"
                        && is_uuid(id)
                        && text.lines().any(|l| {
                            l.strip_prefix("openreferral_id:").is_some_and(|v| {
                                v.trim().trim_matches(['"', '\'']).eq_ignore_ascii_case(id)
                            })
                        })
                }
            }
        })
    }
}
