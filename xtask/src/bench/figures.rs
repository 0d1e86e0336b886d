//! `cargo xtask bench`: the indicator endpoints analysts and partner systems hit
//! hardest, measured with wrk on loopback against two baselines in the same run
//! and on the same data: Datasette serving a copy of the SQLite file with the
//! equivalent SQL, and the server's own ceiling (a pre-serialised body of the same
//! size, no database work). Data at scales S, M (and L on request), loaded through
//! the import; on SQLite and PostgreSQL. Writes its report under `bench/results/`.
//!
//! Options: `--scales S,M,L` (default `S,M`), `--seconds N` per workload (10),
//! `--connections N` (32), `--sqlite-only`, `--smoke` (scale XS, 4 connections
//! for 2 s per workload, the debug build: what CI runs so the benchmark never rots; its
//! figures mean nothing and no report is written).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};

use super::datasette::{self, Datasette};
use super::product::{Product, Storage};
use super::report::{Measured, Report, ScaleRun};
use super::synthetic::{self, Scale};
use super::wrk::{self, Pressure};
use crate::cargo::{cargo, check};
use crate::postgres;

const FROM: &str = "2021-01";
const TO: &str = "2025-12";
/// The analytics table's three years.
const TABLE_FROM: &str = "2023-01";
/// The table's limit is 100 000 rows: at L it would be 504 000.
const TABLE_MAX_REGIONS: u32 = 500;

struct Options {
    scales: Vec<Scale>,
    pressure: Pressure,
    postgres: bool,
    smoke: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let mut options = Self {
            scales: vec![Scale::parse("S").expect("S"), Scale::parse("M").expect("M")],
            pressure: Pressure {
                connections: 32,
                seconds: 10,
            },
            postgres: true,
            smoke: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--scales" => {
                    options.scales = value("--scales")?
                        .split(',')
                        .map(|s| Scale::parse(s.trim()).with_context(|| format!("scale {s:?}: S, M or L")))
                        .collect::<Result<_>>()?;
                }
                "--seconds" => options.pressure.seconds = value("--seconds")?.parse()?,
                "--connections" => options.pressure.connections = value("--connections")?.parse()?,
                "--sqlite-only" => options.postgres = false,
                "--smoke" => {
                    options.smoke = true;
                    options.scales = vec![Scale::parse("XS").expect("XS")];
                    options.pressure = Pressure {
                        connections: 4,
                        seconds: 2,
                    };
                }
                other => bail!(
                    "unknown option {other:?}: cargo xtask bench [--scales S,M,L] [--seconds N] \
                     [--connections N] [--sqlite-only] [--smoke]"
                ),
            }
        }
        ensure!(options.pressure.seconds > 0 && options.pressure.connections > 0);
        Ok(options)
    }
}

