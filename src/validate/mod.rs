//! Checks that span files: references, links and anchors, unique URLs and ids, dates.
//!
//! Runs after loading, before rendering. Every problem is reported with the position
//! of the offending value and, where one exists, the nearest valid value.

pub mod chooser;
mod contacts;
mod links;
mod planner;
mod protocols;

use contacts::check_contacts;
use protocols::check_protocols;

use crate::content::Content;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{IsoDate, Tier, Timing, Unit};
use crate::route;
use crate::source::Source;
use crate::suggest;
use std::collections::{BTreeSet, HashMap};

pub fn validate(content: &Content, today: IsoDate, diags: &mut Diagnostics) {
    check_tiers(content, diags);
    check_offers(content, today, diags);
    check_partners(content, today, diags);
    check_openreferral_ids(content, diags);
    check_protocols(content, diags);
    check_glossary(content, diags);
    check_commitments(content, diags);
    chooser::check(content, diags);
    planner::check(content, today, diags);
    check_review_dates(content, today, diags);
    links::check(content, diags);
}

/// A value meant as part of an address (`slug`, `id`) that cannot be one, at `path`.
fn not_a_slug(src: &Source, path: &str, value: &str) -> Diagnostic {
    src.report(
        Code::InvalidSlug,
        path,
        format!("`{value}` cannot be part of a web address"),
    )
    .with_help(format!(
        "write it as `{}` (lower-case letters, digits and hyphens)",
        route::slugify_name(value)
    ))
}

/// Checks the links of the translated records of another language's content
/// (`translation::content_in`: the files in `translated`): each must land on a page and an
/// id of that language's site. Only their problems are reported; the rest of that content
/// is the first language's, checked already.
pub fn translated_links(content: &Content, translated: &BTreeSet<String>, diags: &mut Diagnostics) {
    let mut found = Diagnostics::default();
    links::check(content, &mut found);
    diags.extend(
        found
            .sorted()
            .into_iter()
            .filter(|d| translated.contains(&d.file)),
    );
}

fn check_tiers(content: &Content, diags: &mut Diagnostics) {
    for tier in Tier::ALL {
        // A tier file that failed to parse has already been reported.
        if !content.tiers.iter().any(|t| t.data.tier == tier)
            && !content.failed.iter().any(|f| f.starts_with("tiers/"))
        {
            diags.push(
                Diagnostic::new(
                    Code::MissingTier,
                    format!("content/tiers/{}.md", tier.key()),
                    format!("the {} tier has no page", tier.key()),
                )
                .with_help(format!(
                    "create content/tiers/{}.md (see docs/content-format.md)",
                    tier.key()
                )),
            );
        }
    }
}

/// The Open Referral ids records give (kept from an imported feed) are UUIDs, each given
/// once.
fn check_openreferral_ids(content: &Content, diags: &mut Diagnostics) {
    let given = content
        .offers
        .iter()
        .map(|o| (&o.source, o.data.openreferral_id.as_deref()))
        .chain(
            content
                .partners
                .iter()
                .map(|p| (&p.source, p.data.openreferral_id.as_deref())),
        );
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (src, id) in given {
        let Some(id) = id else { continue };
        if !crate::openreferral::ids::is_uuid(id) {
            diags.push(
                src.report(
                    Code::InvalidId,
                    "openreferral_id",
                    format!("`{id}` is not a UUID"),
                )
                .with_help(
                    "write the id as the feed gives it, e.g. ac148810-d857-441c-9679-408f346de14b, or remove the line for one made from the file name",
                ),
            );
        } else if let Some(first) = seen.insert(id.to_lowercase(), &src.file) {
            diags.push(
                src.report(
                    Code::DuplicateId,
                    "openreferral_id",
                    format!("{first} already has the Open Referral id `{id}`"),
                )
                .with_help("give each record its own id, or remove the line from one of them"),
            );
        }
    }
}

/// An unknown or unpublished partner reference at `path`.
fn partner_problem(content: &Content, src: &Source, path: &str, given: &str) -> Diagnostic {
    if content.is_draft("partners/", given) {
        return src
            .report(
                Code::DraftReference,
                path,
                format!("partner `{given}` is a draft and is not published"),
            )
            .with_help("publish the partner (remove `draft: true`) or build with --drafts");
    }
    let help = suggest::help_for(given, content.partners.iter().map(|p| p.slug.as_str()))
        .unwrap_or_else(|| "add a partner file content/partners/<slug>.md".into());
    src.report(
        Code::UnknownReference,
        path,
        format!("unknown partner `{given}`"),
    )
    .with_help(help)
}

fn check_offers(content: &Content, today: IsoDate, diags: &mut Diagnostics) {
    for offer in &content.offers {
        let (src, o) = (&offer.source, &offer.data);
        if content.partner(&o.provider).is_none() {
            diags.push(partner_problem(content, src, "provider", &o.provider));
        }
        if let (Some(a), Some(b)) = (o.eligibility.age_min, o.eligibility.age_max) {
            if a > b {
                diags.push(
                    src.report(
                        Code::InvalidRange,
                        "eligibility.age_max",
                        format!("age_max {b} is below age_min {a}"),
                    )
                    .with_help("swap the two ages"),
                );
            }
        }
        check_contacts(src, &o.contacts, None, today, diags);
    }
}

fn check_partners(content: &Content, today: IsoDate, diags: &mut Diagnostics) {
    for p in &content.partners {
        check_contacts(&p.source, &p.data.contacts, p.data.verified, today, diags);
    }
}

