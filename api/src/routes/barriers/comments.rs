//! `GET` and `POST /api/v1/barrier-tickets/{id}/comments`: the conversation on a
//! ticket, with internal notes for the ministry side.

use actix_web::{HttpResponse, get, post, web};
use zorgpact_contract::barrier::{CommentRequest, CommentResponse, CommentsResponse};
use zorgpact_db::barrier_comments::{self, CommentRow};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::barrier::comment::NewComment;

use super::visible::visible_ticket;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Body;
use crate::http::timestamp::timestamp;
use crate::problem_responses::{AddErrors, AuthErrors, ReadErrors};

fn comment_response(row: CommentRow) -> CommentResponse {
    CommentResponse {
        id: row.id,
        author: row.author_name,
        body: row.body,
        internal: row.internal,
        created_at: timestamp(row.created_at),
    }
}

/// A ticket's comments, oldest first. Internal notes are included for officials
/// of the ticket's ministry and the programme team only. Roles: whoever may read
/// the ticket.
#[utoipa::path(
    tag = "barrier-tickets",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The comments the caller may read", body = CommentsResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/barrier-tickets/{id}/comments")]
pub async fn list_comments(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let ticket = visible_ticket(&state, &caller, &id).await?.ticket;
    let ministry = ticket.row.workflow()?.ministry;
    let with_internal = caller.require(&Permission::ReadInternalNotes { ministry }).is_ok();
    let id = id.into_inner();
    let rows = state
        .with_conn(move |conn| barrier_comments::list(conn, &id, with_internal))
        .await?;
    Ok(HttpResponse::Ok().json(CommentsResponse {
        items: rows.into_iter().map(comment_response).collect(),
    }))
}

/// Adds a comment (`internal: true` for an internal note). Roles: the region's
/// coordinators (no internal notes), officials of the ticket's ministry, admin.
#[utoipa::path(
    tag = "barrier-tickets",
    request_body = CommentRequest,
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The comment as stored", body = CommentResponse),
        AddErrors,
        AuthErrors
    )
)]
#[post("/barrier-tickets/{id}/comments")]
pub async fn add_comment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Body<CommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let ticket = visible_ticket(&state, &caller, &id).await?.ticket;
    caller.require(&Permission::CommentOnBarrier {
        region: &ticket.row.region_code,
        ministry: ticket.row.workflow()?.ministry,
        internal: body.value.internal,
    })?;
    let comment = NewComment::parse(&body.value.body, body.value.internal)?;
    let (actor, id) = (caller.actor(), id.into_inner());
    let row = state
        .with_conn(move |conn| barrier_comments::add(conn, &actor, &id, &comment))
        .await?;
    Ok(HttpResponse::Created().json(comment_response(row)))
}
