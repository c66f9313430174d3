//! Where each part of a protocol's chart goes: nodes (starts, steps, ends) in rows and
//! columns, the arrows between them, and the bands that head pathways and stages.

use super::{LINE, PAD};
use crate::model::flow::{Flow, To, Via};
use crate::model::Protocol;
use crate::wording::{fill, Wording};

const PILL_WIDTH: u32 = 120;
const PILL_HEIGHT: u32 = 32;
/// Characters per line of a band's title (bold).
const BAND_CHARS: usize = 64;

/// Greedy word wrap at `width` characters (a word longer than that gets a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// What a node of the chart stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The start of the pathway with this index.
    Start(usize),
    /// The step with this index in the flow.
    Step(usize),
    /// An end of a pathway, after the step with this index.
    End(usize),
}

/// One line of text in a box, and whether it is the step's title.
pub(super) struct Line {
    pub text: String,
    pub strong: bool,
}

pub(super) struct Node {
    pub kind: Kind,
    pub row: usize,
    pub column: u32,
    pub width: u32,
    pub height: u32,
    pub lines: Vec<Line>,
}

/// A drawn arrow: its ends as nodes, whether it is a branch, and whether it gets "or".
pub(super) struct Arrow {
    pub from: usize,
    pub to: usize,
    pub branch: bool,
    pub or: bool,
}

/// A heading band above a row: a pathway's or a stage's.
pub(super) struct Band {
    /// The row it heads.
    pub row: usize,
    pub pathway: Option<usize>,
    pub lines: Vec<String>,
}

/// The chart's nodes in rows, the arrows between them and the bands above rows.
pub(super) struct Layout {
    pub nodes: Vec<Node>,
    pub arrows: Vec<Arrow>,
    pub rows: usize,
    /// In the order of their rows.
    pub bands: Vec<Band>,
}

impl Layout {
    /// Puts `kind` in `row`, in `preferred` column or the nearest free one right of it.
    pub fn place(&mut self, kind: Kind, row: usize, preferred: u32, lines: Vec<Line>) -> usize {
        let taken = |c: u32| self.nodes.iter().any(|n| n.row == row && n.column == c);
        let mut column = preferred;
        while taken(column) {
            column += 1;
        }
        self.rows = self.rows.max(row + 1);
        self.nodes.push(Node {
            kind,
            row,
            column,
            width: 0,
            height: 0,
            lines,
        });
        self.nodes.len() - 1
    }

    pub fn node(&self, kind: Kind) -> Option<usize> {
        self.nodes.iter().position(|n| n.kind == kind)
    }
}

