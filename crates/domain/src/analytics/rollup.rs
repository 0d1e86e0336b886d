//! Regional values of one indicator and one period rolled up into one figure for a
//! group of regions (the nation, a province), by the indicator's roll-up rule, with
//! the coverage that tells how much of the group the figure stands on.

use std::collections::{BTreeMap, BTreeSet};

use super::{Series, stats};
use crate::indicator::Rollup;
use crate::period::Period;
use crate::region::RegionCode;

/// How much of the expected group a rolled-up figure stands on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Regions in the group (each counted once).
    pub expected: usize,
    /// Regions of the group that reported a value.
    pub reported: usize,
    /// Regions whose value is in the figure: `reported` less those without a weight.
    pub contributing: usize,
    /// Regions of the group without a value, in code order.
    pub missing: Vec<RegionCode>,
    /// Regions that reported a value but, for a weighted mean, no usable weight
    /// (none, negative or not finite), so their value could not count.
    pub without_weight: Vec<RegionCode>,
    /// Regions that reported but are not in the group; their values are left out.
    pub not_expected: Vec<RegionCode>,
}

impl Coverage {
    /// Every expected region is in the figure.
    pub fn is_complete(&self) -> bool {
        self.contributing == self.expected
    }
}

/// A rolled-up figure and what it stands on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RolledUp {
    /// `None` when no region could contribute (or all weights are zero): no data is
    /// not zero.
    pub value: Option<f64>,
    pub coverage: Coverage,
}

/// Rolls up the regions' `values` for one period into one figure for the group of
/// `expected` regions:
///
/// - [`Rollup::Sum`]: the sum of the contributing values (counts add up). A sum over
///   an incomplete group is a partial sum; the coverage says so.
/// - [`Rollup::WeightedMean`]: Σ value·weight / Σ weight, with each region's
///   `weights` value for the same period (e.g. its employees). A region with a value
///   but no usable weight cannot contribute and is listed in
///   [`Coverage::without_weight`]; with `weights` `None`, no region can.
/// - [`Rollup::Mean`]: the plain mean of the contributing values.
///
/// Only regions in `expected` count; values of other regions are listed in
/// [`Coverage::not_expected`]. Non-finite values are treated as not reported.
pub fn rollup(
    rule: Rollup,
    values: &BTreeMap<RegionCode, f64>,
    weights: Option<&BTreeMap<RegionCode, f64>>,
    expected: &[RegionCode],
) -> RolledUp {
    let group: BTreeSet<&RegionCode> = expected.iter().collect();
    let mut coverage = Coverage {
        expected: group.len(),
        ..Coverage::default()
    };
    let mut pairs = Vec::new();
    for region in &group {
        match values.get(*region).filter(|v| v.is_finite()) {
            None => coverage.missing.push((*region).clone()),
            Some(&value) => {
                coverage.reported += 1;
                let weight = weights
                    .and_then(|w| w.get(*region))
                    .filter(|w| w.is_finite() && **w >= 0.0);
                match (rule, weight) {
                    (Rollup::WeightedMean, None) => coverage.without_weight.push((*region).clone()),
                    (_, weight) => pairs.push((value, weight.copied().unwrap_or(0.0))),
                }
            }
        }
    }
    coverage.contributing = pairs.len();
    coverage.not_expected = values
        .keys()
        .filter(|region| !group.contains(region))
        .cloned()
        .collect();
    let plain: Vec<f64> = pairs.iter().map(|(v, _)| *v).collect();
    let value = match rule {
        Rollup::Sum => stats::sum(&plain),
        Rollup::Mean => stats::mean(&plain),
        Rollup::WeightedMean => stats::weighted_mean(&pairs),
    };
    RolledUp { value, coverage }
}

