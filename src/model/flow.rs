//! How a protocol's steps lead into one another: its pathways, each step's ways on, and
//! where pathways end.
//!
//! Content says only where the way on is not "the next step": a stage can start a pathway
//! of its own (`pathway: community`), a step can name the step it leads to (`next: id`) or
//! end its pathway (`next: end`), and a step's branches are alternatives to one another.
//! Without those, a step leads to the next step of its stage, the last step of a stage to
//! the first step of the next stage of the same pathway, and the last step of a pathway
//! ends it. A step with branches leads only where its branches (and its `next`, if it has
//! one: the way on when no branch applies) say.
//!
//! The flowchart, the numbered steps, the planner and the checks all read a protocol
//! through [`Flow`], so what is drawn and what is written cannot disagree.

use super::Protocol;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The value of `next` that ends the step's pathway.
pub const END: &str = "end";

/// The id of a pathway the first stage starts without saying `pathway:`.
pub const MAIN: &str = "main";

/// Where a way on leads: a step (its place in [`Flow::steps`]) or the end of the pathway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum To {
    Step(usize),
    End,
}

/// What made a way on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The step's `next`, or the default next step.
    Next { written: bool },
    /// The step's branch with this index in `branches`.
    Branch(usize),
}

/// One way on from a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: To,
    pub via: Via,
}

/// A run of stages a reader follows from one start: a stage that says `pathway:` starts
/// one, and the stages after it without `pathway:` continue it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pathway {
    /// The stage's `pathway:`, or [`MAIN`] for a pathway the first stage starts unnamed.
    pub id: String,
    /// Indices into `stages`, in order.
    pub stages: std::ops::Range<usize>,
    /// The first step of its first stage with any steps.
    pub start: Option<usize>,
}

/// What is wrong with how the steps lead into one another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `next` names no step of the protocol.
    UnknownNext { step: usize },
    /// A step is named `end`, which `next: end` would not reach.
    ReservedId { step: usize },
    /// `next` leads where one of the step's branches leads: the branch is no alternative.
    NextIsBranch { step: usize, branch: usize },
    /// No start, `next` or branch leads to this step.
    Unreachable { step: usize },
    /// From this step (reached from the pathway's start) the pathway never ends.
    NoEnd { pathway: usize, step: usize },
    /// A second stage says `pathway:` with an id an earlier one used.
    PathwayTwice { stage: usize, first: usize },
}

/// A protocol read as a graph of steps.
#[derive(Debug, Clone)]
pub struct Flow {
    /// (stage index, index in stage) of each step, in reading order.
    pub steps: Vec<(usize, usize)>,
    pub pathways: Vec<Pathway>,
    /// Every way on, grouped by the step it leaves, in step order; within a step its
    /// branches in order, then its `next`.
    pub edges: Vec<Edge>,
    /// The pathway each step's stage belongs to.
    pub pathway_of: Vec<usize>,
    pub problems: Vec<Problem>,
}

impl Flow {
    pub fn of(protocol: &Protocol) -> Flow {
        let steps: Vec<(usize, usize)> = protocol
            .stages
            .iter()
            .enumerate()
            .flat_map(|(si, s)| (0..s.steps.len()).map(move |i| (si, i)))
            .collect();
        // The first of two steps with one id wins, as the step list's links do.
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for (n, (_, _, s)) in protocol.steps().enumerate() {
            index.entry(s.id.as_str()).or_insert(n);
        }
        let mut problems = Vec::new();
        let pathways = pathways(protocol, &steps, &mut problems);
        let mut stage_pathway = vec![0; protocol.stages.len()];
        for (p, pathway) in pathways.iter().enumerate() {
            for s in pathway.stages.clone() {
                stage_pathway[s] = p;
            }
        }
        let pathway_of: Vec<usize> = steps.iter().map(|&(si, _)| stage_pathway[si]).collect();
        // The step after each one in its pathway, if any: the default way on.
        let following = |n: usize| -> To {
            match steps.get(n + 1) {
                Some(_) if pathway_of[n + 1] == pathway_of[n] => To::Step(n + 1),
                _ => To::End,
            }
        };

        let mut edges = Vec::new();
        let mut unknown = false;
        for (n, (_, _, step)) in protocol.steps().enumerate() {
            if step.id == END {
                problems.push(Problem::ReservedId { step: n });
            }
            let mut branch_targets = Vec::new();
            for (b, branch) in step.branches.iter().enumerate() {
                // A branch to an unknown step is reported by the reference checks.
                unknown |= !index.contains_key(branch.goto.as_str());
                if let Some(&to) = index.get(branch.goto.as_str()) {
                    edges.push(Edge {
                        from: n,
                        to: To::Step(to),
                        via: Via::Branch(b),
                    });
                    branch_targets.push((b, to));
                }
            }
            let next = match step.next.as_deref() {
                Some(END) => Some(To::End),
                Some(id) => match index.get(id) {
                    Some(&to) => Some(To::Step(to)),
                    None => {
                        unknown = true;
                        problems.push(Problem::UnknownNext { step: n });
                        None
                    }
                },
                None if step.branches.is_empty() => Some(following(n)),
                None => None,
            };
            if let Some(To::Step(to)) = next {
                if let Some(&(b, _)) = branch_targets.iter().find(|&&(_, t)| t == to) {
                    problems.push(Problem::NextIsBranch { step: n, branch: b });
                }
            }
            if let Some(to) = next {
                edges.push(Edge {
                    from: n,
                    to,
                    via: Via::Next {
                        written: step.next.is_some(),
                    },
                });
            }
        }

        let mut flow = Flow {
            steps,
            pathways,
            edges,
            pathway_of,
            problems,
        };
        // A way on to a step that is not there would make the steps after it look
        // unreachable; the misspelt id is the one problem to report.
        if !unknown {
            flow.check_reach();
        }
        flow
    }

