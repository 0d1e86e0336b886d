//! `/api/v1/indicator-values`: reported values per indicator, region and period.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::indicator::{BulkIndicatorValuesRequest, IndicatorValueListResponse};
use zorgpact_contract::indicator::{IndicatorValueItem, IndicatorValueRequest, IndicatorValueResponse};
use zorgpact_contract::revision::{RevisionListResponse, RevisionResponse};
use zorgpact_db::DbError;
use zorgpact_db::indicator_values::{IndicatorValueRow, ValueInput};
use zorgpact_db::revisions::{self, RevisionRow};
use zorgpact_domain::Validator;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::{KeyInput, Measure, ReportedValue, ValueStatus};

use super::convert::value_response;
use super::series::{self, ListFilter, PointPath, SeriesResource, point_key, series_endpoints};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::pagination::PageRequest;
use crate::http::timestamp::timestamp;
use crate::problem_responses::{AuthErrors, ReadErrors};
use crate::routes::stored;

impl SeriesResource for IndicatorValueRow {
    type Response = IndicatorValueResponse;
    type Request = IndicatorValueRequest;
    type Item = IndicatorValueItem;

    fn response(self) -> Result<Self::Response, DbError> {
        value_response(self)
    }

    fn parse_request(measure: Option<Measure>, body: &Self::Request, v: &mut Validator) -> Option<Self::Input> {
        let parsed = ReportedValue::parse(measure, body.value, body.status, body.source.as_deref(), v, "")?;
        Some(input(parsed, body.status.is_some()))
    }

    fn item_key(item: &Self::Item) -> KeyInput<'_> {
        point_key(&item.indicator, &item.region, &item.period)
    }

    fn parse_item(measure: Option<Measure>, item: &Self::Item, v: &mut Validator, at: &str) -> Option<Self::Input> {
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

/// The value list's own parameter.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusQuery {
    /// Only values with this status.
    status: Option<ValueStatus>,
}

impl ListFilter for StatusQuery {
    fn status(&self) -> Option<ValueStatus> {
        self.status
    }
}

series_endpoints! {
    row: IndicatorValueRow, write: WriteIndicatorValues,
    paths: ("/indicator-values", "/indicator-values/{indicator}/{region}/{period}", "/indicator-values/bulk"),
    words: (page: "A page of values", one: "The value", version: "The value's version",
        if_match: "Required to replace an existing value: its ETag, or `*`", location: "URL of the value"),
    /// Lists indicator values, ordered by indicator, region and period: a time series
    /// per indicator and region. Roles: every signed-in caller; partner systems with
    /// `indicator-values:read` or `indicator-values:write`.
    list: list_indicator_values(StatusQuery) -> IndicatorValueListResponse,
    /// One value. The `ETag` header is its version, for `If-Match` on updates. Roles:
    /// every signed-in caller; partner systems with `indicator-values:read` or
    /// `indicator-values:write`.
    get: get_indicator_value -> IndicatorValueResponse,
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
    put: put_indicator_value(IndicatorValueRequest),
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
    bulk: bulk_indicator_values(BulkIndicatorValuesRequest),
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
    params(PointPath, HistoryQuery),
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
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = series::with_point::<IndicatorValueRow, _>(&state, path.into_inner(), move |conn, key, _| {
        revisions::list_page(conn, key, after.as_deref(), fetch)
    })
    .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.id.clone());
    Ok(HttpResponse::Ok().json(RevisionListResponse {
        items: rows.into_iter().map(revision_response).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
