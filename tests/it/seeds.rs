//! The default content represents every seed document: facts from each, checked in the
//! built HTML the way a reader would find them.

use crate::common;

use scraper::{ElementRef, Html, Selector};
use std::path::Path;

struct Site {
    _dir: tempfile::TempDir,
    out: std::path::PathBuf,
}

fn build_default() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
        // No search index: these tests build the repository's own site side by side, and
        // the index is written beside the content, not in the test's folder.
        .args(["build", "--no-search", "--root"])
        .arg(common::repo())
        .arg("--output")
        .arg(&out)
        .env("SIGNPOST_TODAY", "2026-11-26")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    Site { _dir: dir, out }
}

fn page(out: &Path, url: &str) -> Html {
    let file = out.join(url.trim_start_matches('/')).join("index.html");
    Html::parse_document(
        &std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())),
    )
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `<dd>` that follows a `<dt>` whose text starts with `term`, within `root`.
fn fact(root: ElementRef, term: &str) -> Option<String> {
    root.select(&sel("dt"))
        .find(|dt| text(*dt).starts_with(term))
        .and_then(|dt| {
            dt.next_siblings()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "dd")
        })
        .map(text)
}

#[test]
fn seed_000_participant_profiles_tiers_sessions_and_weeks() {
    let site = build_default();
    for (tier, sessions, weeks) in [
        ("low", "4", "3 weeks"),
        ("medium", "6", "4 weeks"),
        ("high", "10", "5 weeks"),
    ] {
        let doc = page(&site.out, &format!("/tiers/{tier}/"));
        let main = doc.select(&sel("main")).next().unwrap();
        assert_eq!(
            fact(main, "Average number of sessions").as_deref(),
            Some(sessions),
            "{tier}"
        );
        assert_eq!(fact(main, "Over").as_deref(), Some(weeks), "{tier}");
    }
    // High complexity includes the support of the tiers below it.
    let high = page(&site.out, "/tiers/high/");
    let main = text(high.select(&sel("main")).next().unwrap());
    assert!(
        main.contains("Low complexity") && main.contains("Medium complexity"),
        "{main}"
    );
    // The journey: assessment within 10 working days of referral on the offer; the
    // participant page puts it in everyday words (about six meetings over four weeks).
    let offer = text(
        page(&site.out, "/offers/medium-accommodation/")
            .select(&sel("main"))
            .next()
            .unwrap(),
    );
    assert!(
        offer.contains("Within 10 working days of referral"),
        "{offer}"
    );
    let expect = text(
        page(&site.out, "/guidance/what-to-expect-medium/")
            .select(&sel("main"))
            .next()
            .unwrap(),
    );
    assert!(
        expect.contains("about six times") && expect.contains("four weeks"),
        "{expect}"
    );
}

#[test]
fn seed_001_kent_protocol_stages_deadlines_and_branches() {
    let site = build_default();
    let doc = page(&site.out, "/protocols/kent-resettlement/");
    let stages: Vec<String> = doc.select(&sel("h2.stage-title")).map(text).collect();
    for expected in [
        "Before custody",
        "reception",
        "During custody",
        "On release",
        "Community sentences",
    ] {
        assert!(
            stages.iter().any(|s| s.contains(expected)),
            "{expected} missing from {stages:?}"
        );
    }
    // The during-custody stage holds the release countdown, as structured timings.
    let during = doc
        .select(&sel("li.stage"))
        .find(|s| text(*s).contains("During custody"))
        .unwrap();
    let timings: Vec<String> = during.select(&sel(".timing")).map(text).collect();
    for t in [
        "13 weeks before release",
        "8 weeks before release",
        "28 days before release",
        "14 days before release",
    ] {
        assert!(
            timings.iter().any(|x| x.contains(t)),
            "{t} not in {timings:?}"
        );
    }
    // Every branch leads to a step that exists on the page.
    let branches: Vec<_> = doc.select(&sel(".branches a")).collect();
    assert!(branches.len() >= 2, "the protocol has branches");
    for a in branches {
        let target = a.value().attr("href").unwrap().trim_start_matches('#');
        assert!(
            doc.select(&sel(&format!("[id='{target}']")))
                .next()
                .is_some(),
            "branch to #{target}"
        );
    }
}

