//! `GET /api/v1/barrier-tickets`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::barrier::BarrierListResponse;
use zorgpact_db::{barriers, service_targets};
use zorgpact_domain::auth::{BarrierScope, Permission, barrier_scope};
use zorgpact_domain::barrier::{BarrierCategory, BarrierStatus, Ministry};

use super::convert::{FilterInput, barrier_response, list_filter};
use super::today;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, ListErrors};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListBarriersQuery {
    /// Only tickets of this region (code, e.g. `twente`).
    #[param(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")]
    region: Option<String>,
    /// Only tickets with this status.
    status: Option<BarrierStatus>,
    /// Only tickets for this ministry.
    ministry: Option<Ministry>,
    /// Only tickets in this category.
    category: Option<BarrierCategory>,
    /// Text to find in the title or description, ignoring case (up to 200
    /// characters; `%` and `_` match themselves).
    #[param(max_length = 200)]
    q: Option<String>,
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// Lists the barrier tickets the caller may read, ordered by id, optionally
/// filtered. A bad filter value is a 400 that names the parameter. Roles: admin and
/// analyst (every ticket); a coordinator (the region's tickets and public ones); an
/// official (the ministry's tickets and public ones).
#[utoipa::path(
    tag = "barrier-tickets",
    params(ListBarriersQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of barrier tickets", body = BarrierListResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/barrier-tickets")]
pub async fn list_barriers(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListBarriersQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadBarriers)?;
    let scope = caller.principal().map_or(BarrierScope::None, barrier_scope);
    let filter = list_filter(
        &FilterInput {
            region: query.region.as_deref(),
            status: query.status,
            ministry: query.ministry,
            category: query.category,
            q: query.q.as_deref(),
        },
        scope,
    )
    .map_err(ApiError::InvalidParameters)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let (rows, targets) = state
        .with_conn(move |conn| {
            let rows = barriers::list_page(conn, &filter, after.as_deref(), fetch)?;
            Ok((rows, service_targets::periods(conn)?))
        })
        .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.row.id.clone());
    Ok(HttpResponse::Ok().json(BarrierListResponse {
        items: rows
            .into_iter()
            .map(|ticket| barrier_response(ticket, &targets, today()))
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
