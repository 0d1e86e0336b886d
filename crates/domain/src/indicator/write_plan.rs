//! One plan for every write of values and targets: a single `PUT`, a bulk upload
//! and an import all check their points here, against one snapshot of the
//! catalogue ([`WriteCatalogue`]), so the same broken rule gives the same answer
//! on every path. Each fault is a field error under the point's pointer
//! (`{at}/indicator`, `{at}/region`, `{at}/period`, `{at}/value`…), which the API
//! answers with 422:
//!
//! - the indicator is unknown, or derived (its values are computed on read);
//! - the region is unknown;
//! - the period does not have the indicator's period type;
//! - the value does not fit the indicator's unit;
//! - the same indicator, region and period comes twice.
//!
//! A locked period is not the write's fault but the server's state: the storage
//! refuses it (409) when the planned writes are applied.
//!
//! The plan also holds the rule for what a write leaves out ([`settle_value`],
//! [`settle_target`]): a corrected `final` value becomes `revised`.

use std::collections::{HashMap, HashSet};

use super::{DEFAULT_VALUE_STATUS, IndicatorCode, Measure, ReportedValue, SeriesKey, Target, ValueStatus};
use crate::period::Period;
use crate::region::RegionCode;
use crate::{InvalidValue, ValidationErrors, Validator};

/// Why a derived indicator takes no values.
pub const DERIVED_REASON: &str =
    "is a derived indicator: its values are computed from other indicators on read and cannot be stored";

/// What the catalogue says about an indicator a write names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorFacts {
    pub measure: Measure,
    /// Computed from other indicators: never stored.
    pub derived: bool,
}

/// The indicators and regions a write may name: one snapshot of the catalogue,
/// read in the write's own transaction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WriteCatalogue {
    pub indicators: HashMap<IndicatorCode, IndicatorFacts>,
    pub regions: HashSet<RegionCode>,
}

/// Which region a point names.
#[derive(Debug, Clone)]
pub enum RegionInput<'a> {
    /// A region code as sent, checked against the catalogue (errors under `{at}/region`).
    Code(&'a str),
    /// Resolved by the caller (an import's external code): the region or why not,
    /// reported under `{at}/{field}`.
    Resolved {
        field: &'a str,
        region: Result<RegionCode, InvalidValue>,
    },
}

/// The key of one point as sent.
#[derive(Debug, Clone)]
pub struct KeyInput<'a> {
    pub indicator: &'a str,
    pub region: RegionInput<'a>,
    pub period: &'a str,
}

impl WriteCatalogue {
    /// Checks a point's key: errors under `{at}/indicator`, `{at}/region` (or the
    /// resolved region's field) and `{at}/period`. Yields the indicator's measure
    /// when values of it can be stored, so the payload can be checked against it.
    pub fn key(&self, input: &KeyInput<'_>, v: &mut Validator, at: &str) -> (Option<SeriesKey>, Option<Measure>) {
        let indicator_at = format!("{at}/indicator");
        let indicator = v
            .field(&indicator_at, IndicatorCode::parse(input.indicator))
            .and_then(|code| {
                let facts = self.indicators.get(&code).copied();
                v.check(
                    facts.is_some(),
                    &indicator_at,
                    InvalidValue::unknown_reference("names no indicator in the catalogue"),
                );
                let facts = facts?;
                v.check(!facts.derived, &indicator_at, InvalidValue::not_allowed(DERIVED_REASON));
                (!facts.derived).then_some((code, facts.measure))
            });
        let region = match &input.region {
            RegionInput::Code(code) => v
                .field(&format!("{at}/region"), RegionCode::parse(code))
                .filter(|code| {
                    let known = self.regions.contains(code);
                    v.check(
                        known,
                        &format!("{at}/region"),
                        InvalidValue::unknown_reference("names no region"),
                    );
                    known
                }),
            RegionInput::Resolved { field, region } => v.field(&format!("{at}/{field}"), region.clone()),
        };
        let period = match &indicator {
            Some((_, measure)) => v.field(&format!("{at}/period"), measure.period(input.period)),
            None => v.field(&format!("{at}/period"), Period::parse(input.period)),
        };
        let measure = indicator.as_ref().map(|(_, m)| *m);
        let key = match (indicator, region, period) {
            (Some((indicator, _)), Some(region), Some(period)) => Some(SeriesKey {
                indicator,
                region,
                period,
            }),
            _ => None,
        };
        (key, measure)
    }
}

/// One point of a write: where it is in the request, its key, and how its payload
/// is checked given the indicator's measure.
pub trait PlannedItem {
    type Payload;
    /// The pointer its errors go under: `/items/3`, `/rows/7`, or `` for a single write.
    fn at(&self, index: usize) -> String;
    fn key(&self) -> KeyInput<'_>;
    /// Checks its own fields (errors under `{at}/value` and so on).
    fn payload(&self, measure: Option<Measure>, v: &mut Validator, at: &str) -> Option<Self::Payload>;
}

