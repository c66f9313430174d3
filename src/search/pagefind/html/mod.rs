//! What Pagefind reads from a rendered page: its text in reading order, with markers for
//! heading weights and `id` anchors, and its filters, metadata and sort keys.
//!
//! This follows Pagefind 1.6.0's parser (`src/fossick/parser.rs`, MIT licence) rule for
//! rule — `data-pagefind-body`, `-ignore`, `-weight`, `-filter`, `-meta`, `-default-meta`,
//! `-sort`, `-index-attrs` and `-title`, headings weighted 7 (h1) to 2 (h6), block elements
//! ended with a full stop, `nav`, `footer`, `form`, `svg` and the like left out — so the
//! bundle is the one Pagefind would build. Pagefind builds a string per element; here one
//! string holds the whole page and each open element remembers where its text starts,
//! which is what makes this cheap enough to run in every render thread.
//!
//! The tokenizer is small because it reads HTML the build wrote itself: it knows start
//! and end tags, attributes, comments, doctypes, CDATA and the raw-text elements. For
//! markup that is not well formed (an end tag that was never opened, a missing end tag)
//! it stays safe but may read the text differently from Pagefind.

mod tokenize;

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;
use tokenize::tokenize;

/// Elements whose end gets a full stop (when their text ends in a word) and a space.
const SENTENCE: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];
/// Elements that pass their parent's anchors on to their text.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i",
    "img", "input", "kbd", "label", "map", "object", "output", "q", "samp", "script", "select",
    "small", "span", "strong", "sub", "sup", "textarea", "time", "tt", "var",
];
/// Elements whose text is never indexed (their filters and metadata still count).
const REMOVE: &[&str] = &[
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];

static SENTENCE_CHARS: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new("^[\\w'\"\\)\\$\\*]$").expect("a valid pattern"));
static PRIVATE_MARKER: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new("___PAGEFIND_[\\S]+\\s?").expect("a valid pattern"));
static ATTRIBUTE_MATCH: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new("^\\s*(?P<name>[^:\\[\\]]+)\\[(?P<attribute>.+)\\]\\s*$")
        .expect("a valid pattern")
});

/// Marks in the digest (the same words Pagefind's parser writes).
pub const ANCHOR: &str = "___PAGEFIND_ANCHOR___";
pub const WEIGHT: &str = "___PAGEFIND_WEIGHT___";
pub const AUTO_WEIGHT: &str = "___PAGEFIND_AUTO_WEIGHT___";
pub const END_WEIGHT: &str = "___END_PAGEFIND_WEIGHT___";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Indexing,
    /// Not indexed; filters and metadata inside still count.
    Ignored,
    /// Left out entirely, filters and metadata too.
    Excluded,
    /// `data-pagefind-body`.
    Body,
    /// Holds a body: only bodies' text is kept.
    ParentOfBody,
}

/// What a page gives the index, before its text is split into words.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The text with its markers; HTML entities are decoded.
    pub digest: String,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
    pub meta: BTreeMap<String, String>,
    /// The text of each anchored element, by `counter:id` as in the digest's markers.
    pub anchor_content: HashMap<String, String>,
    pub anchor_titles: HashMap<String, String>,
    pub has_custom_body: bool,
    /// The `<html lang>`, lower case.
    pub language: Option<String>,
}

/// One open element.
struct Frame {
    tag: String,
    status: Status,
    /// Where the parent's text stood when this element opened (before its prefix).
    outer: usize,
    /// Where this element's own text starts.
    start: usize,
    filter: Option<Vec<String>>,
    meta: Option<Vec<String>>,
    default_meta: Option<Vec<String>>,
    sort: Option<Vec<String>>,
    weighted: bool,
    sentence: bool,
    anchor_ids: Option<Vec<String>>,
}

impl Frame {
    fn root() -> Frame {
        Frame {
            tag: String::new(),
            status: Status::Indexing,
            outer: 0,
            start: 0,
            filter: None,
            meta: None,
            default_meta: None,
            sort: None,
            weighted: false,
            sentence: false,
            anchor_ids: None,
        }
    }
}

