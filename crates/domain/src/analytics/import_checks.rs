//! Warnings for imported values that do not block the import but deserve a second
//! look, such as a value far outside the region's history (a typo, a unit mix-up,
//! a count entered in thousands).
//!
//! The outlier rule, in two parts by how much history there is:
//! - **At least 5 earlier values**: warn when the value lies more than 3 robust
//!   standard deviations from the history's median (1.4826 × the median absolute
//!   deviation, which a single earlier outlier cannot inflate) *and* more than 10%
//!   of the median away from it, so a very steady series does not warn at every
//!   small step.
//! - **1 to 4 earlier values**: warn when the value differs from the most recent one
//!   by more than 50% of it. (A previous value of 0 gives no scale: no warning.)
//! - No history: nothing to compare with, no warning.
//!
//! The history is the region's most recent [`HISTORY_WINDOW`] earlier values: five
//! years of months. Older values say little about what is plausible now, and a
//! bounded window keeps checking a 50 000-row import of long series linear.

use crate::InvalidValue;

/// The most recent earlier values the rule looks at.
pub const HISTORY_WINDOW: usize = 60;
/// Earlier values needed before the median/MAD rule applies.
pub const MIN_HISTORY: usize = 5;
/// How many robust standard deviations from the median count as far.
pub const ROBUST_SIGMAS: f64 = 3.0;
/// The smallest distance from the median, relative to it, that can count as far.
pub const MIN_RELATIVE_DEVIATION: f64 = 0.10;
/// With a short history: the largest change relative to the last value that passes.
pub const MAX_JUMP: f64 = 0.50;
/// Scales the median absolute deviation to a standard deviation for normal data.
const MAD_TO_SIGMA: f64 = 1.4826;

/// A warning (code `outlier`) when `value` is far outside `history` (the region's
/// earlier values of the indicator, oldest first), `None` when it is not; see the
/// module documentation for the rule.
pub fn is_outlier(value: f64, history: &[f64]) -> Option<InvalidValue> {
    let recent = &history[history.len().saturating_sub(HISTORY_WINDOW)..];
    let mut history: Vec<f64> = recent.iter().copied().filter(|v| v.is_finite()).collect();
    if !value.is_finite() || history.is_empty() {
        return None;
    }
    if history.len() < MIN_HISTORY {
        let last = *history.last()?;
        let jump = (value - last) / last.abs();
        return (last != 0.0 && jump.abs() > MAX_JUMP).then(|| {
            InvalidValue::outlier(format!(
                "{} is {}% {} the previous value {} (more than a {}% change)",
                number(value),
                number((jump * 100.0).abs()),
                if jump > 0.0 { "above" } else { "below" },
                number(last),
                number(MAX_JUMP * 100.0),
            ))
        });
    }
    // One buffer: the values, reordered by the selection, then their deviations.
    let median = super::stats::median_in_place(&mut history)?;
    for v in &mut history {
        *v = (*v - median).abs();
    }
    let sigma = MAD_TO_SIGMA * super::stats::median_in_place(&mut history)?;
    let band = (ROBUST_SIGMAS * sigma).max(MIN_RELATIVE_DEVIATION * median.abs());
    ((value - median).abs() > band).then(|| {
        InvalidValue::outlier(format!(
            "{} is far outside this region's history: of its {} earlier values the median is {} and a value \
             from {} to {} would be usual",
            number(value),
            history.len(),
            number(median),
            number(median - band),
            number(median + band),
        ))
    })
}

