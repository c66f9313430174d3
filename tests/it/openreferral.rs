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
