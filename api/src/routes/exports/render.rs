//! An export's rows as text: the tidy table of `analytics::tidy` as CSV (header
//! first), or the same columns as one JSON object per line (NDJSON).

use std::collections::HashMap;

use actix_web::web::Bytes;
use serde::Serialize;
use utoipa::ToSchema;
use zorgpact_db::DbError;
use zorgpact_db::exports::ExportRow;
use zorgpact_db::indicators::IndicatorRow;
use zorgpact_db::regions::RegionRow;
use zorgpact_domain::analytics::tidy::{self, TidyRow};
use zorgpact_domain::indicator::{Direction, IndicatorCode, Unit, ValueStatus};
use zorgpact_domain::period::Period;
use zorgpact_domain::region::RegionCode;

use crate::error::ApiError;
use crate::http::negotiate::{self, MediaType};

pub const NDJSON: &str = "application/x-ndjson";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Ndjson,
}

impl Format {
    /// `format=` wins; else the most preferred of `text/csv` and
    /// `application/x-ndjson` in `Accept`; else CSV (see `http::negotiate`).
    pub fn negotiate(param: Option<&str>, accept: Option<&str>) -> Result<Self, ApiError> {
        let offered = [MediaType::Csv, MediaType::Ndjson];
        Ok(match negotiate::choose(param, accept.unwrap_or_default(), &offered)? {
            MediaType::Ndjson => Format::Ndjson,
            MediaType::Csv | MediaType::Json => Format::Csv,
        })
    }

    /// The `Content-Type` of the response.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Ndjson => NDJSON,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
        }
    }
}

/// One exported value as an NDJSON line: the columns of the CSV export, in the
/// same order, with absent figures and codes as `null`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "indicator": "sick_leave", "region": "twente", "period": "2023", "value": 6.4, "target": 5.5,
    "gap": 0.9000000000000004, "status": "final", "source": "Vernet", "unit": "percent",
    "direction": "lower_is_better", "regioplus_code": "RP12", "cbs_code": null
}))]
pub struct ExportedValueLine<'a> {
    /// Indicator code.
    pub indicator: &'a str,
    /// Region code.
    pub region: &'a str,
    /// `2024`, `2024-Q3` or `2024-07`, per the indicator's period type.
    pub period: &'a str,
    pub value: f64,
    /// The target set for the same indicator, region and period, if any.
    pub target: Option<f64>,
    /// `value − target`, when there is a target.
    pub gap: Option<f64>,
    /// `provisional`, `final` or `revised`.
    pub status: &'a str,
    /// Where the value comes from; empty when unknown.
    pub source: &'a str,
    /// The indicator's unit: `persons`, `percent`, `hours`, `index` or `count`.
    pub unit: &'a str,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: &'a str,
    /// The region's RegioPlus labour-market region code.
    pub regioplus_code: Option<&'a str>,
    /// The region's CBS code.
    pub cbs_code: Option<&'a str>,
}

/// What every row needs besides the value: catalogue facts and region codes,
/// read once per export.
pub struct Renderer {
    format: Format,
    indicators: HashMap<String, (IndicatorCode, Unit, Direction)>,
    regions: HashMap<String, (RegionCode, Option<String>, Option<String>)>,
}

