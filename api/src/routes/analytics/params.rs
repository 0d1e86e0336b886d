//! The query parameters the analytics endpoints share, checked once: every bad
//! one is named in a 400.

use chrono::NaiveDate;
use zorgpact_db::analytics::RegionKeys;
use zorgpact_domain::analytics::calendar::sub_period_count;
use zorgpact_domain::analytics::relative::RelativePeriod;
use zorgpact_domain::indicator::IndicatorCode;
use zorgpact_domain::period::{Period, PeriodRange, PeriodType};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator, optional_at};

use super::snapshot::AnalyticsCatalogue;
use crate::error::ApiError;

fn invalid(name: &str, error: InvalidValue) -> ApiError {
    ApiError::InvalidParameters(ValidationErrors::single(name, error))
}

/// Which periods: an explicit range, a window relative to today, or all.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    All,
    Between { from: Option<Period>, to: Option<Period> },
    Relative(RelativePeriod),
}

/// A [`When`] resolved for one period type.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Points whose period starts inside count.
    pub range: PeriodRange,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl When {
    /// `from`/`to` (any period, either may be open) or `relative`, not both.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        relative: Option<RelativePeriod>,
    ) -> Result<Self, ValidationErrors> {
        let (from, to) = Validator::all((
            optional_at("from", from, Period::parse),
            optional_at("to", to, Period::parse),
        ))?;
        match (from, to, relative) {
            (_, _, Some(_)) if from.is_some() || to.is_some() => Err(ValidationErrors::single(
                "relative",
                InvalidValue::inconsistent("cannot be combined with from or to: give one or the other"),
            )),
            (_, _, Some(relative)) => Ok(When::Relative(relative)),
            (None, None, None) => Ok(When::All),
            (from, to, None) => {
                PeriodRange::new(from, to).map_err(|e| e.at("to"))?;
                Ok(When::Between { from, to })
            }
        }
    }

    /// [`When::parse`] for an operation with no other parameters to check together:
    /// a bad parameter is a 400 naming it.
    pub fn from_params(
        from: Option<&str>,
        to: Option<&str>,
        relative: Option<RelativePeriod>,
    ) -> Result<Self, ApiError> {
        Self::parse(from, to, relative).map_err(ApiError::InvalidParameters)
    }

    /// The window for periods of `period_type`, relative windows resolved against `today`.
    pub fn resolve(self, period_type: PeriodType, today: NaiveDate) -> Window {
        match self {
            When::All => Window {
                range: PeriodRange::default(),
                from: None,
                to: None,
            },
            When::Between { from, to } => Window {
                range: PeriodRange::new(from, to).unwrap_or_default(),
                from: from.map(|p| p.to_string()),
                to: to.map(|p| p.to_string()),
            },
            When::Relative(relative) => {
                let span = relative.resolve(today, period_type);
                Window {
                    range: span.to_range(),
                    from: Some(span.first().to_string()),
                    to: Some(span.last().to_string()),
                }
            }
        }
    }
}

/// The period type of the answer: the indicator's own (the default) or a coarser one.
pub fn period_type(param: Option<PeriodType>, own: PeriodType) -> Result<PeriodType, ApiError> {
    let Some(wanted) = param else {
        return Ok(own);
    };
    match sub_period_count(wanted, own) {
        Some(_) => Ok(wanted),
        None => Err(invalid(
            "period_type",
            InvalidValue::inconsistent(format!(
                "cannot split {own} values into {wanted}s: ask for the indicator's own period type or a coarser one"
            )),
        )),
    }
}