struct Parser {
    out: String,
    stack: Vec<Frame>,
    /// How many open elements are `<html>` (the root Pagefind reads from).
    html_open: usize,
    anchors: usize,
    meta: BTreeMap<String, String>,
    default_meta: BTreeMap<String, String>,
    result: Extracted,
}

/// Reads a page as Pagefind's parser does.
pub fn extract(html: &str) -> Extracted {
    let mut p = Parser {
        out: String::with_capacity(html.len() / 2),
        stack: vec![Frame::root()],
        html_open: 0,
        anchors: 0,
        meta: BTreeMap::new(),
        default_meta: BTreeMap::new(),
        result: Extracted::default(),
    };
    tokenize(html, &mut p);
    p.finish()
}

/// Normalises text as Pagefind does for stored values: entities decoded, trimmed, runs of
/// line breaks and of two or more spaces made one space.
pub fn normalize(text: &str) -> String {
    let decoded = html_escape::decode_html_entities(text);
    let trimmed = decoded.trim();
    let mut out = String::with_capacity(trimmed.len());
    let mut chars = trimmed.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || (c == '\r' && chars.peek() == Some(&'\n')) {
            // `(\n|\r\n)+` becomes one space, then any run of spaces one space.
            while matches!(chars.peek(), Some('\n' | '\r')) {
                chars.next();
            }
            push_space(&mut out, &mut chars);
        } else if c.is_whitespace() && chars.peek().is_some_and(|n| n.is_whitespace()) {
            push_space(&mut out, &mut chars);
        } else {
            out.push(c);
        }
    }
    out
}

/// One space for a run of whitespace (the run's first character already taken).
fn push_space(out: &mut String, chars: &mut std::iter::Peekable<std::str::Chars>) {
    while chars.peek().is_some_and(|n| n.is_whitespace()) {
        chars.next();
    }
    out.push(' ');
}

