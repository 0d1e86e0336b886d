//! `GET` and `POST /api/v1/barrier-tickets/{id}/transitions`: the workflow's steps,
//! discoverable by every client and taken one at a time.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;
use zorgpact_contract::barrier::{AvailableTransitionsResponse, TransitionRequest, TransitionResponse};
use zorgpact_db::barriers::{self, StoredBarrier};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::barrier::workflow::{self, StepRule, TicketState};

use super::convert::{available, barrier_response, step_input, step_response};
use super::today;
use super::visible::{Visible, visible_ticket};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, optional_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, ReadErrors, TransitionErrors};

fn ticket_state(ticket: &StoredBarrier) -> Result<TicketState, ApiError> {
    let workflow = ticket.row.workflow()?;
    Ok(TicketState {
        status: workflow.status,
        answered_at: workflow.answered_at,
    })
}

/// Whether the caller is a party to `rule` for this ticket: 403 if not.
fn may_take(caller: &Caller, ticket: &StoredBarrier, rule: &StepRule) -> Result<(), ApiError> {
    caller.require(&Permission::TakeBarrierStep {
        region: &ticket.row.region_code,
        ministry: ticket.row.workflow()?.ministry,
        to: rule.to,
        by: rule.by,
    })
}

/// The steps the caller may take now from the ticket's status, each with the
/// fields it requires and accepts: the workflow as this caller sees it. Empty for
/// a caller who may only read the ticket, and for closed and rejected tickets.
#[utoipa::path(
    tag = "barrier-tickets",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The steps the caller may take", body = AvailableTransitionsResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/barrier-tickets/{id}/transitions")]
pub async fn list_transitions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let ticket = visible_ticket(&state, &caller, &id).await?.ticket;
    let current = ticket_state(&ticket)?;
    let now = Utc::now().naive_utc();
    let transitions = workflow::steps_from(current.status)
        .filter(|rule| workflow::allowed_now(current, rule.to, &state.barrier_deadlines, now).is_ok())
        .filter(|rule| may_take(&caller, &ticket, rule).is_ok())
        .map(available)
        .collect();
    Ok(HttpResponse::Ok().json(AvailableTransitionsResponse {
        status: current.status,
        transitions,
    }))
}

/// Takes one step of the workflow: `to` and what that step needs (see `GET` on
/// this path). A step the workflow does not offer from the current status, or a
/// reopening after its period, is 409; a caller who is not a party to the step
/// 403; missing or foreign step data 422 with pointers; `If-Match` (optional) that
/// no longer matches 412. A refused step changes nothing. The step is recorded in
/// the ticket's timeline. Parties: the programme team (admin) triages; officials
/// of the assigned ministry analyse, ask, answer and reject; the region's
/// coordinators answer questions, confirm (close) and reopen.
#[utoipa::path(
    tag = "barrier-tickets",
    request_body = TransitionRequest,
    params(
        ("id" = String, Path, description = "Ticket id"),
        ("If-Match" = Option<String>, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the version the step is based on; without it the step applies to the current version"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The step taken and the ticket after it", body = TransitionResponse,
            headers(("ETag" = String, description = "The ticket's new version")),
            links(
                ("GetBarrier" = (operation_id = "get_barrier", parameters(("id" = "$response.body#/ticket/id")))),
                ("ListTransitions" = (operation_id = "list_transitions", parameters(("id" = "$response.body#/ticket/id")))),
                ("GetTimeline" = (operation_id = "get_timeline", parameters(("id" = "$response.body#/ticket/id"))))
            )),
        TransitionErrors,
        AuthErrors
    )
)]
#[post("/barrier-tickets/{id}/transitions")]
pub async fn take_transition(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let Visible { ticket, targets } = visible_ticket(&state, &caller, &id).await?;
    let current = ticket_state(&ticket)?;
    let now = Utc::now().naive_utc();
    let rule = workflow::allowed_now(current, body.value.to, &state.barrier_deadlines, now)
        .map_err(|refused| ApiError::Conflict(refused.to_string()))?;
    may_take(&caller, &ticket, rule)?;
    if !optional_precondition(&req).admits(ticket.row.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let step = workflow::parse_step(rule, &step_input(&body.value))?;
    // Allowed and authorised for the version just read: if the ticket moves on
    // in between, this step must not apply (412).
    let (actor, version) = (caller.actor(), ticket.row.version);
    let (ticket, recorded) = state
        .with_conn(move |conn| barriers::take_step(conn, &actor, &id, version, &step))
        .await?;
    let tag = etag(ticket.row.version);
    Ok(HttpResponse::Created()
        .insert_header((header::ETAG, tag))
        .json(TransitionResponse {
            step: step_response(recorded)?,
            ticket: barrier_response(ticket, &targets, today())?,
        }))
}
