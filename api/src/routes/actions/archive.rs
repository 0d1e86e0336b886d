//! `DELETE /api/v1/actions/{id}` (archive) and `POST /api/v1/actions/{id}/restore`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, post, web};
use zorgpact_contract::action::ActionResponse;
use zorgpact_db::actions::{self, ActionDetails};
use zorgpact_domain::action::Archiving;

use super::convert::action_response;
use super::require_write;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::problem_responses::{AuthErrors, UpdateErrors};

/// Archives an action: it stays readable (with `archived: true`) and keeps its
/// timeline, but leaves the list and can no longer change until it is restored.
/// Needs `If-Match`. Archiving an archived action changes nothing. Roles: admin,
/// coordinator of the action's region, partner system of that region with
/// `actions:write`.
#[utoipa::path(
    tag = "actions",
    params(
        ("id" = String, Path, description = "Action id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "The action's ETag, or `*`"),
    ),
    security(("bearer" = [])),
    responses((status = 204, description = "Archived"), UpdateErrors, AuthErrors)
)]
#[delete("/actions/{id}")]
pub async fn archive_action(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    set_archived(&state, &caller, &req, id.into_inner(), Archiving::Archive).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Puts an archived action back on the agenda: it appears in the list again and
/// can change. Needs `If-Match`; 409 when the action is not archived. The audit
/// trail records a `restore` and subscribers get `action.updated`. Roles: admin,
/// coordinator of the action's region, partner system of that region with
/// `actions:write`.
#[utoipa::path(
    tag = "actions",
    params(
        ("id" = String, Path, description = "Action id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "The action's ETag, or `*`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Restored", body = ActionResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[post("/actions/{id}/restore")]
pub async fn restore_action(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let action = set_archived(&state, &caller, &req, id.into_inner(), Archiving::Restore).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(action.row.version)))
        .json(action_response(action)?))
}

async fn set_archived(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    id: String,
    change: Archiving,
) -> Result<ActionDetails, ApiError> {
    require_write(state, caller, &id).await?;
    let actor = caller.actor();
    let precondition = required_precondition(req)?;
    state
        .with_conn({
            let id = id.clone();
            move |conn| actions::set_archived(conn, &actor, &id, &precondition, change)
        })
        .await
        .map_err(|e| e.or_not_found(format!("action {id}")))
}
