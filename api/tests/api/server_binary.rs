//! The `zorgpact` binary as an operator starts it: on an empty directory it creates
//! its database, migrates, loads the demo data and serves.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use zorgpact_db::Backend;
use zorgpact_db::testing::{Contents, TestDatabase, backend_under_test};

pub(crate) struct Server(Child);

impl Server {
    /// Ends the process with SIGKILL, as a crash or `kill -9` would: no shutdown
    /// code runs.
    pub(crate) fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Starts the binary and returns it with the base URL it printed.
pub(crate) fn start(configure: impl FnOnce(&mut Command)) -> (Server, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zorgpact"));
    command
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env_remove("ZORGPACT_DEMO_DATA")
        .env("ZORGPACT_ADDR", "127.0.0.1:0")
        .env("ZORGPACT_WORKERS", "1");
    configure(&mut command);
    start_command(command)
}

fn start_command(mut command: Command) -> (Server, String) {
    command.stdout(Stdio::piped()).stderr(Stdio::null());
    let mut child = command.spawn().expect("start zorgpact");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the listening line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    (server, url)
}

#[test]
fn starts_on_an_empty_directory_and_serves_health_and_regions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("fresh").join("data");
    // On the PostgreSQL run, an empty database stands in for the empty directory.
    let database = (backend_under_test() == Backend::Postgres).then(|| TestDatabase::new(Contents::Nothing));
    let (_server, url) = start(|c| {
        c.env("ZORGPACT_DATA_DIR", &data_dir);
        if let Some(db) = &database {
            c.env("DATABASE_URL", db.url_string()).env("ZORGPACT_DEMO_DATA", "true");
        }
    });

    let client = reqwest::blocking::Client::new();
    let health: serde_json::Value = client
        .get(format!("{url}/health"))
        .send()
        .expect("health")
        .json()
        .expect("json");
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], backend_under_test().as_str());

    let regions: serde_json::Value = client
        .get(format!("{url}/api/v1/regions"))
        .send()
        .expect("regions")
        .json()
        .expect("json");
    assert_eq!(regions["items"].as_array().map(Vec::len), Some(17));

    if database.is_none() {
        assert!(
            data_dir.join("zorgpact.db").is_file(),
            "the SQLite file is created in ZORGPACT_DATA_DIR"
        );
    }
}

#[test]
fn a_second_start_keeps_the_data_and_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("data");
    let database = (backend_under_test() == Backend::Postgres).then(|| TestDatabase::new(Contents::Nothing));
    let configure = |c: &mut Command| {
        c.env("ZORGPACT_DATA_DIR", &data_dir);
        if let Some(db) = &database {
            c.env("DATABASE_URL", db.url_string()).env("ZORGPACT_DEMO_DATA", "true");
        }
    };
    let regions = |url: &str| -> serde_json::Value {
        reqwest::blocking::get(format!("{url}/api/v1/regions"))
            .expect("regions")
            .json()
            .expect("json")
    };
    let first = {
        let (_server, url) = start(configure);
        regions(&url)
    };
    let (_server, url) = start(configure);
    assert_eq!(regions(&url), first);
}

#[test]
fn bad_configuration_is_refused_with_the_variable_named() {
    let output = Command::new(env!("CARGO_BIN_EXE_zorgpact"))
        .arg("serve")
        .env("ZORGPACT_ADDR", "not-an-address")
        .output()
        .expect("run zorgpact");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("ZORGPACT_ADDR"));
}

#[test]
fn production_refuses_demo_passwords_unless_allowed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |allow: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zorgpact"));
        command
            .arg("serve")
            .env_remove("DATABASE_URL")
            .env("ZORGPACT_ENV", "production")
            .env("ZORGPACT_DEMO_DATA", "true")
            .env("ZORGPACT_DATA_DIR", dir.path())
            .env("ZORGPACT_ADDR", "127.0.0.1:0")
            .env("ZORGPACT_WORKERS", "1");
        if allow {
            command.env("ZORGPACT_ALLOW_DEMO_PASSWORDS", "true");
        }
        command
    };
    let refused = run(false).output().expect("run zorgpact");
    assert!(
        !refused.status.success(),
        "a production start with demo passwords must fail"
    );
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("admin@zorgpact.demo") && stderr.contains("ZORGPACT_ALLOW_DEMO_PASSWORDS"),
        "{stderr}"
    );

    let (_server, url) = start_command(run(true));
    let health: serde_json::Value = reqwest::blocking::get(format!("{url}/health"))
        .expect("health")
        .json()
        .expect("json");
    assert_eq!(health["status"], "ok", "explicitly allowed, it starts");
}

#[test]
fn output_cut_short_by_its_reader_ends_quietly() {
    // `zorgpact openapi | head -c 100`: the document is far larger than a pipe holds,
    // so the server is still writing when the reader closes its end.
    let mut child = Command::new(env!("CARGO_BIN_EXE_zorgpact"))
        .arg("openapi")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start zorgpact openapi");
    let mut head = [0u8; 100];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("the first bytes");
    assert!(head.starts_with(b"openapi:"), "{}", String::from_utf8_lossy(&head));
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
