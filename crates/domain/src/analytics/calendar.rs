//! Calendar arithmetic on periods that the analytics need and `Period` itself does
//! not offer: the coarser period holding a finer one, the finer periods inside a
//! coarser one, stepping, and contiguous spans of periods.

use chrono::{Datelike, NaiveDate};

use crate::InvalidValue;
use crate::period::{Period, PeriodRange, PeriodType};

/// How many calendar months a period of this type spans: 12, 3 or 1.
pub fn months_in(period_type: PeriodType) -> u32 {
    match period_type {
        PeriodType::Year => 12,
        PeriodType::Quarter => 3,
        PeriodType::Month => 1,
    }
}

/// How many periods of type `fine` make up one of type `coarse` (year → 12
/// months, year → 4 quarters, quarter → 3 months, any type → 1 of itself), or
/// `None` when `fine` is in fact coarser.
pub fn sub_period_count(coarse: PeriodType, fine: PeriodType) -> Option<u32> {
    let (coarse, fine) = (months_in(coarse), months_in(fine));
    (coarse >= fine).then(|| coarse / fine)
}

/// The period of type `period_type` that holds `date`.
pub fn period_containing(date: NaiveDate, period_type: PeriodType) -> Period {
    let (year, month) = (date.year(), date.month0());
    match period_type {
        PeriodType::Year => Period::Year(year),
        // month0 < 12, so both fit a u8.
        PeriodType::Quarter => Period::Quarter(year, (month / 3 + 1) as u8),
        PeriodType::Month => Period::Month(year, (month + 1) as u8),
    }
}

/// The period of type `period_type` with the given [`PeriodExt::ordinal`].
pub fn from_ordinal(period_type: PeriodType, ordinal: i64) -> Period {
    let per_year = i64::from(12 / months_in(period_type));
    // Ordinals come from periods with years well inside i32; saturate rather than wrap.
    let year = i32::try_from(ordinal.div_euclid(per_year)).unwrap_or(if ordinal < 0 { i32::MIN } else { i32::MAX });
    let index = (ordinal.rem_euclid(per_year) + 1) as u8;
    match period_type {
        PeriodType::Year => Period::Year(year),
        PeriodType::Quarter => Period::Quarter(year, index),
        PeriodType::Month => Period::Month(year, index),
    }
}

/// Calendar helpers on [`Period`], kept beside the analytics that need them.
pub trait PeriodExt: Copy {
    /// The period of the coarser (or same) type that holds this one: `2024-07` →
    /// `2024-Q3` → `2024`. `None` when `coarser` is finer than this period's type.
    fn parent(self, coarser: PeriodType) -> Option<Period>;

    /// The periods of the finer (or same) type inside this one, in time order:
    /// `2024-Q3` → `2024-07, 2024-08, 2024-09`. `None` when `finer` is coarser.
    fn children(self, finer: PeriodType) -> Option<Vec<Period>>;

    /// A number that counts periods of this type: consecutive periods have
    /// consecutive ordinals, so differences are distances in periods.
    fn ordinal(self) -> i64;

    /// The period `n` periods later (earlier when `n` is negative), of the same type.
    fn offset(self, n: i64) -> Period;
}

impl PeriodExt for Period {
    fn parent(self, coarser: PeriodType) -> Option<Period> {
        sub_period_count(coarser, self.period_type())?;
        Some(period_containing(self.start(), coarser))
    }

    fn children(self, finer: PeriodType) -> Option<Vec<Period>> {
        let count = sub_period_count(self.period_type(), finer)?;
        let first = period_containing(self.start(), finer);
        Some((0..i64::from(count)).map(|i| first.offset(i)).collect())
    }

    fn ordinal(self) -> i64 {
        match self {
            Period::Year(y) => i64::from(y),
            Period::Quarter(y, q) => i64::from(y) * 4 + i64::from(q) - 1,
            Period::Month(y, m) => i64::from(y) * 12 + i64::from(m) - 1,
        }
    }

