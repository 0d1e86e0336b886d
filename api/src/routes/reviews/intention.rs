//! `POST /api/v1/reviews/{id}/intentions/{number}/action`.

use actix_web::http::header;
use actix_web::{HttpResponse, post, web};
use zorgpact_contract::action::ActionResponse;
use zorgpact_contract::review::IntentionActionRequest;
use zorgpact_db::reviews;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::review::intention_action;

use super::readable;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, TransitionErrors};
use crate::routes::actions::convert::action_response;

/// Turns intention `number` (from 1) of a shared or final review into a planned
/// action of the region's agenda, once: the action's description names the
/// review, and the intention shows the action and its status from then on. A
/// draft's intentions, or one that became an action already, are a 409. Roles:
/// admin; the coordinator of the review's region (the action lands on the
/// agenda the coordinator keeps).
#[utoipa::path(
    tag = "reviews",
    params(
        ("id" = String, Path, description = "Review id"),
        ("number" = i64, Path, minimum = 1, description = "Intention number, from 1"),
    ),
    request_body = IntentionActionRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new action", body = ActionResponse,
            headers(("Location" = String, description = "URL of the action"), ("ETag" = String))),
        TransitionErrors,
        AuthErrors
    )
)]
#[post("/reviews/{id}/intentions/{number}/action")]
pub async fn intention_to_action(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    body: Body<IntentionActionRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, number) = path.into_inner();
    let review = readable(&state, &caller, &id).await?;
    caller.require(&Permission::TurnIntentionIntoAction {
        region: &review.row.region_code,
    })?;
    let not_found = || ApiError::NotFound(format!("intention {number} of review {id}"));
    let n = number.parse::<i64>().ok().filter(|n| *n >= 1).ok_or_else(not_found)?;
    let (actor, line, owner) = (caller.actor(), body.value.action_line, body.value.owner.clone());
    let found = state
        .with_conn({
            let id = id.clone();
            move |conn| {
                reviews::intention_to_action(conn, &actor, &id, n, |intention, date| {
                    intention_action(intention, date, line, &owner)
                })
            }
        })
        .await;
    let (action, _) = found.map_err(|e| match e {
        ApiError::NotFound(_) => not_found(),
        other => other,
    })?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/actions/{}", action.row.id)))
        .insert_header((header::ETAG, etag(action.row.version)))
        .json(action_response(action)?))
}
