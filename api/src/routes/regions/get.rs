//! `GET /api/v1/regions/{code}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use zorgpact_contract::RegionResponse;
use zorgpact_db::regions;
use zorgpact_domain::auth::Permission;

use super::convert::region_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::problem_responses::ReadErrors;

/// One region. The `ETag` header is its version, for `If-Match` on updates. Public.
#[utoipa::path(
    tag = "regions",
    params(("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", example = "twente", description = "Region code, e.g. `twente`")),
    responses(
        (status = 200, description = "The region", body = RegionResponse,
            headers(("ETag" = String, description = "The region's version"))),
        ReadErrors
    )
)]
#[get("/regions/{code}")]
pub async fn get_region(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let code = code.into_inner();
    let row = state
        .with_conn({
            let code = code.clone();
            move |conn| regions::get(conn, &code)
        })
        .await
        .map_err(|e| e.or_not_found(format!("region {code}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(region_response(row)?))
}
