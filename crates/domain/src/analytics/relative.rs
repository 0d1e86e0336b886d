//! Relative periods (`LAST_12_MONTHS`, `LAST_4_QUARTERS`, `THIS_YEAR`,
//! `LAST_5_YEARS`) besides explicit ranges: resolved against "today" into a span of
//! periods of the indicator's own type.
//!
//! As in DHIS2, the "last" windows are the *completed* periods before the current
//! one: on 2024-05-15, `LAST_12_MONTHS` is 2023-05 ..= 2024-04 and `LAST_4_QUARTERS`
//! is 2023-Q2 ..= 2024-Q1. `THIS_YEAR` is the whole current year, months or quarters
//! still to come included.

use chrono::{Datelike, NaiveDate};

use super::calendar::{PeriodExt, PeriodSpan, period_containing};
use crate::code_enum::code_enum;
use crate::period::{Period, PeriodType};

code_enum! {
    /// A window of time named relative to today.
    RelativePeriod {
        /// The 12 months before the current month.
        Last12Months => "LAST_12_MONTHS",
        /// The 4 quarters before the current quarter.
        Last4Quarters => "LAST_4_QUARTERS",
        /// The current calendar year, all of it.
        ThisYear => "THIS_YEAR",
        /// The 5 calendar years before the current year.
        Last5Years => "LAST_5_YEARS",
    }
}

impl RelativePeriod {
    /// The window as periods of its own natural type (months, quarters or years).
    fn natural(self, today: NaiveDate) -> (Period, Period) {
        let year = today.year();
        match self {
            RelativePeriod::Last12Months => {
                let current = period_containing(today, PeriodType::Month);
                (current.offset(-12), current.offset(-1))
            }
            RelativePeriod::Last4Quarters => {
                let current = period_containing(today, PeriodType::Quarter);
                (current.offset(-4), current.offset(-1))
            }
            RelativePeriod::ThisYear => (Period::Year(year), Period::Year(year)),
            RelativePeriod::Last5Years => (Period::Year(year - 5), Period::Year(year - 1)),
        }
    }

    /// The window's first and last day, relative to `today`.
    pub fn window(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.natural(today);
        (first.start(), last.end())
    }

    /// The periods of type `period_type` that *end* inside the window, so a
    /// coarser type gets whole periods only: on 2024-05-15, `LAST_12_MONTHS` for a
    /// yearly indicator is 2023 (the one year ending in 2023-05 ..= 2024-04), for a
    /// quarterly one 2023-Q2 ..= 2024-Q1; `THIS_YEAR` for a quarterly indicator is
    /// Q1 ..= Q4 of this year. Every window holds at least one period of each type.
    pub fn resolve(self, today: NaiveDate, period_type: PeriodType) -> PeriodSpan {
        let (start, end) = self.window(today);
        let first = period_containing(start, period_type);
        let holding_end = period_containing(end, period_type);
        let last = if holding_end.end() > end {
            holding_end.offset(-1)
        } else {
            holding_end
        };
        // Each window spans at least 12 whole months, so it holds a year's end and
        // `first <= last`; fall back to the one period holding the end regardless.
        PeriodSpan::new(first, last).unwrap_or(PeriodSpan::single(holding_end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn span(code: &str, today: NaiveDate, period_type: PeriodType) -> (Period, Period) {
        let span = RelativePeriod::parse(code).expect("code").resolve(today, period_type);
        (span.first(), span.last())
    }

    const TODAY: (i32, u32, u32) = (2024, 5, 15);

    fn today() -> NaiveDate {
        date(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn last_12_months_are_the_completed_months() {
        assert_eq!(
            span("LAST_12_MONTHS", today(), PeriodType::Month),
            (Period::Month(2023, 5), Period::Month(2024, 4))
        );
        assert_eq!(
            span("LAST_12_MONTHS", today(), PeriodType::Quarter),
            (Period::Quarter(2023, 2), Period::Quarter(2024, 1))
        );
        assert_eq!(
            span("LAST_12_MONTHS", today(), PeriodType::Year),
            (Period::Year(2023), Period::Year(2023))
        );
        assert_eq!(
            span("LAST_12_MONTHS", date(2024, 1, 1), PeriodType::Month),
            (Period::Month(2023, 1), Period::Month(2023, 12))
        );
    }

    #[test]
    fn last_4_quarters() {
        assert_eq!(
            span("LAST_4_QUARTERS", today(), PeriodType::Quarter),
            (Period::Quarter(2023, 2), Period::Quarter(2024, 1))
        );
        assert_eq!(
            span("LAST_4_QUARTERS", today(), PeriodType::Month),
            (Period::Month(2023, 4), Period::Month(2024, 3))
        );
        assert_eq!(
            span("LAST_4_QUARTERS", date(2024, 3, 31), PeriodType::Year),
            (Period::Year(2023), Period::Year(2023))
        );
    }

    #[test]
    fn this_year_in_each_type() {
        let quarters = RelativePeriod::ThisYear.resolve(today(), PeriodType::Quarter);
        assert_eq!(
            quarters.periods().collect::<Vec<_>>(),
            (1..=4).map(|q| Period::Quarter(2024, q)).collect::<Vec<_>>()
        );
        assert_eq!(RelativePeriod::ThisYear.resolve(today(), PeriodType::Month).len(), 12);
        assert_eq!(
            span("THIS_YEAR", today(), PeriodType::Year),
            (Period::Year(2024), Period::Year(2024))
        );
    }

    #[test]
    fn last_5_years() {
        assert_eq!(
            span("LAST_5_YEARS", today(), PeriodType::Year),
            (Period::Year(2019), Period::Year(2023))
        );
        let quarters = RelativePeriod::Last5Years.resolve(today(), PeriodType::Quarter);
        assert_eq!((quarters.first(), quarters.len()), (Period::Quarter(2019, 1), 20));
        assert_eq!(
            RelativePeriod::Last5Years.window(today()),
            (date(2019, 1, 1), date(2023, 12, 31))
        );
    }

    #[test]
    fn unknown_codes_list_the_accepted_ones() {
        let error = RelativePeriod::parse("LAST_YEAR").expect_err("unknown");
        for code in ["LAST_12_MONTHS", "LAST_4_QUARTERS", "THIS_YEAR", "LAST_5_YEARS"] {
            assert!(error.reason.contains(code), "{error}");
        }
        assert!(RelativePeriod::parse("this_year").is_err(), "codes are upper case");
    }

    proptest! {
        #[test]
        fn resolved_periods_end_inside_the_window(
            days in 0i64..(200 * 366),
            code in proptest::sample::select(RelativePeriod::ALL),
            period_type in proptest::sample::select(PeriodType::ALL),
        ) {
            let today = date(1910, 1, 1) + chrono::Days::new(days as u64);
            let (start, end) = code.window(today);
            prop_assert!(start <= end);
            let span = code.resolve(today, period_type);
            prop_assert_eq!(span.period_type(), period_type);
            for period in span.periods() {
                prop_assert!(start <= period.end() && period.end() <= end, "{period} outside {start}..={end}");
            }
            // Maximal: the neighbours end outside.
            prop_assert!(span.first().offset(-1).end() < start);
            prop_assert!(span.last().offset(1).end() > end);
            if code != RelativePeriod::ThisYear {
                prop_assert!(end < today, "only completed periods");
            }
        }
    }
}