    /// What readers call pathway `p`: the title of its first stage.
    pub fn pathway_title<'a>(&self, protocol: &'a Protocol, p: usize) -> &'a str {
        self.pathways
            .get(p)
            .and_then(|pathway| protocol.stages.get(pathway.stages.start))
            .map_or("", |stage| stage.title.as_str())
    }

    /// The ways on from step `n`.
    pub fn from(&self, n: usize) -> impl Iterator<Item = &Edge> {
        let start = self.edges.partition_point(|e| e.from < n);
        self.edges[start..].iter().take_while(move |e| e.from == n)
    }

    /// The ways into step `n`, in step order.
    pub fn into(&self, n: usize) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(move |e| e.to == To::Step(n))
    }

    /// Whether the way on `edge` is one of several from its step: drawn and written with
    /// "or" after the first.
    pub fn is_alternative(&self, edge: &Edge) -> bool {
        self.from(edge.from).count() > 1
    }

    /// Every step reached from some pathway's start is reachable; from every step that
    /// is, an end must be.
    fn check_reach(&mut self) {
        let mut reached = BTreeSet::new();
        let mut pathway_reached: Vec<BTreeSet<usize>> = Vec::new();
        for pathway in &self.pathways {
            let mut seen = BTreeSet::new();
            let mut queue: VecDeque<usize> = pathway.start.into_iter().collect();
            while let Some(n) = queue.pop_front() {
                if !seen.insert(n) {
                    continue;
                }
                for e in self.from(n) {
                    if let To::Step(to) = e.to {
                        queue.push_back(to);
                    }
                }
            }
            reached.extend(seen.iter().copied());
            pathway_reached.push(seen);
        }
        for n in 0..self.steps.len() {
            if !reached.contains(&n) {
                self.problems.push(Problem::Unreachable { step: n });
            }
        }
        // Steps from which an end can be reached: back from every edge to the end.
        let mut ends: BTreeSet<usize> = BTreeSet::new();
        let mut queue: VecDeque<usize> = self
            .edges
            .iter()
            .filter(|e| e.to == To::End)
            .map(|e| e.from)
            .collect();
        while let Some(n) = queue.pop_front() {
            if ends.insert(n) {
                queue.extend(
                    self.edges
                        .iter()
                        .filter(|e| e.to == To::Step(n))
                        .map(|e| e.from),
                );
            }
        }
        let mut told = BTreeSet::new();
        for (p, seen) in pathway_reached.iter().enumerate() {
            // One problem per pathway: the first step (in reading order) that cannot end.
            if let Some(&n) = seen
                .iter()
                .find(|n| !ends.contains(n) && !told.contains(*n))
            {
                told.insert(n);
                self.problems.push(Problem::NoEnd {
                    pathway: p,
                    step: n,
                });
            }
        }
    }
}

