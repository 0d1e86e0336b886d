//! Reporting periods: a year (`2024`), a quarter (`2024-Q3`) or a month (`2024-07`).

use std::fmt;

use chrono::NaiveDate;

use crate::InvalidValue;
use crate::code_enum::code_enum;

code_enum! {
    /// How often an indicator is measured.
    PeriodType {
        Year => "year",
        Quarter => "quarter",
        Month => "month",
    }
}

const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2100;

/// One reporting period. Ordered by time, so a sorted list is a time series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
}

impl Period {
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let invalid = || InvalidValue::invalid_format("must be a period like 2024, 2024-Q3 or 2024-07");
        let (year_text, rest) = match input.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (input, None),
        };
        if year_text.len() != 4 || !year_text.chars().all(|c| c.is_ascii_digit()) {
            return Err(invalid());
        }
        let year: i32 = year_text.parse().map_err(|_| invalid())?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(InvalidValue::out_of_range(
                i64::from(MIN_YEAR)..=i64::from(MAX_YEAR),
                f64::from(year),
                format!("year must be between {MIN_YEAR} and {MAX_YEAR}"),
            ));
        }
        let number = |digits: &str, max: u8| -> Result<u8, InvalidValue> {
            if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(invalid());
            }
            let n: u8 = digits.parse().map_err(|_| invalid())?;
            if (1..=max).contains(&n) { Ok(n) } else { Err(invalid()) }
        };
        match rest {
            None => Ok(Period::Year(year)),
            Some(q) if q.starts_with('Q') && q.len() == 2 => Ok(Period::Quarter(year, number(&q[1..], 4)?)),
            Some(m) if m.len() == 2 => Ok(Period::Month(year, number(m, 12)?)),
            Some(_) => Err(invalid()),
        }
    }

    /// Parses and checks that the period has the indicator's period type.
    pub fn parse_as(input: &str, expected: PeriodType) -> Result<Self, InvalidValue> {
        let period = Self::parse(input)?;
        if period.period_type() == expected {
            Ok(period)
        } else {
            Err(InvalidValue::inconsistent(format!(
                "must be a {} period ({}), this indicator is measured per {}",
                expected,
                expected.example(),
                expected
            )))
        }
    }

    pub fn period_type(self) -> PeriodType {
        match self {
            Period::Year(_) => PeriodType::Year,
            Period::Quarter(..) => PeriodType::Quarter,
            Period::Month(..) => PeriodType::Month,
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        let (year, month) = match self {
            Period::Year(y) => (y, 1),
            Period::Quarter(y, q) => (y, u32::from(q) * 3 - 2),
            Period::Month(y, m) => (y, u32::from(m)),
        };
        // Year, quarter and month are range-checked at construction.
        NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the period.
    pub fn end(self) -> NaiveDate {
        let next = match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
        };
        next.start().pred_opt().unwrap_or(NaiveDate::MAX)
    }
}

/// A time window for series queries, from the start of one period to the end of
/// another, of any granularity: `2023` to `2024-Q2` covers 2023-01-01..=2024-06-30.
/// A series point falls inside when its period *starts* inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodRange {
    /// Earliest period start, inclusive.
    pub first_start: Option<NaiveDate>,
    /// Latest period start, inclusive.
    pub last_start: Option<NaiveDate>,
}

impl PeriodRange {
    /// Either end may be open; a window that ends before it begins is refused,
    /// as it can only be a mistake.
    pub fn new(from: Option<Period>, to: Option<Period>) -> Result<Self, InvalidValue> {
        let range = Self {
            first_start: from.map(Period::start),
            last_start: to.map(Period::end),
        };
        match (range.first_start, range.last_start) {
            (Some(first), Some(last)) if first > last => {
                Err(InvalidValue::inconsistent("must not end before `from` begins"))
            }
            _ => Ok(range),
        }
    }

    pub fn contains(&self, period: Period) -> bool {
        let start = period.start();
        self.first_start.is_none_or(|first| first <= start) && self.last_start.is_none_or(|last| start <= last)
    }
}

impl PeriodType {
    fn example(self) -> &'static str {
        match self {
            PeriodType::Year => "2024",
            PeriodType::Quarter => "2024-Q3",
            PeriodType::Month => "2024-07",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
        }
    }
}

