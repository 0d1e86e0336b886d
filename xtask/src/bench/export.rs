//! `cargo xtask bench export`: measures the streaming export
//! (`GET /api/v1/exports/indicator-values`) of a release server on a fresh
//! database: a baseline of 10 000 rows and a measured export of 1 000 000 rows,
//! as CSV and as NDJSON, through curl. It records wall time, rows/s, bytes, time
//! to first byte and the server's peak RSS (VmHWM; the server is restarted for
//! every export and its peak reset just before it, so each peak is that
//! export's), prints the ratios against the
//! baseline of the same run, and checks the targets: memory flat (peak RSS of
//! the big export at most 1.5× the baseline's) and no timeout (the big export
//! completes, every row present).
//!
//! Options: `--rows N` (default 1 000 000), `--baseline N` (default 10 000),
//! `--postgres` (run on a throwaway PostgreSQL server as well, via
//! `scripts/postgres-test-server`, which installs Debian's package when missing).

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

use crate::cargo::{cargo, check};
use crate::postgres;

/// Fixed so that one token (logged in once) serves every restart of the server.
const JWT_SECRET: &str = "zorgpact-bench-signing-key-not-for-production-0123456789";
/// Peak RSS of the big export over the baseline's: the "flat memory" target.
const MEMORY_RATIO_MAX: f64 = 1.5;
/// curl gives up after this long: "no timeout" means finishing well within it.
const EXPORT_TIMEOUT_SECS: u64 = 600;

struct Options {
    rows: u64,
    baseline: u64,
    postgres: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let mut options = Self {
            rows: 1_000_000,
            baseline: 10_000,
            postgres: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut number = |name: &str| -> Result<u64> {
                let value = args.next().with_context(|| format!("{name} needs a number"))?;
                let n: u64 = value.parse().with_context(|| format!("{name} {value}: not a number"))?;
                ensure!(n > 0, "{name} must be positive");
                Ok(n)
            };
            match arg.as_str() {
                "--rows" => options.rows = number("--rows")?,
                "--baseline" => options.baseline = number("--baseline")?,
                "--postgres" => options.postgres = true,
                other => {
                    bail!("unknown option {other:?}: cargo xtask bench export [--rows N] [--baseline N] [--postgres]")
                }
            }
        }
        Ok(options)
    }
}

pub fn run(root: &Path, target: &Path, args: &[String]) -> Result<()> {
    let options = Options::parse(args)?;
    let started = Instant::now();
    let mut build = cargo(root);
    build.args([
        "build",
        "--release",
        "--package",
        "zorgpact-api",
        "--package",
        "zorgpact-bench-data",
        "--bin",
        "zorgpact",
        "--bin",
        "zorgpact-bench-data",
    ]);
    check(build, "cargo build --release (the server and the data generator)")?;
    let binary = target.join("release/zorgpact");
    let generator = target.join("release/zorgpact-bench-data");

    let mut outcomes = Vec::new();
    let sqlite_dir = scratch_dir("sqlite")?;
    let sqlite = Backend {
        name: "SQLite",
        database_url: format!("sqlite://{}", sqlite_dir.join("bench.db").display()),
        data_dir: sqlite_dir.clone(),
    };
    let result = measure(&binary, &generator, &sqlite, &options);
    let _ = std::fs::remove_dir_all(&sqlite_dir);
    outcomes.push(result?);

    if options.postgres {
        let server = postgres::TestServer::start(root)?;
        let pg_dir = scratch_dir("postgres")?;
        let pg = Backend {
            name: "PostgreSQL",
            database_url: server.url().to_owned(),
            data_dir: pg_dir.clone(),
        };
        let result = measure(&binary, &generator, &pg, &options);
        let _ = std::fs::remove_dir_all(&pg_dir);
        drop(server);
        outcomes.push(result?);
    }

    let mut failed = false;
    for outcome in &outcomes {
        failed |= !outcome.report(&options);
    }
    eprintln!("bench finished in {:.0}s", started.elapsed().as_secs_f64());
    if failed {
        bail!("the export missed a target (see FAIL above)");
    }
    Ok(())
}

struct Backend {
    name: &'static str,
    database_url: String,
    data_dir: PathBuf,
}

impl Backend {
    /// The server binary with this backend's configuration. The data generator
    /// has loaded the demo data (regions, the analyst's account); the servers
    /// start without checking it again, as that check reads every stored key into
    /// memory.
    fn server(&self, binary: &Path) -> Command {
        let mut command = Command::new(binary);
        command
            .env("DATABASE_URL", &self.database_url)
            .env("ZORGPACT_DATA_DIR", &self.data_dir)
            .env("ZORGPACT_DEMO_DATA", "false")
            .env("ZORGPACT_JWT_SECRET", JWT_SECRET)
            .env("ZORGPACT_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn");
        command
    }
}

