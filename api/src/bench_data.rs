//! `zorgpact bench-data --rows N [--prefix P]` (hidden): fills the configured
//! database with N synthetic indicator values for the export benchmark
//! (`cargo xtask bench`). It applies the migrations and, if configured, the demo
//! data first; the values go into new monthly indicators `P_01`, `P_02`, ….

use std::time::Instant;

use anyhow::{Context, bail};
use zorgpact_api::config::Config;
use zorgpact_api::startup;
use zorgpact_db::exports::bench;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut rows: Option<u64> = None;
    let mut prefix = "bench".to_owned();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = args.next().with_context(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--rows" => rows = Some(value.parse().with_context(|| format!("--rows {value}: not a number"))?),
            "--prefix" => prefix.clone_from(value),
            other => bail!("unknown option {other:?}: usage: zorgpact bench-data --rows N [--prefix P]"),
        }
    }
    let rows = rows.context("usage: zorgpact bench-data --rows N [--prefix P]")?;
    let started = Instant::now();
    let db = startup::prepare_database(&Config::from_env()?)?;
    let mut conn = db.conn()?;
    let filled = bench::fill(&mut conn, &prefix, rows)?;
    eprintln!(
        "bench-data: {} values and {} targets in {} indicators in {:.1}s",
        filled.values,
        filled.targets,
        filled.indicators.len(),
        started.elapsed().as_secs_f64()
    );
    // The one line on stdout: what `cargo xtask bench` reads.
    println!("indicators={}", filled.indicators.join(","));
    Ok(())
}
