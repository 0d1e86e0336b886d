//! `PUT` and `DELETE /api/v1/barrier-tickets/{id}/duplicate-of`: marking a ticket
//! as a duplicate of another, whose resolution it then follows.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, put, web};
use zorgpact_contract::barrier::{BarrierResponse, DuplicateOfRequest};
use zorgpact_db::barrier_duplicates;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::{InvalidValue, ValidationErrors};

use super::convert::barrier_response;
use super::today;
use super::visible::{Visible, visible_ticket};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, optional_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, TransitionErrors, UndoErrors};

/// Sets (`Some`) or clears (`None`) the original of ticket `id` for the caller.
async fn set_original(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    id: String,
    original: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let Visible { ticket, targets } = visible_ticket(state, caller, &id).await?;
    caller.require(&Permission::HandleBarrier {
        ministry: ticket.row.workflow()?.ministry,
    })?;
    if !optional_precondition(req).admits(ticket.row.version) {
        return Err(ApiError::PreconditionFailed);
    }
    if let Some(original) = &original {
        // An original the caller may not read is one they cannot name.
        let unknown = || {
            ValidationErrors::single(
                "/original",
                InvalidValue::unknown_reference(format!("no barrier ticket has the id {original}")),
            )
        };
        match visible_ticket(state, caller, original).await {
            Ok(_) => {}
            Err(ApiError::NotFound(_)) => return Err(unknown().into()),
            Err(other) => return Err(other),
        }
    }
    let (actor, version) = (caller.actor(), ticket.row.version);
    let updated = state
        .with_conn(move |conn| barrier_duplicates::set_original(conn, &actor, &id, version, original.as_deref()))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(updated.row.version)))
        .json(barrier_response(updated, &targets, today())?))
}

/// Marks the ticket as a duplicate of `original`: it then shows and follows the
/// original's resolution, and the original lists it among its duplicates. A ticket
/// cannot duplicate itself or a ticket that (through others) duplicates it (422
/// on `/original`). `If-Match` (optional) that no longer matches is 412. Roles:
/// officials of the ticket's ministry, admin.
#[utoipa::path(
    tag = "barrier-tickets",
    request_body = DuplicateOfRequest,
    params(
        ("id" = String, Path, description = "Ticket id"),
        ("If-Match" = Option<String>, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the version being changed"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket, now a duplicate", body = BarrierResponse, headers(("ETag" = String))),
        TransitionErrors,
        AuthErrors
    )
)]
#[put("/barrier-tickets/{id}/duplicate-of")]
pub async fn mark_duplicate(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<DuplicateOfRequest>,
) -> Result<HttpResponse, ApiError> {
    let original = body.value.original.clone();
    set_original(&state, &caller, &req, id.into_inner(), Some(original)).await
}

/// The ticket is no longer a duplicate. Roles: officials of the ticket's
/// ministry, admin.
#[utoipa::path(
    tag = "barrier-tickets",
    params(
        ("id" = String, Path, description = "Ticket id"),
        ("If-Match" = Option<String>, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the version being changed"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket, no longer a duplicate", body = BarrierResponse, headers(("ETag" = String))),
        UndoErrors,
        AuthErrors
    )
)]
#[delete("/barrier-tickets/{id}/duplicate-of")]
pub async fn unmark_duplicate(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    set_original(&state, &caller, &req, id.into_inner(), None).await
}
