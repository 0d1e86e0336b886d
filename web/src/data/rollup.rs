//! The national figure of an indicator, computed from the regions' values with the
//! catalogue's roll-up rule (the API has no roll-up endpoint yet).

use std::collections::{BTreeMap, HashMap};

use zorgpact_contract::indicator::IndicatorValueResponse;

/// The national figure of one period, and how many regions it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct NationalPoint {
    pub period: String,
    pub value: f64,
    pub regions: usize,
}

/// Rolls `values` (of one indicator, any regions) up per period: `sum`, `mean`, or
/// `weighted_mean` by `weights` (the values of the weight indicator). A weight of a
/// coarser period type counts for every period within it (a year's employees weigh
/// that year's quarters). `None` for a rule this app does not know.
pub fn national(
    rule: &str,
    values: &[IndicatorValueResponse],
    weights: &[IndicatorValueResponse],
) -> Option<Vec<NationalPoint>> {
    let mut by_period: BTreeMap<&str, Vec<&IndicatorValueResponse>> = BTreeMap::new();
    for value in values {
        by_period.entry(value.period.as_str()).or_default().push(value);
    }
    let weight_of: HashMap<(&str, &str), f64> = weights
        .iter()
        .map(|w| ((w.region.as_str(), w.period.as_str()), w.value))
        .collect();
    let weight = |region: &str, period: &str| {
        weight_of
            .get(&(region, period))
            .or_else(|| weight_of.get(&(region, period.get(..4).unwrap_or(period))))
            .copied()
    };
    let mut points = Vec::with_capacity(by_period.len());
    for (period, entries) in by_period {
        let point = match rule {
            "sum" => Some((entries.iter().map(|e| e.value).sum(), entries.len())),
            "mean" => Some((
                entries.iter().map(|e| e.value).sum::<f64>() / entries.len() as f64,
                entries.len(),
            )),
            "weighted_mean" => {
                let weighted: Vec<(f64, f64)> = entries
                    .iter()
                    .filter_map(|e| weight(&e.region, period).map(|w| (e.value, w)))
                    .filter(|(_, w)| *w > 0.0)
                    .collect();
                let total: f64 = weighted.iter().map(|(_, w)| w).sum();
                (total > 0.0).then(|| (weighted.iter().map(|(v, w)| v * w).sum::<f64>() / total, weighted.len()))
            }
            _ => return None,
        };
        if let Some((value, regions)) = point {
            points.push(NationalPoint {
                period: period.to_owned(),
                value,
                regions,
            });
        }
    }
    Some(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(region: &str, period: &str, value: f64) -> IndicatorValueResponse {
        IndicatorValueResponse {
            indicator: "x".into(),
            region: region.into(),
            period: period.into(),
            period_start: String::new(),
            value,
            status: "final".into(),
            source: String::new(),
            version: 1,
        }
    }

    #[test]
    fn sums_counts_per_period() {
        let values = [
            value("a", "2024", 10.0),
            value("b", "2024", 5.0),
            value("a", "2025", 7.0),
        ];
        let points = national("sum", &values, &[]).expect("known rule");
        assert_eq!(
            points[0],
            NationalPoint {
                period: "2024".into(),
                value: 15.0,
                regions: 2
            }
        );
        assert_eq!(points[1].regions, 1);
    }

    #[test]
    fn weights_rates_by_the_year_of_a_quarter() {
        let values = [value("a", "2024-Q1", 4.0), value("b", "2024-Q1", 8.0)];
        let weights = [value("a", "2024", 300.0), value("b", "2024", 100.0)];
        let points = national("weighted_mean", &values, &weights).expect("known rule");
        assert_eq!(points[0].value, 5.0);
        assert_eq!(points[0].regions, 2);
    }

    #[test]
    fn unknown_rules_give_no_figure() {
        assert_eq!(national("median", &[value("a", "2024", 1.0)], &[]), None);
    }
}
