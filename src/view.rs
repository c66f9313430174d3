//! What each template sees: turns the validated [`Content`] into one context per page.
//!
//! The shapes are documented in `docs/templates.md`; keep the two in step.

use crate::anchor;
use crate::config::Config;
use crate::content::{Content, Record};
use crate::model::{Contact, IsoDate, Offer, Status, Tier};
use crate::route::{self, Kind};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One page to render: its URL, template, the page-specific context, and the content
/// file it comes from (named in template errors).
pub struct PageJob {
    pub url: String,
    pub template: &'static str,
    pub title: String,
    pub summary: Option<String>,
    pub breadcrumbs: Vec<(String, String)>,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
    pub source_file: Option<String>,
    pub context: Value,
    /// Listed in the sitemap (not the 404 page).
    pub in_sitemap: bool,
}

fn date(d: Option<IsoDate>) -> Value {
    d.map_or(
        Value::Null,
        |d| json!({ "iso": d.iso(), "display": d.display() }),
    )
}

fn link(title: &str, url: &str) -> Value {
    json!({ "title": title, "url": url })
}

impl PageJob {
    fn new(url: impl Into<String>, template: &'static str, title: impl Into<String>) -> Self {
        PageJob {
            url: url.into(),
            template,
            title: title.into(),
            summary: None,
            breadcrumbs: Vec::new(),
            reviewed: None,
            review_by: None,
            source_file: None,
            context: json!({}),
            in_sitemap: true,
        }
    }

    fn crumbs(mut self, crumbs: &[(&str, &str)]) -> Self {
        self.breadcrumbs = std::iter::once(("Home", "/"))
            .chain(crumbs.iter().copied())
            .map(|(t, u)| (t.to_string(), u.to_string()))
            .collect();
        self
    }

    fn from<T>(mut self, r: &Record<T>) -> Self {
        self.source_file = Some(r.source.file.clone());
        self
    }

    fn dates(mut self, reviewed: Option<IsoDate>, review_by: Option<IsoDate>) -> Self {
        self.reviewed = reviewed;
        self.review_by = review_by;
        self
    }

    fn with(mut self, key: &str, value: Value) -> Self {
        if let Value::Object(map) = &mut self.context {
            map.insert(key.to_string(), value);
        }
        self
    }

    fn summary(mut self, s: Option<&str>) -> Self {
        self.summary = s.map(str::to_string);
        self
    }

    /// The `page` object every template gets.
    pub fn page_value(&self) -> Value {
        let crumbs: Vec<Value> = self.breadcrumbs.iter().map(|(t, u)| link(t, u)).collect();
        json!({
            "url": self.url,
            "title": self.title,
            "summary": self.summary,
            "breadcrumbs": crumbs,
            "reviewed": date(self.reviewed),
            "review_by": date(self.review_by),
            "template": self.template,
        })
    }
}

/// Navigation shared by every page.
pub fn nav(content: &Content) -> Value {
    let mut items = vec![
        link("Support tiers", "/tiers/"),
        link("Services", "/offers/"),
        link("Partners", "/partners/"),
        link("Protocols", "/protocols/"),
        link("Guidance", "/guidance/"),
        link("Glossary", "/glossary/"),
    ];
    if content.commitments.is_some() {
        items.push(link("Commitments", "/commitments/"));
    }
    Value::Array(items)
}

pub fn site_value(config: &Config) -> Value {
    json!({
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
    })
}

fn contact(c: &Contact, inherited: Option<IsoDate>) -> Value {
    json!({
        "role": c.role, "phone": c.phone, "email": c.email, "address": c.address,
        "hours": c.hours, "notes": c.notes, "url": c.url,
        "verified": date(c.verified.or(inherited)),
    })
}

fn tier_title(content: &Content, tier: Tier) -> String {
    content
        .tiers
        .iter()
        .find(|t| t.data.tier == tier)
        .map_or_else(
            || format!("{} complexity", tier.name()),
            |t| t.data.title.clone(),
        )
}

fn offer_card(content: &Content, o: &Record<Offer>) -> Value {
    let provider = content.partner(&o.data.provider).map_or_else(
        || link(&o.data.provider, "/partners/"),
        |p| link(&p.data.name, &p.url),
    );
    json!({
        "title": o.data.title, "url": o.url, "summary": o.data.summary,
        "tier_key": o.data.tier.key(), "tier_title": tier_title(content, o.data.tier),
        "provider": provider, "regions": o.data.regions,
    })
}

fn offers_sorted(content: &Content) -> Vec<&Record<Offer>> {
    let mut v: Vec<_> = content.offers.iter().collect();
    v.sort_by(|a, b| {
        (a.data.tier, &a.data.title, &a.slug).cmp(&(b.data.tier, &b.data.title, &b.slug))
    });
    v
}

