//! Progress of one region on one indicator: the latest value against its target
//! (*ambitie*), how much of the target is achieved, the gap, the recent trend and
//! whether the region is on track, all judged by the indicator's direction.
//!
//! Rules, so every screen says the same:
//! - **target**: the target for the latest value's period; failing that the nearest
//!   later one (the target whose period ends soonest after). A target for a period
//!   already past is not used. With no value at all, the earliest target.
//! - **achieved %**: higher is better: value / target × 100; lower is better:
//!   target / value × 100. So 100% is "exactly on target" and more is better in
//!   both directions. Only defined for a positive denominator and a non-negative
//!   numerator; otherwise (division by zero, signs that make a ratio meaningless)
//!   there is none and the gap tells the story.
//! - **gap**: value − target, plainly. **signed gap**: the same turned so that
//!   *positive means better than target*: value − target when higher is better,
//!   target − value when lower is better.
//! - **on track**: yes when the target is met; otherwise yes when the trend moves
//!   toward it (rising when higher is better, falling when lower is better), no when
//!   it is flat or moves away. Without a target: yes when the trend improves, no when
//!   flat or worsening. Unknown (`None`) without a trend to judge by.

use super::trend::{Trend, TrendFit, TrendRule, trend};
use super::{Point, Series};
use crate::code_enum::code_enum;
use crate::indicator::Direction;
use crate::period::Period;

/// value − target, as in the tidy table.
pub fn gap(value: f64, target: f64) -> f64 {
    value - target
}

/// The gap turned so that positive means better than target, whatever the direction.
pub fn signed_gap(value: f64, target: f64, direction: Direction) -> f64 {
    match direction {
        Direction::HigherIsBetter => value - target,
        Direction::LowerIsBetter => target - value,
    }
}

/// Whether the value reaches the target in the better direction (equal counts).
pub fn target_met(value: f64, target: f64, direction: Direction) -> bool {
    signed_gap(value, target, direction) >= 0.0
}

/// How much of the target is achieved, in percent (see the module documentation);
/// `None` where the ratio is undefined or meaningless.
pub fn achieved_pct(value: f64, target: f64, direction: Direction) -> Option<f64> {
    let (numerator, denominator) = match direction {
        Direction::HigherIsBetter => (value, target),
        Direction::LowerIsBetter => (target, value),
    };
    let pct = numerator / denominator * 100.0;
    (denominator > 0.0 && numerator >= 0.0 && pct.is_finite()).then_some(pct)
}

/// The target that applies to a value for `period` (see the module documentation);
/// with `period` `None`, the earliest target.
pub fn target_for(targets: &Series, period: Option<Period>) -> Option<Point> {
    targets
        .iter()
        .filter(|(p, v)| v.is_finite() && period.is_none_or(|period| p.end() >= period.end()))
        .min_by_key(|(p, _)| (p.end(), p.start()))
        .map(|(p, v)| Point { period: *p, value: *v })
}

code_enum! {
    /// Why a region is, or is not, on track.
    Verdict {
        /// The latest value meets the target.
        TargetMet => "target_met",
        /// Not there yet, but the trend moves toward the target.
        MovingTowardTarget => "moving_toward_target",
        /// Not there, and the trend is flat or moves away.
        NotMovingTowardTarget => "not_moving_toward_target",
        /// No target; the trend moves in the better direction.
        Improving => "improving",
        /// No target; the trend is flat or moves in the worse direction.
        NotImproving => "not_improving",
        /// Too little data to judge: no value, or no trend and the target not met.
        NotEnoughData => "not_enough_data",
    }
}

/// One region's progress on one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The most recent value.
    pub latest: Option<Point>,
    /// The target it is judged against.
    pub target: Option<Point>,
    pub achieved_pct: Option<f64>,
    /// value − target.
    pub gap: Option<f64>,
    /// The gap with positive meaning better than target.
    pub signed_gap: Option<f64>,
    pub target_met: Option<bool>,
    pub trend: Option<TrendFit>,
    /// `None` when there is too little data to judge.
    pub on_track: Option<bool>,
    /// Why `on_track` is what it is.
    pub verdict: Verdict,
}

