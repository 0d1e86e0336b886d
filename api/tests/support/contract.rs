//! Checks real responses against `openapi.yaml`'s generated twin: the status must
//! be documented for the operation, and the body must match the documented schema
//! for its content type (OpenAPI 3.1 schemas are JSON Schema 2020-12).

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use serde_json::{Value, json};

fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::to_value(zorgpact_api::openapi::document()).expect("document as JSON"))
}

/// Every (method, path template) checked so far, to prove coverage.
pub fn checked_operations() -> &'static Mutex<BTreeSet<(String, String)>> {
    static CHECKED: OnceLock<Mutex<BTreeSet<(String, String)>>> = OnceLock::new();
    CHECKED.get_or_init(Default::default)
}

/// All operations of the document as (METHOD, template).
pub fn all_operations() -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (template, item) in document()["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch"] {
            if item.get(method).is_some() {
                operations.insert((method.to_uppercase(), template.clone()));
            }
        }
    }
    operations
}

/// Asserts that `response` to `METHOD template` is what the contract documents and
/// returns its JSON body (Null when empty).
pub async fn check(method: &str, template: &str, response: reqwest::Response) -> Value {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_owned());
    let bytes = response.bytes().await.expect("body");
    let operation = &document()["paths"][template][method.to_lowercase()];
    assert!(operation.is_object(), "{method} {template} is not in the contract");
    let documented = &operation["responses"][status.to_string()];
    assert!(
        documented.is_object(),
        "{method} {template} answered {status}, which the contract does not document"
    );
    checked_operations()
        .lock()
        .expect("lock")
        .insert((method.to_uppercase(), template.to_owned()));

    let Some(content_type) = content_type.filter(|_| !bytes.is_empty()) else {
        assert!(
            documented.get("content").is_none(),
            "{method} {template} {status}: documented a body, got none"
        );
        return Value::Null;
    };
    let schema = &documented["content"][&content_type]["schema"];
    assert!(
        schema.is_object(),
        "{method} {template} {status}: content type {content_type} is not documented"
    );
    let body: Value = serde_json::from_slice(&bytes).expect("JSON body");
    let mut root = schema.clone();
    if let Some(object) = root.as_object_mut() {
        object.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        object.insert("components".into(), document()["components"].clone());
    }
    let validator = jsonschema::validator_for(&root).expect("a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {template} {status}: body breaks the schema: {errors:?}\nbody: {body}"
    );
    body
}
