//! Free text with limits: trimmed, non-empty where required, bounded in length so a
//! single field cannot fill the database.

use crate::InvalidValue;

/// Trimmed text of 1..=`max` characters (not bytes: Dutch names carry diacritics).
pub fn required(input: &str, max: usize) -> Result<String, InvalidValue> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(InvalidValue::empty());
    }
    bounded(trimmed, max)
}

/// Trimmed text of 0..=`max` characters.
pub fn bounded(input: &str, max: usize) -> Result<String, InvalidValue> {
    let trimmed = input.trim();
    if trimmed.chars().count() > max {
        return Err(InvalidValue::too_long(max));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(InvalidValue::control_characters());
    }
    Ok(trimmed.to_owned())
}

/// A lowercase code of ASCII letters, digits and `sep` (e.g. `midden-brabant`,
/// `open_vacancies`), starting with a letter.
pub fn code(input: &str, sep: char, min: usize, max: usize) -> Result<String, InvalidValue> {
    let len = input.len();
    let starts_with_letter = input.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let allowed = input
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == sep);
    if (min..=max).contains(&len)
        && starts_with_letter
        && allowed
        && !input.ends_with(sep)
        && !input.contains(&format!("{sep}{sep}"))
    {
        Ok(input.to_owned())
    } else {
        Err(InvalidValue::invalid_format(format!(
            "must be {min} to {max} lowercase letters, digits or '{sep}', starting with a letter"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldErrorCode;

    #[test]
    fn required_trims_and_rejects_blank() {
        assert_eq!(required("  Twente ", 10).as_deref(), Ok("Twente"));
        assert!(required("   ", 10).is_err());
        assert!(required("ééééé", 5).is_ok(), "limit counts characters, not bytes");
        let code = |input| required(input, 5).map_err(|e| (e.code, e.limit));
        assert_eq!(code("abcdef"), Err((FieldErrorCode::TooLong, Some(5))));
        assert_eq!(code("   "), Err((FieldErrorCode::Required, None)));
        assert_eq!(code("a\u{0}b"), Err((FieldErrorCode::ControlCharacters, None)));
    }

    #[test]
    fn codes_are_strict() {
        assert!(code("midden-brabant", '-', 2, 60).is_ok());
        for bad in ["", "a", "Midden", "-ab", "ab-", "a--b", "1ab", "ab c", "ab_c"] {
            assert!(code(bad, '-', 2, 60).is_err(), "{bad:?} should be rejected");
        }
    }
}

/// An ISO 8601 calendar date, `YYYY-MM-DD`.
pub fn date(input: &str) -> Result<chrono::NaiveDate, InvalidValue> {
    chrono::NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .ok()
        .filter(|d| input.len() == 10 && (1900..=2100).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| InvalidValue::invalid_format("must be a date like 2024-03-31"))
}

/// Optional short text: blank means absent.
pub fn optional(input: Option<&str>, max: usize) -> Result<Option<String>, InvalidValue> {
    match input.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => bounded(s, max).map(Some),
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn dates_are_iso() {
        assert!(date("2024-02-29").is_ok());
        for bad in [
            "2023-02-29",
            "2024-2-1",
            "01-02-2024",
            "2024-01-01T00:00:00",
            "",
            "9999-01-01",
        ] {
            assert!(date(bad).is_err(), "{bad:?}");
        }
    }
}
