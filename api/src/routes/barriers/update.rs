//! `PUT /api/v1/barrier-tickets/{id}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::barrier::{BarrierFieldsRequest, BarrierResponse};
use zorgpact_db::barriers;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::version::Precondition;

use super::convert::{barrier_fields, barrier_response, stored_ministry_and_status};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, UpdateErrors};

/// Replaces a ticket's editable fields; its region and filing date stay. Needs
/// `If-Match` with the ETag of the version being edited. A resolution belongs to
/// an `answered` or `closed` ticket and closing needs one; `closed_at` is set when
/// the ticket is closed and cleared when it is reopened. Roles: admin; an official
/// of the ticket's ministry, or any official while it has none; the coordinator
/// of the region while the ticket is still `submitted`.
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
    // Callers who may not even read tickets learn nothing about which exist.
    caller.require(&Permission::ReadBarriers)?;
    // Who may edit depends on the stored ticket's region, ministry and status.
    let stored = state
        .with_conn({
            let id = id.clone();
            move |conn| barriers::get(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("barrier ticket {id}")))?;
    let (ministry, status) = stored_ministry_and_status(&stored)?;
    caller.require(&Permission::EditBarrier {
        region: &stored.region_code,
        ministry,
        status,
    })?;
    let actor = caller.actor();
    let precondition = required_precondition(&req)?;
    let fields = barrier_fields(&body.value)?;
    if !precondition.admits(stored.version) {
        return Err(ApiError::PreconditionFailed);
    }
    // The permission was granted for the version just read: if the ticket changes
    // before the update (e.g. an official answers it), the update must not apply.
    let authorized = Precondition::OneOf(vec![stored.version]);
    let row = state
        .with_conn({
            let id = id.clone();
            move |conn| barriers::update(conn, &actor, &id, &authorized, &fields)
        })
        .await
        .map_err(|e| e.or_not_found(format!("barrier ticket {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(barrier_response(row)?))
}
