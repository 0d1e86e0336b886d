//! Property-based API testing with schemathesis (from PyPI, installed into a
//! virtualenv in the build cache): it reads the served OpenAPI document, sends
//! generated valid and invalid requests to a real server on a fresh database, as
//! each demo role in turn (admin, coordinator, official, analyst, partner system),
//! so that the protected operations and every role's access rules are reached,
//! and fails on
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

/// Who schemathesis calls the API as: each demo role in turn, so every role's
/// way through the access rules (403s, scoped lists, region limits) is fuzzed.
/// The admin's run is the fullest; each other role gets a shorter one.
enum Caller {
    User(&'static str, &'static str),
    Partner(&'static str, &'static str),
}

/// The demo accounts of the seed data (see README.md).
const ROLES: &[(&str, Caller)] = &[
    ("admin", Caller::User("admin@zorgpact.demo", "demo-admin-2026")),
    (
        "coordinator",
        Caller::User("coordinator.twente@zorgpact.demo", "demo-coordinator-2026"),
    ),
    (
        "official",
        Caller::User("official.vws@zorgpact.demo", "demo-official-2026"),
    ),
    ("analyst", Caller::User("analyst@zorgpact.demo", "demo-analyst-2026")),
    ("partner", Caller::Partner("demo-dashboard-twente", "demo-partner-2026")),
];

/// How many examples per operation: the admin's run and the other roles' in the
/// short form (`.ci/run`); `--full` gives every role the long one.
const ADMIN_EXAMPLES: &str = "25";
const ROLE_EXAMPLES: &str = "6";
const FULL_EXAMPLES: &str = "100";
/// How many scenarios (chains of linked calls) the stateful phase runs per role.
const ADMIN_STATEFUL_SCENARIOS: &str = "4";
const ROLE_STATEFUL_SCENARIOS: &str = "2";
const FULL_STATEFUL_SCENARIOS: &str = "100";

/// `cargo xtask schemathesis [--full] [--roles admin,analyst,...]`: every role in
/// turn, or those named (to repeat one role's long form without the others').
pub fn run(root: &Path, target_dir: &Path, args: &[String]) -> Result<()> {
    let full = args.iter().any(|a| a == "--full");
    let named = roles_named(args)?;
    let schemathesis = install(target_dir)?;
    let data_dir = tempdir(target_dir)?;
    let (_server, url) = start_server(root, target_dir, &data_dir)?;
    let chosen = ROLES
        .iter()
        .enumerate()
        .filter(|(_, (role, _))| named.as_ref().is_none_or(|named| named.iter().any(|n| n == role)));
    let result = chosen.into_iter().try_for_each(|(run, (role, caller))| {
        let (examples, phases) = match (full, *role) {
            (true, _) => (FULL_EXAMPLES, "examples,coverage,fuzzing"),
            (false, "admin") => (ADMIN_EXAMPLES, "examples,coverage,fuzzing"),
            (false, _) => (ROLE_EXAMPLES, "examples,fuzzing"),
        };
        let runner = Runner {
            schemathesis: &schemathesis,
            root,
            data_dir: &data_dir,
            url: &url,
            caller,
            run,
        };
        check(
            runner.command(examples, phases)?,
            &format!("schemathesis as the demo {role}"),
        )?;
        // The stateful phase on its own, with its own bound: it follows the
        // document's links (a created action to its reads, update and archive, a
        // filed ticket to its steps and comments, ...), so sequences of calls
        // with real ids and ETags are tested, not only single calls.
        let scenarios = match (full, *role) {
            (true, _) => FULL_STATEFUL_SCENARIOS,
            (false, "admin") => ADMIN_STATEFUL_SCENARIOS,
            (false, _) => ROLE_STATEFUL_SCENARIOS,
        };
        // Its own stretch of fresh points and locks in the hooks (see there).
        let stateful = Runner {
            run: run + ROLES.len(),
            ..runner
        };
        check(
            stateful.command(scenarios, "stateful")?,
            &format!("schemathesis stateful (links between operations) as the demo {role}"),
        )
    });
    let _ = std::fs::remove_dir_all(&data_dir);
    result
}

/// The roles of `--roles a,b`, each checked against [`ROLES`]; `None`: all.
fn roles_named(args: &[String]) -> Result<Option<Vec<String>>> {
    let Some(at) = args.iter().position(|a| a == "--roles") else {
        return Ok(None);
    };
    let list = args
        .get(at + 1)
        .context("--roles needs a value: admin,coordinator,...")?;
    let named: Vec<String> = list.split(',').map(|r| r.trim().to_owned()).collect();
    for role in &named {
        anyhow::ensure!(
            ROLES.iter().any(|(known, _)| known == role),
            "unknown role {role:?}: one of {}",
            ROLES.iter().map(|(r, _)| *r).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(Some(named))
}

/// One schemathesis run against the server, as one caller.
#[derive(Clone, Copy)]
struct Runner<'a> {
    schemathesis: &'a Path,
    root: &'a Path,
    data_dir: &'a Path,
    url: &'a str,
    caller: &'a Caller,
    run: usize,
}

impl Runner<'_> {
    /// The run's command, with tokens fresh from a login: an access token lasts
    /// 15 minutes, and the long form's runs one after the other take longer.
    fn command(&self, examples: &str, phases: &str) -> Result<Command> {
        let caller_token = token(self.url, self.caller)?;
        // The hooks prepare stored records (a fresh ticket, an archived action)
        // as the admin, whoever the run calls the API as.
        let setup_token = token(self.url, &ROLES[0].1)?;
        let mut command = Command::new(self.schemathesis);
        command
            .args(["run", &format!("{}/api/v1/openapi.json", self.url)])
            .args(["--checks", CHECKS])
            .args(["--header", &format!("Authorization: Bearer {caller_token}")])
            .args(["--max-examples", examples, "--workers", "2", "--seed", "20261201"])
            .args(["--phases", phases])
            .args(["--suppress-health-check", "all", "--no-color"])
            // A fresh Idempotency-Key per request, and references to stored records,
            // as a client sends (see the module and the hooks).
            .env("PYTHONPATH", self.root.join("e2e/schemathesis"))
            .env("SCHEMATHESIS_HOOKS", "hooks")
            .env("ZORGPACT_API_URL", self.url)
            .env("ZORGPACT_TOKEN", setup_token)
            .env("ZORGPACT_SCHEMATHESIS_RUN", self.run.to_string())
            .current_dir(self.data_dir);
        Ok(command)
    }
}

/// An access token of a demo account (valid 15 minutes, longer than one run).
fn token(url: &str, caller: &Caller) -> Result<String> {
    let body = match caller {
        Caller::User(username, password) => {
            serde_json::json!({"grant_type": "password", "username": username, "password": password})
        }
        Caller::Partner(client_id, secret) => {
            serde_json::json!({"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret})
        }
    };
    let response: serde_json::Value = reqwest::blocking::Client::new()
        .post(format!("{url}/api/v1/auth/token"))
        .json(&body)
        .send()
        .and_then(reqwest::blocking::Response::error_for_status)
        .and_then(reqwest::blocking::Response::json)
        .context("log in as a demo account")?;
    response["access_token"]
        .as_str()
        .map(str::to_owned)
        .context("the token response holds no access_token")
}

fn install(target_dir: &Path) -> Result<PathBuf> {
    let venv = python::venv(target_dir, "schemathesis", &[&format!("schemathesis=={VERSION}")])?;
    Ok(venv.join("bin/schemathesis"))
}