/// Comma-separated codes, each parsed, duplicates dropped (first one kept).
fn code_list<T: PartialEq>(
    name: &str,
    text: &str,
    parse: impl Fn(&str) -> Result<T, InvalidValue>,
) -> Result<Vec<T>, ApiError> {
    let mut codes = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let code = parse(part).map_err(|e| {
            let reason = format!("'{part}' is not a code: it {}", e.reason);
            invalid(name, InvalidValue { reason, ..e })
        })?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// The regions asked for (`regions`: codes, or `all`, the default), in code order.
pub fn regions(param: Option<&str>, catalogue: &AnalyticsCatalogue) -> Result<Vec<RegionKeys>, ApiError> {
    let Some(text) = param.filter(|t| !t.eq_ignore_ascii_case("all")) else {
        return Ok(catalogue.regions.clone());
    };
    let wanted = code_list("regions", text, RegionCode::parse)?;
    if wanted.is_empty() {
        return Ok(catalogue.regions.clone());
    }
    let unknown: Vec<&str> = wanted
        .iter()
        .map(RegionCode::as_str)
        .filter(|code| !catalogue.regions.iter().any(|r| r.code == *code))
        .collect();
    if !unknown.is_empty() {
        return Err(invalid(
            "regions",
            InvalidValue::unknown_reference(format!("names no region: {}", unknown.join(", "))),
        ));
    }
    Ok(catalogue
        .regions
        .iter()
        .filter(|r| wanted.iter().any(|w| w.as_str() == r.code))
        .cloned()
        .collect())
}

/// The indicators asked for (`indicators`: codes), in the order asked; `None`
/// without the parameter.
pub fn indicators(param: Option<&str>, catalogue: &AnalyticsCatalogue) -> Result<Option<Vec<String>>, ApiError> {
    let Some(text) = param else {
        return Ok(None);
    };
    let wanted = code_list("indicators", text, IndicatorCode::parse)?;
    if wanted.is_empty() {
        return Err(invalid(
            "indicators",
            InvalidValue::missing("names no indicator: give one or more codes, comma-separated"),
        ));
    }
    let unknown: Vec<&str> = wanted
        .iter()
        .map(IndicatorCode::as_str)
        .filter(|code| catalogue.indicator(code).is_none())
        .collect();
    if !unknown.is_empty() {
        return Err(invalid(
            "indicators",
            InvalidValue::unknown_reference(format!("names no indicator in the catalogue: {}", unknown.join(", "))),
        ));
    }
    Ok(Some(wanted.iter().map(|c| c.as_str().to_owned()).collect()))
}

/// Region codes as the domain types them; the catalogue's codes parse.
pub fn region_codes(regions: &[RegionKeys]) -> Vec<RegionCode> {
    regions.iter().filter_map(|r| RegionCode::parse(&r.code).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(from: Option<&str>, to: Option<&str>, relative: Option<&str>) -> Result<When, Vec<String>> {
        let relative = relative.map(|r| RelativePeriod::parse(r).expect("relative"));
        When::parse(from, to, relative).map_err(|errors| errors.0.into_iter().map(|e| e.pointer).collect())
    }

    #[test]
    fn ranges_and_relative_windows_are_named_when_bad() {
        assert_eq!(when(None, None, None), Ok(When::All));
        assert_eq!(
            when(Some("2022"), None, None),
            Ok(When::Between {
                from: Some(Period::Year(2022)),
                to: None
            })
        );
        assert_eq!(when(Some("2022-13"), None, None), Err(vec!["from".to_owned()]));
        assert_eq!(when(Some("2024"), Some("2023"), None), Err(vec!["to".to_owned()]));
        assert_eq!(
            when(Some("2022"), None, Some("THIS_YEAR")),
            Err(vec!["relative".to_owned()])
        );
        assert_eq!(
            when(None, None, Some("THIS_YEAR")),
            Ok(When::Relative(RelativePeriod::ThisYear))
        );
    }

    #[test]
    fn relative_windows_resolve_per_period_type() {
        let today = NaiveDate::from_ymd_opt(2024, 5, 15).expect("date");
        let window = When::Relative(RelativePeriod::Last4Quarters).resolve(PeriodType::Quarter, today);
        assert_eq!(window.from.as_deref(), Some("2023-Q2"));
        assert_eq!(window.to.as_deref(), Some("2024-Q1"));
        assert!(window.range.contains(Period::Quarter(2023, 2)));
        assert!(!window.range.contains(Period::Quarter(2024, 2)));
    }

    #[test]
    fn the_period_type_may_only_get_coarser() {
        assert_eq!(period_type(None, PeriodType::Quarter).ok(), Some(PeriodType::Quarter));
        assert_eq!(
            period_type(Some(PeriodType::Year), PeriodType::Quarter).ok(),
            Some(PeriodType::Year)
        );
        assert!(period_type(Some(PeriodType::Month), PeriodType::Quarter).is_err());
    }
}
