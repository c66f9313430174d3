//! The corpus in Signpost's content format: the shared pages as partners, offers and
//! guidance, plus the three tiers, a 25-step protocol and a glossary.

use super::words::{Words, KINDS, WORDS};
use super::{for_each_entry, write_file, Entry, Plan, Section};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

pub(super) fn write(dir: &Path, pages: usize) -> io::Result<usize> {
    let theme = Path::new("themes/default");
    if !theme.is_dir() {
        return Err(io::Error::other(
            "run this from the Signpost folder: themes/default is needed",
        ));
    }
    copy_dir(theme, &dir.join("themes/default"))?;
    write_file(
        dir,
        "site.toml",
        "title = \"Synthetic directory\"\nbase_url = \"https://bench.example.org\"\n",
    )?;
    let plan = Plan::new(pages);
    let mut w = Words::new(42);
    let mut files = 0;
    for_each_entry(&plan, &mut w, |e| {
        let text = front_matter(&e);
        files += 1;
        write_file(
            dir,
            &format!("content/{}/{}.md", e.section.folder(), e.slug),
            &format!("---\n{text}---\n{}", e.body),
        )
    })?;
    // The parts of a real directory that only Signpost has.
    let mut w = Words::new(7);
    for (tier, sessions, weeks) in [("low", 4, 3), ("medium", 6, 4), ("high", 10, 5)] {
        let text = format!(
            "---\ntier: {tier}\ntitle: {tier} complexity\nsummary: {}\nwho_for: {}\nsessions: {sessions}\nweeks: {weeks}\ninterventions:\n  - {{ letter: a, text: {} }}\n---\n{}\n",
            w.sentence(8), w.sentence(12), w.sentence(6), w.sentence(40)
        );
        write_file(dir, &format!("content/tiers/{tier}.md"), &text)?;
        files += 1;
    }
    write_file(
        dir,
        "content/protocols/synthetic.yaml",
        &protocol(&mut w, plan.partners),
    )?;
    write_file(dir, "content/glossary.yaml", &glossary(&mut w))?;
    Ok(files + 2)
}

fn front_matter(e: &Entry) -> String {
    let reviewed = format!("reviewed: {}\nreview_by: 2027-05-01\n", e.reviewed);
    let regions = e.regions.join(", ");
    let i = e.index;
    match e.section {
        Section::Partners => format!(
            "name: {}\nkind: {}\nrole: {}\nareas: [{regions}]\ncontacts:\n  - role: Referrals team\n    phone: \"0300 000 {:04}\"\n    notes: Call on weekdays.\nverified: 2026-11-01\n{reviewed}",
            e.title,
            KINDS[i % KINDS.len()],
            e.summary,
            i % 10000
        ),
        Section::Offers => {
            let (support, how_to_refer) = super::offer_details(i);
            format!(
                "title: {}\ntier: {}\nprovider: partner-{}\nregions: [{regions}]\neligibility:\n  cohorts: [Adults on licence]\nsummary: {}\nsupport: [{}]\nhow_to_refer: {how_to_refer}\nowner: Bench team\nsessions: 4\nweeks: 3\n{reviewed}",
                e.title,
                e.tier.unwrap_or("low"),
                e.provider.unwrap_or(0),
                e.summary,
                support.join(", ")
            )
        }
        Section::Guidance => format!(
            "title: {}\naudience: {}\nsummary: {}\n{reviewed}",
            e.title,
            ["participant", "practitioner", "editor"][i % 3],
            e.summary
        ),
    }
}

fn protocol(w: &mut Words, partners: usize) -> String {
    let mut proto = String::from("title: Synthetic protocol\nsummary: Steps.\nstages:\n");
    for s in 0..5 {
        let _ = write!(
            proto,
            "  - id: stage-{s}\n    title: Stage {s}\n    steps:\n"
        );
        for t in 0..5 {
            let _ = write!(
                proto,
                "      - id: s{s}-t{t}\n        title: {}\n        lead: [Probation practitioner]\n        partners: [partner-{}]\n        timing: {{ anchor: release, relation: before, min: {}, unit: days }}\n        actions: [{}]\n",
                w.sentence(4), (s * 5 + t) % partners, 28 - t, w.sentence(6)
            );
        }
    }
    proto
}

fn glossary(w: &mut Words) -> String {
    let mut glossary = String::from("terms:\n");
    for (i, word) in WORDS.iter().enumerate() {
        let _ = writeln!(
            glossary,
            "  - term: {word} {i}\n    abbreviations: [W{i}]\n    definition: {}",
            w.sentence(12)
        );
    }
    glossary
}
