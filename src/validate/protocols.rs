//! Checks on protocols: ids, partners, timings, branches, and how the steps lead into one
//! another (every step reached, every pathway ending; see [`crate::model::flow`]).

use super::{check_id, check_timing, duplicate, partner_problem};
use crate::content::Content;
use crate::diagnostic::{Code, Diagnostics};
use crate::model::flow::{Flow, Problem, END};
use crate::model::Protocol;
use crate::source::Source;
use crate::suggest;
use std::collections::HashMap;

pub(super) fn check_protocols(content: &Content, diags: &mut Diagnostics) {
    for proto in &content.protocols {
        let src = &proto.source;
        let mut stage_ids = HashMap::new();
        let mut step_ids: HashMap<&str, String> = HashMap::new();
        for (si, stage) in proto.data.stages.iter().enumerate() {
            let path = format!("stages[{si}].id");
            check_id(src, &path, &stage.id, diags);
            if let Some(first) = stage_ids.insert(stage.id.as_str(), path.clone()) {
                diags.push(duplicate(src, &path, "stage id", &stage.id, &first));
            }
            if let Some(pathway) = &stage.pathway {
                check_id(src, &format!("stages[{si}].pathway"), pathway, diags);
            }
            if stage.steps.is_empty() {
                diags.push(
                    src.report(
                        Code::EmptyStage,
                        &path,
                        format!("stage `{}` has no steps", stage.id),
                    )
                    .with_help("add its steps, or remove the stage"),
                );
            }
        }
        for (si, i, step) in proto.data.steps() {
            let base = format!("stages[{si}].steps[{i}]");
            let id_path = format!("{base}.id");
            check_id(src, &id_path, &step.id, diags);
            if let Some(first) = step_ids.insert(step.id.as_str(), id_path.clone()) {
                diags.push(duplicate(src, &id_path, "step id", &step.id, &first));
            }
            for (pi, partner) in step.partners.iter().enumerate() {
                if content.partner(partner).is_none() {
                    diags.push(partner_problem(
                        content,
                        src,
                        &format!("{base}.partners[{pi}]"),
                        partner,
                    ));
                }
            }
            if let Some(t) = &step.timing {
                check_timing(src, &format!("{base}.timing"), t, diags);
            }
        }
        let all_steps: Vec<&str> = proto.data.steps().map(|(_, _, s)| s.id.as_str()).collect();
        for (si, i, step) in proto.data.steps() {
            for (bi, branch) in step.branches.iter().enumerate() {
                if !all_steps.contains(&branch.goto.as_str()) {
                    diags.push(
                        src.report(
                            Code::UnknownReference,
                            &format!("stages[{si}].steps[{i}].branches[{bi}].goto"),
                            format!("branch goes to unknown step `{}`", branch.goto),
                        )
                        .with_help_opt(suggest::help_for(&branch.goto, all_steps.iter().copied())),
                    );
                }
            }
        }
        check_flow(src, &proto.data, &all_steps, diags);
    }
}

/// Turns each [`Problem`] of the protocol's flow into a located diagnostic.
fn check_flow(src: &Source, protocol: &Protocol, all_steps: &[&str], diags: &mut Diagnostics) {
    let flow = Flow::of(protocol);
    let path = |n: usize| {
        let (si, i) = flow.steps[n];
        format!("stages[{si}].steps[{i}]")
    };
    let step = |n: usize| {
        let (si, i) = flow.steps[n];
        &protocol.stages[si].steps[i]
    };
    for problem in &flow.problems {
        let d = match *problem {
            Problem::UnknownNext { step: n } => {
                let given = step(n).next.as_deref().unwrap_or_default();
                src.report(
                    Code::UnknownReference,
                    &format!("{}.next", path(n)),
                    format!("`next` goes to unknown step `{given}`"),
                )
                .with_help(
                    suggest::help_for(given, all_steps.iter().copied()).unwrap_or_else(|| {
                        format!(
                            "use the id of a step in this protocol, or `{END}` to end the pathway"
                        )
                    }),
                )
            }
            Problem::ReservedId { step: n } => src
                .report(
                    Code::InvalidId,
                    &format!("{}.id", path(n)),
                    format!(
                        "`{END}` cannot be a step id: `next: {END}` means the end of a pathway"
                    ),
                )
                .with_help("give the step another id"),
            Problem::NextIsBranch { step: n, branch } => {
                let s = step(n);
                src.report(
                    Code::ContradictsBranch,
                    &format!("{}.next", path(n)),
                    format!(
                        "`next: {}` leads where the branch \"{}\" leads, so the branch is no alternative",
                        s.next.as_deref().unwrap_or_default(),
                        s.branches[branch].condition
                    ),
                )
                .with_help(format!(
                    "`next` is where the step leads when no branch applies: remove it, point it to another step, or use `next: {END}`"
                ))
            }
            Problem::Unreachable { step: n } => {
                let id = &step(n).id;
                src.report(
                    Code::Unreachable,
                    &format!("{}.id", path(n)),
                    format!("no pathway start, `next` or branch leads to step `{id}`"),
                )
                .with_help(format!(
                    "add `next: {id}` or a branch with `goto: {id}` to the step before it, or start a pathway at its stage with `pathway: <name>`"
                ))
            }
            Problem::NoEnd { pathway, step: n } => src
                .report(
                    Code::NoEnd,
                    &format!("{}.id", path(n)),
                    format!(
                        "from step `{}`, pathway `{}` never reaches an end",
                        step(n).id,
                        flow.pathways[pathway].id
                    ),
                )
                .with_help(format!(
                    "add `next: {END}` to the step where the pathway finishes"
                )),
            Problem::PathwayTwice { stage, first } => duplicate(
                src,
                &format!("stages[{stage}].pathway"),
                "pathway",
                protocol.stages[stage]
                    .pathway
                    .as_deref()
                    .unwrap_or_default(),
                &format!("stages[{first}].pathway"),
            ),
        };
        diags.push(d);
    }
}
