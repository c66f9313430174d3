//! The Open Referral export: every document validates against the HSDS 3.0 and the UK
//! profile schemas (formats asserted), ids are stable and unique, and builds repeat it
//! byte for byte.

use crate::common::{self, signpost};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const PROFILES: [&str; 2] = ["hsds-3.0", "hsds-uk-3.0"];

/// A schema file of the vendored copies (`tests/fixtures/openreferral/`).
pub fn fixture_json(rel: &str) -> Value {
    let path = common::repo()
        .join("tests/fixtures/openreferral")
        .join(format!("{rel}.gz"));
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_reader(flate2::read::GzDecoder::new(file)).unwrap()
}

/// One profile's validators.
pub(crate) struct Profile {
    name: &'static str,
    service: jsonschema::Validator,
    service_list: jsonschema::Validator,
    organization: jsonschema::Validator,
    term: jsonschema::Validator,
    page: jsonschema::Validator,
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

/// The `/services` response schema of the profile's OpenAPI description, with its
/// references (to `Page` and to the list item schema) put in place.
fn page_schema(openapi: &Value, item: &Value) -> Value {
    let mut schema = openapi["paths"]["/services"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"]
        .clone();
    let page = openapi["components"]["schemas"]["Page"].clone();
    assert!(page.is_object(), "no Page in the OpenAPI description");
    schema["allOf"] = json!([page]);
    let items = &mut schema["properties"]["contents"]["items"];
    assert!(
        items["$ref"]
            .as_str()
            .is_some_and(|r| r.ends_with("/service_list.json")),
        "{items}"
    );
    *items = item.clone();
    schema
}

pub(crate) fn profile(name: &'static str) -> Profile {
    let service = fixture_json(&format!("{name}/service.json"));
    let list = fixture_json(&format!("{name}/service_list.json"));
    let openapi = fixture_json(&format!("{name}/openapi.json"));
    let term = service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"].clone();
    assert!(term.is_object());
    Profile {
        name,
        service: validator(&service),
        service_list: validator(&list),
        organization: validator(&fixture_json(&format!("{name}/organization.json"))),
        term: validator(&term),
        page: validator(&page_schema(&openapi, &list)),
    }
}

fn errors_of(v: &jsonschema::Validator, doc: &Value, what: &str, out: &mut Vec<String>) {
    for e in v.iter_errors(doc) {
        out.push(format!("{what}: {} at {}", e, e.instance_path()));
    }
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Validates every document under `export` (an `openreferral/` folder) against both
/// profiles; returns how many documents were checked and every error.
fn validate_export(export: &Path) -> (usize, Vec<String>) {
    let mut errors = Vec::new();
    let mut checked = 0;
    for p in PROFILES.map(profile) {
        let mut check = |v: &jsonschema::Validator, doc: &Value, what: String| {
            checked += 1;
            errors_of(v, doc, &format!("{} {what}", p.name), &mut errors);
        };
        let root = read(&export.join("index.json"));
        assert_eq!(root["version"], "HSDS-UK-3.0");
        for folder in ["services", "organizations", "taxonomy_terms"] {
            let list = read(&export.join(folder).join("index.json"));
            let contents = list["contents"].as_array().unwrap().clone();
            assert_eq!(list["total_items"].as_u64(), Some(contents.len() as u64));
            let (one, item) = match folder {
                "services" => (&p.service, &p.service_list),
                "organizations" => (&p.organization, &p.organization),
                _ => (&p.term, &p.term),
            };
            if folder == "services" {
                check(&p.page, &list, format!("{folder}/index.json"));
            }
            for (i, doc) in contents.iter().enumerate() {
                check(item, doc, format!("{folder}/index.json contents[{i}]"));
            }
            let mut files = 0;
            for entry in std::fs::read_dir(export.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                if name == "index.json" {
                    continue;
                }
                files += 1;
                let doc = read(&path);
                assert_eq!(format!("{}.json", doc["id"].as_str().unwrap()), name);
                check(one, &doc, format!("{folder}/{name}"));
            }
            assert_eq!(
                files,
                contents.len(),
                "{folder}: a file per item of the list"
            );
        }
    }
    (checked, errors)
}

#[test]
fn the_schemas_catch_what_the_export_must_not_do() {
    // The validators are as strict as the tests need: a bad id, a missing name and a null
    // (which the export must leave out) are each an error in both profiles.
    for p in PROFILES.map(profile) {
        let good =
            json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "A", "status": "active"});
        assert!(p.service.is_valid(&good), "{}", p.name);
        for bad in [
            json!({"id": "not-a-uuid", "name": "A", "status": "active"}),
            json!({"id": "ac148810-d857-441c-9679-408f346de14b", "status": "active"}),
            json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "A", "status": "active", "url": null}),
            json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "A", "status": "active", "url": "not a url"}),
        ] {
            assert!(!p.service.is_valid(&bad), "{}: {bad}", p.name);
        }
        assert!(!p
            .page
            .is_valid(&json!({"total_items": 1, "contents": [{"id": "x"}]})));
    }
}

