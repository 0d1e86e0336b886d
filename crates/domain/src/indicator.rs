//! Indicators (*indicatoren*): what the programme measures, how, and how regional
//! figures roll up into a national one.

pub mod write_plan;

use crate::code_enum::code_enum;
use crate::period::{Period, PeriodType};
use crate::region::RegionCode;
use crate::{InvalidValue, ValidationErrors, Validator, text};
pub use write_plan::{KeyInput, PlannedItem, RegionInput, WriteCatalogue, plan_write, plan_writes};

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
    /// What an indicator's figures count or measure.
    Unit {
        Persons => "persons",
        Percent => "percent",
        Hours => "hours",
        Index => "index",
        Count => "count",
    }
}

code_enum! {
    /// Which way an indicator's figures should move.
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
pub const NOTE_MAX: usize = 1_000;
/// The most points one bulk write may carry: a partner system's yearly upload of
/// every region and indicator fits many times over.
pub const BULK_MAX: usize = 10_000;

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
                InvalidValue::missing("is required for a weighted_mean roll-up"),
            ),
            (Rollup::WeightedMean, Some(weight)) => v.check(
                weight != own_code,
                "/weight_indicator",
                InvalidValue::inconsistent("cannot weigh an indicator by itself"),
            ),
            (_, Some(_)) => v.check(
                false,
                "/weight_indicator",
                InvalidValue::not_allowed("is only allowed with a weighted_mean roll-up"),
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
        return Err(InvalidValue::invalid_format("must be a finite number"));
    }
    match unit {
        Unit::Percent if !(0.0..=100.0).contains(&value) => Err(InvalidValue::out_of_range(
            0..=100,
            value,
            "must be a percentage from 0 to 100",
        )),
        Unit::Persons | Unit::Count | Unit::Hours if value < 0.0 => {
            Err(InvalidValue::out_of_range(0.., value, "must not be negative"))
        }
        _ => Ok(value),
    }
}

/// The default period type is the one the programme's monitor uses: yearly.
pub const DEFAULT_PERIOD_TYPE: PeriodType = PeriodType::Year;

/// A value reported without a status is provisional until someone says otherwise.
pub const DEFAULT_VALUE_STATUS: ValueStatus = ValueStatus::Provisional;

/// The editable facts of an indicator, validated together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorFields {
    pub name: String,
    pub description: String,
    pub group: IndicatorGroup,
    pub unit: Unit,
    pub direction: Direction,
    pub period_type: PeriodType,
    pub rollup: RollupRule,
}

/// Raw input for [`IndicatorFields::parse`].
pub struct IndicatorInput<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub group: IndicatorGroup,
    pub unit: Unit,
    pub direction: Direction,
    /// `None` means [`DEFAULT_PERIOD_TYPE`].
    pub period_type: Option<PeriodType>,
    pub rollup: Rollup,
    pub weight_indicator: Option<&'a str>,
}

impl IndicatorFields {
    /// Checks every field, reporting each rejected one under its JSON pointer.
    /// `own_code` is `None` when the code itself was rejected; the roll-up rule is
    /// then checked once the code is fixed.
    pub fn parse(own_code: Option<&IndicatorCode>, input: &IndicatorInput<'_>, v: &mut Validator) -> Option<Self> {
        let name = v.field("/name", text::required(input.name, NAME_MAX));
        let description = v.field("/description", text::bounded(input.description, DESCRIPTION_MAX));
        let weight = v.optional("/weight_indicator", input.weight_indicator, IndicatorCode::parse);
        let rule = match (own_code, weight) {
            (Some(own), Some(weight)) => match RollupRule::new(own, input.rollup, weight) {
                Ok(rule) => Some(rule),
                Err(errors) => {
                    v.extend(errors);
                    None
                }
            },
            _ => None,
        };
        Some(Self {
            name: name?,
            description: description?,
            group: input.group,
            unit: input.unit,
            direction: input.direction,
            period_type: input.period_type.unwrap_or(DEFAULT_PERIOD_TYPE),
            rollup: rule?,
        })
    }

    /// What the catalogue says about this indicator's values.
    pub fn measure(&self) -> Measure {
        Measure {
            unit: self.unit,
            period_type: self.period_type,
        }
    }
}

