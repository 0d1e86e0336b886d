//! The few statistics the analytics share. Each returns `None` where the figure is
//! undefined (no input, zero total weight) rather than a misleading number.

/// Plain sum; `None` for no values, so "nothing reported" never reads as 0.
pub(crate) fn sum(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum())
}

/// Plain mean; `None` for no values.
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    Some(sum(values)? / values.len() as f64)
}

/// Σ value·weight / Σ weight over `(value, weight)` pairs; `None` for no pairs or a
/// total weight of zero.
pub(crate) fn weighted_mean(pairs: &[(f64, f64)]) -> Option<f64> {
    let total: f64 = pairs.iter().map(|(_, w)| w).sum();
    if pairs.is_empty() || total == 0.0 {
        return None;
    }
    Some(pairs.iter().map(|(v, w)| v * w).sum::<f64>() / total)
}

/// The middle value (mean of the two middle ones for an even count).
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    median_in_place(&mut values.to_vec())
}

/// [`median`], reordering `values` instead of copying them: an import checks
/// every point against its history, and the copies were most of the check.
pub(crate) fn median_in_place(values: &mut [f64]) -> Option<f64> {
    // Selection, not a sort.
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (lower, upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return Some(upper);
    }
    // The largest of the lower half is the other middle value.
    let below = lower.iter().copied().max_by(f64::total_cmp)?;
    Some((below + upper) / 2.0)
}

/// The nearest-rank percentile (`p` in 0..=100): the smallest value with at
/// least `p`% of the values at or below it; `None` for no values.
pub(crate) fn nearest_rank(values: &[u32], p: u32) -> Option<u32> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (p as usize * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Least-squares slope of y over x; `None` with fewer than two distinct x.
pub(crate) fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|(x, _)| x).sum::<f64>() / n;
    let mean_y = points.iter().map(|(_, y)| y).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    let sxy: f64 = points.iter().map(|(x, y)| (x - mean_x) * (y - mean_y)).sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_by_hand() {
        assert_eq!(sum(&[1.0, 2.5, 3.5]), Some(7.0));
        assert_eq!(sum(&[]), None);
        assert_eq!(mean(&[2.0, 4.0, 9.0]), Some(5.0));
        assert_eq!(mean(&[]), None);
        // (4·100 + 6·300) / 400 = 5.5
        assert_eq!(weighted_mean(&[(4.0, 100.0), (6.0, 300.0)]), Some(5.5));
        assert_eq!(weighted_mean(&[(4.0, 0.0)]), None);
        assert_eq!(weighted_mean(&[]), None);
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        // Ten values: the 90th percentile is the 9th, the 50th the 5th.
        let days = [12, 3, 7, 1, 30, 9, 4, 2, 15, 5];
        assert_eq!(nearest_rank(&days, 90), Some(15));
        assert_eq!(nearest_rank(&days, 50), Some(5));
        assert_eq!(nearest_rank(&[4], 90), Some(4));
        assert_eq!(nearest_rank(&[], 90), None);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(slope(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]), Some(2.0));
        assert_eq!(slope(&[(1.0, 1.0), (1.0, 3.0)]), None);
        assert_eq!(slope(&[]), None);
    }

    proptest::proptest! {
        #[test]
        fn the_median_is_the_middle_of_the_sorted_values(values in proptest::collection::vec(-1e9f64..1e9, 1..80)) {
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let n = sorted.len();
            let middle = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
            proptest::prop_assert_eq!(median(&values), Some(middle));
        }
    }
}