#[test]
fn seed_002_specification_interventions_and_service_levels() {
    let site = build_default();
    for (tier, first, last, count) in [
        ("low", 'a', 'g', 7),
        ("medium", 'h', 'r', 11),
        ("high", 's', 'w', 5),
    ] {
        let doc = page(&site.out, &format!("/tiers/{tier}/"));
        let letters: Vec<String> = doc
            .select(&sel("main ul.interventions li .letter"))
            .map(text)
            .collect();
        assert_eq!(letters.len(), count, "{tier}: {letters:?}");
        assert_eq!(
            letters.first().cloned(),
            Some(format!("{first})")),
            "{tier}"
        );
        assert_eq!(letters.last().cloned(), Some(format!("{last})")), "{tier}");
    }
    let spec = text(
        page(&site.out, "/guidance/service-specification/")
            .select(&sel("main"))
            .next()
            .unwrap(),
    );
    assert!(spec.contains("10 working days"), "assessment service level");
    assert!(spec.contains("5 working days"), "action plan service level");
    assert!(spec.to_lowercase().contains("end of service report"));
}

#[test]
fn seed_003_integrated_model_and_framework() {
    let site = build_default();
    let doc = page(&site.out, "/protocols/integrated-housing-model/");
    assert_eq!(doc.select(&sel("h2.stage-title")).count(), 6, "six stages");
    let reception = doc
        .select(&sel("li.step"))
        .find(|s| {
            fact(*s, "Protocol reference").as_deref() == Some("3.1") || text(*s).contains("3.1")
        })
        .expect("activity 3.1");
    let timing = reception
        .select(&sel(".timing"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(timing.contains("Within 4 days"), "3.1 timing: {timing}");
    let glossary = page(&site.out, "/glossary/");
    for anchor in [
        "term-multi-agency-public-protection-arrangements",
        "term-approved-premises",
    ] {
        assert!(
            glossary
                .select(&sel(&format!("[id='{anchor}']")))
                .next()
                .is_some(),
            "{anchor}"
        );
    }
    let why = text(
        page(&site.out, "/guidance/why-housing-matters/")
            .select(&sel("main"))
            .next()
            .unwrap(),
    );
    assert!(why.contains('%'), "figures on why housing matters");
}

#[test]
fn seed_004_action_plan_recommendations() {
    let site = build_default();
    let doc = page(&site.out, "/commitments/");
    let items: Vec<_> = doc.select(&sel("li.commitment")).collect();
    assert_eq!(items.len(), 11, "eleven recommendations");
    let six = step_like(&doc, "recommendation-6");
    assert!(text(six).contains("Partly agreed"), "{}", text(six));
    // Filtering by status needs no JavaScript: each status has its own page.
    let partly = page(&site.out, "/commitments/partly-agreed/");
    let shown: Vec<String> = partly.select(&sel("li.commitment h3")).map(text).collect();
    assert!(shown.contains(&"Recommendation 6".to_string()), "{shown:?}");
    assert!(partly
        .select(&sel("li.commitment"))
        .all(|i| text(i).contains("Partly agreed")));
}

fn step_like<'a>(doc: &'a Html, id: &str) -> ElementRef<'a> {
    let heading = doc.select(&sel(&format!("[id='{id}']"))).next().unwrap();
    heading
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "li")
        .unwrap()
}

#[test]
fn every_seed_document_is_named_on_the_about_page() {
    let site = build_default();
    let about = text(
        page(&site.out, "/about/")
            .select(&sel("main"))
            .next()
            .unwrap(),
    );
    for source in [
        "participant profiles",
        "Kent multi-agency protocol",
        "service specification",
        "housing support framework",
        "Action plan",
    ] {
        assert!(
            about.to_lowercase().contains(&source.to_lowercase()),
            "{source}"
        );
    }
}