impl Renderer {
    pub fn new(format: Format, indicators: Vec<IndicatorRow>, regions: Vec<RegionRow>) -> Result<Self, DbError> {
        let indicators = indicators
            .into_iter()
            .map(|row| {
                let facts = (
                    IndicatorCode::parse(&row.code).map_err(|e| stored("indicator", &row.code, e))?,
                    Unit::parse(&row.unit).map_err(|e| stored("unit", &row.code, e))?,
                    Direction::parse(&row.direction).map_err(|e| stored("direction", &row.code, e))?,
                );
                Ok((row.code, facts))
            })
            .collect::<Result<_, DbError>>()?;
        let regions = regions
            .into_iter()
            .map(|row| {
                let code = RegionCode::parse(&row.code).map_err(|e| stored("region", &row.code, e))?;
                Ok((row.code, (code, row.regioplus_code, row.cbs_code)))
            })
            .collect::<Result<_, DbError>>()?;
        Ok(Self {
            format,
            indicators,
            regions,
        })
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Whether every row's indicator and region were known when this was made.
    pub fn knows_all(&self, rows: &[ExportRow]) -> bool {
        rows.iter()
            .all(|r| self.knows_indicator(&r.value.indicator_code) && self.knows_region(&r.value.region_code))
    }

    pub fn knows_indicator(&self, code: &str) -> bool {
        self.indicators.contains_key(code)
    }

    pub fn knows_region(&self, code: &str) -> bool {
        self.regions.contains_key(code)
    }

    /// What comes before the rows: the CSV header line.
    pub fn head(&self) -> Bytes {
        match self.format {
            Format::Csv => Bytes::from(tidy::header_line()),
            Format::Ndjson => Bytes::new(),
        }
    }

    /// The rows of one page.
    pub fn page(&self, rows: &[ExportRow]) -> Result<Bytes, DbError> {
        let mut out = String::with_capacity(rows.len() * 128);
        for row in rows {
            let tidy = self.tidy(row)?;
            match self.format {
                Format::Csv => out.push_str(&tidy.csv_line()),
                Format::Ndjson => {
                    let line = ExportedValueLine {
                        indicator: &row.value.indicator_code,
                        region: &row.value.region_code,
                        period: &row.value.period,
                        value: row.value.value,
                        target: tidy.target,
                        gap: tidy.gap(),
                        status: &row.value.status,
                        source: &row.value.source,
                        unit: tidy.unit.as_str(),
                        direction: tidy.direction.as_str(),
                        regioplus_code: tidy.regioplus_code.as_deref(),
                        cbs_code: tidy.cbs_code.as_deref(),
                    };
                    let json = serde_json::to_string(&line).map_err(|e| DbError::Internal(e.to_string()))?;
                    out.push_str(&json);
                    out.push('\n');
                }
            }
        }
        Ok(Bytes::from(out))
    }

    /// The row in the analysts' tidy form. Stored rows passed the write rules, so
    /// a row that does not fit here is a bug, not bad input.
    fn tidy(&self, row: &ExportRow) -> Result<TidyRow, DbError> {
        let value = &row.value;
        let (indicator, unit, direction) = self
            .indicators
            .get(&value.indicator_code)
            .ok_or_else(|| DbError::Internal(format!("value of unknown indicator {}", value.indicator_code)))?;
        let (region, regioplus_code, cbs_code) = self
            .regions
            .get(&value.region_code)
            .ok_or_else(|| DbError::Internal(format!("value of unknown region {}", value.region_code)))?;
        Ok(TidyRow {
            indicator: indicator.clone(),
            region: region.clone(),
            period: Period::parse(&value.period).map_err(|e| stored("period", &value.period, e))?,
            value: Some(value.value),
            target: row.target,
            status: Some(ValueStatus::parse(&value.status).map_err(|e| stored("status", &value.status, e))?),
            source: value.source.clone(),
            unit: *unit,
            direction: *direction,
            regioplus_code: regioplus_code.clone(),
            cbs_code: cbs_code.clone(),
        })
    }
}

fn stored(what: &str, value: &str, error: impl std::fmt::Display) -> DbError {
    DbError::Internal(format!("stored {what} {value:?} is invalid: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_parameter_wins_over_accept() {
        assert_eq!(
            Format::negotiate(Some("ndjson"), Some("text/csv")).ok(),
            Some(Format::Ndjson)
        );
        assert_eq!(Format::negotiate(Some("csv"), Some(NDJSON)).ok(), Some(Format::Csv));
        assert!(matches!(
            Format::negotiate(Some("xlsx"), None),
            Err(ApiError::InvalidParameters(_))
        ));
    }

    #[test]
    fn accept_picks_the_most_preferred_supported_type() {
        let pick = |accept| Format::negotiate(None, Some(accept)).ok();
        assert_eq!(pick("application/x-ndjson"), Some(Format::Ndjson));
        assert_eq!(pick("text/csv;q=0.5, application/x-ndjson"), Some(Format::Ndjson));
        assert_eq!(pick("text/csv, application/x-ndjson;q=0.9"), Some(Format::Csv));
        assert_eq!(pick("application/x-ndjson;q=0, */*"), Some(Format::Csv));
        assert_eq!(pick("application/json"), Some(Format::Csv));
        assert_eq!(Format::negotiate(None, None).ok(), Some(Format::Csv));
    }
}