#[test]
fn the_vendored_schemas_are_the_shared_ones() {
    let shared = common::repo().join("../shared/schemas");
    if !shared.is_dir() {
        return; // A clone on its own: nothing to compare with.
    }
    for entry in walkdir::WalkDir::new(common::repo().join("tests/fixtures/openreferral")) {
        let entry = entry.unwrap();
        let path = entry.path();
        let Some(rel) = path
            .strip_prefix(common::repo().join("tests/fixtures/openreferral"))
            .unwrap()
            .to_str()
            .and_then(|r| r.strip_suffix(".gz"))
        else {
            continue;
        };
        let ours = fixture_json(rel);
        assert_eq!(ours, read(&shared.join(rel)), "{rel}");
    }
}

#[test]
fn the_default_content_exports_valid_open_referral() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    common::assert_ok(&signpost(
        &["build", "--no-search", "--output", out.to_str().unwrap()],
        &common::repo(),
    ));
    let export = out.join("openreferral");
    let (checked, errors) = validate_export(&export);
    println!("default content: {checked} Open Referral documents validated against HSDS 3.0 and the UK profile, {} errors", errors.len());
    assert!(errors.is_empty(), "{errors:#?}");
    let services = read(&export.join("services/index.json"));
    let offers = std::fs::read_dir(common::repo().join("content/offers"))
        .unwrap()
        .count();
    assert_eq!(services["total_items"].as_u64(), Some(offers as u64));
    // The tiers are HMPPS's complexity levels.
    let terms = read(&export.join("taxonomy_terms/index.json"));
    let ids: BTreeSet<&str> = terms["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    for id in [
        "d0db50b0-4a50-4fc7-a006-9c97530e38b2",
        "110f2405-d944-4c15-836c-0c6684e2aa78",
        "c86be5ec-31fa-4dfa-8c0c-8fe13451b9f6",
    ] {
        assert!(ids.contains(id), "{id}");
    }
    let low = find_service(&export, "Accommodation support (low complexity)");
    let tiers: Vec<&str> = low["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["link_type"] == "complexity_level")
        .map(|a| a["taxonomy_term_id"].as_str().unwrap())
        .collect();
    assert_eq!(tiers, ["d0db50b0-4a50-4fc7-a006-9c97530e38b2"]);
    assert_eq!(low["minimum_age"], 18);
    assert_eq!(low["assured_date"], "2026-11-20");
    assert_eq!(
        low["organization"]["name"],
        "Commissioned accommodation service provider"
    );
}

/// The full document of the service named `name`.
fn find_service(export: &Path, name: &str) -> Value {
    let list = read(&export.join("services/index.json"));
    let item = list["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no service {name}"));
    read(&export.join(format!("services/{}.json", item["id"].as_str().unwrap())))
}

#[test]
fn the_synthetic_corpus_exports_valid_open_referral() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::assert_ok(
        &std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["corpus", "--pages", "200"])
            .arg(&site)
            .output()
            .unwrap(),
    );
    common::assert_ok(&signpost(&["build", "--no-search"], &site));
    let (checked, errors) = validate_export(&site.join("public/openreferral"));
    println!("synthetic corpus: {checked} Open Referral documents validated against HSDS 3.0 and the UK profile, {} errors", errors.len());
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(checked > 200, "{checked}");
}

