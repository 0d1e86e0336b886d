//! Working days in the Netherlands, for service clocks: weekends and the public
//! holidays of the Algemene termijnenwet (art. 3) do not count. Those are New
//! Year's Day, Good Friday, Easter Monday, King's Day, the fifth of May,
//! Ascension Day, Whit Monday and both Christmas days. The extra days a royal
//! decree may add every few years (such as the Friday after Ascension Day) are not
//! in the law itself and are left out.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday of a year in the Gregorian calendar (the anonymous algorithm of
/// Meeus, Jones and Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The day the monarch's birthday is celebrated: King's Day (27 April) since
/// 2014, Queen's Day (30 April) before; a Sunday moves it a day earlier.
fn monarchs_day(year: i32) -> Option<NaiveDate> {
    let day = if year >= 2014 { 27 } else { 30 };
    let date = NaiveDate::from_ymd_opt(year, 4, day)?;
    if date.weekday() == Weekday::Sun {
        date.pred_opt()
    } else {
        Some(date)
    }
}

/// The public holidays of `year`, in date order.
pub fn public_holidays(year: i32) -> Vec<NaiveDate> {
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let easter = easter_sunday(year);
    let from_easter = |offset: i64| {
        easter.and_then(|e| {
            if offset < 0 {
                e.checked_sub_days(Days::new(offset.unsigned_abs()))
            } else {
                e.checked_add_days(Days::new(offset.unsigned_abs()))
            }
        })
    };
    let mut days: Vec<NaiveDate> = [
        fixed(1, 1),
        from_easter(-2),
        from_easter(1),
        monarchs_day(year),
        fixed(5, 5),
        from_easter(39),
        from_easter(50),
        fixed(12, 25),
        fixed(12, 26),
    ]
    .into_iter()
    .flatten()
    .collect();
    days.sort();
    days.dedup();
    days
}

/// Whether `day` is a working day: not a Saturday, Sunday or public holiday.
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !public_holidays(day.year()).contains(&day)
}

/// The working days after `from` up to and including `to`: a question asked on
/// Monday and answered on Wednesday took two. Zero when `to` is not after `from`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut count = 0;
    let mut day = from;
    while day < to {
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
        if is_working_day(day) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn easter_falls_where_the_calendars_say() {
        for (year, easter) in [
            (2016, "2016-03-27"),
            (2017, "2017-04-16"),
            (2018, "2018-04-01"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(year), Some(day(easter)), "{year}");
        }
    }

    #[test]
    fn the_holidays_of_2026() {
        let expected = [
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-04-27",
            "2026-05-05",
            "2026-05-14",
            "2026-05-25",
            "2026-12-25",
            "2026-12-26",
        ];
        assert_eq!(public_holidays(2026), expected.map(day));
    }

    #[test]
    fn kings_day_moves_off_a_sunday_and_was_queens_day_before_2014() {
        assert!(
            public_holidays(2025).contains(&day("2025-04-26")),
            "27 April 2025 is a Sunday"
        );
        assert!(public_holidays(2013).contains(&day("2013-04-30")));
        assert!(!public_holidays(2013).contains(&day("2013-04-27")));
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        assert!(is_working_day(day("2026-12-07")), "a Monday");
        assert!(!is_working_day(day("2026-12-05")), "a Saturday");
        assert!(!is_working_day(day("2026-12-25")), "Christmas Day");
        assert!(!is_working_day(day("2026-05-14")), "Ascension Day");
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        assert_eq!(working_days_between(day("2026-12-07"), day("2026-12-09")), 2);
        assert_eq!(
            working_days_between(day("2026-12-04"), day("2026-12-07")),
            1,
            "Friday to Monday"
        );
        // Around Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        assert_eq!(working_days_between(day("2026-04-02"), day("2026-04-07")), 1);
        // Christmas 2026 falls on Friday and Saturday: only the 24th, 28th and 29th count.
        assert_eq!(working_days_between(day("2026-12-23"), day("2026-12-29")), 3);
        assert_eq!(working_days_between(day("2026-12-09"), day("2026-12-07")), 0);
        assert_eq!(working_days_between(day("2026-12-07"), day("2026-12-07")), 0);
    }
}