pub(super) fn check_timing(src: &Source, path: &str, t: &Timing, diags: &mut Diagnostics) {
    match (t.min, t.max) {
        (None, None) => diags.push(
            src.report(
                Code::InvalidTiming,
                path,
                "the timing has neither `min` nor `max`",
            )
            .with_help(
                "add `min: N` for \"at least N\", `max: N` for \"within N\", or both for a range",
            ),
        ),
        (Some(a), Some(b)) if a > b => diags.push(
            src.report(
                Code::InvalidTiming,
                &format!("{path}.max"),
                format!("`max: {b}` is less than `min: {a}`"),
            )
            .with_help("swap min and max"),
        ),
        _ => {}
    }
    // The planner counts these out day by day in the reader's browser; ten years is plenty.
    let limit = match t.unit {
        Unit::Days => 3660,
        Unit::WorkingDays => 2610,
        Unit::Weeks => 522,
        Unit::Months => 120,
    };
    for (key, value) in [("min", t.min), ("max", t.max)] {
        if let Some(n) = value.filter(|&n| n > limit) {
            diags.push(
                src.report(
                    Code::InvalidTiming,
                    &format!("{path}.{key}"),
                    format!("`{key}: {n}` {} is more than ten years", t.unit.key()),
                )
                .with_help(format!(
                    "check the number: a timing can be at most {limit} {}",
                    t.unit.key()
                )),
            );
        }
    }
}

/// Ids become `#step-<id>` anchors in URLs, so they follow the slug rules.
pub(super) fn check_id(src: &Source, path: &str, id: &str, diags: &mut Diagnostics) {
    if !route::is_valid_slug(id) {
        diags.push(
            src.report(
                Code::InvalidId,
                path,
                format!("`{id}` cannot be used in a web address"),
            )
            .with_help(format!(
                "use lower-case letters, digits and hyphens, e.g. `{}`",
                route::slugify_name(id)
            )),
        );
    }
}

pub(super) fn duplicate(
    src: &Source,
    path: &str,
    what: &str,
    value: &str,
    first_path: &str,
) -> Diagnostic {
    let first = src.value_pos(first_path);
    src.report(
        Code::DuplicateId,
        path,
        format!("{what} `{value}` is used twice"),
    )
    .with_help(format!(
        "it was first used on line {}; give this one another id",
        first.line
    ))
}

fn check_glossary(content: &Content, diags: &mut Diagnostics) {
    let Some(g) = &content.glossary else { return };
    let src = &g.source;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let names: Vec<&str> = g
        .data
        .terms
        .iter()
        .flat_map(|t| {
            std::iter::once(t.term.as_str()).chain(t.abbreviations.iter().map(String::as_str))
        })
        .collect();
    for (i, term) in g.data.terms.iter().enumerate() {
        let key = term.anchor();
        if let Some(first) = seen.insert(key, i) {
            diags.push(duplicate(
                src,
                &format!("terms[{i}].term"),
                "term",
                &term.term,
                &format!("terms[{first}].term"),
            ));
        }
        if let Some(id) = term
            .id
            .as_deref()
            .filter(|id| !crate::route::is_valid_slug(id))
        {
            diags.push(not_a_slug(src, &format!("terms[{i}].id"), id));
        }
        for (si, see) in term.see_also.iter().enumerate() {
            if g.data.find(see).is_none() {
                diags.push(
                    src.report(
                        Code::UnknownReference,
                        &format!("terms[{i}].see_also[{si}]"),
                        format!("see-also names unknown term `{see}`"),
                    )
                    .with_help_opt(suggest::help_for(see, names.iter().copied())),
                );
            }
        }
    }
}

fn check_commitments(content: &Content, diags: &mut Diagnostics) {
    let Some(c) = &content.commitments else {
        return;
    };
    let mut seen = HashMap::new();
    for (i, item) in c.data.commitments.iter().enumerate() {
        let path = format!("commitments[{i}].number");
        if let Some(first) = seen.insert(item.number, path.clone()) {
            diags.push(duplicate(
                &c.source,
                &path,
                "recommendation number",
                &item.number.to_string(),
                &first,
            ));
        }
    }
}

fn check_review_dates(content: &Content, today: IsoDate, diags: &mut Diagnostics) {
    let mut check = |src: &Source, reviewed: Option<IsoDate>, review_by: Option<IsoDate>| {
        if let (Some(a), Some(b)) = (reviewed, review_by) {
            if b < a {
                diags.push(
                    src.report(
                        Code::InvalidRange,
                        "review_by",
                        format!("review_by {b} is before reviewed {a}"),
                    )
                    .with_help(
                        "review_by is the date of the next review: make it later than reviewed",
                    ),
                );
            }
        }
        if let Some(r) = reviewed {
            if r > today {
                diags.push(
                    src.report(
                        Code::FutureDate,
                        "reviewed",
                        format!("reviewed date {r} is in the future"),
                    )
                    .with_help("use the date the page was last checked"),
                );
            }
        }
        if let Some(b) = review_by {
            if b < today {
                diags.push(
                    src.report(
                        Code::ReviewOverdue,
                        "review_by",
                        format!("review was due on {b}"),
                    )
                    .with_help(
                        "check the page is still right, then update `reviewed` and `review_by`",
                    ),
                );
            }
        }
    };
    for r in content.records() {
        let header = r.data.header();
        check(r.source, header.reviewed, header.review_by);
    }
}

/// Today's date for review warnings; `SIGNPOST_TODAY=YYYY-MM-DD` pins it for tests.
pub fn today() -> IsoDate {
    if let Ok(s) = std::env::var("SIGNPOST_TODAY") {
        match IsoDate::parse(&s) {
            Ok(d) => return d,
            Err(e) => eprintln!("warning: ignoring SIGNPOST_TODAY: {e}"),
        }
    }
    IsoDate(
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date(),
    )
}
