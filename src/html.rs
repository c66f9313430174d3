//! Escaping text for HTML and XML: one leaf helper for everything that writes markup by
//! hand (templates' filters, the flowchart, search snippets, the preview server's pages).

/// Escapes text for HTML and XML. Unlike Tera's default it leaves `/` alone, so URLs in
/// attributes and the sitemap stay readable; `/` needs no escaping in quoted attributes.
pub fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    // Runs of text between the characters to escape are copied whole; those characters
    // are ASCII, so every cut falls between characters.
    let mut copied = 0;
    for (i, byte) in input.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&input[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_quotes_and_keeps_the_rest() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a> / café"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; / café"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("&&"), "&amp;&amp;");
        assert_eq!(escape("ünïcödé"), "ünïcödé");
    }
}
