//! The benchmark's report: the figures of every run, the ratios against the
//! baselines of the same run, the scaling table and the targets, as markdown and
//! JSON with the machine's core count and the commit.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;
use serde::Serialize;

use super::synthetic::{Loaded, Scale};
use super::wrk::{Load, Pressure};

#[derive(Debug, Serialize)]
pub struct Measured {
    pub name: &'static str,
    pub load: Load,
    /// The product server's peak resident memory during this workload (not
    /// measured for the baselines, which run in other processes).
    pub peak_rss_kib: Option<u64>,
}

impl Measured {
    pub fn of_product(name: &'static str, load: Load, peak_rss_kib: u64) -> Self {
        Self {
            name,
            load,
            peak_rss_kib: Some(peak_rss_kib),
        }
    }
}

/// One backend at one scale.
#[derive(Debug, Serialize)]
pub struct ScaleRun {
    pub backend: &'static str,
    pub scale: &'static str,
    pub regions: u32,
    pub values_loaded: u64,
    pub load_seconds: f64,
    pub workloads: Vec<Measured>,
    /// Datasette on a copy of the same data (SQLite runs).
    pub baselines: Vec<Measured>,
    pub import_json_per_sec: f64,
    pub import_csv_per_sec: f64,
    /// Values the two bulk files (JSON and CSV) stored.
    pub bulk_values: u64,
    /// The server's resident memory after every workload.
    pub rss_kib: u64,
    /// Its peak while the data was loaded, and during the bulk import workload.
    pub load_peak_rss_kib: u64,
    pub import_peak_rss_kib: u64,
    /// The SQLite file over the values stored (SQLite runs).
    pub bytes_per_value: Option<f64>,
    pub read_after_write: bool,
}

impl ScaleRun {
    pub fn new(backend: &'static str, scale: Scale, loaded: Loaded) -> Self {
        Self {
            backend,
            scale: scale.name,
            regions: scale.regions,
            values_loaded: loaded.values,
            load_seconds: loaded.seconds,
            workloads: Vec::new(),
            baselines: Vec::new(),
            import_json_per_sec: 0.0,
            import_csv_per_sec: 0.0,
            bulk_values: 0,
            rss_kib: 0,
            load_peak_rss_kib: 0,
            import_peak_rss_kib: 0,
            bytes_per_value: None,
            read_after_write: false,
        }
    }

    /// The values in the database: those loaded and the two bulk files.
    pub fn stored_values(&self) -> u64 {
        self.values_loaded + self.bulk_values
    }

    /// The server's peak resident memory over every phase of the run.
    pub fn peak_rss_kib(&self) -> u64 {
        self.workloads
            .iter()
            .filter_map(|m| m.peak_rss_kib)
            .chain([self.load_peak_rss_kib, self.import_peak_rss_kib])
            .max()
            .unwrap_or(0)
    }

    fn load(&self, name: &str) -> Option<&Load> {
        self.workloads
            .iter()
            .chain(&self.baselines)
            .find(|m| m.name == name)
            .map(|m| &m.load)
    }
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub commit: String,
    pub date: String,
    pub cores: usize,
    pub connections: u32,
    pub seconds_per_workload: u32,
    pub smoke: bool,
    pub runs: Vec<ScaleRun>,
    /// The whole benchmark's wall time.
    pub seconds: f64,
}