/// As its canonical text (`2024`, `2024-Q3`, `2024-07`), as stored.
impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(Period::parse("2024"), Ok(Period::Year(2024)));
        assert_eq!(Period::parse("2024-Q3"), Ok(Period::Quarter(2024, 3)));
        assert_eq!(Period::parse("2024-07"), Ok(Period::Month(2024, 7)));
    }

    #[test]
    fn rejects_malformed_periods() {
        for bad in [
            "", "24", "2024-Q5", "2024-Q0", "2024-13", "2024-00", "2024-7", "2024-q3", "abcd", "1800", "2024-", "+202",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn period_type_must_match_the_indicator() {
        assert!(Period::parse_as("2024-Q3", PeriodType::Quarter).is_ok());
        let error = Period::parse_as("2024", PeriodType::Quarter).expect_err("year for quarterly indicator");
        assert!(error.reason.contains("quarter"));
    }

    #[test]
    fn start_dates() {
        assert_eq!(
            Period::Quarter(2024, 3).start(),
            NaiveDate::from_ymd_opt(2024, 7, 1).expect("date")
        );
        assert_eq!(
            Period::Month(2024, 12).start(),
            NaiveDate::from_ymd_opt(2024, 12, 1).expect("date")
        );
    }

    #[test]
    fn end_dates() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(Period::Year(2024).end(), date(2024, 12, 31));
        assert_eq!(Period::Quarter(2024, 1).end(), date(2024, 3, 31));
        assert_eq!(Period::Quarter(2024, 4).end(), date(2024, 12, 31));
        assert_eq!(Period::Month(2024, 2).end(), date(2024, 2, 29));
        assert_eq!(Period::Month(2023, 12).end(), date(2023, 12, 31));
    }

    #[test]
    fn ranges_mix_granularities_and_compare_period_starts() {
        let range = PeriodRange::new(Some(Period::Year(2023)), Some(Period::Quarter(2024, 2))).expect("range");
        assert!(range.contains(Period::Month(2023, 1)));
        assert!(range.contains(Period::Quarter(2024, 2)));
        assert!(range.contains(Period::Month(2024, 6)));
        assert!(!range.contains(Period::Month(2024, 7)));
        assert!(!range.contains(Period::Quarter(2022, 4)));
        // A year starting inside the window counts, though it ends after it.
        let to_july = PeriodRange::new(None, Some(Period::Month(2024, 7))).expect("range");
        assert!(to_july.contains(Period::Year(2024)));
        assert!(to_july.contains(Period::Year(1900)));
        assert!(!to_july.contains(Period::Quarter(2024, 4)));
    }

    #[test]
    fn a_range_cannot_end_before_it_begins() {
        assert!(PeriodRange::new(Some(Period::Year(2024)), Some(Period::Year(2023))).is_err());
        assert!(PeriodRange::new(Some(Period::Year(2024)), Some(Period::Month(2024, 1))).is_ok());
        assert!(PeriodRange::new(Some(Period::Month(2024, 2)), Some(Period::Quarter(2024, 1))).is_ok());
        assert!(PeriodRange::new(Some(Period::Month(2024, 4)), Some(Period::Quarter(2024, 1))).is_err());
        assert_eq!(PeriodRange::new(None, None), Ok(PeriodRange::default()));
    }

    proptest! {
        #[test]
        fn a_period_ends_the_day_before_the_next_begins(year in 1900i32..=2099, q in 1u8..=4, m in 1u8..=12) {
            for period in [Period::Year(year), Period::Quarter(year, q), Period::Month(year, m)] {
                prop_assert!(period.start() <= period.end());
                prop_assert_eq!(period.end().succ_opt().map(|d| d > period.start()), Some(true));
            }
        }

        #[test]
        fn display_round_trips(year in 1900i32..=2100, q in 1u8..=4, m in 1u8..=12) {
            for period in [Period::Year(year), Period::Quarter(year, q), Period::Month(year, m)] {
                prop_assert_eq!(Period::parse(&period.to_string()), Ok(period));
            }
        }

        #[test]
        fn never_panics_on_any_input(input in ".{0,12}") {
            let _ = Period::parse(&input);
        }
    }
}
