//! Protocol flowcharts as inline SVG, laid out at build time.
//!
//! A protocol's steps have a reading order (stage by stage), so the layout is a single
//! column: a band per stage, a box per step with its timing and lead, an arrow down to the
//! next step, and each branch ("accommodation lost", "not secured on release") as an arrow
//! in its own lane on the right, from the step to the step it leads to. A general graph
//! layout (e.g. the `layout-rs` crate, a port of Graphviz's dot) would reorder steps to
//! reduce crossings; here the order is the content, and a fixed column keeps every build
//! byte-identical and the chart readable when it scrolls sideways on a phone.
//!
//! The SVG is a picture of the numbered step list that follows it on the page, which stays
//! the complete text: `role="img"`, a title and a description say so.

use crate::anchor;
use crate::model::Protocol;
use std::collections::BTreeMap;
use std::fmt::Write;

const WIDTH: u32 = 640;
const BOX_X: u32 = 16;
const BOX_WIDTH: u32 = 480;
/// Branch lanes start right of the boxes, one per branch.
const LANE_X: u32 = BOX_X + BOX_WIDTH + 20;
const LANE_GAP: u32 = 14;
const LINE: u32 = 20;
const PAD: u32 = 10;
const GAP: u32 = 28;
/// Characters per line of a stage's title (bold).
const STAGE_CHARS: usize = 64;
/// Characters per line of box text: the boxes are sized for the system font at 15 px.
const CHARS: usize = 52;

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

fn escape(text: &str) -> String {
    crate::render::escape(text)
}

/// One line of text in a box, and whether it is the step's title.
struct Line {
    text: String,
    strong: bool,
}

/// A step's box: where it is and what it says.
struct Placed {
    id: String,
    number: usize,
    top: u32,
    height: u32,
    lines: Vec<Line>,
}

/// The flowchart of `protocol`, as an `<svg>` element. `id` makes its title and
/// description ids unique on the page.
pub fn svg(protocol: &Protocol, id: &str) -> String {
    let numbers: BTreeMap<&str, usize> = protocol
        .steps()
        .enumerate()
        .map(|(n, (_, _, s))| (s.id.as_str(), n + 1))
        .collect();
    let mut y = 8;
    let mut bands = Vec::new();
    let mut boxes: Vec<Placed> = Vec::new();
    for (si, stage) in protocol.stages.iter().enumerate() {
        let title = wrap(&format!("Stage {}: {}", si + 1, stage.title), STAGE_CHARS);
        let band = PAD + LINE * title.len() as u32 + 4;
        bands.push((y, band, title));
        y += band + 8;
        for step in &stage.steps {
            let number = numbers.get(step.id.as_str()).copied().unwrap_or(0);
            let mut lines: Vec<Line> = wrap(&format!("{number}. {}", step.title), CHARS)
                .into_iter()
                .map(|text| Line { text, strong: true })
                .collect();
            let mut detail =
                |label: &str, text: &str| {
                    lines.extend(wrap(&format!("{label}: {text}"), CHARS).into_iter().map(
                        |text| Line {
                            text,
                            strong: false,
                        },
                    ));
                };
            if let Some(t) = step.timing {
                detail("When", &t.describe());
            }
            if !step.lead.is_empty() {
                detail("Lead", &step.lead.join("; "));
            }
            for b in &step.branches {
                let target = numbers.get(b.goto.as_str()).copied().unwrap_or(0);
                // As the step list words it: "If the home can be kept: go to step 4".
                detail(&b.condition, &format!("go to step {target}"));
            }
            let height = PAD * 2 + LINE * lines.len() as u32;
            boxes.push(Placed {
                id: step.id.clone(),
                number,
                top: y,
                height,
                lines,
            });
            y += height + GAP;
        }
    }
    let height = y;
    let lanes = protocol
        .steps()
        .map(|(_, _, s)| s.branches.len() as u32)
        .sum::<u32>();
    let width = WIDTH.max(LANE_X + lanes * LANE_GAP + 8);

    let steps = numbers.len();
    let mut out = String::new();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let _ = write!(
        out,
        "<svg class=\"flowchart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         aria-labelledby=\"{title_id} {desc_id}\">\
         <title id=\"{title_id}\">Flowchart: {}</title>\
         <desc id=\"{desc_id}\">{steps} steps in {} stages, in order, with the branches \
         between them. The numbered steps below give the same steps in full.</desc>",
        escape(&protocol.title),
        protocol.stages.len()
    );
    out.push_str(
        "<defs><marker id=\"fc-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">\
         <path d=\"M0 0L10 5L0 10z\" class=\"fc-head\"/></marker></defs>",
    );
    for (top, band, lines) in &bands {
        let _ = write!(
            out,
            "<g class=\"fc-stage\"><rect x=\"0\" y=\"{top}\" width=\"{width}\" height=\"{band}\"/>"
        );
        for (n, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{BOX_X}\" y=\"{}\">{}</text>",
                top + PAD + 12 + LINE * n as u32,
                escape(line)
            );
        }
        out.push_str("</g>");
    }
    for (i, b) in boxes.iter().enumerate() {
        let _ = write!(
            out,
            "<g class=\"fc-step\" data-step=\"{}\" data-number=\"{}\">\
             <rect x=\"{BOX_X}\" y=\"{}\" width=\"{BOX_WIDTH}\" height=\"{}\" rx=\"4\"/>",
            escape(&anchor::step(&b.id)),
            b.number,
            b.top,
            b.height
        );
        for (n, line) in b.lines.iter().enumerate() {
            let class = if line.strong {
                " class=\"fc-title\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\"{class}>{}</text>",
                BOX_X + PAD,
                b.top + PAD + 15 + LINE * n as u32,
                escape(&line.text)
            );
        }
        out.push_str("</g>");
        // Down to the next step, across a stage band if there is one.
        if let Some(next) = boxes.get(i + 1) {
            let x = BOX_X + BOX_WIDTH / 2;
            let _ = write!(
                out,
                "<path class=\"fc-next\" d=\"M{x} {}V{}\" marker-end=\"url(#fc-arrow)\"/>",
                b.top + b.height,
                next.top - 2
            );
        }
    }
    // Branches, each in its own lane: out of the step's right side, along the lane, into
    // the target's right side.
    // Several branches can leave one step or reach one step: each gets its own height
    // there, so no two lines or arrowheads overlap.
    let mut lane = 0;
    let mut arriving: BTreeMap<&str, u32> = BTreeMap::new();
    let by_id: BTreeMap<&str, &Placed> = boxes.iter().map(|b| (b.id.as_str(), b)).collect();
    for (_, _, step) in protocol.steps() {
        for (k, branch) in step.branches.iter().enumerate() {
            let (Some(from), Some(to)) =
                (by_id.get(step.id.as_str()), by_id.get(branch.goto.as_str()))
            else {
                continue;
            };
            let x = LANE_X + lane * LANE_GAP;
            lane += 1;
            let right = BOX_X + BOX_WIDTH;
            let y1 = from.top + PAD + 6 + 8 * k as u32;
            let seen = arriving.entry(branch.goto.as_str()).or_insert(0);
            let y2 = to.top + to.height - PAD - 8 * *seen;
            *seen += 1;
            let _ = write!(
                out,
                "<path class=\"fc-branch\" d=\"M{right} {y1}H{x}V{y2}H{}\" \
                 marker-end=\"url(#fc-arrow)\"/>",
                right + 2
            );
        }
    }
    out.push_str("</svg>");
    out
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
