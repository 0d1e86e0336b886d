//! `GET /api/v1/exports/indicator-values`: every value matching a filter, streamed
//! as CSV or NDJSON in keyset pages.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_db::exports::{self, ExportCursor, ExportFilter, ExportRow};
use zorgpact_db::{DbConnection, DbError, indicators, regions};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::{IndicatorCode, ValueStatus};
use zorgpact_domain::period::{Period, PeriodRange};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator, at, optional_at};

use super::body::{PagedBody, Step};
use super::render::{ExportedValueLine, Format, Renderer};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::problem_responses::{AuthErrors, ListErrors};

/// Rows read and written per page: a few hundred kilobytes of output.
pub const PAGE_ROWS: i64 = 5_000;

/// Most codes a list filter may name.
const LIST_MAX: usize = 500;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// Only these indicators: codes separated by commas, e.g.
    /// `sick_leave,open_vacancies`. Default: all.
    #[param(pattern = r"^[a-z](_?[a-z0-9])+(,[a-z](_?[a-z0-9])+)*$")]
    indicators: Option<String>,
    /// Only these regions: codes separated by commas, e.g. `twente,rotterdam`.
    /// Default: all.
    #[param(pattern = r"^[a-z](-?[a-z0-9])+(,[a-z](-?[a-z0-9])+)*$")]
    regions: Option<String>,
    /// Only periods starting on or after the start of this period (`2019`, `2024-Q3`, `2024-07`).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    from: Option<String>,
    /// Only periods starting on or before the end of this period (`2019`, `2024-Q3`, `2024-07`).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    to: Option<String>,
    /// Only values with this status.
    status: Option<ValueStatus>,
    /// `csv` or `ndjson`; overrides the `Accept` header.
    #[param(pattern = r"^(csv|ndjson)$")]
    format: Option<String>,
}

/// Streams indicator values as CSV or NDJSON: the whole table, any size.
///
/// Every value matching the filters, ordered by indicator, region and period (the
/// order of `GET /indicator-values`), for analysts who want the whole table: a
/// million rows arrive without a timeout, the first bytes at once, and the server
/// reads them in pages of 5 000 so that its memory stays flat.
///
/// Each row is a stored value with the target set for the same indicator, region
/// and period (when there is one), the gap `value − target`, the value's status
/// and source, the indicator's unit and direction, and the region's RegioPlus and
/// CBS codes. Derived indicators (computed on read) have no stored values: use the
/// analytics endpoints for them.
///
/// **Formats.** `format=csv` or `Accept: text/csv` (the default): the tidy table
/// of the analytics CSV, header first, columns `indicator, region, period, value,
/// target, gap, status, source, unit, direction, regioplus_code, cbs_code`, CRLF
/// line ends; an absent figure or code is an empty field. It imports unchanged.
/// `format=ndjson` or `Accept: application/x-ndjson`: one JSON object per line
/// with the same fields (absent ones `null`); no rows is an empty body.
///
/// **Consistency.** The export is read page by page, each page in its own query:
/// it is not one snapshot. A value written while the export runs appears in it if
/// its key lies after the page being read, and a value changed behind that point
/// appears as it was. Each row appears at most once; for a frozen picture, export
/// a locked period.
///
/// If reading fails midway, the server closes the connection before the end of
/// the chunked body: a client must treat such a cut-off download as failed.
///
/// Roles: every signed-in caller; partner systems with `indicator-values:read` or
/// `indicator-values:write`.
#[utoipa::path(
    tag = "imports",
    params(ExportQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The values, streamed (chunked transfer encoding). NDJSON: each line is one \
`ExportedValueLine`.",
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"indicator-values.csv\"` (or `.ndjson`)")),
            content(
                (String = "text/csv", example = "indicator,region,period,value,target,gap,status,source,unit,direction,regioplus_code,cbs_code\r\n\
sick_leave,twente,2023,6.4,5.5,0.9000000000000004,final,Vernet,percent,lower_is_better,RP12,\r\n\
sick_leave,twente,2024,6.1,,,provisional,Vernet,percent,lower_is_better,RP12,\r\n"),
                (ExportedValueLine = "application/x-ndjson"),
            )),
        ListErrors,
        AuthErrors
    )
)]
#[get("/exports/indicator-values")]
pub async fn export_indicator_values(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    Params(query): Params<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    let accept = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = Format::negotiate(query.format.as_deref(), accept)?;
    let filter = filter(&query)?;
    let (first, next) = state
        .with_conn(move |conn| -> Result<Result<Step<Export>, ValidationErrors>, DbError> {
            let renderer = Renderer::new(format, indicators::list(conn)?, regions::list(conn)?)?;
            if let Err(unknown) = check_known(&renderer, &filter) {
                return Ok(Err(unknown));
            }
            let head = renderer.head();
            let (page, next) = next_page(
                conn,
                Export {
                    renderer: Arc::new(renderer),
                    filter: Arc::new(filter),
                    after: None,
                },
            )?;
            Ok(Ok(([head, page].concat().into(), next)))
        })
        .await?
        .map_err(ApiError::InvalidParameters)?;
    let body = PagedBody::new(state.db.clone(), next_page, first, next);
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"indicator-values.{}\"", format.extension()),
        ))
        .body(body))
}

