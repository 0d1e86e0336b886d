//! Property-based fuzzing of everything the API parses from a caller: every
//! query parameter of every list and figure (filters, periods, cursors, limits,
//! formats), every JSON body, CSV imports and indicator formulas. Whatever comes
//! in, the answer is never a server error, and a refusal is problem+json (the
//! contract checker of the test app also holds every answer to `openapi.yaml`).
//!
//! Each property runs `ZORGPACT_FUZZ_CASES` cases: 64 by default, the short form
//! in `.ci/run`; the long form is `ZORGPACT_FUZZ_CASES=5000 cargo nextest run -p
//! zorgpact-api --test api -E 'test(/^fuzz::/)' --no-capture` (see README). Each
//! prints how many requests it sent.

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, new_action, new_indicator, spawn_app};

/// What a property sends for one input: the number of requests, or the failure.
type Requests<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<usize, TestCaseError>> + 'a>>;

/// A known indicator and an existing region, for paths that need them.
const INDICATOR: &str = "side_entrants";
const REGION: &str = "twente";

fn cases() -> u32 {
    std::env::var("ZORGPACT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

/// Text a caller could send: mostly printable, with separators, digits and
/// period-like shapes that reach deeper into the parsers than noise does.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        "[0-9]{1,6}",
        "(19|20|21)[0-9]{2}(-(Q[0-9]|[0-9]{1,2}|H[0-9]))?",
        "[a-z_]{1,12}(,[a-z_]{0,12}){0,3}",
        "-?[0-9]{1,20}(\\.[0-9]{0,4})?",
        Just(String::new()),
    ]
}

/// Any JSON value, nested a little.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// One fuzzed operation of the contract: its method and path (path parameters
/// filled with existing records) and its query parameters' names.
struct Operation {
    method: Method,
    path: String,
    query: Vec<String>,
    json_body: bool,
}

/// The operations of `openapi.yaml` a property can reach without first creating
/// a record: every GET with query parameters and every POST with a JSON body.
fn operations() -> Vec<Operation> {
    let document = serde_json::to_value(zorgpact_api::openapi::document()).expect("the document as JSON");
    let mut found = Vec::new();
    for (template, item) in document["paths"].as_object().expect("paths") {
        let Some(path) = fill_path(template) else { continue };
        for (method, operation) in item.as_object().expect("path item") {
            let method = match method.as_str() {
                "get" => Method::GET,
                "post" => Method::POST,
                _ => continue,
            };
            let query: Vec<String> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect();
            let json_body = operation["requestBody"]["content"]["application/json"].is_object();
            if (method == Method::GET && !query.is_empty()) || (method == Method::POST && json_body) {
                found.push(Operation {
                    method,
                    path: path.clone(),
                    query,
                    json_body,
                });
            }
        }
    }
    found
}

/// The path with its parameters filled, or `None` for a path whose parameters
/// name records the fuzzer has not made (actions, tickets, ...).
fn fill_path(template: &str) -> Option<String> {
    let filled = template
        .replace(
            "{code}",
            if template.starts_with("/api/v1/regions") {
                REGION
            } else {
                INDICATOR
            },
        )
        .replace("{indicator}", INDICATOR)
        .replace("{region}", REGION)
        .replace("{period}", "2024");
    (!filled.contains('{')).then_some(filled)
}

/// Sends one request and fails the case on a server error or a refusal that is
/// not problem+json.
async fn check(request: reqwest::RequestBuilder, what: &str) -> Result<(), TestCaseError> {
    let response = request
        .send()
        .await
        .map_err(|e| TestCaseError::fail(format!("{what}: {e}")))?;
    let status = response.status();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.text().await.unwrap_or_default();
    prop_assert!(status.as_u16() < 500, "{what}: {status} {body}");
    if status.is_client_error() {
        prop_assert!(
            content_type.starts_with("application/problem+json"),
            "{what}: {status} as {content_type:?}: {body}"
        );
    }
    Ok(())
}

