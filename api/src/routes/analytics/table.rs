//! `GET /api/v1/analytics`: the tidy table, in JSON or CSV.

use std::collections::BTreeSet;

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::Problem;
use zorgpact_contract::analytics::{AnalyticsResponse, AnalyticsRow};
use zorgpact_db::DbError;
use zorgpact_db::analytics::{RegionKeys, Selection};
use zorgpact_domain::analytics::figures::{Dataset, Figure, IndicatorRules, fetch_window};
use zorgpact_domain::analytics::progress::gap;
use zorgpact_domain::analytics::relative::RelativePeriod;
use zorgpact_domain::analytics::tidy::{TidyRow, write_table};
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
        let rows = rows(&catalogue, &data, &codes, &regions, &windows)?;
        if rows.len() > MAX_ROWS {
            return Err(too_many());
        }
        let body = match format {
            MediaType::Csv => csv_table(&rows)?,
            MediaType::Json | MediaType::Ndjson => json_table(&catalogue, &codes, &regions, &rows)?,
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
    figure: Option<Figure>,
    target: Option<f64>,
}

impl Row<'_> {
    fn json(&self) -> AnalyticsRow {
        let value = self.figure.as_ref().map(|f| f.value);
        AnalyticsRow {
            indicator: self.indicator.code.as_str().to_owned(),
            region: self.region.code.clone(),
            period: self.period.to_string(),
            value,
            target: self.target,
            gap: value.zip(self.target).map(|(v, t)| gap(v, t)),
            status: self.figure.as_ref().map(|f| f.status),
            source: self.figure.as_ref().map(Figure::source),
        }
    }

    /// Stored region codes parse; a failure is a bug.
    fn tidy(&self) -> Result<TidyRow, DbError> {
        Ok(TidyRow {
            indicator: self.indicator.code.clone(),
            region: RegionCode::parse(&self.region.code)
                .map_err(|e| DbError::Internal(format!("stored region {}: {e}", self.region.code)))?,
            period: self.period,
            value: self.figure.as_ref().map(|f| f.value),
            target: self.target,
            status: self.figure.as_ref().map(|f| f.status),
            source: self.figure.as_ref().map(Figure::source).unwrap_or_default(),
            unit: self.indicator.unit,
            direction: self.indicator.direction,
            regioplus_code: self.region.regioplus_code.clone(),
            cbs_code: self.region.cbs_code.clone(),
        })
    }
}

/// The rows in order (indicator as asked, region, period); stops once past the cap.
fn rows<'a>(
    catalogue: &'a AnalyticsCatalogue,
    data: &Dataset<'_>,
    codes: &[String],
    regions: &'a [RegionKeys],
    windows: &[PeriodRange],
) -> Result<Vec<Row<'a>>, ApiError> {
    let mut rows = Vec::new();
    for (code, window) in codes.iter().zip(windows) {
        let indicator = catalogue.rules_of(code)?;
        for region in regions {
            let figures = data.regional(code, &region.code, indicator.period_type);
            let targets = data.targets(code, &region.code, indicator.period_type);
            let periods: BTreeSet<Period> = figures
                .keys()
                .chain(targets.keys())
                .copied()
                .filter(|p| window.contains(*p))
                .collect();
            rows.extend(periods.into_iter().map(|period| Row {
                indicator,
                region,
                period,
                figure: figures.get(&period).cloned(),
                target: targets.get(&period).copied(),
            }));
            if rows.len() > MAX_ROWS {
                return Ok(rows);
            }
        }
    }
    Ok(rows)
}

fn json_table(
    catalogue: &AnalyticsCatalogue,
    codes: &[String],
    regions: &[RegionKeys],
    rows: &[Row<'_>],
) -> Result<Vec<u8>, ApiError> {
    let indicators = codes
        .iter()
        .map(|code| catalogue.meta(code))
        .collect::<Result<_, _>>()?;
    Ok(json_bytes(&AnalyticsResponse {
        indicators,
        regions: regions.iter().map(region_meta).collect(),
        rows: rows.iter().map(Row::json).collect(),
    })?)
}

fn csv_table(rows: &[Row<'_>]) -> Result<Vec<u8>, DbError> {
    let tidy = rows.iter().map(Row::tidy).collect::<Result<Vec<_>, _>>()?;
    Ok(write_table(&tidy).into_bytes())
}
