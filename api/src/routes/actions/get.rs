//! `GET /api/v1/actions/{id}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use zorgpact_contract::action::ActionResponse;
use zorgpact_db::actions;
use zorgpact_domain::auth::Permission;

use super::convert::action_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::problem_responses::{AuthErrors, ReadErrors};

/// One action with its themes, partners and indicators; archived actions too. The
/// `ETag` header is its version, for `If-Match` on changes. Roles: every signed-in
/// role; partner systems with `actions:read` or `actions:write`.
#[utoipa::path(
    tag = "actions",
    params(("id" = String, Path, description = "Action id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The action", body = ActionResponse,
            headers(("ETag" = String, description = "The action's version"))),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/actions/{id}")]
pub async fn get_action(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadActions)?;
    let id = id.into_inner();
    let action = state
        .with_conn({
            let id = id.clone();
            move |conn| actions::get(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("action {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(action.row.version)))
        .json(action_response(action)?))
}
