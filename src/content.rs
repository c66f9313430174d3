//! The loaded site: every record with its source, parsed data and rendered body.
//!
//! The `records!` table below names each kind's field and model type once; the
//! [`Content`] struct, the [`Loaded`] record of one file and every loop over all records
//! come from it.

use crate::diagnostic::{Code, Diagnostic};
use crate::kind::Kind;
use crate::markdown::Body;
use crate::model::{
    BankHolidays, Chooser, Commitments, Describe, Glossary, Guidance, Offer, Page, Partner,
    Planner, Protocol, TierPage,
};
use crate::source::Source;
use serde::de::DeserializeOwned;
use std::collections::{BTreeSet, HashMap};

/// One content file after loading.
#[derive(Debug)]
pub struct Record<T> {
    pub slug: String,
    /// Path relative to `content/`, e.g. `offers/a.md`.
    pub rel: String,
    pub url: String,
    pub source: Source,
    pub data: T,
    pub body: Body,
}

impl<T: Clone> Record<T> {
    /// The record without its body (but the ids of its headings) or its file's text:
    /// what another language's content keeps of a record it has no translation of, to
    /// list it, link to it and check links to its headings.
    pub fn outline(&self) -> Record<T> {
        Record {
            slug: self.slug.clone(),
            rel: self.rel.clone(),
            url: self.url.clone(),
            source: Source::named(self.source.file.clone()),
            data: self.data.clone(),
            body: Body {
                anchors: self.body.anchors.clone(),
                ..Body::default()
            },
        }
    }
}

/// A file that translates another into one of the site's other languages.
#[derive(Debug)]
pub struct Translation {
    /// Its language's code (`cy`).
    pub language: String,
    /// Its own path under `content/` (`tiers/low.cy.md`).
    pub rel: String,
    /// The path of the file it translates (`tiers/low.md`).
    pub of: String,
    pub source: Source,
    /// Its fields, read once when it is loaded.
    pub fields: serde_yaml::Value,
}

/// A record of any kind, for code that treats all pages alike (links, lists, search,
/// review dates, reading levels, the feed).
pub struct AnyRecord<'a> {
    pub kind: Kind,
    pub rel: &'a str,
    pub url: &'a str,
    pub source: &'a Source,
    pub body: &'a Body,
    pub data: &'a dyn Describe,
}

/// What other pages may show of a record: its kind, URL and a fingerprint of its front
/// matter. `serve` compares cards to tell an edit of the text only from one that changes
/// lists, names or filters shown on other pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub kind: Kind,
    pub url: String,
    pub front_matter: u64,
}

impl<T: std::fmt::Debug> Record<T> {
    pub fn card(&self, kind: Kind) -> Card {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!("{:?}", self.data).hash(&mut h);
        Card {
            kind,
            url: self.url.clone(),
            front_matter: h.finish(),
        }
    }
}

/// A file read and split, with its address and rendered body, before its front matter
/// is parsed into the kind's model.
pub struct Unparsed {
    pub slug: String,
    pub rel: String,
    pub url: String,
    pub source: Source,
    pub body: Body,
}

impl Unparsed {
    /// Parses the front matter (or YAML file) as `T`.
    pub fn parse<T: DeserializeOwned>(self) -> Result<Record<T>, Diagnostic> {
        let data = self.source.parse::<T>()?;
        Ok(self.with(data))
    }

    /// The record with data made some other way (the home page without front matter).
    pub fn with<T>(self, data: T) -> Record<T> {
        Record {
            slug: self.slug,
            rel: self.rel,
            url: self.url,
            source: self.source,
            data,
            body: self.body,
        }
    }
}

/// A draft that lacks a field its kind needs (one half-written, or imported from a feed
/// that did not say) is left out with a warning rather than failing the build: the
/// warning says what to add before it can be published.
fn incomplete_draft(problem: Diagnostic, source: &Source) -> Diagnostic {
    #[derive(serde::Deserialize)]
    struct DraftFlag {
        #[serde(default)]
        draft: bool,
    }
    let is_draft = problem.code == Code::MissingField
        && serde_yaml::from_str::<DraftFlag>(source.yaml_text()).is_ok_and(|f| f.draft);
    if !is_draft {
        return problem;
    }
    Diagnostic {
        severity: Code::IncompleteDraft.severity(),
        code: Code::IncompleteDraft,
        message: format!(
            "this draft is left out until it is complete: {}",
            problem.message
        ),
        help: Some(format!(
            "{}; then remove `draft: true` to publish it",
            problem
                .help
                .as_deref()
                .unwrap_or("add the field (see docs/content-format.md)")
        )),
        ..problem
    }
}

