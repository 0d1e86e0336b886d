//! `GET /api/v1/analytics`: the tidy table, in JSON or CSV.

use std::collections::BTreeSet;

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::ser::{Error as _, SerializeSeq as _};
use serde::{Deserialize, Serialize, Serializer};
use utoipa::IntoParams;
use zorgpact_contract::Problem;
use zorgpact_contract::analytics::{AnalyticsResponse, AnalyticsRow, IndicatorMeta, RegionMeta};
use zorgpact_db::DbError;
use zorgpact_db::analytics::{RegionKeys, Selection};
use zorgpact_domain::analytics::figures::{Dataset, Figure, IndicatorRules, fetch_window};
use zorgpact_domain::analytics::progress::gap;
use zorgpact_domain::analytics::relative::RelativePeriod;
use zorgpact_domain::analytics::tidy::{TidyRow, header_line};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::period::{Period, PeriodRange};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{InvalidValue, Parsed, ValidationErrors, Validator, at};

use super::convert::region_meta;
use super::params::{self, When};
use super::snapshot::{self, AnalyticsCatalogue, Loaded};
use super::{cache, json_bytes, today};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::negotiate::{MediaType, negotiate};
use crate::problem_responses::{AuthErrors, ListErrors};

/// The most rows one answer holds; larger tables stream from the export.
pub const MAX_ROWS: usize = 100_000;
/// Where larger tables come from.
const EXPORT_PATH: &str = "/api/v1/exports/indicator-values";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyticsQuery {
    /// Required: indicator codes, comma-separated (`side_entrants,employees`).
    #[param(
        required = true,
        pattern = r"^[a-z](_?[a-z0-9])+(,[a-z](_?[a-z0-9])+)*$",
        example = "side_entrants,employees"
    )]
    indicators: Option<String>,
    /// Region codes, comma-separated, or `all` (the default).
    #[param(pattern = r"^[a-z](-?[a-z0-9])+(,[a-z](-?[a-z0-9])+)*$")]
    regions: Option<String>,
    /// Periods starting on or after the start of this period (`2019`, `2024-Q3`, `2024-07`).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    from: Option<String>,
    /// Periods starting on or before the end of this period.
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    to: Option<String>,
    /// Instead of `from`/`to`: `LAST_12_MONTHS`, `LAST_4_QUARTERS`, `THIS_YEAR` or
    /// `LAST_5_YEARS`, resolved against today (UTC) for each indicator's period type.
    #[param(inline)]
    relative: Option<RelativePeriod>,
    /// `json` (the default) or `csv`; without it, `Accept` decides by its `q=` weights.
    #[param(pattern = r"^(json|csv)$")]
    format: Option<String>,
}

