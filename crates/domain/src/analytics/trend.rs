//! A simple trend over a series' last periods: rising, falling or flat.
//!
//! The rule: fit a least-squares line through the values of the last `N` periods
//! (ending at the latest value, gaps allowed, at least two values) and compare its
//! slope per period with the mean absolute value of those points. Within
//! ±`tolerance` (1% per period by default) the series is flat; above it rising,
//! below it falling. Relative, so a count in the thousands and a percentage are
//! judged alike.

use super::Series;
use super::calendar::PeriodExt;
use super::stats;
use crate::code_enum::code_enum;
use crate::period::{Period, PeriodType};

code_enum! {
    /// Which way a series has been moving, regardless of which way is better.
    Trend {
        Rising => "rising",
        Falling => "falling",
        Flat => "flat",
    }
}

/// The default flat band: a slope within ±1% of the mean per period.
pub const FLAT_TOLERANCE: f64 = 0.01;

/// How far back a trend looks and how steep it must be to count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendRule {
    /// How many periods, ending at the latest value, the trend looks at (at least 2).
    pub periods: u32,
    /// The relative slope per period within which the series counts as flat.
    pub tolerance: f64,
}

impl TrendRule {
    /// Three years, four quarters or six months: recent enough to matter, long
    /// enough not to follow every wobble.
    pub fn for_period_type(period_type: PeriodType) -> Self {
        let periods = match period_type {
            PeriodType::Year => 3,
            PeriodType::Quarter => 4,
            PeriodType::Month => 6,
        };
        Self {
            periods,
            tolerance: FLAT_TOLERANCE,
        }
    }
}

/// A fitted trend and what it stands on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendFit {
    pub trend: Trend,
    /// The fitted change per period, in the indicator's unit.
    pub slope: f64,
    /// `slope` relative to the mean absolute value of the points: 0.02 is 2% per period.
    pub relative_slope: f64,
    /// How many values the fit used.
    pub points: usize,
    /// The first period of the window looked at.
    pub from: Period,
    /// The latest value's period, where the window ends.
    pub to: Period,
}