fn scratch_dir(name: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("zorgpact-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
    Ok(dir)
}

/// What one backend measured.
struct Outcome {
    backend: &'static str,
    load_secs: f64,
    runs: Vec<Run>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Size {
    Baseline,
    Measured,
}

struct Run {
    format: &'static str,
    size: Size,
    expected_rows: u64,
    rows: u64,
    bytes: u64,
    ttfb_secs: f64,
    wall_secs: f64,
    /// VmRSS of the started server before the export.
    idle_rss_kib: u64,
    /// VmHWM after the export, reset before it: the peak while exporting.
    peak_rss_kib: u64,
    complete: bool,
}

fn measure(binary: &Path, generator: &Path, backend: &Backend, options: &Options) -> Result<Outcome> {
    eprintln!(
        "==> {}: {} + {} synthetic values on a fresh database",
        backend.name, options.baseline, options.rows
    );
    let load = Instant::now();
    let small = bench_data(generator, backend, "bench_small", options.baseline)?;
    let large = bench_data(generator, backend, "bench_large", options.rows)?;
    let load_secs = load.elapsed().as_secs_f64();
    eprintln!("    loaded in {load_secs:.1}s");

    let token = {
        let server = Server::start(binary, backend)?;
        server.login()?
    };
    let mut runs = Vec::new();
    for format in ["csv", "ndjson"] {
        for (size, indicators, expected_rows) in [
            (Size::Baseline, &small, options.baseline),
            (Size::Measured, &large, options.rows),
        ] {
            let server = Server::start(binary, backend)?;
            let run = server.export(&token, format, size, indicators, expected_rows)?;
            eprintln!(
                "    {format} {expected_rows} rows: {:.2}s, peak RSS {} MiB",
                run.wall_secs,
                run.peak_rss_kib / 1024
            );
            runs.push(run);
        }
    }
    Ok(Outcome {
        backend: backend.name,
        load_secs,
        runs,
    })
}

/// Runs the data generator (`xtask/bench-data`); yields the indicator codes it
/// filled.
fn bench_data(generator: &Path, backend: &Backend, prefix: &str, rows: u64) -> Result<String> {
    let output = Command::new(generator)
        .args(["--database-url", &backend.database_url])
        .args(["--rows", &rows.to_string(), "--prefix", prefix])
        .stderr(Stdio::inherit())
        .output()
        .context("run zorgpact-bench-data")?;
    ensure!(
        output.status.success(),
        "zorgpact-bench-data failed ({})",
        output.status
    );
    let stdout = String::from_utf8(output.stdout)?;
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("indicators="))
        .map(str::to_owned)
        .context("zorgpact-bench-data printed no indicators")
}

/// A started release server; stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(binary: &Path, backend: &Backend) -> Result<Self> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(backend.data_dir.join("server.log"))?;
        let mut child = backend
            .server(binary)
            .arg("serve")
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
            .with_context(|| format!("server did not start: {line:?} (see {})", backend.data_dir.display()))?;
        Ok(Self { child, addr })
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// An analyst's access token (valid 15 minutes; the server's key is fixed, so
    /// it stays valid across restarts). Logging in hashes a password, which takes
    /// memory of its own: the measured servers never do it.
    fn login(&self) -> Result<String> {
        let output = Command::new("curl")
            .args([
                "-sS",
                "--fail",
                "-X",
                "POST",
                "-H",
                "Content-Type: application/json",
                "-d",
            ])
            .arg(r#"{"grant_type":"password","username":"analyst@zorgpact.demo","password":"demo-analyst-2026"}"#)
            .arg(self.url("/api/v1/auth/token"))
            .output()
            .context("curl (is it installed?)")?;
        ensure!(
            output.status.success(),
            "login failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let body = String::from_utf8(output.stdout)?;
        let token = body
            .split(r#""access_token":""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .with_context(|| format!("no access_token in {body}"))?;
        Ok(token.to_owned())
    }

    fn status(&self, field: &str) -> Result<u64> {
        crate::server::proc_status_kib(self.child.id(), field)
    }

    fn export(
        &self,
        token: &str,
        format: &'static str,
        size: Size,
        indicators: &str,
        expected_rows: u64,
    ) -> Result<Run> {
        // Let the freshly started server settle, then start its peak afresh from
        // here (Linux: `5` in clear_refs resets VmHWM to the current RSS), so that
        // the peak read afterwards is this export's.
        std::thread::sleep(Duration::from_millis(300));
        let idle_rss_kib = self.status("VmRSS:")?;
        std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5")
            .context("reset the server's peak RSS (/proc/PID/clear_refs)")?;
        let accept = if format == "csv" {
            "text/csv"
        } else {
            "application/x-ndjson"
        };
        let started = Instant::now();
        let mut curl = Command::new("curl")
            .args(["-sS", "--max-time", &EXPORT_TIMEOUT_SECS.to_string(), "-H"])
            .arg(format!("Authorization: Bearer {token}"))
            .args(["-H", &format!("Accept: {accept}"), "-w"])
            .arg("%{stderr}%{http_code} %{time_starttransfer} %{time_total} %{size_download}\n")
            .arg(self.url(&format!("/api/v1/exports/indicator-values?indicators={indicators}")))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("curl (is it installed?)")?;
        // Count the lines as they arrive: the client keeps nothing either.
        let mut stdout = curl.stdout.take().context("curl stdout")?;
        let mut buffer = vec![0u8; 1 << 16];
        let (mut lines, mut bytes) = (0u64, 0u64);
        loop {
            let n = stdout.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            bytes += n as u64;
            lines += buffer[..n].iter().filter(|b| **b == b'\n').count() as u64;
        }
        let mut stderr = String::new();
        curl.stderr.take().context("curl stderr")?.read_to_string(&mut stderr)?;
        let status = curl.wait()?;
        let wall_secs = started.elapsed().as_secs_f64();
        let peak_rss_kib = self.status("VmHWM:")?;
        let figures: Vec<&str> = stderr.lines().last().unwrap_or("").split_whitespace().collect();
        let (http, ttfb_secs) = match figures.as_slice() {
            [http, ttfb, _total, _size] => (*http, ttfb.parse().unwrap_or(f64::NAN)),
            _ => ("?", f64::NAN),
        };
        let rows = if format == "csv" {
            lines.saturating_sub(1)
        } else {
            lines
        };
        let complete = status.success() && http == "200" && rows == expected_rows;
        if !complete {
            eprintln!("    export incomplete: curl {status}, HTTP {http}, {rows} of {expected_rows} rows: {stderr}");
        }
        Ok(Run {
            format,
            size,
            expected_rows,
            rows,
            bytes,
            ttfb_secs,
            wall_secs,
            idle_rss_kib,
            peak_rss_kib,
            complete,
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Outcome {
    /// Prints the table and the verdicts; false when a target was missed.
    fn report(&self, options: &Options) -> bool {
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!();
        println!(
            "export benchmark on {} ({} + {} values loaded in {:.1}s; release build; {} cores)",
            self.backend,
            options.baseline,
            options.rows,
            self.load_secs,
            std::thread::available_parallelism().map_or(0, |n| n.get())
        );
        println!(
            "{:<7} {:>9} {:>9} {:>12} {:>13} {:>9} {:>10} {:>10} {:>10}",
            "format", "rows", "wall", "rows/s", "bytes", "TTFB", "RSS idle", "RSS peak", "growth"
        );
        for run in &self.runs {
            println!(
                "{:<7} {:>9} {:>8.2}s {:>12.0} {:>13} {:>7.1}ms {:>6.1} MiB {:>6.1} MiB {:>6.1} MiB",
                run.format,
                run.rows,
                run.wall_secs,
                run.rows as f64 / run.wall_secs,
                run.bytes,
                run.ttfb_secs * 1000.0,
                mib(run.idle_rss_kib),
                mib(run.peak_rss_kib),
                mib(run.peak_rss_kib.saturating_sub(run.idle_rss_kib)),
            );
        }
        let mut memory_flat = true;
        let mut memory = Vec::new();
        let mut completed = Vec::new();
        for format in ["csv", "ndjson"] {
            let find = |size| self.runs.iter().find(|r| r.format == format && r.size == size);
            let (Some(base), Some(big)) = (find(Size::Baseline), find(Size::Measured)) else {
                continue;
            };
            let memory_ratio = big.peak_rss_kib as f64 / base.peak_rss_kib as f64;
            let per_row = |r: &Run| r.wall_secs / r.rows.max(1) as f64;
            println!(
                "{format}: memory {}/{} = {memory_ratio:.2}×, time per row {}/{} = {:.2}×, \
                 bytes per row {:.0}, TTFB {:.1} ms vs {:.1} ms",
                big.expected_rows,
                base.expected_rows,
                big.expected_rows,
                base.expected_rows,
                per_row(big) / per_row(base),
                big.bytes as f64 / big.rows.max(1) as f64,
                big.ttfb_secs * 1000.0,
                base.ttfb_secs * 1000.0,
            );
            memory_flat &= memory_ratio <= MEMORY_RATIO_MAX;
            memory.push(format!("{format} {memory_ratio:.2}×"));
            completed.push(if big.complete {
                format!("{format} {} rows in {:.1}s", big.rows, big.wall_secs)
            } else {
                format!("{format} INCOMPLETE ({} of {} rows)", big.rows, big.expected_rows)
            });
        }
        let all_complete = self.runs.iter().all(|r| r.complete);
        let verdict = |pass: bool| if pass { "PASS" } else { "FAIL" };
        println!(
            "{} memory flat: peak RSS {}/{} ≤ {MEMORY_RATIO_MAX}× ({})",
            verdict(memory_flat),
            options.rows,
            options.baseline,
            memory.join(", ")
        );
        println!(
            "{} no timeout: every export complete ({})",
            verdict(all_complete),
            completed.join("; ")
        );
        memory_flat && all_complete
    }
}