fn git(root: &Path, args: &[&str]) -> String {
    Command::new("git")
        .current_dir(root)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

impl Report {
    pub fn new(root: &Path, pressure: Pressure, smoke: bool) -> Result<Self> {
        let date = Command::new("date")
            .args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())?;
        Ok(Self {
            commit: git(root, &["rev-parse", "--short=12", "HEAD"]),
            date,
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            connections: pressure.connections,
            seconds_per_workload: pressure.seconds,
            smoke,
            runs: Vec::new(),
            seconds: 0.0,
        })
    }

    fn run(&self, backend: &str, scale: &str) -> Option<&ScaleRun> {
        self.runs.iter().find(|r| r.backend == backend && r.scale == scale)
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Zorgpact benchmark\n\ncommit `{}`, {}, {} cores, wrk with {} connections for {} s per workload \
             on loopback, release build{}; the whole run took {:.0} s.\n",
            self.commit,
            self.date,
            self.cores,
            self.connections,
            self.seconds_per_workload,
            if self.smoke {
                " (SMOKE: debug build, figures meaningless)"
            } else {
                ""
            },
            self.seconds
        );
        for run in &self.runs {
            self.run_table(&mut out, run);
        }
        self.scaling_table(&mut out);
        self.targets(&mut out);
        out
    }

    fn run_table(&self, out: &mut String, run: &ScaleRun) {
        let _ = writeln!(
            out,
            "## {} at {} ({} regions, {} values loaded through the import in {:.1} s: {:.0} values/s)\n",
            run.backend,
            run.scale,
            run.regions,
            run.values_loaded,
            run.load_seconds,
            run.values_loaded as f64 / run.load_seconds
        );
        let _ = writeln!(
            out,
            "| workload | req/s | p50 ms | p99 ms | errors | req/s vs Datasette | p99 vs Datasette | req/s vs ceiling | peak RSS MiB |\n\
             |---|---:|---:|---:|---:|---:|---:|---:|---:|"
        );
        let versus = |name: &str| -> (Option<&Load>, Option<&Load>) {
            match name {
                "series_all_regions" => (
                    run.load("datasette_series_all_regions"),
                    run.load("ceiling_series_body"),
                ),
                "national" => (run.load("datasette_national"), run.load("ceiling_national_body")),
                "national_304" => (None, run.load("ceiling_national_body")),
                _ => (None, None),
            }
        };
        for measured in run.workloads.iter().chain(&run.baselines) {
            let load = &measured.load;
            let (datasette, ceiling) = versus(measured.name);
            let ratio = |other: Option<&Load>, f: fn(&Load) -> f64| match other {
                None => "—".to_owned(),
                Some(o) if o.requests == 0 => "it answered none".to_owned(),
                Some(o) => format!("{:.2}×", f(load) / f(o)),
            };
            let _ = writeln!(
                out,
                "| {} | {:.0} | {:.2} | {:.2} | {} | {} | {} | {} | {} |",
                measured.name,
                load.req_per_sec,
                load.p50_ms,
                load.p99_ms,
                load.errors,
                ratio(datasette, |l| l.req_per_sec),
                ratio(datasette, |l| l.p99_ms),
                ratio(ceiling, |l| l.req_per_sec),
                measured
                    .peak_rss_kib
                    .map_or("—".to_owned(), |kib| format!("{:.0}", kib as f64 / 1024.0)),
            );
        }
        let _ = writeln!(
            out,
            "\nImport of a file of {} values: JSON {:.0} values/s, CSV {:.0} values/s, peak RSS {:.1} MiB. \
             Server RSS while the data was loaded: peak {:.1} MiB; after every workload {:.1} MiB.{} A read after a write saw it: {}.\n",
            run.bulk_values / 2,
            run.import_json_per_sec,
            run.import_csv_per_sec,
            run.import_peak_rss_kib as f64 / 1024.0,
            run.load_peak_rss_kib as f64 / 1024.0,
            run.rss_kib as f64 / 1024.0,
            run.bytes_per_value
                .map_or(String::new(), |b| format!(" Storage: {b:.0} bytes per stored value.")),
            if run.read_after_write { "yes" } else { "NO" }
        );
    }

    fn scaling_table(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "## Scaling: latency p50 / p99 in ms\n\n| backend | scale | series, one region | series, all regions | national roll-up |\n|---|---|---|---|---|"
        );
        for run in &self.runs {
            let cell = |name: &str| {
                run.load(name)
                    .map_or("—".to_owned(), |l| format!("{:.2} / {:.2}", l.p50_ms, l.p99_ms))
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                run.backend,
                run.scale,
                cell("series_one_region"),
                cell("series_all_regions"),
                cell("national")
            );
        }
        out.push('\n');
    }

    fn targets(&self, out: &mut String) {
        let _ = writeln!(out, "## Targets\n\n| target | measured | verdict |\n|---|---|---|");
        let mut row = |target: String, measured: String, pass: Option<bool>| {
            let verdict = match pass {
                Some(true) => "PASS",
                Some(false) => "MISS",
                None => "not measured",
            };
            let _ = writeln!(out, "| {target} | {measured} | {verdict} |");
        };
        for scale in ["S", "M"] {
            let Some(run) = self.run("SQLite", scale) else { continue };
            for (ours, theirs) in [
                ("series_all_regions", "datasette_series_all_regions"),
                ("national", "datasette_national"),
            ] {
                if let (Some(a), Some(b)) = (run.load(ours), run.load(theirs)) {
                    let ratio = a.req_per_sec / b.req_per_sec;
                    row(
                        format!("{ours} at {scale}: ≥ 5× Datasette's req/s, lower p99"),
                        format!("{ratio:.1}×, p99 {:.1} vs {:.1} ms", a.p99_ms, b.p99_ms),
                        Some(ratio >= 5.0 && a.p99_ms < b.p99_ms),
                    );
                }
            }
        }
        for run in self.runs.iter().filter(|r| r.backend == "PostgreSQL") {
            let Some(sqlite) = self.run("SQLite", run.scale) else {
                continue;
            };
            for name in ["series_all_regions", "national"] {
                if let (Some(pg), Some(lite)) = (run.load(name), sqlite.load(name)) {
                    let ratio = lite.req_per_sec / pg.req_per_sec;
                    row(
                        format!("{name} at {} on PostgreSQL within 1.5× of SQLite", run.scale),
                        format!("SQLite/PostgreSQL req/s {ratio:.2}×"),
                        Some(ratio <= 1.5),
                    );
                }
            }
        }
        for run in &self.runs {
            if let (Some(repeat), Some(ceiling)) = (run.load("national_304"), run.load("ceiling_national_body")) {
                let share = repeat.req_per_sec / ceiling.req_per_sec;
                row(
                    format!("{} {}: 304 repeat ≥ 50% of the ceiling", run.backend, run.scale),
                    format!("{:.0}%", share * 100.0),
                    Some(share >= 0.5),
                );
            }
        }
        if let Some(national) = self.run("SQLite", "M").and_then(|r| r.load("national")) {
            row(
                format!(
                    "national roll-up p99 < 20 ms at {} connections (SQLite, M)",
                    self.connections
                ),
                format!("{:.1} ms", national.p99_ms),
                Some(national.p99_ms < 20.0),
            );
        }
        for run in &self.runs {
            let floor = if run.backend == "SQLite" { 100_000.0 } else { 50_000.0 };
            row(
                format!(
                    "{} {}: import ≥ {floor:.0} values/s (JSON and CSV)",
                    run.backend, run.scale
                ),
                format!("JSON {:.0}, CSV {:.0}", run.import_json_per_sec, run.import_csv_per_sec),
                Some(run.import_json_per_sec >= floor && run.import_csv_per_sec >= floor),
            );
        }
        if let Some(run) = self.run("SQLite", "M") {
            if let Some(bytes) = run.bytes_per_value {
                row(
                    "storage ≤ 200 bytes per value at M".into(),
                    format!("{bytes:.0} bytes"),
                    Some(bytes <= 200.0),
                );
            }
            let mib = run.peak_rss_kib() as f64 / 1024.0;
            row(
                "server RSS < 150 MB under load at M".into(),
                format!("peak {mib:.0} MiB"),
                Some(mib * 1.048_576 < 150.0),
            );
        }
        for backend in ["SQLite", "PostgreSQL"] {
            let p50 = |scale| self.run(backend, scale)?.load("series_one_region").map(|l| l.p50_ms);
            match (p50("S"), p50("L")) {
                (Some(s), Some(l)) => row(
                    format!("{backend}: one region's series S → L grows < 3×"),
                    format!("{:.2}×", l / s),
                    Some(l / s < 3.0),
                ),
                _ => row(
                    format!("{backend}: one region's series S → L grows < 3×"),
                    "L not run".into(),
                    None,
                ),
            }
        }
        let all_current = self.runs.iter().all(|r| r.read_after_write);
        row(
            "figures current: a read after a write sees it".into(),
            format!(
                "{} of {} runs",
                self.runs.iter().filter(|r| r.read_after_write).count(),
                self.runs.len()
            ),
            Some(all_current),
        );
        out.push('\n');
    }

    /// Writes `<date>-<commit>.md` and `.json` into `dir`; yields the markdown's path.
    /// Writes `DATE-COMMIT-SCALES.md` and `.json` (`-sqlite` when only SQLite
    /// ran); a later run of the same commit and scales gets `-2`, `-3`, … and
    /// never replaces an earlier report.
    pub fn write(&self, dir: &Path) -> Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let mut scales: Vec<&str> = Vec::new();
        for run in &self.runs {
            if !scales.contains(&run.scale) {
                scales.push(run.scale);
            }
        }
        let only_sqlite = self.runs.iter().all(|run| run.backend == "SQLite");
        let base = format!(
            "{}-{}-{}{}",
            &self.date[..10],
            self.commit,
            scales.join("-"),
            if only_sqlite { "-sqlite" } else { "" }
        );
        let stem = (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
            .find(|stem| !dir.join(format!("{stem}.md")).exists() && !dir.join(format!("{stem}.json")).exists())
            .unwrap_or(base);
        let markdown = dir.join(format!("{stem}.md"));
        std::fs::write(&markdown, self.markdown())?;
        std::fs::write(dir.join(format!("{stem}.json")), serde_json::to_vec_pretty(self)?)?;
        Ok(markdown)
    }
}
