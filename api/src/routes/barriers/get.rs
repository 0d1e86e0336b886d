//! `GET /api/v1/barrier-tickets/{id}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use zorgpact_contract::barrier::BarrierResponse;

use super::convert::barrier_response;
use super::today;
use super::visible::{Visible, visible_ticket};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::problem_responses::{AuthErrors, ReadErrors};

/// One barrier ticket. The `ETag` header is its version, for `If-Match` on updates.
/// Roles: admin and analyst (every ticket); a coordinator (the region's tickets and
/// public ones); an official (the ministry's tickets and public ones). Tickets the
/// caller may not read are 404.
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
    let Visible { ticket, targets } = visible_ticket(&state, &caller, &id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(ticket.row.version)))
        .json(barrier_response(ticket, &targets, today())?))
}