/// Every protocol shows a flowchart drawn from the same steps as its numbered list, in the
/// same order, labelled as an image with a title and description.
#[test]
fn every_protocol_has_a_flowchart_of_the_steps_in_its_list() {
    let site = build_default();
    let protocols: Vec<String> = std::fs::read_dir(common::repo().join("content/protocols"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    assert!(protocols.len() >= 2, "{protocols:?}");
    for slug in protocols {
        let doc = page(&site.out, &format!("/protocols/{slug}/"));
        let svg = doc
            .select(&sel("figure svg.flowchart[role=img]"))
            .next()
            .unwrap_or_else(|| panic!("{slug}: no flowchart"));
        for part in ["title", "desc"] {
            let id = format!("flowchart-{part}");
            assert!(
                svg.select(&sel(&format!("{part}#{id}"))).next().is_some(),
                "{slug}: no {part}"
            );
            assert!(svg.value().attr("aria-labelledby").unwrap().contains(&id));
        }
        let charted: Vec<(String, String)> = svg
            .select(&sel("g.fc-step"))
            .map(|g| {
                let first = g
                    .select(&sel("text.fc-title"))
                    .map(text)
                    .collect::<Vec<_>>();
                (
                    g.value().attr("data-step").unwrap().to_string(),
                    first.join(" "),
                )
            })
            .collect();
        let listed: Vec<(String, String)> = doc
            .select(&sel("ol.step-by-step h3.step-title"))
            .map(|h| {
                let number = h
                    .select(&sel(".step-number"))
                    .map(text)
                    .collect::<String>()
                    .replace("Step ", "")
                    .replace(':', "");
                let title = text(h);
                let title = title
                    .split_once(':')
                    .map_or(title.clone(), |(_, t)| t.trim().to_string());
                (
                    h.value().attr("id").unwrap().to_string(),
                    format!("{}. {title}", number.trim()),
                )
            })
            .collect();
        assert!(!listed.is_empty(), "{slug}");
        assert_eq!(charted, listed, "{slug}: the chart and the list differ");
        // Where each step leads: the arrows drawn, the ways on the list gives.
        assert_eq!(
            chart_edges(svg),
            list_edges(&doc),
            "{slug}: the chart's arrows and the list's ways on differ"
        );
    }
}

/// The chart's arrows between steps, and from steps to an end, as (from, to) anchors
/// ("end" for an end), sorted; arrows from a pathway's start are left out.
fn chart_edges(svg: ElementRef) -> Vec<(String, String)> {
    let mut edges: Vec<(String, String)> = svg
        .select(&sel("path[data-from]"))
        .map(|p| {
            let attr = |a: &str| p.value().attr(a).unwrap().to_string();
            (attr("data-from"), attr("data-to"))
        })
        .filter(|(from, _)| !from.starts_with("start-"))
        .collect();
    edges.sort();
    edges
}

/// The ways on the numbered list gives: each step's "What happens next" links and ends,
/// or, where a step has none, the step listed after it in its stage.
fn list_edges(doc: &Html) -> Vec<(String, String)> {
    let mut edges = Vec::new();
    for steps in doc.select(&sel("ol.steps")) {
        let items: Vec<ElementRef> = steps
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| {
                e.value()
                    .has_class("step", scraper::CaseSensitivity::CaseSensitive)
            })
            .collect();
        for (i, item) in items.iter().enumerate() {
            let id = item
                .select(&sel("h3.step-title"))
                .next()
                .and_then(|h| h.value().attr("id"))
                .unwrap()
                .to_string();
            let ways: Vec<ElementRef> = item.select(&sel("ul.branches > li")).collect();
            if ways.is_empty() {
                let next = items[i + 1]
                    .select(&sel("h3.step-title"))
                    .next()
                    .and_then(|h| h.value().attr("id"))
                    .unwrap();
                edges.push((id.clone(), next.to_string()));
            }
            for way in ways {
                let to = match way.select(&sel("a[href^='#']")).next() {
                    Some(a) => a.value().attr("href").unwrap()[1..].to_string(),
                    None => {
                        assert!(
                            way.select(&sel(".pathway-end")).next().is_some(),
                            "{id}: a way on that is neither a step nor an end: {}",
                            text(way)
                        );
                        "end".to_string()
                    }
                };
                edges.push((id.clone(), to));
            }
        }
    }
    edges.sort();
    edges
}

/// Every protocol's chart draws exactly the ways on its content gives, as the content
/// model reads them: the same arrows, no others, and one start for each pathway.
#[test]
fn every_protocol_chart_draws_the_ways_on_of_its_content() {
    let site = build_default();
    let dir = common::repo().join("content/protocols");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        let protocol: signpost::model::Protocol =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let flow = signpost::model::flow::Flow::of(&protocol);
        assert!(flow.problems.is_empty(), "{slug}: {:?}", flow.problems);
        let anchor = |n: usize| {
            let (si, i) = flow.steps[n];
            signpost::anchor::step(&protocol.stages[si].steps[i].id)
        };
        let mut model: Vec<(String, String)> = flow
            .edges
            .iter()
            .map(|e| {
                let to = match e.to {
                    signpost::model::flow::To::Step(t) => anchor(t),
                    signpost::model::flow::To::End => "end".to_string(),
                };
                (anchor(e.from), to)
            })
            .collect();
        model.sort();
        let doc = page(&site.out, &format!("/protocols/{slug}/"));
        let svg = doc.select(&sel("svg.flowchart")).next().unwrap();
        assert_eq!(chart_edges(svg), model, "{slug}");
        let mut starts: Vec<(String, String)> = svg
            .select(&sel("path[data-from^='start-']"))
            .map(|p| {
                let attr = |a: &str| p.value().attr(a).unwrap().to_string();
                (attr("data-from"), attr("data-to"))
            })
            .collect();
        starts.sort();
        let mut want: Vec<(String, String)> = flow
            .pathways
            .iter()
            .map(|p| (format!("start-{}", p.id), anchor(p.start.unwrap())))
            .collect();
        want.sort();
        assert_eq!(starts, want, "{slug}: one start for each pathway");
        checked += 1;
    }
    assert!(checked >= 2);
}

