//! Generated demo values and targets: plausible, deterministic series per region and
//! indicator (same numbers on every machine), so charts and roll-ups have data.

use chrono::NaiveDateTime;
use zorgpact_domain::period::Period;

use super::file::{DemoData, DemoIndicator, DemoRegion};
use crate::indicator_values::{IndicatorTargetRow, IndicatorValueRow};

const FIRST_YEAR: i32 = 2017;
const LAST_YEAR: i32 = 2024;
const FIRST_QUARTER_YEAR: i32 = 2021;
const BASE_YEAR: i32 = 2019;
const TARGET_YEARS: [i32; 2] = [2022, 2025];
const SOURCE: &str = "Demodata Zorgpact (fictief, afgeleid van de programmamonitor)";

fn periods(indicator: &DemoIndicator) -> Vec<Period> {
    match indicator.period_type.as_str() {
        "quarter" => (FIRST_QUARTER_YEAR..=LAST_YEAR)
            .flat_map(|y| (1..=4).map(move |q| Period::Quarter(y, q)))
            .collect(),
        "month" => (LAST_YEAR..=LAST_YEAR)
            .flat_map(|y| (1..=12).map(move |m| Period::Month(y, m)))
            .collect(),
        _ => (FIRST_YEAR..=LAST_YEAR).map(Period::Year).collect(),
    }
}

/// A stable number in [-1, 1] for a key (FNV-1a), used as noise.
fn noise(key: &str) -> f64 {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % 20_001) as f64 / 10_000.0 - 1.0
}

fn scales_with_size(indicator: &DemoIndicator) -> bool {
    matches!(indicator.unit.as_str(), "persons" | "count")
}

/// The generated value of an indicator for a region at a (fractional) year.
fn model(region: &DemoRegion, indicator: &DemoIndicator, years_since_base: f64, key: &str) -> f64 {
    let size = if scales_with_size(indicator) {
        region.size_factor
    } else {
        1.0
    };
    let regional = 1.0 + 0.08 * noise(&format!("{}:{}", region.code, indicator.code));
    let trend = (1.0 + indicator.demo_trend_per_year).powf(years_since_base);
    let value = indicator.demo_baseline * size * regional * trend * (1.0 + 0.02 * noise(key));
    tidy(indicator, value)
}

fn tidy(indicator: &DemoIndicator, value: f64) -> f64 {
    match indicator.unit.as_str() {
        "persons" | "count" => value.max(0.0).round(),
        "percent" => (value.clamp(0.0, 100.0) * 10.0).round() / 10.0,
        _ => (value.max(0.0) * 10.0).round() / 10.0,
    }
}

fn years_since_base(period: Period) -> f64 {
    let fraction = match period {
        Period::Year(_) => 0.0,
        Period::Quarter(_, q) => f64::from(q - 1) / 4.0,
        Period::Month(_, m) => f64::from(m - 1) / 12.0,
    };
    f64::from(period.year() - BASE_YEAR) + fraction
}

/// Values of the measured indicators; a derived indicator's are computed on read.
pub fn value_rows(data: &DemoData, now: NaiveDateTime) -> Vec<IndicatorValueRow> {
    let mut rows = Vec::new();
    for indicator in data.indicators.iter().filter(|i| i.formula.is_none()) {
        for region in &data.regions {
            for period in periods(indicator) {
                let key = format!("{}:{}:{}", indicator.code, region.code, period);
                let status = if period.year() == LAST_YEAR {
                    "provisional"
                } else {
                    "final"
                };
                rows.push(IndicatorValueRow {
                    indicator_code: indicator.code.clone(),
                    region_code: region.code.clone(),
                    period: period.to_string(),
                    period_start: period.start(),
                    value: model(region, indicator, years_since_base(period), &key),
                    status: status.into(),
                    source: SOURCE.into(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                });
            }
        }
    }
    rows
}

/// Targets (*ambities*): the trend line improved by 5% (2022) and 10% (2025) in
/// the indicator's good direction.
pub fn target_rows(data: &DemoData, now: NaiveDateTime) -> Vec<IndicatorTargetRow> {
    let mut rows = Vec::new();
    for indicator in &data.indicators {
        let better = if indicator.direction == "lower_is_better" {
            -1.0
        } else {
            1.0
        };
        for region in &data.regions {
            for (step, year) in TARGET_YEARS.iter().enumerate() {
                let period = match indicator.period_type.as_str() {
                    "quarter" => Period::Quarter(*year, 4),
                    "month" => Period::Month(*year, 12),
                    _ => Period::Year(*year),
                };
                let key = format!("{}:{}:{}", indicator.code, region.code, period);
                let trend = model(region, indicator, years_since_base(period), &key);
                let ambition = 0.05 * (step as f64 + 1.0) * better;
                rows.push(IndicatorTargetRow {
                    indicator_code: indicator.code.clone(),
                    region_code: region.code.clone(),
                    period: period.to_string(),
                    period_start: period.start(),
                    value: tidy(indicator, trend * (1.0 + ambition)),
                    note: "Regionale ambitie (demo)".into(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_bounded_and_stable() {
        for key in ["a", "employees:twente:2019", ""] {
            let n = noise(key);
            assert!((-1.0..=1.0).contains(&n));
            assert_eq!(n, noise(key));
        }
    }
}
