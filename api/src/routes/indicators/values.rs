//! `/api/v1/indicator-values`: reported values per indicator, region and period.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::indicator::{
    BulkIndicatorValuesRequest, BulkWriteResponse, IndicatorValueItem, IndicatorValueListResponse,
    IndicatorValueRequest, IndicatorValueResponse,
};
use zorgpact_contract::revision::{RevisionListResponse, RevisionResponse};
use zorgpact_db::indicator_values::{self, IndicatorValueRow, StoredKey, ValueInput};
use zorgpact_db::revisions::{self, RevisionRow};
use zorgpact_domain::Validator;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::{KeyInput, Measure, RegionInput, ReportedValue, ValueStatus};
use zorgpact_domain::period::Period;

use super::convert::value_response;
use super::series::{self, ListParams, PointPath, SeriesResource};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::{Body, Params};
use crate::http::pagination::PageRequest;
use crate::http::timestamp::timestamp;
use crate::problem_responses::{AuthErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::stored;
use zorgpact_db::DbError;

impl SeriesResource for IndicatorValueRow {
    const PATH: &'static str = "indicator-values";
    const NOUN: &'static str = "value";
    type Response = IndicatorValueResponse;
    type Request = IndicatorValueRequest;
    type Item = IndicatorValueItem;

    fn response(self) -> Result<IndicatorValueResponse, DbError> {
        value_response(self)
    }

    fn parse_request(measure: Option<Measure>, body: &IndicatorValueRequest, v: &mut Validator) -> Option<ValueInput> {
        let parsed = ReportedValue::parse(measure, body.value, body.status, body.source.as_deref(), v, "")?;
        Some(input(parsed, body.status.is_some()))
    }

    fn item_key(item: &IndicatorValueItem) -> KeyInput<'_> {
        KeyInput {
            indicator: &item.indicator,
            region: RegionInput::Code(&item.region),
            period: &item.period,
        }
    }

    fn parse_item(
        measure: Option<Measure>,
        item: &IndicatorValueItem,
        v: &mut Validator,
        at: &str,
    ) -> Option<ValueInput> {
        let parsed = ReportedValue::parse(measure, item.value, item.status, item.source.as_deref(), v, at)?;
        Some(input(parsed, item.status.is_some()))
    }
}

