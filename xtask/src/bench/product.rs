//! The measured server: a started `zorgpact serve` on a fresh database with the
//! demo data, its address, an admin's token and its memory.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use serde_json::{Value, json};

use crate::server::proc_status_kib;

/// Fixed, so a token stays valid across restarts of the server.
const JWT_SECRET: &str = "zorgpact-bench-signing-key-not-for-production-0123456789";

/// Where a server keeps its data.
#[derive(Debug, Clone)]
pub struct Storage {
    pub backend: &'static str,
    pub database_url: String,
    pub data_dir: PathBuf,
}

impl Storage {
    /// The SQLite file, for the SQLite backend.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        self.database_url.strip_prefix("sqlite://").map(PathBuf::from)
    }

    /// After the bulk load, PostgreSQL's tables are vacuumed and analysed, as
    /// autovacuum does within minutes of a large import in production; else it
    /// does so during the first workloads, which then share the cores with it.
    /// SQLite has no such step. Returns the seconds it took, on PostgreSQL.
    pub fn settle(&self) -> Result<Option<f64>> {
        if self.sqlite_file().is_some() {
            return Ok(None);
        }
        let started = std::time::Instant::now();
        let status = Command::new("psql")
            .args([self.database_url.as_str(), "-q", "-c", "VACUUM (ANALYZE)"])
            .stdout(Stdio::null())
            .status()
            .context("run psql")?;
        ensure!(status.success(), "VACUUM (ANALYZE) failed: {status}");
        Ok(Some(started.elapsed().as_secs_f64()))
    }
}

/// A started server; stopped when dropped.
pub struct Product {
    child: Child,
    addr: SocketAddr,
    pub http: reqwest::blocking::Client,
    pub token: String,
}

impl Product {
    /// Starts `binary` on `storage`, serving `web_dir` (where the ceiling's
    /// pre-serialised bodies are), and logs the admin in.
    pub fn start(binary: &Path, storage: &Storage, web_dir: &Path) -> Result<Self> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(storage.data_dir.join("server.log"))?;
        let mut child = Command::new(binary)
            .arg("serve")
            .env("DATABASE_URL", &storage.database_url)
            .env("ZORGPACT_DATA_DIR", &storage.data_dir)
            .env("ZORGPACT_DEMO_DATA", "true")
            .env("ZORGPACT_JWT_SECRET", JWT_SECRET)
            .env("ZORGPACT_WEB_DIR", web_dir)
            .env("ZORGPACT_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .context("start the server")?;
        let stdout = child.stdout.take().context("server stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        // "zorgpact listening on http://127.0.0.1:PORT (database: …)"
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|a| a.parse().ok())
            .with_context(|| {
                format!(
                    "the server did not start: {line:?} (see {})",
                    storage.data_dir.display()
                )
            })?;
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(600))
            .build()?;
        let mut product = Self {
            child,
            addr,
            http,
            token: String::new(),
        };
        let login = product.send(
            product.http.post(product.url("/api/v1/auth/token")).json(&json!({
                "grant_type": "password",
                "username": "admin@zorgpact.demo",
                "password": "demo-admin-2026",
            })),
            200,
        )?;
        product.token = login["access_token"]
            .as_str()
            .context("no access_token in the login's answer")?
            .to_owned();
        Ok(product)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn bearer(&self) -> String {
        format!("Authorization: Bearer {}", self.token)
    }

    /// Sends `request` and expects `status`; yields the JSON body (Null if none).
    pub fn send(&self, request: reqwest::blocking::RequestBuilder, status: u16) -> Result<Value> {
        let response = request.send()?;
        let got = response.status().as_u16();
        let url = response.url().to_string();
        let body = response.bytes()?;
        ensure!(
            got == status,
            "{url}: HTTP {got}, expected {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(2000)])
        );
        Ok(serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    /// A JSON request as the admin.
    pub fn post(&self, path: &str, body: &Value, status: u16) -> Result<Value> {
        self.send(
            self.http.post(self.url(path)).bearer_auth(&self.token).json(body),
            status,
        )
    }

    /// A GET as the admin: the body as sent, and its `ETag`.
    pub fn get_raw(&self, path: &str) -> Result<(Vec<u8>, Option<String>)> {
        let response = self.http.get(self.url(path)).bearer_auth(&self.token).send()?;
        ensure!(response.status().is_success(), "GET {path}: HTTP {}", response.status());
        let tag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok((response.bytes()?.to_vec(), tag))
    }

    /// The server's resident memory now, in KiB.
    pub fn rss_kib(&self) -> Result<u64> {
        proc_status_kib(self.child.id(), "VmRSS:")
    }

    /// Runs `phase` and returns its result with the server's peak resident
    /// memory during it, in KiB. The peak starts afresh from the current RSS
    /// (Linux: `5` in clear_refs resets VmHWM), so each phase reports its own.
    pub fn with_peak<T>(&self, phase: impl FnOnce() -> Result<T>) -> Result<(T, u64)> {
        let pid = self.child.id();
        std::fs::write(format!("/proc/{pid}/clear_refs"), "5")
            .context("reset the server's peak RSS (/proc/PID/clear_refs)")?;
        let result = phase()?;
        Ok((result, proc_status_kib(pid, "VmHWM:")?))
    }
}

impl Drop for Product {
    fn drop(&mut self) {
        // SIGTERM: the server drains and closes its database cleanly.
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        for _ in 0..100 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