/// A number for a message: at most two decimals, no trailing zeros.
fn number(x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.into() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_the_recent_history_counts() {
        // A count that halved ten years ago: today's level is the measure, and a
        // return to the old level is worth a second look.
        let mut history = vec![2_000.0; 120];
        history.extend(std::iter::repeat_n(1_000.0, HISTORY_WINDOW));
        assert!(is_outlier(2_000.0, &history).is_some(), "far from the last five years");
        assert_eq!(is_outlier(1_010.0, &history), None);
    }

    #[test]
    fn a_typo_in_a_long_history_is_flagged() {
        // Employees in thousands by mistake: 48 instead of 48 000.
        let history = [47_200.0, 47_900.0, 48_100.0, 48_600.0, 49_000.0];
        let reason = is_outlier(48.0, &history).expect("far outside").reason;
        assert!(
            reason.starts_with("48 is far outside this region's history"),
            "{reason}"
        );
        assert!(reason.contains("median is 48100"), "{reason}");
        assert_eq!(is_outlier(49_300.0, &history), None, "ordinary growth");
    }

    #[test]
    fn the_band_is_the_wider_of_three_robust_sigmas_and_ten_percent() {
        // Median 100, deviations 0, 2, 2, 4, 4 → MAD 2, σ ≈ 2.97, 3σ ≈ 8.9 < 10% of 100.
        let steady = [96.0, 98.0, 100.0, 102.0, 104.0];
        assert_eq!(is_outlier(109.0, &steady), None);
        assert_eq!(is_outlier(110.0, &steady), None, "exactly 10% is still usual");
        assert!(is_outlier(111.0, &steady).is_some());
        assert!(is_outlier(89.0, &steady).is_some());
        // Median 100, deviations 0, 20, 20, 40, 40 → MAD 20, 3σ ≈ 88.96.
        let noisy = [60.0, 80.0, 100.0, 120.0, 140.0];
        assert_eq!(is_outlier(188.0, &noisy), None);
        assert!(is_outlier(190.0, &noisy).is_some());
        // A constant history (MAD 0) falls back on the 10% band.
        let constant = [50.0; 6];
        assert_eq!(is_outlier(54.0, &constant), None);
        assert!(is_outlier(56.0, &constant).is_some());
    }

    #[test]
    fn one_earlier_outlier_does_not_widen_the_band() {
        // The 5 000 in the history does not make 4 000 look usual.
        let history = [100.0, 105.0, 98.0, 5_000.0, 102.0, 101.0];
        assert!(is_outlier(4_000.0, &history).is_some());
        assert_eq!(is_outlier(103.0, &history), None);
    }

    #[test]
    fn a_short_history_compares_with_the_last_value() {
        let warning = is_outlier(160.0, &[90.0, 100.0]).expect("jump");
        assert_eq!(warning.code, crate::FieldErrorCode::Outlier);
        assert_eq!(
            warning.reason,
            "160 is 60% above the previous value 100 (more than a 50% change)"
        );
        let reason = is_outlier(40.0, &[100.0]).expect("drop").reason;
        assert_eq!(
            reason,
            "40 is 60% below the previous value 100 (more than a 50% change)"
        );
        assert_eq!(is_outlier(150.0, &[100.0]), None, "exactly 50% passes");
        assert_eq!(is_outlier(55.0, &[100.0]), None);
        assert_eq!(is_outlier(7.0, &[0.0]), None, "no scale");
        assert!(
            is_outlier(-2.0, &[-10.0]).is_some(),
            "an index from -10 to -2 moves 80%"
        );
    }

    #[test]
    fn nothing_to_compare_with() {
        assert_eq!(is_outlier(1e9, &[]), None);
        assert_eq!(is_outlier(1e9, &[f64::NAN]), None);
        assert_eq!(is_outlier(f64::NAN, &[1.0, 2.0]), None);
    }

    #[test]
    fn numbers_in_messages() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(-12.25), "-12.25");
    }

    proptest! {
        #[test]
        fn the_middle_of_the_history_is_never_an_outlier(
            history in proptest::collection::vec(-1e6f64..1e6, 1..20),
        ) {
            let median = super::super::stats::median(&history).expect("values");
            if history.len() >= MIN_HISTORY {
                prop_assert_eq!(is_outlier(median, &history), None);
            } else {
                let last = history[history.len() - 1];
                prop_assert_eq!(is_outlier(last, &history), None);
            }
        }
    }
}
