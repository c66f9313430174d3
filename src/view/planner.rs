//! The release-date planner and the bank-holiday list it counts working days with.
//!
//! The page is the whole checklist with each deadline in words, so it works printed or
//! without JavaScript; every item carries its timing as `data-` attributes, from which
//! `static/planner.js` works out the dates in the browser.

use super::context;
use super::Crumb;
use super::{link, Dep, PageJob};
use crate::anchor;
use crate::content::{Content, Record};
use crate::model::flow::Flow;
use crate::model::{Anchor, BankHolidays, Planner, Timing};
use crate::route::{self, Kind};
use crate::wording::{Made, PlannerWording, TimingWording, Wording};
use std::collections::BTreeSet;

/// The section id of the service levels.
const SERVICE_LEVELS: &str = "service-levels";

/// A protocol's section: `/planner/#plan-protocol-<slug>` (never the service levels' id).
pub(super) fn section_id(slug: &str) -> String {
    format!("protocol-{slug}")
}

pub(super) fn planner_pages<'a>(content: &'a Content, wording: &Wording) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    if let Some(p) = &content.planner {
        jobs.push(planner_page(content, p, wording));
    }
    if let Some(b) = &content.bank_holidays {
        jobs.push(bank_holidays_page(content, b, wording));
    }
    jobs
}

/// The form's label and hint for the date each anchor stands for, in the theme's words.
fn field(anchor: Anchor, marked: bool, wording: &PlannerWording) -> context::PlannerField {
    let f = &wording.fields;
    let words = match anchor {
        Anchor::Release => &f.release,
        Anchor::Referral => &f.referral,
        Anchor::Assessment => &f.assessment,
        Anchor::Sentence => &f.sentence,
        Anchor::Reception => &f.reception,
        Anchor::StartOfOrder => &f.start_of_order,
    };
    let hint = match (&words.hint_marked, marked) {
        (Some(h), true) => h,
        _ => &words.hint,
    };
    context::PlannerField {
        key: anchor.key(),
        label: words.label.clone(),
        hint: hint.clone(),
        // Release and referral are what most people plan from; the rest sit behind "More dates".
        main: matches!(anchor, Anchor::Release | Anchor::Referral),
    }
}

fn timing_value(t: &Timing, words: &TimingWording) -> context::PlanTiming {
    context::PlanTiming {
        text: words.describe(t),
        anchor: t.anchor.key(),
        relation: t.relation.key(),
        min: t.min,
        max: t.max,
        unit: t.unit.key(),
    }
}