fn tier_value(
    content: &Content,
    t: &Record<crate::model::TierPage>,
    offers: &BTreeMap<Tier, Vec<Value>>,
) -> Value {
    let d = &t.data;
    let includes: Vec<Value> = d
        .tier
        .below()
        .map(|b| {
            link(
                &tier_title(content, b),
                &route::url_for(Kind::Tier, b.key()),
            )
        })
        .collect();
    let interventions: Vec<Value> = d
        .interventions
        .iter()
        .map(|i| json!({"letter": i.letter, "text": i.text}))
        .collect();
    json!({
        "key": d.tier.key(), "name": d.tier.name(), "title": d.title, "url": t.url,
        "summary": d.summary, "who_for": d.who_for, "sessions": d.sessions, "weeks": d.weeks,
        "interventions": interventions, "includes": includes, "body_html": t.body.html,
        "offers": offers.get(&d.tier).cloned().unwrap_or_default(),
    })
}

/// Every page of the site, in URL order.
pub fn pages(content: &Content) -> Vec<PageJob> {
    let mut jobs = Vec::new();
    let offers = offers_sorted(content);
    let mut by_tier: BTreeMap<Tier, Vec<Value>> = BTreeMap::new();
    for o in &offers {
        by_tier
            .entry(o.data.tier)
            .or_default()
            .push(offer_card(content, o));
    }
    let tiers: Vec<Value> = content
        .tiers
        .iter()
        .map(|t| tier_value(content, t, &by_tier))
        .collect();

    // Home
    let mut home = PageJob::new("/", "home.html", "Home");
    if let Some(h) = &content.home {
        home = home
            .from(h)
            .summary(h.data.summary.as_deref())
            .dates(h.data.reviewed, h.data.review_by);
        home.title = h.data.title.clone();
    }
    let intro = content
        .home
        .as_ref()
        .map_or(String::new(), |h| h.body.html.clone());
    let audiences = json!([
        {"title": "I work with people on probation", "url": "/tiers/", "text": "Choose the right level of support, find a service or contact, and follow a protocol step by step."},
        {"title": "I am on probation", "url": "/guidance/#participant", "text": "Find out what housing support to expect, in plain English."},
        {"title": "I edit this directory", "url": "/guidance/#editor", "text": "How to update services, contacts and guidance."},
    ]);
    jobs.push(
        home.with("intro_html", json!(intro))
            .with("audiences", audiences)
            .with("tiers", json!(tiers)),
    );

    // Tiers
    jobs.push(
        PageJob::new("/tiers/", "tiers.html", "Support tiers compared")
            .crumbs(&[])
            .summary(Some("Low, medium and high complexity support side by side. Each tier includes the support of the tiers below it."))
            .with("tiers", json!(tiers)),
    );
    for (t, value) in content.tiers.iter().zip(&tiers) {
        jobs.push(
            PageJob::new(t.url.clone(), "tier.html", t.data.title.clone())
                .from(t)
                .crumbs(&[("Support tiers", "/tiers/")])
                .summary(Some(&t.data.summary))
                .dates(t.data.reviewed, t.data.review_by)
                .with("tier", value.clone()),
        );
    }

    // Offers
    let cards: Vec<Value> = offers.iter().map(|o| offer_card(content, o)).collect();
    let groups: Vec<Value> = Tier::ALL
        .iter()
        .filter_map(|t| {
            by_tier.get(t).map(|list| json!({"tier": link(&tier_title(content, *t), &route::url_for(Kind::Tier, t.key())), "offers": list}))
        })
        .collect();
    jobs.push(
        PageJob::new("/offers/", "offers.html", "Services")
            .crumbs(&[])
            .summary(Some("Accommodation support services, by tier."))
            .with("offers", json!(cards))
            .with("by_tier", json!(groups)),
    );
    for o in &content.offers {
        let d = &o.data;
        let mut card = offer_card(content, o);
        let extra = json!({
            "tier_url": route::url_for(Kind::Tier, d.tier.key()),
            "eligibility": {
                "cohorts": d.eligibility.cohorts, "age_min": d.eligibility.age_min,
                "age_max": d.eligibility.age_max, "gender_label": d.eligibility.gender.label(),
            },
            "support": d.support, "how_to_refer": d.how_to_refer,
            "contacts": d.contacts.iter().map(|c| contact(c, None)).collect::<Vec<_>>(),
            "sessions": d.sessions, "weeks": d.weeks, "owner": d.owner, "body_html": o.body.html,
        });
        merge(&mut card, extra);
        jobs.push(
            PageJob::new(o.url.clone(), "offer.html", d.title.clone())
                .from(o)
                .crumbs(&[("Services", "/offers/")])
                .summary(Some(&d.summary))
                .dates(Some(d.reviewed), Some(d.review_by))
                .with("offer", card),
        );
    }

    jobs.extend(partner_pages(content, &offers));
    jobs.extend(protocol_pages(content));
    jobs.extend(guidance_pages(content));

    for p in &content.pages {
        jobs.push(
            PageJob::new(p.url.clone(), "page.html", p.data.title.clone())
                .from(p)
                .crumbs(&[])
                .summary(p.data.summary.as_deref())
                .dates(p.data.reviewed, p.data.review_by)
                .with("body_html", json!(p.body.html)),
        );
    }

    jobs.push(glossary_page(content));
    if let Some(c) = &content.commitments {
        jobs.push(commitments_page(c));
    }
    let mut not_found = PageJob::new("/404.html", "404.html", "Page not found").crumbs(&[]);
    not_found.in_sitemap = false;
    jobs.push(not_found);
    jobs.sort_by(|a, b| a.url.cmp(&b.url));
    jobs
}