/// Walk order: folder by folder, names sorted (as `load` reads them).
pub fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Where the records of one kind are kept: a list, or one slot for a kind of one file.
trait Slot<T> {
    /// Puts a record where a whole load puts it; a one-file slot already taken gives
    /// the file that holds it.
    fn put(&mut self, record: Record<T>) -> Result<(), String>;
    fn take_out(&mut self, rel: &str);
    /// Each record made into another by `f`.
    fn copied(&self, f: &mut dyn FnMut(&Record<T>) -> Record<T>) -> Self;
}

impl<T> Slot<T> for Vec<Record<T>> {
    fn put(&mut self, record: Record<T>) -> Result<(), String> {
        let at = self
            .binary_search_by(|x| walk_order(&x.rel, &record.rel))
            .unwrap_or_else(|i| i);
        Vec::insert(self, at, record);
        Ok(())
    }
    fn take_out(&mut self, rel: &str) {
        self.retain(|r| r.rel != rel);
    }
    fn copied(&self, f: &mut dyn FnMut(&Record<T>) -> Record<T>) -> Self {
        self.iter().map(f).collect()
    }
}

impl<T> Slot<T> for Option<Record<T>> {
    fn put(&mut self, record: Record<T>) -> Result<(), String> {
        match self {
            Some(first) => Err(first.source.file.clone()),
            None => {
                *self = Some(record);
                Ok(())
            }
        }
    }
    fn take_out(&mut self, rel: &str) {
        if self.as_ref().is_some_and(|r| r.rel == rel) {
            *self = None;
        }
    }
    fn copied(&self, f: &mut dyn FnMut(&Record<T>) -> Record<T>) -> Self {
        self.as_ref().map(f)
    }
}

