//! Coordinates for a laid-out chart: where each row starts, where each arrow leaves and
//! enters its boxes, which arrows take a lane, and the heights at which lines cross the
//! gaps between rows.

use super::layout::{Arrow, Layout, Node};
use super::{LEFT, LINE, PAD};
use std::collections::BTreeMap;

/// Box width when every row holds one box, and when some hold several.
const WIDE: u32 = 480;
const NARROW: u32 = 300;
const COLUMN_GAP: u32 = 24;
pub(super) const LANE_GAP: u32 = 14;
/// Height of the gap between rows with no line across it, and of each line across it.
const GAP: u32 = 28;
const TRACK: u32 = 8;
/// Room under a row for the "or" on arrows leaving it.
const LABEL_ROOM: u32 = 16;

pub(super) struct Geometry {
    /// Width of a step's box.
    pub box_width: u32,
    /// Where the first lane runs; lane `n` is `LANE_GAP * n` right of it.
    pub lanes_x: u32,
    /// The lane of each arrow that does not go to the row below, by arrow index.
    pub lane_of: BTreeMap<usize, u32>,
    /// Where each arrow leaves its first box and enters its second, by arrow index.
    pub out_port: BTreeMap<usize, u32>,
    pub in_port: BTreeMap<usize, u32>,
    /// The track each arrow takes in a gap, by (arrow, gap); gap `r` is above row `r`.
    track_of: BTreeMap<(usize, usize), u32>,
    /// The top of each row, and one more for the bottom of the last.
    pub row_top: Vec<u32>,
    /// Top and height of each band, in the layout's order.
    pub band_at: Vec<(u32, u32)>,
    pub width: u32,
    pub height: u32,
}

impl Geometry {
    pub fn of(l: &mut Layout) -> Geometry {
        let columns = l.nodes.iter().map(|n| n.column + 1).max().unwrap_or(1);
        let box_width = if columns == 1 { WIDE } else { NARROW };
        super::layout::size(l, box_width);
        let column_x = |c: u32| LEFT + c * (box_width + COLUMN_GAP);
        let lanes_x = column_x(columns) - COLUMN_GAP + 20;

        // Arrows to the row below go straight there; the others take a lane each.
        let direct = |a: &Arrow| l.nodes[a.to].row == l.nodes[a.from].row + 1;
        let mut lane_of = BTreeMap::new();
        for (k, a) in l.arrows.iter().enumerate() {
            if !direct(a) {
                let lane = lane_of.len() as u32;
                lane_of.insert(k, lane);
            }
        }
        let mut g = Geometry {
            box_width,
            lanes_x,
            lane_of,
            out_port: BTreeMap::new(),
            in_port: BTreeMap::new(),
            track_of: BTreeMap::new(),
            row_top: Vec::new(),
            band_at: Vec::new(),
            width: 0,
            height: 0,
        };
        g.ports(l);
        let tracks = g.tracks(l);
        g.rows(l, &tracks);
        let lanes = g.lane_of.len() as u32;
        g.width = (lanes_x + lanes * LANE_GAP + 8).max(column_x(columns) + 8);
        g
    }

    /// The left edge of a node: boxes fill their column, markers sit in its middle.
    pub fn node_x(&self, n: &Node) -> u32 {
        LEFT + n.column * (self.box_width + COLUMN_GAP) + (self.box_width - n.width) / 2
    }

    /// The height of arrow `k`'s line across the gap above row `gap`. The lowest track
    /// clears the arrowheads on the row below.
    pub fn track_y(&self, k: usize, gap: usize) -> u32 {
        let track = self.track_of.get(&(k, gap)).copied().unwrap_or(0);
        self.row_top[gap].saturating_sub(14 + TRACK * track)
    }

    /// Where each arrow leaves and enters its boxes. Arrows to the row below are spread
    /// along the edge, ordered by where the other end is so that they do not cross at the
    /// box; arrows by a lane leave and enter at the right-hand end, nearest to the lanes,
    /// so that no two arrows meet in one line.
    fn ports(&mut self, l: &Layout) {
        for (node_index, node) in l.nodes.iter().enumerate() {
            let x = self.node_x(node);
            for outgoing in [true, false] {
                let mut direct = Vec::new();
                let mut by_lane = Vec::new();
                for (k, a) in l.arrows.iter().enumerate() {
                    let (this, other) = if outgoing {
                        (a.from, a.to)
                    } else {
                        (a.to, a.from)
                    };
                    if this != node_index {
                        continue;
                    }
                    match self.lane_of.get(&k) {
                        Some(&lane) => by_lane.push((lane, k)),
                        None => {
                            let o = &l.nodes[other];
                            direct.push(((o.column, o.row), k));
                        }
                    }
                }
                direct.sort();
                by_lane.sort();
                let ports = if outgoing {
                    &mut self.out_port
                } else {
                    &mut self.in_port
                };
                let m = direct.len() as u32;
                for (i, (_, k)) in direct.into_iter().enumerate() {
                    ports.insert(k, x + node.width * (i as u32 + 1) / (m + 1));
                }
                for (i, (_, k)) in by_lane.into_iter().rev().enumerate() {
                    ports.insert(k, x + node.width - 10 - 10 * i as u32);
                }
            }
        }
    }

    /// Gives each line across a gap a track of its own: arrows to the row below the lowest
    /// tracks, lanes the ones above them. Returns how many tracks each gap has.
    fn tracks(&mut self, l: &Layout) -> BTreeMap<usize, u32> {
        let mut tracks: BTreeMap<usize, u32> = BTreeMap::new();
        let mut order: Vec<usize> = (0..l.arrows.len()).collect();
        order.sort_by_key(|k| (self.lane_of.contains_key(k), *k));
        for k in order {
            let a = &l.arrows[k];
            let (from, to) = (&l.nodes[a.from], &l.nodes[a.to]);
            let mut gaps = Vec::new();
            if self.lane_of.contains_key(&k) {
                gaps.push(from.row + 1);
                gaps.push(to.row);
            } else if self.out_port.get(&k) != self.in_port.get(&k) {
                gaps.push(to.row);
            }
            for gap in gaps {
                let t = tracks.entry(gap).or_insert(0);
                self.track_of.insert((k, gap), *t);
                *t += 1;
            }
        }
        tracks
    }

    /// Rows from the top: above each, room for the "or" of arrows leaving the row before,
    /// the bands, then the gap with its tracks.
    fn rows(&mut self, l: &Layout, tracks: &BTreeMap<usize, u32>) {
        let labelled: Vec<usize> = l
            .arrows
            .iter()
            .filter(|a| a.or)
            .map(|a| l.nodes[a.from].row)
            .collect();
        let mut y = 8;
        for r in 0..=l.rows {
            if r > 0 && labelled.contains(&(r - 1)) {
                y += LABEL_ROOM;
            }
            for band in l.bands.iter().filter(|b| b.row == r) {
                let h = PAD + LINE * band.lines.len() as u32 + 4;
                self.band_at.push((y, h));
                y += h + 8;
            }
            let t = tracks.get(&r).copied().unwrap_or(0);
            y += match (r, t) {
                (0, 0) => 0,
                (r, 0) if r == l.rows => 0,
                _ => GAP.max(30 + TRACK * t),
            };
            self.row_top.push(y);
            y += l
                .nodes
                .iter()
                .filter(|n| n.row == r)
                .map(|n| n.height)
                .max()
                .unwrap_or(0);
        }
        self.height = y + 8;
    }
}
