//! One timestamp format in every response: RFC 3339 in UTC to the millisecond
//! (`2026-12-05T23:28:22.123Z`), whichever resource carries it.

use crate::helpers::{final_value, json_body, spawn_app};
use serde_json::Value;

/// Every `…_at` string in `value`, with where it was found.
fn moments(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields {
                let here = format!("{at}/{name}");
                match field {
                    Value::String(text) if name.ends_with("_at") => out.push((here, text.clone())),
                    other => moments(other, &here, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                moments(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn is_utc_millis(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 24
        && bytes[10] == b'T'
        && bytes[19] == b'.'
        && text.ends_with('Z')
        && chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

#[tokio::test]
async fn every_response_writes_moments_in_utc_to_the_millisecond() {
    let app = spawn_app().await;
    let value = "/api/v1/indicator-values/employees/twente/2022";
    let corrected = app.put_json(value, Some("*"), &final_value(123456.0, "CBS")).await;
    assert_eq!(corrected.status(), 200);
    let mut checked = Vec::new();
    for path in [
        "/api/v1/actions?limit=5",
        "/api/v1/audit?limit=5",
        "/api/v1/barrier-tickets?status=closed",
        &format!("{value}/history"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let mut found = Vec::new();
        moments(&json_body(response).await, "", &mut found);
        assert!(!found.is_empty(), "{path} carries timestamps");
        for (at, text) in &found {
            assert!(is_utc_millis(text), "{path} {at}: {text:?}");
        }
        checked.push((path.to_owned(), found.len()));
    }
    eprintln!("timestamps checked: {checked:?}");
}
