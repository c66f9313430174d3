//! Pages of the directory itself: partners (with the offers and protocol steps that name
//! them), protocols as numbered steps, and guidance by audience.

use super::Crumb;
use super::{card_deps, contact, date, link, offer_entry, Dep, PageJob, Want};
use crate::anchor;
use crate::content::{Content, Record};
use crate::model::flow::{Flow, To, Via};
use crate::model::Offer;
use crate::route::made;
use crate::route::{self, Kind};
use crate::wording::{Made, Wording};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub(super) fn partner_pages<'a>(
    content: &'a Content,
    offers: &[&'a Record<Offer>],
    wording: &'a Wording,
    want: Want,
) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    let mut groups: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut partners: Vec<_> = content.partners.iter().collect();
    partners.sort_by(|a, b| (&a.data.name, &a.slug).cmp(&(&b.data.name, &b.slug)));
    if !want(made::PARTNERS) {
        partners.clear();
    }
    for p in &partners {
        groups
            .entry(wording.labels.partner_kind(p.data.kind))
            .or_default()
            .push(json!({"title": p.data.name, "url": p.url, "role": p.data.role}));
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(k, v)| json!({"kind_label": k, "partners": v}))
        .collect();
    jobs.push(
        PageJob::made(made::PARTNERS, "partners.html", Made::Partners, "")
            .shows([Dep::Kind(Kind::Partner)])
            .crumbs(&[])
            .with("groups", Value::Array(groups)),
    );
    // Indexes keep partner pages linear in the number of pages.
    let mut offers_by_provider: BTreeMap<&str, Vec<&Record<Offer>>> = BTreeMap::new();
    for o in offers {
        offers_by_provider
            .entry(o.data.provider.as_str())
            .or_default()
            .push(o);
    }
    let mut steps_by_partner: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut protocols_by_partner: BTreeMap<&str, Vec<Dep>> = BTreeMap::new();
    for proto in &content.protocols {
        for (_, _, s) in proto.data.steps() {
            for partner in &s.partners {
                protocols_by_partner
                    .entry(partner.as_str())
                    .or_default()
                    .push(Dep::Url(proto.url.clone()));
                steps_by_partner
                    .entry(partner.as_str())
                    .or_default()
                    .push(json!({
                        "protocol": link(&proto.data.title, &proto.url),
                        "step": link(&s.title, &format!("{}#{}", proto.url, anchor::step(&s.id))),
                    }));
            }
        }
    }
    let offers_by_provider = std::sync::Arc::new(offers_by_provider);
    let steps_by_partner = std::sync::Arc::new(steps_by_partner);
    for p in content.partners.iter().filter(|p| want(&p.url)) {
        let d = &p.data;
        let shown = offers_by_provider
            .get(p.slug.as_str())
            .into_iter()
            .flatten()
            .flat_map(|o| card_deps(o))
            .chain(
                protocols_by_partner
                    .remove(p.slug.as_str())
                    .unwrap_or_default(),
            );
        let mut job = PageJob::new(p.url.clone(), "partner.html", d.name.clone())
            .from(p)
            .shows([Dep::Kind(Kind::Tier)])
            .shows(shown);
        job.deps.dedup();
        let (offers_by_provider, steps_by_partner) =
            (offers_by_provider.clone(), steps_by_partner.clone());
        jobs.push(
            job
                .crumbs(&[Crumb::Made(Made::Partners)])
                .summary(Some(&d.role))
                .dates(Some(d.reviewed), Some(d.review_by))
                .with_lazy("partner", move |entries| {
                    let their_offers: Vec<Value> = offers_by_provider
                        .get(p.slug.as_str())
                        .map(|list| list.iter().map(|o| offer_entry(entries, content, o, 3)).collect())
                        .unwrap_or_default();
                    let mut partner = json!({
                        "title": d.name, "kind_label": wording.labels.partner_kind(d.kind), "role": d.role, "areas": d.areas,
                        "contacts": d.contacts.iter().map(|c| contact(c, d.verified)).collect::<Vec<_>>(),
                        "verified": date(d.verified), "body_html": p.body.html,
                        "steps": steps_by_partner.get(p.slug.as_str()).cloned().unwrap_or_default(),
                    });
                    partner["offers"] = Value::Array(their_offers);
                    partner
                }),
        );
    }
    jobs
}