/// The write plan: every point checked against the catalogue, each fault listed
/// under its pointer, or the points to write, in the order sent.
pub fn plan_writes<I: PlannedItem>(
    catalogue: &WriteCatalogue,
    items: &[I],
) -> Result<Vec<(SeriesKey, I::Payload)>, ValidationErrors> {
    let mut v = Validator::new();
    // Each key's first item, by index: its pointer is written only for a repeat.
    let mut first_of: HashMap<SeriesKey, usize> = HashMap::with_capacity(items.len());
    let mut points = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let at = item.at(index);
        let (key, measure) = catalogue.key(&item.key(), &mut v, &at);
        let payload = item.payload(measure, &mut v, &at);
        let Some(key) = key else { continue };
        if let Some(&first) = first_of.get(&key) {
            v.check(
                false,
                &format!("{at}/period"),
                InvalidValue::duplicate(format!(
                    "repeats the indicator, region and period of {}",
                    items[first].at(first)
                )),
            );
            continue;
        }
        first_of.insert(key.clone(), index);
        if let Some(payload) = payload {
            points.push((key, payload));
        }
    }
    v.finish()?;
    Ok(points)
}

/// The plan for one point (a single `PUT`): its key and payload, or every reason
/// it cannot be stored. Same rules and pointers as [`plan_writes`].
pub fn plan_write<I: PlannedItem>(
    catalogue: &WriteCatalogue,
    item: &I,
) -> Result<(SeriesKey, I::Payload), ValidationErrors> {
    let mut points = plan_writes(catalogue, std::slice::from_ref(item))?.into_iter();
    // A parser that refused without saying why refuses the body as a whole.
    points
        .next()
        .ok_or_else(|| ValidationErrors::single("", InvalidValue::invalid("cannot be stored")))
}

/// A value as a writer sends it. What it leaves out is settled against the stored
/// value ([`settle_value`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ValueInput {
    pub value: f64,
    /// `None`: a new value is provisional; a stored one keeps its status, except
    /// that a corrected `final` (or `revised`) value becomes `revised`.
    pub status: Option<ValueStatus>,
    /// `None`: a stored value keeps its source; a new one has none (empty).
    pub source: Option<String>,
}

/// A target as a writer sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetInput {
    pub value: f64,
    /// `None`: a stored target keeps its note; a new one has none (empty).
    pub note: Option<String>,
}

/// The value a write of `input` leaves, given the stored one (`None`: new).
pub fn settle_value(current: Option<&ReportedValue>, input: &ValueInput) -> ReportedValue {
    let status = match (input.status, current) {
        (Some(named), _) => named,
        (None, None) => DEFAULT_VALUE_STATUS,
        (None, Some(stored)) => {
            let corrected = stored.value != input.value;
            match stored.status {
                ValueStatus::Final | ValueStatus::Revised if corrected => ValueStatus::Revised,
                other => other,
            }
        }
    };
    let source = match (&input.source, current) {
        (Some(source), _) => source.clone(),
        (None, Some(stored)) => stored.source.clone(),
        (None, None) => String::new(),
    };
    ReportedValue {
        value: input.value,
        status,
        source,
    }
}