pub fn run(root: &Path, target: &Path, args: &[String]) -> Result<()> {
    let options = Options::parse(args)?;
    let started = Instant::now();
    wrk::ensure_installed()?;
    let binary = if options.smoke {
        let mut build = cargo(root);
        build.args(["build", "--package", "zorgpact-api", "--bin", "zorgpact"]);
        check(build, "cargo build (the server)")?;
        target.join("debug/zorgpact")
    } else {
        let mut build = cargo(root);
        build.args(["build", "--release", "--package", "zorgpact-api", "--bin", "zorgpact"]);
        check(build, "cargo build --release (the server)")?;
        target.join("release/zorgpact")
    };
    let mut report = Report::new(root, options.pressure, options.smoke)?;
    for scale in &options.scales {
        let dir = scratch_dir(&format!("sqlite-{}", scale.name))?;
        let storage = Storage {
            backend: "SQLite",
            database_url: format!("sqlite://{}", dir.join("bench.db").display()),
            data_dir: dir.clone(),
        };
        let result = measure(&binary, target, &storage, *scale, &options);
        let _ = std::fs::remove_dir_all(&dir);
        report.runs.push(result?);
    }
    if options.postgres {
        for scale in &options.scales {
            let server = postgres::TestServer::start(root)?;
            let dir = scratch_dir(&format!("postgres-{}", scale.name))?;
            let storage = Storage {
                backend: "PostgreSQL",
                database_url: server.url().to_owned(),
                data_dir: dir.clone(),
            };
            let result = measure(&binary, target, &storage, *scale, &options);
            let _ = std::fs::remove_dir_all(&dir);
            drop(server);
            report.runs.push(result?);
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    println!("{}", report.markdown());
    if options.smoke {
        let errors: u64 = report
            .runs
            .iter()
            .flat_map(|r| &r.workloads)
            .map(|w| w.load.errors)
            .sum();
        ensure!(errors == 0, "the smoke run saw {errors} failed requests");
        ensure!(
            report.runs.iter().all(|r| r.read_after_write),
            "a read after a write missed it"
        );
        eprintln!("bench smoke passed in {:.0}s", report.seconds);
    } else {
        let written = report.write(&root.join("bench/results"))?;
        eprintln!(
            "bench finished in {:.0}s; report: {}",
            report.seconds,
            written.display()
        );
    }
    Ok(())
}

fn scratch_dir(name: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("zorgpact-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("web/assets"))?;
    Ok(dir)
}

/// One backend at one scale: load, then every workload and its baselines.
fn measure(binary: &Path, target: &Path, storage: &Storage, scale: Scale, options: &Options) -> Result<ScaleRun> {
    eprintln!(
        "==> {} at scale {} ({} regions, {} values)",
        storage.backend,
        scale.name,
        scale.regions,
        scale.values()
    );
    let web_dir = storage.data_dir.join("web");
    let product = Product::start(binary, storage, &web_dir)?;
    let (loaded, load_peak_kib) = product.with_peak(|| synthetic::load(&product, scale))?;
    eprintln!(
        "    loaded {} values in {:.1}s ({:.0} values/s)",
        loaded.values,
        loaded.seconds,
        loaded.values as f64 / loaded.seconds
    );
    if let Some(seconds) = storage.settle()? {
        eprintln!("    settled (VACUUM ANALYZE) in {seconds:.1}s");
    }
    let regions = synthetic::region_codes(&product, scale)?;
    let one_region = synthetic::region(1);
    let indicator = synthetic::indicator(1);
    let series_all = format!("/api/v1/indicators/{indicator}/series?from={FROM}&to={TO}");
    let series_one = format!("{series_all}&regions={one_region}");
    let national = format!("/api/v1/indicators/{indicator}/national?from={FROM}&to={TO}");
    let five: Vec<String> = (1..=5).map(synthetic::indicator).collect();
    let table = format!(
        "/api/v1/analytics?indicators={}&from={TABLE_FROM}&to={TO}",
        five.join(",")
    );
    let actions = "/api/v1/actions?region=twente&status=in_progress";

    // The ceiling: the same bodies, pre-serialised, served by the same server.
    let (series_body, _) = product.get_raw(&series_all)?;
    let (national_body, national_tag) = product.get_raw(&national)?;
    std::fs::write(web_dir.join("assets/series.json"), &series_body)?;
    std::fs::write(web_dir.join("assets/national.json"), &national_body)?;
    let national_tag = national_tag.context("the national roll-up has no ETag")?;

    let bearer = product.bearer();
    let mut run = ScaleRun::new(storage.backend, scale, loaded);
    let mut measure = |name: &'static str, path: &str, headers: &[String]| -> Result<()> {
        let (load, peak) =
            product.with_peak(|| wrk::run_answered(&product.url(path), headers, None, options.pressure))?;
        eprintln!(
            "    {name:<28} {:>9.0} req/s  p50 {:>8.2} ms  p99 {:>8.2} ms  errors {}  peak RSS {} MiB",
            load.req_per_sec,
            load.p50_ms,
            load.p99_ms,
            load.errors,
            peak / 1024
        );
        run.workloads.push(Measured::of_product(name, load, peak));
        Ok(())
    };
    measure("series_all_regions", &series_all, &[])?;
    measure("series_one_region", &series_one, &[])?;
    measure("national", &national, &[])?;
    measure("national_304", &national, &[format!("If-None-Match: {national_tag}")])?;
    if scale.regions <= TABLE_MAX_REGIONS {
        measure("analytics_table", &table, std::slice::from_ref(&bearer))?;
    }
    measure("actions_filtered", actions, std::slice::from_ref(&bearer))?;
    measure("ceiling_series_body", "/assets/series.json", &[])?;
    measure("ceiling_national_body", "/assets/national.json", &[])?;

    let script = mixed_script(storage, &product.token, &series_one, &national)?;
    let (load, peak) =
        product.with_peak(|| wrk::run_answered(&product.url("/"), &[], Some(&script), options.pressure))?;
    eprintln!(
        "    {:<28} {:>9.0} req/s  p50 {:>8.2} ms  p99 {:>8.2} ms  errors {}  peak RSS {} MiB",
        "mixed_5pct_writes",
        load.req_per_sec,
        load.p50_ms,
        load.p99_ms,
        load.errors,
        peak / 1024
    );
    run.workloads
        .push(Measured::of_product("mixed_5pct_writes", load, peak));
    run.read_after_write = read_after_write(&product, &series_one)?;

    let ((json, csv, bulk_values), import_peak_kib) =
        product.with_peak(|| synthetic::bulk_import(&product, scale, &regions))?;
    eprintln!(
        "    import of {} values: JSON {json:.0} values/s, CSV {csv:.0} values/s, peak RSS {} MiB",
        bulk_values / 2,
        import_peak_kib / 1024
    );
    run.import_json_per_sec = json;
    run.import_csv_per_sec = csv;
    run.bulk_values = bulk_values;
    run.rss_kib = product.rss_kib()?;
    run.load_peak_rss_kib = load_peak_kib;
    run.import_peak_rss_kib = import_peak_kib;

    if let Some(file) = storage.sqlite_file() {
        // The copy Datasette serves: the product's own online backup.
        let copy = storage.data_dir.join("bench.db");
        let copy = copy.with_file_name("datasette.db");
        let mut backup = std::process::Command::new(binary);
        backup
            .arg("backup")
            .arg(&copy)
            .env("DATABASE_URL", &storage.database_url)
            .env("ZORGPACT_DATA_DIR", &storage.data_dir)
            .stdout(std::process::Stdio::null());
        check(backup, "zorgpact backup (the copy for Datasette)")?;
        drop(product);
        run.bytes_per_value = Some(sqlite_bytes(&file)? as f64 / run.stored_values() as f64);
        run.baselines = datasette_baselines(target, &copy, &indicator, options.pressure)?;
    }
    Ok(run)
}

/// The database file with its write-ahead log.
fn sqlite_bytes(file: &Path) -> Result<u64> {
    let mut bytes = std::fs::metadata(file)?.len();
    for suffix in ["-wal", "-shm"] {
        let mut side = file.as_os_str().to_owned();
        side.push(suffix);
        bytes += std::fs::metadata(&side).map_or(0, |m| m.len());
    }
    Ok(bytes)
}

fn datasette_baselines(target: &Path, copy: &Path, indicator: &str, pressure: Pressure) -> Result<Vec<Measured>> {
    let datasette = Datasette::start(target, copy)?;
    let name = copy.file_stem().and_then(|s| s.to_str()).context("copy name")?;
    let params = [
        ("indicator", indicator),
        ("first", "2021-01-01"),
        ("last", "2025-12-01"),
    ];
    let mut measured = Vec::new();
    for (workload, sql) in [
        ("datasette_series_all_regions", datasette::SERIES_SQL),
        ("datasette_national", datasette::NATIONAL_SQL),
    ] {
        let load = wrk::run(&datasette.url(name, sql, &params), &[], None, pressure)?;
        eprintln!(
            "    {workload:<28} {:>9.0} req/s  p50 {:>8.2} ms  p99 {:>8.2} ms  errors {}",
            load.req_per_sec, load.p50_ms, load.p99_ms, load.errors
        );
        measured.push(Measured {
            name: workload,
            load,
            peak_rss_kib: None,
        });
    }
    Ok(measured)
}

/// wrk's Lua script for the mixed run: of every 20 requests one imports a value
/// (a one-row file), the others read the roll-up and a region's series.
fn mixed_script(storage: &Storage, token: &str, series: &str, national: &str) -> Result<PathBuf> {
    let path = storage.data_dir.join("mixed.lua");
    let indicator = synthetic::indicator(1);
    let region = synthetic::region(1);
    let script = format!(
        r#"local n = 0
local headers = {{ ["Content-Type"] = "application/json", ["Authorization"] = "Bearer {token}" }}
request = function()
  n = n + 1
  if n % 20 == 0 then
    local body = string.format('{{"items":[{{"indicator":"{indicator}","region":"{region}","period":"2025-12","value":%d,"status":"final","source":"Bench"}}]}}', 1000 + n)
    return wrk.format("POST", "/api/v1/imports/indicator-values", headers, body)
  elseif n % 2 == 0 then
    return wrk.format("GET", "{national}")
  else
    return wrk.format("GET", "{series}")
  end
end
"#
    );
    std::fs::write(&path, script)?;
    Ok(path)
}

/// The point the read-after-write check writes: not the mixed run's (2025-12),
/// whose last writes wrk leaves in flight may still commit after this one.
const AFTER_WRITE_PERIOD: &str = "2025-11";

/// A value imported, then read: the next read of the series shows it.
fn read_after_write(product: &Product, series_one: &str) -> Result<bool> {
    let value = 987_654.0;
    product.post(
        "/api/v1/imports/indicator-values",
        &serde_json::json!({"items": [{
            "indicator": synthetic::indicator(1), "region": synthetic::region(1), "period": AFTER_WRITE_PERIOD,
            "value": value, "status": "final", "source": "Bench"}]}),
        200,
    )?;
    let (body, _) = product.get_raw(series_one)?;
    let series: serde_json::Value = serde_json::from_slice(&body)?;
    let seen = series["regions"][0]["points"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|p| p["period"] == AFTER_WRITE_PERIOD && p["value"].as_f64() == Some(value));
    Ok(seen)
}