/// Runs `property` for `cases()` generated inputs against one app; returns how
/// many requests it sent.
fn run<S: Strategy>(strategy: S, property: impl Fn(&TestApp, S::Value) -> Requests<'_>) -> usize
where
    S::Value: std::fmt::Debug,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let app = runtime.block_on(spawn_app());
    let sent = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let outcome = runner.run(&strategy, |input| {
        let count = runtime.block_on(property(&app, input))?;
        sent.fetch_add(count, Ordering::Relaxed);
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    sent.into_inner()
}

#[test]
fn no_query_parameter_makes_the_server_fail() {
    let operations = operations();
    let gets: Vec<&Operation> = operations.iter().filter(|o| o.method == Method::GET).collect();
    assert!(
        gets.len() >= 15,
        "the contract lists too few queries to fuzz: {}",
        gets.len()
    );
    let strategy = (prop::collection::vec(text(), 12), any::<prop::sample::Index>());
    let sent = run(strategy, |app, (values, pick)| {
        let operation = gets[pick.index(gets.len())];
        let (path, names) = (operation.path.clone(), operation.query.clone());
        Box::pin(async move {
            // Every parameter of the operation at once, each a fuzzed value.
            let query: Vec<(&str, &str)> = names
                .iter()
                .zip(values.iter().cycle())
                .map(|(name, value)| (name.as_str(), value.as_str()))
                .collect();
            let request = app.client.get(app.url(&path)).query(&query);
            check(request, &format!("GET {path} {query:?}")).await?;
            // And one parameter alone, as a caller filtering by it would.
            for (name, value) in query.iter().take(2) {
                let request = app.client.get(app.url(&path)).query(&[(name, value)]);
                check(request, &format!("GET {path}?{name}={value:?}")).await?;
            }
            Ok(1 + query.len().min(2))
        })
    });
    println!("fuzz: {sent} queries over {} operations, 0 server errors", gets.len());
}

#[test]
fn no_json_body_makes_the_server_fail() {
    let operations = operations();
    let posts: Vec<&Operation> = operations.iter().filter(|o| o.json_body).collect();
    assert!(
        posts.len() >= 10,
        "the contract lists too few bodies to fuzz: {}",
        posts.len()
    );
    let strategy = (json_value(), any::<prop::sample::Index>());
    let sent = run(strategy, |app, (body, pick)| {
        let path = posts[pick.index(posts.len())].path.clone();
        Box::pin(async move {
            let request = app.client.post(app.url(&path)).header("If-Match", "*").json(&body);
            check(request, &format!("POST {path} {body}")).await?;
            Ok(1)
        })
    });
    println!(
        "fuzz: {sent} JSON bodies over {} operations, 0 server errors",
        posts.len()
    );
}

/// A valid action with one field replaced: deep in the rules, not at the door.
#[test]
fn no_field_of_a_valid_body_makes_the_server_fail() {
    let valid = serde_json::to_value(new_action(REGION, "Leerwerkbanen", &[])).expect("JSON");
    let fields: Vec<String> = valid.as_object().expect("object").keys().cloned().collect();
    let strategy = (any::<prop::sample::Index>(), json_value());
    let sent = run(strategy, |app, (field, value)| {
        let mut body = valid.clone();
        body[&fields[field.index(fields.len())]] = value;
        Box::pin(async move {
            let request = app.client.post(app.url("/api/v1/actions")).json(&body);
            check(request, &format!("POST /api/v1/actions {body}")).await?;
            Ok(1)
        })
    });
    println!("fuzz: {sent} actions with one field fuzzed, 0 server errors");
}

/// CSV imports: lines of fuzzed cells under a valid header, and plain noise.
#[test]
fn no_csv_import_makes_the_server_fail() {
    let line = prop::collection::vec(
        prop_oneof![text(), Just(REGION.to_owned()), Just(INDICATOR.to_owned())],
        0..6,
    )
    .prop_map(|cells| cells.join(","));
    let sheet = (prop::collection::vec(line, 0..6), any::<bool>(), "\\PC{0,64}");
    let sent = run(sheet, |app, (lines, with_header, noise)| {
        let csv = if with_header {
            format!("indicator,region,period,value\n{}\n", lines.join("\n"))
        } else {
            format!("{noise}\n{}", lines.join("\r\n"))
        };
        Box::pin(async move {
            let request = app
                .client
                .post(app.url("/api/v1/imports/indicator-values?dry_run=true"))
                .header(reqwest::header::CONTENT_TYPE, "text/csv")
                .body(csv.clone());
            check(request, &format!("CSV import {csv:?}")).await?;
            Ok(1)
        })
    });
    println!("fuzz: {sent} CSV imports, 0 server errors");
}

/// Formulas of derived indicators: fuzzed text and fuzzed arithmetic over
/// existing codes.
#[test]
fn no_formula_makes_the_server_fail() {
    let token = prop_oneof![
        Just(INDICATOR.to_owned()),
        Just("vacancies".to_owned()),
        "[0-9]{1,4}(\\.[0-9]{1,2})?",
        "[-+*/()]",
        "\\PC{0,3}",
    ];
    let formula = prop_oneof![
        prop::collection::vec(token, 0..12).prop_map(|tokens| tokens.join(" ")),
        "\\PC{0,40}",
    ];
    let sent = run((formula, 0u32..1_000_000), |app, (formula, n)| {
        let mut body = serde_json::to_value(new_indicator(&format!("fuzzed_{n}"))).expect("JSON");
        body["formula"] = json!(formula);
        Box::pin(async move {
            let request = app.client.post(app.url("/api/v1/indicators")).json(&body);
            check(request, &format!("POST /api/v1/indicators {body}")).await?;
            Ok(1)
        })
    });
    println!("fuzz: {sent} formulas, 0 server errors");
}