/// A checked value as written: a source left out is empty (the body replaces the
/// stored one), a status left out is settled against the stored value (a corrected
/// `final` value becomes `revised`).
fn input(parsed: ReportedValue, status_named: bool) -> ValueInput {
    ValueInput {
        value: parsed.value,
        status: status_named.then_some(parsed.status),
        source: Some(parsed.source),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListValuesQuery {
    /// Only this indicator, e.g. `open_vacancies`.
    #[param(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")]
    indicator: Option<String>,
    /// Only this region, e.g. `twente`.
    #[param(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")]
    region: Option<String>,
    /// Only periods starting on or after the start of this period (`2019`, `2024-Q3`, `2024-07`).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    from: Option<String>,
    /// Only periods starting on or before the end of this period (`2019`, `2024-Q3`, `2024-07`).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    to: Option<String>,
    /// Only values with this status.
    status: Option<ValueStatus>,
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// Lists indicator values, ordered by indicator, region and period: a time series
/// per indicator and region. Roles: every signed-in caller; partner systems with
/// `indicator-values:read` or `indicator-values:write`.
#[utoipa::path(
    tag = "indicators",
    params(ListValuesQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of values", body = IndicatorValueListResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/indicator-values")]
pub async fn list_indicator_values(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListValuesQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    let filter = series::filter(&ListParams {
        indicator: query.indicator.as_deref(),
        region: query.region.as_deref(),
        from: query.from.as_deref(),
        to: query.to.as_deref(),
        status: query.status,
    })?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (items, next_cursor) = series::page::<IndicatorValueRow>(&state, filter, page).await?;
    Ok(HttpResponse::Ok().json(IndicatorValueListResponse { items, next_cursor }))
}

/// One value. The `ETag` header is its version, for `If-Match` on updates. Roles:
/// every signed-in caller; partner systems with `indicator-values:read` or
/// `indicator-values:write`.
#[utoipa::path(
    tag = "indicators",
    params(
        ("indicator" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", description = "Indicator code, e.g. `open_vacancies`"),
        ("region" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", description = "Region code, e.g. `twente`"),
        ("period" = String, Path, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$", description = "`2024`, `2024-Q3` or `2024-07`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The value", body = IndicatorValueResponse,
            headers(("ETag" = String, description = "The value's version"))),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/indicator-values/{indicator}/{region}/{period}")]
pub async fn get_indicator_value(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<PointPath>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    series::get::<IndicatorValueRow>(&state, path.into_inner()).await
}

/// Stores one value. Creates it (201) when absent; replacing an existing value
/// needs `If-Match` with its ETag. The period must have the indicator's period
/// type and the value must fit its unit. Without a `status` a new value is
/// provisional and a stored one keeps its status, except that a corrected `final`
/// value becomes `revised`. Every change keeps the earlier value in the value's
/// history. An indicator or region that does not exist is 404. The rules of the
/// write plan, the same for a single value, a bulk upload and an import, answer
/// 422 with a pointer to the field: a derived indicator (`/indicator`: its values
/// are computed on read), a period of another period type (`/period`), a value
/// that does not fit the unit (`/value`). A value in a locked period cannot change
/// (409 naming the lock: the server's state, not the request's fault). Roles:
/// admin, coordinator of the region, partner system of the region with
/// `indicator-values:write`.
#[utoipa::path(
    tag = "indicators",
    request_body = IndicatorValueRequest,
    params(
        ("indicator" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", description = "Indicator code"),
        ("region" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", description = "Region code"),
        ("period" = String, Path, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$", description = "`2024`, `2024-Q3` or `2024-07`, per the indicator's period type"),
        ("If-Match" = Option<String>, Header, description = "Required to replace an existing value: its ETag, or `*`"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced (the version grows only if something changed)",
            body = IndicatorValueResponse, headers(("ETag" = String))),
        (status = 201, description = "Created", body = IndicatorValueResponse,
            headers(("Location" = String, description = "URL of the value"), ("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/indicator-values/{indicator}/{region}/{period}")]
pub async fn put_indicator_value(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<PointPath>,
    body: Body<IndicatorValueRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::WriteIndicatorValues { region: &path.1 })?;
    let actor = caller.actor();
    let Body { value, bytes } = body;
    series::put::<IndicatorValueRow>(&state, actor, &req, path.into_inner(), value, &bytes).await
}

/// Stores many values at once (a partner system's upload), keyed by indicator,
/// region and period: all of them, or, if any item is invalid, none (422 listing
/// every bad item under `/items/N/...`: an unknown or derived indicator, an unknown
/// region, a period of another type, a value outside its unit, a point named
/// twice). Values sent exactly as stored are left
/// untouched; a status left out is settled as for a single value. If any value
/// that would change lies in a locked period, nothing is stored (409 naming the
/// lock). Roles: admin, coordinator of every region named, partner system with
/// `indicator-values:write` for every region named: an item in any other region
/// refuses the whole upload (403).
#[utoipa::path(
    tag = "indicators",
    request_body = BulkIndicatorValuesRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of writing twice")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored", body = BulkWriteResponse),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/indicator-values/bulk")]
pub async fn bulk_indicator_values(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<BulkIndicatorValuesRequest>,
) -> Result<HttpResponse, ApiError> {
    let Body { value, bytes } = body;
    series::require_every_region::<IndicatorValueRow>(&caller, &value.items, |region| {
        Permission::WriteIndicatorValues { region }
    })?;
    series::bulk::<IndicatorValueRow>(&state, caller.actor(), &req, value.items, &bytes).await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

fn revision_response(row: RevisionRow) -> Result<RevisionResponse, DbError> {
    Ok(RevisionResponse {
        old_status: stored::code("value status", &row.old_status)?,
        new_status: stored::code("value status", &row.new_status)?,
        id: row.id,
        old_value: row.old_value,
        new_value: row.new_value,
        old_source: row.old_source,
        new_source: row.new_source,
        changed_by: row.changed_by,
        changed_at: timestamp(row.changed_at),
    })
}

/// The revision history of one value, oldest first: every change of the stored
/// value (by a single `PUT`, a bulk upload or an import) with the value, status and
/// source before and after, who changed it and when. A value never corrected has
/// an empty history. Roles: every signed-in caller; partner systems with
/// `indicator-values:read` or `indicator-values:write`.
#[utoipa::path(
    tag = "indicators",
    params(
        ("indicator" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", description = "Indicator code, e.g. `employees`"),
        ("region" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", description = "Region code, e.g. `twente`"),
        ("period" = String, Path, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$", description = "`2024`, `2024-Q3` or `2024-07`"),
        HistoryQuery,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of revisions, oldest first", body = RevisionListResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/indicator-values/{indicator}/{region}/{period}/history")]
pub async fn list_indicator_value_revisions(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<PointPath>,
    Params(query): Params<HistoryQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    let (indicator, region, period) = path.into_inner();
    Period::parse(&period).map_err(|e| ApiError::InvalidParameters(e.at("period").into()))?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let what = format!("value of indicator {indicator} for region {region} in {period}");
    let rows = state
        .with_conn(move |conn| {
            let key = StoredKey {
                indicator: &indicator,
                region: &region,
                period: &period,
            };
            indicator_values::get::<IndicatorValueRow>(conn, &key)?;
            revisions::list_page(conn, &key, after.as_deref(), fetch)
        })
        .await
        .map_err(|e| e.or_not_found(what))?;
    let (rows, next_cursor) = page.finish(rows, |r| r.id.clone());
    Ok(HttpResponse::Ok().json(RevisionListResponse {
        items: rows.into_iter().map(revision_response).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
