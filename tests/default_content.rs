//! The default content (the real accommodation directory) checks clean and builds.

mod common;

#[test]
fn default_content_has_no_errors() {
    let (code, json) = common::check_json(&common::repo());
    let errors: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(code, 0, "{errors:#?}");
    assert!(json["pages"].as_u64().unwrap() >= 40, "{}", json["pages"]);
}
