//! A throwaway PostgreSQL server for the test suite (via
//! `scripts/postgres-test-server`, which installs Debian's package when missing).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

pub struct TestServer {
    script: PathBuf,
    dir: PathBuf,
    url: String,
}

impl TestServer {
    pub fn start(root: &Path) -> Result<Self> {
        let script = root.join("scripts/postgres-test-server");
        let dir = std::env::temp_dir().join(format!("zorgpact-pg-{}", std::process::id()));
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        eprintln!("==> PostgreSQL test server on port {port}");
        let output = Command::new("bash")
            .arg(&script)
            .arg("start")
            .arg(&dir)
            .arg(port.to_string())
            .stderr(std::process::Stdio::inherit())
            .output()
            .context("start the PostgreSQL test server")?;
        if !output.status.success() {
            bail!("the PostgreSQL test server did not start");
        }
        let url = String::from_utf8(output.stdout)?.trim().to_owned();
        Ok(Self { script, dir, url })
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(&self.script)
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}