/// Makes [`Content`], [`Loaded`] and the loops over every record from one line per kind:
/// `Kind: field, Vec<Model>` for a folder of files, `Option<Model>` for one file.
macro_rules! records {
    ($($kind:ident: $field:ident, $slot:ident<$model:ty>;)*) => {
        /// Everything under `content/`, each list sorted by file path.
        #[derive(Debug, Default)]
        pub struct Content {
            $(pub $field: $slot<Record<$model>>,)*
            /// Other files under `content/` (images, PDFs), relative paths, copied as they are.
            pub assets: BTreeSet<String>,
            /// Content files that had errors and were left out (relative paths).
            pub failed: BTreeSet<String>,
            /// Drafts left out of this build (relative paths).
            pub drafts: BTreeSet<String>,
            /// Translations (`tiers/low.cy.md`), sorted by path: checked by `translation`,
            /// and published through each language's content (`translation::content_in`).
            pub translations: Vec<Translation>,
            /// Partner slug → position in `partners`, so lookups stay cheap at 10k pages.
            partner_index: HashMap<String, usize>,
        }

        /// One content file after loading.
        #[derive(Debug)]
        pub enum Loaded {
            $($kind(Record<$model>),)*
            /// A draft left out (its path under `content/`).
            Draft(String),
        }

        impl Loaded {
            /// Parses a file as its kind's model.
            pub fn parse(kind: Kind, file: Unparsed) -> Result<Loaded, Diagnostic> {
                Ok(match kind {
                    $(Kind::$kind => match file.source.parse::<$model>() {
                        Ok(data) => Loaded::$kind(file.with(data)),
                        Err(d) => return Err(incomplete_draft(d, &file.source)),
                    },)*
                })
            }

            /// The record's card (`None` for a draft left out).
            pub fn card(&self) -> Option<Card> {
                match self {
                    $(Loaded::$kind(r) => Some(r.card(Kind::$kind)),)*
                    Loaded::Draft(_) => None,
                }
            }

            /// The file the record was read from (`None` for a draft left out).
            pub fn source_mut(&mut self) -> Option<&mut Source> {
                match self {
                    $(Loaded::$kind(r) => Some(&mut r.source),)*
                    Loaded::Draft(_) => None,
                }
            }

            /// The record as a draft left out, if it is one and drafts are not wanted.
            pub fn unless_draft(self, drafts: bool) -> Loaded {
                let rel = match &self {
                    $(Loaded::$kind(r) if !drafts && r.data.is_draft() => r.rel.clone(),)*
                    _ => return self,
                };
                Loaded::Draft(rel)
            }

            /// Puts the record where a whole load puts it (call
            /// [`Content::finish_loading`] once all are in). A second file for a kind of
            /// one file is left out, with an error naming the first.
            pub fn put_into(self, content: &mut Content) -> Result<(), Diagnostic> {
                let (file, taken) = match self {
                    $(Loaded::$kind(r) => {
                        let file = r.source.file.clone();
                        (file, Slot::put(&mut content.$field, r))
                    })*
                    Loaded::Draft(rel) => {
                        content.drafts.insert(rel);
                        return Ok(());
                    }
                };
                taken.map_err(|first| {
                    Diagnostic::new(Code::DuplicateUrl, file, format!("{first} already holds this content"))
                        .with_help("keep one of the two files")
                })
            }
        }

        impl Content {
            /// Every record, in the order of `kind::KINDS`, then by path.
            pub fn records(&self) -> Vec<AnyRecord<'_>> {
                let mut all = Vec::new();
                $(all.extend(self.$field.iter().map(|r| AnyRecord {
                    kind: Kind::$kind,
                    rel: &r.rel,
                    url: &r.url,
                    source: &r.source,
                    body: &r.body,
                    data: &r.data,
                }));)*
                all
            }

            /// The card of every record, by path under `content/`.
            pub fn cards(&self) -> HashMap<String, Card> {
                let mut out = HashMap::new();
                $(out.extend(self.$field.iter().map(|r| (r.rel.clone(), r.card(Kind::$kind))));)*
                out
            }

            /// Takes the record loaded from `rel` out (and forgets it failed or was a draft).
            pub fn remove(&mut self, rel: &str) {
                $(Slot::take_out(&mut self.$field, rel);)*
                self.failed.remove(rel);
                self.drafts.remove(rel);
                self.finish_loading();
            }

            /// This content in another language: each record of `translated` (by the path
            /// of the file it translates, made from that file and its translation) in place
            /// of that record, every other record as its [`Record::outline`]. No translations
            /// are kept: this content is published, not checked.
            pub fn in_language(&self, mut translated: HashMap<String, Loaded>) -> Content {
                let mut out = Content {
                    $($field: Slot::copied(&self.$field, &mut |r| match translated.remove(&r.rel) {
                        Some(Loaded::$kind(t)) => t,
                        _ => r.outline(),
                    }),)*
                    assets: self.assets.clone(),
                    failed: self.failed.clone(),
                    drafts: self.drafts.clone(),
                    translations: Vec::new(),
                    partner_index: HashMap::new(),
                };
                out.finish_loading();
                out
            }

            /// Lets go of every file's text (see [`crate::source::Source::release_text`]).
            pub fn release_sources(&mut self) {
                $(for r in self.$field.iter_mut() {
                    r.source.release_text();
                })*
            }
        }
    };
}

records! {
    Home: home, Option<Page>;
    Tier: tiers, Vec<TierPage>;
    Offer: offers, Vec<Offer>;
    Partner: partners, Vec<Partner>;
    Protocol: protocols, Vec<Protocol>;
    Guidance: guidance, Vec<Guidance>;
    Page: pages, Vec<Page>;
    Glossary: glossary, Option<Glossary>;
    Commitments: commitments, Option<Commitments>;
    Chooser: chooser, Option<Chooser>;
    Planner: planner, Option<Planner>;
    BankHolidays: bank_holidays, Option<BankHolidays>;
}

impl Content {
    pub fn partner(&self, slug: &str) -> Option<&Record<Partner>> {
        self.partner_index.get(slug).map(|&i| &self.partners[i])
    }

    /// Whether a file of `folder` (e.g. `partners`) with this slug was left out as a draft.
    pub fn is_draft(&self, folder: &str, slug: &str) -> bool {
        self.drafts
            .iter()
            .any(|d| d.starts_with(folder) && crate::route::slug_of(d) == slug)
    }

    /// Puts the tiers in their order and builds the lookup tables; call once loading (or
    /// a reload) is complete.
    pub fn finish_loading(&mut self) {
        self.tiers.sort_by_key(|t| t.data.tier);
        self.partner_index = self
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.slug.clone(), i))
            .collect();
    }
}