/// How an indicator is measured: the unit its values are in and the periods they
/// are reported for. Every value and target must fit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    pub unit: Unit,
    pub period_type: PeriodType,
}

impl Measure {
    pub fn period(self, input: &str) -> Result<Period, InvalidValue> {
        Period::parse_as(input, self.period_type)
    }

    pub fn value(self, value: f64) -> Result<f64, InvalidValue> {
        check_value(value, self.unit)
    }
}

/// Where a point of a series sits: one indicator, one region, one period. Values
/// and targets each have at most one point per key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SeriesKey {
    pub indicator: IndicatorCode,
    pub region: RegionCode,
    pub period: Period,
}

/// The distinct indicators, regions and periods (as text) of many keys, each in
/// order: what a write of those keys reads the stored points by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyParts {
    pub indicators: Vec<String>,
    pub regions: Vec<String>,
    pub periods: Vec<String>,
}

impl KeyParts {
    /// Borrowed while collected: a file of 50 000 keys names a few dozen codes
    /// and periods, so only those are copied.
    pub fn of<'a>(keys: impl IntoIterator<Item = &'a SeriesKey>) -> Self {
        let mut indicators = std::collections::BTreeSet::new();
        let mut regions = std::collections::BTreeSet::new();
        let mut periods = std::collections::BTreeSet::new();
        for key in keys {
            indicators.insert(key.indicator.as_str());
            regions.insert(key.region.as_str());
            periods.insert(key.period);
        }
        Self {
            indicators: indicators.into_iter().map(str::to_owned).collect(),
            regions: regions.into_iter().map(str::to_owned).collect(),
            periods: periods.into_iter().map(|p| p.to_string()).collect(),
        }
    }
}

/// A reported value (*meting*).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportedValue {
    pub value: f64,
    pub status: ValueStatus,
    pub source: String,
}

impl ReportedValue {
    /// Checks the value against the indicator's unit (when the indicator is known)
    /// and the status and source; errors go under `{at}/value` and so on.
    pub fn parse(
        measure: Option<Measure>,
        value: f64,
        status: Option<ValueStatus>,
        source: Option<&str>,
        v: &mut Validator,
        at: &str,
    ) -> Option<Self> {
        let value = checked_value(measure, value, v, at);
        let status = Some(status.unwrap_or(DEFAULT_VALUE_STATUS));
        let source = v.field(&format!("{at}/source"), text::bounded(source.unwrap_or(""), SOURCE_MAX));
        Some(Self {
            value: value?,
            status: status?,
            source: source?,
        })
    }
}

/// A region's target (*ambitie*) for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub value: f64,
    pub note: String,
}

impl Target {
    /// Like [`ReportedValue::parse`]: a target must be a value the indicator can take.
    pub fn parse(
        measure: Option<Measure>,
        value: f64,
        note: Option<&str>,
        v: &mut Validator,
        at: &str,
    ) -> Option<Self> {
        let value = checked_value(measure, value, v, at);
        let note = v.field(&format!("{at}/note"), text::bounded(note.unwrap_or(""), NOTE_MAX));
        Some(Self {
            value: value?,
            note: note?,
        })
    }
}

/// Without a known indicator there is no unit to check against; the unknown
/// indicator is reported instead.
fn checked_value(measure: Option<Measure>, value: f64, v: &mut Validator, at: &str) -> Option<f64> {
    match measure {
        Some(measure) => v.field(&format!("{at}/value"), measure.value(value)),
        None => None,
    }
}

