//! `zorgpact-bench-data --database-url URL --rows N [--prefix P]`: fills a database
//! with N synthetic indicator values for the export benchmark (`cargo xtask bench`,
//! which builds and runs it). It applies the migrations and loads the demo data
//! first (regions, the analyst's account); the values go into new monthly
//! indicators `P_01`, `P_02`, …. A tool of its own so that the server binary and
//! the db crate carry no benchmark code.

mod fill;

use std::time::Instant;

use anyhow::{Context, bail};
use zorgpact_db::{Database, DatabaseUrl, run_migrations, seed};

const USAGE: &str = "usage: zorgpact-bench-data --database-url URL --rows N [--prefix P]";

fn main() -> anyhow::Result<()> {
    let mut url: Option<String> = None;
    let mut rows: Option<u64> = None;
    let mut prefix = "bench".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().with_context(|| format!("{arg} needs a value\n{USAGE}"))?;
        match arg.as_str() {
            "--database-url" => url = Some(value),
            "--rows" => rows = Some(value.parse().with_context(|| format!("--rows {value}: not a number"))?),
            "--prefix" => prefix = value,
            other => bail!("unknown option {other:?}\n{USAGE}"),
        }
    }
    let (Some(url), Some(rows)) = (url, rows) else {
        bail!(USAGE);
    };
    let started = Instant::now();
    let db = Database::connect(&DatabaseUrl::parse(&url)?, 1)?;
    let mut conn = db.conn()?;
    run_migrations(&mut conn)?;
    seed::load_demo_data(&mut conn)?;
    let filled = fill::fill(&mut conn, &prefix, rows)?;
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
