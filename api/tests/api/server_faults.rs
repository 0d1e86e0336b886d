//! The server binary under faults and limits: stopping with requests in flight,
//! slow and idle clients (head and body), the connection cap, and (on the PostgreSQL run) the
//! database going away under load and coming back.
//!
//! The measured times are printed; see them with `--no-capture`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::{Duration, Instant};

use zorgpact_contract::auth::TokenRequest;
use zorgpact_db::Backend;
use zorgpact_db::testing::backend_under_test;

use crate::server_binary::{FreshStart, Server, start};

/// The binary's first start (see [`FreshStart`]) with these settings. Bind the
/// start too: its data must outlive the server.
fn start_fresh(settings: &[(&str, &str)]) -> (FreshStart, Server, String) {
    let fresh = FreshStart::new();
    let (server, url) = start(|c| {
        fresh.configure(c);
        c.envs(settings.iter().copied());
    });
    (fresh, server, url)
}

/// `127.0.0.1:PORT` of a base URL the server printed.
fn address(url: &str) -> SocketAddr {
    url.trim_start_matches("http://").parse().expect("host:port")
}

/// Sends `head` (and whatever follows it) on a new connection.
fn send(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(bytes).expect("send");
    stream
}

/// Reads the response on `stream` until the server closes it (or `timeout`
/// passes without a byte: then what came so far).
fn read_response(stream: &mut TcpStream, timeout: Duration) -> String {
    stream.set_read_timeout(Some(timeout)).expect("timeout");
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: zorgpact\r\nConnection: close\r\n\r\n")
}

/// Sends a signal with `kill`, as an orchestrator or systemd does.
fn signal(server: &Server, name: &str) {
    let status = Command::new("kill")
        .args([format!("-{name}"), server.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{name}");
}

#[test]
fn sigterm_lets_requests_in_flight_finish_then_exits() {
    let (_fresh, mut server, url) = start_fresh(&[]);
    let addr = address(&url);
    let login = serde_json::to_vec(&TokenRequest {
        grant_type: "password".into(),
        username: Some("admin@zorgpact.demo".into()),
        password: Some("demo-admin-2026".into()),
        client_id: None,
        client_secret: None,
    })
    .expect("json");
    // A request in flight: its head and half its body are sent, the rest comes
    // after the signal.
    let (first, rest) = login.split_at(login.len() / 2);
    let head = format!(
        "POST /api/v1/auth/token HTTP/1.1\r\nHost: zorgpact\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        login.len()
    );
    let mut in_flight = send(addr, &[head.as_bytes(), first].concat());
    std::thread::sleep(Duration::from_millis(300));

    signal(&server, "TERM");
    let signalled = Instant::now();
    let refused = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(20));
        TcpStream::connect(addr).is_err()
    });
    assert!(refused, "after SIGTERM new connections are refused");
    assert!(
        server.wait_for_exit(Duration::from_millis(300)).is_none(),
        "the server waits for the request in flight"
    );

    in_flight.write_all(rest).expect("the rest of the body");
    let response = read_response(&mut in_flight, Duration::from_secs(10));
    let answered = signalled.elapsed();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("access_token"), "{response}");
    let status = server.wait_for_exit(Duration::from_secs(10)).expect("the server exits");
    assert!(status.success(), "{status:?}; log: {}", server.log());
    eprintln!(
        "drain: the request in flight was answered 200 {answered:?} after SIGTERM; the process exited 0 after {:?}",
        signalled.elapsed()
    );
}

