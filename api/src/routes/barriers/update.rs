//! `PUT /api/v1/barrier-tickets/{id}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::barrier::{BarrierFieldsRequest, BarrierResponse};
use zorgpact_db::barriers;

use super::convert::{barrier_fields, barrier_response};
use crate::AppState;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::openapi::problems::UpdateErrors;

/// Replaces a ticket's editable fields; its region and filing date stay. Needs
/// `If-Match` with the ETag of the version being edited. A resolution belongs to
/// an `answered` or `closed` ticket and closing needs one; `closed_at` is set when
/// the ticket is closed and cleared when it is reopened.
#[utoipa::path(
    tag = "barrier-tickets",
    request_body = BarrierFieldsRequest,
    params(
        ("id" = String, Path, description = "Ticket id"),
        ("If-Match" = String, Header, description = "ETag of the version being edited, e.g. `\"v3\"`"),
    ),
    responses(
        (status = 200, description = "Updated", body = BarrierResponse, headers(("ETag" = String))),
        UpdateErrors
    )
)]
#[put("/barrier-tickets/{id}")]
pub async fn update_barrier(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<BarrierFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let precondition = required_precondition(&req)?;
    let fields = barrier_fields(&body.value)?;
    let row = state
        .with_conn({
            let id = id.clone();
            move |conn| barriers::update(conn, &id, &precondition, &fields)
        })
        .await
        .map_err(|e| e.or_not_found(format!("barrier ticket {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(barrier_response(row)))
}
