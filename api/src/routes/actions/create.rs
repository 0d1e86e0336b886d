//! `POST /api/v1/actions`.

use actix_web::{HttpRequest, HttpResponse, post, web};
use zorgpact_contract::action::{ActionResponse, CreateActionRequest};
use zorgpact_db::actions;
use zorgpact_domain::auth::Permission;

use super::convert::{action_response, new_action};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::http::extract::Body;
use crate::http::idempotent;
use crate::problem_responses::{AuthErrors, CreateErrors};

/// Adds an action to a region's agenda. Its partners must be partners of that
/// region and its indicators in the catalogue; each failure points at its entry.
/// Roles: admin, coordinator of the region, partner system of the region with
/// `actions:write`.
#[utoipa::path(
    tag = "actions",
    request_body = CreateActionRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of creating twice")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = ActionResponse,
            headers(("Location" = String, description = "URL of the new action"), ("ETag" = String)),
            links(
                ("GetAction" = (operation_id = "get_action", parameters(("id" = "$response.body#/id")))),
                ("UpdateAction" = (operation_id = "update_action", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag")))),
                ("ArchiveAction" = (operation_id = "archive_action", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag")))),
                ("ListProgressUpdates" = (operation_id = "list_progress_updates", parameters(("id" = "$response.body#/id")))),
                ("AddProgressUpdate" = (operation_id = "add_progress_update", parameters(("id" = "$response.body#/id"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/actions")]
pub async fn create_action(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<CreateActionRequest>,
) -> Result<HttpResponse, ApiError> {
    // The region named in the body decides; a caller who works for no region of
    // that name is refused before the other fields are checked.
    caller.require(&Permission::WriteActions {
        region: &body.value.region_code,
    })?;
    let (region, fields) = new_action(&body.value)?;
    let actor = caller.actor();
    idempotent::at_most_once(&state, &req, &body.bytes, move |conn| {
        let action = actions::create(conn, &actor, &region, &fields)?;
        let location = format!("/api/v1/actions/{}", action.row.id);
        let tag = etag(action.row.version);
        idempotent::response(201, &action_response(action)?, Some(location), Some(tag))
    })
    .await
}
