//! The one timestamp format of every response: RFC 3339 in UTC, to the
//! millisecond, e.g. `2026-12-05T23:28:22.123Z`. The database stores moments in
//! UTC without an offset (`NaiveDateTime`).

use chrono::{NaiveDateTime, SecondsFormat};

/// A stored moment as the API writes it.
pub fn timestamp(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn utc_with_milliseconds() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let at = day.and_hms_milli_opt(23, 28, 22, 123).expect("time");
        assert_eq!(timestamp(at), "2026-12-05T23:28:22.123Z");
        let whole = day.and_hms_opt(0, 0, 0).expect("time");
        assert_eq!(timestamp(whole), "2026-12-05T00:00:00.000Z");
    }
}
