//! `serve` takes content edits in place. After every edit below, the site it has updated
//! must be byte-for-byte the site a whole build makes of the same content: no stale page,
//! no page left behind. Runs on a copy of the default content, which has every kind, with
//! search on as `serve` runs (and off).

use crate::common::{copy_dir, repo, tree};
use signpost::serve::{LiveSite, Outcome};
use signpost::{build_keeping, BuildOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn options(root: &Path, out: &Path, search: bool) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        drafts: true,
        write: true,
        search,
        index_dir: Some(out.with_extension("index")),
    }
}

/// A copy of the default site and a live site built from it, with or without search
/// (with it, as `serve` runs, the comparison leaves out what the background build
/// refreshes: see [`whole`]).
fn live_site(search: bool) -> (tempfile::TempDir, PathBuf, LiveSite) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for part in ["content", "themes"] {
        copy_dir(&repo().join(part), &root.join(part));
    }
    // Edits are taken in place on a site of one language (a site of more is built whole
    // after each edit: `an_edit_of_a_site_of_two_languages_is_a_whole_build`).
    let config = std::fs::read_to_string(repo().join("site.toml")).unwrap();
    let one_language = config.split("[[languages]]").next().unwrap();
    std::fs::write(root.join("site.toml"), one_language).unwrap();
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().contains(".cy.") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    let out = dir.path().join("live");
    let (report, snap) = build_keeping(&options(&root, &out, search));
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let live = LiveSite::new(&root, snap.unwrap()).unwrap();
    (dir, root, live)
}

/// The files of a whole build of `root` now, with search as the live site has it. What
/// `serve` leaves to the background build that follows edits is left out of the
/// comparison: the static search bundle (`pagefind/`) and each service's "related
/// services" (more-like-this over every service). The filters and aliases each page
/// carries for the search bundle are compared.
fn whole(dir: &Path, root: &Path, search: bool) -> BTreeMap<String, Vec<u8>> {
    let out = dir.join("whole");
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(out.with_extension("index"));
    let report = signpost::build(&options(root, &out, search));
    assert!(!report.has_errors(), "{:?}", report.diagnostics.first());
    comparable(tree(&out))
}

/// A site's files without what the background build refreshes (see [`whole`]).
fn comparable(files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .filter(|(path, _)| !path.starts_with("pagefind/"))
        .map(|(path, bytes)| {
            let html = String::from_utf8_lossy(&bytes);
            match html.find("<section aria-labelledby=\"related-heading\">") {
                Some(start) if path.ends_with(".html") => {
                    let end = html[start..]
                        .find("</section>")
                        .map_or(html.len(), |e| start + e + "</section>".len());
                    // With the line break the template puts before the section.
                    let start = start - usize::from(html[..start].ends_with('\n'));
                    let cut = format!("{}{}", &html[..start], &html[end..]);
                    (path, cut.into_bytes())
                }
                _ => (path, bytes),
            }
        })
        .collect()
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let path = root.join("content").join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

/// What each announcement said, with each page's file as it was at that moment.
type Announced = Vec<Vec<(String, Option<Vec<u8>>)>>;

thread_local! {
    static ANNOUNCED: std::cell::RefCell<Announced> = const { std::cell::RefCell::new(Vec::new()) };
}

fn apply(live: &mut LiveSite, paths: &[PathBuf]) -> Outcome {
    let set: BTreeSet<PathBuf> = paths
        .iter()
        .map(|p| {
            // The watcher reports paths with links resolved.
            let dir = std::fs::canonicalize(p.parent().unwrap()).unwrap();
            dir.join(p.file_name().unwrap())
        })
        .collect();
    let out = live.output().to_path_buf();
    let mut announce = |pages: Vec<String>| {
        let seen = pages
            .into_iter()
            .map(|url| {
                let file = out.join(signpost::route::output_path(&url));
                let bytes = std::fs::read(file).ok();
                (url, bytes)
            })
            .collect();
        ANNOUNCED.with(|a| a.borrow_mut().push(seen));
    };
    live.apply(&set, &mut announce)
}

/// The URLs of each announcement so far (not taking them).
fn stages() -> Vec<Vec<String>> {
    ANNOUNCED.with(|a| {
        a.borrow()
            .iter()
            .map(|s| s.iter().map(|(u, _)| u.clone()).collect())
            .collect()
    })
}

fn assert_same(live: &LiveSite, dir: &Path, root: &Path, what: &str) {
    let search = live.search_index().is_some();
    let expected = whole(dir, root, search);
    // A page is announced only once its final version is written (or it is gone).
    let announced = ANNOUNCED.with(|a| std::mem::take(&mut *a.borrow_mut()));
    for (url, bytes) in announced.into_iter().flatten() {
        let file = signpost::route::output_path(&url);
        let bytes = bytes.map(|b| comparable(BTreeMap::from([(file.clone(), b)])));
        let (got, want) = (
            bytes.as_ref().and_then(|b| b.get(&file)),
            expected.get(&file),
        );
        assert!(
            got == want,
            "after {what}, {url} was announced before it was written: {}",
            difference(got, want)
        );
    }
    let got = comparable(tree(live.output()));
    let differing: Vec<&String> = expected
        .keys()
        .chain(got.keys())
        .filter(|k| expected.get(*k) != got.get(*k))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        differing.is_empty(),
        "after {what}, stale or missing: {differing:?}"
    );
}

