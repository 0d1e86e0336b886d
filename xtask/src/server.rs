//! The debug server on a fresh SQLite database with the demo data, for the steps
//! that test it from outside (schemathesis, the generated client, Lighthouse).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, bail};

/// A fresh scratch directory in the build cache, distinct for every call.
pub fn tempdir(target_dir: &Path) -> Result<PathBuf> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = target_dir.join(format!("tmp/xtask-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A started server; stopped when dropped.
pub struct Server(Child);

impl Server {
    pub fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The debug server the test suite built, on a free port with a fresh SQLite
/// database (in `data_dir`) and the demo data, serving the web app built in
/// `web/dist` (when it is); yields it and its base URL.
pub fn start_server(root: &Path, target_dir: &Path, data_dir: &Path) -> Result<(Server, String)> {
    let binary = crate::cargo::debug_server(root, target_dir)?;
    start_server_binary(&binary, root, data_dir, &[])
}

/// `binary` (debug or release) as [`start_server`] starts the debug one, with
/// `env` added to its environment.
pub fn start_server_binary(
    binary: &Path,
    root: &Path,
    data_dir: &Path,
    env: &[(&str, &str)],
) -> Result<(Server, String)> {
    let mut child = Command::new(binary)
        .envs(env.iter().copied())
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("ZORGPACT_ADDR", "127.0.0.1:0")
        .env("ZORGPACT_DATA_DIR", data_dir.join("data"))
        .env("ZORGPACT_WEB_DIR", root.join("web/dist"))
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

/// A figure in KiB from `/proc/PID/status`, e.g. `VmRSS:` or `VmHWM:`.
pub fn proc_status_kib(pid: u32, field: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("{field} of the server"))
}
