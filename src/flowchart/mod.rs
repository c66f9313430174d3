//! Protocol flowcharts as inline SVG, laid out at build time.
//!
//! The chart draws a protocol's [`Flow`]: each pathway under its own heading from its own
//! "Start", a band per stage, a box per step, and an arrow for every way on — solid to
//! the next step, dashed for a branch, with "or" on each alternative after the first and
//! an "End" wherever a pathway ends.
//!
//! The layout is layered, as Graphviz's dot lays out graphs, without its reordering: the
//! order of steps is the content's, so every build is byte-identical and the chart reads
//! in the order of the numbered list (`layout`). A step sits one row below the lowest step
//! that leads to it from earlier in its pathway, in the column of that step if it is free
//! and beside it if not, so alternatives stand side by side. An arrow to the row below
//! goes straight down (or across the gap between the rows); any other arrow leaves
//! through the gap below its step, runs down a lane of its own right of the boxes, and
//! comes in through the gap above its target, so no line crosses a box (`geometry`).
//!
//! The SVG is a picture of the numbered step list that follows it on the page, which stays
//! the complete text: `role="img"`, a title and a description say so. Each box carries its
//! step (`data-step`) and each arrow its ends (`data-from`, `data-to`), so tests can read
//! the drawn graph.

mod geometry;
mod layout;

use crate::anchor;
use crate::model::flow::Flow;
use crate::model::Protocol;
use crate::wording::{fill, Wording};
use geometry::{Geometry, LANE_GAP};
use layout::{Kind, Node};
use std::fmt::Write;

const LEFT: u32 = 16;
const LINE: u32 = 20;
const PAD: u32 = 10;

fn escape(text: &str) -> String {
    crate::html::escape(text)
}

