//! `GET /api/v1/regions`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::RegionListResponse;
use zorgpact_db::regions;
use zorgpact_domain::auth::Permission;

use super::convert::region_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::pagination::PageRequest;
use crate::problem_responses::ListErrors;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListRegionsQuery {
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// Lists the regions (the regional Zorgpacts), ordered by name. Public.
#[utoipa::path(
    tag = "regions",
    params(ListRegionsQuery),
    responses((status = 200, description = "A page of regions", body = RegionListResponse), ListErrors)
)]
#[get("/regions")]
pub async fn list_regions(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListRegionsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = state
        .with_conn(move |conn| regions::list_page(conn, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.name.clone());
    Ok(HttpResponse::Ok().json(RegionListResponse {
        items: rows.into_iter().map(region_response).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
