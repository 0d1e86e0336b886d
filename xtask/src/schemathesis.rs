//! Property-based API testing with schemathesis (from PyPI, installed into a
//! virtualenv in the build cache): it reads the served OpenAPI document, sends
//! generated valid and invalid requests to a real server on a fresh database, as
//! the demo admin so that the protected operations are reached too, and fails on
//! any server error or any response that breaks the contract. Its warnings are
//! shown: "N operations mostly rejected generated data" means schemas that do not
//! state what the server's validation enforces (or, for references to stored
//! codes and rules between fields, cannot). `e2e/schemathesis/hooks.py` gives every
//! request its own Idempotency-Key and points the positive cases of the operations
//! that take references (indicator points, ticket ids, regions) at stored records,
//! as a client would; it also checks every line of the NDJSON export.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::cargo::check;
use crate::python;
use crate::server::{start_server, tempdir};

const VERSION: &str = "4.32.5";

/// The checks that make up "no server error and no response that breaks the
/// schema". (`missing_required_header` is left out: it expects 4xx-but-not-428 for
/// a missing `If-Match`, while RFC 6585 names 428 for exactly that.)
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
response_schema_conformance,response_headers_conformance,unsupported_method,\
ndjson_lines_conform";

/// The demo admin of the seed data (see README.md).
const ADMIN: (&str, &str) = ("admin@zorgpact.demo", "demo-admin-2026");

pub fn run(root: &Path, target_dir: &Path) -> Result<()> {
    let schemathesis = install(target_dir)?;
    let data_dir = tempdir(target_dir)?;
    let (_server, url) = start_server(root, target_dir, &data_dir)?;
    let token = admin_token(&url)?;
    let mut command = Command::new(schemathesis);
    command
        .args(["run", &format!("{url}/api/v1/openapi.json")])
        .args(["--checks", CHECKS])
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args(["--max-examples", "25", "--workers", "2", "--seed", "20261201"])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--suppress-health-check", "all", "--no-color"])
        // A fresh Idempotency-Key per request, and references to stored records,
        // as a client sends (see the module and the hooks).
        .env("PYTHONPATH", root.join("e2e/schemathesis"))
        .env("SCHEMATHESIS_HOOKS", "hooks")
        .env("ZORGPACT_API_URL", &url)
        .env("ZORGPACT_TOKEN", &token)
        .current_dir(&data_dir);
    let result = check(command, "schemathesis against a running server");
    let _ = std::fs::remove_dir_all(&data_dir);
    result
}

/// An access token of the demo admin (valid 15 minutes, longer than the run).
fn admin_token(url: &str) -> Result<String> {
    let (username, password) = ADMIN;
    let response: serde_json::Value = reqwest::blocking::Client::new()
        .post(format!("{url}/api/v1/auth/token"))
        .json(&serde_json::json!({"grant_type": "password", "username": username, "password": password}))
        .send()
        .and_then(reqwest::blocking::Response::error_for_status)
        .and_then(reqwest::blocking::Response::json)
        .context("log in as the demo admin")?;
    response["access_token"]
        .as_str()
        .map(str::to_owned)
        .context("the token response holds no access_token")
}

fn install(target_dir: &Path) -> Result<PathBuf> {
    let venv = python::venv(target_dir, "schemathesis", &[&format!("schemathesis=={VERSION}")])?;
    Ok(venv.join("bin/schemathesis"))
}