/// Where an export stands: what it shows and the last key written.
struct Export {
    renderer: Arc<Renderer>,
    filter: Arc<ExportFilter>,
    after: Option<ExportCursor>,
}

/// Reads and renders the page after `export.after`.
fn next_page(conn: &mut DbConnection, mut export: Export) -> Result<Step<Export>, DbError> {
    let rows = exports::page(conn, &export.filter, export.after.as_ref(), PAGE_ROWS)?;
    // An indicator or region added while a long export runs: read them afresh.
    if !export.renderer.knows_all(&rows) {
        let format = export.renderer.format();
        export.renderer = Arc::new(Renderer::new(format, indicators::list(conn)?, regions::list(conn)?)?);
    }
    let bytes = export.renderer.page(&rows)?;
    let next = match rows.last() {
        Some(last) if rows.len() as i64 == PAGE_ROWS => Some(Export {
            after: Some(ExportRow::cursor(last)),
            ..export
        }),
        _ => None,
    };
    Ok((bytes, next))
}

/// Checks the filters; each bad one is named (400).
fn filter(query: &ExportQuery) -> Result<ExportFilter, ApiError> {
    let (indicators, regions, from, to) = Validator::all((
        at(
            "indicators",
            codes(query.indicators.as_deref(), |c| {
                IndicatorCode::parse(c).map(|c| c.as_str().to_owned())
            }),
        ),
        at(
            "regions",
            codes(query.regions.as_deref(), |c| {
                RegionCode::parse(c).map(|c| c.as_str().to_owned())
            }),
        ),
        optional_at("from", query.from.as_deref(), Period::parse),
        optional_at("to", query.to.as_deref(), Period::parse),
    ))
    .map_err(ApiError::InvalidParameters)?;
    let range = PeriodRange::new(from, to).map_err(|e| ApiError::InvalidParameters(e.at("to").into()))?;
    let status = query.status;
    Ok(ExportFilter {
        indicators,
        regions,
        range,
        status,
    })
}

/// A comma-separated list of codes, each checked; duplicates are dropped.
fn codes(
    list: Option<&str>,
    parse: impl Fn(&str) -> Result<String, InvalidValue>,
) -> Result<Vec<String>, InvalidValue> {
    let mut out: Vec<String> = Vec::new();
    for item in list.unwrap_or("").split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let code = parse(item).map_err(|e| InvalidValue {
            reason: format!("{item:?} {}", e.reason),
            ..e
        })?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    if out.len() > LIST_MAX {
        return Err(InvalidValue::too_many(
            LIST_MAX,
            format!("may name at most {LIST_MAX} codes"),
        ));
    }
    Ok(out)
}

/// Codes that name nothing are refused (400): an export that is empty because of
/// a typo would look like missing data.
fn check_known(renderer: &Renderer, filter: &ExportFilter) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    let unknown = |known: &dyn Fn(&str) -> bool, codes: &[String]| -> Vec<String> {
        codes.iter().filter(|c| !known(c)).cloned().collect()
    };
    let indicators = unknown(&|c| renderer.knows_indicator(c), &filter.indicators);
    v.check(
        indicators.is_empty(),
        "indicators",
        InvalidValue::unknown_reference(format!(
            "names no indicator of the catalogue: {}",
            indicators.join(", ")
        )),
    );
    let regions = unknown(&|c| renderer.knows_region(c), &filter.regions);
    v.check(
        regions.is_empty(),
        "regions",
        InvalidValue::unknown_reference(format!("names no region: {}", regions.join(", "))),
    );
    v.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lists_are_checked_and_deduplicated() {
        let parse = |c: &str| IndicatorCode::parse(c).map(|c| c.as_str().to_owned());
        assert_eq!(
            codes(Some("sick_leave, employees,,sick_leave"), parse),
            Ok(vec!["sick_leave".to_owned(), "employees".to_owned()])
        );
        assert_eq!(codes(None, parse), Ok(vec![]));
        let error = codes(Some("employees,Bad Code"), parse).expect_err("bad code");
        assert!(error.reason.starts_with("\"Bad Code\""), "{}", error.reason);
    }
}
