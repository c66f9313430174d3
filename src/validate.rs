//! Checks that span files: references, links and anchors, unique URLs and ids, dates.
//!
//! Runs after loading, before rendering. Every problem is reported with the position
//! of the offending value and, where one exists, the nearest valid value.

use crate::anchor;
use crate::content::Content;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::is_external;
use crate::model::{Contact, IsoDate, Tier, Timing};
use crate::route::{self, Kind};
use crate::source::Source;
use crate::suggest;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// URLs the site generates itself, which no content page may take.
pub const GENERATED_URLS: [&str; 17] = [
    "/search/",
    "/browse/a-z/",
    "/browse/tiers/",
    "/browse/regions/",
    "/browse/kinds/",
    "/tiers/",
    "/glossary/",
    "/commitments/",
    "/offers/",
    "/partners/",
    "/protocols/",
    "/guidance/",
    "/static/",
    "/404.html",
    "/sitemap.xml",
    "/robots.txt",
    "/atom.xml",
];

/// Every page URL with the fragment ids it carries.
pub type AnchorMap = BTreeMap<String, BTreeSet<String>>;

pub fn validate(content: &Content, today: IsoDate, diags: &mut Diagnostics) {
    check_tiers(content, diags);
    check_offers(content, today, diags);
    check_partners(content, today, diags);
    check_protocols(content, diags);
    check_glossary(content, diags);
    check_commitments(content, diags);
    check_review_dates(content, today, diags);
    let anchors = check_urls(content, diags);
    check_links(content, &anchors, diags);
}

