//! The tier chooser is a graph of questions: every question must be reachable from the
//! start, have answers, and every answer must lead to a question or an outcome without
//! coming back to a question already asked on the way.

use crate::content::Content;
use crate::diagnostic::{Code, Diagnostics};
use crate::model::MAX_ROUTES;
use crate::suggest;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn check(content: &Content, diags: &mut Diagnostics) {
    let Some(c) = &content.chooser else { return };
    // The routes are walked only when every name resolves (errors here, not elsewhere).
    let before = diags.error_count();
    let (d, src) = (&c.data, &c.source);
    // Questions and outcomes share one set of ids, since `next:` may name either.
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    let named = d
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), format!("questions[{i}].id")))
        .chain(
            d.outcomes
                .iter()
                .enumerate()
                .map(|(i, o)| (o.id.as_str(), format!("outcomes[{i}].id"))),
        );
    for (id, path) in named {
        if ids.contains_key(id) {
            diags.push(
                src.report(Code::DuplicateId, &path, format!("`{id}` is used twice"))
                    .with_help("give each question and outcome its own id"),
            );
        } else {
            ids.insert(id, path);
        }
    }
    let all: Vec<&str> = ids.keys().copied().collect();
    if d.question(&d.start).is_none() {
        diags.push(
            src.report(
                Code::UnknownQuestion,
                "start",
                format!(
                    "the chooser starts at `{}`, which is not a question",
                    d.start
                ),
            )
            .with_help_opt(suggest::help_for(
                &d.start,
                d.questions.iter().map(|q| q.id.as_str()),
            )),
        );
    }
    for (qi, q) in d.questions.iter().enumerate() {
        if q.answers.is_empty() {
            diags.push(
                src.report(
                    Code::DeadEnd,
                    &format!("questions[{qi}].id"),
                    format!("question `{}` has no answers, so it is a dead end", q.id),
                )
                .with_help("add answers, each with `next:` naming a question or an outcome"),
            );
        }
        let mut slugs = BTreeSet::new();
        for (ai, a) in q.answers.iter().enumerate() {
            if !ids.contains_key(a.next.as_str()) {
                diags.push(
                    src.report(
                        Code::UnknownNext,
                        &format!("questions[{qi}].answers[{ai}].next"),
                        format!(
                            "this answer leads to `{}`, which is no question or outcome",
                            a.next
                        ),
                    )
                    .with_help_opt(suggest::help_for(&a.next, all.iter().copied())),
                );
            }
            if let Some(slug) = a
                .slug
                .as_deref()
                .filter(|s| !crate::route::is_valid_slug(s))
            {
                let path = format!("questions[{qi}].answers[{ai}].slug");
                diags.push(super::not_a_slug(src, &path, slug));
            }
            if !slugs.insert(crate::route::answer_address(a)) {
                diags.push(
                    src.report(
                        Code::DuplicateAnswer,
                        &format!("questions[{qi}].answers[{ai}].answer"),
                        format!("question `{}` has this answer twice", q.id),
                    )
                    .with_help("word each answer differently"),
                );
            }
        }
    }
    if diags.error_count() > before {
        return;
    }

    // Walk from the start: what is reachable, and any answer that leads back to a question
    // already asked on the same route.
    let mut reached = BTreeSet::new();
    let mut on_route = Vec::new();
    let mut cycles = BTreeSet::new();
    visit(d, &d.start, &mut reached, &mut on_route, &mut cycles);
    for (qi, ai) in cycles {
        let a = &d.questions[qi].answers[ai];
        diags.push(
            src.report(
                Code::Cycle,
                &format!("questions[{qi}].answers[{ai}].next"),
                format!(
                    "this answer leads back to `{}`, which was already asked on the way here",
                    a.next
                ),
            )
            .with_help("lead to a later question or to an outcome"),
        );
    }
    for (id, path) in &ids {
        if !reached.contains(id) {
            diags.push(
                src.report(
                    Code::Unreachable,
                    path,
                    format!("no answer leads to `{id}`, so no one can reach it"),
                )
                .with_help(format!("add an answer with `next: {id}`, or remove it")),
            );
        }
    }
    if diags.error_count() == before && routes(d, &d.start) > MAX_ROUTES {
        diags.push(
            src.report(
                Code::TooManyRoutes,
                "start",
                format!("the questions make more than {MAX_ROUTES} different routes"),
            )
            .with_help("lead more answers straight to an outcome"),
        );
    }
}

fn visit<'a>(
    d: &'a crate::model::Chooser,
    id: &'a str,
    reached: &mut BTreeSet<&'a str>,
    on_route: &mut Vec<&'a str>,
    cycles: &mut BTreeSet<(usize, usize)>,
) {
    let first_time = reached.insert(id);
    let Some((qi, q)) = d.questions.iter().enumerate().find(|(_, q)| q.id == id) else {
        return;
    };
    if !first_time && !on_route.is_empty() {
        // Already explored from here; its cycles are known.
        return;
    }
    on_route.push(id);
    for (ai, a) in q.answers.iter().enumerate() {
        if on_route.contains(&a.next.as_str()) {
            cycles.insert((qi, ai));
        } else {
            visit(d, &a.next, reached, on_route, cycles);
        }
    }
    on_route.pop();
}

/// Routes from `id` to an outcome (the graph has no cycles by now).
fn routes(d: &crate::model::Chooser, id: &str) -> usize {
    fn count<'a>(
        d: &'a crate::model::Chooser,
        id: &'a str,
        memo: &mut BTreeMap<&'a str, usize>,
    ) -> usize {
        if let Some(n) = memo.get(id) {
            return *n;
        }
        let n = match d.question(id) {
            Some(q) => q
                .answers
                .iter()
                .map(|a| count(d, &a.next, memo))
                .fold(0usize, usize::saturating_add),
            None => 1,
        };
        memo.insert(id, n);
        n
    }
    count(d, id, &mut BTreeMap::new())
}