/// Every `id` in a document and what holds it, for uniqueness.
fn ids_in(doc: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match doc {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("id") {
                out.push((id.clone(), at.to_string()));
            }
            for (k, v) in map {
                // A nested organization, term or list of services repeats the ids of
                // documents of their own.
                if !["organization", "taxonomy_term", "services"].contains(&k.as_str()) {
                    ids_in(v, &format!("{at}.{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                ids_in(v, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn ids_are_unique_and_stay_the_same_from_build_to_build() {
    let dir = common::fixture(None);
    common::assert_ok(&signpost(&["build", "--no-search"], dir.path()));
    let export = dir.path().join("public/openreferral");
    let first = common::tree(&export);
    assert!(first.len() > 3, "{:?}", first.keys());
    // Unique: across every service, organization and term, parts included.
    let mut ids = Vec::new();
    for (name, bytes) in &first {
        if name.ends_with("index.json") {
            continue;
        }
        let doc: Value = serde_json::from_slice(bytes).unwrap();
        ids_in(&doc, name, &mut ids);
    }
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (id, at) in &ids {
        if let Some(before) = seen.insert(id, at) {
            panic!("id {id} is both {before} and {at}");
        }
    }
    // The same content builds the same bytes.
    common::assert_ok(&signpost(&["build", "--no-search"], dir.path()));
    assert_eq!(first, common::tree(&export), "a second build differs");
    // Retitling a service and rewording a partner change their documents, not their ids.
    let offers = dir.path().join("content/offers");
    let offer = std::fs::read_dir(&offers)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&offer).unwrap();
    let retitled = text.replacen("title: ", "title: Renamed ", 1);
    assert_ne!(text, retitled);
    std::fs::write(&offer, retitled).unwrap();
    common::assert_ok(&signpost(&["build", "--no-search"], dir.path()));
    let second = common::tree(&export);
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&first),
        names(&second),
        "the files (named by id) are the same"
    );
    assert_ne!(first, second, "the retitled service's documents changed");
}

/// The default content in a temporary folder, for a server that edits may touch.
fn default_site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "themes"] {
        common::copy_dir(&common::repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(
        common::repo().join("site.toml"),
        dir.path().join("site.toml"),
    )
    .unwrap();
    dir
}

#[test]
fn serve_answers_as_a_live_open_referral_endpoint() {
    use crate::serve::{eventually, get, serve};
    let site = default_site_copy();
    let server = serve(site.path());
    let uk = profile("hsds-uk-3.0");
    let json = |path: &str| {
        let (status, head, body) = get(&server.addr, path);
        assert!(
            head.contains("content-type: application/json"),
            "{path}: {head}"
        );
        assert!(
            head.contains("access-control-allow-origin: *"),
            "{path}: {head}"
        );
        (
            status,
            serde_json::from_str::<Value>(&body).unwrap_or(Value::Null),
        )
    };
    let (status, all) = json("/openreferral/services");
    assert_eq!(status, 200);
    let items = all["contents"].as_array().unwrap().clone();
    assert!(items.len() >= 2, "{all}");
    // The second service, alone on the second page.
    let (status, page) = json("/openreferral/services?per_page=1&page=2");
    assert_eq!(status, 200);
    assert!(uk.page.is_valid(&page), "{page}");
    assert_eq!(page["contents"], json!([items[1]]));
    assert_eq!(
        (&page["page_number"], &page["total_pages"], &page["size"]),
        (&json!(2), &json!(items.len()), &json!(1))
    );
    assert_eq!(page["first_page"], false);
    // A service by id, as the static file has it.
    let id = items[1]["id"].as_str().unwrap();
    let (status, one) = json(&format!("/openreferral/services/{id}"));
    assert_eq!(status, 200);
    assert!(uk.service.is_valid(&one));
    assert_eq!(json(&format!("/openreferral/services/{id}.json")).1, one);
    // Filters: by the high complexity level (one service), by search, by date.
    let (_, high) =
        json("/openreferral/services?taxonomy_term_id=c86be5ec-31fa-4dfa-8c0c-8fe13451b9f6");
    let names: Vec<&str> = high["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Accommodation support (high complexity)"]);
    let (_, found) = json("/openreferral/services?search=intensive");
    assert!(
        found["contents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Accommodation support (high complexity)"),
        "{found}"
    );
    assert!(
        found["total_items"].as_u64().unwrap() < items.len() as u64,
        "{found}"
    );
    assert_eq!(
        json("/openreferral/services?modified_after=2099-01-01").1["empty"],
        true
    );
    assert_eq!(json("/openreferral/services?page=x").0, 400);
    assert_eq!(json("/openreferral/services/not-an-id").0, 404);
    assert_eq!(json("/openreferral/nothing").0, 404);
    // An edit reaches the API.
    let file = site.path().join("content/offers/high-accommodation.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "title: Accommodation support (high complexity)",
            "title: Intensive accommodation support",
            1,
        ),
    )
    .unwrap();
    let high_id = high["contents"][0]["id"].as_str().unwrap().to_string();
    eventually(
        &server.addr,
        &format!("/openreferral/services/{high_id}"),
        |s, b| s == 200 && b.contains("Intensive accommodation support"),
    );
}