/// Many indicators × regions × periods at once: one row per indicator, region and
/// period with a value or a target (value, target, gap = value − target, the
/// value's status and source), with the catalogue facts (unit, direction,
/// definition, formula and inputs of derived indicators) and the regions' external
/// codes alongside. Each indicator in its own period type. In JSON, or with
/// `format=csv` or `Accept: text/csv` as CSV with the columns `indicator, region,
/// period, value, target, gap, status, source, unit, direction, regioplus_code,
/// cbs_code` (an exported file imports without change). At most 100 000 rows: a
/// larger table is refused (422) in favour of the streaming export
/// `/api/v1/exports/indicator-values`. Figures are computed on read;
/// `If-None-Match` with the `ETag` answers 304. Roles: every signed-in caller;
/// partner systems with `indicator-values:read` or `indicator-values:write`.
#[utoipa::path(
    tag = "analytics",
    params(
        AnalyticsQuery,
        ("If-None-Match" = Option<String>, Header, description = "The `ETag` of a copy you hold: 304 if it is still current"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The table", headers(
            ("ETag" = String, description = "Strong tag: a hash of the body (JSON and CSV differ)"),
            ("Last-Modified" = String, description = "The latest change of the values, targets and indicators read")),
            content(
                (AnalyticsResponse = "application/json"),
                (String = "text/csv", example = json!(
                    "indicator,region,period,value,target,gap,status,source,unit,direction,regioplus_code,cbs_code\r\n\
                     side_entrants,twente,2022,1650,1700,-50,final,CBS Statline,persons,higher_is_better,RP-22,\r\n"))
            )),
        (status = 304, description = "Not modified: the copy named in `If-None-Match` is current", headers(
            ("ETag" = String), ("Last-Modified" = String))),
        ListErrors,
        AuthErrors,
        (status = 422, description = "The table would hold more than 100 000 rows: narrow `indicators`, `regions` or \
            the period range, or stream it from `/api/v1/exports/indicator-values`",
            body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/analytics")]
pub async fn get_analytics(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    Params(query): Params<AnalyticsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    let (when, _) = Validator::all((
        Parsed::from(When::parse(query.from.as_deref(), query.to.as_deref(), query.relative)),
        at(
            "indicators",
            query
                .indicators
                .as_deref()
                .ok_or_else(|| InvalidValue::missing("is required: one or more indicator codes, comma-separated")),
        ),
    ))
    .map_err(ApiError::InvalidParameters)?;
    let format = negotiate(&req, query.format.as_deref(), &[MediaType::Json, MediaType::Csv])?;
    let answer = snapshot::answer(&state, &req, format.content_type(), move |conn| {
        let catalogue = AnalyticsCatalogue::load(conn)?;
        let codes = params::indicators(query.indicators.as_deref(), &catalogue)?.unwrap_or_default();
        let regions = params::regions(query.regions.as_deref(), &catalogue)?;
        let today = today();
        let windows: Vec<PeriodRange> = codes
            .iter()
            .filter_map(|code| catalogue.indicator(code))
            .map(|i| when.resolve(i.period_type, today).range)
            .collect();
        let (first_start, last_start) = fetch_window(&windows);
        let selection = Selection {
            indicators: catalogue.rules.closure(&codes, false),
            regions: Some(regions.iter().map(|r| r.code.clone()).collect()),
            first_start,
            last_start,
            // Inputs of derived indicators are read too: room for them, within bounds.
            limit: Some(i64::try_from(2 * MAX_ROWS + 1).unwrap_or(i64::MAX)),
        };
        let loaded = Loaded::load(conn, &catalogue, &selection)?;
        if loaded.rows_read > 2 * MAX_ROWS {
            return Err(too_many());
        }
        let last_modified = loaded.last_modified;
        let data = loaded.dataset(&catalogue);
        let table = Table {
            catalogue: &catalogue,
            data: &data,
            codes: &codes,
            regions: &regions,
            windows: &windows,
        };
        if table.rows_up_to(MAX_ROWS + 1)? > MAX_ROWS {
            return Err(too_many());
        }
        let body = match format {
            MediaType::Csv => table.csv()?,
            MediaType::Json | MediaType::Ndjson => table.json()?,
        };
        Ok((body, last_modified))
    })
    .await?;
    Ok(cache::respond(&req, &answer))
}

fn too_many() -> ApiError {
    ApiError::Validation(ValidationErrors::single(
        "",
        InvalidValue::too_many(
            MAX_ROWS,
            format!(
                "the table would hold more than {MAX_ROWS} rows: narrow indicators, regions or the period range, \
                 or stream it from {EXPORT_PATH}"
            ),
        ),
    ))
}

/// One row of the table, before it is written as JSON or CSV.
struct Row<'a> {
    indicator: &'a IndicatorRules,
    region: &'a RegionKeys,
    period: Period,
    figure: Option<&'a Figure>,
    target: Option<f64>,
}

