//! One of the site's other languages, made ready to render (`lib.rs` builds every one):
//! its content (each record with its translation, or as it is:
//! `translation::content_in`), the files translated, its words, its pages' search filters
//! and documents, and its list entries.

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::Diagnostics;
use crate::search::{self, SearchDoc};
use crate::view::{self, PageJob};
use crate::wording::Wording;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

pub struct Language {
    pub code: String,
    /// Where its pages are published (`/cy`).
    pub prefix: String,
    pub content: Content,
    /// The files of the translations it was made with.
    pub translated: BTreeSet<String>,
    /// `None` until [`Language::load_words`] succeeds.
    pub wording: Option<Wording>,
    pub search: search::SearchData,
    /// The search documents of its own pages, at their addresses.
    pub docs: Vec<SearchDoc>,
    pub entries: crate::render::EntryCache,
}

impl Language {
    /// Each language `config` lists after the first, its content made from `content`
    /// (whose files' texts must still be there) and its translations' links checked.
    pub fn all(config: &Config, content: &Content, diags: &mut Diagnostics) -> Vec<Language> {
        config
            .translated_languages()
            .iter()
            .map(|l| {
                let made = crate::translation::content_in(content, &l.code, diags);
                crate::validate::translated_links(&made.content, &made.translated, diags);
                Language {
                    code: l.code.clone(),
                    prefix: l.prefix(false),
                    content: made.content,
                    translated: made.translated,
                    wording: None,
                    search: search::SearchData::default(),
                    docs: Vec::new(),
                    entries: Default::default(),
                }
            })
            .collect()
    }

    /// Reads its words (`wording.cy.toml`).
    pub fn load_words(&mut self, root: &Path, theme: &str, diags: &mut Diagnostics) {
        match Wording::load_language(root, theme, &self.code) {
            Ok(w) => self.wording = Some(w),
            Err(d) => diags.push(d),
        }
    }

    /// Its pages' search filters, in its own words, and the documents of its own pages at
    /// their addresses, for its own index; "related services" are the first language's.
    pub fn prepare_search(
        &mut self,
        synonyms: &search::synonyms::Synonyms,
        related: &search::related::Related,
    ) {
        let Some(wording) = &self.wording else {
            return;
        };
        let docs = search::documents(&self.content, synonyms, wording);
        self.search.facets = search::page_facets(&docs);
        self.search.related = related.clone();
        let own: HashSet<&str> = self
            .content
            .records()
            .into_iter()
            .filter(|r| self.translated.contains(&r.source.file))
            .map(|r| r.url)
            .collect();
        self.docs = docs
            .into_iter()
            .filter(|d| own.contains(d.url.split('#').next().unwrap_or_default()))
            .map(|mut d| {
                d.url = format!("{}{}", self.prefix, d.url);
                d
            })
            .collect();
    }

    /// Its pages (`view::pages_translated`); none before its words are read.
    pub fn pages(&self) -> Vec<PageJob<'_>> {
        match &self.wording {
            Some(wording) => view::pages_translated(
                &self.content,
                &self.search.related,
                wording,
                &self.translated,
            ),
            None => Vec::new(),
        }
    }
}
