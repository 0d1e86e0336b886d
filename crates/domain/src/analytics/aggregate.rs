//! A series of finer periods turned into coarser ones — months into quarters or
//! years, quarters into years — by the indicator's roll-up rule, with how complete
//! each coarse period is.
//!
//! An incomplete coarse period (say a year with 9 of its 12 months) still gets a
//! value, computed from the sub-periods that are there, flagged `complete: false`
//! with the missing sub-periods named. The analyst sees the figure and its gap; for a
//! sum it is a partial sum, which a chart should draw as such.

use std::collections::BTreeMap;

use super::calendar::{PeriodExt, sub_period_count};
use super::{Series, stats};
use crate::InvalidValue;
use crate::indicator::Rollup;
use crate::period::{Period, PeriodType};

/// One coarse period of an aggregated series.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregated {
    pub period: Period,
    /// `None` when no sub-period could contribute.
    pub value: Option<f64>,
    /// Sub-periods with a value.
    pub present: u32,
    /// Sub-periods the period has (3 months in a quarter, 4 quarters or 12 months in a year).
    pub expected: u32,
    /// Sub-periods without a value, in time order.
    pub missing: Vec<Period>,
    /// For a weighted mean: sub-periods with a value but no usable weight, left out.
    pub without_weight: Vec<Period>,
    /// Every sub-period is present and counted.
    pub complete: bool,
}

/// Aggregates `series` (all of one period type) into periods of type `to`:
///
/// - [`Rollup::Sum`]: the sum over the sub-periods;
/// - [`Rollup::Mean`]: the mean over the sub-periods;
/// - [`Rollup::WeightedMean`]: with `weights` (the weight indicator's series for the
///   same region, e.g. employees per month), Σ value·weight / Σ weight over the
///   sub-periods; a sub-period without a usable weight is left out and named. With
///   `weights` `None`, the plain mean: within one region the weight changes little
///   from month to month, unlike between regions, where [`super::rollup`] insists on it.
///
/// Only coarse periods with at least one value appear, in time order. Aggregating
/// into the series' own type gives each period back as complete. Non-finite values
/// count as missing.
pub fn aggregate(
    series: &Series,
    to: PeriodType,
    rule: Rollup,
    weights: Option<&Series>,
) -> Result<Vec<Aggregated>, InvalidValue> {
    let Some(from) = series.keys().next().map(|p| p.period_type()) else {
        return Ok(Vec::new());
    };
    if let Some(other) = series.keys().find(|p| p.period_type() != from) {
        return Err(InvalidValue::inconsistent(format!(
            "a series must hold one period type, but has both {from} and {} periods",
            other.period_type()
        )));
    }
    let expected = sub_period_count(to, from).ok_or_else(|| {
        InvalidValue::inconsistent(format!(
            "cannot split {from} values into {to}s: aggregation goes from finer periods to coarser ones"
        ))
    })?;
    let mut groups: BTreeMap<Period, Vec<(Period, f64)>> = BTreeMap::new();
    for (period, value) in series.iter().filter(|(_, v)| v.is_finite()) {
        if let Some(parent) = period.parent(to) {
            groups.entry(parent).or_default().push((*period, *value));
        }
    }
    Ok(groups
        .into_iter()
        .map(|(parent, subs)| combine(parent, from, expected, &subs, rule, weights))
        .collect())
}

