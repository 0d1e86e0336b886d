//! `GET /api/v1/indicators`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::Problem;
use zorgpact_contract::indicator::IndicatorListResponse;
use zorgpact_db::indicators;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::IndicatorGroup;

use super::convert::indicator_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::pagination::PageRequest;
use crate::problem_responses::ListErrors;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListIndicatorsQuery {
    /// Only this group.
    group: Option<IndicatorGroup>,
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// Lists the indicator catalogue, ordered by code. Public.
#[utoipa::path(
    tag = "indicators",
    params(ListIndicatorsQuery),
    responses(
        (status = 200, description = "A page of indicators", body = IndicatorListResponse),
        ListErrors,
        (status = 401, description = "Invalid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/indicators")]
pub async fn list_indicators(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListIndicatorsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let group = query.group.map(IndicatorGroup::as_str);
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = state
        .with_conn(move |conn| indicators::list_page(conn, group, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.code.clone());
    Ok(HttpResponse::Ok().json(IndicatorListResponse {
        items: rows.into_iter().map(indicator_response).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