    fn offset(self, n: i64) -> Period {
        from_ordinal(self.period_type(), self.ordinal().saturating_add(n))
    }
}

/// A contiguous, non-empty run of periods of one type, both ends included:
/// `2024-Q1..=2024-Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeriodSpan {
    first: Period,
    last: Period,
}

impl PeriodSpan {
    /// Both ends must have the same type and `first` must not come after `last`.
    pub fn new(first: Period, last: Period) -> Result<Self, InvalidValue> {
        if first.period_type() != last.period_type() {
            return Err(InvalidValue::inconsistent(format!(
                "must begin and end with periods of one type, not a {} and a {}",
                first.period_type(),
                last.period_type()
            )));
        }
        if first > last {
            return Err(InvalidValue::inconsistent(format!(
                "must not end ({last}) before it begins ({first})"
            )));
        }
        Ok(Self { first, last })
    }

    /// One period on its own.
    pub fn single(period: Period) -> Self {
        Self {
            first: period,
            last: period,
        }
    }

    pub fn first(&self) -> Period {
        self.first
    }

    pub fn last(&self) -> Period {
        self.last
    }

    pub fn period_type(&self) -> PeriodType {
        self.first.period_type()
    }

    /// How many periods the span holds; at least one.
    pub fn len(&self) -> usize {
        usize::try_from(self.last.ordinal() - self.first.ordinal() + 1).unwrap_or(usize::MAX)
    }

    /// Never true: a span holds at least one period. Here for API completeness.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Every period of the span, in time order.
    pub fn periods(&self) -> impl Iterator<Item = Period> + use<> {
        let first = self.first;
        (0..=self.last.ordinal() - first.ordinal()).map(move |i| first.offset(i))
    }

    /// Whether `period` is one of the span's periods (so of the same type).
    pub fn contains(&self, period: Period) -> bool {
        period.period_type() == self.period_type() && self.first <= period && period <= self.last
    }

