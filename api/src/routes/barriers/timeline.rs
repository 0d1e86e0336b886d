//! `GET /api/v1/barrier-tickets/{id}/timeline`.

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::barrier::TimelineResponse;

use super::convert::step_response;
use super::visible::visible_ticket;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::problem_responses::{AuthErrors, ReadErrors};

/// A ticket's history, oldest first: its filing and every step since (who, when,
/// from, to, note). Roles: whoever may read the ticket.
#[utoipa::path(
    tag = "barrier-tickets",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket's steps", body = TimelineResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/barrier-tickets/{id}/timeline")]
pub async fn get_timeline(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let ticket = visible_ticket(&state, &caller, &id).await?.ticket;
    Ok(HttpResponse::Ok().json(TimelineResponse {
        steps: ticket.steps.into_iter().map(step_response).collect::<Result<_, _>>()?,
    }))
}