/// The flowchart of `protocol`, as an `<svg>` element. `id` makes its title and
/// description ids unique on the page.
pub fn svg(protocol: &Protocol, flow: &Flow, id: &str, wording: &Wording) -> String {
    let mut l = layout::layout(protocol, flow, wording);
    let words = &wording.protocols;
    let g = Geometry::of(&mut l);
    let (width, height) = (g.width, g.height);
    let mut out = String::new();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let pathways = match flow.pathways.len() {
        1 => String::new(),
        n => fill(&words.chart_pathways, &[("count", &n)]),
    };
    let title = fill(&words.chart_title, &[("protocol", &protocol.title)]);
    let description = fill(
        &words.chart_description,
        &[
            ("steps", &flow.steps.len()),
            ("stages", &protocol.stages.len()),
            ("pathways", &pathways),
        ],
    );
    let _ = write!(
        out,
        "<svg class=\"flowchart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         aria-labelledby=\"{title_id} {desc_id}\">\
         <title id=\"{title_id}\">{}</title><desc id=\"{desc_id}\">{}</desc>",
        escape(&title),
        escape(&description),
    );
    out.push_str(
        "<defs><marker id=\"fc-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">\
         <path d=\"M0 0L10 5L0 10z\" class=\"fc-head\"/></marker></defs>",
    );
    let step_ref = |n: usize| {
        let (si, i) = flow.steps[n];
        anchor::step(&protocol.stages[si].steps[i].id)
    };
    // Arrows first: a stage's band is drawn over the lines that cross it.
    let end_ref = |node: &Node| match node.kind {
        Kind::Start(p) => format!("start-{}", flow.pathways[p].id),
        Kind::Step(n) => step_ref(n),
        Kind::End(_) => "end".to_string(),
    };
    for (k, a) in l.arrows.iter().enumerate() {
        let (from, to) = (&l.nodes[a.from], &l.nodes[a.to]);
        let sx = g.out_port.get(&k).copied().unwrap_or_default();
        let tx = g.in_port.get(&k).copied().unwrap_or_default();
        let (sy, ty) = (
            g.row_top[from.row] + from.height,
            g.row_top[to.row].saturating_sub(2),
        );
        let mut d = format!("M{sx} {sy}");
        if let Some(lane) = g.lane_of.get(&k) {
            let x = g.lanes_x + lane * LANE_GAP;
            let (y1, y2) = (g.track_y(k, from.row + 1), g.track_y(k, to.row));
            let _ = write!(d, "V{y1}H{x}V{y2}H{tx}V{ty}");
        } else if sx != tx {
            let _ = write!(d, "V{}H{tx}V{ty}", g.track_y(k, to.row));
        } else {
            let _ = write!(d, "V{ty}");
        }
        let class = if a.branch { "fc-branch" } else { "fc-next" };
        let _ = write!(
            out,
            "<path class=\"{class}\" data-from=\"{}\" data-to=\"{}\" d=\"{d}\" \
             marker-end=\"url(#fc-arrow)\"/>",
            escape(&end_ref(from)),
            escape(&end_ref(to))
        );
        if a.or {
            let _ = write!(
                out,
                "<text class=\"fc-or\" x=\"{}\" y=\"{}\">{}</text>",
                sx + 5,
                sy + 13,
                escape(&words.chart_or)
            );
        }
    }
    for (band, &(top, band_height)) in l.bands.iter().zip(&g.band_at) {
        let (class, data) = match band.pathway {
            Some(p) => (
                "fc-pathway",
                format!(" data-pathway=\"{}\"", escape(&flow.pathways[p].id)),
            ),
            None => ("fc-stage", String::new()),
        };
        let _ = write!(
            out,
            "<g class=\"{class}\"{data}><rect x=\"0\" y=\"{top}\" width=\"{width}\" \
             height=\"{band_height}\"/>"
        );
        for (n, line) in band.lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{LEFT}\" y=\"{}\">{}</text>",
                top + PAD + 12 + LINE * n as u32,
                escape(line)
            );
        }
        out.push_str("</g>");
    }
    for node in &l.nodes {
        let (x, top) = (g.node_x(node), g.row_top[node.row]);
        let marker = |class: &str, word: &str, data: String| {
            format!(
                "<g class=\"{class}\" {data}><rect x=\"{x}\" y=\"{top}\" width=\"{}\" \
                 height=\"{}\" rx=\"{}\"/><text x=\"{}\" y=\"{}\" \
                 text-anchor=\"middle\">{}</text></g>",
                node.width,
                node.height,
                node.height / 2,
                x + node.width / 2,
                top + 21,
                escape(word)
            )
        };
        match node.kind {
            Kind::Step(n) => {
                let _ = write!(
                    out,
                    "<g class=\"fc-step\" data-step=\"{}\" data-number=\"{}\">\
                     <rect x=\"{x}\" y=\"{top}\" width=\"{}\" height=\"{}\" rx=\"4\"/>",
                    escape(&step_ref(n)),
                    n + 1,
                    node.width,
                    node.height
                );
                for (i, line) in node.lines.iter().enumerate() {
                    let class = if line.strong {
                        " class=\"fc-title\""
                    } else {
                        ""
                    };
                    let _ = write!(
                        out,
                        "<text x=\"{}\" y=\"{}\"{class}>{}</text>",
                        x + PAD,
                        top + PAD + 15 + LINE * i as u32,
                        escape(&line.text)
                    );
                }
                out.push_str("</g>");
            }
            Kind::Start(p) => out.push_str(&marker(
                "fc-start",
                &words.chart_start,
                format!("data-pathway=\"{}\"", escape(&flow.pathways[p].id)),
            )),
            Kind::End(n) => out.push_str(&marker(
                "fc-end",
                &words.chart_end,
                format!("data-after=\"{}\"", escape(&step_ref(n))),
            )),
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Branch, Stage, Step};
    use proptest::prelude::*;

    fn step(id: usize, next: Option<String>, branches: Vec<usize>) -> Step {
        Step {
            id: format!("s{id}"),
            reference: None,
            title: format!("Step {id}"),
            lead: vec![],
            partners: vec![],
            timing: None,
            actions: vec![],
            questions: vec![],
            branches: branches
                .into_iter()
                .map(|to| Branch {
                    condition: format!("If {to}"),
                    goto: format!("s{to}"),
                })
                .collect(),
            next,
        }
    }

    proptest! {
        /// Whatever the graph (loops, unknown steps, empty stages, ways into other
        /// pathways), the chart is drawn without panicking and has one arrow for each
        /// way on and each pathway's start.
        #[test]
        fn any_protocol_draws_each_way_on_once(
            stages in proptest::collection::vec(
                (any::<bool>(), proptest::collection::vec(
                    (proptest::option::of(0usize..14), proptest::collection::vec(0usize..14, 0..3)),
                    0..5,
                )),
                1..4,
            )
        ) {
            let mut n = 0;
            let protocol = Protocol {
                title: "T".into(),
                summary: "S".into(),
                source: None,
                reviewed: None,
                review_by: None,
                draft: false,
                stages: stages
                    .into_iter()
                    .enumerate()
                    .map(|(si, (own, steps))| Stage {
                        id: format!("stage{si}"),
                        title: format!("Stage {si}"),
                        summary: None,
                        pathway: own.then(|| format!("p{si}")),
                        steps: steps
                            .into_iter()
                            .map(|(next, branches)| {
                                n += 1;
                                // 13 is "end"; 12 names no step when there are fewer.
                                let next = next.map(|t| if t == 13 { "end".into() } else { format!("s{t}") });
                                step(n - 1, next, branches)
                            })
                            .collect(),
                    })
                    .collect(),
            };
            let flow = Flow::of(&protocol);
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let wording = crate::wording::Wording::load(root, "default").unwrap();
            let svg = svg(&protocol, &flow, "fc", &wording);
            let starts = flow.pathways.iter().filter(|p| p.start.is_some()).count();
            prop_assert_eq!(svg.matches("<path class=\"fc-").count(), flow.edges.len() + starts);
            prop_assert_eq!(svg.matches("class=\"fc-step\"").count(), flow.steps.len());
        }
    }
}
