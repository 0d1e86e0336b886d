//! Authentication comes first: every operation that `openapi.yaml` marks with
//! `bearer` security answers 401 to a caller without a valid token, whatever the body —
//! before the body is read, so an anonymous caller never learns what a valid body
//! would look like (422) from a protected operation.

use std::path::PathBuf;

use crate::helpers::{expect_problem, spawn_app, test_keys};
use serde_norway::Value;
use zorgpact_api::auth::tokens::{AUDIENCE, Claims, ISSUER};

/// `(METHOD, path)` of every operation that declares `bearer` security (refresh and
/// logout use the refresh cookie instead: `sessions.rs`), with each path parameter
/// filled in (the value does not matter: the token is checked first).
fn protected_operations() -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi.yaml");
    let text = std::fs::read_to_string(path).expect("read openapi.yaml");
    let document: Value = serde_norway::from_str(&text).expect("parse openapi.yaml");
    let paths = document["paths"].as_mapping().expect("paths");
    let mut operations = Vec::new();
    for (template, item) in paths {
        let template = template.as_str().expect("path template");
        for (method, operation) in item.as_mapping().expect("path item") {
            let method = method.as_str().expect("method").to_uppercase();
            let secured = operation["security"]
                .as_sequence()
                .is_some_and(|s| !s.is_empty() && s.iter().all(|r| r.get("bearer").is_some()));
            if secured {
                operations.push((method, fill_parameters(template)));
            }
        }
    }
    operations
}

fn fill_parameters(template: &str) -> String {
    template
        .split('/')
        .map(|segment| if segment.starts_with('{') { "twente" } else { segment })
        .collect::<Vec<_>>()
        .join("/")
}

/// A token signed with the server's key that expired an hour ago.
fn expired_token() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let claims = Claims {
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        sub: "user:admin".into(),
        iat: now - 7200,
        exp: now - 3600,
        name: "Admin".into(),
        role: "admin".into(),
        regions: vec![],
        ministry: None,
        scopes: vec![],
    };
    format!("Bearer {}", test_keys().sign(&claims).expect("token"))
}

#[tokio::test]
async fn every_protected_operation_refuses_a_caller_without_a_valid_token_before_the_body() {
    let app = spawn_app().await;
    let operations = protected_operations();
    assert!(
        operations.len() > 40,
        "found only {} protected operations",
        operations.len()
    );
    let http = reqwest::Client::new();
    let expired = expired_token();
    let credentials: [(&str, Option<&str>); 4] = [
        ("anonymous", None),
        ("a forged token", Some("Bearer not-a-token")),
        ("an expired token", Some(expired.as_str())),
        ("no bearer scheme", Some("Basic YWRtaW46YWRtaW4=")),
    ];
    let bodies: [(&str, &[u8]); 3] = [
        ("application/json", b"{}"),
        ("application/json", b"{\"region_code\": 7, garbage"),
        ("text/csv", b"\xff\xfe not csv"),
    ];
    let mut cases = 0;
    for (method, path) in &operations {
        for (who, authorization) in &credentials {
            for (content_type, body) in &bodies {
                let mut request = http
                    .request(method.parse().expect("method"), app.url(path))
                    .header("content-type", *content_type)
                    .body(body.to_vec());
                if let Some(authorization) = authorization {
                    request = request.header("authorization", *authorization);
                }
                let response = request.send().await.expect("request");
                assert_eq!(
                    response.status().as_u16(),
                    401,
                    "{method} {path} as {who} with {body:?}"
                );
                assert!(
                    response.headers().contains_key("www-authenticate"),
                    "{method} {path}: WWW-Authenticate"
                );
                let problem = expect_problem(response, 401).await;
                if *who == "an expired token" {
                    let detail = problem["detail"].as_str().unwrap_or_default();
                    assert!(detail.contains("expired"), "{method} {path}: {detail}");
                }
                cases += 1;
            }
        }
    }
    eprintln!("auth first: {cases} cases over {} operations", operations.len());
}
