//! The loaded site: every record with its source, parsed data and rendered body.

use crate::markdown::Body;
use crate::model::{
    BankHolidays, Chooser, Commitments, Glossary, Guidance, Offer, Page, Partner, Planner,
    Protocol, TierPage,
};
use crate::route::Kind;
use crate::source::Source;
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

/// Everything under `content/`, each list sorted by file path.
#[derive(Debug, Default)]
pub struct Content {
    pub home: Option<Record<Page>>,
    pub tiers: Vec<Record<TierPage>>,
    pub offers: Vec<Record<Offer>>,
    pub partners: Vec<Record<Partner>>,
    pub protocols: Vec<Record<Protocol>>,
    pub guidance: Vec<Record<Guidance>>,
    pub pages: Vec<Record<Page>>,
    pub glossary: Option<Record<Glossary>>,
    pub commitments: Option<Record<Commitments>>,
    pub chooser: Option<Record<Chooser>>,
    pub planner: Option<Record<Planner>>,
    pub bank_holidays: Option<Record<BankHolidays>>,
    /// Other files under `content/` (images, PDFs), relative paths, copied as they are.
    pub assets: BTreeSet<String>,
    /// Content files that had errors and were left out (relative paths).
    pub failed: BTreeSet<String>,
    /// Drafts left out of this build (relative paths).
    pub drafts: BTreeSet<String>,
    /// Partner slug → position in `partners`, so lookups stay cheap at 10k pages.
    partner_index: HashMap<String, usize>,
}

/// A record of any kind, for code that treats all pages alike (links, URLs, anchors).
pub struct AnyRecord<'a> {
    pub kind: Kind,
    pub rel: &'a str,
    pub url: &'a str,
    pub source: &'a Source,
    pub body: &'a Body,
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

/// Walk order: folder by folder, names sorted (as `load` reads them).
pub fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

impl Content {
    /// The card of every record, by path under `content/`.
    pub fn cards(&self) -> HashMap<String, Card> {
        fn add<T: std::fmt::Debug>(
            out: &mut HashMap<String, Card>,
            kind: Kind,
            records: &[Record<T>],
        ) {
            out.extend(records.iter().map(|r| (r.rel.clone(), r.card(kind))));
        }
        let mut out = HashMap::new();
        add(&mut out, Kind::Home, self.home.as_slice());
        add(&mut out, Kind::Tier, &self.tiers);
        add(&mut out, Kind::Offer, &self.offers);
        add(&mut out, Kind::Partner, &self.partners);
        add(&mut out, Kind::Protocol, &self.protocols);
        add(&mut out, Kind::Guidance, &self.guidance);
        add(&mut out, Kind::Page, &self.pages);
        add(&mut out, Kind::Glossary, self.glossary.as_slice());
        add(&mut out, Kind::Commitments, self.commitments.as_slice());
        add(&mut out, Kind::Chooser, self.chooser.as_slice());
        add(&mut out, Kind::Planner, self.planner.as_slice());
        add(&mut out, Kind::BankHolidays, self.bank_holidays.as_slice());
        out
    }

    /// Takes the record loaded from `rel` out (and forgets it failed or was a draft).
    pub fn remove(&mut self, rel: &str) {
        fn take<T>(records: &mut Vec<Record<T>>, rel: &str) {
            records.retain(|r| r.rel != rel);
        }
        fn take_one<T>(slot: &mut Option<Record<T>>, rel: &str) {
            if slot.as_ref().is_some_and(|r| r.rel == rel) {
                *slot = None;
            }
        }
        take_one(&mut self.home, rel);
        take(&mut self.tiers, rel);
        take(&mut self.offers, rel);
        take(&mut self.partners, rel);
        take(&mut self.protocols, rel);
        take(&mut self.guidance, rel);
        take(&mut self.pages, rel);
        take_one(&mut self.glossary, rel);
        take_one(&mut self.commitments, rel);
        take_one(&mut self.chooser, rel);
        take_one(&mut self.planner, rel);
        take_one(&mut self.bank_holidays, rel);
        self.failed.remove(rel);
        self.drafts.remove(rel);
        self.finish_loading();
    }

    pub fn partner(&self, slug: &str) -> Option<&Record<Partner>> {
        self.partner_index.get(slug).map(|&i| &self.partners[i])
    }

    /// Whether a file of `folder` (e.g. `partners`) with this slug was left out as a draft.
    pub fn is_draft(&self, folder: &str, slug: &str) -> bool {
        self.drafts
            .iter()
            .any(|d| d.starts_with(folder) && crate::route::slug_of(d) == slug)
    }

    /// Builds the lookup tables; call once loading is complete.
    pub fn finish_loading(&mut self) {
        self.partner_index = self
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.slug.clone(), i))
            .collect();
    }

    /// Lets go of every file's text (see [`crate::source::Source::release_text`]).
    pub fn release_sources(&mut self) {
        fn each<T>(records: &mut [Record<T>]) {
            for r in records {
                r.source.release_text();
            }
        }
        each(self.home.as_mut_slice());
        each(&mut self.tiers);
        each(&mut self.offers);
        each(&mut self.partners);
        each(&mut self.protocols);
        each(&mut self.guidance);
        each(&mut self.pages);
        each(self.glossary.as_mut_slice());
        each(self.commitments.as_mut_slice());
        each(self.chooser.as_mut_slice());
        each(self.planner.as_mut_slice());
        each(self.bank_holidays.as_mut_slice());
    }

    /// Every record, in a stable order.
    pub fn records(&self) -> Vec<AnyRecord<'_>> {
        fn any<T>(kind: Kind, r: &Record<T>) -> AnyRecord<'_> {
            AnyRecord {
                kind,
                rel: &r.rel,
                url: &r.url,
                source: &r.source,
                body: &r.body,
            }
        }
        let mut all = Vec::new();
        all.extend(self.home.iter().map(|r| any(Kind::Home, r)));
        all.extend(self.tiers.iter().map(|r| any(Kind::Tier, r)));
        all.extend(self.offers.iter().map(|r| any(Kind::Offer, r)));
        all.extend(self.partners.iter().map(|r| any(Kind::Partner, r)));
        all.extend(self.protocols.iter().map(|r| any(Kind::Protocol, r)));
        all.extend(self.guidance.iter().map(|r| any(Kind::Guidance, r)));
        all.extend(self.pages.iter().map(|r| any(Kind::Page, r)));
        all.extend(self.glossary.iter().map(|r| any(Kind::Glossary, r)));
        all.extend(self.commitments.iter().map(|r| any(Kind::Commitments, r)));
        all.extend(self.chooser.iter().map(|r| any(Kind::Chooser, r)));
        all.extend(self.planner.iter().map(|r| any(Kind::Planner, r)));
        all.extend(
            self.bank_holidays
                .iter()
                .map(|r| any(Kind::BankHolidays, r)),
        );
        all
    }
}
