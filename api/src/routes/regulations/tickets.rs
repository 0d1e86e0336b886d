//! `GET` and `PUT /api/v1/barrier-tickets/{id}/regulations`: the rules a ticket
//! concerns, kept beside the ticket (its own body does not change).

use actix_web::{HttpResponse, get, put, web};
use utoipa::IntoResponses;
use zorgpact_contract::Problem;
use zorgpact_contract::regulation::{RegulationListResponse, TicketRegulationsRequest};
use zorgpact_db::regulations::{self, RegulationRow};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::regulation::id_list;

use super::regulation_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, ReadErrors};
use crate::routes::barriers::visible::{Visible, visible_ticket};

/// The refusals of replacing a ticket's rules.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum SetRegulationsErrors {
    /// The body is not JSON.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No such ticket, or one the caller may not read.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The body is larger than 4 MiB.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// An id is blank, named twice or not in the register; `errors` points at each.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

fn list_response(rows: Vec<RegulationRow>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(RegulationListResponse {
        items: rows.into_iter().map(regulation_response).collect::<Result<_, _>>()?,
    }))
}

/// The rules a ticket concerns, by name. Roles: whoever may read the ticket (a
/// ticket the caller may not read is 404).
#[utoipa::path(
    tag = "regulations",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket's rules", body = RegulationListResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/barrier-tickets/{id}/regulations")]
pub async fn get_ticket_regulations(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let Visible { ticket, .. } = visible_ticket(&state, &caller, &id).await?;
    let rows = state
        .with_conn(move |conn| regulations::of_ticket(conn, &ticket.row.id))
        .await?;
    list_response(rows)
}

/// Replaces the rules a ticket concerns with those named. Roles: admin; an
/// official of the ticket's ministry; the coordinator of the ticket's region.
#[utoipa::path(
    tag = "regulations",
    request_body = TicketRegulationsRequest,
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket's rules now", body = RegulationListResponse),
        SetRegulationsErrors,
        AuthErrors
    )
)]
#[put("/barrier-tickets/{id}/regulations")]
pub async fn set_ticket_regulations(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Body<TicketRegulationsRequest>,
) -> Result<HttpResponse, ApiError> {
    let Visible { ticket, .. } = visible_ticket(&state, &caller, &id).await?;
    let row = &ticket.row;
    caller.require(&Permission::LinkRegulations {
        region: &row.region_code,
        ministry: row.workflow()?.ministry,
    })?;
    let ids = id_list("/regulation_ids", &body.value.regulation_ids).into_result()?;
    let (actor, ticket_id) = (caller.actor(), row.id.clone());
    let rows = state
        .with_conn(move |conn| regulations::set_for_ticket(conn, &actor, &ticket_id, &ids))
        .await?;
    list_response(rows)
}
