//! `GET` and `POST /api/v1/barrier-tickets/{id}/contacts`: the contact log.

use actix_web::{HttpResponse, get, post, web};
use chrono::Utc;
use zorgpact_contract::barrier::{ContactCountsResponse, ContactRequest, ContactResponse, ContactsResponse};
use zorgpact_db::DbError;
use zorgpact_db::barrier_contacts::{self, ContactRow};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::barrier::contact::{ContactCounts, ContactInput, NewContact};

use super::visible::visible_ticket;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Body;
use crate::http::timestamp::timestamp;
use crate::problem_responses::{AddErrors, AuthErrors, ReadErrors};
use crate::routes::stored;

pub fn counts_response(counts: ContactCounts) -> ContactCountsResponse {
    ContactCountsResponse {
        meetings: counts.meetings,
        phone_calls: counts.phone_calls,
        emails: counts.emails,
        total: counts.total(),
    }
}

fn contact_response(row: ContactRow) -> Result<ContactResponse, DbError> {
    Ok(ContactResponse {
        kind: stored::code("contact kind", &row.kind)?,
        contact_on: row.contact_on.to_string(),
        id: row.id,
        participants: row.participants,
        note: row.note,
        recorded_by: row.recorded_by_name,
        recorded_at: timestamp(row.recorded_at),
    })
}

/// A ticket's contacts (meetings, phone calls, e-mails), most recent first, with
/// their counts by kind. Roles: whoever may read the ticket.
#[utoipa::path(
    tag = "barrier-tickets",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The contact log", body = ContactsResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/barrier-tickets/{id}/contacts")]
pub async fn list_contacts(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    visible_ticket(&state, &caller, &id).await?;
    let id = id.into_inner();
    let rows = state.with_conn(move |conn| barrier_contacts::list(conn, &id)).await?;
    let items = rows.into_iter().map(contact_response).collect::<Result<Vec<_>, _>>()?;
    let counts = ContactCounts::of(items.iter().map(|c| c.kind));
    Ok(HttpResponse::Ok().json(ContactsResponse {
        items,
        counts: counts_response(counts),
    }))
}

/// Logs a meeting, phone call or e-mail about the ticket. Roles: officials of the
/// ticket's ministry, admin (the programme team).
#[utoipa::path(
    tag = "barrier-tickets",
    request_body = ContactRequest,
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The contact as logged", body = ContactResponse),
        AddErrors,
        AuthErrors
    )
)]
#[post("/barrier-tickets/{id}/contacts")]
pub async fn add_contact(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Body<ContactRequest>,
) -> Result<HttpResponse, ApiError> {
    let ticket = visible_ticket(&state, &caller, &id).await?.ticket;
    caller.require(&Permission::HandleBarrier {
        ministry: ticket.row.workflow()?.ministry,
    })?;
    let dto = &body.value;
    let contact = NewContact::parse(
        &ContactInput {
            kind: dto.kind,
            contact_on: &dto.contact_on,
            participants: &dto.participants,
            note: dto.note.as_deref(),
        },
        Utc::now().date_naive(),
    )?;
    let (actor, id) = (caller.actor(), id.into_inner());
    let row = state
        .with_conn(move |conn| barrier_contacts::add(conn, &actor, &id, &contact))
        .await?;
    Ok(HttpResponse::Created().json(contact_response(row)?))
}
