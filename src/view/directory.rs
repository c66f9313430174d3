//! Pages of the directory itself: partners (with the offers and protocol steps that name
//! them), protocols as numbered steps, and guidance by audience.

use super::context;
use super::Crumb;
use super::{card_deps, contact, date, link, offer_entry, Dep, PageJob, Want};
use crate::anchor;
use crate::content::{Content, Record};
use crate::model::flow::{Flow, To, Via};
use crate::model::Offer;
use crate::route::made;
use crate::route::{self, Kind};
use crate::wording::{Made, Wording};
use std::collections::BTreeMap;

pub(super) fn partner_pages<'a>(
    content: &'a Content,
    offers: &[&'a Record<Offer>],
    wording: &'a Wording,
    want: Want,
) -> Vec<PageJob<'a>> {
    let mut jobs = Vec::new();
    let mut groups: BTreeMap<&str, Vec<context::PartnerItem>> = BTreeMap::new();
    let mut partners: Vec<_> = content.partners.iter().collect();
    partners.sort_by(|a, b| (&a.data.name, &a.slug).cmp(&(&b.data.name, &b.slug)));
    if !want(made::PARTNERS) {
        partners.clear();
    }
    for p in &partners {
        groups
            .entry(wording.labels.partner_kind(p.data.kind))
            .or_default()
            .push(context::PartnerItem {
                title: p.data.name.clone(),
                url: p.url.clone(),
                role: p.data.role.clone(),
            });
    }
    let groups: Vec<context::PartnerGroup> = groups
        .into_iter()
        .map(|(k, v)| context::PartnerGroup {
            kind_label: k.to_string(),
            partners: v,
        })
        .collect();
    jobs.push(
        PageJob::made(made::PARTNERS, Made::Partners, "", move |_| {
            context::Partners {
                groups: groups.clone(),
            }
        })
        .shows([Dep::Kind(Kind::Partner)])
        .crumbs(&[]),
    );
    // Indexes keep partner pages linear in the number of pages.
    let mut offers_by_provider: BTreeMap<&str, Vec<&Record<Offer>>> = BTreeMap::new();
    for o in offers {
        offers_by_provider
            .entry(o.data.provider.as_str())
            .or_default()
            .push(o);
    }
    let mut steps_by_partner: BTreeMap<&str, Vec<context::PartnerStep>> = BTreeMap::new();
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
                    .push(context::PartnerStep {
                        protocol: link(&proto.data.title, &proto.url),
                        step: link(&s.title, &format!("{}#{}", proto.url, anchor::step(&s.id))),
                    });
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
        let (offers_by_provider, steps_by_partner) =
            (offers_by_provider.clone(), steps_by_partner.clone());
        let mut job = PageJob::new(p.url.clone(), d.name.clone(), move |entries| {
            let offers = offers_by_provider
                .get(p.slug.as_str())
                .map(|list| {
                    list.iter()
                        .map(|o| offer_entry(entries, content, o, 3))
                        .collect()
                })
                .unwrap_or_default();
            context::PartnerPage {
                partner: context::Partner {
                    title: d.name.clone(),
                    kind_label: wording.labels.partner_kind(d.kind).to_string(),
                    role: d.role.clone(),
                    areas: d.areas.clone(),
                    contacts: d
                        .contacts
                        .iter()
                        .map(|c| contact(c, d.verified, &wording.dates))
                        .collect(),
                    verified: date(d.verified, &wording.dates),
                    body_html: p.body.html.clone(),
                    steps: steps_by_partner
                        .get(p.slug.as_str())
                        .cloned()
                        .unwrap_or_default(),
                    offers,
                },
            }
        })
        .from(p)
        .shows([Dep::Kind(Kind::Tier)])
        .shows(shown);
        job.deps.dedup();
        jobs.push(
            job.crumbs(&[Crumb::Made(Made::Partners)])
                .summary(Some(&d.role))
                .dates(Some(d.reviewed), Some(d.review_by)),
        );
    }
    jobs
}