impl Row<'_> {
    fn json(&self) -> AnalyticsRow {
        let value = self.figure.map(|f| f.value);
        AnalyticsRow {
            indicator: self.indicator.code.as_str().to_owned(),
            region: self.region.code.clone(),
            period: self.period.to_string(),
            value,
            target: self.target,
            gap: value.zip(self.target).map(|(v, t)| gap(v, t)),
            status: self.figure.map(|f| f.status),
            source: self.figure.map(Figure::source),
        }
    }

    /// Stored region codes parse; a failure is a bug.
    fn tidy(&self) -> Result<TidyRow, DbError> {
        Ok(TidyRow {
            indicator: self.indicator.code.clone(),
            region: RegionCode::parse(&self.region.code)
                .map_err(|e| DbError::Internal(format!("stored region {}: {e}", self.region.code)))?,
            period: self.period,
            value: self.figure.map(|f| f.value),
            target: self.target,
            status: self.figure.map(|f| f.status),
            source: self.figure.map(Figure::source).unwrap_or_default(),
            unit: self.indicator.unit,
            direction: self.indicator.direction,
            regioplus_code: self.region.regioplus_code.clone(),
            cbs_code: self.region.cbs_code.clone(),
        })
    }
}

/// The table asked for: its rows are read from the figures as they are written,
/// so that a table of up to 100 000 rows is never held as rows besides its body.
struct Table<'a> {
    catalogue: &'a AnalyticsCatalogue,
    data: &'a Dataset<'a>,
    codes: &'a [String],
    regions: &'a [RegionKeys],
    windows: &'a [PeriodRange],
}

impl Table<'_> {
    /// Calls `each` with every row in order (indicator as asked, region, period)
    /// until it answers `false`.
    fn each_row(&self, mut each: impl FnMut(Row<'_>) -> Result<bool, ApiError>) -> Result<(), ApiError> {
        for (code, window) in self.codes.iter().zip(self.windows) {
            let indicator = self.catalogue.rules_of(code)?;
            for region in self.regions {
                let figures = self.data.regional(code, &region.code, indicator.period_type);
                let targets = self.data.targets(code, &region.code, indicator.period_type);
                let periods: BTreeSet<Period> = figures
                    .keys()
                    .chain(targets.keys())
                    .copied()
                    .filter(|p| window.contains(*p))
                    .collect();
                for period in periods {
                    let row = Row {
                        indicator,
                        region,
                        period,
                        figure: figures.get(&period),
                        target: targets.get(&period).copied(),
                    };
                    if !each(row)? {
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }

    /// How many rows the table has, counted up to `cap`.
    fn rows_up_to(&self, cap: usize) -> Result<usize, ApiError> {
        let mut count = 0;
        self.each_row(|_| {
            count += 1;
            Ok(count < cap)
        })?;
        Ok(count)
    }

    fn json(&self) -> Result<Vec<u8>, ApiError> {
        let indicators = self
            .codes
            .iter()
            .map(|code| self.catalogue.meta(code))
            .collect::<Result<_, _>>()?;
        Ok(json_bytes(&JsonTable {
            indicators,
            regions: self.regions.iter().map(region_meta).collect(),
            rows: JsonRows(self),
        })?)
    }

    fn csv(&self) -> Result<Vec<u8>, ApiError> {
        let mut out = header_line();
        self.each_row(|row| {
            out.push_str(&row.tidy()?.csv_line());
            Ok(true)
        })?;
        Ok(out.into_bytes())
    }
}

/// [`AnalyticsResponse`], its rows written one by one from the table.
#[derive(Serialize)]
struct JsonTable<'a> {
    indicators: Vec<IndicatorMeta>,
    regions: Vec<RegionMeta>,
    rows: JsonRows<'a>,
}

struct JsonRows<'a>(&'a Table<'a>);

impl Serialize for JsonRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut rows = serializer.serialize_seq(None)?;
        let mut failed = None;
        self.0
            .each_row(|row| match rows.serialize_element(&row.json()) {
                Ok(()) => Ok(true),
                Err(e) => {
                    failed = Some(e);
                    Ok(false)
                }
            })
            .map_err(|e| S::Error::custom(e.to_string()))?;
        match failed {
            Some(e) => Err(e),
            None => rows.end(),
        }
    }
}
