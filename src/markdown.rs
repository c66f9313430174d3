//! Markdown bodies to sanitised HTML, collecting heading anchors and links for checking.

use crate::anchor::slugify;
use crate::text_stats::Reading;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// A link found in a body, with its byte offset in the body for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub offset: usize,
    pub len: usize,
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    /// Ids of the headings (and footnotes), for checking `#anchor` links.
    pub anchors: BTreeSet<String>,
    pub links: Vec<Link>,
    /// Reading statistics of the visible text.
    pub reading: Reading,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`. `rewrite` maps each link destination to the URL to emit (internal
/// `.md` links become site URLs); it sees every link, including images.
pub fn render(body: &str, rewrite: &dyn Fn(&str) -> Option<String>) -> Body {
    let mut events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut out = Body::default();
    let mut used = BTreeSet::new();

    // Pass 1: heading ids (explicit `{#id}` wins) and link targets.
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { id, .. }) => {
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let base = id
                    .as_ref()
                    .map_or_else(|| slugify(&text), |s| s.to_string());
                let mut anchor = base.clone();
                let mut n = 1;
                while crate::anchor::is_reserved(&anchor) || !used.insert(anchor.clone()) {
                    anchor = format!("{base}-{n}");
                    n += 1;
                }
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                    *id = Some(CowStr::from(anchor.clone()));
                }
                out.anchors.insert(anchor);
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let range = events[i].1.clone();
                out.links.push(Link {
                    url: dest_url.to_string(),
                    offset: range.start,
                    len: range.len(),
                });
                if let Some(new) = rewrite(dest_url) {
                    if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                        &mut events[i].0
                    {
                        *dest_url = CowStr::from(new);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Footnotes carry ids too: prefix them so they never clash with other ids, and keep
    // them as anchors of this page.
    for (ev, _) in &mut events {
        match ev {
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = crate::anchor::footnote(name);
                out.anchors.insert(id.clone());
                *name = CowStr::from(id);
            }
            Event::FootnoteReference(name) => *name = CowStr::from(crate::anchor::footnote(name)),
            _ => {}
        }
    }

    out.reading = reading(&events);
    let mut raw = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter().map(|(e, _)| e));
    out.html = sanitizer().clean(&raw).to_string();
    out
}

/// The visible text of sanitised HTML: tags dropped, blocks on their own lines, the
/// entities the renderer writes decoded. For search and scoring, never for output.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '>'])
            .next()
            .unwrap_or("");
        if matches!(
            name,
            "p" | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "br"
                | "tr"
                | "td"
                | "th"
                | "div"
        ) {
            out.push('\n');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Reading statistics, one block (paragraph, heading, list item, table cell) at a time.
fn reading(events: &[(Event, std::ops::Range<usize>)]) -> Reading {
    let mut reading = Reading::default();
    let mut text = String::new();
    let mut start = None;
    for (ev, range) in events {
        match ev {
            Event::Text(t) | Event::Code(t) => {
                start.get_or_insert(range.start);
                text.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                if let Some(s) = start.take() {
                    reading.add_block(&text, s, range.end.saturating_sub(s));
                }
                text.clear();
            }
            _ => {}
        }
    }
    reading
}

/// Raw HTML in Markdown is allowed but cleaned: no scripts, event handlers, styles or
/// `javascript:` URLs survive. Ids are kept so heading anchors and footnotes work.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id"]);
        b.add_tag_attributes("th", ["scope"]);
        b.add_tag_attributes("ol", ["start"]);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(body: &str) -> Body {
        render(body, &|_| None)
    }

    #[test]
    fn headings_get_unique_anchors() {
        let b = plain("## What to bring\n\n## What to bring\n\n### Rent & bills {#money}\n");
        assert!(b.html.contains(r#"<h2 id="what-to-bring">"#), "{}", b.html);
        assert!(b.html.contains(r#"<h2 id="what-to-bring-1">"#));
        assert!(b.html.contains(r#"<h3 id="money">"#));
        assert!(b.anchors.contains("money"));
    }

    #[test]
    fn heading_ids_never_clash_with_the_themes_ids() {
        let b = plain("## Contacts\n\n## Main\n\n## Support heading\n");
        assert!(b.html.contains(r#"<h2 id="contacts-1">"#), "{}", b.html);
        assert!(b.html.contains(r#"<h2 id="main-1">"#));
        assert!(b.html.contains(r#"<h2 id="support-heading-1">"#));
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let b = plain("<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a> [y](javascript:alert(2))\n\n<img src=x onerror=alert(3)>");
        for bad in ["<script", "onclick", "onerror", "javascript:"] {
            assert!(!b.html.contains(bad), "{bad} survived: {}", b.html);
        }
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        let b = plain("## Rent & bills\n\nPay <em>on time</em>.\n\n- one\n- two\n");
        let text = plain_text(&b.html);
        assert!(text.contains("Rent & bills"), "{text}");
        assert!(text.contains("Pay on time."));
        assert!(!text.contains('<'));
        assert!(text.contains("one\n") && text.contains("two"));
    }

    #[test]
    fn tables_and_footnotes_render() {
        let b = plain("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note\n");
        assert!(b.html.contains("<table>"));
        assert!(b.html.contains("<td>2</td>"));
        assert!(b.anchors.contains("fn-1"));
        assert!(b.html.contains(r##"href="#fn-1""##), "{}", b.html);
    }

    #[test]
    fn links_are_collected_and_rewritten() {
        let b = render("See [p](../partners/p.md#contacts).", &|u| {
            u.starts_with("../")
                .then(|| "/partners/p/#contacts".to_string())
        });
        assert_eq!(b.links[0].url, "../partners/p.md#contacts");
        assert_eq!(b.links[0].offset, 4);
        assert!(
            b.html.contains(r#"href="/partners/p/#contacts""#),
            "{}",
            b.html
        );
    }
}
