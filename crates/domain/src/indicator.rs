//! Indicators (*indicatoren*): what the programme measures, how, and how regional
//! figures roll up into a national one.

use crate::code_enum::code_enum;
use crate::period::PeriodType;
use crate::{InvalidValue, ValidationErrors, Validator, text};

/// An indicator's stable identifier, e.g. `open_vacancies`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorCode(String);

impl IndicatorCode {
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        text::code(input, '_', 2, 60).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for IndicatorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

code_enum! {
    /// Which part of the programme an indicator belongs to.
    IndicatorGroup {
        /// The goal: enough satisfied, well-equipped staff.
        Goal => "goal",
        Choose => "choose",
        Learn => "learn",
        Work => "work",
    }
}

code_enum! {
    Unit {
        Persons => "persons",
        Percent => "percent",
        Hours => "hours",
        Index => "index",
        Count => "count",
    }
}

code_enum! {
    Direction {
        HigherIsBetter => "higher_is_better",
        LowerIsBetter => "lower_is_better",
    }
}

code_enum! {
    /// How regional values combine into a national figure.
    Rollup {
        /// Counts add up.
        Sum => "sum",
        /// Rates are weighted by another indicator, e.g. employees.
        WeightedMean => "weighted_mean",
        /// Scores and indices: a plain mean over reporting regions.
        Mean => "mean",
    }
}

code_enum! {
    /// How final a reported value is.
    ValueStatus {
        Provisional => "provisional",
        Final => "final",
        Revised => "revised",
    }
}

pub const NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 4_000;
pub const SOURCE_MAX: usize = 200;

/// The roll-up rule with its weight, valid together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupRule {
    pub rollup: Rollup,
    pub weight_indicator: Option<IndicatorCode>,
}

impl RollupRule {
    /// A weighted mean needs a weight indicator other than the indicator itself;
    /// the other rules take none.
    pub fn new(
        own_code: &IndicatorCode,
        rollup: Rollup,
        weight_indicator: Option<IndicatorCode>,
    ) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        match (&rollup, &weight_indicator) {
            (Rollup::WeightedMean, None) => v.check(
                false,
                "/weight_indicator",
                "is required for a weighted_mean roll-up",
            ),
            (Rollup::WeightedMean, Some(weight)) => v.check(
                weight != own_code,
                "/weight_indicator",
                "cannot weigh an indicator by itself",
            ),
            (_, Some(_)) => v.check(
                false,
                "/weight_indicator",
                "is only allowed with a weighted_mean roll-up",
            ),
            (_, None) => {}
        }
        v.finish()?;
        Ok(Self {
            rollup,
            weight_indicator,
        })
    }
}

/// A measured value must be a finite number; percentages stay within 0..=100 and
/// counts cannot be negative.
pub fn check_value(value: f64, unit: Unit) -> Result<f64, InvalidValue> {
    if !value.is_finite() {
        return Err(InvalidValue::new("must be a finite number"));
    }
    match unit {
        Unit::Percent if !(0.0..=100.0).contains(&value) => {
            Err(InvalidValue::new("must be a percentage from 0 to 100"))
        }
        Unit::Persons | Unit::Count | Unit::Hours if value < 0.0 => {
            Err(InvalidValue::new("must not be negative"))
        }
        _ => Ok(value),
    }
}

/// The default period type is the one the programme's monitor uses: yearly.
pub const DEFAULT_PERIOD_TYPE: PeriodType = PeriodType::Year;

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> IndicatorCode {
        IndicatorCode::parse(s).expect("code")
    }

    #[test]
    fn weighted_mean_needs_another_indicator_as_weight() {
        let own = code("sick_leave");
        assert!(RollupRule::new(&own, Rollup::WeightedMean, Some(code("employees"))).is_ok());
        assert!(RollupRule::new(&own, Rollup::WeightedMean, None).is_err());
        assert!(RollupRule::new(&own, Rollup::WeightedMean, Some(own.clone())).is_err());
        assert!(RollupRule::new(&own, Rollup::Sum, Some(code("employees"))).is_err());
        assert!(RollupRule::new(&own, Rollup::Sum, None).is_ok());
    }

    #[test]
    fn values_fit_their_unit() {
        assert!(check_value(55.5, Unit::Percent).is_ok());
        assert!(check_value(101.0, Unit::Percent).is_err());
        assert!(check_value(-1.0, Unit::Persons).is_err());
        assert!(check_value(-3.0, Unit::Index).is_ok());
        assert!(check_value(f64::NAN, Unit::Index).is_err());
        assert!(check_value(f64::INFINITY, Unit::Count).is_err());
    }
}
