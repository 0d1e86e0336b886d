//! `PUT /api/v1/barrier-tickets/{id}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::barrier::{BarrierFieldsRequest, BarrierResponse};
use zorgpact_db::barriers;
use zorgpact_domain::auth::Permission;

use super::convert::{barrier_fields, barrier_response};
use super::today;
use super::visible::{Visible, visible_ticket};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, UpdateErrors};

/// Replaces what a ticket says (title, description, category); its region and
/// filing date stay, and its status, ministry and answer change only through
/// `POST .../transitions` (a `status` here is a 422 saying so). Needs `If-Match`
/// with the ETag of the version being edited. Roles: admin; an official of the
/// ticket's ministry; the coordinator of the region while the ticket is still
/// `submitted`.
#[utoipa::path(
    tag = "barrier-tickets",
    request_body = BarrierFieldsRequest,
    params(
        ("id" = String, Path, description = "Ticket id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the version being edited, e.g. `\"v3\"`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = BarrierResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/barrier-tickets/{id}")]
pub async fn update_barrier(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<BarrierFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let Visible { ticket, targets } = visible_ticket(&state, &caller, &id).await?;
    let row = &ticket.row;
    let workflow = row.workflow()?;
    caller.require(&Permission::EditBarrier {
        region: &row.region_code,
        ministry: workflow.ministry,
        status: workflow.status,
    })?;
    let precondition = required_precondition(&req)?;
    let fields = barrier_fields(&body.value, &id)?;
    if !precondition.admits(row.version) {
        return Err(ApiError::PreconditionFailed);
    }
    // The permission was granted for the version just read: if the ticket changes
    // before the update (e.g. an official answers it), the update must not apply.
    let (actor, version) = (caller.actor(), row.version);
    let updated = state
        .with_conn(move |conn| barriers::update(conn, &actor, &id, version, &fields))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(updated.row.version)))
        .json(barrier_response(updated, &targets, today())?))
}
