//! Synthetic sites for benchmarks (`signpost corpus`; `signpost bench` in `bench`).
//!
//! One deterministic set of pages — services, partners and guidance of 400 to 800 words,
//! with headings, lists, links, tiers and regions — written either in Signpost's content
//! format (with the tiers, a protocol and a glossary, so a benchmark exercises every stage
//! of a real build) or as a Hugo site with the same pages, for side-by-side comparisons
//! (`benches/compare.sh`).

mod hugo;
mod signpost;
mod words;

pub(crate) use words::Words;
use words::REGIONS;

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Which generator's format to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Signpost,
    Hugo,
}

/// The kinds of page the corpus holds, with their folder (and URL segment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Partners,
    Offers,
    Guidance,
}

impl Section {
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Section::Partners => "partners",
            Section::Offers => "offers",
            Section::Guidance => "guidance",
        }
    }
}

/// One synthetic page, as both formats show it.
pub(crate) struct Entry {
    pub section: Section,
    pub index: usize,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub tier: Option<&'static str>,
    pub regions: Vec<&'static str>,
    /// `YYYY-MM-DD`, spread over a year so feeds and sitemaps have real orderings.
    pub reviewed: String,
    /// Markdown of 400 to 800 words; links are site paths (`/partners/partner-3/`), which
    /// both Signpost and Hugo resolve.
    pub body: String,
    /// For an offer: the partner that provides it.
    pub provider: Option<usize>,
}

/// How many pages of each kind a corpus of about `pages` pages has: roughly two offers
/// and one guidance page per partner.
pub(crate) struct Plan {
    pub partners: usize,
    pub offers: usize,
    pub guidance: usize,
}

impl Plan {
    pub(crate) fn new(pages: usize) -> Plan {
        let partners = (pages / 4).max(1);
        let offers = pages / 2;
        let guidance = pages.saturating_sub(partners + offers).max(1);
        Plan {
            partners,
            offers,
            guidance,
        }
    }
}

pub(crate) const TIERS: [&str; 3] = ["low", "medium", "high"];

/// Calls `each` with every page of the corpus, in a fixed order, one at a time (a
/// 100k-page corpus is never held in memory).
pub(crate) fn for_each_entry(
    plan: &Plan,
    w: &mut Words,
    mut each: impl FnMut(Entry) -> io::Result<()>,
) -> io::Result<()> {
    let sections = [
        (Section::Partners, plan.partners),
        (Section::Offers, plan.offers),
        (Section::Guidance, plan.guidance),
    ];
    for (section, count) in sections {
        for i in 0..count {
            each(entry(section, i, plan, w))?;
        }
    }
    Ok(())
}

fn entry(section: Section, i: usize, plan: &Plan, w: &mut Words) -> Entry {
    let region = |k: usize| REGIONS[(i + k) % REGIONS.len()];
    let (slug, title, tier, regions, provider) = match section {
        Section::Partners => (
            format!("partner-{i}"),
            format!("Partner {i} {}", w.word()),
            None,
            vec![region(0)],
            None,
        ),
        Section::Offers => (
            format!("offer-{i}"),
            format!("Offer {i} {}", w.word()),
            Some(TIERS[i % 3]),
            vec![region(0), region(3)],
            Some(i % plan.partners),
        ),
        Section::Guidance => (
            format!("guide-{i}"),
            format!("Guidance {i} {}", w.word()),
            None,
            Vec::new(),
            None,
        ),
    };
    let mut links = Vec::new();
    if let Some(p) = provider {
        links.push((
            "the provider".to_string(),
            format!("/partners/partner-{p}/"),
        ));
    }
    if let Some(t) = tier {
        links.push((format!("{t} complexity support"), format!("/tiers/{t}/")));
    }
    if section != Section::Offers && plan.offers > 0 {
        let o = (i * 7) % plan.offers;
        links.push((
            "a related service".to_string(),
            format!("/offers/offer-{o}/"),
        ));
    }
    let target = 400 + w.next() % 401;
    Entry {
        section,
        index: i,
        summary: w.sentence(14),
        reviewed: format!("2026-{:02}-{:02}", 1 + i % 10, 1 + (i * 7) % 28),
        body: body(w, target, &links),
        slug,
        title,
        tier,
        regions,
        provider,
    }
}

/// Markdown of about `target` words: sections with a heading, paragraphs, one list, and
/// a sentence for each link.
fn body(w: &mut Words, target: usize, links: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut words = 0;
    let mut section = 0;
    while words < target {
        let heading = w.sentence(3);
        let _ = write!(out, "## {}\n\n", heading.trim_end_matches('.'));
        words += 3;
        for _ in 0..2 {
            let n = 30 + w.next() % 41;
            let _ = write!(out, "{}\n\n", w.sentence(n));
            words += n;
        }
        if section == 1 {
            for _ in 0..3 {
                let _ = writeln!(out, "- {}", w.sentence(6));
                words += 6;
            }
            out.push('\n');
        }
        if let Some((text, url)) = links.get(section) {
            let _ = write!(out, "See [{text}]({url}).\n\n");
            words += 3;
        }
        section += 1;
    }
    out
}

/// An offer's list of support and how to refer, as both formats show them.
pub(crate) fn offer_details(i: usize) -> ([&'static str; 2], &'static str) {
    use words::WORDS;
    (
        [WORDS[i % WORDS.len()], WORDS[(i + 1) % WORDS.len()]],
        "Ask your probation practitioner.",
    )
}

pub(crate) fn write_file(dir: &Path, rel: &str, text: &str) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text)
}

/// Writes a site of about `pages` pages into `dir`; returns the number of content files.
pub fn write(dir: &Path, pages: usize, format: Format) -> io::Result<usize> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::other(format!("{} is not empty", dir.display())));
    }
    match format {
        Format::Signpost => signpost::write(dir, pages),
        Format::Hugo => hugo::write(dir, pages),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_four_to_eight_hundred_words_and_their_links() {
        let plan = Plan::new(40);
        let mut w = Words::new(42);
        let mut seen = 0;
        for_each_entry(&plan, &mut w, |e| {
            let words = e.body.split_whitespace().count();
            assert!((400..=900).contains(&words), "{}: {words} words", e.slug);
            if let Some(p) = e.provider {
                assert!(e.body.contains(&format!("(/partners/partner-{p}/)")));
            }
            seen += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, plan.partners + plan.offers + plan.guidance);
    }
}
