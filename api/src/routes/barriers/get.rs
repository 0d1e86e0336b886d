//! `GET /api/v1/barrier-tickets/{id}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use zorgpact_contract::barrier::BarrierResponse;
use zorgpact_db::barriers;
use zorgpact_domain::auth::Permission;

use super::convert::barrier_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::problem_responses::{AuthErrors, ReadErrors};

/// One barrier ticket. The `ETag` header is its version, for `If-Match` on updates.
/// Roles: admin, coordinator, official, analyst.
#[utoipa::path(
    tag = "barrier-tickets",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket", body = BarrierResponse,
            headers(("ETag" = String, description = "The ticket's version"))),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/barrier-tickets/{id}")]
pub async fn get_barrier(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadBarriers)?;
    let id = id.into_inner();
    let row = state
        .with_conn({
            let id = id.clone();
            move |conn| barriers::get(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("barrier ticket {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(barrier_response(row)?))
}