/// Checks a bulk upload: at least one item and at most [`BULK_MAX`], each
/// checked by the [`write_plan`], so one answer lists every bad item (under
/// `/items/N/...`) and a batch with any bad item can be refused as a whole.
pub fn parse_batch<I: PlannedItem>(
    catalogue: &WriteCatalogue,
    items: &[I],
) -> Result<Vec<(SeriesKey, I::Payload)>, ValidationErrors> {
    if items.is_empty() {
        return Err(ValidationErrors::single(
            "/items",
            InvalidValue::missing("must hold at least one item"),
        ));
    }
    if items.len() > BULK_MAX {
        return Err(ValidationErrors::single(
            "/items",
            InvalidValue::too_many(
                BULK_MAX,
                format!("must hold at most {BULK_MAX} items; split the upload"),
            ),
        ));
    }
    plan_writes(catalogue, items)
}

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

    fn input(rollup: Rollup, weight: Option<&str>) -> IndicatorInput<'_> {
        IndicatorInput {
            name: "Ziekteverzuim",
            description: "",
            group: IndicatorGroup::Work,
            unit: Unit::Percent,
            direction: Direction::LowerIsBetter,
            period_type: None,
            rollup,
            weight_indicator: weight,
        }
    }

    fn pointers(errors: ValidationErrors) -> Vec<String> {
        errors.0.into_iter().map(|e| e.pointer).collect()
    }

    #[test]
    fn indicator_fields_default_to_yearly_and_check_the_rollup() {
        let own = code("sick_leave");
        let mut v = Validator::new();
        let fields =
            IndicatorFields::parse(Some(&own), &input(Rollup::WeightedMean, Some("employees")), &mut v).expect("valid");
        assert!(v.finish().is_ok());
        assert_eq!(fields.period_type, PeriodType::Year);
        assert_eq!(fields.measure().unit, Unit::Percent);
        assert_eq!(fields.rollup.weight_indicator, Some(code("employees")));

        let mut v = Validator::new();
        assert!(IndicatorFields::parse(Some(&own), &input(Rollup::WeightedMean, None), &mut v).is_none());
        assert_eq!(pointers(v.finish().expect_err("no weight")), ["/weight_indicator"]);
    }

    #[test]
    fn indicator_fields_report_every_bad_field() {
        let mut bad = input(Rollup::Sum, Some("Employees"));
        bad.name = "";
        let mut v = Validator::new();
        assert!(IndicatorFields::parse(None, &bad, &mut v).is_none());
        assert_eq!(
            pointers(v.finish().expect_err("errors")),
            ["/name", "/weight_indicator"]
        );
    }

    #[test]
    fn reported_values_fit_the_measure_and_default_to_provisional() {
        let measure = Measure {
            unit: Unit::Percent,
            period_type: PeriodType::Quarter,
        };
        let mut v = Validator::new();
        let value = ReportedValue::parse(Some(measure), 7.5, None, None, &mut v, "").expect("valid");
        assert_eq!(value.status, ValueStatus::Provisional);
        assert_eq!(value.source, "");
        let mut v = Validator::new();
        assert!(
            ReportedValue::parse(
                Some(measure),
                120.0,
                Some(ValueStatus::Final),
                Some("CBS"),
                &mut v,
                "/items/2"
            )
            .is_none()
        );
        assert_eq!(pointers(v.finish().expect_err("too big")), ["/items/2/value"]);
        let mut v = Validator::new();
        assert!(Target::parse(Some(measure), 7.0, Some(&"x".repeat(NOTE_MAX + 1)), &mut v, "").is_none());
        assert_eq!(pointers(v.finish().expect_err("long note")), ["/note"]);
        assert_eq!(measure.period("2024-Q3"), Ok(Period::Quarter(2024, 3)));
        assert!(measure.period("2024").is_err());
    }

    struct Item;

    impl PlannedItem for Item {
        type Payload = ();
        fn at(&self, index: usize) -> String {
            format!("/items/{index}")
        }
        fn key(&self) -> KeyInput<'_> {
            KeyInput {
                indicator: "x",
                region: RegionInput::Code("y"),
                period: "z",
            }
        }
        fn payload(&self, _: Option<Measure>, _: &mut Validator, _: &str) -> Option<()> {
            None
        }
    }

    fn batch(items: &[Item]) -> Result<Vec<(SeriesKey, ())>, ValidationErrors> {
        parse_batch(&WriteCatalogue::default(), items)
    }

    #[test]
    fn a_batch_is_neither_empty_nor_huge() {
        assert_eq!(pointers(batch(&[]).expect_err("empty")), ["/items"]);
        let many: Vec<Item> = (0..=BULK_MAX).map(|_| Item).collect();
        assert_eq!(pointers(batch(&many).expect_err("too many")), ["/items"]);
    }
}
