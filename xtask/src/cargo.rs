//! How the tasks call cargo so that `cargo xtask test` compiles the workspace once.
//!
//! Two things made CI compile everything two or three times:
//! - `cargo clippy` only checks: the test build compiled every crate again. While
//!   testing, clippy's driver is instead the compiler of the workspace crates (as
//!   `cargo clippy` itself sets it up), so the one real build also lints, with
//!   warnings denied.
//! - Each step picked its own packages (`--package zorgpact-api`, the web crate
//!   and e2e, the server binary alone), and cargo resolves features per selection:
//!   the dev-dependencies' features (`test-support`, `contract-check`) and the
//!   contract's `openapi` feature came and went, so domain, db, contract and api
//!   were rebuilt per step. Every host step now builds the whole workspace with
//!   its tests, the same selection each time, and picks the tests to run with a
//!   nextest filter.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};

static LINT_WHILE_BUILDING: AtomicBool = AtomicBool::new(false);

/// From now on, every cargo command of this run compiles the workspace crates
/// through clippy with warnings denied (dependencies are compiled as usual).
pub fn lint_while_building() {
    LINT_WHILE_BUILDING.store(true, Ordering::Relaxed);
}

/// A cargo command in the workspace, with the same toolchain that runs xtask.
pub fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root);
    if LINT_WHILE_BUILDING.load(Ordering::Relaxed) {
        // What `cargo clippy -- -D warnings` sets: the driver is told its own
        // arguments through CLIPPY_ARGS, separated by this marker.
        command
            .env("RUSTC_WORKSPACE_WRAPPER", clippy_driver())
            .env("CLIPPY_ARGS", "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__");
    }
    command
}

/// `clippy-driver` next to the cargo that runs xtask (rustup's proxies sit side by
/// side), else from `PATH`.
fn clippy_driver() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .and_then(|cargo| cargo.parent().map(|dir| dir.join("clippy-driver")))
        .filter(|driver| driver.is_file())
        .unwrap_or_else(|| PathBuf::from("clippy-driver"))
}

/// Runs a command, failing with its description when it fails.
pub fn check(mut command: Command, what: &str) -> Result<()> {
    let started = Instant::now();
    eprintln!("==> {what}");
    let status = command.status().with_context(|| format!("cannot start: {what}"))?;
    if !status.success() {
        bail!("failed ({status}): {what}");
    }
    eprintln!("    {what}: ok in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The host crates whose tests run without a browser.
pub const HOST_SUITES: &[&str] = &[
    "zorgpact-domain",
    "zorgpact-contract",
    "zorgpact-db",
    "zorgpact-api",
    "xtask",
    "zorgpact-bench-data",
];

/// The tests of `packages`, run in parallel by cargo-nextest over the shared
/// workspace build; plain `cargo test` of those packages where nextest is missing
/// (correct, but each selection then builds on its own).
pub fn tests_of(root: &Path, packages: &[&str]) -> Command {
    let mut command = cargo(root);
    if has_nextest(root) {
        let filter = packages
            .iter()
            .map(|package| format!("package({package})"))
            .collect::<Vec<_>>()
            .join(" | ");
        command.args(["nextest", "run", "--no-fail-fast", "--workspace", "-E", &filter]);
    } else {
        command.args(["test", "--no-fail-fast"]);
        for package in packages {
            command.args(["--package", package]);
        }
    }
    command
}

/// The tests of one test binary of `package` whose names start with `name`,
/// showing their output (the long runs print their figures); selected like
/// [`tests_of`] so that the workspace build is shared.
pub fn named_tests(root: &Path, package: &str, binary: &str, name: &str) -> Command {
    let mut command = cargo(root);
    if has_nextest(root) {
        let filter = format!("package({package}) & binary({binary}) & test(/^{name}/)");
        command.args([
            "nextest",
            "run",
            "--no-fail-fast",
            "--no-capture",
            "--workspace",
            "-E",
            &filter,
        ]);
    } else {
        command.args([
            "test",
            "--package",
            package,
            "--test",
            binary,
            "--",
            name,
            "--nocapture",
        ]);
    }
    command
}

fn has_nextest(root: &Path) -> bool {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root)
        .args(["nextest", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The debug server binary, from the same build as the tests (already fresh
/// after the test suites; built here when a task runs on its own).
pub fn debug_server(root: &Path, target_dir: &Path) -> Result<PathBuf> {
    let mut build = cargo(root);
    build.args(["test", "--workspace", "--no-run"]);
    check(build, "build the server (debug, with the test suites)")?;
    let binary = target_dir.join("debug/zorgpact");
    if !binary.is_file() {
        bail!("the build succeeded but {} is missing", binary.display());
    }
    Ok(binary)
}
