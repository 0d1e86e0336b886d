//! `/api/v1/actions/{id}/updates`: an action's progress timeline. Entries are
//! only ever added, so the history of an action is never lost.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::action::{CreateProgressUpdateRequest, ProgressUpdateListResponse, ProgressUpdateResponse};
use zorgpact_db::actions;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::{InvalidValue, ValidationErrors, text};

use super::convert::{progress_update, progress_update_response};
use super::{refuse_archived, require_write};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::{Body, Params};
use crate::http::idempotent;
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, CreateErrors, ReadErrors};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListProgressUpdatesQuery {
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// The timeline's sort key, `date|id`, as the page cursor holds it.
fn sort_key(row: &actions::ProgressUpdateRow) -> String {
    format!("{}|{}", row.update_date, row.id)
}

fn parse_sort_key(key: &str) -> Option<(chrono::NaiveDate, String)> {
    let (date, id) = key.split_once('|')?;
    Some((text::date(date).ok()?, id.to_owned()))
}

/// An action's progress timeline, oldest first: by date, then by when each entry
/// was recorded. Roles: every signed-in role; partner systems with `actions:read`
/// or `actions:write`.
#[utoipa::path(
    tag = "actions",
    params(("id" = String, Path, description = "Action id"), ListProgressUpdatesQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the timeline", body = ProgressUpdateListResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/actions/{id}/updates")]
pub async fn list_progress_updates(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    Params(query): Params<ListProgressUpdatesQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadActions)?;
    let id = id.into_inner();
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let after = match page.after.as_deref() {
        None => None,
        Some(key) => Some(parse_sort_key(key).ok_or_else(|| {
            ApiError::InvalidParameters(ValidationErrors::single(
                "cursor",
                InvalidValue::invalid_format("is not a cursor this API issued"),
            ))
        })?),
    };
    let fetch = page.fetch_limit();
    let rows = state
        .with_conn({
            let id = id.clone();
            move |conn| actions::updates_page(conn, &id, after, fetch)
        })
        .await
        .map_err(|e| e.or_not_found(format!("action {id}")))?;
    let (rows, next_cursor) = page.finish(rows, sort_key);
    Ok(HttpResponse::Ok().json(ProgressUpdateListResponse {
        items: rows
            .into_iter()
            .map(progress_update_response)
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

/// One entry of an action's timeline. Roles: every signed-in role; partner systems
/// with `actions:read` or `actions:write`.
#[utoipa::path(
    tag = "actions",
    params(
        ("id" = String, Path, description = "Action id"),
        ("update_id" = String, Path, description = "Timeline entry id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The entry", body = ProgressUpdateResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/actions/{id}/updates/{update_id}")]
pub async fn get_progress_update(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadActions)?;
    let (id, update_id) = path.into_inner();
    let what = format!("progress update {update_id} of action {id}");
    let row = state
        .with_conn(move |conn| actions::get_update(conn, &id, &update_id))
        .await
        .map_err(|e| e.or_not_found(what))?;
    Ok(HttpResponse::Ok().json(progress_update_response(row)?))
}

/// Records progress: appends an entry to the action's timeline and, unless a
/// later-dated entry exists, makes its progress and status the action's own (a new
/// action version), in one transaction. The rules of the action apply (completed
/// means progress 100; planned means less). An archived action takes no entries (409).
/// The entry's author is the caller's name (a body `author` is ignored). Roles:
/// admin, coordinator of the action's region, partner system of that region with
/// `actions:write`.
#[utoipa::path(
    tag = "actions",
    request_body = CreateProgressUpdateRequest,
    params(
        ("id" = String, Path, description = "Action id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of recording twice"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = ProgressUpdateResponse,
            headers(("Location" = String, description = "URL of the new entry")),
            links(
                ("GetProgressUpdate" = (operation_id = "get_progress_update", parameters(("id" = "$response.body#/action_id"), ("update_id" = "$response.body#/id"))))
            )),
        (status = 404, description = "No such action", body = zorgpact_contract::Problem, content_type = "application/problem+json"),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/actions/{id}/updates")]
pub async fn add_progress_update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<CreateProgressUpdateRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    require_write(&state, &caller, &id).await?;
    let actor = caller.actor();
    let update = progress_update(&body.value, &actor.name)?;
    refuse_archived(&state, &id).await?;
    let action = id.clone();
    idempotent::at_most_once(&state, &req, &body.bytes, move |conn| {
        let row = actions::add_update(conn, &actor, &action, &update)?;
        let location = format!("/api/v1/actions/{}/updates/{}", row.action_id, row.id);
        idempotent::response(201, &progress_update_response(row)?, Some(location), None)
    })
    .await
    .map_err(|e| e.or_not_found(format!("action {id}")))
}
