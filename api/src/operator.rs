//! The operator's commands beside `serve`: `backup`, `restore`, `copy` and
//! `verify-audit`. Thin: read the arguments, call `zorgpact_db`, say what
//! happened. The work itself is in `zorgpact_db::backup` and `audit::chain`.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, bail};
use zorgpact_db::DatabaseUrl;
use zorgpact_db::audit::chain::{self, ChainReport};
use zorgpact_db::backup::{self, TableCount};

use crate::config::Config;

/// What a command prints, and whether it found what it checks in order.
pub struct Outcome {
    pub text: String,
    pub success: bool,
}

/// Runs `command` with its `args` against the configured database; `None` when
/// `command` is not one of these.
pub fn run(command: &str, args: &[String]) -> Option<anyhow::Result<Outcome>> {
    let run = match command {
        "backup" => backup,
        "restore" => restore,
        "copy" => copy,
        "verify-audit" => verify_audit,
        _ => return None,
    };
    Some(
        Config::from_env()
            .map_err(anyhow::Error::from)
            .and_then(|config| run(&config, args)),
    )
}

fn one_file(command: &str, args: &[String]) -> anyhow::Result<PathBuf> {
    match args {
        [file] if !file.starts_with('-') => Ok(PathBuf::from(file)),
        _ => bail!("usage: zorgpact {command} FILE"),
    }
}

fn backup(config: &Config, args: &[String]) -> anyhow::Result<Outcome> {
    let file = one_file("backup", args)?;
    let report = backup::backup(&config.database, &file).context("backup failed")?;
    let mut text = format!(
        "backup of the {} database written to {} (SQLite file, integrity check: {})\n",
        config.database.backend().as_str(),
        report.file.display(),
        report.integrity
    );
    text.push_str(&counts_table(&report.counts));
    Ok(Outcome { text, success: true })
}

fn restore(config: &Config, args: &[String]) -> anyhow::Result<Outcome> {
    let file = one_file("restore", args)?;
    anyhow::ensure!(file.is_file(), "no backup file at {}", file.display());
    let counts =
        backup::restore(&file, &config.database).with_context(|| format!("restore of {} failed", file.display()))?;
    let mut text = format!(
        "restored {} into the {} database, in one transaction\n",
        file.display(),
        config.database.backend().as_str()
    );
    text.push_str(&counts_table(&counts));
    Ok(Outcome { text, success: true })
}

fn copy(config: &Config, args: &[String]) -> anyhow::Result<Outcome> {
    let to = match args {
        [flag, url] if flag == "--to" => url.clone(),
        [arg] if arg.starts_with("--to=") => arg["--to=".len()..].to_owned(),
        _ => bail!("usage: zorgpact copy --to postgres://USER@HOST/DATABASE"),
    };
    let target = DatabaseUrl::parse(&to).context("--to")?;
    let counts = backup::copy(&config.database, &target).context("copy failed")?;
    let mut text = format!(
        "copied the {} database into the {} database, in one transaction\n",
        config.database.backend().as_str(),
        target.backend().as_str()
    );
    text.push_str(&counts_table(&counts));
    Ok(Outcome { text, success: true })
}

fn verify_audit(config: &Config, args: &[String]) -> anyhow::Result<Outcome> {
    if !args.is_empty() {
        bail!("usage: zorgpact verify-audit");
    }
    let db = zorgpact_db::Database::connect(&config.database, 1)?;
    let report = chain::verify(&mut *db.conn()?)?;
    Ok(match report {
        ChainReport::Intact { entries, head } => Outcome {
            text: format!(
                "audit trail intact: {entries} entries\nlast hash: {}\n",
                head.as_deref().unwrap_or("(none)")
            ),
            success: true,
        },
        ChainReport::Broken {
            id,
            seq,
            occurred_at,
            problem,
        } => Outcome {
            text: format!(
                "audit trail broken at entry {id} (number {seq}, {}): {problem}\n",
                occurred_at.format("%Y-%m-%d %H:%M:%S%.6f UTC")
            ),
            success: false,
        },
    })
}

/// Rows per table, then the total.
fn counts_table(counts: &[TableCount]) -> String {
    let mut text = String::new();
    for count in counts {
        let _ = writeln!(text, "  {:<28}{:>9}", count.table, count.rows);
    }
    let total: i64 = counts.iter().map(|c| c.rows).sum();
    let _ = writeln!(text, "  {:<28}{:>9}  ({} tables)", "total", total, counts.len());
    text
}