/// The target a write of `input` leaves, given the stored one (`None`: new).
pub fn settle_target(current: Option<&Target>, input: &TargetInput) -> Target {
    let note = match (&input.note, current) {
        (Some(note), _) => note.clone(),
        (None, Some(stored)) => stored.note.clone(),
        (None, None) => String::new(),
    };
    Target {
        value: input.value,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator::Unit;
    use crate::period::PeriodType;

    fn stored(value: f64, status: ValueStatus, source: &str) -> ReportedValue {
        ReportedValue {
            value,
            status,
            source: source.into(),
        }
    }

    fn input(value: f64, status: Option<ValueStatus>, source: Option<&str>) -> ValueInput {
        ValueInput {
            value,
            status,
            source: source.map(str::to_owned),
        }
    }

    fn settled(current: Option<&ReportedValue>, sent: &ValueInput) -> (f64, ValueStatus, String) {
        let payload = settle_value(current, sent);
        (payload.value, payload.status, payload.source)
    }

    #[test]
    fn a_corrected_final_value_becomes_revised_unless_a_status_is_named() {
        let final_value = stored(100.0, ValueStatus::Final, "CBS");
        assert_eq!(
            settled(Some(&final_value), &input(101.0, None, None)),
            (101.0, ValueStatus::Revised, "CBS".into())
        );
        assert_eq!(
            settled(Some(&final_value), &input(101.0, Some(ValueStatus::Final), None)).1,
            ValueStatus::Final
        );
        assert_eq!(
            settled(Some(&stored(100.0, ValueStatus::Revised, "")), &input(99.0, None, None)).1,
            ValueStatus::Revised,
            "corrected again"
        );
        assert_eq!(
            settled(Some(&final_value), &input(100.0, None, Some("UWV"))).1,
            ValueStatus::Final,
            "same figure, other source: not a correction"
        );
        assert_eq!(
            settled(
                Some(&stored(100.0, ValueStatus::Provisional, "")),
                &input(120.0, None, None)
            )
            .1,
            ValueStatus::Provisional
        );
    }

    #[test]
    fn what_is_left_out_is_kept_or_defaulted() {
        assert_eq!(
            settled(None, &input(5.0, None, None)),
            (5.0, DEFAULT_VALUE_STATUS, String::new())
        );
        let current = stored(5.0, ValueStatus::Final, "CBS");
        assert_eq!(settle_value(Some(&current), &input(5.0, None, None)), current);
        assert_eq!(settled(Some(&current), &input(5.0, None, Some(""))).2, "");
        let target = Target {
            value: 10.0,
            note: "plan".into(),
        };
        let kept = settle_target(
            Some(&target),
            &TargetInput {
                value: 11.0,
                note: None,
            },
        );
        assert_eq!((kept.value, kept.note.as_str()), (11.0, "plan"));
    }

    fn code(s: &str) -> IndicatorCode {
        IndicatorCode::parse(s).expect("code")
    }

    fn catalogue() -> WriteCatalogue {
        let quarterly = Measure {
            unit: Unit::Count,
            period_type: PeriodType::Quarter,
        };
        let mut catalogue = WriteCatalogue::default();
        catalogue.indicators.insert(
            code("open_vacancies"),
            IndicatorFacts {
                measure: quarterly,
                derived: false,
            },
        );
        catalogue.indicators.insert(
            code("vacancy_rate"),
            IndicatorFacts {
                measure: quarterly,
                derived: true,
            },
        );
        catalogue.regions.insert(RegionCode::parse("twente").expect("region"));
        catalogue
    }

    struct Item(&'static str, &'static str, &'static str, f64);

    impl PlannedItem for Item {
        type Payload = Target;
        fn at(&self, index: usize) -> String {
            format!("/items/{index}")
        }
        fn key(&self) -> KeyInput<'_> {
            KeyInput {
                indicator: self.0,
                region: RegionInput::Code(self.1),
                period: self.2,
            }
        }
        fn payload(&self, measure: Option<Measure>, v: &mut Validator, at: &str) -> Option<Target> {
            Target::parse(measure, self.3, None, v, at)
        }
    }

    fn pointers(errors: ValidationErrors) -> Vec<String> {
        errors.0.into_iter().map(|e| e.pointer).collect()
    }

    #[test]
    fn every_rule_is_a_field_error_under_the_points_pointer() {
        let errors = plan_writes(
            &catalogue(),
            &[
                Item("open_vacancies", "twente", "2024-Q1", 10.0),
                Item("open_vacancies", "twente", "2024", 10.0),
                Item("employees", "twente", "2024", 10.0),
                Item("open_vacancies", "atlantis", "2024-Q2", -1.0),
                Item("vacancy_rate", "twente", "2024-Q2", 5.0),
                Item("open_vacancies", "twente", "2024-Q1", 11.0),
            ],
        )
        .expect_err("bad items");
        assert_eq!(
            pointers(errors.clone()),
            [
                "/items/1/period",
                "/items/2/indicator",
                "/items/3/region",
                "/items/3/value",
                "/items/4/indicator",
                "/items/5/period",
            ]
        );
        assert_eq!(errors.0[4].reason, DERIVED_REASON);
        assert!(errors.0[5].reason.ends_with("of /items/0"));
        let points = plan_writes(&catalogue(), &[Item("open_vacancies", "twente", "2024-Q2", 12.0)]).expect("good");
        assert_eq!(points[0].0.period, Period::Quarter(2024, 2));
    }

    #[test]
    fn a_resolved_region_reports_under_its_own_field() {
        struct Row;
        impl PlannedItem for Row {
            type Payload = ();
            fn at(&self, _: usize) -> String {
                "/rows/1".into()
            }
            fn key(&self) -> KeyInput<'_> {
                KeyInput {
                    indicator: "open_vacancies",
                    region: RegionInput::Resolved {
                        field: "cbs_code",
                        region: Err(InvalidValue::unknown_reference("names no region")),
                    },
                    period: "2024-Q1",
                }
            }
            fn payload(&self, _: Option<Measure>, _: &mut Validator, _: &str) -> Option<()> {
                Some(())
            }
        }
        assert_eq!(
            pointers(plan_writes(&catalogue(), &[Row]).expect_err("no region")),
            ["/rows/1/cbs_code"]
        );
    }
}