pub(super) fn protocol_pages<'a>(content: &'a Content, want: Want) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    let mut list = Vec::new();
    for p in &content.protocols {
        let d = &p.data;
        list.push(json!({"title": d.title, "url": p.url, "summary": d.summary, "stage_count": d.stages.len(), "step_count": d.steps().count()}));
        if !want(&p.url) {
            continue;
        }
        // Partners named in steps show with their names.
        let shown: Vec<Dep> = d
            .steps()
            .flat_map(|(_, _, s)| &s.partners)
            .map(|slug| Dep::Url(route::url_for(Kind::Partner, slug)))
            .collect();
        let flow = Flow::of(d);
        let target = |n: usize| {
            let (si, i) = flow.steps[n];
            let s = &d.stages[si].steps[i];
            json!({"title": s.title, "number": n + 1, "url": format!("#{}", anchor::step(&s.id))})
        };
        let mut n = 0;
        let mut stage_values = Vec::new();
        for stage in &d.stages {
            let mut steps = Vec::new();
            for s in &stage.steps {
                let partners: Vec<Value> = s
                    .partners
                    .iter()
                    .filter_map(|slug| content.partner(slug))
                    .map(|pr| link(&pr.data.name, &pr.url))
                    .collect();
                steps.push(json!({
                    "id": s.id, "anchor": anchor::step(&s.id), "number": n + 1,
                    "ref": s.reference, "title": s.title, "lead": s.lead, "partners": partners,
                    "timing": s.timing.map(|t| t.describe()), "actions": s.actions,
                    "questions": s.questions, "ways": ways(d, &flow, n, &target),
                    // Kept for sites whose own template lists the branches as before.
                    "branches": flow.from(n).filter_map(|e| match (e.via, e.to) {
                        (Via::Branch(b), To::Step(t)) => Some(json!({"condition": s.branches[b].condition, "target": target(t)})),
                        _ => None,
                    }).collect::<Vec<Value>>(),
                    "or_before": alternative_to_previous(&flow, n),
                }));
                n += 1;
            }
            stage_values.push(json!({"id": stage.id, "anchor": anchor::stage(&stage.id), "number": stage_values.len() + 1, "title": stage.title, "summary": stage.summary, "steps": steps}));
        }
        let pathways: Vec<Value> = flow
            .pathways
            .iter()
            .enumerate()
            .map(|(pi, pathway)| {
                let stages: Vec<Value> = pathway
                    .stages
                    .clone()
                    .filter_map(|si| stage_values.get(si).cloned())
                    .collect();
                json!({
                    "id": pathway.id, "anchor": anchor::pathway(&pathway.id), "number": pi + 1,
                    "title": flow.pathway_title(d, pi), "start": pathway.start.map(target),
                    "stages": stages,
                })
            })
            .collect();
        // The planner lists the timed steps, under the protocol's slug.
        let timed = d.steps().any(|(_, _, s)| s.timing.is_some());
        let planner = content
            .planner
            .as_ref()
            .filter(|_| timed)
            .map(|pl| format!("{}#plan-{}", pl.url, super::planner::section_id(&p.slug)));
        jobs.push(
            PageJob::new(p.url.clone(), "protocol.html", d.title.clone())
                .from(p)
                .shows(shown)
                .shows([Dep::Url(route::url_for(Kind::Planner, ""))])
                .crumbs(&[Crumb::Made(Made::Protocols)])
                .summary(Some(&d.summary))
                .dates(d.reviewed, d.review_by)
                .with(
                    "protocol",
                    json!({
                        "title": d.title, "summary": d.summary, "source": d.source,
                        "pathways": pathways, "stage_count": d.stages.len(), "stages": stage_values,
                        "flowchart_svg": crate::flowchart::svg(d, &flow, "flowchart"),
                        "planner_url": planner,
                    }),
                ),
        );
    }
    list.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
    jobs.push(
        PageJob::made(made::PROTOCOLS, "protocols.html", Made::Protocols, "")
            .shows([
                Dep::Kind(Kind::Protocol),
                Dep::Url(route::url_for(Kind::Planner, "")),
            ])
            .crumbs(&[])
            .with("protocols", json!(list))
            .with(
                "planner",
                json!(content.planner.as_ref().map(
                    |pl| json!({"url": pl.url, "title": pl.data.title, "summary": pl.data.summary})
                )),
            ),
    );
    jobs
}

