//! `POST /api/v1/barrier-tickets`.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use zorgpact_contract::barrier::{BarrierResponse, CreateBarrierRequest};
use zorgpact_db::{barriers, service_targets};
use zorgpact_domain::auth::Permission;

use super::convert::{barrier_response, new_barrier};
use super::today;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::http::extract::Body;
use crate::http::idempotent;
use crate::problem_responses::{AuthErrors, CreateErrors};

/// Files a barrier ticket for a region. It starts as `submitted` (the first step
/// of its timeline); `filed_on` defaults to today. An unknown region is a 422 on
/// `/region_code`. Roles: admin, coordinator of the region.
#[utoipa::path(
    tag = "barrier-tickets",
    request_body = CreateBarrierRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of filing twice")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed", body = BarrierResponse,
            headers(("Location" = String, description = "URL of the new ticket"), ("ETag" = String)),
            links(
                ("GetBarrier" = (operation_id = "get_barrier", parameters(("id" = "$response.body#/id")))),
                ("UpdateBarrier" = (operation_id = "update_barrier", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag")))),
                ("ListTransitions" = (operation_id = "list_transitions", parameters(("id" = "$response.body#/id")))),
                ("TakeTransition" = (operation_id = "take_transition", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag")))),
                ("GetTimeline" = (operation_id = "get_timeline", parameters(("id" = "$response.body#/id")))),
                ("ListComments" = (operation_id = "list_comments", parameters(("id" = "$response.body#/id")))),
                ("AddComment" = (operation_id = "add_comment", parameters(("id" = "$response.body#/id")))),
                ("ListContacts" = (operation_id = "list_contacts", parameters(("id" = "$response.body#/id")))),
                ("AddContact" = (operation_id = "add_contact", parameters(("id" = "$response.body#/id")))),
                ("GetTicketRegulations" = (operation_id = "get_ticket_regulations", parameters(("id" = "$response.body#/id")))),
                ("SetTicketRegulations" = (operation_id = "set_ticket_regulations", parameters(("id" = "$response.body#/id"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/barrier-tickets")]
pub async fn create_barrier(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<CreateBarrierRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::FileBarrier {
        region: &body.value.region_code,
    })?;
    let actor = caller.actor();
    let barrier = new_barrier(&body.value, Utc::now().date_naive())?;
    idempotent::at_most_once(&state, &req, &body.bytes, move |conn| {
        let ticket = barriers::create(conn, &actor, &barrier)?;
        let targets = service_targets::periods(conn)?;
        let location = format!("/api/v1/barrier-tickets/{}", ticket.row.id);
        let tag = etag(ticket.row.version);
        idempotent::response(
            201,
            &barrier_response(ticket, &targets, today())?,
            Some(location),
            Some(tag),
        )
    })
    .await
}
