//! `openapi.yaml` at the repository root is the generated document, byte for byte.
//! After changing the API, regenerate it with `UPDATE_OPENAPI=1 cargo test -p
//! zorgpact-api --test openapi_contract` (or `cargo xtask openapi`).

use std::path::PathBuf;

#[test]
fn committed_openapi_yaml_matches_the_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi.yaml");
    let generated = zorgpact_api::openapi::yaml().expect("generate the document");
    if std::env::var("UPDATE_OPENAPI").as_deref() == Ok("1") {
        std::fs::write(&path, &generated).expect("write openapi.yaml");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi.yaml is out of date with the code: run `cargo xtask openapi` and commit the result"
    );
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(zorgpact_api::openapi::yaml(), zorgpact_api::openapi::yaml());
}

/// Every `$ref` names a schema the document defines: a type used only as a query
/// parameter is not collected by utoipa unless inlined, and a generated client
/// then drops the whole operation.
#[test]
fn every_schema_reference_resolves() {
    let document = zorgpact_api::openapi::yaml().expect("generate the document");
    let defined: Vec<&str> = document
        .split("\n  schemas:\n")
        .nth(1)
        .expect("a schemas section")
        .lines()
        .filter_map(|line| line.strip_prefix("    ")?.strip_suffix(':'))
        .filter(|name| !name.starts_with(' '))
        .collect();
    let dangling: Vec<&str> = document
        .split("$ref: '#/components/schemas/")
        .skip(1)
        .filter_map(|rest| rest.split('\'').next())
        .filter(|name| !defined.contains(name))
        .collect();
    assert!(dangling.is_empty(), "references to undefined schemas: {dangling:?}");
}