#[test]
fn slow_clients_cannot_keep_others_waiting() {
    const SLOW_CLIENTS: usize = 200;
    let (_fresh, _server, url) = start_fresh(&[("ZORGPACT_CLIENT_REQUEST_TIMEOUT_MS", "1000")]);
    let addr = address(&url);
    // Slowloris: each client sends its request head a byte at a time, never done.
    let mut slow: Vec<TcpStream> = (0..SLOW_CLIENTS)
        .map(|_| send(addr, b"GET /health/live HTTP/1.1\r\nHost: zorgpact\r\n"))
        .collect();
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    while started.elapsed() < Duration::from_millis(1500) {
        for stream in &mut slow {
            let _ = stream.write_all(b"X");
        }
        let asked = Instant::now();
        let response = read_response(&mut send(addr, get("/health/live").as_bytes()), Duration::from_secs(5));
        slowest = slowest.max(asked.elapsed());
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        slowest < Duration::from_millis(500),
        "a normal request took {slowest:?} beside {SLOW_CLIENTS} slow clients"
    );
    // Past the request timeout, the slow clients have been answered 408 and cut off.
    let cut_off = slow
        .iter_mut()
        .map(|stream| read_response(stream, Duration::from_millis(500)))
        .filter(|response| response.starts_with("HTTP/1.1 408"))
        .count();
    assert_eq!(cut_off, SLOW_CLIENTS, "every slow client is answered 408");
    eprintln!(
        "slowloris: {SLOW_CLIENTS} clients trickling headers; normal requests answered in at most {slowest:?}; \
         all slow clients got 408 after the 1 s request timeout"
    );
}

#[test]
fn a_body_that_trickles_in_is_cut_off_with_408() {
    let (_fresh, _server, url) = start_fresh(&[("ZORGPACT_BODY_TIMEOUT_MS", "1000")]);
    // The head in time, then 10 of the 100 bytes announced, then nothing.
    let mut slow = send(
        address(&url),
        b"POST /api/v1/auth/token HTTP/1.1\r\nHost: zorgpact\r\nContent-Type: application/json\r\n\
          Content-Length: 100\r\n\r\n{\"grant_ty",
    );
    let sent = Instant::now();
    let response = read_response(&mut slow, Duration::from_secs(5));
    let took = sent.elapsed();
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(response.contains("application/problem+json"), "{response}");
    assert!(
        (Duration::from_secs(1)..Duration::from_secs(3)).contains(&took),
        "cut off after {took:?}"
    );
}

#[test]
fn connections_beyond_the_cap_wait_for_a_free_one() {
    let (_fresh, _server, url) = start_fresh(&[("ZORGPACT_MAX_CONNECTIONS", "4")]);
    let addr = address(&url);
    // Four kept-alive connections fill the (single) worker.
    let mut held: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut stream = send(addr, b"GET /health/live HTTP/1.1\r\nHost: zorgpact\r\n\r\n");
            stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
            let mut buffer = [0u8; 12];
            stream.read_exact(&mut buffer).expect("a response");
            assert_eq!(&buffer, b"HTTP/1.1 200");
            stream
        })
        .collect();
    let mut fifth = send(addr, get("/health/live").as_bytes());
    let waiting = read_response(&mut fifth, Duration::from_millis(700));
    assert_eq!(waiting, "", "a fifth connection is not served while four are open");
    held.pop();
    let response = read_response(&mut fifth, Duration::from_secs(5));
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "served once one closes: {response}"
    );
}

/// The PostgreSQL server of the outage test: its own, so stopping it troubles no
/// other test. Started and stopped with `scripts/postgres-test-server`.
struct OwnPostgres {
    dir: tempfile::TempDir,
    port: u16,
}