/// Splits the stages into pathways at every stage that says `pathway:`.
fn pathways(
    protocol: &Protocol,
    steps: &[(usize, usize)],
    problems: &mut Vec<Problem>,
) -> Vec<Pathway> {
    let mut pathways: Vec<Pathway> = Vec::new();
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    for (si, stage) in protocol.stages.iter().enumerate() {
        let starts = stage.pathway.as_ref().map(|id| {
            if let Some(&first) = named.get(id.as_str()) {
                problems.push(Problem::PathwayTwice { stage: si, first });
            } else {
                named.insert(id, si);
            }
            id.clone()
        });
        match (starts, pathways.last_mut()) {
            (None, Some(last)) => last.stages.end = si + 1,
            (id, _) => pathways.push(Pathway {
                id: id.unwrap_or_else(|| {
                    named.insert(MAIN, si);
                    MAIN.to_string()
                }),
                stages: si..si + 1,
                start: None,
            }),
        }
    }
    for pathway in &mut pathways {
        pathway.start = steps.iter().position(|(si, _)| pathway.stages.contains(si));
    }
    pathways
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protocol(yaml: &str) -> Protocol {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn edges(flow: &Flow) -> Vec<(usize, To)> {
        flow.edges.iter().map(|e| (e.from, e.to)).collect()
    }

    const TWO_PATHWAYS: &str = "
title: T
summary: S
stages:
  - id: a
    title: A
    steps:
      - { id: a1, title: A1, branches: [{ condition: If kept, goto: a2 }, { condition: If lost, goto: a3 }] }
      - { id: a2, title: A2, next: end, branches: [{ condition: If lost later, goto: a3 }] }
      - { id: a3, title: A3 }
  - id: b
    title: B
    steps:
      - { id: b1, title: B1 }
  - id: c
    title: C
    pathway: community
    steps:
      - { id: c1, title: C1 }
      - { id: c2, title: C2 }
";

    #[test]
    fn stages_continue_a_pathway_until_one_starts_its_own() {
        let flow = Flow::of(&protocol(TWO_PATHWAYS));
        let ids: Vec<(&str, std::ops::Range<usize>, Option<usize>)> = flow
            .pathways
            .iter()
            .map(|p| (p.id.as_str(), p.stages.clone(), p.start))
            .collect();
        assert_eq!(ids, [("main", 0..2, Some(0)), ("community", 2..3, Some(4))]);
        assert_eq!(flow.pathway_of, [0, 0, 0, 0, 1, 1]);
    }

    #[test]
    fn branches_are_alternatives_and_pathways_end_where_the_next_one_starts() {
        let flow = Flow::of(&protocol(TWO_PATHWAYS));
        assert_eq!(
            edges(&flow),
            [
                // a1 leads only where its branches say, not also to a2 by default.
                (0, To::Step(1)),
                (0, To::Step(2)),
                // a2: its branch, then its `next: end`.
                (1, To::Step(2)),
                (1, To::End),
                // a3 goes on to the next stage of its pathway.
                (2, To::Step(3)),
                // b1 is the last step of its pathway: the community stage is no sequel.
                (3, To::End),
                (4, To::Step(5)),
                (5, To::End),
            ]
        );
        assert!(flow.problems.is_empty(), "{:?}", flow.problems);
        assert!(flow.from(0).all(|e| flow.is_alternative(e)));
        assert!(!flow.is_alternative(&flow.edges[4]));
    }

    #[test]
    fn finds_steps_nothing_reaches_and_pathways_that_never_end() {
        let flow = Flow::of(&protocol(
            "
title: T
summary: S
stages:
  - id: a
    title: A
    steps:
      - { id: a1, title: A1, next: a3 }
      - { id: a2, title: A2 }
      - { id: a3, title: A3, next: a1 }
",
        ));
        assert_eq!(
            flow.problems,
            [
                Problem::Unreachable { step: 1 },
                Problem::NoEnd {
                    pathway: 0,
                    step: 0
                }
            ]
        );
    }

    #[test]
    fn a_next_to_a_branch_target_or_nowhere_is_a_problem() {
        let flow = Flow::of(&protocol(
            "
title: T
summary: S
stages:
  - id: a
    title: A
    pathway: one
    steps:
      - { id: a1, title: A1, next: a2, branches: [{ condition: If so, goto: a2 }] }
      - { id: a2, title: A2, next: a9 }
  - id: b
    title: B
    pathway: one
    steps:
      - { id: end, title: End }
",
        ));
        assert!(flow
            .problems
            .contains(&Problem::NextIsBranch { step: 0, branch: 0 }));
        assert!(flow.problems.contains(&Problem::UnknownNext { step: 1 }));
        assert!(flow.problems.contains(&Problem::ReservedId { step: 2 }));
        assert!(flow
            .problems
            .contains(&Problem::PathwayTwice { stage: 1, first: 0 }));
    }
}
