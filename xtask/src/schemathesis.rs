//! Property-based API testing with schemathesis (from PyPI, installed into a
//! virtualenv in the build cache): it reads the served OpenAPI document, sends
//! generated valid and invalid requests to a real server on a fresh database, as
//! the demo admin so that the protected operations are reached too, and fails on
//! any server error or any response that breaks the contract. Its warnings are
//! shown: "N operations mostly rejected generated data" means schemas that do not
//! state what the server's validation enforces (or, for references to stored
//! codes, cannot).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::check;

const VERSION: &str = "4.32.5";

/// The checks that make up "no server error and no response that breaks the
/// schema". (`missing_required_header` is left out: it expects 4xx-but-not-428 for
/// a missing `If-Match`, while RFC 6585 names 428 for exactly that.)
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
response_schema_conformance,response_headers_conformance,unsupported_method";

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
        .env("SCHEMATHESIS_HOOKS", "")
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
    let venv = target_dir.join("tools/schemathesis-venv");
    let binary = venv.join("bin/schemathesis");
    let marker = venv.join(format!(".installed-{VERSION}"));
    if marker.is_file() && binary.is_file() {
        return Ok(binary);
    }
    let _ = std::fs::remove_dir_all(&venv);
    let mut create = Command::new("python3");
    create.args(["-m", "venv"]).arg(&venv);
    check(create, "create a Python virtualenv for schemathesis")?;
    let mut pip = Command::new(venv.join("bin/pip"));
    pip.args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("schemathesis=={VERSION}"),
    ]);
    check(pip, "pip install schemathesis")?;
    std::fs::write(&marker, VERSION)?;
    Ok(binary)
}

fn tempdir(target_dir: &Path) -> Result<PathBuf> {
    let dir = target_dir.join(format!("tmp/schemathesis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The debug server the test suite built, on a free port with a fresh SQLite
/// database and the demo data.
fn start_server(root: &Path, target_dir: &Path, data_dir: &Path) -> Result<(Server, String)> {
    let mut build = crate::cargo(root);
    build.args(["build", "--package", "zorgpact-api", "--bin", "zorgpact"]);
    check(build, "build the server for schemathesis")?;
    let mut child = Command::new(target_dir.join("debug/zorgpact"))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("ZORGPACT_ADDR", "127.0.0.1:0")
        .env("ZORGPACT_DATA_DIR", data_dir.join("data"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .context("start zorgpact")?;
    let stdout = child.stdout.take().context("server stdout")?;
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) else {
        bail!("the server did not say where it listens: {line:?}");
    };
    Ok((server, url.to_owned()))
}