pub(super) fn guidance_pages<'a>(
    content: &'a Content,
    wording: &'a Wording,
    want: Want,
) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    let mut groups = Vec::new();
    let audiences = if want(made::GUIDANCE) {
        &crate::model::Audience::ALL[..]
    } else {
        &[]
    };
    for audience in audiences.iter().copied() {
        let mut items: Vec<_> = content
            .guidance
            .iter()
            .filter(|g| g.data.audience == audience)
            .collect();
        items.sort_by(|a, b| (&a.data.title, &a.slug).cmp(&(&b.data.title, &b.slug)));
        if items.is_empty() {
            continue;
        }
        let items: Vec<Value> = items
            .iter()
            .map(|g| json!({"title": g.data.title, "url": g.url, "summary": g.data.summary}))
            .collect();
        let mut group = json!({"audience": audience.key(), "audience_label": wording.labels.audience(audience)});
        group["items"] = Value::Array(items);
        groups.push(group);
    }
    jobs.push(
        PageJob::made(made::GUIDANCE, "guidance_list.html", Made::Guidance, "")
            .shows([Dep::Kind(Kind::Guidance)])
            .crumbs(&[])
            .with("groups", Value::Array(groups)),
    );
    for g in content.guidance.iter().filter(|g| want(&g.url)) {
        let d = &g.data;
        jobs.push(
            PageJob::new(g.url.clone(), "guidance.html", d.title.clone())
                .from(g)
                .crumbs(&[Crumb::Made(Made::Guidance)])
                .summary(Some(&d.summary))
                .dates(d.reviewed, d.review_by)
                .with_lazy("guidance", move |_| json!({"title": d.title, "audience": d.audience.key(), "audience_label": wording.labels.audience(d.audience), "summary": d.summary, "body_html": g.body.html})),
        );
    }
    jobs
}

/// The ways on from step `n` as the step list words them, leaving out the plain "next
/// step" to the step listed right after it in the same stage.
fn ways(
    protocol: &crate::model::Protocol,
    flow: &Flow,
    n: usize,
    target: &impl Fn(usize) -> Value,
) -> Vec<Value> {
    let (si, i) = flow.steps[n];
    let step = &protocol.stages[si].steps[i];
    let branching = !step.branches.is_empty();
    flow.from(n)
        .enumerate()
        .filter(|(_, e)| {
            let obvious =
                e.to == To::Step(n + 1) && flow.steps.get(n + 1).is_some_and(|&(s, _)| s == si);
            !(obvious && e.via == (Via::Next { written: false }))
        })
        .map(|(k, e)| {
            let label = match e.via {
                Via::Branch(b) => Some(step.branches[b].condition.clone()),
                Via::Next { .. } if branching => Some("Otherwise".to_string()),
                Via::Next { .. } => match e.to {
                    To::Step(_) => Some("Next".to_string()),
                    To::End => None,
                },
            };
            let to = match e.to {
                To::Step(t) => Some(target(t)),
                To::End => None,
            };
            json!({"or": k > 0, "label": label, "target": to})
        })
        .collect()
}

/// Whether step `n` and the step listed before it are alternatives: two ways on from
/// one step (e.g. "if accommodation is secured" and "if no accommodation is secured").
fn alternative_to_previous(flow: &Flow, n: usize) -> bool {
    n > 0
        && flow.into(n).any(|into| {
            flow.into(n - 1)
                .any(|prev| prev.from == into.from && prev.from != n - 1)
        })
}
