//! The `zorgpact` binary as an operator starts it: on an empty directory it creates
//! its database, migrates, loads the demo data and serves.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use zorgpact_db::Backend;
use zorgpact_db::testing::{Contents, TestDatabase, backend_under_test};

/// A running `zorgpact serve`, killed when dropped. Its log (stderr) goes to a file.
pub struct Server {
    child: Child,
    log: tempfile::NamedTempFile,
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }

    /// Waits up to `timeout` for the process to exit by itself.
    pub fn wait_for_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Ends the process with SIGKILL, as a crash or `kill -9` would: no shutdown
    /// code runs.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Starts the binary and returns it with the base URL it printed.
pub fn start(configure: impl FnOnce(&mut Command)) -> (Server, String) {
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

/// An operator's first start: an empty data directory, or on the PostgreSQL run
/// an empty database; the server creates its tables and loads the demo data.
pub struct FreshStart {
    pub dir: tempfile::TempDir,
    database: Option<TestDatabase>,
}

impl FreshStart {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
            database: (backend_under_test() == Backend::Postgres).then(|| TestDatabase::new(Contents::Nothing)),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("fresh").join("data")
    }

    /// Points `command` at this start's data directory or database.
    pub fn configure(&self, command: &mut Command) {
        command.env("ZORGPACT_DATA_DIR", self.data_dir());
        if let Some(db) = &self.database {
            command
                .env("DATABASE_URL", db.url_string())
                .env("ZORGPACT_DEMO_DATA", "true");
        }
    }
}

/// Whether `GET /health/live` answers 200. Plain std I/O, not reqwest's blocking
/// client, so a server can be started from async tests too.
fn answers_live(url: &str) -> bool {
    use std::io::Write;
    let Ok(mut stream) = std::net::TcpStream::connect(url.trim_start_matches("http://")) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    let mut status_line = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && BufReader::new(stream).read_line(&mut status_line).is_ok()
        && status_line.starts_with("HTTP/1.1 200")
}

fn start_command(mut command: Command) -> (Server, String) {
    let log = tempfile::NamedTempFile::new().expect("log file");
    command.stdout(Stdio::piped()).stderr(log.reopen().expect("log file"));
    let mut child = command.spawn().expect("start zorgpact");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server { child, log };
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the listening line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}; log: {}", server.log()))
        .to_owned();
    // Serving, SIGTERM handler included, once it answers.
    let live = (0..100).any(|_| {
        answers_live(&url) || {
            std::thread::sleep(Duration::from_millis(50));
            false
        }
    });
    assert!(live, "the server answers /health/live; log: {}", server.log());
    (server, url)
}

#[test]
fn starts_on_an_empty_directory_and_serves_health_and_regions() {
    let fresh = FreshStart::new();
    // Many connections opening at once on a new SQLite file: none may find it locked.
    let (server, url) = start(|c| {
        fresh.configure(c);
        c.env("ZORGPACT_WORKERS", "4").env("ZORGPACT_DB_POOL_SIZE", "16");
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

    if backend_under_test() == Backend::Sqlite {
        assert!(
            fresh.data_dir().join("zorgpact.db").is_file(),
            "the SQLite file is created in ZORGPACT_DATA_DIR"
        );
    }
    let log = server.log();
    assert!(!log.contains("database is locked"), "{log}");
    assert!(!log.contains("ERROR"), "{log}");
}

#[test]
fn a_second_start_keeps_the_data_and_adds_nothing() {
    let fresh = FreshStart::new();
    let regions = |url: &str| -> serde_json::Value {
        reqwest::blocking::get(format!("{url}/api/v1/regions"))
            .expect("regions")
            .json()
            .expect("json")
    };
    let first = {
        let (_server, url) = start(|c| fresh.configure(c));
        regions(&url)
    };
    let (_server, url) = start(|c| fresh.configure(c));
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
