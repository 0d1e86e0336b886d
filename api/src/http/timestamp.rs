//! The one timestamp format of every response: RFC 3339 in UTC, to the
//! millisecond, e.g. `2026-12-05T23:28:22.123Z`. The database stores moments in
//! UTC without an offset (`NaiveDateTime`).

use chrono::{DateTime, NaiveDateTime, SecondsFormat};
use serde_json::Value;

/// A stored moment as the API writes it.
pub fn timestamp(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Rewrites the moments (`…_at` fields) in stored JSON, such as the audit trail's
/// row snapshots, which serde wrote as naive date-times with nanoseconds.
pub fn normalise(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                match field {
                    Value::String(text) if name.ends_with("_at") => {
                        let parsed = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                            .or_else(|_| DateTime::parse_from_rfc3339(text).map(|d| d.naive_utc()));
                        if let Ok(at) = parsed {
                            *text = timestamp(at);
                        }
                    }
                    other => normalise(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        _ => {}
    }
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

    #[test]
    fn stored_snapshots_get_the_same_format() {
        let mut state = serde_json::json!({
            "updated_at": "2026-12-06T00:06:23.885245429",
            "closed_at": "2026-12-06T00:06:23+01:00",
            "items": [{"created_at": "2026-12-06T00:06:23"}],
            "name": "2026-12-06T00:06:23",
            "locked_at": "not a moment",
        });
        normalise(&mut state);
        assert_eq!(state["updated_at"], "2026-12-06T00:06:23.885Z");
        assert_eq!(state["closed_at"], "2026-12-05T23:06:23.000Z");
        assert_eq!(state["items"][0]["created_at"], "2026-12-06T00:06:23.000Z");
        assert_eq!(state["name"], "2026-12-06T00:06:23", "only moments");
        assert_eq!(state["locked_at"], "not a moment");
    }
}