    /// The same window as a [`PeriodRange`], for series queries.
    pub fn to_range(&self) -> PeriodRange {
        PeriodRange {
            first_start: Some(self.first.start()),
            last_start: Some(self.last.end()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn parents_go_up_and_never_down() {
        assert_eq!(
            Period::Month(2024, 7).parent(PeriodType::Quarter),
            Some(Period::Quarter(2024, 3))
        );
        assert_eq!(
            Period::Month(2024, 12).parent(PeriodType::Year),
            Some(Period::Year(2024))
        );
        assert_eq!(
            Period::Quarter(2024, 1).parent(PeriodType::Year),
            Some(Period::Year(2024))
        );
        assert_eq!(
            Period::Quarter(2024, 2).parent(PeriodType::Quarter),
            Some(Period::Quarter(2024, 2))
        );
        assert_eq!(Period::Year(2024).parent(PeriodType::Month), None);
        assert_eq!(Period::Quarter(2024, 2).parent(PeriodType::Month), None);
    }

    #[test]
    fn children_fill_their_parent() {
        assert_eq!(
            Period::Quarter(2024, 3).children(PeriodType::Month),
            Some(vec![
                Period::Month(2024, 7),
                Period::Month(2024, 8),
                Period::Month(2024, 9)
            ])
        );
        assert_eq!(
            Period::Year(2023).children(PeriodType::Quarter),
            Some((1..=4).map(|q| Period::Quarter(2023, q)).collect())
        );
        assert_eq!(
            Period::Year(2023).children(PeriodType::Month).map(|c| c.len()),
            Some(12)
        );
        assert_eq!(Period::Month(2023, 5).children(PeriodType::Year), None);
    }

    #[test]
    fn offsets_cross_year_boundaries() {
        assert_eq!(Period::Month(2024, 1).offset(-1), Period::Month(2023, 12));
        assert_eq!(Period::Quarter(2023, 4).offset(1), Period::Quarter(2024, 1));
        assert_eq!(Period::Quarter(2024, 2).offset(-6), Period::Quarter(2022, 4));
        assert_eq!(Period::Year(2024).offset(-5), Period::Year(2019));
    }

    #[test]
    fn containing_dates() {
        assert_eq!(
            period_containing(date(2024, 2, 29), PeriodType::Quarter),
            Period::Quarter(2024, 1)
        );
        assert_eq!(
            period_containing(date(2024, 10, 1), PeriodType::Quarter),
            Period::Quarter(2024, 4)
        );
        assert_eq!(
            period_containing(date(2024, 12, 31), PeriodType::Month),
            Period::Month(2024, 12)
        );
    }

    #[test]
    fn sub_period_counts() {
        assert_eq!(sub_period_count(PeriodType::Year, PeriodType::Month), Some(12));
        assert_eq!(sub_period_count(PeriodType::Year, PeriodType::Quarter), Some(4));
        assert_eq!(sub_period_count(PeriodType::Quarter, PeriodType::Month), Some(3));
        assert_eq!(sub_period_count(PeriodType::Month, PeriodType::Month), Some(1));
        assert_eq!(sub_period_count(PeriodType::Month, PeriodType::Year), None);
    }

    #[test]
    fn spans_hold_one_type_in_order() {
        let span = PeriodSpan::new(Period::Quarter(2023, 3), Period::Quarter(2024, 2)).expect("span");
        assert_eq!(span.len(), 4);
        assert_eq!(
            span.periods().collect::<Vec<_>>(),
            vec![
                Period::Quarter(2023, 3),
                Period::Quarter(2023, 4),
                Period::Quarter(2024, 1),
                Period::Quarter(2024, 2)
            ]
        );
        assert!(span.contains(Period::Quarter(2024, 1)));
        assert!(!span.contains(Period::Month(2024, 1)));
        assert!(!span.contains(Period::Quarter(2024, 3)));
        assert_eq!(span.to_range().first_start, Some(date(2023, 7, 1)));
        assert_eq!(span.to_range().last_start, Some(date(2024, 6, 30)));
        assert!(PeriodSpan::new(Period::Year(2024), Period::Year(2023)).is_err());
        let mixed = PeriodSpan::new(Period::Year(2023), Period::Month(2024, 1)).expect_err("mixed types");
        assert!(mixed.reason.contains("one type"), "{mixed}");
        assert_eq!(PeriodSpan::single(Period::Year(2024)).len(), 1);
    }

    fn any_period() -> impl Strategy<Value = Period> {
        prop_oneof![
            (1900i32..=2100).prop_map(Period::Year),
            (1900i32..=2100, 1u8..=4).prop_map(|(y, q)| Period::Quarter(y, q)),
            (1900i32..=2100, 1u8..=12).prop_map(|(y, m)| Period::Month(y, m)),
        ]
    }

    fn any_type() -> impl Strategy<Value = PeriodType> {
        prop_oneof![
            Just(PeriodType::Year),
            Just(PeriodType::Quarter),
            Just(PeriodType::Month)
        ]
    }

    proptest! {
        #[test]
        fn ordinals_round_trip_and_step_by_one(period in any_period()) {
            prop_assert_eq!(from_ordinal(period.period_type(), period.ordinal()), period);
            prop_assert_eq!(period.offset(1).ordinal(), period.ordinal() + 1);
            prop_assert_eq!(period.offset(1).start(), period.end().succ_opt().expect("next day"));
            prop_assert!(period.offset(1) > period);
        }

        #[test]
        fn children_and_parents_agree(period in any_period(), finer in any_type()) {
            if let Some(children) = period.children(finer) {
                prop_assert_eq!(children.first().map(|c| c.start()), Some(period.start()));
                prop_assert_eq!(children.last().map(|c| c.end()), Some(period.end()));
                for child in children {
                    prop_assert_eq!(child.parent(period.period_type()), Some(period));
                }
            } else {
                prop_assert!(period.parent(finer).is_some());
            }
        }
    }
}