impl OwnPostgres {
    fn script(args: &[&str]) -> String {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/postgres-test-server");
        let output = Command::new("bash")
            .arg(script)
            .args(args)
            .output()
            .expect("run the script");
        assert!(
            output.status.success(),
            "postgres-test-server {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Starts the server and returns it with its URL.
    fn start() -> (Self, String) {
        let dir = tempfile::tempdir().expect("temp dir");
        // The server runs as the `postgres` user when the tests run as root.
        #[cfg(unix)]
        std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("permissions");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let own = Self { dir, port };
        let url = Self::script(&["start", &own.cluster(), &port.to_string()]);
        (own, url)
    }

    fn cluster(&self) -> String {
        self.dir.path().join("pg").display().to_string()
    }

    fn pause(&self) {
        Self::script(&["pause", &self.cluster()]);
    }

    fn resume(&self) {
        Self::script(&["resume", &self.cluster(), &self.port.to_string()]);
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        Self::script(&["stop", &self.cluster()]);
    }
}

/// One request of the stream: when it was sent, how long it took, its status
/// and `Retry-After`.
struct Sample {
    sent: Instant,
    took: Duration,
    status: u16,
    retry_after: Option<String>,
    content_type: String,
}

/// Sends requests to `url` back to back until `stop` is set.
fn request_stream(url: String, stop: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Vec<Sample> {
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let mut samples = Vec::new();
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        let sent = Instant::now();
        let response = client
            .get(&url)
            .send()
            .expect("a response, even while the database is away");
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (retry_after, content_type) = (header("retry-after"), header("content-type").unwrap_or_default());
        let status = response.status().as_u16();
        let _ = response.bytes();
        samples.push(Sample {
            sent,
            took: sent.elapsed(),
            status,
            retry_after,
            content_type,
        });
        std::thread::sleep(Duration::from_millis(20));
    }
    samples
}

#[test]
fn a_database_outage_is_answered_503_at_once_and_passes_by_itself() {
    if backend_under_test() != Backend::Postgres {
        eprintln!("skipped: the outage test runs with ZORGPACT_TEST_BACKEND=postgres");
        return;
    }
    let (postgres, database_url) = OwnPostgres::start();
    let data_dir = tempfile::tempdir().expect("temp dir");
    let (server, url) = start(|c| {
        c.env("ZORGPACT_DATA_DIR", data_dir.path())
            .env("DATABASE_URL", &database_url)
            .env("ZORGPACT_DEMO_DATA", "true")
            .env("ZORGPACT_WORKERS", "2");
    });
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let streams: Vec<_> = (0..4)
        .map(|_| {
            let (url, stop) = (format!("{url}/api/v1/regions"), stop.clone());
            std::thread::spawn(move || request_stream(url, stop))
        })
        .collect();
    let client = reqwest::blocking::Client::new();
    let status_of = |path: &str| client.get(format!("{url}{path}")).send().expect(path).status().as_u16();

    std::thread::sleep(Duration::from_secs(1));
    let stopping = Instant::now();
    postgres.pause();
    let down = Instant::now();
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(status_of("/health/ready"), 503, "readiness reports the database down");
    assert_eq!(status_of("/health/live"), 200, "the process itself is alive");
    let resuming = Instant::now();
    postgres.resume();
    let back = Instant::now();
    let ready_again = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        status_of("/health/ready") == 200
    });
    assert!(ready_again, "readiness reports the database back");
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut samples: Vec<Sample> = streams
        .into_iter()
        .flat_map(|s| s.join().expect("request stream"))
        .collect();
    samples.sort_by_key(|s| s.sent);

    let failed: Vec<&Sample> = samples.iter().filter(|s| s.status != 200).collect();
    for sample in &failed {
        assert_eq!(sample.status, 503, "a failure during the outage is a 503");
        assert!(sample.retry_after.is_some(), "a 503 says when to retry");
        assert!(sample.content_type.starts_with("application/problem+json"));
        assert!(sample.took < Duration::from_secs(1), "a 503 took {:?}", sample.took);
    }
    let first_503 = failed
        .first()
        .map(|s| (s.sent + s.took).saturating_duration_since(down));
    let slowest_503 = failed.iter().map(|s| s.took).max();
    let last_failure_sent = failed.last().map_or(resuming, |s| s.sent);
    // Measured from the start of PostgreSQL's start: when exactly it accepts
    // connections again lies between that and the script's return.
    let recovered = samples
        .iter()
        .find(|s| s.sent > last_failure_sent && s.status == 200)
        .map(|s| (s.sent + s.took).saturating_duration_since(resuming));
    eprintln!(
        "outage: {} requests, {} answered 503; PostgreSQL took {:?} to stop; first 503 {first_503:?} after it \
         was down; slowest 503 {slowest_503:?}; PostgreSQL took {:?} to start; served again {recovered:?} after \
         its start began",
        samples.len(),
        failed.len(),
        down - stopping,
        back - resuming
    );
    let first_503 = first_503.expect("requests failed while the database was away");
    assert!(first_503 < Duration::from_secs(1), "first 503 after {first_503:?}");
    let recovered = recovered.expect("requests succeed again");
    assert!(recovered < Duration::from_secs(5), "recovered after {recovered:?}");
    let log = server.log();
    assert!(!log.contains("panicked"), "{log}");
    let outages = log.matches("database connection failed; retrying").count();
    assert_eq!(outages, 1, "the outage is logged once, not each retry: {log}");
    assert!(log.contains("database connection restored"), "{log}");
}
