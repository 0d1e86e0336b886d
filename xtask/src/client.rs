//! `cargo xtask client`: a client generated from the committed `openapi.yaml` works.
//! openapi-python-client (PyPI, reads OpenAPI 3.1) generates a Python package into
//! the build cache (never committed); it is installed into the generator's
//! virtualenv, and `e2e/partner_client/workflow.py` runs a partner system's
//! workflow with it against a fresh server: a token by client credentials, a push
//! of values, the national roll-up read back with the pushed value in it.
//!
//! The generator fails the step on errors and prints its warnings. Where it
//! stumbles on the document, mend the document (the utoipa annotations and the
//! contract types), never the generated code.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::cargo::check;
use crate::python;
use crate::server::{start_server, tempdir};

const GENERATOR: &str = "openapi-python-client==0.29.1";
/// `setup.py` needs it to build the generated package without build isolation
/// (which would download setuptools on every run).
const WHEEL: &str = "wheel==0.45.1";

pub fn run(root: &Path, target_dir: &Path) -> Result<()> {
    let venv = python::venv(target_dir, "openapi-python-client", &[GENERATOR, WHEEL])?;
    let scripts = root.join("e2e/partner_client");
    let package = target_dir.join("partner-client");

    let mut generate = Command::new(venv.join("bin/openapi-python-client"));
    generate
        .args(["generate", "--meta", "setup", "--overwrite"])
        .arg("--path")
        .arg(root.join("openapi.yaml"))
        .arg("--config")
        .arg(scripts.join("generator.yaml"))
        .arg("--output-path")
        .arg(&package);
    check(generate, "generate a Python client from openapi.yaml")?;

    // Its dependencies (httpx, attrs) come with the generator: no download.
    let mut install = python::pip(&venv);
    install.arg("--no-build-isolation").arg(&package);
    check(install, "pip install the generated client")?;

    let data_dir = tempdir(target_dir)?;
    let result = start_server(root, target_dir, &data_dir).and_then(|(_server, url)| {
        let mut workflow = Command::new(venv.join("bin/python"));
        workflow.arg(scripts.join("workflow.py")).arg(url);
        check(workflow, "partner workflow with the generated client")
    });
    let _ = std::fs::remove_dir_all(&data_dir);
    result
}
