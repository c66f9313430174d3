//! List entries rendered once and remembered ([`view::View`]): a whole build renders each
//! card once however many lists show it, and `serve` keeps them between edits, forgetting
//! only those an edit touches, so a list of five thousand services is put together from
//! rendered cards rather than rendered again.

use crate::diagnostic::Diagnostic;
use crate::view::context::Rendered;
use crate::view::{self, Dep, View};
use hashbrown::HashMap;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use tera::Tera;

/// One remembered entry: its HTML and what it shows.
struct Entry {
    html: Arc<str>,
    deps: Vec<Dep>,
}

/// Rendered entries by view and record URL. Pages render on every core and look up
/// thousands of entries each, so lookups share a read lock.
#[derive(Default)]
pub struct EntryCache {
    views: RwLock<HashMap<View, HashMap<String, Entry>>>,
}

impl EntryCache {
    /// Forgets the entries that show any of `changed`.
    pub fn forget(&self, changed: &BTreeSet<Dep>) {
        let mut views = self.views.write().unwrap_or_else(PoisonError::into_inner);
        for entries in views.values_mut() {
            entries.retain(|_, e| !e.deps.iter().any(|d| changed.contains(d)));
        }
    }

    fn get(&self, view: View, url: &str) -> Option<Arc<str>> {
        let views = self.views.read().unwrap_or_else(PoisonError::into_inner);
        views.get(&view)?.get(url).map(|e| e.html.clone())
    }

    fn put(&self, view: View, url: &str, html: Arc<str>, deps: Vec<Dep>) {
        let mut views = self.views.write().unwrap_or_else(PoisonError::into_inner);
        views
            .entry(view)
            .or_default()
            .insert(url.to_string(), Entry { html, deps });
    }
}

/// The entries of one page: rendered with the site's templates, remembered in `cache`,
/// and the first template error kept for the page to report.
pub(super) struct PageEntries<'r> {
    pub tera: &'r Tera,
    pub wording: &'r crate::wording::Wording,
    pub cache: &'r EntryCache,
    /// Contexts with the theme's words (`t`), which every view gets.
    pub contexts: &'r super::contexts::Contexts,
    pub error: Mutex<Option<Diagnostic>>,
}

impl view::Entries for PageEntries<'_> {
    fn wording(&self) -> &crate::wording::Wording {
        self.wording
    }

    fn entry(
        &self,
        view: View,
        url: &str,
        deps: &dyn Fn() -> Vec<Dep>,
        context: &dyn Fn() -> Value,
    ) -> Rendered {
        if let Some(html) = self.cache.get(view, url) {
            return Rendered(html.to_string());
        }
        let rendered = self.contexts.with(context(), |ctx| {
            super::render_one(self.tera, view.template(), ctx, None)
        });
        match rendered {
            Ok(html) => {
                // Whitespace around a view is its file's, not the entry's.
                let html: Arc<str> = Arc::from(html.trim());
                self.cache.put(view, url, html.clone(), deps());
                Rendered(html.to_string())
            }
            Err(mut d) => {
                if !self.tera.get_template_names().any(|n| n == view.template()) {
                    d.help = Some(format!(
                        "themes made before list entries had views lack `{}`: copy it from \
                         Signpost's themes/default/templates/views/ (with the list templates \
                         that print the entries), or into the site's templates/views/",
                        view.template()
                    ));
                }
                let mut error = self.error.lock().unwrap_or_else(PoisonError::into_inner);
                error.get_or_insert(d);
                // The page fails with the error; what it would have shown is moot.
                Rendered::default()
            }
        }
    }
}