/// The trend of `series` over the last `rule.periods` periods (see the module
/// documentation); `None` with fewer than two values in that window.
pub fn trend(series: &Series, rule: TrendRule) -> Option<TrendFit> {
    let (&to, _) = series.iter().rev().find(|(_, v)| v.is_finite())?;
    if rule.periods < 2 {
        return None;
    }
    let from = to.offset(1 - i64::from(rule.periods));
    let points: Vec<(f64, f64)> = series
        .range(from..=to)
        .filter(|(p, v)| p.period_type() == to.period_type() && v.is_finite())
        .map(|(p, v)| ((p.ordinal() - to.ordinal()) as f64, *v))
        .collect();
    let slope = stats::slope(&points)?;
    let scale = points.iter().map(|(_, y)| y.abs()).sum::<f64>() / points.len() as f64;
    // A zero scale means every value is 0, so the slope is 0 too.
    let relative_slope = if scale > 0.0 { slope / scale } else { 0.0 };
    let trend = if relative_slope > rule.tolerance {
        Trend::Rising
    } else if relative_slope < -rule.tolerance {
        Trend::Falling
    } else {
        Trend::Flat
    };
    Some(TrendFit {
        trend,
        slope,
        relative_slope,
        points: points.len(),
        from,
        to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn years(values: &[(i32, f64)]) -> Series {
        values.iter().map(|(y, v)| (Period::Year(*y), *v)).collect()
    }

    const YEARLY: TrendRule = TrendRule {
        periods: 3,
        tolerance: FLAT_TOLERANCE,
    };

    fn fit(series: &Series, rule: TrendRule) -> TrendFit {
        trend(series, rule).expect("enough points")
    }

    #[test]
    fn rising_falling_and_flat_by_hand() {
        // 100, 110, 120: slope 10 per year against a mean of 110, 9.1% per year.
        let rising = fit(&years(&[(2021, 100.0), (2022, 110.0), (2023, 120.0)]), YEARLY);
        assert_eq!(rising.trend, Trend::Rising);
        assert_eq!(rising.slope, 10.0);
        assert!((rising.relative_slope - 10.0 / 110.0).abs() < 1e-12);
        assert_eq!(
            (rising.points, rising.from, rising.to),
            (3, Period::Year(2021), Period::Year(2023))
        );

        let falling = fit(&years(&[(2022, 8.0), (2023, 7.0)]), YEARLY);
        assert_eq!(falling.trend, Trend::Falling);

        // 1000, 1005, 1010: slope 5 against a mean of 1005, 0.5% per year: flat.
        let flat = fit(&years(&[(2021, 1000.0), (2022, 1005.0), (2023, 1010.0)]), YEARLY);
        assert_eq!(flat.trend, Trend::Flat);
    }

    #[test]
    fn looks_only_at_the_last_periods_and_skips_gaps() {
        // 2019 and 2020 fall outside the three-year window 2021..=2023; 2022 is missing.
        // The fit through (2021, 50) and (2023, 40) falls 5 a year.
        let series = years(&[(2019, 10.0), (2020, 90.0), (2021, 50.0), (2023, 40.0)]);
        let fit = fit(&series, YEARLY);
        assert_eq!(fit.trend, Trend::Falling);
        assert_eq!(fit.slope, -5.0);
        assert_eq!(fit.points, 2);
    }

    #[test]
    fn too_little_data_gives_no_trend() {
        assert_eq!(trend(&Series::new(), YEARLY), None);
        assert_eq!(trend(&years(&[(2023, 5.0)]), YEARLY), None);
        // The only other value is outside the window.
        assert_eq!(trend(&years(&[(2018, 1.0), (2023, 5.0)]), YEARLY), None);
        let one_period = TrendRule { periods: 1, ..YEARLY };
        assert_eq!(trend(&years(&[(2022, 1.0), (2023, 5.0)]), one_period), None);
    }

    #[test]
    fn all_zero_is_flat_and_a_sign_change_is_not() {
        assert_eq!(fit(&years(&[(2022, 0.0), (2023, 0.0)]), YEARLY).trend, Trend::Flat);
        // An index moving from −1 to 1 rises, though its mean is 0.
        assert_eq!(fit(&years(&[(2022, -1.0), (2023, 1.0)]), YEARLY).trend, Trend::Rising);
    }

    #[test]
    fn quarters_cross_the_year() {
        let series: Series = [
            (Period::Quarter(2023, 3), 10.0),
            (Period::Quarter(2023, 4), 12.0),
            (Period::Quarter(2024, 1), 14.0),
            (Period::Quarter(2024, 2), 16.0),
        ]
        .into_iter()
        .collect();
        let fit = fit(&series, TrendRule::for_period_type(PeriodType::Quarter));
        assert_eq!((fit.trend, fit.slope, fit.points), (Trend::Rising, 2.0, 4));
    }

    proptest! {
        #[test]
        fn a_straight_line_is_read_right(
            start in 1.0f64..1e6,
            step in -0.5f64..0.5,
            n in 2u32..8,
        ) {
            let series: Series = (0..n)
                .map(|i| (Period::Year(2000 + i as i32), start * (1.0 + step * f64::from(i) / f64::from(n))))
                .collect();
            let rule = TrendRule { periods: n, tolerance: FLAT_TOLERANCE };
            let fit = trend(&series, rule).expect("line");
            let expected = if fit.relative_slope.abs() <= FLAT_TOLERANCE {
                Trend::Flat
            } else if step > 0.0 {
                Trend::Rising
            } else {
                Trend::Falling
            };
            prop_assert_eq!(fit.trend, expected);
            prop_assert_eq!(fit.points, n as usize);
            // Scaling every value (by a power of two, exactly) changes nothing in the verdict.
            let scaled: Series = series.iter().map(|(p, v)| (*p, v * 1024.0)).collect();
            prop_assert_eq!(trend(&scaled, rule).map(|f| f.trend), Some(fit.trend));
        }
    }
}
