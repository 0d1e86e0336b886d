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