/// A site with nothing in it but what `check` needs of every site (the three tier
/// pages), to import into.
fn empty_site(base_url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo().join("themes/default"),
        &dir.path().join("themes/default"),
    );
    common::copy_dir(
        &common::repo().join("tests/fixtures/valid/content/tiers"),
        &dir.path().join("content/tiers"),
    );
    std::fs::write(
        dir.path().join("site.toml"),
        format!("title = \"Imported\"\nbase_url = \"{base_url}\"\n"),
    )
    .unwrap();
    dir
}

/// A vendored example written out as a plain file, for the command to read.
fn example_file(dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        serde_json::to_vec_pretty(&fixture_json(&format!("hsds-3.0/examples/{name}"))).unwrap(),
    )
    .unwrap();
    path
}

fn import(site: &Path, files: &[&Path], force: bool) -> std::process::Output {
    let mut args: Vec<&str> = vec!["import", "openreferral"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    if force {
        args.push("--force");
    }
    signpost(&args, site)
}

fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    if dir.is_dir() {
        common::tree(dir)
    } else {
        BTreeMap::new()
    }
}

#[test]
fn the_specification_examples_import_and_then_pass_check() {
    let feeds = tempfile::tempdir().unwrap();
    for name in [
        "service_full.json",
        "service_list.json",
        "organization_full.json",
        "organization_list.json",
    ] {
        let site = empty_site("https://imported.example.org");
        let feed = example_file(feeds.path(), name);
        let out = import(site.path(), &[&feed], false);
        common::assert_ok(&out);
        let written = files_under(&site.path().join("content"));
        assert!(
            written.keys().any(|k| k.starts_with("partners/")),
            "{name}: {:?}",
            written.keys()
        );
        for drafts in [false, true] {
            let mut args = vec!["check"];
            if drafts {
                args.push("--drafts");
            }
            let check = signpost(&args, site.path());
            assert!(
                check.status.success(),
                "{name}: check {args:?} fails on what import wrote:\n{}",
                String::from_utf8_lossy(&check.stderr)
            );
        }
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(report.contains("no home in Signpost"), "{name}: {report}");
    }
    // The full service: its feed gives no tier, so it waits as a draft that says so.
    let site = empty_site("https://imported.example.org");
    let feed = example_file(feeds.path(), "service_full.json");
    common::assert_ok(&import(site.path(), &[&feed], false));
    let offer =
        std::fs::read_to_string(site.path().join("content/offers/community-counselling.md"))
            .unwrap();
    assert!(offer.contains("draft: true"), "{offer}");
    assert!(offer.contains("# This service is a draft"), "{offer}");
    assert!(!offer.contains("\ntier:"), "no tier is guessed: {offer}");
    assert!(offer.contains("openreferral_id: ac148810-d857-441c-9679-408f346de14b"));
    assert!(offer.contains("age_min: 12") && offer.contains("age_max: 100"));
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 0);
    assert!(
        common::codes(&json).contains(&"incomplete-draft"),
        "check names the draft: {json}"
    );
    // Contacts are roles: the job title, not the person's name, whose number lost the
    // feed's stray quotes.
    let partner = std::fs::read_to_string(
        site.path()
            .join("content/partners/example-organization-inc.md"),
    )
    .unwrap();
    assert!(partner.contains("role: Reception Manager"), "{partner}");
    assert!(!partner.contains("Ann Persona"), "{partner}");
    assert!(partner.contains("phone: +44 1234 234567"), "{partner}");
}

