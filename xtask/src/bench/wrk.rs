//! The load generator: `wrk` from Debian (installed with apt-get when missing),
//! fixed connections and duration on loopback; its report parsed into req/s and
//! latency percentiles.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail, ensure};
use serde::Serialize;

use crate::cargo::check;

/// What one run of the load generator measured.
#[derive(Debug, Clone, Serialize)]
pub struct Load {
    pub requests: u64,
    pub req_per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Non-2xx/3xx answers and socket errors.
    pub errors: u64,
}

/// How hard and how long.
#[derive(Debug, Clone, Copy)]
pub struct Pressure {
    pub connections: u32,
    pub seconds: u32,
}

/// Installs wrk from Debian when it is not on the PATH.
pub fn ensure_installed() -> Result<()> {
    if Command::new("wrk").arg("--version").output().is_ok() {
        return Ok(());
    }
    eprintln!("==> installing wrk (apt-get)");
    let mut update = Command::new("apt-get");
    update.args(["update", "-qq"]);
    check(update, "apt-get update")?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "-qq", "--no-install-recommends", "wrk"])
        .env("DEBIAN_FRONTEND", "noninteractive");
    check(install, "apt-get install wrk")
}

/// Loads `url` with `headers` (and the Lua `script`, when given) and parses wrk's
/// report; a run in which no request was answered has 0 requests and no
/// latencies.
pub fn run(url: &str, headers: &[String], script: Option<&Path>, pressure: Pressure) -> Result<Load> {
    let mut wrk = Command::new("wrk");
    wrk.arg(format!("-t{}", pressure.connections.clamp(1, 2)))
        .arg(format!("-c{}", pressure.connections))
        .arg(format!("-d{}s", pressure.seconds))
        .args(["--timeout", "10s", "--latency"]);
    for header in headers {
        wrk.args(["-H", header]);
    }
    if let Some(script) = script {
        wrk.arg("-s").arg(script);
    }
    let output = wrk.arg(url).output().context("run wrk")?;
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    ensure!(
        output.status.success(),
        "wrk failed on {url}: {}{report}",
        String::from_utf8_lossy(&output.stderr)
    );
    parse(&report).with_context(|| format!("wrk's report on {url}:\n{report}"))
}

fn parse(report: &str) -> Result<Load> {
    let mut load = Load {
        requests: 0,
        req_per_sec: 0.0,
        p50_ms: f64::NAN,
        p99_ms: f64::NAN,
        errors: 0,
    };
    for line in report.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", latency] => load.p50_ms = millis(latency)?,
            ["99%", latency] => load.p99_ms = millis(latency)?,
            ["Requests/sec:", rate] => load.req_per_sec = rate.parse()?,
            [count, "requests", "in", ..] => load.requests = count.parse()?,
            ["Non-2xx", "or", "3xx", "responses:", count] => load.errors += count.parse::<u64>()?,
            ["Socket", "errors:", rest @ ..] => {
                // "connect 0, read 0, write 0, timeout 0"
                load.errors += rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>();
            }
            _ => {}
        }
    }
    Ok(load)
}

/// The product's own load: a workload it answered no request of is a failure,
/// not a figure (a baseline may answer none: Datasette at L within 10 s).
pub fn run_answered(url: &str, headers: &[String], script: Option<&Path>, pressure: Pressure) -> Result<Load> {
    let load = run(url, headers, script, pressure)?;
    ensure!(load.requests > 0, "no request to {url} was answered");
    Ok(load)
}

/// `812.00us`, `1.23ms`, `1.05s` in milliseconds.
fn millis(latency: &str) -> Result<f64> {
    let (number, factor) = if let Some(n) = latency.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = latency.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = latency.strip_suffix('s') {
        (n, 1000.0)
    } else {
        bail!("latency {latency:?}")
    };
    Ok(number.parse::<f64>()? * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrks_report() {
        let report = "Running 10s test @ http://127.0.0.1:8080/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    70.12ms   20.01ms 145.00ms   70.00%
  Latency Distribution
     50%   68.50ms
     75%   80.00ms
     90%   95.00ms
     99%  145.20ms
  4512 requests in 10.01s, 1.04GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    450.75
Transfer/sec:    106.20MB
";
        let load = parse(report).expect("parsed");
        assert_eq!(load.requests, 4512);
        assert!((load.req_per_sec - 450.75).abs() < 1e-9);
        assert!((load.p50_ms - 68.5).abs() < 1e-9);
        assert!((load.p99_ms - 145.2).abs() < 1e-9);
        assert_eq!(load.errors, 7);
        assert!((millis("812.00us").expect("us") - 0.812).abs() < 1e-9);
        assert!((millis("1.05s").expect("s") - 1050.0).abs() < 1e-9);
    }
}