/// Computes a region's progress from its value and target series for one indicator.
pub fn progress(values: &Series, targets: &Series, direction: Direction, rule: TrendRule) -> Progress {
    let latest = values
        .iter()
        .rev()
        .find(|(_, v)| v.is_finite())
        .map(|(p, v)| Point { period: *p, value: *v });
    let target = target_for(targets, latest.map(|l| l.period));
    let fit = trend(values, rule);
    let pair = latest.zip(target).map(|(l, t)| (l.value, t.value));
    let met = pair.map(|(v, t)| target_met(v, t, direction));
    let better = match direction {
        Direction::HigherIsBetter => Trend::Rising,
        Direction::LowerIsBetter => Trend::Falling,
    };
    let improving = fit.map(|f| f.trend == better);
    let verdict = match (latest, met, improving) {
        (None, ..) => Verdict::NotEnoughData,
        (_, Some(true), _) => Verdict::TargetMet,
        (_, Some(false), Some(true)) => Verdict::MovingTowardTarget,
        (_, Some(false), Some(false)) => Verdict::NotMovingTowardTarget,
        (_, None, Some(true)) => Verdict::Improving,
        (_, None, Some(false)) => Verdict::NotImproving,
        (_, _, None) => Verdict::NotEnoughData,
    };
    let on_track = match verdict {
        Verdict::TargetMet | Verdict::MovingTowardTarget | Verdict::Improving => Some(true),
        Verdict::NotMovingTowardTarget | Verdict::NotImproving => Some(false),
        Verdict::NotEnoughData => None,
    };
    Progress {
        latest,
        target,
        achieved_pct: pair.and_then(|(v, t)| achieved_pct(v, t, direction)),
        gap: pair.map(|(v, t)| gap(v, t)),
        signed_gap: pair.map(|(v, t)| signed_gap(v, t, direction)),
        target_met: met,
        trend: fit,
        on_track,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::PeriodType;
    use proptest::prelude::*;

    const HIGHER: Direction = Direction::HigherIsBetter;
    const LOWER: Direction = Direction::LowerIsBetter;

    fn years(values: &[(i32, f64)]) -> Series {
        values.iter().map(|(y, v)| (Period::Year(*y), *v)).collect()
    }

    fn yearly() -> TrendRule {
        TrendRule::for_period_type(PeriodType::Year)
    }

    #[test]
    fn achieved_percent_by_direction() {
        // 450 of 500 side-entrants: 90%.
        assert_eq!(achieved_pct(450.0, 500.0, HIGHER), Some(90.0));
        // Sick leave 8% against a target of 6%: 6 / 8 = 75%.
        assert_eq!(achieved_pct(8.0, 6.0, LOWER), Some(75.0));
        // Beating a lower-is-better target goes over 100%: 6 / 4 = 150%.
        assert_eq!(achieved_pct(4.0, 6.0, LOWER), Some(150.0));
        assert_eq!(achieved_pct(0.0, 500.0, HIGHER), Some(0.0));
        // Division by zero and meaningless signs give none.
        assert_eq!(achieved_pct(10.0, 0.0, HIGHER), None);
        assert_eq!(achieved_pct(0.0, 6.0, LOWER), None);
        assert_eq!(achieved_pct(-2.0, 4.0, HIGHER), None);
        assert_eq!(achieved_pct(3.0, -4.0, HIGHER), None);
    }

    #[test]
    fn gap_is_positive_when_better() {
        assert_eq!(gap(450.0, 500.0), -50.0);
        assert_eq!(signed_gap(450.0, 500.0, HIGHER), -50.0);
        assert_eq!(gap(8.0, 6.0), 2.0);
        assert_eq!(
            signed_gap(8.0, 6.0, LOWER),
            -2.0,
            "2 points more sick leave than targeted is worse"
        );
        assert_eq!(signed_gap(5.0, 6.0, LOWER), 1.0);
        assert!(target_met(6.0, 6.0, LOWER));
        assert!(target_met(500.0, 500.0, HIGHER));
        assert!(!target_met(499.0, 500.0, HIGHER));
    }

    #[test]
    fn the_target_of_the_period_or_the_next_one() {
        let targets = years(&[(2020, 1.0), (2023, 2.0), (2025, 3.0)]);
        let at = |p: Period| target_for(&targets, Some(p)).map(|t| (t.period, t.value));
        assert_eq!(at(Period::Year(2023)), Some((Period::Year(2023), 2.0)));
        assert_eq!(at(Period::Year(2024)), Some((Period::Year(2025), 3.0)));
        assert_eq!(at(Period::Year(2026)), None, "past targets are not used");
        assert_eq!(target_for(&targets, None).map(|t| t.period), Some(Period::Year(2020)));
        // A quarterly value within a yearly target's year takes that year's target.
        assert_eq!(at(Period::Quarter(2025, 2)), Some((Period::Year(2025), 3.0)));
    }

    #[test]
    fn behind_target_but_moving_toward_it() {
        // Side-entrants 400, 420, 450 against 500 in 2024.
        let values = years(&[(2021, 400.0), (2022, 420.0), (2023, 450.0)]);
        let targets = years(&[(2024, 500.0)]);
        let p = progress(&values, &targets, HIGHER, yearly());
        assert_eq!(p.latest.map(|l| l.period), Some(Period::Year(2023)));
        assert_eq!(p.target.map(|t| (t.period, t.value)), Some((Period::Year(2024), 500.0)));
        assert_eq!(p.achieved_pct, Some(90.0));
        assert_eq!((p.gap, p.signed_gap), (Some(-50.0), Some(-50.0)));
        assert_eq!(p.target_met, Some(false));
        assert_eq!(p.trend.map(|t| t.trend), Some(Trend::Rising));
        assert_eq!((p.on_track, p.verdict), (Some(true), Verdict::MovingTowardTarget));
    }

    #[test]
    fn lower_is_better_rising_is_off_track() {
        // Sick leave 6.0, 6.5, 7.0 against 5.5: further away each year.
        let values = years(&[(2021, 6.0), (2022, 6.5), (2023, 7.0)]);
        let targets = years(&[(2023, 5.5)]);
        let p = progress(&values, &targets, LOWER, yearly());
        assert_eq!(p.gap, Some(1.5));
        assert_eq!(p.signed_gap, Some(-1.5));
        assert!(p.achieved_pct.is_some_and(|a| (a - 5.5 / 7.0 * 100.0).abs() < 1e-9));
        assert_eq!((p.on_track, p.verdict), (Some(false), Verdict::NotMovingTowardTarget));

        // Falling sick leave is the better direction.
        let falling = years(&[(2021, 7.0), (2022, 6.5), (2023, 6.0)]);
        let p = progress(&falling, &targets, LOWER, yearly());
        assert_eq!((p.on_track, p.verdict), (Some(true), Verdict::MovingTowardTarget));
    }

    #[test]
    fn a_met_target_is_on_track_even_when_flat() {
        let values = years(&[(2022, 4.0), (2023, 4.0)]);
        let p = progress(&values, &years(&[(2023, 5.0)]), LOWER, yearly());
        assert_eq!(p.trend.map(|t| t.trend), Some(Trend::Flat));
        assert_eq!((p.on_track, p.verdict), (Some(true), Verdict::TargetMet));
        assert_eq!(p.achieved_pct, Some(125.0));
    }

    #[test]
    fn without_a_target_the_direction_judges_the_trend() {
        let values = years(&[(2022, 100.0), (2023, 120.0)]);
        let p = progress(&values, &Series::new(), HIGHER, yearly());
        assert_eq!((p.target, p.gap, p.achieved_pct), (None, None, None));
        assert_eq!((p.on_track, p.verdict), (Some(true), Verdict::Improving));
        let p = progress(&values, &Series::new(), LOWER, yearly());
        assert_eq!((p.on_track, p.verdict), (Some(false), Verdict::NotImproving));
    }

    #[test]
    fn too_little_data_is_said() {
        let p = progress(&Series::new(), &years(&[(2025, 500.0)]), HIGHER, yearly());
        assert_eq!(p.latest, None);
        assert_eq!(p.target.map(|t| t.value), Some(500.0));
        assert_eq!((p.on_track, p.verdict), (None, Verdict::NotEnoughData));
        // One value below target: no trend yet, so no judgement.
        let p = progress(&years(&[(2023, 450.0)]), &years(&[(2025, 500.0)]), HIGHER, yearly());
        assert_eq!(p.gap, Some(-50.0));
        assert_eq!((p.on_track, p.verdict), (None, Verdict::NotEnoughData));
    }

    proptest! {
        #[test]
        fn achieved_and_signed_gap_agree(value in 0.01f64..1e6, target in 0.01f64..1e6, higher in any::<bool>()) {
            let direction = if higher { HIGHER } else { LOWER };
            let pct = achieved_pct(value, target, direction).expect("positive figures");
            if (pct - 100.0).abs() > 1e-9 {
                prop_assert_eq!(pct > 100.0, target_met(value, target, direction));
            }
            prop_assert_eq!(signed_gap(value, target, direction).abs(), gap(value, target).abs());
        }
    }
}
