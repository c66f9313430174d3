//! The tokenizer of [`super`]: splits HTML into start tags (with their attributes), end
//! tags and text, and hands each to the parser in document order. It is small because it
//! reads HTML the build wrote itself (see the parent module on what it does not handle).

use super::Parser;

/// Elements that cannot have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];
/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Splits HTML into start tags, end tags and text, and hands them to the parser.
pub(super) fn tokenize(html: &str, p: &mut Parser) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr(b'<', &bytes[i..]).map(|o| i + o) else {
            p.text(&html[i..]);
            break;
        };
        p.text(&html[i..lt]);
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            i = find(html, lt + 4, "-->").map_or(bytes.len(), |e| e + 3);
        } else if rest.starts_with("<![CDATA[") {
            i = find(html, lt + 9, "]]>").map_or(bytes.len(), |e| e + 3);
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            i = memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |e| lt + e + 1);
        } else if rest.starts_with("</") && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            let (name, after) = tag_name(html, lt + 2);
            p.end_tag(&name);
            i = memchr(b'>', &bytes[after..]).map_or(bytes.len(), |e| after + e + 1);
        } else if bytes.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            let (name, after) = tag_name(html, lt + 1);
            let (attrs, self_closing, end) = attributes(html, after);
            i = end;
            let void = VOID.contains(&name.as_str()) || self_closing;
            let raw = RAW_TEXT.contains(&name.as_str()) && !void;
            p.start_tag(name.clone(), &attrs, !void);
            if raw {
                // Up to the matching end tag, whatever it holds.
                let close = find_ascii_case_insensitive(html, i, &format!("</{name}"));
                let stop = close.unwrap_or(bytes.len());
                p.text(&html[i..stop]);
                p.end_tag(&name);
                i = close.map_or(bytes.len(), |c| {
                    memchr(b'>', &bytes[c..]).map_or(bytes.len(), |e| c + e + 1)
                });
            }
        } else {
            p.text("<");
            i = lt + 1;
        }
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find(html: &str, from: usize, what: &str) -> Option<usize> {
    html.get(from..)?.find(what).map(|o| from + o)
}

fn find_ascii_case_insensitive(html: &str, from: usize, what: &str) -> Option<usize> {
    let hay = html.as_bytes().get(from..)?;
    let needle = what.as_bytes();
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|o| from + o)
}

/// A tag name in lower case, and where it ends.
fn tag_name(html: &str, from: usize) -> (String, usize) {
    let bytes = html.as_bytes();
    let mut end = from;
    while end < bytes.len()
        && !bytes[end].is_ascii_whitespace()
        && !matches!(bytes[end], b'/' | b'>')
    {
        end += 1;
    }
    (html[from..end].to_ascii_lowercase(), end)
}

type Attributes<'a> = Vec<(String, &'a str)>;

/// The attributes of a start tag from `from`: names in lower case, values as written;
/// whether the tag closes itself; and where the tag ends.
fn attributes(html: &str, from: usize) -> (Attributes<'_>, bool, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    let mut self_closing = false;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            None => return (attrs, self_closing, bytes.len()),
            Some(b'>') => return (attrs, self_closing, i + 1),
            Some(b'/') => {
                self_closing = bytes.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        // A stray `/` or `=` with no name is skipped.
        if i == name_start {
            i += 1;
            continue;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                    value = &html[i + 1..end];
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = &html[start..i];
                }
            }
        }
        // The first of two attributes with one name counts, as in HTML.
        if !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}