/// The Kent protocol as its source draws it: community sentences are a pathway of their
/// own, not what follows release, and the two outcomes on release are alternatives.
#[test]
fn kent_chart_keeps_release_and_community_sentences_apart() {
    let site = build_default();
    let doc = page(&site.out, "/protocols/kent-resettlement/");
    let svg = doc.select(&sel("svg.flowchart")).next().unwrap();
    let edges = chart_edges(svg);
    let stage_of = |stage: &str| -> Vec<String> {
        let h2 = doc.select(&sel(&format!("h2#{stage}"))).next().unwrap();
        let li = ElementRef::wrap(h2.parent().unwrap()).unwrap();
        li.select(&sel("h3.step-title"))
            .map(|h| h.value().attr("id").unwrap().to_string())
            .collect()
    };
    let release = stage_of("stage-on-release");
    let community = stage_of("stage-community-sentences");
    assert_eq!(release.len(), 2);
    assert!(!community.is_empty());
    for (from, to) in &edges {
        assert!(
            !(release.contains(from) && community.contains(to)),
            "{from} -> {to}: release does not lead to community sentences"
        );
    }
    let numbered = |n: &str| -> ElementRef {
        svg.select(&sel(&format!("g.fc-step[data-number='{n}']")))
            .next()
            .unwrap()
    };
    let id = |n: &str| numbered(n).value().attr("data-step").unwrap().to_string();
    let (s14, s15, s16) = (id("14"), id("15"), id("16"));
    assert_eq!(release, [s15.clone(), s16.clone()]);
    for (from, to) in [(&s14, &s15), (&s14, &s16)] {
        assert!(
            edges.contains(&(from.clone(), to.clone())),
            "{from} -> {to}"
        );
    }
    for (from, to) in [(&s15, &s16), (&s16, &s15)] {
        assert!(
            !edges.contains(&(from.clone(), to.clone())),
            "{from} -> {to}"
        );
    }
    // Side by side: the two boxes share a row.
    let rect = |n: &str| {
        let r = numbered(n).select(&sel("rect")).next().unwrap();
        let at = |a: &str| r.value().attr(a).unwrap().parse::<u32>().unwrap();
        (at("x"), at("y"))
    };
    let (a, b) = (rect("15"), rect("16"));
    assert!(a.1 == b.1 && a.0 != b.0, "15 at {a:?}, 16 at {b:?}");
    // "or": on the chart's second arrow out of step 14, and above step 16 in the list.
    assert!(svg.select(&sel("text.fc-or")).count() >= 4);
    let li16 = doc
        .select(&sel(&format!("h3#{s16}")))
        .next()
        .and_then(|h| h.parent())
        .and_then(ElementRef::wrap)
        .unwrap();
    assert_eq!(
        li16.select(&sel("p.step-or")).map(text).collect::<Vec<_>>(),
        ["or"]
    );
    // Four pathways, each with its own start and end.
    assert_eq!(doc.select(&sel("div.pathway")).count(), 4);
    assert_eq!(svg.select(&sel("g.fc-start")).count(), 4);
    assert!(svg.select(&sel("g.fc-end")).count() >= 4);
}