#[test]
fn bad_feeds_get_a_located_error_and_nothing_is_written() {
    let feeds = tempfile::tempdir().unwrap();
    let site = empty_site("https://imported.example.org");
    let before = files_under(&site.path().join("content"));
    let write = |name: &str, text: &str| {
        let path = feeds.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let org = r#"{"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Org", "description": "Does things."}"#;
    let cases = [
        (
            write("syntax.json", "{\"contents\": [\n  {\"id\": }\n]}"),
            "syntax.json:2:",
        ),
        (write("number.json", "42"), "number.json: $: "),
        (
            write(
                "unnamed.json",
                &format!(
                    r#"{{"contents": [{{"id": "a", "name": "Named", "status": "active", "organization": {org}}}, {{"id": "b", "status": "active"}}]}}"#
                ),
            ),
            "unnamed.json: $.contents[1].name: this service has no name",
        ),
        (
            write(
                "age.json",
                &format!(
                    r#"{{"id": "a", "name": "A", "status": "active", "minimum_age": "twelve", "organization": {org}}}"#
                ),
            ),
            "age.json: $.minimum_age: ",
        ),
        (
            write(
                "orphan.json",
                r#"{"id": "a", "name": "A", "status": "active"}"#,
            ),
            "orphan.json: $.organization_id: this service names no organization",
        ),
    ];
    for (feed, expected) in &cases {
        let out = import(site.path(), &[feed], false);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(expected),
            "expected {expected:?} in:\n{stderr}"
        );
        assert!(stderr.contains("Nothing was written"), "{stderr}");
        assert_eq!(before, files_under(&site.path().join("content")));
    }
    // A good feed next to a bad one: still nothing.
    let good = example_file(feeds.path(), "service_full.json");
    let out = import(site.path(), &[&good, &cases[2].0], false);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(before, files_under(&site.path().join("content")));
    // Nothing existing is replaced without --force.
    common::assert_ok(&import(site.path(), &[&good], false));
    let offer = site.path().join("content/offers/community-counselling.md");
    let edited = format!(
        "{}\nEdited by hand.\n",
        std::fs::read_to_string(&offer).unwrap()
    );
    std::fs::write(&offer, &edited).unwrap();
    let out = import(site.path(), &[&good], false);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&offer).unwrap(), edited);
    common::assert_ok(&import(site.path(), &[&good], true));
    assert_ne!(std::fs::read_to_string(&offer).unwrap(), edited);
}

#[test]
fn an_import_never_takes_the_file_of_another_record() {
    // The fixture has partners/housing-options.yaml; an organization of that name is
    // written beside it under another name, not over it, and check still passes.
    let site = common::fixture(None);
    let feeds = tempfile::tempdir().unwrap();
    let feed = feeds.path().join("org.json");
    std::fs::write(
        &feed,
        r#"{"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Housing options", "description": "Gives housing advice.",
            "contacts": [{"id": "1e7efce3-639b-4880-940c-b95cd30cdb50", "title": "Advice line", "phones": [{"id": "1554f2e2-a373-45db-a3fa-9fc48a61c15e", "number": "0300 000 0002"}]}]}"#,
    )
    .unwrap();
    let theirs = site.path().join("content/partners/housing-options.yaml");
    let before = std::fs::read(&theirs).unwrap();
    for force in [false, true] {
        common::assert_ok(&import(site.path(), &[&feed], force));
        assert_eq!(std::fs::read(&theirs).unwrap(), before, "force: {force}");
        assert!(site
            .path()
            .join("content/partners/housing-options-2.md")
            .is_file());
        assert!(!site
            .path()
            .join("content/partners/housing-options-3.md")
            .exists());
    }
    common::assert_ok(&signpost(&["check"], site.path()));
}

/// A service's document without what does not travel: the addresses of its page and
/// its organization's (made from the file names the import chose), the words of the
/// tier's term (the taxonomy's, from the site's tier pages; its id travels), and the
/// contacts HSDS cannot carry a way to reach (Signpost's `url` and `notes` have no home
/// in an HSDS contact, so one with neither phone nor email is left out of the import).
fn what_travels(mut doc: Value) -> Value {
    fn tidy(record: &mut serde_json::Map<String, Value>) {
        record.remove("url");
        record.remove("uri");
        if let Some(Value::Array(attributes)) = record.get_mut("attributes") {
            for a in attributes {
                a.as_object_mut().unwrap().remove("taxonomy_term");
            }
        }
        if let Some(Value::Array(contacts)) = record.get_mut("contacts") {
            contacts.retain(|c| c.get("email").is_some() || c.get("phones").is_some());
            if contacts.is_empty() {
                record.remove("contacts");
            }
        }
    }
    let map = doc.as_object_mut().unwrap();
    tidy(map);
    if let Some(Value::Object(org)) = map.get_mut("organization") {
        tidy(org);
    }
    doc
}

