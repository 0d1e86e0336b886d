//! `PUT /api/v1/actions/{id}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::action::{ActionFieldsRequest, ActionResponse};
use zorgpact_db::actions;

use super::convert::{action_fields, action_response};
use super::{refuse_archived, require_write};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, UpdateErrors};

/// Replaces an action's fields, themes, partners and indicators in one go; its
/// region stays. Needs `If-Match` with the ETag of the version being edited. An
/// archived action cannot change (409). Roles: admin, coordinator of the action's
/// region, partner system of that region with `actions:write`.
#[utoipa::path(
    tag = "actions",
    request_body = ActionFieldsRequest,
    params(
        ("id" = String, Path, description = "Action id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the version being edited, e.g. `\"v3\"`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = ActionResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/actions/{id}")]
pub async fn update_action(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<ActionFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    require_write(&state, &caller, &id).await?;
    let actor = caller.actor();
    let precondition = required_precondition(&req)?;
    let fields = action_fields(&body.value)?;
    refuse_archived(&state, &id).await?;
    let action = state
        .with_conn({
            let id = id.clone();
            move |conn| actions::update(conn, &actor, &id, &precondition, &fields)
        })
        .await
        .map_err(|e| e.or_not_found(format!("action {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(action.row.version)))
        .json(action_response(action)?))
}
