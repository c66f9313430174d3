//! Reference pages: the glossary (one anchor per term) and the commitments tracker, with
//! one page per response status so readers can filter without JavaScript.

use super::context;
use super::Crumb;
use super::{date, link, Dep, PageJob};
use crate::anchor;
use crate::content::{Content, Record};
use crate::model::Status;
use crate::route::made;
use crate::route::status_url;
use crate::route::{self, Kind};
use crate::wording::{Made, Wording};

pub(super) fn glossary_page(content: &Content) -> PageJob<'_> {
    let mut terms = Vec::new();
    let mut letters = Vec::new();
    if let Some(g) = &content.glossary {
        let mut sorted: Vec<_> = g.data.terms.iter().collect();
        sorted.sort_by_key(|t| t.term.to_lowercase());
        let mut last = None;
        for t in sorted {
            let first = t.term.chars().next();
            let key = first.map(anchor::letter);
            let letter_anchor = key
                .clone()
                .filter(|k| Some(k) != last.as_ref())
                .inspect(|k| {
                    let shown: String = first
                        .map(|c| c.to_uppercase().collect())
                        .unwrap_or_default();
                    letters.push(context::Letter {
                        letter: shown,
                        anchor: k.clone(),
                    });
                });
            last = key;
            let see_also = t
                .see_also
                .iter()
                .filter_map(|s| g.data.find(s))
                .map(|o| link(&o.term, &format!("#{}", o.anchor())))
                .collect();
            terms.push(context::Term {
                term: t.term.clone(),
                anchor: t.anchor(),
                letter_anchor,
                abbreviations: t.abbreviations.clone(),
                aliases: t.aliases.clone(),
                definition: t.definition.clone(),
                see_also,
            });
        }
    }
    let mut job = PageJob::made(made::GLOSSARY, Made::Glossary, "", move |_| {
        context::Glossary {
            terms: terms.clone(),
            letters: letters.clone(),
        }
    })
    .shows([Dep::Url(route::url_for(Kind::Glossary, ""))])
    .crumbs(&[]);
    if let Some(g) = &content.glossary {
        job = job.from(g);
    }
    job
}

/// The commitments tracker, plus one page per response status so readers can filter
/// without JavaScript.
pub(super) fn commitments_pages<'a>(
    c: &'a Record<crate::model::Commitments>,
    wording: &'a Wording,
) -> Vec<PageJob<'a>> {
    let labels = &wording.labels;
    let d = &c.data;
    let mut items: Vec<_> = d.commitments.iter().collect();
    items.sort_by_key(|i| i.number);
    let count = |s: Status| items.iter().filter(|i| i.status == s).count();
    let counts: Vec<context::StatusCount> = Status::ALL
        .iter()
        .map(|s| context::StatusCount {
            status: s.key(),
            label: labels.status(*s).to_string(),
            count: count(*s),
            url: status_url(&c.url, *s),
        })
        .collect();
    let filters_for = |current: Option<Status>| -> Vec<context::StatusFilter> {
        let all = context::StatusFilter {
            label: labels.all_statuses().to_string(),
            url: c.url.clone(),
            count: items.len(),
            current: current.is_none(),
        };
        let by_status = Status::ALL.iter().map(|s| context::StatusFilter {
            label: labels.status(*s).to_string(),
            url: status_url(&c.url, *s),
            count: count(*s),
            current: current == Some(*s),
        });
        std::iter::once(all).chain(by_status).collect()
    };
    // The tracker, then a copy of it for each status.
    let page = |only: Option<Status>| context::CommitmentsPage {
        commitments: context::Commitments {
            title: d.title.clone(),
            summary: d.summary.clone(),
            source: d.source.clone(),
            counts: counts.clone(),
            filter: only.map(Status::key),
            filters: filters_for(only),
            items: items
                .iter()
                .filter(|i| only.is_none_or(|s| i.status == s))
                .map(|i| context::Commitment {
                    number: i.number,
                    anchor: anchor::recommendation(i.number),
                    recommendation: i.recommendation.clone(),
                    status: i.status.key(),
                    status_label: labels.status(i.status).to_string(),
                    response: i.response.clone(),
                    owner: i.owner.clone(),
                    target: date(i.target, &wording.dates),
                    progress: i.progress.clone(),
                })
                .collect(),
        },
    };
    let all = page(None);
    let mut jobs = vec![
        PageJob::new(c.url.clone(), d.title.clone(), move |_| all.clone())
            .from(c)
            .crumbs(&[])
            .summary(Some(&d.summary))
            .dates(d.reviewed, d.review_by),
    ];
    for status in Status::ALL {
        let filtered = page(Some(status));
        let status_name = labels.status(status).to_lowercase();
        let title = crate::wording::fill(
            &wording.commitments.filtered_title,
            &[("title", &d.title), ("status", &status_name)],
        );
        let job = PageJob::new(status_url(&c.url, status), title, move |_| filtered.clone())
            .from(c)
            .crumbs(&[Crumb::Link(&d.title, &c.url)])
            .summary(Some(&d.summary))
            .dates(d.reviewed, d.review_by);
        jobs.push(job);
    }
    jobs
}
