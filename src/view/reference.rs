//! Reference pages: the glossary (one anchor per term) and the commitments tracker, with
//! one page per response status so readers can filter without JavaScript.

use super::Crumb;
use super::{date, link, Dep, PageJob};
use crate::anchor;
use crate::content::{Content, Record};
use crate::model::Status;
use crate::route::made;
use crate::route::status_url;
use crate::route::{self, Kind};
use crate::wording::{Made, Wording};
use serde_json::{json, Value};

pub(super) fn glossary_page(content: &Content) -> PageJob<'_> {
    let mut job = PageJob::made(made::GLOSSARY, "glossary.html", Made::Glossary, "")
        .shows([Dep::Url(route::url_for(Kind::Glossary, ""))])
        .crumbs(&[]);
    let mut terms = Vec::new();
    let mut letters: Vec<Value> = Vec::new();
    if let Some(g) = &content.glossary {
        job = job.from(g);
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
                    letters.push(json!({"letter": shown, "anchor": k}));
                });
            last = key;
            let see_also: Vec<Value> = t
                .see_also
                .iter()
                .filter_map(|s| g.data.find(s))
                .map(|o| link(&o.term, &format!("#{}", anchor::term(&o.term))))
                .collect();
            terms.push(json!({
                "term": t.term, "anchor": anchor::term(&t.term), "letter_anchor": letter_anchor,
                "abbreviations": t.abbreviations, "aliases": t.aliases,
                "definition": t.definition, "see_also": see_also,
            }));
        }
    }
    job.with("terms", json!(terms))
        .with("letters", json!(letters))
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
    let counts: Vec<Value> = Status::ALL
        .iter()
        .map(|s| json!({"status": s.key(), "label": labels.status(*s), "count": count(*s), "url": status_url(&c.url, *s)}))
        .collect();
    let filters_for = |current: Option<Status>| -> Value {
        let all = json!({"label": labels.all_statuses(), "url": c.url, "count": items.len(), "current": current.is_none()});
        let by_status = Status::ALL.iter().map(|s| {
            json!({"label": labels.status(*s), "url": status_url(&c.url, *s), "count": count(*s), "current": current == Some(*s)})
        });
        Value::Array(std::iter::once(all).chain(by_status).collect())
    };
    let item_values = |only: Option<Status>| -> Vec<Value> {
        items
            .iter()
            .filter(|i| only.is_none_or(|s| i.status == s))
            .map(|i| {
                json!({
                    "number": i.number, "anchor": anchor::recommendation(i.number),
                    "recommendation": i.recommendation, "status": i.status.key(), "status_label": labels.status(i.status),
                    "response": i.response, "owner": i.owner, "target": date(i.target), "progress": i.progress,
                })
            })
            .collect()
    };
    let mut jobs =
        vec![PageJob::new(c.url.clone(), "commitments.html", d.title.clone())
        .from(c)
        .crumbs(&[])
        .summary(Some(&d.summary))
        .dates(d.reviewed, d.review_by)
        .with(
            "commitments",
            json!({"title": d.title, "summary": d.summary, "source": d.source, "counts": counts,
                   "filter": null, "filters": filters_for(None), "items": item_values(None)}),
        )];
    for status in Status::ALL {
        let job =
            PageJob::new(status_url(&c.url, status), "commitments.html", format!("{}: {}", d.title, labels.status(status).to_lowercase()))
                .from(c)
                .crumbs(&[Crumb::Link(&d.title, &c.url)])
                .summary(Some(&d.summary))
                .dates(d.reviewed, d.review_by)
                .with(
                    "commitments",
                    json!({"title": d.title, "summary": d.summary, "source": d.source, "counts": counts,
                           "filter": status.key(), "filters": filters_for(Some(status)), "items": item_values(Some(status))}),
                );
        jobs.push(job);
    }
    jobs
}
