//! Loading one file again after an edit, for `serve`: the record's card (to tell a text
//! edit from one other pages show) and putting it where a whole load would have.

use super::{load_one, LoadOptions, Loaded};
use crate::content::{Card, Content, Record};
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

impl Loaded {
    /// The record's card (`None` for a draft left out).
    pub fn card(&self) -> Option<Card> {
        Some(match self {
            Loaded::Home(r) => r.card(Kind::Home),
            Loaded::Tier(r) => r.card(Kind::Tier),
            Loaded::Offer(r) => r.card(Kind::Offer),
            Loaded::Partner(r) => r.card(Kind::Partner),
            Loaded::Protocol(r) => r.card(Kind::Protocol),
            Loaded::Guidance(r) => r.card(Kind::Guidance),
            Loaded::Page(r) => r.card(Kind::Page),
            Loaded::Glossary(r) => r.card(Kind::Glossary),
            Loaded::Commitments(r) => r.card(Kind::Commitments),
            Loaded::Chooser(r) => r.card(Kind::Chooser),
            Loaded::Planner(r) => r.card(Kind::Planner),
            Loaded::BankHolidays(r) => r.card(Kind::BankHolidays),
            Loaded::Draft(_) => return None,
        })
    }

    /// Puts a reloaded record where a whole load would have put it. `false` if its slot
    /// (a kind of one file: home, glossary, commitments, chooser, planner, bank holidays)
    /// is held by another file.
    pub fn put_into(self, content: &mut Content) -> bool {
        fn put<T>(records: &mut Vec<Record<T>>, r: Record<T>) -> bool {
            let at = records
                .binary_search_by(|x| crate::content::walk_order(&x.rel, &r.rel))
                .unwrap_or_else(|i| i);
            records.insert(at, r);
            true
        }
        fn put_one<T>(slot: &mut Option<Record<T>>, r: Record<T>) -> bool {
            if slot.is_some() {
                return false;
            }
            *slot = Some(r);
            true
        }
        let fits = match self {
            Loaded::Home(r) => put_one(&mut content.home, r),
            Loaded::Tier(r) => {
                content.tiers.push(r);
                content.tiers.sort_by_key(|t| t.data.tier);
                true
            }
            Loaded::Offer(r) => put(&mut content.offers, r),
            Loaded::Partner(r) => put(&mut content.partners, r),
            Loaded::Protocol(r) => put(&mut content.protocols, r),
            Loaded::Guidance(r) => put(&mut content.guidance, r),
            Loaded::Page(r) => put(&mut content.pages, r),
            Loaded::Glossary(r) => put_one(&mut content.glossary, r),
            Loaded::Commitments(r) => put_one(&mut content.commitments, r),
            Loaded::Chooser(r) => put_one(&mut content.chooser, r),
            Loaded::Planner(r) => put_one(&mut content.planner, r),
            Loaded::BankHolidays(r) => put_one(&mut content.bank_holidays, r),
            Loaded::Draft(rel) => {
                content.drafts.insert(rel);
                true
            }
        };
        content.finish_loading();
        fits
    }
}