fn attr<'a>(attrs: &'a [(String, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
}

/// `kind`, `kind:Service`, `title[data-x]`, `a, b` as Pagefind reads them; attribute
/// references are resolved now.
fn parse_attr_string(input: &str, attrs: &[(String, &str)]) -> Vec<String> {
    if let Some((names, literal)) = input.split_once(':') {
        let mut parsed = parse_attr_string(names, attrs);
        if let Some(last) = parsed.last_mut() {
            last.push(':');
            last.push_str(literal);
        }
        return parsed;
    }
    input
        .split(',')
        .map(|chunk| {
            let chunk = chunk.trim();
            match ATTRIBUTE_MATCH.captures(chunk) {
                Some(c) => {
                    let name = c.name("name").map_or("", |m| m.as_str());
                    let attribute = c.name("attribute").map_or("", |m| m.as_str());
                    format!(
                        "{name}:{}",
                        attr(attrs, &attribute.to_ascii_lowercase()).unwrap_or_default()
                    )
                }
                None => chunk.to_string(),
            }
        })
        .collect()
}

fn ends_in_sentence_char(text: &str) -> bool {
    text.chars().last().is_some_and(|c| {
        let mut buf = [0u8; 4];
        SENTENCE_CHARS.is_match(c.encode_utf8(&mut buf))
    })
}

impl Parser {
    fn top(&self) -> &Frame {
        &self.stack[self.stack.len() - 1]
    }

    fn start_tag(&mut self, tag: String, attrs: &[(String, &str)], can_have_content: bool) {
        if tag == "html" {
            self.html_open += 1;
            if let Some(lang) = attr(attrs, "lang") {
                self.result.language = Some(lang.to_lowercase());
            }
        }
        if self.html_open == 0 {
            return;
        }
        let status = if attr(attrs, "data-pagefind-body").is_some() {
            Status::Body
        } else {
            match attr(attrs, "data-pagefind-ignore").map(str::to_ascii_lowercase) {
                Some(v) if matches!(v.as_str(), "" | "index" | "true") => Status::Ignored,
                Some(_) => Status::Excluded,
                None => Status::Indexing,
            }
        };
        let parsed = |name: &str| attr(attrs, name).map(|a| parse_attr_string(a, attrs));
        let element_id = attr(attrs, "id").map(|id| id.replace(char::is_whitespace, ""));
        let parent_status = self.top().status;
        let mut anchor_id = None;
        if let (Some(id), false) = (
            &element_id,
            matches!(status, Status::Excluded | Status::Ignored),
        ) {
            // No anchors outside a body once one has been found.
            if parent_status != Status::ParentOfBody
                || matches!(status, Status::Body | Status::ParentOfBody)
            {
                let key = format!("{}:{id}", self.anchors);
                self.out.push_str(&format!(" {ANCHOR}{tag}:{key} "));
                self.anchors += 1;
                if let Some(title) = attr(attrs, "data-pagefind-title")
                    .map(normalize)
                    .filter(|t| !t.is_empty())
                {
                    self.result.anchor_titles.insert(key.clone(), title);
                }
                anchor_id = Some(key);
            }
        }
        if status != Status::Excluded {
            if let Some(list) = attr(attrs, "data-pagefind-index-attrs") {
                for name in list.split(',') {
                    let mut value = attr(attrs, &name.trim().to_ascii_lowercase())
                        .unwrap_or_default()
                        .to_string();
                    if ends_in_sentence_char(&value) {
                        value.push('.');
                    }
                    self.out.push(' ');
                    self.out.push_str(&value);
                    self.out.push(' ');
                }
            }
            if tag == "br" {
                self.out.push(' ');
            }
        }
        let mut anchor_ids = match (&self.top().anchor_ids, INLINE.contains(&tag.as_str())) {
            (Some(ids), true) => Some(ids.clone()),
            _ => None,
        };
        if let Some(id) = anchor_id {
            anchor_ids.get_or_insert_with(Vec::new).push(id);
        }
        let mut status = if parent_status == Status::Excluded {
            parent_status
        } else {
            status
        };
        if REMOVE.contains(&tag.as_str()) && tag != "html" {
            status = Status::Ignored;
        }
        let weight = attr(attrs, "data-pagefind-weight");
        let auto_weight = match tag.as_str() {
            "h1" => Some("7"),
            "h2" => Some("6"),
            "h3" => Some("5"),
            "h4" => Some("4"),
            "h5" => Some("3"),
            "h6" => Some("2"),
            _ => None,
        };
        let outer = self.out.len();
        let mut frame = Frame {
            sentence: SENTENCE.contains(&tag.as_str()),
            weighted: false,
            tag,
            status,
            outer,
            start: outer,
            filter: parsed("data-pagefind-filter"),
            meta: parsed("data-pagefind-meta"),
            default_meta: parsed("data-pagefind-default-meta"),
            sort: parsed("data-pagefind-sort"),
            anchor_ids,
        };
        if !can_have_content {
            self.values_of(&frame, "");
            if frame.tag == "img"
                && frame.status != Status::Excluded
                && !self.meta.contains_key("auto_image")
                && (self.meta.contains_key("auto_title") || self.meta.contains_key("title"))
            {
                if let Some(src) = attr(attrs, "src") {
                    self.meta.insert("auto_image".into(), normalize(src));
                    if let Some(alt) = attr(attrs, "alt") {
                        self.meta.insert("auto_image_alt".into(), normalize(alt));
                    }
                }
            }
            return;
        }
        // The text an element is wrapped in when it closes is written now, so that the
        // element's own text can follow it in the one string.
        if let Some(w) = weight {
            self.out.push_str(&format!(" {WEIGHT}{w} "));
            frame.weighted = true;
        } else if let Some(w) = auto_weight {
            self.out.push_str(&format!(" {AUTO_WEIGHT}{w} "));
            frame.weighted = true;
        }
        if frame.sentence {
            self.out.push(' ');
        }
        frame.start = self.out.len();
        self.stack.push(frame);
    }

    /// Filters, sort keys and metadata of a closing element whose text is `value`.
    fn values_of(&mut self, frame: &Frame, value: &str) {
        if frame.status == Status::Excluded {
            return;
        }
        let pair = |spec: &str| -> Option<(String, String)> {
            match spec.split_once(':') {
                Some((name, literal)) => Some((name.to_string(), normalize(literal))),
                None if value.is_empty() => None,
                None => Some((spec.to_string(), normalize(value))),
            }
        };
        for (name, v) in frame.filter.iter().flatten().filter_map(|s| pair(s)) {
            self.result
                .filters
                .entry(name)
                .or_default()
                .push(normalize(&v));
        }
        for (name, v) in frame.sort.iter().flatten().filter_map(|s| pair(s)) {
            self.result.sort.insert(name, v);
        }
        for (name, v) in frame.meta.iter().flatten().filter_map(|s| pair(s)) {
            self.meta.insert(name, v);
        }
        for (name, v) in frame.default_meta.iter().flatten().filter_map(|s| pair(s)) {
            self.default_meta.insert(name, v);
        }
    }

    fn text(&mut self, text: &str) {
        if self.html_open == 0 || text.is_empty() {
            return;
        }
        self.out.push_str(text);
        let top = self.top();
        if matches!(top.status, Status::Ignored | Status::Excluded) {
            return;
        }
        if let Some(ids) = top.anchor_ids.clone() {
            for id in ids {
                self.result
                    .anchor_content
                    .entry(id)
                    .or_default()
                    .push_str(text);
            }
        }
    }

    fn end_tag(&mut self, tag: &str) {
        let Some(depth) = self.stack.iter().rposition(|f| f.tag == tag) else {
            return;
        };
        if depth == 0 {
            return;
        }
        while self.stack.len() > depth {
            self.close();
        }
        if tag == "html" {
            self.html_open = self.html_open.saturating_sub(1);
        }
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if frame.status == Status::Excluded {
            self.out.truncate(frame.outer);
            return;
        }
        // The element's own text is copied only when something is read from it.
        let wanted = frame.filter.is_some()
            || frame.meta.is_some()
            || frame.default_meta.is_some()
            || frame.sort.is_some()
            || frame.tag == "h1"
            || frame.tag == "title";
        if wanted {
            let value = self.out[frame.start..].to_string();
            self.values_of(&frame, &value);
            if frame.tag == "h1"
                && !self.meta.contains_key("auto_title")
                && !value.trim().is_empty()
            {
                self.meta.insert("auto_title".into(), normalize(&value));
            }
            if frame.tag == "title" && !self.meta.contains_key("auto_page_title") {
                self.meta
                    .insert("auto_page_title".into(), normalize(&value));
            }
        }
        if frame.status == Status::Ignored {
            self.out.truncate(frame.outer);
            return;
        }
        if frame.sentence {
            if ends_in_sentence_char(&self.out[frame.start..]) {
                self.out.push('.');
            }
            self.out.push(' ');
        }
        if frame.weighted {
            self.out.push_str(&format!(" {END_WEIGHT} "));
        }
        self.hand_up(&frame);
    }

    /// Passes a closed element's text to its parent, as Pagefind's body rules say.
    fn hand_up(&mut self, frame: &Frame) {
        let parent = self.stack.len() - 1;
        let parent_status = self.stack[parent].status;
        let is_body = matches!(frame.status, Status::Body | Status::ParentOfBody);
        if parent_status == Status::ParentOfBody && !is_body {
            self.out.truncate(frame.outer);
            return;
        }
        if is_body {
            if parent_status != Status::ParentOfBody {
                // What the parent held before this body is not part of the page's text.
                let from = self.stack[parent].start;
                self.out.replace_range(from..frame.outer, "");
            }
            self.stack[parent].status = Status::ParentOfBody;
        }
    }

    fn finish(mut self) -> Extracted {
        // Elements never closed hand their text up without being wrapped, as in Pagefind.
        while self.stack.len() > 1 {
            let Some(frame) = self.stack.pop() else { break };
            let parent = self.stack.len() - 1;
            if self.stack[parent].status == Status::ParentOfBody {
                self.out.truncate(frame.outer);
                continue;
            }
            match frame.status {
                Status::Ignored | Status::Excluded => self.out.truncate(frame.outer),
                Status::Indexing => {}
                Status::Body | Status::ParentOfBody => {
                    let from = self.stack[parent].start;
                    self.out.replace_range(from..frame.outer, "");
                    self.stack[parent].status = Status::ParentOfBody;
                }
            }
        }
        let mut meta = self.meta;
        if let Some(image) = meta.remove("auto_image") {
            let alt = meta.remove("auto_image_alt").unwrap_or_default();
            if !meta.contains_key("image") {
                meta.insert("image".into(), image);
                meta.insert("image_alt".into(), alt);
            }
        }
        for auto in ["auto_title", "auto_page_title"] {
            if let Some(title) = meta.remove(auto) {
                meta.entry("title".into()).or_insert(title);
            }
        }
        let mut all = self.default_meta;
        all.extend(meta);
        // Markers never belong in stored values.
        for v in all.values_mut() {
            if v.contains("___PAGEFIND_") {
                *v = PRIVATE_MARKER.replace_all(v, "").into_owned();
            }
        }
        for values in self.result.filters.values_mut() {
            for v in values.iter_mut().filter(|v| v.contains("___PAGEFIND_")) {
                *v = PRIVATE_MARKER.replace_all(v, "").into_owned();
            }
        }
        self.result.meta = all;
        self.result.has_custom_body = self.stack[0].status == Status::ParentOfBody;
        self.result.digest = html_escape::decode_html_entities(&self.out).into_owned();
        self.result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Extracted {
        extract(&format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><title>T | Site</title></head><body><nav>Menu</nav>{body}<footer>Foot</footer></body></html>"
        ))
    }

    #[test]
    fn only_the_body_is_read_with_weights_anchors_and_full_stops() {
        let e = page(
            "<p>Before</p><main data-pagefind-body><h1>Title</h1><h2 id=\"part\">Part <em>one</em></h2><p>Some text</p><div hidden><span data-pagefind-filter=\"kind\">Service</span></div></main><p>After</p>",
        );
        assert!(e.has_custom_body);
        assert_eq!(e.language.as_deref(), Some("en-gb"));
        assert_eq!(e.meta.get("title").map(String::as_str), Some("Title"));
        assert_eq!(e.filters["kind"], ["Service"]);
        let words: Vec<&str> = e.digest.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "___PAGEFIND_AUTO_WEIGHT___7",
                "Title.",
                "___END_PAGEFIND_WEIGHT___",
                "___PAGEFIND_ANCHOR___h2:0:part",
                "___PAGEFIND_AUTO_WEIGHT___6",
                "Part",
                "one.",
                "___END_PAGEFIND_WEIGHT___",
                "Some",
                "text.",
                "Service."
            ]
        );
        assert_eq!(e.anchor_content["0:part"], "Part one");
    }

    #[test]
    fn ignored_parts_keep_their_filters_and_entities_are_decoded() {
        let e = page(
            "<main data-pagefind-body><p data-pagefind-ignore>Hidden <span data-pagefind-filter=\"tier\">low</span></p><p>Fish &amp; chips</p><p data-pagefind-ignore=\"all\"><span data-pagefind-filter=\"gone\">x</span></p></main>",
        );
        assert_eq!(
            e.filters.get("tier").map(Vec::as_slice),
            Some(&["low".to_string()][..])
        );
        assert!(!e.filters.contains_key("gone"));
        assert_eq!(
            e.digest.split_whitespace().collect::<Vec<_>>(),
            ["Fish", "&", "chips."]
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<html",
            "<html><p",
            "</p></html>",
            "<html><a href='x>t</a>",
            "<html><script>x",
        ] {
            let _ = extract(html);
        }
    }
}