fn check_tiers(content: &Content, diags: &mut Diagnostics) {
    for tier in Tier::ALL {
        // A tier file that failed to parse has already been reported.
        if !content.tiers.iter().any(|t| t.data.tier == tier)
            && !content.failed.iter().any(|f| f.starts_with("tiers/"))
        {
            diags.push(
                Diagnostic::error(
                    "missing-tier",
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

/// An unknown or unpublished partner reference at `path`.
fn partner_problem(content: &Content, src: &Source, path: &str, given: &str) -> Diagnostic {
    if content.is_draft("partners/", given) {
        return src
            .error_at(
                "draft-reference",
                path,
                format!("partner `{given}` is a draft and is not published"),
            )
            .with_help("publish the partner (remove `draft: true`) or build with --drafts");
    }
    let help = suggest::help_for(given, content.partners.iter().map(|p| p.slug.as_str()))
        .unwrap_or_else(|| "add a partner file content/partners/<slug>.md".into());
    src.error_at(
        "unknown-reference",
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
                    src.error_at(
                        "invalid-range",
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

fn check_contacts(
    src: &Source,
    contacts: &[Contact],
    inherited: Option<IsoDate>,
    today: IsoDate,
    diags: &mut Diagnostics,
) {
    for (i, c) in contacts.iter().enumerate() {
        let path = format!("contacts[{i}]");
        if c.verified.or(inherited).is_none() {
            diags.push(
                src.warning_at(
                    "unverified-contact",
                    &format!("{path}.role"),
                    format!("contact `{}` is not verified", c.role),
                )
                .with_help("check the details with the service, then add `verified: YYYY-MM-DD`"),
            );
        }
        if let Some(url) = &c.url {
            if !is_web_address(url) {
                diags.push(
                    src.error_at("invalid-url", &format!("{path}.url"), format!("`{url}` is not a web address"))
                        .with_help("write the full address starting with https://, e.g. https://www.gov.uk/find-local-council"),
                );
            }
        }
        if let Some(email) = &c.email {
            if !is_email(email) {
                diags.push(
                    src.error_at("invalid-email", &format!("{path}.email"), format!("`{email}` is not an email address"))
                        .with_help("write one address like team@example.gov.uk, with no spaces or extra fields"),
                );
            }
        }
        if let Some(phone) = &c.phone {
            if !is_phone(phone) {
                diags.push(
                    src.error_at("invalid-phone", &format!("{path}.phone"), format!("`{phone}` is not a phone number"))
                        .with_help("use digits, spaces and an optional leading +, e.g. \"0300 123 4567\"; put words in `notes`"),
                );
            }
        }
        if let Some(v) = c.verified {
            if v > today {
                diags.push(
                    src.warning_at(
                        "future-date",
                        &format!("{path}.verified"),
                        format!("verified date {v} is in the future"),
                    )
                    .with_help("use the date the details were checked"),
                );
            }
        }
        if c.phone.is_none()
            && c.email.is_none()
            && c.address.is_none()
            && c.url.is_none()
            && c.notes.is_none()
        {
            diags.push(
                src.error_at(
                    "empty-contact",
                    &path,
                    format!("contact `{}` gives no way to reach it", c.role),
                )
                .with_help("add a phone, email, address, url, or notes saying how to find it"),
            );
        }
    }
}

fn check_timing(src: &Source, path: &str, t: &Timing, diags: &mut Diagnostics) {
    match (t.min, t.max) {
        (None, None) => diags.push(
            src.error_at(
                "invalid-timing",
                path,
                "the timing has neither `min` nor `max`",
            )
            .with_help(
                "add `min: N` for \"at least N\", `max: N` for \"within N\", or both for a range",
            ),
        ),
        (Some(a), Some(b)) if a > b => diags.push(
            src.error_at(
                "invalid-timing",
                &format!("{path}.max"),
                format!("`max: {b}` is less than `min: {a}`"),
            )
            .with_help("swap min and max"),
        ),
        _ => {}
    }
}

fn check_protocols(content: &Content, diags: &mut Diagnostics) {
    for proto in &content.protocols {
        let src = &proto.source;
        let mut stage_ids = HashMap::new();
        let mut step_ids: HashMap<&str, String> = HashMap::new();
        for (si, stage) in proto.data.stages.iter().enumerate() {
            let path = format!("stages[{si}].id");
            check_id(src, &path, &stage.id, diags);
            if let Some(first) = stage_ids.insert(stage.id.as_str(), path.clone()) {
                diags.push(duplicate(src, &path, "stage id", &stage.id, &first));
            }
            if stage.steps.is_empty() {
                diags.push(src.warning_at(
                    "empty-stage",
                    &path,
                    format!("stage `{}` has no steps", stage.id),
                ));
            }
        }
        for (si, i, step) in proto.data.steps() {
            let base = format!("stages[{si}].steps[{i}]");
            let id_path = format!("{base}.id");
            check_id(src, &id_path, &step.id, diags);
            if let Some(first) = step_ids.insert(step.id.as_str(), id_path.clone()) {
                diags.push(duplicate(src, &id_path, "step id", &step.id, &first));
            }
            for (pi, partner) in step.partners.iter().enumerate() {
                if content.partner(partner).is_none() {
                    diags.push(partner_problem(
                        content,
                        src,
                        &format!("{base}.partners[{pi}]"),
                        partner,
                    ));
                }
            }
            if let Some(t) = &step.timing {
                check_timing(src, &format!("{base}.timing"), t, diags);
            }
        }
        let all_steps: Vec<&str> = proto.data.steps().map(|(_, _, s)| s.id.as_str()).collect();
        for (si, i, step) in proto.data.steps() {
            for (bi, branch) in step.branches.iter().enumerate() {
                if !all_steps.contains(&branch.goto.as_str()) {
                    diags.push(
                        src.error_at(
                            "unknown-reference",
                            &format!("stages[{si}].steps[{i}].branches[{bi}].goto"),
                            format!("branch goes to unknown step `{}`", branch.goto),
                        )
                        .with_help_opt(suggest::help_for(&branch.goto, all_steps.iter().copied())),
                    );
                }
            }
        }
    }
}

/// Ids become `#step-<id>` anchors in URLs, so they follow the slug rules.
fn check_id(src: &Source, path: &str, id: &str, diags: &mut Diagnostics) {
    if !route::is_valid_slug(id) {
        diags.push(
            src.error_at(
                "invalid-id",
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

fn duplicate(src: &Source, path: &str, what: &str, value: &str, first_path: &str) -> Diagnostic {
    let first = src.value_pos(first_path);
    src.error_at(
        "duplicate-id",
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
        let key = anchor::term(&term.term);
        if let Some(first) = seen.insert(key, i) {
            diags.push(duplicate(
                src,
                &format!("terms[{i}].term"),
                "term",
                &term.term,
                &format!("terms[{first}].term"),
            ));
        }
        for (si, see) in term.see_also.iter().enumerate() {
            if g.data.find(see).is_none() {
                diags.push(
                    src.error_at(
                        "unknown-reference",
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
                    src.error_at(
                        "invalid-range",
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
                    src.warning_at(
                        "future-date",
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
                    src.warning_at(
                        "review-overdue",
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
    for r in &content.tiers {
        check(&r.source, r.data.reviewed, r.data.review_by);
    }
    for r in &content.offers {
        check(&r.source, Some(r.data.reviewed), Some(r.data.review_by));
    }
    for r in &content.partners {
        check(&r.source, Some(r.data.reviewed), Some(r.data.review_by));
    }
    for r in &content.protocols {
        check(&r.source, r.data.reviewed, r.data.review_by);
    }
    for r in &content.guidance {
        check(&r.source, r.data.reviewed, r.data.review_by);
    }
    for r in content.pages.iter().chain(content.home.iter()) {
        check(&r.source, r.data.reviewed, r.data.review_by);
    }
    if let Some(c) = &content.commitments {
        check(&c.source, c.data.reviewed, c.data.review_by);
    }
}

/// Checks no two pages share a URL and returns each page's anchors for link checking.
fn check_urls(content: &Content, diags: &mut Diagnostics) -> AnchorMap {
    let mut anchors: AnchorMap = BTreeMap::new();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for url in GENERATED_URLS.iter().chain(["/"].iter()) {
        anchors
            .entry((*url).to_string())
            .or_default()
            .insert(anchor::MAIN.into());
    }
    for rec in content.records() {
        if let Some(first) = owner.get(rec.url) {
            diags.push(
                Diagnostic::error(
                    "duplicate-url",
                    &rec.source.file,
                    format!("two pages would be published at `{}`", rec.url),
                )
                .with_help(format!("{first} has the same URL; rename one of the files")),
            );
            continue;
        }
        if rec.kind == Kind::Page && GENERATED_URLS.contains(&rec.url) {
            diags.push(
                Diagnostic::error(
                    "duplicate-url",
                    &rec.source.file,
                    format!("`{}` is a page the site builds itself", rec.url),
                )
                .with_help("rename the file"),
            );
        }
        owner.insert(rec.url.to_string(), rec.source.file.clone());
        let set = anchors.entry(rec.url.to_string()).or_default();
        set.extend(rec.body.anchors.iter().cloned());
        set.insert(anchor::MAIN.into());
    }
    for o in &content.offers {
        if !o.data.contacts.is_empty() {
            anchors
                .entry(o.url.clone())
                .or_default()
                .insert(anchor::CONTACTS.into());
        }
    }
    for p in &content.partners {
        anchors
            .entry(p.url.clone())
            .or_default()
            .insert(anchor::CONTACTS.into());
    }
    for p in &content.protocols {
        let set = anchors.entry(p.url.clone()).or_default();
        for s in &p.data.stages {
            set.insert(anchor::stage(&s.id));
            set.extend(s.steps.iter().map(|st| anchor::step(&st.id)));
        }
    }
    if let Some(g) = &content.glossary {
        let set = anchors.entry(g.url.clone()).or_default();
        for t in &g.data.terms {
            set.insert(anchor::term(&t.term));
            if let Some(c) = t.term.chars().next() {
                set.insert(anchor::letter(c));
            }
        }
    }
    if let Some(c) = &content.commitments {
        for status in crate::model::Status::ALL {
            let url = crate::view::status_url(&c.url, status);
            anchors.entry(url).or_default().insert(anchor::MAIN.into());
        }
        let set = anchors.entry(c.url.clone()).or_default();
        set.extend(
            c.data
                .commitments
                .iter()
                .map(|i| anchor::recommendation(i.number)),
        );
    }
    anchors
}

fn check_links(content: &Content, anchors: &AnchorMap, diags: &mut Diagnostics) {
    let records = content.records();
    let content_files: BTreeSet<&str> = records.iter().map(|r| r.rel).collect();
    let all_urls: Vec<&str> = anchors.keys().map(String::as_str).collect();
    for rec in &records {
        for link in &rec.body.links {
            let dest = link.url.as_str();
            if is_external(dest) || dest.is_empty() {
                continue;
            }
            let at = || rec.source.body_position(link.offset, link.len);
            let (path, fragment) = match dest.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (dest, None),
            };
            // Which page the link lands on, as a URL.
            let target_url: String = if path.is_empty() {
                rec.url.to_string()
            } else if path.starts_with('/') {
                let asset = content.assets.contains(path.trim_start_matches('/'));
                if asset {
                    continue;
                }
                let normal = if path.ends_with('/')
                    || path.ends_with(".html")
                    || path.ends_with(".xml")
                    || path.ends_with(".txt")
                {
                    path.to_string()
                } else {
                    format!("{path}/")
                };
                if !anchors.contains_key(&normal) {
                    diags.push(
                        Diagnostic::error(
                            "broken-link",
                            &rec.source.file,
                            format!("link to `{path}`, which is not a page of this site"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help_opt(suggest::help_for(path, all_urls.iter().copied())),
                    );
                    continue;
                }
                normal
            } else {
                let Some(target) = route::resolve_relative(rec.rel, path) else {
                    diags.push(
                        Diagnostic::error(
                            "broken-link",
                            &rec.source.file,
                            format!("link `{path}` climbs out of content/"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help("link to a file inside content/"),
                    );
                    continue;
                };
                if content.assets.contains(&target) || content.failed.contains(&target) {
                    // A target with errors of its own has been reported already.
                    continue;
                }
                if content.drafts.contains(&target) {
                    diags.push(
                        Diagnostic::error(
                            "draft-reference",
                            &rec.source.file,
                            format!("link to content/{target}, which is a draft and is not published"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help("publish it (remove `draft: true`), remove the link, or build with --drafts"),
                    );
                    continue;
                }
                if !content_files.contains(target.as_str()) {
                    let names: Vec<String> = content_files
                        .iter()
                        .map(|f| relative_hint(rec.rel, f))
                        .collect();
                    let help = suggest::help_for(path, names.iter().map(String::as_str))
                        .unwrap_or_else(|| "link to a content file by its relative path, e.g. `../partners/probation-service.md`".into());
                    diags.push(
                        Diagnostic::error(
                            "broken-link",
                            &rec.source.file,
                            format!("link to `{path}`, but there is no content/{target}"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help(help),
                    );
                    continue;
                }
                route::url_of_content_path(&target).unwrap_or_default()
            };
            if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                let ids = anchors.get(&target_url);
                if !ids.is_some_and(|s| s.contains(frag)) {
                    let help =
                        ids.and_then(|s| suggest::help_for(frag, s.iter().map(String::as_str)));
                    diags.push(
                        Diagnostic::error(
                            "broken-anchor",
                            &rec.source.file,
                            format!("`#{frag}` is not an anchor on {target_url}"),
                        )
                        .at(at(), &rec.source.text)
                        .with_help(
                            help.unwrap_or_else(|| {
                                "link to a heading that exists on that page".into()
                            }),
                        ),
                    );
                }
            }
        }
    }
}

/// How `to` would be written as a link from `from` (both relative to content/).
fn relative_hint(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = "../".repeat(from_dir.len() - common);
    format!("{ups}{}", to_parts[common..].join("/"))
}

/// An absolute http(s) address. Anything else (`javascript:`, `data:`) never becomes a link.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > 8
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// One plain address: the `mailto:` link must not carry extra headers (`?bcc=`).
fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '\''))
    };
    plain(local)
        && plain(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// Digits with spaces, dashes, brackets and a leading `+`, as people write numbers.
fn is_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    digits >= 3
        && phone.char_indices().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_web_addresses_emails_and_numbers_pass() {
        assert!(is_web_address("https://www.gov.uk/find-local-council"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("JaVaScRiPt:alert(1)"));
        assert!(!is_web_address("www.gov.uk"));
        assert!(is_email("housing.options@example.gov.uk"));
        assert!(!is_email("a@b.org?bcc=x@evil.example"));
        assert!(!is_email("not an email"));
        assert!(is_phone("0300 123 4567"));
        assert!(is_phone("+44 (0)300 123-4567"));
        assert!(is_phone("101"));
        assert!(!is_phone("call the council"));
        assert!(!is_phone("0300\" onclick=\"x"));
    }
}
