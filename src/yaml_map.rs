//! Where each value of a YAML document sits in its file.
//!
//! serde gives a position only for the first deserialisation error. Checks that run
//! after parsing (unknown references, impossible timings, duplicate ids) need the
//! position of any value, so we walk yaml-rust2's marked events once and record the
//! position of every node under a path such as `stages[0].steps[2].partners[1]`.

use crate::diagnostic::Position;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Positions of the nodes of one YAML document, keyed by path.
#[derive(Debug, Default, Clone)]
pub struct YamlMap {
    values: HashMap<String, Position>,
    keys: HashMap<String, Position>,
    /// First position of each scalar value, for errors that name a value but no path.
    scalars: HashMap<String, Position>,
}

impl YamlMap {
    /// Builds the map. A YAML syntax error stops the walk; what was seen so far is kept
    /// (serde reports the syntax error itself).
    pub fn parse(text: &str) -> Self {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        builder.map
    }

    /// Position of the value at `path`, falling back to the nearest enclosing node.
    pub fn value(&self, path: &str) -> Position {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p) {
                return *pos;
            }
            match parent(p) {
                Some(up) => p = up,
                None => return Position::new(1, 1, 1),
            }
        }
    }

    /// Whether a node sits at exactly `path` (no falling back to its parent).
    pub fn has(&self, path: &str) -> bool {
        self.values.contains_key(path)
    }

    /// Where a scalar with exactly this text first appears.
    pub fn scalar(&self, text: &str) -> Option<Position> {
        self.scalars.get(text).copied()
    }

    /// Position of the key that names `path` (e.g. `tier` in `tier: low`), or of its value.
    pub fn key(&self, path: &str) -> Position {
        self.keys
            .get(path)
            .copied()
            .unwrap_or_else(|| self.value(path))
    }
}

fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

fn child_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

#[derive(Default)]
struct Builder {
    map: YamlMap,
    stack: Vec<Frame>,
}

impl Builder {
    /// Path for the next value node, advancing the enclosing collection.
    fn next_value_path(&mut self) -> String {
        match self.stack.last_mut() {
            None => String::new(),
            Some(Frame::Map { path, key }) => {
                let k = key.take().unwrap_or_default();
                child_path(path, &k)
            }
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                p
            }
        }
    }

    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }
}

fn position(mark: &Marker, width: usize) -> Position {
    // yaml-rust2 markers count columns from 0.
    Position::new(mark.line(), mark.col() + 1, width)
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                let width = value.chars().count().max(1);
                if self.expecting_key() {
                    if let Some(Frame::Map { path, key }) = self.stack.last_mut() {
                        let p = child_path(path, &value);
                        let pos = position(&mark, width);
                        // A block mapping's start marker can sit after its first key;
                        // the mapping really starts at its earliest key.
                        if let Some(start) = self.map.values.get_mut(path.as_str()) {
                            if (pos.line, pos.column) < (start.line, start.column) {
                                *start = pos;
                            }
                        }
                        self.map.keys.insert(p, pos);
                        *key = Some(value);
                    }
                } else {
                    let p = self.next_value_path();
                    let pos = position(&mark, width);
                    self.map.scalars.entry(value).or_insert(pos);
                    self.map.values.entry(p).or_insert(pos);
                }
            }
            Event::Alias(_) => {
                let p = self.next_value_path();
                self.map.values.entry(p).or_insert(position(&mark, 1));
            }
            Event::MappingStart(..) => {
                let p = self.next_value_path();
                self.map
                    .values
                    .entry(p.clone())
                    .or_insert(position(&mark, 1));
                self.stack.push(Frame::Map { path: p, key: None });
            }
            Event::SequenceStart(..) => {
                let p = self.next_value_path();
                self.map
                    .values
                    .entry(p.clone())
                    .or_insert(position(&mark, 1));
                self.stack.push(Frame::Seq { path: p, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "title: Kent\nstages:\n  - id: before\n    steps:\n      - id: gather\n        partners: [probation, police]\n";

    #[test]
    fn finds_nested_sequence_items() {
        let m = YamlMap::parse(DOC);
        assert_eq!(m.value("title"), Position::new(1, 8, 4));
        assert_eq!(m.value("stages[0].steps[0].id"), Position::new(5, 13, 6));
        assert_eq!(
            m.value("stages[0].steps[0].partners[1]"),
            Position::new(6, 31, 6)
        );
        assert_eq!(m.key("stages[0].id").line, 3);
    }

    #[test]
    fn unknown_paths_fall_back_to_their_parent() {
        let m = YamlMap::parse(DOC);
        assert_eq!(m.value("stages[0].steps[0].nope").line, 5);
    }
}