pub(super) fn protocol_pages<'a>(
    content: &'a Content,
    wording: &Wording,
    want: Want,
) -> Vec<PageJob<'a>> {
    let words = &wording.protocols;
    let mut jobs = Vec::new();
    let mut list = Vec::new();
    for p in &content.protocols {
        let d = &p.data;
        list.push(context::ProtocolItem {
            title: d.title.clone(),
            url: p.url.clone(),
            summary: d.summary.clone(),
            stage_count: d.stages.len(),
            step_count: d.steps().count(),
        });
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
            context::Target {
                title: s.title.clone(),
                number: n + 1,
                url: format!("#{}", anchor::step(&s.id)),
            }
        };
        let mut n = 0;
        let mut stage_values: Vec<context::Stage> = Vec::new();
        for stage in &d.stages {
            let mut steps = Vec::new();
            for s in &stage.steps {
                let partners = s
                    .partners
                    .iter()
                    .filter_map(|slug| content.partner(slug))
                    .map(|pr| link(&pr.data.name, &pr.url))
                    .collect();
                steps.push(context::Step {
                    id: s.id.clone(),
                    anchor: anchor::step(&s.id),
                    number: n + 1,
                    reference: s.reference.clone(),
                    title: s.title.clone(),
                    lead: s.lead.clone(),
                    partners,
                    timing: s.timing.map(|t| wording.timing.describe(&t)),
                    actions: s.actions.clone(),
                    questions: s.questions.clone(),
                    ways: ways(d, &flow, n, &target, words),
                    // Kept for sites whose own template lists the branches as before.
                    branches: flow
                        .from(n)
                        .filter_map(|e| match (e.via, e.to) {
                            (Via::Branch(b), To::Step(t)) => Some(context::Branch {
                                condition: s.branches[b].condition.clone(),
                                target: target(t),
                            }),
                            _ => None,
                        })
                        .collect(),
                    or_before: alternative_to_previous(&flow, n),
                });
                n += 1;
            }
            stage_values.push(context::Stage {
                id: stage.id.clone(),
                anchor: anchor::stage(&stage.id),
                number: stage_values.len() + 1,
                title: stage.title.clone(),
                summary: stage.summary.clone(),
                steps,
            });
        }
        let pathways: Vec<context::Pathway> = flow
            .pathways
            .iter()
            .enumerate()
            .map(|(pi, pathway)| {
                let stages = pathway
                    .stages
                    .clone()
                    .filter_map(|si| stage_values.get(si).cloned())
                    .collect();
                context::Pathway {
                    id: pathway.id.to_string(),
                    anchor: anchor::pathway(&pathway.id),
                    number: pi + 1,
                    title: flow.pathway_title(d, pi).to_string(),
                    start: pathway.start.map(target),
                    stages,
                }
            })
            .collect();
        // The planner lists the timed steps, under the protocol's slug.
        let timed = d.steps().any(|(_, _, s)| s.timing.is_some());
        let planner = content
            .planner
            .as_ref()
            .filter(|_| timed)
            .map(|pl| format!("{}#plan-{}", pl.url, super::planner::section_id(&p.slug)));
        let protocol = context::Protocol {
            title: d.title.clone(),
            summary: d.summary.clone(),
            source: d.source.clone(),
            pathways,
            stages: stage_values,
            stage_count: d.stages.len(),
            flowchart_svg: crate::flowchart::svg(d, &flow, "flowchart", wording),
            planner_url: planner,
        };
        jobs.push(
            PageJob::new(p.url.clone(), d.title.clone(), move |_| {
                context::ProtocolPage {
                    protocol: protocol.clone(),
                }
            })
            .from(p)
            .shows(shown)
            .shows([Dep::Url(route::url_for(Kind::Planner, ""))])
            .crumbs(&[Crumb::Made(Made::Protocols)])
            .summary(Some(&d.summary))
            .dates(d.reviewed, d.review_by),
        );
    }
    list.sort_by(|a, b| a.title.cmp(&b.title));
    let planner = content.planner.as_ref().map(|pl| context::PlannerLink {
        url: pl.url.clone(),
        title: pl.data.title.clone(),
        summary: pl.data.summary.clone(),
    });
    jobs.push(
        PageJob::made(made::PROTOCOLS, Made::Protocols, "", move |_| {
            context::Protocols {
                protocols: list.clone(),
                planner: planner.clone(),
            }
        })
        .shows([
            Dep::Kind(Kind::Protocol),
            Dep::Url(route::url_for(Kind::Planner, "")),
        ])
        .crumbs(&[]),
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
        groups.push(context::GuidanceGroup {
            audience: audience.key(),
            audience_label: wording.labels.audience(audience).to_string(),
            items: items
                .iter()
                .map(|g| context::GuidanceItem {
                    title: g.data.title.clone(),
                    url: g.url.clone(),
                    summary: g.data.summary.clone(),
                })
                .collect(),
        });
    }
    jobs.push(
        PageJob::made(made::GUIDANCE, Made::Guidance, "", move |_| {
            context::GuidanceList {
                groups: groups.clone(),
            }
        })
        .shows([Dep::Kind(Kind::Guidance)])
        .crumbs(&[]),
    );
    for g in content.guidance.iter().filter(|g| want(&g.url)) {
        let d = &g.data;
        jobs.push(
            PageJob::new(g.url.clone(), d.title.clone(), move |_| {
                context::GuidancePage {
                    guidance: context::Guidance {
                        title: d.title.clone(),
                        audience: d.audience.key(),
                        audience_label: wording.labels.audience(d.audience).to_string(),
                        summary: d.summary.clone(),
                        body_html: g.body.html.clone(),
                    },
                }
            })
            .from(g)
            .crumbs(&[Crumb::Made(Made::Guidance)])
            .summary(Some(&d.summary))
            .dates(d.reviewed, d.review_by),
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
    target: &impl Fn(usize) -> context::Target,
    words: &crate::wording::ProtocolWording,
) -> Vec<context::Way> {
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
                Via::Next { .. } if branching => Some(words.otherwise.clone()),
                Via::Next { .. } => match e.to {
                    To::Step(_) => Some(words.next.clone()),
                    To::End => None,
                },
            };
            let to = match e.to {
                To::Step(t) => Some(target(t)),
                To::End => None,
            };
            context::Way {
                or: k > 0,
                label,
                target: to,
            }
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
