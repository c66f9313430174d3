//! The tier chooser as static pages: one page per question on each route through it, so
//! every answer is a plain link and the outcome page can list the answers that led there.
//! The address is the route: `/chooser/yes/no/`.

use super::context;
use super::Crumb;
use super::{link, offer_entry, offers_sorted, tier_title, Dep, PageJob};
use crate::content::{Content, Record};
use crate::model::Chooser;
use crate::model::MAX_ROUTES;
use crate::route::{self, Kind};
use crate::wording::{fill, Made, Wording};

/// An answer given on the way to a page: the question, the answer, and the page where the
/// question was asked (to change it).
#[derive(Clone)]
struct Given {
    question: String,
    answer: String,
    asked_at: String,
}

pub(super) fn chooser_pages<'a>(
    content: &'a Content,
    c: &'a Record<Chooser>,
    wording: &Wording,
) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    walk(
        content,
        c,
        wording,
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
    wording: &Wording,
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
    let so_far: Vec<context::Given> = given
        .iter()
        .map(|g| context::Given {
            question: g.question.clone(),
            answer: g.answer.clone(),
            change_url: g.asked_at.clone(),
        })
        .collect();
    let crumbs = [Crumb::Made(Made::Tiers), Crumb::Link(&d.title, &c.url)];
    let at_start = given.is_empty();
    if let Some(q) = d.question(id) {
        let answers: Vec<context::Link> = q
            .answers
            .iter()
            .map(|a| {
                link(
                    &a.answer,
                    &format!("{url}{}/", crate::route::answer_address(a)),
                )
            })
            .collect();
        let page = context::ChooserPage {
            chooser: context::Chooser::Question {
                title: d.title.clone(),
                start_url: c.url.clone(),
                so_far,
                number: given.len() + 1,
                hint: q.hint.clone(),
                answers,
            },
        };
        let mut job = PageJob::new(url.to_string(), q.question.clone(), move |_| page.clone())
            .from(c)
            .crumbs(if at_start { &crumbs[..1] } else { &crumbs[..] })
            .summary(at_start.then_some(d.summary.as_str()))
            .dates(d.reviewed, d.review_by);
        // One address in the sitemap: the start.
        job.in_sitemap = at_start;
        jobs.push(job);
        for a in &q.answers {
            given.push(Given {
                question: q.question.clone(),
                answer: a.answer.clone(),
                asked_at: url.to_string(),
            });
            let next_url = format!("{url}{}/", crate::route::answer_address(a));
            walk(content, c, wording, &a.next, &next_url, given, jobs);
            given.pop();
        }
    } else if let Some(o) = d.outcome(id) {
        let title = tier_title(content, o.tier, wording);
        let tier_name = context::TierName {
            key: o.tier.key(),
            title: title.clone(),
            url: route::url_for(Kind::Tier, o.tier.key()),
        };
        let tier = o.tier;
        let page_title = fill(&wording.chooser.outcome_title, &[("tier", &title)]);
        let mut job = PageJob::new(url.to_string(), page_title, {
            move |entries| context::ChooserPage {
                chooser: context::Chooser::Outcome {
                    title: d.title.clone(),
                    start_url: c.url.clone(),
                    so_far: so_far.clone(),
                    tier: tier_name.clone(),
                    text: o.text.clone(),
                    offers: offers_sorted(content)
                        .into_iter()
                        .filter(|r| r.data.tier == tier)
                        .map(|r| offer_entry(entries, content, r, 3))
                        .collect(),
                    no_fit: d.no_fit.clone(),
                },
            }
        })
        .from(c)
        .crumbs(&crumbs)
        .dates(d.reviewed, d.review_by)
        .shows([
            Dep::Kind(Kind::Tier),
            Dep::Kind(Kind::Offer),
            Dep::Kind(Kind::Partner),
        ]);
        job.in_sitemap = false;
        jobs.push(job);
    }
}
