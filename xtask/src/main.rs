//! The project's own tasks, so a fresh machine with only the Rust toolchain needs
//! nothing else: `cargo xtask run` and `cargo xtask test` (see README.md).

mod bench;
mod cargo;
mod client;
mod coverage;
mod e2e;
mod lighthouse;
mod long;
mod npm;
mod postgres;
mod python;
mod schemathesis;
mod server;
mod soak;
mod web;
mod web_assets;
mod web_split;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::cargo::{cargo, check};

const USAGE: &str = "usage: cargo xtask <command>

  run        build the web app and the server (release) and serve the product on
             http://127.0.0.1:8080 with the demo data (SQLite in ./data)
  test       run every check and test: format, lints, web build, the whole suite on
             SQLite, then the storage and API suites on PostgreSQL, then the browser
             tests, schemathesis and the generated client (`client`)
  e2e        build the web app and the server, install chromium and chromedriver
             (apt-get) when missing, and run the browser tests (e2e/)
  lighthouse build the web app and the server and audit the public pages with
             Lighthouse (accessibility and best practices, in headless Chromium);
             fails below 100 for accessibility or 95 for best practices
  build-web  build the web app (WASM) into web/dist
  openapi    regenerate openapi.yaml from the code
  schemathesis  fuzz the API of a fresh server against its OpenAPI document, as
                each demo role (`--full`: the long form for every role)
  client     generate a Python client from openapi.yaml (openapi-python-client)
             and run a partner's workflow with it against a fresh server
  bench      the indicator endpoints under load (wrk) against Datasette on a copy of
             the same data and the server's own ceiling, at scales S and M on SQLite
             and PostgreSQL; writes its report to bench/results/. Options
             --scales S,M,L, --seconds N, --connections N, --sqlite-only, --smoke
  bench export  the streaming export (10 000 and 1 000 000 rows, CSV and NDJSON):
             time, rows/s, bytes, time to first byte, peak RSS; options --rows N,
             --baseline N, --postgres
  soak       mixed load (reads, writes, imports, logins) from a second process
             against a fresh server: 30 s on the debug build; `--full`: 3 minutes
             on the release build; fails on any unexpected answer or when the
             server's memory grows by more than 20% after the warm-up
  long       the long forms of the soak, the crash rounds (20 × 50 000 rows on
             SQLite and PostgreSQL), the API's property fuzzing (5 000 cases) and
             schemathesis (`--full`); an hour or more";

fn main() -> Result<()> {
    let root = workspace_root()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&root, &args[1..]),
        Some("test") => test(&root),
        Some("e2e") => e2e::run(&root),
        Some("lighthouse") => lighthouse::run(&root, &target_dir(&root)),
        Some("build-web") => {
            if std::env::var_os(web::LINT_ENV).is_some() {
                cargo::lint_while_building();
            }
            web::build_web(&root, &root.join("web/dist"))
        }
        Some("openapi") => openapi(&root),
        Some("schemathesis") => schemathesis::run(&root, &target_dir(&root), &args[1..]),
        Some("client") => client::run(&root, &target_dir(&root)),
        Some("bench") => bench::run(&root, &target_dir(&root), &args[1..]),
        Some("long") => long::run(&root, &target_dir(&root)),
        Some("soak") => soak::run(&root, &target_dir(&root), &args[1..]),
        // The soak's load generator, started by `soak` as a process of its own.
        Some("soak-load") => soak::load(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command {other:?}\n\n{USAGE}"),
    }
}

fn workspace_root() -> Result<PathBuf> {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .context("xtask lives in the workspace")
}

fn run(root: &Path, extra: &[String]) -> Result<()> {
    let web_dir = root.join("web/dist");
    web::build_web(root, &web_dir)?;
    let mut server = cargo(root);
    server
        .args([
            "run",
            "--release",
            "--package",
            "zorgpact-api",
            "--bin",
            "zorgpact",
            "--",
            "serve",
        ])
        .args(extra);
    if std::env::var_os("ZORGPACT_WEB_DIR").is_none() {
        server.env("ZORGPACT_WEB_DIR", &web_dir);
    }
    check(server, "zorgpact serve")
}

fn test(root: &Path) -> Result<()> {
    let started = Instant::now();
    let mut fmt = cargo(root);
    fmt.args(["fmt", "--all", "--check"]);
    check(fmt, "cargo fmt --check")?;

    // No separate `cargo clippy`: the builds below lint as they compile (see cargo.rs).
    cargo::lint_while_building();
    let web = web::build_in_background(root, true)?;

    let pg = postgres::TestServer::start(root)?;
    coverage::reset(&target_dir(root));

    let mut sqlite = cargo::tests_of(root, cargo::HOST_SUITES);
    sqlite.env("ZORGPACT_TEST_BACKEND", "sqlite");
    check(sqlite, "test suite on SQLite")?;

    let mut postgres = cargo::tests_of(root, &["zorgpact-db", "zorgpact-api"]);
    postgres
        .env("ZORGPACT_TEST_BACKEND", "postgres")
        .env("ZORGPACT_TEST_POSTGRES_URL", pg.url());
    check(postgres, "storage and API suites on PostgreSQL")?;

    drop(pg);
    web.finish()?;
    e2e::run_built(root)?;
    coverage::report(root, &target_dir(root))?;

    schemathesis::run(root, &target_dir(root), &[])?;
    soak::run(root, &target_dir(root), &[])?;
    client::run(root, &target_dir(root))?;
    // The benchmark's short form, so it never rots: every workload and baseline
    // runs, on a little data; its timings are printed, never asserted.
    bench::run(root, &target_dir(root), &["--smoke".into(), "--sqlite-only".into()])?;

    eprintln!("all checks passed in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Where cargo builds: `CARGO_TARGET_DIR`, or `target/` in the workspace.
pub(crate) fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn openapi(root: &Path) -> Result<()> {
    let mut update = cargo(root);
    update
        .args(["test", "--package", "zorgpact-api", "--test", "openapi_contract"])
        .env("UPDATE_OPENAPI", "1");
    check(update, "regenerate openapi.yaml")
}