/// Where two versions of a file first differ, with some text around it.
fn difference(got: Option<&Vec<u8>>, want: Option<&Vec<u8>>) -> String {
    let (Some(got), Some(want)) = (got, want) else {
        return format!("written: {}, expected: {}", got.is_some(), want.is_some());
    };
    let at = got
        .iter()
        .zip(want)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    let around = |b: &[u8]| {
        String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 120).min(b.len())]).into_owned()
    };
    format!(
        "at byte {at}: written {:?}, expected {:?}",
        around(got),
        around(want)
    )
}

fn updated(outcome: Outcome) -> Vec<String> {
    match outcome {
        Outcome::Updated { pages, .. } => pages,
        other => panic!("expected an update in place, got {other:?}"),
    }
}

/// As `serve` runs: with search, so the filters and aliases each page carries for the
/// search bundle, and their update after an edit, are compared too.
#[test]
fn every_edit_in_place_gives_the_site_a_whole_build_gives() {
    every_edit_in_place(true);
}

/// With `build --no-search` settings (no filters on the pages).
#[test]
fn every_edit_in_place_without_search_gives_the_site_a_whole_build_gives() {
    every_edit_in_place(false);
}

fn every_edit_in_place(search: bool) {
    let (dir, root, mut live) = live_site(search);
    let dir = dir.path();

    // Text only: the page itself, not the lists.
    let p = edit(
        &root,
        "guidance/duty-to-refer.md",
        "\n\n",
        "\n\nA new first paragraph.\n\n",
    );
    let pages = updated(apply(&mut live, &[p]));
    assert_eq!(
        pages,
        ["/guidance/duty-to-refer/"],
        "a text edit re-renders its own page"
    );
    assert_eq!(stages(), [["/guidance/duty-to-refer/"]], "one announcement");
    assert_same(&live, dir, &root, "a text edit");

    // A service's title shows in lists, on its tier, its provider and the browse pages.
    let p = edit(
        &root,
        "offers/low-accommodation.md",
        "title: Accommodation support (low complexity)",
        "title: Housing help (low complexity)",
    );
    let pages = updated(apply(&mut live, &[p]));
    // The edited page first, then the pages that list it.
    let stages = stages();
    assert_eq!(stages.len(), 2, "{stages:?}");
    assert_eq!(stages[0], ["/offers/low-accommodation/"]);
    assert!(stages[1].iter().any(|u| u == "/offers/"), "{stages:?}");
    for url in [
        "/offers/",
        "/tiers/low/",
        "/partners/accommodation-service-provider/",
    ] {
        assert!(pages.iter().any(|p| p == url), "{url} not in {pages:?}");
    }
    assert!(pages.len() < 30, "re-rendered too much: {pages:?}");
    assert_same(&live, dir, &root, "a title edit");

    // A service's review date is its page's date in the sitemap, and the feed's.
    let p = edit(
        &root,
        "offers/low-accommodation.md",
        "reviewed: 2026-11-20",
        "reviewed: 2026-11-27",
    );
    apply(&mut live, &[p]);
    let sitemap = std::fs::read_to_string(live.output().join("sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("<lastmod>2026-11-27</lastmod>"),
        "{sitemap}"
    );
    assert_same(&live, dir, &root, "a review date edit");

    // Moving a service to another provider updates both partners' pages.
    let p = edit(
        &root,
        "offers/medium-accommodation.md",
        "provider: accommodation-service-provider",
        "provider: voluntary-sector",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a provider change");

    // A service moving to another tier leaves one tier's page for the other's.
    let p = edit(
        &root,
        "offers/pre-release-accommodation.md",
        "tier: medium",
        "tier: high",
    );
    let pages = updated(apply(&mut live, &[p]));
    assert!(pages.iter().any(|p| p == "/tiers/high/"), "{pages:?}");
    assert_same(&live, dir, &root, "a tier change");

    // A partner's name shows on protocol steps and service pages.
    let p = edit(&root, "partners/police.md", "name: ", "name: The ");
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a partner rename");

    // A tier's title shows on every service card.
    let p = edit(&root, "tiers/medium.md", "title: ", "title: The ");
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a tier title edit");

    // A plain page's title shows in every page's footer.
    let p = edit(&root, "pages/about.md", "title: ", "title: All ");
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a footer page edit");

    // Protocol, glossary and commitments edits.
    let p = edit(
        &root,
        "protocols/kent-resettlement.yaml",
        "title: ",
        "title: The ",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a protocol edit");
    let p = edit(
        &root,
        "glossary.yaml",
        "definition: ",
        "definition: In short, ",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a glossary edit");
    let p = edit(
        &root,
        "commitments.yaml",
        "title: Inspection",
        "title: The inspection",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a commitments edit");
    let p = edit(
        &root,
        "chooser.yaml",
        "question: Is the person sleeping rough now?",
        "question: Is the person sleeping rough tonight?",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a chooser edit");
    let p = edit(
        &root,
        "planner.yaml",
        "title: The accommodation provider assesses the person",
        "title: The provider assesses the person",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a planner edit");
    let p = edit(
        &root,
        "bank-holidays.yaml",
        "{ date: 2027-03-29, title: Easter Monday }",
        "{ date: 2027-03-30, title: Easter Tuesday }",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a bank holiday edit");

    // Fields that are filters in search and groups in lists: a service's regions (the
    // browse by region page, the region filter), a commitment's status (its page per
    // status), a guidance page's audience (the guidance list's groups).
    let p = edit(
        &root,
        "offers/low-accommodation.md",
        "regions: [England, Wales]",
        "regions: [Wales, Kent]",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a regions edit");
    // A group of people only one service names: its Open Referral term goes with it.
    let p = edit(
        &root,
        "offers/pre-release-accommodation.md",
        "- Adult men in prison who will be supervised",
        "- Adult men in a prison who will be supervised",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "an eligibility edit");
    let p = edit(
        &root,
        "commitments.yaml",
        "status: agreed",
        "status: not_agreed",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a commitment status edit");
    let p = edit(
        &root,
        "guidance/specific-needs.md",
        "audience: practitioner",
        "audience: participant",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "an audience edit");
    // Contacts: a partner's phone, on its page and the services' pages that show it.
    let p = edit(
        &root,
        "partners/police.md",
        "phone: \"101\"",
        "phone: \"0300 123 4567\"",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a contact edit");
    // The home page: its title and its text.
    let p = edit(
        &root,
        "index.md",
        "title: Housing support on probation",
        "title: Housing support while on probation",
    );
    apply(&mut live, &[p]);
    assert_same(&live, dir, &root, "a home page edit");

    // A new service, then a renamed guidance page with the link to it (one burst).
    let new = root.join("content/offers/night-shelter.md");
    let text = std::fs::read_to_string(root.join("content/offers/low-accommodation.md")).unwrap();
    std::fs::write(
        &new,
        text.replace("Housing help (low", "Night shelter (low"),
    )
    .unwrap();
    apply(&mut live, std::slice::from_ref(&new));
    assert_same(&live, dir, &root, "a new service");
    let (old, renamed) = (
        root.join("content/guidance/why-housing-matters.md"),
        root.join("content/guidance/housing-matters.md"),
    );
    std::fs::rename(&old, &renamed).unwrap();
    let linking = edit(
        &root,
        "guidance/settled-and-suitable-housing.md",
        "(why-housing-matters.md)",
        "(housing-matters.md)",
    );
    let outcome = apply(&mut live, &[old, renamed, linking]);
    assert!(
        matches!(outcome, Outcome::Updated { removed: 1, .. }),
        "{outcome:?}"
    );
    assert_same(&live, dir, &root, "a rename");

    // A draft is still shown by serve, but deleting a file removes its page.
    std::fs::remove_file(&new).unwrap();
    apply(&mut live, &[new]);
    assert_same(&live, dir, &root, "a deletion");
}

#[test]
fn a_broken_edit_writes_nothing_and_its_fix_catches_up() {
    let (dir, root, mut live) = live_site(false);
    let dir = dir.path();
    let before = tree(live.output());

    // Retitle a partner, and in the same save break its YAML.
    let p = edit(&root, "partners/police.md", "name: ", "name: [unclosed ");
    match apply(&mut live, std::slice::from_ref(&p)) {
        Outcome::Failed(errors) => {
            assert!(
                errors
                    .iter()
                    .any(|e| e.file == "content/partners/police.md"),
                "{errors:?}"
            );
        }
        other => panic!("expected errors, got {other:?}"),
    }
    assert_eq!(
        tree(live.output()),
        before,
        "a broken edit must not change the site"
    );

    // Meanwhile another file changes; then the fix comes. Both must show.
    let q = edit(
        &root,
        "guidance/get-help-now.md",
        "title: ",
        "title: Right now, ",
    );
    assert!(matches!(apply(&mut live, &[q]), Outcome::Failed(_)));
    edit(
        &root,
        "partners/police.md",
        "name: [unclosed ",
        "name: Local ",
    );
    updated(apply(&mut live, &[p]));
    assert_same(&live, dir, &root, "fixing a broken edit");
}

#[test]
fn templates_and_site_settings_ask_for_a_whole_build() {
    let (_dir, root, mut live) = live_site(false);
    let template = root.join("themes/default/templates/offer.html");
    assert!(matches!(apply(&mut live, &[template]), Outcome::Rebuild(_)));
    assert!(matches!(
        apply(&mut live, &[root.join("site.toml")]),
        Outcome::Rebuild(_)
    ));
}

/// On a site of two languages an edit of an English file changes its Welsh page, and
/// each page's language switch depends on which pages the other language has: `serve`
/// builds it whole after every edit.
#[test]
fn an_edit_of_a_site_of_two_languages_is_a_whole_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for part in ["content", "themes"] {
        copy_dir(&repo().join(part), &root.join(part));
    }
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    let (report, snap) = build_keeping(&options(&root, &dir.path().join("live"), false));
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let mut live = LiveSite::new(&root, snap.unwrap()).unwrap();
    let low = root.join("content/tiers/low.md");
    let text = std::fs::read_to_string(&low).unwrap();
    std::fs::write(&low, text.replacen("title: ", "title: Now ", 1)).unwrap();
    match apply(&mut live, &[low]) {
        Outcome::Rebuild(reason) => assert!(reason.contains("more than one language"), "{reason}"),
        other => panic!("expected a whole build, got {other:?}"),
    }
}

#[test]
fn search_finds_an_edit_at_once() {
    let (_dir, root, mut live) = live_site(true);
    let index = live.search_index().unwrap();
    let query = |text: &str| -> Vec<String> {
        let filters = signpost::search::query::Filters::default();
        index
            .search(text, &filters, 5)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.url)
            .collect()
    };
    assert!(query("zephyrine").is_empty());
    let p = edit(
        &root,
        "guidance/duty-to-refer.md",
        "\n\n",
        "\n\nZephyrine is a made-up word.\n\n",
    );
    updated(apply(&mut live, std::slice::from_ref(&p)));
    assert_eq!(query("zephyrine"), ["/guidance/duty-to-refer/"]);
    // The old text is gone from the index, not left as a second document.
    edit(&root, "guidance/duty-to-refer.md", "Zephyrine", "Quillwort");
    updated(apply(&mut live, &[p]));
    assert!(query("zephyrine").is_empty());
    assert_eq!(query("quillwort"), ["/guidance/duty-to-refer/"]);
}