/// [`rollup`] for every period in which at least one region has a value, from
/// each region's series (and, for a weighted mean, each region's weight series).
pub fn rollup_series(
    rule: Rollup,
    values: &BTreeMap<RegionCode, Series>,
    weights: Option<&BTreeMap<RegionCode, Series>>,
    expected: &[RegionCode],
) -> BTreeMap<Period, RolledUp> {
    let by_period = |series: &BTreeMap<RegionCode, Series>| {
        let mut out: BTreeMap<Period, BTreeMap<RegionCode, f64>> = BTreeMap::new();
        for (region, points) in series {
            for (period, value) in points {
                out.entry(*period).or_default().insert(region.clone(), *value);
            }
        }
        out
    };
    let weights = weights.map(by_period);
    by_period(values)
        .into_iter()
        .map(|(period, regional)| {
            let weights = weights.as_ref().map(|w| w.get(&period).cloned().unwrap_or_default());
            (period, rollup(rule, &regional, weights.as_ref(), expected))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn region(code: &str) -> RegionCode {
        RegionCode::parse(code).expect("region code")
    }

    fn regions(codes: &[&str]) -> Vec<RegionCode> {
        codes.iter().map(|c| region(c)).collect()
    }

    fn map(pairs: &[(&str, f64)]) -> BTreeMap<RegionCode, f64> {
        pairs.iter().map(|(c, v)| (region(c), *v)).collect()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1.0))
    }

    const GROUP: [&str; 3] = ["twente", "rotterdam", "zeeland"];

    #[test]
    fn sum_adds_counts_and_names_the_missing_region() {
        // Open vacancies: Twente 1200 + Rotterdam 3400; Zeeland has not reported.
        let values = map(&[("twente", 1200.0), ("rotterdam", 3400.0)]);
        let figure = rollup(Rollup::Sum, &values, None, &regions(&GROUP));
        assert_eq!(figure.value, Some(4600.0));
        assert_eq!(figure.coverage.expected, 3);
        assert_eq!(figure.coverage.reported, 2);
        assert_eq!(figure.coverage.contributing, 2);
        assert_eq!(figure.coverage.missing, regions(&["zeeland"]));
        assert!(!figure.coverage.is_complete());
    }

    #[test]
    fn weighted_mean_weighs_by_employees() {
        // Sick leave 5% in Twente (40 000 employees), 7% in Rotterdam (60 000),
        // 6% in Zeeland (20 000): (5·40 + 7·60 + 6·20) / 120 = 740 / 120 = 6.1666…
        let values = map(&[("twente", 5.0), ("rotterdam", 7.0), ("zeeland", 6.0)]);
        let weights = map(&[("twente", 40_000.0), ("rotterdam", 60_000.0), ("zeeland", 20_000.0)]);
        let figure = rollup(Rollup::WeightedMean, &values, Some(&weights), &regions(&GROUP));
        assert!(close(figure.value, 740.0 / 120.0), "{figure:?}");
        assert!(figure.coverage.is_complete());
        // The plain mean of the same values is 6: weighting matters.
        let plain = rollup(Rollup::Mean, &values, None, &regions(&GROUP));
        assert_eq!(plain.value, Some(6.0));
    }

    #[test]
    fn a_region_without_weight_cannot_contribute_and_is_named() {
        // Zeeland reported 6% but no employees: (5·40 + 7·60) / 100 = 6.2.
        let values = map(&[("twente", 5.0), ("rotterdam", 7.0), ("zeeland", 6.0)]);
        let weights = map(&[("twente", 40.0), ("rotterdam", 60.0)]);
        let figure = rollup(Rollup::WeightedMean, &values, Some(&weights), &regions(&GROUP));
        assert!(close(figure.value, 6.2), "{figure:?}");
        assert_eq!(figure.coverage.reported, 3);
        assert_eq!(figure.coverage.contributing, 2);
        assert_eq!(figure.coverage.without_weight, regions(&["zeeland"]));
        assert!(figure.coverage.missing.is_empty());
        assert!(!figure.coverage.is_complete());

        let unweighted = rollup(Rollup::WeightedMean, &values, None, &regions(&GROUP));
        assert_eq!(unweighted.value, None);
        assert_eq!(unweighted.coverage.without_weight.len(), 3);

        let negative = map(&[("twente", -1.0), ("rotterdam", 60.0), ("zeeland", f64::NAN)]);
        let figure = rollup(Rollup::WeightedMean, &values, Some(&negative), &regions(&GROUP));
        assert_eq!(figure.value, Some(7.0));
        assert_eq!(figure.coverage.without_weight, regions(&["twente", "zeeland"]));
    }

    #[test]
    fn zero_total_weight_gives_no_value() {
        let values = map(&[("twente", 5.0)]);
        let weights = map(&[("twente", 0.0)]);
        let figure = rollup(Rollup::WeightedMean, &values, Some(&weights), &regions(&GROUP));
        assert_eq!(figure.value, None);
        assert_eq!(figure.coverage.contributing, 1);
    }

    #[test]
    fn no_input_is_no_value_not_zero() {
        let empty = BTreeMap::new();
        for rule in Rollup::ALL {
            let figure = rollup(*rule, &empty, None, &regions(&GROUP));
            assert_eq!(figure.value, None, "{rule}");
            assert_eq!(figure.coverage.missing.len(), 3);
            assert_eq!(figure.coverage.reported, 0);
        }
        assert_eq!(rollup(Rollup::Sum, &empty, None, &[]).value, None);
    }

    #[test]
    fn only_the_group_counts() {
        // A provincial figure: Limburg's value is not part of this group.
        let values = map(&[("twente", 10.0), ("limburg", 99.0)]);
        let expected = regions(&["twente", "twente", "ijssel-vecht"]);
        let figure = rollup(Rollup::Sum, &values, None, &expected);
        assert_eq!(figure.value, Some(10.0));
        assert_eq!(figure.coverage.expected, 2, "a region listed twice counts once");
        assert_eq!(figure.coverage.not_expected, regions(&["limburg"]));
        assert_eq!(figure.coverage.missing, regions(&["ijssel-vecht"]));
    }

    #[test]
    fn non_finite_values_count_as_missing() {
        let values = map(&[("twente", f64::NAN), ("rotterdam", 2.0)]);
        let figure = rollup(Rollup::Mean, &values, None, &regions(&GROUP));
        assert_eq!(figure.value, Some(2.0));
        assert_eq!(figure.coverage.missing, regions(&["twente", "zeeland"]));
    }

    #[test]
    fn a_series_per_period() {
        let series = |points: &[(i32, f64)]| -> Series { points.iter().map(|(y, v)| (Period::Year(*y), *v)).collect() };
        let values: BTreeMap<RegionCode, Series> = [
            (region("twente"), series(&[(2022, 4.0), (2023, 5.0)])),
            (region("rotterdam"), series(&[(2023, 7.0)])),
        ]
        .into_iter()
        .collect();
        let weights: BTreeMap<RegionCode, Series> = [
            (region("twente"), series(&[(2022, 10.0), (2023, 40.0)])),
            (region("rotterdam"), series(&[(2023, 60.0)])),
        ]
        .into_iter()
        .collect();
        let figures = rollup_series(Rollup::WeightedMean, &values, Some(&weights), &regions(&GROUP));
        assert_eq!(
            figures.keys().copied().collect::<Vec<_>>(),
            vec![Period::Year(2022), Period::Year(2023)]
        );
        assert_eq!(figures[&Period::Year(2022)].value, Some(4.0));
        assert_eq!(
            figures[&Period::Year(2022)].coverage.missing,
            regions(&["rotterdam", "zeeland"])
        );
        // (5·40 + 7·60) / 100 = 6.2
        assert!(close(figures[&Period::Year(2023)].value, 6.2));
        assert_eq!(figures[&Period::Year(2023)].coverage.reported, 2);
    }

    fn region_values() -> impl Strategy<Value = Vec<(String, f64, f64)>> {
        proptest::collection::vec(("[a-z]{2,6}", 0.0f64..1e6, 0.0f64..1e5), 0..12)
    }

    proptest! {
        #[test]
        fn coverage_adds_up_and_values_stay_in_range(
            rows in region_values(),
            extra in proptest::collection::vec("[a-z]{2,6}", 0..5),
        ) {
            let values: BTreeMap<RegionCode, f64> = rows.iter().map(|(c, v, _)| (region(c), *v)).collect();
            let weights: BTreeMap<RegionCode, f64> = rows.iter().map(|(c, _, w)| (region(c), *w)).collect();
            let expected: Vec<RegionCode> = values.keys().cloned().chain(extra.iter().map(|c| region(c))).collect();
            for rule in Rollup::ALL {
                let figure = rollup(*rule, &values, Some(&weights), &expected);
                let c = &figure.coverage;
                prop_assert_eq!(c.reported + c.missing.len(), c.expected);
                prop_assert_eq!(c.contributing + c.without_weight.len(), c.reported);
                prop_assert!(c.not_expected.is_empty());
                let no_data = values.is_empty() || (*rule == Rollup::WeightedMean && weights.values().all(|w| *w == 0.0));
                prop_assert_eq!(figure.value.is_none(), no_data);
                if let Some(value) = figure.value {
                    let min = values.values().copied().fold(f64::INFINITY, f64::min);
                    let max = values.values().copied().fold(f64::NEG_INFINITY, f64::max);
                    match rule {
                        Rollup::Sum => prop_assert!(close(Some(value), values.values().sum())),
                        _ => prop_assert!(min - 1e-6 <= value && value <= max + 1e-6),
                    }
                }
            }
        }

        #[test]
        fn equal_weights_make_the_weighted_mean_the_plain_mean(
            rows in region_values(),
            weight in 0.5f64..1000.0,
        ) {
            let values: BTreeMap<RegionCode, f64> = rows.iter().map(|(c, v, _)| (region(c), *v)).collect();
            let weights: BTreeMap<RegionCode, f64> = values.keys().map(|c| (c.clone(), weight)).collect();
            let expected: Vec<RegionCode> = values.keys().cloned().collect();
            let weighted = rollup(Rollup::WeightedMean, &values, Some(&weights), &expected).value;
            let plain = rollup(Rollup::Mean, &values, None, &expected).value;
            prop_assert_eq!(weighted.is_some(), plain.is_some());
            if let (Some(w), Some(p)) = (weighted, plain) {
                prop_assert!((w - p).abs() <= 1e-9 * p.abs().max(1.0));
            }
        }
    }
}