/// The integrated model's community stage is a pathway of its own: people on community
/// orders do not go on to pre-custody.
#[test]
fn integrated_model_community_stage_is_its_own_pathway() {
    let site = build_default();
    let doc = page(&site.out, "/protocols/integrated-housing-model/");
    let pathway = doc
        .select(&sel("div.pathway"))
        .find(|p| p.select(&sel("h2#stage-community")).next().is_some())
        .unwrap();
    assert_eq!(pathway.select(&sel("h2.stage-title")).count(), 1);
    let community: Vec<String> = pathway
        .select(&sel("h3.step-title"))
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect();
    let svg = doc.select(&sel("svg.flowchart")).next().unwrap();
    for (from, to) in chart_edges(svg) {
        if community.contains(&from) {
            assert!(to == "end" || community.contains(&to), "{from} -> {to}");
        }
    }
    assert!(svg
        .select(&sel("g.fc-start[data-pathway='community']"))
        .next()
        .is_some());
    assert!(text(pathway).contains("This is the end of this pathway."));
}

/// Clicking through the tier chooser: every route ends in an outcome, every tier is
/// reachable, and each outcome lists the answers that led to it, the services at that
/// level, what to do if none fits, and that it supports professional judgement.
#[test]
fn every_chooser_route_ends_in_an_outcome_with_its_reasons() {
    let site = build_default();
    let mut tiers = std::collections::BTreeSet::new();
    let mut todo = vec![("/chooser/".to_string(), 0usize)];
    let mut outcomes = 0;
    while let Some((url, depth)) = todo.pop() {
        let doc = page(&site.out, &url);
        let answers: Vec<String> = doc
            .select(&sel("ul.chooser-answers a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        let given = doc.select(&sel("dl.chooser-given > div")).count();
        assert_eq!(given, depth, "{url}: shows {given} answers, {depth} given");
        let tier = doc.select(&sel(".chooser-tier a")).next();
        match tier {
            Some(link) => {
                assert!(answers.is_empty(), "{url}: an outcome with answers");
                assert!(depth > 0, "{url}");
                tiers.insert(link.value().attr("href").unwrap().to_string());
                let body = text(doc.select(&sel("main")).next().unwrap());
                for part in [
                    "Why: the answers that led here",
                    "Services at this level",
                    "If no service fits",
                    "supports, not replaces, professional judgement",
                ] {
                    assert!(body.contains(part), "{url}: no {part:?}");
                }
                outcomes += 1;
            }
            None => {
                assert!(!answers.is_empty(), "{url}: a dead end");
                todo.extend(answers.into_iter().map(|a| (a, depth + 1)));
            }
        }
    }
    assert!(outcomes >= 7, "{outcomes}");
    assert_eq!(
        tiers.into_iter().collect::<Vec<_>>(),
        ["/tiers/high/", "/tiers/low/", "/tiers/medium/"]
    );
}

/// The release-date planner carries every timed step of every protocol, worded as on the
/// protocol page, with the timing the browser counts from; plus the service levels of the
/// specification and the bank holidays it skips.
#[test]
fn the_planner_lists_every_timed_step_and_the_service_levels() {
    let site = build_default();
    let planner = page(&site.out, "/planner/");
    let protocols = page(&site.out, "/protocols/");
    let mut sections = 0;
    for card in protocols.select(&sel("main .card-title a")) {
        let url = card.value().attr("href").unwrap();
        let slug = url.trim_matches('/').rsplit('/').next().unwrap();
        let doc = page(&site.out, url);
        // On the protocol page: each step with a "When:" line, and a link to its dates.
        let timed: Vec<(String, String)> = doc
            .select(&sel("li.step"))
            .filter_map(|li| {
                let id = li
                    .select(&sel("h3.step-title"))
                    .next()?
                    .value()
                    .attr("id")?;
                let when = li.select(&sel("p.timing")).next().map(text)?;
                Some((format!("{url}#{id}"), when.replace("When: ", "")))
            })
            .collect();
        let link = format!("/planner/#plan-protocol-{slug}");
        assert!(
            doc.select(&sel(&format!("a[href=\"{link}\"]")))
                .next()
                .is_some(),
            "{url}: no link to {link}"
        );
        // On the planner, the same steps in the same order, each with its timing.
        let listed: Vec<(String, String)> = planner
            .select(&sel(&format!("#plan-protocol-{slug} li.planner-item")))
            .map(|li| {
                let a = li.value();
                assert!(a.attr("data-anchor").is_some() && a.attr("data-unit").is_some());
                assert!(a.attr("data-min").is_some() || a.attr("data-max").is_some());
                let when = li.select(&sel(".planner-when")).next().map(text).unwrap();
                assert_eq!(when.replace("When: ", ""), a.attr("data-timing").unwrap());
                (
                    a.attr("data-url").unwrap().to_string(),
                    a.attr("data-timing").unwrap().to_string(),
                )
            })
            .collect();
        assert!(!timed.is_empty(), "{url} has no timed steps");
        assert_eq!(listed, timed, "{slug}: the planner and the protocol differ");
        sections += 1;
    }
    assert!(sections >= 2);
    let item = |id: &str| {
        let li = planner
            .select(&sel(&format!(
                "#plan-service-levels li[data-item=\"{id}\"]"
            )))
            .next()
            .unwrap_or_else(|| panic!("no service level {id}"));
        let a = li.value();
        ["data-anchor", "data-relation", "data-max", "data-unit"]
            .map(|k| a.attr(k).unwrap_or("").to_string())
    };
    assert_eq!(
        item("assessment"),
        ["referral", "after", "10", "working_days"]
    );
    assert_eq!(
        item("action-plan"),
        ["assessment", "after", "5", "working_days"]
    );
    // Without JavaScript the form stays hidden and the page says how to count.
    assert!(planner
        .select(&sel("form#planner-form[hidden]"))
        .next()
        .is_some());
    assert!(text(planner.select(&sel(".planner-nojs")).next().unwrap())
        .contains("Working days leave out"));
    // The bank holidays the browser counts with, and the page listing them.
    let data = text(
        planner
            .select(&sel("script#planner-holidays"))
            .next()
            .unwrap(),
    );
    assert!(data.contains(r#"["2027-03-26","Good Friday"]"#), "{data}");
    assert!(data.contains(r#"["2027-12-28","Boxing Day"]"#), "{data}");
    // Practitioners find the tools from the home page.
    let home = page(&site.out, "/");
    for url in ["/planner/", "/chooser/"] {
        let links = sel(&format!("section.tools a[href=\"{url}\"]"));
        assert_eq!(
            home.select(&links).count(),
            1,
            "the home page's tools have no link to {url}"
        );
    }
    let holidays = text(
        page(&site.out, "/bank-holidays/")
            .select(&sel("main"))
            .next()
            .unwrap(),
    );
    assert!(
        holidays.contains("Friday 26 March 2027 Good Friday"),
        "{holidays}"
    );
}

/// The tiers compared come in two layouts (a table, and the tiers one after another for
/// narrow screens); both must say the same of every tier.
#[test]
fn both_layouts_of_the_tier_comparison_say_the_same() {
    let site = build_default();
    let doc = page(&site.out, "/tiers/");
    let rows: Vec<String> = doc
        .select(&sel(".compare-wide table.compare tbody th"))
        .map(text)
        .collect();
    assert_eq!(rows.len(), 5, "{rows:?}");
    let tiers: Vec<String> = doc
        .select(&sel(".compare-wide table.compare thead th"))
        .map(text)
        .collect();
    assert_eq!(tiers.len(), 3, "{tiers:?}");
    for (col, tier) in tiers.iter().enumerate() {
        let wide: Vec<(String, String)> = doc
            .select(&sel(".compare-wide table.compare tbody tr"))
            .map(|tr| {
                let th = tr.select(&sel("th")).next().map(text).unwrap();
                let td = tr.select(&sel("td")).nth(col).map(text).unwrap();
                (th, td)
            })
            .collect();
        let section = doc
            .select(&sel(".compare-narrow section.compare-tier"))
            .find(|s| s.select(&sel("h3")).next().map(text).as_ref() == Some(tier))
            .unwrap_or_else(|| panic!("no narrow section for {tier}"));
        let mut narrow: Vec<(String, String)> = section
            .select(&sel("dl.facts > div"))
            .map(|d| {
                let dt = d.select(&sel("dt")).next().map(text).unwrap();
                let dd = d.select(&sel("dd")).next().map(text).unwrap();
                (dt, dd)
            })
            .collect();
        let interventions = section.select(&sel("ul.interventions")).next().map(text);
        narrow.push(("Interventions".into(), interventions.unwrap_or_default()));
        for row in &wide {
            assert!(
                narrow.contains(row),
                "{tier}: {row:?} is not in {narrow:#?}"
            );
        }
        assert_eq!(wide.len(), narrow.len(), "{tier}");
    }
}

/// The search page says that, without JavaScript, every page is in the browse lists: each
/// page in the sitemap is listed A to Z, or is a list or browse page itself.
#[test]
fn every_page_in_the_sitemap_is_in_the_a_to_z() {
    let site = build_default();
    let sitemap = std::fs::read_to_string(site.out.join("sitemap.xml")).unwrap();
    let a_to_z = page(&site.out, "/browse/a-z/");
    let listed: std::collections::BTreeSet<&str> = a_to_z
        .select(&sel("main a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    // Lists and the pages every page links to (navigation, search).
    let lists = [
        "/",
        "/search/",
        "/glossary/",
        "/guidance/",
        "/offers/",
        "/partners/",
        "/protocols/",
        "/tiers/",
    ];
    // Each language's pages are listed in its own A to Z (`/cy/browse/a-z/`).
    let welsh_a_to_z = page(&site.out, "/cy/browse/a-z/");
    let welsh_listed: std::collections::BTreeSet<String> = welsh_a_to_z
        .select(&sel("main a"))
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|h| h.strip_prefix("/cy").map(str::to_string))
        .collect();
    let mut missing = Vec::new();
    for loc in sitemap.split("<loc>").skip(1) {
        let url = loc.split("</loc>").next().unwrap();
        let path = url.trim_start_matches("https://signpost.example.org");
        let (path, listed) = match path.strip_prefix("/cy") {
            Some(p) => (p, welsh_listed.iter().map(String::as_str).collect()),
            None => (path, listed.clone()),
        };
        let is_list = lists.contains(&path)
            || path.starts_with("/browse/")
            || (path.starts_with("/commitments/") && path != "/commitments/");
        if !is_list && !listed.contains(path) {
            missing.push(url.to_string());
        }
    }
    assert!(missing.is_empty(), "not in the A to Z: {missing:?}");
}