#[test]
fn export_then_import_then_export_gives_the_same_services() {
    // The default content, and the fixture, whose service's contact has a phone, an email
    // and hours.
    let fixture = common::fixture(None);
    let default = round_trip(&common::repo(), "https://signpost.example.org");
    let fixture = round_trip(fixture.path(), "https://fixture.example.org");
    assert_eq!(default.0, 4, "the default content's services");
    assert!(
        fixture.1 >= 1,
        "a contact with a phone or email travels: {fixture:?}"
    );
}

/// Builds `root`, imports its services into an empty site of the same address, builds
/// that, and compares; returns how many services, and contacts with a phone or email,
/// made the trip.
fn round_trip(root: &Path, base_url: &str) -> (usize, usize) {
    let first = tempfile::tempdir().unwrap();
    common::assert_ok(&signpost(
        &[
            "build",
            "--no-search",
            "--output",
            first.path().to_str().unwrap(),
        ],
        root,
    ));
    let services_dir = first.path().join("openreferral/services");
    let feeds: Vec<std::path::PathBuf> = std::fs::read_dir(&services_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("index.json"))
        .collect();
    assert!(!feeds.is_empty());
    let site = empty_site(base_url);
    let feed_refs: Vec<&Path> = feeds.iter().map(|p| p.as_path()).collect();
    let out = import(site.path(), &feed_refs, false);
    common::assert_ok(&out);
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("is a draft"),
        "every service of the default content has what it needs: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    common::assert_ok(&signpost(&["check"], site.path()));
    common::assert_ok(&signpost(&["build", "--no-search"], site.path()));
    let again = site.path().join("public/openreferral/services");
    let by_id = |dir: &Path| -> BTreeMap<String, Value> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.ends_with("index.json"))
            .map(|p| {
                let doc = read(&p);
                (doc["id"].as_str().unwrap().to_string(), what_travels(doc))
            })
            .collect()
    };
    let (before, after) = (by_id(&services_dir), by_id(&again));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same services, by id"
    );
    for (id, doc) in &before {
        // Name, tier, provider, ages, areas and review date among them.
        assert_eq!(doc, &after[id], "service {id} changed on the way round");
    }
    let contacts = after
        .values()
        .map(|doc| {
            let count = |v: &Value| v["contacts"].as_array().map_or(0, Vec::len);
            count(doc) + count(&doc["organization"])
        })
        .sum();
    (after.len(), contacts)
}

#[test]
fn site_toml_moves_the_export_or_switches_it_off() {
    let site = common::fixture(None);
    let config = site.path().join("site.toml");
    let original = std::fs::read_to_string(&config).unwrap();
    let with = |section: &str| std::fs::write(&config, format!("{original}\n{section}")).unwrap();

    with("[openreferral]\npath = \"api/oruk\"\n");
    common::assert_ok(&signpost(&["build", "--no-search"], site.path()));
    let public = site.path().join("public");
    assert!(public.join("api/oruk/services/index.json").is_file());
    assert!(!public.join("openreferral").exists());

    with("[openreferral]\nenabled = false\n");
    common::assert_ok(&signpost(&["build", "--no-search"], site.path()));
    assert!(!public.join("openreferral").exists() && !public.join("api").exists());

    // A folder outside the site is refused, at its line.
    with("[openreferral]\npath = \"../elsewhere\"\n");
    let (code, json) = common::check_json(site.path());
    assert_eq!(code, 1, "{json}");
    let error = &common::errors(&json)[0];
    assert_eq!(error["file"], "site.toml");
    assert_eq!(
        error["line"].as_u64(),
        Some(original.lines().count() as u64 + 3)
    );
    assert!(
        error["message"].as_str().unwrap().contains("../elsewhere"),
        "{error}"
    );
}
