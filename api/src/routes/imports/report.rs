//! The report of an import: what it created, changed (with the old and new figure
//! of each change) and left unchanged, and warnings that did not stop it.

use std::collections::{BTreeMap, HashMap};

use zorgpact_contract::FieldProblem;
use zorgpact_contract::imports::{ImportChange, ImportCounts, ImportReport};
use zorgpact_db::DbError;
use zorgpact_db::indicator_values::{Change, IndicatorTargetRow, IndicatorValueRow, Step};
use zorgpact_domain::analytics::import_checks::{HISTORY_WINDOW, is_outlier};
use zorgpact_domain::indicator::{SeriesKey, ValueStatus};
use zorgpact_domain::period::Period;

use super::check::Points;

/// The most warnings a report lists; `warning_count` counts them all.
pub const MAX_WARNINGS: usize = 1_000;

/// What happened to the points of an import.
pub struct Outcome<'a> {
    pub dry_run: bool,
    pub rows: usize,
    pub ignored_columns: Vec<String>,
    pub points: &'a Points,
    pub values: &'a [Step<IndicatorValueRow>],
    pub targets: &'a [Step<IndicatorTargetRow>],
    pub warnings: Vec<FieldProblem>,
}

/// The report; a stored status that is not a code is a broken database.
pub fn report(outcome: Outcome<'_>) -> Result<ImportReport, DbError> {
    let Outcome {
        dry_run,
        rows,
        ignored_columns,
        points,
        values,
        targets,
        mut warnings,
    } = outcome;
    let mut changes = Vec::new();
    for ((at, (key, _)), step) in points.value_rows.iter().zip(&points.values).zip(values) {
        if let (Change::Updated, Some(before)) = (step.change, &step.before) {
            changes.push(ImportChange {
                old_status: Some(
                    ValueStatus::parse(&before.status)
                        .map_err(|e| DbError::Internal(format!("stored value status {:?}: {e}", before.status)))?,
                ),
                new_status: Some(step.after.status),
                old_source: Some(before.source.clone()),
                new_source: Some(step.after.source.clone()),
                ..change(at, key, "value", before.value, step.after.value)
            });
        }
    }
    for ((at, (key, _)), step) in points.target_rows.iter().zip(&points.targets).zip(targets) {
        if let (Change::Updated, Some(before)) = (step.change, &step.before) {
            changes.push(change(at, key, "target", before.value, step.after.value));
        }
    }
    // In file order: the rows' own order, values before targets within a row.
    changes.sort_by_key(|c| row_number(&c.at));
    let warning_count = warnings.len() as u64;
    warnings.truncate(MAX_WARNINGS);
    Ok(ImportReport {
        dry_run,
        rows: rows as u64,
        values: counts(values.iter().map(|s| s.change)),
        targets: counts(targets.iter().map(|s| s.change)),
        changes,
        warnings,
        warning_count,
        ignored_columns,
    })
}

fn change(at: &str, key: &SeriesKey, field: &str, old: f64, new: f64) -> ImportChange {
    ImportChange {
        at: at.to_owned(),
        indicator: key.indicator.to_string(),
        region: key.region.to_string(),
        period: key.period.to_string(),
        field: field.to_owned(),
        old,
        new,
        old_status: None,
        new_status: None,
        old_source: None,
        new_source: None,
    }
}

/// `7` for `/rows/7` or `/items/7`.
pub fn row_number(at: &str) -> usize {
    at.rsplit('/').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn counts(changes: impl Iterator<Item = Change>) -> ImportCounts {
    let mut counts = ImportCounts::default();
    for change in changes {
        match change {
            Change::Created => counts.created += 1,
            Change::Updated => counts.changed += 1,
            Change::Unchanged => counts.unchanged += 1,
        }
    }
    counts
}

/// A warning for each created or changed value far outside its region's history
/// of the indicator: the earlier periods' values as they are after the import
/// (stored ones, replaced by the file's where it has them), oldest first.
pub fn outliers(stored: &[IndicatorValueRow], points: &Points, steps: &[Step<IndicatorValueRow>]) -> Vec<FieldProblem> {
    type Series = BTreeMap<Period, f64>;
    let mut history: HashMap<(&str, &str), Series> = HashMap::new();
    for row in stored {
        if let Ok(period) = Period::parse(&row.period) {
            history
                .entry((row.indicator_code.as_str(), row.region_code.as_str()))
                .or_default()
                .insert(period, row.value);
        }
    }
    for (key, input) in &points.values {
        history
            .entry((key.indicator.as_str(), key.region.as_str()))
            .or_default()
            .insert(key.period, input.value);
    }
    let mut warnings = Vec::new();
    let mut earlier: Vec<f64> = Vec::with_capacity(HISTORY_WINDOW);
    for ((at, (key, input)), step) in points.value_rows.iter().zip(&points.values).zip(steps) {
        if step.change == Change::Unchanged {
            continue;
        }
        let Some(series) = history.get(&(key.indicator.as_str(), key.region.as_str())) else {
            continue;
        };
        earlier.clear();
        earlier.extend(series.range(..key.period).rev().take(HISTORY_WINDOW).map(|(_, v)| *v));
        earlier.reverse();
        if let Some(warning) = is_outlier(input.value, &earlier) {
            warnings.push(FieldProblem::from(warning.at(format!("{at}/value"))));
        }
    }
    warnings
}