/// Lays out the flow's nodes in rows and columns (sizes come later, from the columns).
pub(super) fn layout(protocol: &Protocol, flow: &Flow, wording: &Wording) -> Layout {
    let words = &wording.protocols;
    let mut l = Layout {
        nodes: Vec::new(),
        arrows: Vec::new(),
        rows: 0,
        bands: Vec::new(),
    };
    let mut row_of: Vec<Option<usize>> = vec![None; flow.steps.len()];
    let several = flow.pathways.len() > 1;
    for (p, pathway) in flow.pathways.iter().enumerate() {
        let top = l.rows;
        if several {
            let title = fill(
                &words.chart_pathway,
                &[("number", &(p + 1)), ("count", &flow.pathways.len())],
            );
            l.bands.push(Band {
                row: top,
                pathway: Some(p),
                lines: wrap(&title, BAND_CHARS),
            });
        }
        let mut next_row = top;
        for si in pathway.stages.clone() {
            let stage = &protocol.stages[si];
            let title = fill(
                &words.chart_stage,
                &[("number", &(si + 1)), ("title", &stage.title)],
            );
            l.bands.push(Band {
                row: next_row,
                pathway: None,
                lines: wrap(&title, BAND_CHARS),
            });
            if si == pathway.stages.start && pathway.start.is_some() {
                l.place(Kind::Start(p), next_row, 0, vec![]);
                next_row += 1;
            }
            let first_row = next_row;
            let steps = (0..flow.steps.len()).filter(|&n| flow.steps[n].0 == si);
            for n in steps.clone() {
                // Below the lowest step that leads here from earlier in the pathway, in
                // its column; the pathway's first step sits below its start.
                let mut row = first_row;
                let mut column = 0;
                let mut lowest = None;
                for e in flow
                    .into(n)
                    .filter(|e| e.from < n && flow.pathway_of[e.from] == p)
                {
                    if let (Some(r), Some(node)) = (row_of[e.from], l.node(Kind::Step(e.from))) {
                        if lowest.is_none_or(|low| r + 1 > low) {
                            lowest = Some(r + 1);
                            column = l.nodes[node].column;
                        }
                    }
                }
                if let Some(low) = lowest {
                    row = row.max(low);
                }
                let placed = l.place(
                    Kind::Step(n),
                    row,
                    column,
                    box_lines(protocol, flow, n, wording),
                );
                row_of[n] = Some(l.nodes[placed].row);
                next_row = next_row.max(row + 1);
            }
            for n in steps {
                if flow.from(n).any(|e| e.to == To::End) {
                    if let (Some(r), Some(node)) = (row_of[n], l.node(Kind::Step(n))) {
                        let column = l.nodes[node].column;
                        l.place(Kind::End(n), r + 1, column, vec![]);
                        next_row = next_row.max(r + 2);
                    }
                }
            }
            next_row = next_row.max(first_row);
        }
        // A pathway whose stages have no steps still takes the rows of its bands.
        l.rows = l.rows.max(next_row).max(top + 1);
    }
    l.bands.sort_by_key(|b| b.row);
    // Arrows: each pathway's start to its first step, then every way on, in flow order.
    for (p, pathway) in flow.pathways.iter().enumerate() {
        if let (Some(from), Some(to)) = (
            l.node(Kind::Start(p)),
            pathway.start.and_then(|s| l.node(Kind::Step(s))),
        ) {
            l.arrows.push(Arrow {
                from,
                to,
                branch: false,
                or: false,
            });
        }
    }
    for (n, _) in flow.steps.iter().enumerate() {
        let Some(from) = l.node(Kind::Step(n)) else {
            continue;
        };
        for (k, e) in flow.from(n).enumerate() {
            let to = match e.to {
                To::Step(t) => l.node(Kind::Step(t)),
                To::End => l.node(Kind::End(n)),
            };
            if let Some(to) = to {
                l.arrows.push(Arrow {
                    from,
                    to,
                    branch: matches!(e.via, Via::Branch(_)),
                    or: k > 0,
                });
            }
        }
    }
    l
}

/// The lines in step `n`'s box: number and title, when, who leads, and the branches.
fn box_lines(protocol: &Protocol, flow: &Flow, n: usize, wording: &Wording) -> Vec<Line> {
    let words = &wording.protocols;
    let (si, i) = flow.steps[n];
    let step = &protocol.stages[si].steps[i];
    let mut lines = vec![Line {
        text: format!("{}. {}", n + 1, step.title),
        strong: true,
    }];
    let mut detail = |label: &str, text: &str| {
        lines.push(Line {
            text: format!("{label}: {text}"),
            strong: false,
        });
    };
    if let Some(t) = step.timing {
        detail(&words.chart_when, &wording.timing.describe(&t));
    }
    if !step.lead.is_empty() {
        detail(&words.chart_lead, &step.lead.join("; "));
    }
    let has_branches = flow.from(n).any(|e| matches!(e.via, Via::Branch(_)));
    for e in flow.from(n) {
        let to = match e.to {
            To::Step(t) => fill(&words.chart_go_to_step, &[("number", &(t + 1))]),
            To::End => words.chart_pathway_ends.clone(),
        };
        match e.via {
            // As the step list words it: "If the home can be kept: go to step 4".
            Via::Branch(b) => detail(&step.branches[b].condition, &to),
            Via::Next { .. } if has_branches => detail(&words.otherwise, &to),
            Via::Next { .. } => {}
        }
    }
    lines
}

/// Gives every node its size: boxes `width` wide with their text wrapped to fit, and
/// the start and end markers.
pub(super) fn size(l: &mut Layout, width: u32) {
    // Characters per line: the boxes are sized for the system font at 15 px.
    let chars = (width as usize * 52 / 480).max(12);
    for node in &mut l.nodes {
        if let Kind::Step(_) = node.kind {
            let lines = std::mem::take(&mut node.lines);
            for line in lines {
                // Bold text runs about a tenth wider.
                let width = if line.strong { chars * 9 / 10 } else { chars };
                node.lines
                    .extend(wrap(&line.text, width).into_iter().map(|text| Line {
                        text,
                        strong: line.strong,
                    }));
            }
            node.width = width;
            node.height = PAD * 2 + LINE * node.lines.len() as u32;
        } else {
            node.width = PILL_WIDTH;
            node.height = PILL_HEIGHT;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries_and_keeps_every_word() {
        let text = "Check whether the person has accommodation to return to on release";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("", 10), Vec::<String>::new());
        assert_eq!(wrap("Supercalifragilistic", 5), ["Supercalifragilistic"]);
    }
}