fn merge(into: &mut Value, extra: Value) {
    if let (Value::Object(a), Value::Object(b)) = (into, extra) {
        a.extend(b);
    }
}

fn partner_pages(content: &Content, offers: &[&Record<Offer>]) -> Vec<PageJob> {
    let mut jobs = Vec::new();
    let mut groups: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut partners: Vec<_> = content.partners.iter().collect();
    partners.sort_by(|a, b| (&a.data.name, &a.slug).cmp(&(&b.data.name, &b.slug)));
    for p in &partners {
        groups
            .entry(p.data.kind.label())
            .or_default()
            .push(json!({"title": p.data.name, "url": p.url, "role": p.data.role}));
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(k, v)| json!({"kind_label": k, "partners": v}))
        .collect();
    jobs.push(
        PageJob::new("/partners/", "partners.html", "Partners")
            .crumbs(&[])
            .summary(Some("The agencies that work together on housing for people on probation, and how to contact them."))
            .with("groups", json!(groups)),
    );
    for p in &content.partners {
        let d = &p.data;
        let their_offers: Vec<Value> = offers
            .iter()
            .filter(|o| o.data.provider == p.slug)
            .map(|o| offer_card(content, o))
            .collect();
        let mut steps = Vec::new();
        for proto in &content.protocols {
            for (_, _, s) in proto.data.steps() {
                if s.partners.iter().any(|x| x == &p.slug) {
                    steps.push(json!({
                        "protocol": link(&proto.data.title, &proto.url),
                        "step": link(&s.title, &format!("{}#{}", proto.url, anchor::step(&s.id))),
                    }));
                }
            }
        }
        let value = json!({
            "title": d.name, "kind_label": d.kind.label(), "role": d.role, "areas": d.areas,
            "contacts": d.contacts.iter().map(|c| contact(c, d.verified)).collect::<Vec<_>>(),
            "verified": date(d.verified), "body_html": p.body.html,
            "offers": their_offers, "steps": steps,
        });
        jobs.push(
            PageJob::new(p.url.clone(), "partner.html", d.name.clone())
                .from(p)
                .crumbs(&[("Partners", "/partners/")])
                .summary(Some(&d.role))
                .dates(Some(d.reviewed), Some(d.review_by))
                .with("partner", value),
        );
    }
    jobs
}

