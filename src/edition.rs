//! The site in each of its languages (an edition): the language, the folder its pages are
//! published under, its title and help block, and which pages it has. Every page links to
//! itself in the other languages (the language switch, `hreflang` alternates in the head
//! and the sitemap), and a page of one language links to that language's page wherever
//! there is one, and to the first language's where there is none.

use crate::config::{Config, Help};
use std::collections::HashSet;

/// The site in one language.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Its code, as translations' file names give it (`cy`).
    pub code: String,
    /// Its code in `lang` and `hreflang` attributes: `language` of `site.toml` for the
    /// first (`en-GB`), the code for the others.
    pub lang: String,
    /// Its name in itself ("Cymraeg"), for the language switch.
    pub name: String,
    /// `""` for the first language, `/cy` for Welsh.
    pub prefix: String,
    pub site_title: String,
    pub description: String,
    pub help: Option<Help>,
    /// The addresses of its pages, without the prefix (`/tiers/low/`); the feed's too.
    pages: HashSet<String>,
}

impl Edition {
    /// A page's address in this edition: `/tiers/low/` → `/cy/tiers/low/`.
    pub fn url(&self, url: &str) -> String {
        format!("{}{url}", self.prefix)
    }

    /// Whether it has a page at `url` (without the prefix).
    pub fn has(&self, url: &str) -> bool {
        self.pages.contains(url)
    }

