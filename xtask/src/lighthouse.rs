//! `lighthouse`: Google's Lighthouse audits the public pages of a fresh server in
//! Debian's headless Chromium, for accessibility and best practices only (its
//! performance score would measure this machine more than the app), and fails
//! when a page scores below 100 for accessibility or 95 for best practices.
//!
//! Lighthouse is an npm package, installed like axe-core (`npm.rs`) into the
//! build cache at `<target>/tools/lighthouse`, pinned: 12.2.3 is the last line
//! that runs on Node 20 (13 needs Node 22). It finds Chromium through
//! `CHROME_PATH`. The pages are those a visitor opens without logging in; until
//! the overview, a region and the indicator explorer are public, those show the
//! login page in their place, and it is that page Lighthouse scores there.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cargo::check;
use crate::server::{start_server, tempdir};
use crate::{e2e, npm, web};

const LIGHTHOUSE: npm::Package = npm::Package {
    name: "lighthouse",
    version: "12.2.3",
    folder: "lighthouse",
};

/// The public pages audited, as a visitor opens them: the overview, a region, the
/// national monitor, the explorer, the barrier figures and the factsheets.
const PAGES: &[&str] = &[
    "/",
    "/regio/twente",
    "/monitor",
    "/indicatoren",
    "/belemmeringen/cijfers",
    "/factsheets",
];

/// The lowest scores that pass, in percent, by Lighthouse's category id.
const THRESHOLDS: &[(&str, &str, u32)] = &[
    ("accessibility", "Accessibility", 100),
    ("best-practices", "Best practices", 95),
];

const CHROMIUM: &str = "/usr/bin/chromium";
/// Headless Chromium as Lighthouse starts it; no sandbox, as in a container.
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu";

/// `cargo xtask lighthouse`: builds the web app and the server, audits each page
/// and prints a table of the scores.
pub fn run(root: &Path, target_dir: &Path) -> Result<()> {
    web::build_web(root, &root.join("web/dist"))?;
    e2e::ensure_chromium(root)?;
    let cli = LIGHTHOUSE
        .ensure(target_dir)?
        .join("node_modules/lighthouse/cli/index.js");

    let scratch = tempdir(target_dir)?;
    let (_server, url) = start_server(root, target_dir, &scratch)?;
    let mut rows = Vec::new();
    for page in PAGES {
        let report = scratch.join(format!("report-{}.json", rows.len()));
        audit(&cli, &format!("{url}{page}"), &report)?;
        rows.push((*page, scores(&report)?));
    }
    let _ = fs::remove_dir_all(&scratch);
    println!("{}", table(&rows));
    let failing: Vec<String> = rows
        .iter()
        .flat_map(|(page, scores)| {
            scores
                .iter()
                .zip(THRESHOLDS)
                .filter(|(score, (_, _, least))| **score < *least)
                .map(move |(score, (_, name, least))| format!("{page}: {name} {score} < {least}"))
        })
        .collect();
    if !failing.is_empty() {
        bail!(
            "Lighthouse scores below the bar (the audits that cost points are listed above):\n  {}",
            failing.join("\n  ")
        );
    }
    Ok(())
}

/// Runs Lighthouse on `url`, writing its JSON report to `report`.
fn audit(cli: &Path, url: &str, report: &Path) -> Result<()> {
    let categories = THRESHOLDS.iter().map(|(id, _, _)| *id).collect::<Vec<_>>().join(",");
    let mut lighthouse = Command::new("node");
    lighthouse
        .arg(cli)
        .arg(url)
        .arg(format!("--only-categories={categories}"))
        .arg(format!("--chrome-flags={CHROME_FLAGS}"))
        .args(["--output=json", "--quiet"])
        .arg(format!("--output-path={}", report.display()))
        .env("CHROME_PATH", CHROMIUM);
    check(lighthouse, &format!("Lighthouse on {url}"))
}

/// The report's score per category of [`THRESHOLDS`], in percent, with the
/// audits that cost points printed.
fn scores(report: &Path) -> Result<Vec<u32>> {
    let text = fs::read_to_string(report).with_context(|| format!("reading {}", report.display()))?;
    let report: serde_json::Value = serde_json::from_str(&text).context("the Lighthouse report is no JSON")?;
    let mut scores = Vec::new();
    for (id, name, _) in THRESHOLDS {
        let category = &report["categories"][id];
        let score = category["score"]
            .as_f64()
            .with_context(|| format!("the report has no {name} score"))?;
        let score = (score * 100.0).round() as u32;
        if score < 100 {
            for failed in failed_audits(&report, category) {
                println!("    {name}: {failed}");
            }
        }
        scores.push(score);
    }
    Ok(scores)
}

/// The audits of `category` that did not pass, with their title and the first
/// elements they name.
fn failed_audits(report: &serde_json::Value, category: &serde_json::Value) -> Vec<String> {
    let refs = category["auditRefs"].as_array().cloned().unwrap_or_default();
    refs.iter()
        .filter(|r| r["weight"].as_f64().is_some_and(|w| w > 0.0))
        .filter_map(|r| {
            let audit = &report["audits"][r["id"].as_str()?];
            let score = audit["score"].as_f64()?;
            (score < 1.0).then(|| {
                let items = audit["details"]["items"].as_array().cloned().unwrap_or_default();
                let nodes: Vec<String> = items
                    .iter()
                    .filter_map(|item| item["node"]["snippet"].as_str().map(str::to_owned))
                    .take(3)
                    .collect();
                format!("{} ({}) {}", audit["title"], r["id"], nodes.join(" "))
            })
        })
        .collect()
}

/// The scores as a table: a page per row, a category per column.
fn table(rows: &[(&str, Vec<u32>)]) -> String {
    let width = rows.iter().map(|(page, _)| page.len()).max().unwrap_or(4).max(4);
    let mut out = format!("{:width$}", "page");
    for (_, name, least) in THRESHOLDS {
        let _ = write!(out, "  {name} (≥ {least})");
    }
    for (page, scores) in rows {
        let _ = write!(out, "\n{page:width$}");
        for (score, (_, name, least)) in scores.iter().zip(THRESHOLDS) {
            let column = format!("{name} (≥ {least})").chars().count();
            let _ = write!(out, "  {score:>column$}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::table;

    #[test]
    fn the_table_lines_up_scores_under_their_category() {
        let shown = table(&[("/", vec![100, 96]), ("/factsheets", vec![92, 100])]);
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "page         Accessibility (≥ 100)  Best practices (≥ 95)");
        assert_eq!(lines[1], "/                              100                     96");
        assert_eq!(lines[2], "/factsheets                     92                    100");
    }
}