fn planner_page<'a>(
    content: &'a Content,
    p: &'a Record<Planner>,
    wording: &Wording,
) -> PageJob<'a> {
    let words = &wording.timing;
    let d = &p.data;
    let mut anchors = BTreeSet::new();
    let mut sections = Vec::new();
    let mut deps = vec![
        Dep::Kind(Kind::Protocol),
        Dep::Url(route::url_for(Kind::BankHolidays, "")),
    ];
    if !d.service_levels.is_empty() {
        let items: Vec<context::ServiceLevelItem> = d
            .service_levels
            .iter()
            .map(|s| {
                anchors.insert(s.timing.anchor);
                let offers = s
                    .offers
                    .iter()
                    .filter_map(|slug| content.offers.iter().find(|o| &o.slug == slug))
                    .map(|o| link(&o.data.title, &o.url))
                    .collect();
                deps.extend(
                    s.offers
                        .iter()
                        .map(|slug| Dep::Url(route::url_for(Kind::Offer, slug))),
                );
                context::ServiceLevelItem {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    text: s.text.clone(),
                    timing: timing_value(&s.timing, words),
                    marks: s.marks.map(Anchor::key),
                    offers,
                }
            })
            .collect();
        sections.push(context::PlanSection::ServiceLevels {
            id: SERVICE_LEVELS,
            // The theme's words when the content gives none (filled in as the page renders).
            title: d.service_levels_title.clone().unwrap_or_default(),
            intro: d.service_levels_intro.clone(),
            items,
        });
    }
    for pr in &content.protocols {
        // Steps of separate pathways are never done for the same person one after the
        // other, so each item says which pathway it belongs to.
        let flow = Flow::of(&pr.data);
        let several = flow.pathways.len() > 1;
        let items: Vec<context::StepItem> = pr
            .data
            .steps()
            .enumerate()
            .filter_map(|(n, (si, _, s))| {
                let t = s.timing.as_ref()?;
                anchors.insert(t.anchor);
                let stage = &pr.data.stages[si].title;
                let pathway = several
                    .then(|| flow.pathway_title(&pr.data, flow.pathway_of[n]))
                    .filter(|title| title != stage);
                Some(context::StepItem {
                    id: s.id.clone(),
                    number: n + 1,
                    title: s.title.clone(),
                    url: format!("{}#{}", pr.url, anchor::step(&s.id)),
                    stage: stage.clone(),
                    pathway: pathway.map(|p| p.to_string()),
                    lead: s.lead.join("; "),
                    timing: timing_value(t, words),
                })
            })
            .collect();
        if !items.is_empty() {
            sections.push(context::PlanSection::Protocol {
                id: section_id(&pr.slug),
                title: pr.data.title.clone(),
                url: pr.url.clone(),
                items,
            });
        }
    }
    let marked: BTreeSet<Anchor> = d.service_levels.iter().filter_map(|s| s.marks).collect();
    let used: Vec<Anchor> = Anchor::ALL
        .into_iter()
        .filter(|a| anchors.contains(a))
        .collect();
    let holidays = content.bank_holidays.as_ref().map(|b| {
        let mut days: Vec<(String, &str)> = b
            .data
            .events
            .iter()
            .map(|h| (h.date.iso(), h.title.as_str()))
            .collect();
        days.sort();
        // Inside <script>: no "</script>" can come through a title.
        let data = serde_json::to_string(&days)
            .unwrap_or_default()
            .replace('<', "\\u003c");
        context::Holidays {
            url: b.url.clone(),
            region: wording.labels.division(&b.data.division).to_string(),
            json: data,
            from: super::date(b.data.events.iter().map(|h| h.date).min(), &wording.dates),
            until: super::date(b.data.last(), &wording.dates),
        }
    });
    PageJob::new(p.url.clone(), d.title.clone(), move |entries| {
        let words = &entries.wording().planner;
        let mut sections = sections.clone();
        // The theme's heading for the service levels, unless the content gives its own.
        for s in &mut sections {
            if let context::PlanSection::ServiceLevels { title, .. } = s {
                if d.service_levels_title.is_none() {
                    title.clone_from(&words.service_levels);
                }
            }
        }
        context::PlannerPage {
            planner: context::Planner {
                fields: used
                    .iter()
                    .map(|a| field(*a, marked.contains(a), words))
                    .collect(),
                sections,
                holidays: holidays.clone(),
            },
        }
    })
    .from(p)
    .shows(deps)
    .crumbs(&[Crumb::Made(Made::Protocols)])
    .summary(Some(&d.summary))
    .dates(d.reviewed, d.review_by)
}

fn bank_holidays_page<'a>(
    content: &'a Content,
    b: &'a Record<BankHolidays>,
    wording: &Wording,
) -> PageJob<'a> {
    let d = &b.data;
    let region = wording.labels.division(&d.division);
    let mut events: Vec<_> = d.events.iter().collect();
    events.sort_by_key(|h| h.date);
    let mut years: Vec<context::HolidayYear> = Vec::new();
    for chunk in events.chunk_by(|a, b| a.date.0.year() == b.date.0.year()) {
        let days = chunk
            .iter()
            .map(|h| context::Holiday {
                iso: h.date.iso(),
                display: wording.dates.display(h.date),
                weekday: wording.dates.weekday(h.date).to_string(),
                title: h.title.clone(),
                notes: h.notes.clone(),
            })
            .collect();
        years.push(context::HolidayYear {
            year: chunk[0].date.0.year(),
            days,
        });
    }
    let planner = content.planner.as_ref();
    let planner_crumb = planner.map(|p| Crumb::Link(&p.data.title, &p.url));
    let crumbs: Vec<Crumb> = std::iter::once(Crumb::Made(Made::Protocols))
        .chain(planner_crumb)
        .collect();
    let page = context::BankHolidaysPage {
        bank_holidays: context::BankHolidays {
            region: region.to_string(),
            source: d.source.clone(),
            years,
        },
    };
    PageJob::made(b.url.clone(), Made::BankHolidays, region, move |_| {
        page.clone()
    })
    .from(b)
    .shows([Dep::Url(route::url_for(Kind::Planner, ""))])
    .crumbs(&crumbs)
}
