//! Test-only middleware: checks every API response against the OpenAPI document
//! the server publishes — the status must be documented for the operation and the
//! body must match the documented schema (OpenAPI 3.1 schemas are JSON Schema
//! 2020-12). Violations are collected for the test to fail on; the operations and
//! statuses seen are collected to show coverage.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web;
use serde_json::{Value, json};

/// What the checks found on one server.
#[derive(Default)]
pub struct ContractChecker {
    document: Value,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
    violations: Mutex<Vec<String>>,
    /// `METHOD template status` of every response checked.
    seen: Mutex<BTreeSet<String>>,
}

impl ContractChecker {
    pub fn new() -> Self {
        let document = serde_json::to_value(crate::openapi::document()).unwrap_or_default();
        Self {
            document,
            ..Self::default()
        }
    }

    pub fn violations(&self) -> Vec<String> {
        self.violations.lock().map(|v| v.clone()).unwrap_or_default()
    }

    pub fn seen(&self) -> BTreeSet<String> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn violation(&self, message: String) {
        if let Ok(mut violations) = self.violations.lock() {
            violations.push(message);
        }
    }

    fn inspect(&self, method: &str, template: &str, status: u16, content_type: Option<&str>, bytes: &[u8]) {
        let operation = &self.document["paths"][template][method.to_lowercase()];
        if !operation.is_object() {
            if status == 405 {
                return; // another method on a documented path: not an operation
            }
            if method == "OPTIONS" && (200..300).contains(&status) {
                return; // a CORS preflight, answered by the CORS layer: not an operation
            }
            return self.violation(format!("{method} {template}: not in the contract"));
        }
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(format!("{method} {template} {status}"));
        }
        let documented = &operation["responses"][status.to_string()];
        if !documented.is_object() {
            return self.violation(format!("{method} {template}: status {status} is not documented"));
        }
        let content_type = match content_type {
            Some(ct) if !bytes.is_empty() => ct,
            // An empty stream (an NDJSON export with no rows) is a valid empty body.
            Some(ct) if ct != "application/json" && documented["content"][ct].is_object() => return,
            _ => {
                if documented.get("content").is_some() {
                    self.violation(format!("{method} {template} {status}: documented a body, sent none"));
                }
                return;
            }
        };
        let key = format!("{method} {template} {status} {content_type}");
        if !(content_type == "application/json" || content_type.ends_with("+json")) {
            // Non-JSON bodies (CSV, NDJSON) are checked for a documented content type only.
            if !documented["content"][content_type].is_object() {
                self.violation(format!("{key}: this content type is not documented"));
            }
            return;
        }
        let Some(validator) = self.validator(&key, &documented["content"][content_type]["schema"]) else {
            return self.violation(format!("{key}: this content type is not documented"));
        };
        let body: Value = match serde_json::from_slice(bytes) {
            Ok(body) => body,
            Err(e) => return self.violation(format!("{key}: body is not JSON: {e}")),
        };
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        if !errors.is_empty() {
            self.violation(format!("{key}: body breaks the schema: {errors:?}; body: {body}"));
        }
    }

    fn validator(&self, key: &str, schema: &Value) -> Option<Arc<jsonschema::Validator>> {
        if !schema.is_object() {
            return None;
        }
        let mut cache = self.validators.lock().ok()?;
        if let Some(validator) = cache.get(key) {
            return Some(validator.clone());
        }
        let mut root = schema.clone();
        let object = root.as_object_mut()?;
        object.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        object.insert("components".into(), self.document["components"].clone());
        let validator = Arc::new(jsonschema::validator_for(&root).ok()?);
        cache.insert(key.to_owned(), validator.clone());
        Some(validator)
    }
}

/// The middleware function (`actix_web::middleware::from_fn`).
pub async fn check(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?;
    let checker = response.request().app_data::<web::Data<ContractChecker>>().cloned();
    let template = response.request().match_pattern();
    let (Some(checker), Some(template)) = (checker, template) else {
        return Ok(response.map_into_boxed_body());
    };
    if !(template.starts_with("/api/v1") || template.starts_with("/health")) || template == "/api/v1/openapi.json" {
        return Ok(response.map_into_boxed_body());
    }
    let method = response.request().method().to_string();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_owned());
    let (req, res) = response.into_parts();
    let (res, body) = res.into_parts();
    let bytes = body::to_bytes(body)
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("body"))?;
    checker.inspect(&method, &template, status, content_type.as_deref(), &bytes);
    Ok(ServiceResponse::new(req, res.set_body(bytes).map_into_boxed_body()))
}
