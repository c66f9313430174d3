//! The tier chooser as static pages: one page per question on each route through it, so
//! every answer is a plain link and the outcome page can list the answers that led there.
//! The address is the route: `/chooser/yes/no/`.

use super::Crumb;
use super::{link, offer_entry, offers_sorted, tier_title, Dep, PageJob};
use crate::content::{Content, Record};
use crate::model::Chooser;
use crate::model::MAX_ROUTES;
use crate::route::answer_slug;
use crate::route::{self, Kind};
use crate::wording::Made;
use serde_json::{json, Value};

/// An answer given on the way to a page: the question, the answer, and the page where the
/// question was asked (to change it).
#[derive(Clone)]
struct Given {
    question: String,
    answer: String,
    asked_at: String,
}

pub(super) fn chooser_pages<'a>(content: &'a Content, c: &'a Record<Chooser>) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    walk(
        content,
        c,
        &c.data.start,
        &c.url,
        &mut Vec::new(),
        &mut jobs,
    );
    jobs
}

fn walk<'a>(
    content: &'a Content,
    c: &'a Record<Chooser>,
    id: &str,
    url: &str,
    given: &mut Vec<Given>,
    jobs: &mut Vec<PageJob<'a>>,
) {
    let d = &c.data;
    // `check` renders even a chooser with errors: never loop, never explode.
    if jobs.len() > MAX_ROUTES * 4 || given.len() > d.questions.len() {
        return;
    }
    let so_far: Vec<Value> = given
        .iter()
        .map(|g| json!({"question": g.question, "answer": g.answer, "change_url": g.asked_at}))
        .collect();
    let crumbs = [Crumb::Made(Made::Tiers), Crumb::Link(&d.title, &c.url)];
    let at_start = given.is_empty();
    if let Some(q) = d.question(id) {
        let answers: Vec<Value> = q
            .answers
            .iter()
            .map(|a| link(&a.answer, &format!("{url}{}/", answer_slug(&a.answer))))
            .collect();
        let mut job = PageJob::new(url.to_string(), "chooser.html", q.question.clone())
            .from(c)
            .crumbs(if at_start { &crumbs[..1] } else { &crumbs[..] })
            .summary(at_start.then_some(d.summary.as_str()))
            .dates(d.reviewed, d.review_by)
            .with(
                "chooser",
                json!({
                    "kind": "question", "title": d.title, "start_url": c.url,
                    "number": given.len() + 1, "hint": q.hint, "answers": answers,
                    "so_far": so_far,
                }),
            );
        // One address in the sitemap: the start.
        job.in_sitemap = at_start;
        jobs.push(job);
        for a in &q.answers {
            given.push(Given {
                question: q.question.clone(),
                answer: a.answer.clone(),
                asked_at: url.to_string(),
            });
            let next_url = format!("{url}{}/", answer_slug(&a.answer));
            walk(content, c, &a.next, &next_url, given, jobs);
            given.pop();
        }
    } else if let Some(o) = d.outcome(id) {
        let title = tier_title(content, o.tier);
        let outcome = json!({
            "kind": "outcome", "title": d.title, "start_url": c.url,
            "tier": {"key": o.tier.key(), "title": title, "url": route::url_for(Kind::Tier, o.tier.key())},
            "text": o.text, "no_fit": d.no_fit, "so_far": so_far,
        });
        let tier = o.tier;
        let mut job = PageJob::new(
            url.to_string(),
            "chooser.html",
            format!("Suggested: {title}"),
        )
        .from(c)
        .crumbs(&crumbs)
        .dates(d.reviewed, d.review_by)
        .shows([
            Dep::Kind(Kind::Tier),
            Dep::Kind(Kind::Offer),
            Dep::Kind(Kind::Partner),
        ])
        .with_lazy("chooser", move |entries| {
            let offers: Vec<Value> = offers_sorted(content)
                .into_iter()
                .filter(|r| r.data.tier == tier)
                .map(|r| offer_entry(entries, content, r, 3))
                .collect();
            let mut outcome = outcome.clone();
            outcome["offers"] = Value::Array(offers);
            outcome
        });
        job.in_sitemap = false;
        jobs.push(job);
    }
}