fn combine(
    parent: Period,
    from: PeriodType,
    expected: u32,
    subs: &[(Period, f64)],
    rule: Rollup,
    weights: Option<&Series>,
) -> Aggregated {
    let missing: Vec<Period> = parent
        .children(from)
        .unwrap_or_default()
        .into_iter()
        .filter(|child| !subs.iter().any(|(p, _)| p == child))
        .collect();
    let values: Vec<f64> = subs.iter().map(|(_, v)| *v).collect();
    let mut without_weight = Vec::new();
    let value = match (rule, weights) {
        (Rollup::Sum, _) => stats::sum(&values),
        (Rollup::Mean, _) | (Rollup::WeightedMean, None) => stats::mean(&values),
        (Rollup::WeightedMean, Some(weights)) => {
            let mut pairs = Vec::new();
            for (period, value) in subs {
                match weights.get(period).filter(|w| w.is_finite() && **w >= 0.0) {
                    Some(weight) => pairs.push((*value, *weight)),
                    None => without_weight.push(*period),
                }
            }
            stats::weighted_mean(&pairs)
        }
    };
    Aggregated {
        period: parent,
        value,
        present: subs.len() as u32,
        expected,
        complete: missing.is_empty() && without_weight.is_empty(),
        missing,
        without_weight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn months(year: i32, values: &[(u8, f64)]) -> Series {
        values.iter().map(|(m, v)| (Period::Month(year, *m), *v)).collect()
    }

    #[test]
    fn months_sum_into_quarters_and_flag_the_incomplete_one() {
        // Side-entrants per month: Q1 = 10 + 20 + 30 = 60; Q2 has only April (40).
        let series = months(2024, &[(1, 10.0), (2, 20.0), (3, 30.0), (4, 40.0)]);
        let quarters = aggregate(&series, PeriodType::Quarter, Rollup::Sum, None).expect("aggregates");
        assert_eq!(quarters.len(), 2);
        assert_eq!(quarters[0].period, Period::Quarter(2024, 1));
        assert_eq!(quarters[0].value, Some(60.0));
        assert!(quarters[0].complete);
        assert_eq!((quarters[0].present, quarters[0].expected), (3, 3));
        assert_eq!(quarters[1].value, Some(40.0));
        assert!(!quarters[1].complete);
        assert_eq!((quarters[1].present, quarters[1].expected), (1, 3));
        assert_eq!(
            quarters[1].missing,
            vec![Period::Month(2024, 5), Period::Month(2024, 6)]
        );
    }

    #[test]
    fn months_average_into_a_year() {
        // Satisfaction index, 12 months: 1..=12 averages to 6.5.
        let series: Series = (1..=12).map(|m| (Period::Month(2023, m), f64::from(m))).collect();
        let years = aggregate(&series, PeriodType::Year, Rollup::Mean, None).expect("aggregates");
        assert_eq!(years.len(), 1);
        assert_eq!(years[0].value, Some(6.5));
        assert!(years[0].complete);
        assert_eq!(years[0].expected, 12);
    }

    #[test]
    fn quarters_weighted_by_employees_into_a_year() {
        // Sick leave per quarter 6, 5, 4, 5 with employees 100, 100, 200, 100:
        // (600 + 500 + 800 + 500) / 500 = 4.8.
        let series: Series = [(1, 6.0), (2, 5.0), (3, 4.0), (4, 5.0)]
            .into_iter()
            .map(|(q, v)| (Period::Quarter(2024, q), v))
            .collect();
        let weights: Series = [(1, 100.0), (2, 100.0), (3, 200.0), (4, 100.0)]
            .into_iter()
            .map(|(q, v)| (Period::Quarter(2024, q), v))
            .collect();
        let years = aggregate(&series, PeriodType::Year, Rollup::WeightedMean, Some(&weights)).expect("aggregates");
        assert_eq!(years[0].value, Some(4.8));
        assert!(years[0].complete);

        // Without weights the plain mean: 20 / 4 = 5.
        let plain = aggregate(&series, PeriodType::Year, Rollup::WeightedMean, None).expect("aggregates");
        assert_eq!(plain[0].value, Some(5.0));

        // Q4 lacks its weight: (600 + 500 + 800) / 400 = 4.75, and the year is flagged.
        let mut partial = weights.clone();
        partial.remove(&Period::Quarter(2024, 4));
        let years = aggregate(&series, PeriodType::Year, Rollup::WeightedMean, Some(&partial)).expect("aggregates");
        assert_eq!(years[0].value, Some(4.75));
        assert_eq!(years[0].without_weight, vec![Period::Quarter(2024, 4)]);
        assert!(years[0].missing.is_empty());
        assert!(!years[0].complete);
    }

    #[test]
    fn coarse_periods_follow_each_other_in_time() {
        let series: Series = [
            (Period::Month(2023, 12), 1.0),
            (Period::Month(2024, 1), 2.0),
            (Period::Month(2024, 11), 3.0),
        ]
        .into_iter()
        .collect();
        let years = aggregate(&series, PeriodType::Year, Rollup::Sum, None).expect("aggregates");
        let got: Vec<(Period, Option<f64>, u32)> = years.iter().map(|a| (a.period, a.value, a.present)).collect();
        assert_eq!(
            got,
            vec![(Period::Year(2023), Some(1.0), 1), (Period::Year(2024), Some(5.0), 2)]
        );
    }

    #[test]
    fn the_same_type_comes_back_complete() {
        let series = months(2024, &[(3, 7.0)]);
        let same = aggregate(&series, PeriodType::Month, Rollup::Sum, None).expect("aggregates");
        assert_eq!(same[0].period, Period::Month(2024, 3));
        assert_eq!(same[0].value, Some(7.0));
        assert!(same[0].complete);
    }

    #[test]
    fn refuses_to_split_or_mix() {
        let years: Series = [(Period::Year(2024), 1.0)].into_iter().collect();
        let error = aggregate(&years, PeriodType::Quarter, Rollup::Sum, None).expect_err("split");
        assert!(error.reason.contains("finer periods to coarser"), "{error}");
        let mixed: Series = [(Period::Year(2024), 1.0), (Period::Month(2024, 1), 1.0)]
            .into_iter()
            .collect();
        assert!(aggregate(&mixed, PeriodType::Year, Rollup::Sum, None).is_err());
        assert_eq!(
            aggregate(&Series::new(), PeriodType::Year, Rollup::Sum, None),
            Ok(vec![])
        );
    }

    proptest! {
        #[test]
        fn sums_are_kept_and_counts_add_up(
            months in proptest::collection::btree_map((2020i32..=2024, 1u8..=12), 0.0f64..1e6, 0..40),
        ) {
            let series: Series = months.iter().map(|((y, m), v)| (Period::Month(*y, *m), *v)).collect();
            for to in [PeriodType::Quarter, PeriodType::Year] {
                let out = aggregate(&series, to, Rollup::Sum, None).expect("aggregates");
                let total: f64 = out.iter().filter_map(|a| a.value).sum();
                let expected_total: f64 = series.values().sum();
                prop_assert!((total - expected_total).abs() <= 1e-6 * expected_total.max(1.0));
                prop_assert_eq!(out.iter().map(|a| a.present as usize).sum::<usize>(), series.len());
                for a in &out {
                    prop_assert_eq!(a.present as usize + a.missing.len(), a.expected as usize);
                    prop_assert_eq!(a.complete, a.missing.is_empty());
                }
                // Aggregating in two steps (months → quarters → years) gives the same sums.
                if to == PeriodType::Year {
                    let quarters: Series = aggregate(&series, PeriodType::Quarter, Rollup::Sum, None)
                        .expect("aggregates")
                        .into_iter()
                        .filter_map(|a| Some((a.period, a.value?)))
                        .collect();
                    let two_step = aggregate(&quarters, PeriodType::Year, Rollup::Sum, None).expect("aggregates");
                    for (a, b) in out.iter().zip(&two_step) {
                        prop_assert_eq!(a.period, b.period);
                        let (a, b) = (a.value.unwrap_or(0.0), b.value.unwrap_or(0.0));
                        prop_assert!((a - b).abs() <= 1e-6 * a.abs().max(1.0));
                    }
                }
            }
        }
    }
}