    /// `html`, a page of this edition, with each link to a page of the site pointing at
    /// this edition's page where it has one. Links that name their language (`hreflang`:
    /// the language switch, the alternates) are left as they are.
    pub fn localise_links(&self, html: String) -> String {
        if self.prefix.is_empty() {
            return html;
        }
        let mut out = String::with_capacity(html.len() + 256);
        let mut rest = html.as_str();
        while let Some(start) = rest.find('<') {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            if tag.contains(" hreflang=") {
                out.push_str(tag);
            } else {
                self.localise_tag(tag, &mut out);
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// One tag, its `href` and `action` attributes that point at a page of this edition
    /// given the prefix.
    fn localise_tag(&self, tag: &str, out: &mut String) {
        let mut rest = tag;
        loop {
            let next = [" href=\"", " action=\""]
                .iter()
                .filter_map(|a| rest.find(a).map(|i| i + a.len()))
                .min();
            let Some(value_start) = next else {
                out.push_str(rest);
                return;
            };
            out.push_str(&rest[..value_start]);
            rest = &rest[value_start..];
            let value_end = rest.find('"').unwrap_or(rest.len());
            let value = &rest[..value_end];
            let path = value.split(['?', '#']).next().unwrap_or(value);
            if path.starts_with('/') && !path.starts_with("//") && self.has(path) {
                out.push_str(&self.prefix);
            }
            out.push_str(value);
            rest = &rest[value_end..];
        }
    }
}

/// A page in one of the site's languages, for the language switch and `hreflang`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct LanguageLink {
    /// The language's code for `lang` and `hreflang` (`cy`).
    pub lang: String,
    /// Its name in itself ("Cymraeg").
    pub name: String,
    /// The page in that language, or that language's home page when the page is not
    /// translated (`translated` false).
    pub url: String,
    /// The language of the page being rendered.
    pub current: bool,
    /// The page is in that language (false: `url` is that language's home page).
    pub translated: bool,
}

/// Every edition of the site, the first language's first.
#[derive(Debug, Clone)]
pub struct Editions {
    first: Edition,
    others: Vec<Edition>,
}

impl Editions {
    /// The editions `site.toml` lists (`[[languages]]`), or the one of a site with one
    /// language. Their pages are known once [`Editions::set_pages`] is called.
    pub fn of(config: &Config) -> Editions {
        let first = |code: &str, name: &str| Edition {
            code: code.to_string(),
            lang: config.language.clone(),
            name: name.to_string(),
            prefix: String::new(),
            site_title: config.title.clone(),
            description: config.description.clone(),
            help: config.help.clone(),
            pages: HashSet::new(),
        };
        let Some((head, others)) = config.languages.split_first() else {
            let code = config.language.split('-').next().unwrap_or("en");
            return Editions {
                first: first(&code.to_ascii_lowercase(), &config.language),
                others: Vec::new(),
            };
        };
        let others = others.iter().map(|l| Edition {
            code: l.code.clone(),
            lang: l.code.clone(),
            name: l.title.clone(),
            prefix: l.prefix(false),
            site_title: l.site_title.clone().unwrap_or_else(|| config.title.clone()),
            description: l.description.clone().unwrap_or_default(),
            help: l.help.clone(),
            pages: HashSet::new(),
        });
        Editions {
            first: first(&head.code, &head.title),
            others: others.collect(),
        }
    }

    /// Every edition, the first language's first.
    pub fn iter(&self) -> impl Iterator<Item = &Edition> {
        std::iter::once(&self.first).chain(&self.others)
    }

    /// The site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        !self.others.is_empty()
    }

    /// Edition `index`, or the first language's where there is no such edition.
    pub fn at(&self, index: usize) -> &Edition {
        match index {
            0 => &self.first,
            i => self.others.get(i - 1).unwrap_or(&self.first),
        }
    }

    /// The edition whose published addresses `url` is one of (the longest prefix that
    /// fits), and the address without the prefix.
    pub fn of_url<'u>(&self, url: &'u str) -> (usize, &'u str) {
        self.others
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let rest = url.strip_prefix(&e.prefix)?;
                rest.starts_with('/')
                    .then_some((i + 1, rest, e.prefix.len()))
            })
            .max_by_key(|(_, _, len)| *len)
            .map_or((0, url), |(i, rest, _)| (i, rest))
    }

    /// Says which pages edition `index` has (addresses without its prefix).
    pub fn set_pages(&mut self, index: usize, pages: impl IntoIterator<Item = String>) {
        let edition = match index {
            0 => Some(&mut self.first),
            i => self.others.get_mut(i - 1),
        };
        if let Some(e) = edition {
            e.pages = pages.into_iter().collect();
        }
    }

    /// The page at `url` (without a prefix) in every language, the page of edition
    /// `current` among them; none on a site of one language.
    pub fn links(&self, current: usize, url: &str) -> Vec<LanguageLink> {
        if self.others.is_empty() {
            return Vec::new();
        }
        self.iter()
            .enumerate()
            .map(|(i, e)| {
                let translated = i == current || e.has(url);
                LanguageLink {
                    lang: e.lang.clone(),
                    name: e.name.clone(),
                    url: if translated { e.url(url) } else { e.url("/") },
                    current: i == current,
                    translated,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn welsh() -> Edition {
        Edition {
            code: "cy".into(),
            lang: "cy".into(),
            name: "Cymraeg".into(),
            prefix: "/cy".into(),
            site_title: "Signpost".into(),
            description: String::new(),
            help: None,
            pages: ["/", "/tiers/low/", "/search/"]
                .into_iter()
                .map(String::from)
                .collect(),
        }
    }

    #[test]
    fn links_point_at_the_page_in_the_same_language_where_there_is_one() {
        let html = r##"<p>See <a href="/tiers/low/#who">low</a>, <a href="/tiers/high/">high</a> and <a href="https://example.org/tiers/low/">x</a>.</p><form action="/search/" method="get"><a href="/" hreflang="en-GB" lang="en-GB">English</a><a class="home" href="/">Hafan</a><a href="#top">top</a><img src="/tiers/low/">"##;
        let out = welsh().localise_links(html.to_string());
        assert_eq!(
            out,
            r##"<p>See <a href="/cy/tiers/low/#who">low</a>, <a href="/tiers/high/">high</a> and <a href="https://example.org/tiers/low/">x</a>.</p><form action="/cy/search/" method="get"><a href="/" hreflang="en-GB" lang="en-GB">English</a><a class="home" href="/cy/">Hafan</a><a href="#top">top</a><img src="/tiers/low/">"##
        );
    }
}