fn protocol_pages(content: &Content) -> Vec<PageJob> {
    let mut jobs = Vec::new();
    let mut list = Vec::new();
    for p in &content.protocols {
        let d = &p.data;
        let numbers: BTreeMap<&str, usize> = d
            .steps()
            .enumerate()
            .map(|(n, (_, _, s))| (s.id.as_str(), n + 1))
            .collect();
        let titles: BTreeMap<&str, &str> = d
            .steps()
            .map(|(_, _, s)| (s.id.as_str(), s.title.as_str()))
            .collect();
        let stages: Vec<Value> = d
            .stages
            .iter()
            .map(|stage| {
                let steps: Vec<Value> = stage
                    .steps
                    .iter()
                    .map(|s| {
                        let partners: Vec<Value> = s
                            .partners
                            .iter()
                            .filter_map(|slug| content.partner(slug))
                            .map(|pr| link(&pr.data.name, &pr.url))
                            .collect();
                        let branches: Vec<Value> = s
                            .branches
                            .iter()
                            .map(|b| {
                                json!({"condition": b.condition, "target": {
                                    "title": titles.get(b.goto.as_str()).copied().unwrap_or(&b.goto),
                                    "number": numbers.get(b.goto.as_str()),
                                    "url": format!("#{}", anchor::step(&b.goto)),
                                }})
                            })
                            .collect();
                        json!({
                            "id": s.id, "anchor": anchor::step(&s.id), "number": numbers.get(s.id.as_str()),
                            "ref": s.reference, "title": s.title, "lead": s.lead, "partners": partners,
                            "timing": s.timing.map(|t| t.describe()), "actions": s.actions,
                            "questions": s.questions, "branches": branches,
                        })
                    })
                    .collect();
                json!({"id": stage.id, "anchor": anchor::stage(&stage.id), "title": stage.title, "summary": stage.summary, "steps": steps})
            })
            .collect();
        list.push(json!({"title": d.title, "url": p.url, "summary": d.summary, "stage_count": d.stages.len(), "step_count": numbers.len()}));
        jobs.push(
            PageJob::new(p.url.clone(), "protocol.html", d.title.clone())
                .from(p)
                .crumbs(&[("Protocols", "/protocols/")])
                .summary(Some(&d.summary))
                .dates(d.reviewed, d.review_by)
                .with("protocol", json!({"title": d.title, "summary": d.summary, "source": d.source, "stages": stages})),
        );
    }
    list.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
    jobs.push(
        PageJob::new("/protocols/", "protocols.html", "Protocols")
            .crumbs(&[])
            .summary(Some(
                "How agencies work together, step by step, with the deadlines for each step.",
            ))
            .with("protocols", json!(list)),
    );
    jobs
}

fn guidance_pages(content: &Content) -> Vec<PageJob> {
    let mut jobs = Vec::new();
    let mut groups = Vec::new();
    for audience in crate::model::Audience::ALL {
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
        groups.push(
            json!({"audience": audience.key(), "audience_label": audience.label(), "items": items}),
        );
    }
    jobs.push(
        PageJob::new("/guidance/", "guidance_list.html", "Guidance")
            .crumbs(&[])
            .summary(Some(
                "Guidance for people on probation, practitioners and editors.",
            ))
            .with("groups", json!(groups)),
    );
    for g in &content.guidance {
        let d = &g.data;
        jobs.push(
            PageJob::new(g.url.clone(), "guidance.html", d.title.clone())
                .from(g)
                .crumbs(&[("Guidance", "/guidance/")])
                .summary(Some(&d.summary))
                .dates(d.reviewed, d.review_by)
                .with("guidance", json!({"title": d.title, "audience": d.audience.key(), "audience_label": d.audience.label(), "summary": d.summary, "body_html": g.body.html})),
        );
    }
    jobs
}

fn glossary_page(content: &Content) -> PageJob {
    let mut job = PageJob::new("/glossary/", "glossary.html", "Glossary")
        .crumbs(&[])
        .summary(Some(
            "What the words and abbreviations in this directory mean.",
        ));
    let mut terms = Vec::new();
    let mut letters: Vec<Value> = Vec::new();
    if let Some(g) = &content.glossary {
        job = job.from(g);
        let mut sorted: Vec<_> = g.data.terms.iter().collect();
        sorted.sort_by_key(|t| t.term.to_lowercase());
        let mut last = None;
        for t in sorted {
            let first = t.term.chars().next().map(|c| c.to_ascii_uppercase());
            let letter_anchor = first.filter(|c| Some(*c) != last).map(|c| {
                letters.push(json!({"letter": c.to_string(), "anchor": anchor::letter(c)}));
                anchor::letter(c)
            });
            last = first;
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

fn commitments_page(c: &Record<crate::model::Commitments>) -> PageJob {
    let d = &c.data;
    let mut items: Vec<_> = d.commitments.iter().collect();
    items.sort_by_key(|i| i.number);
    let counts: Vec<Value> = Status::ALL
        .iter()
        .map(|s| json!({"status": s.key(), "label": s.label(), "count": items.iter().filter(|i| i.status == *s).count()}))
        .collect();
    let items: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "number": i.number, "anchor": anchor::recommendation(i.number),
                "recommendation": i.recommendation, "status": i.status.key(), "status_label": i.status.label(),
                "response": i.response, "owner": i.owner, "target": date(i.target), "progress": i.progress,
            })
        })
        .collect();
    PageJob::new(c.url.clone(), "commitments.html", d.title.clone())
        .from(c)
        .crumbs(&[])
        .summary(Some(&d.summary))
        .dates(d.reviewed, d.review_by)
        .with("commitments", json!({"title": d.title, "summary": d.summary, "source": d.source, "counts": counts, "items": items}))
}
