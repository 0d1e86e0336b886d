//! Property-based API testing with schemathesis (from PyPI, installed into a
//! virtualenv in the build cache): it reads the served OpenAPI document, sends
//! generated valid and invalid requests to a real server on a fresh database, and
//! fails on any server error or any response that breaks the contract.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;

use crate::check;
use crate::python;
use crate::server::{start_server, tempdir};

const VERSION: &str = "4.32.5";

/// The checks that make up "no server error and no response that breaks the
/// schema". (`missing_required_header` is left out: it expects 4xx-but-not-428 for
/// a missing `If-Match`, while RFC 6585 names 428 for exactly that.)
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
response_schema_conformance,response_headers_conformance,unsupported_method";

pub fn run(root: &Path, target_dir: &Path) -> Result<()> {
    let schemathesis = install(target_dir)?;
    let data_dir = tempdir(target_dir)?;
    let (_server, url) = start_server(root, target_dir, &data_dir)?;
    let mut command = Command::new(schemathesis);
    command
        .args(["run", &format!("{url}/api/v1/openapi.json")])
        .args(["--checks", CHECKS])
        .args(["--max-examples", "25", "--workers", "2", "--seed", "20261201"])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--suppress-health-check", "all", "--warnings", "off", "--no-color"])
        .env("SCHEMATHESIS_HOOKS", "")
        .current_dir(&data_dir);
    let result = check(command, "schemathesis against a running server");
    let _ = std::fs::remove_dir_all(&data_dir);
    result
}

fn install(target_dir: &Path) -> Result<PathBuf> {
    let venv = python::venv(target_dir, "schemathesis", &[&format!("schemathesis=={VERSION}")])?;
    Ok(venv.join("bin/schemathesis"))
}
