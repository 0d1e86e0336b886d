//! List, read, create and delete period locks. Locks cannot be edited: their
//! ETag is always `"v1"`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::Problem;
use zorgpact_contract::period_lock::{CreatePeriodLockRequest, PeriodLockListResponse, PeriodLockResponse};
use zorgpact_db::period_locks::{self, LOCK_VERSION, PeriodLockRow};
use zorgpact_db::{DbConnection, DbError, indicators};
use zorgpact_domain::analytics::calendar::sub_period_count;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::{IndicatorCode, NOTE_MAX};
use zorgpact_domain::period::{Period, PeriodType};
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator, at, optional_at, text};

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::{Body, Params};
use crate::http::idempotent;
use crate::http::pagination::PageRequest;
use crate::http::timestamp::timestamp;
use crate::problem_responses::{AuthErrors, CreateErrors, ListErrors, ReadErrors};

fn lock_response(row: PeriodLockRow) -> PeriodLockResponse {
    PeriodLockResponse {
        id: row.id,
        period: row.period,
        indicator: row.indicator_code,
        locked_by: row.locked_by,
        locked_at: timestamp(row.locked_at),
        note: row.note,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListLocksQuery {
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// Lists the locked periods, oldest lock first. Roles: every signed-in caller;
/// partner systems with `indicator-values:read` or `indicator-values:write`.
#[utoipa::path(
    tag = "imports",
    params(ListLocksQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of locks", body = PeriodLockListResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/period-locks")]
pub async fn list_period_locks(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListLocksQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = state
        .with_conn(move |conn| period_locks::list_page(conn, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.id.clone());
    Ok(HttpResponse::Ok().json(PeriodLockListResponse {
        items: rows.into_iter().map(lock_response).collect(),
        next_cursor,
    }))
}

/// One lock. Locks cannot be edited, so the `ETag` is always `"v1"`. Roles: every
/// signed-in caller; partner systems with `indicator-values:read` or
/// `indicator-values:write`.
#[utoipa::path(
    tag = "imports",
    params(("id" = String, Path, description = "Lock id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The lock", body = PeriodLockResponse,
            headers(("ETag" = String, description = "Always `\"v1\"`"))),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/period-locks/{id}")]
pub async fn get_period_lock(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    let id = id.into_inner();
    let what = format!("period lock {id}");
    let row = state
        .with_conn(move |conn| period_locks::get(conn, &id))
        .await
        .map_err(|e| e.or_not_found(what))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(LOCK_VERSION)))
        .json(lock_response(row)))
}

/// The checked fields of a new lock.
struct NewLock {
    period: Period,
    indicator: Option<IndicatorCode>,
    note: String,
}

/// Checks a new lock against the catalogue: the indicator must exist, and a lock
/// finer than its period type would hold none of its values.
fn check_against_catalogue(conn: &mut DbConnection, lock: &NewLock) -> Result<(), DbError> {
    let Some(code) = &lock.indicator else {
        return Ok(());
    };
    let row = match indicators::get(conn, code.as_str()) {
        Ok(row) => row,
        Err(DbError::NotFound) => {
            return Err(DbError::Invalid(ValidationErrors::single(
                "/indicator",
                InvalidValue::unknown_reference("names no indicator in the catalogue"),
            )));
        }
        Err(e) => return Err(e),
    };
    let measured = PeriodType::parse(&row.period_type)
        .map_err(|e| DbError::Internal(format!("stored indicator {}: {e}", row.code)))?;
    if sub_period_count(lock.period.period_type(), measured).is_none() {
        return Err(DbError::Invalid(ValidationErrors::single(
            "/period",
            InvalidValue::inconsistent(format!(
                "is a {} period, finer than the {} periods indicator {} is measured in: it would lock none of its \
                 values",
                lock.period.period_type(),
                measured,
                row.code
            )),
        )));
    }
    Ok(())
}

/// Locks a period after the programme team approved its figures: values and
/// targets of the period, and of every period inside it (a lock on `2024` holds
/// `2024-Q3` and `2024-07` too), refuse every change (409 naming the lock), by a
/// single `PUT`, a bulk upload or an import, until an admin deletes the lock.
/// Without `indicator` the lock holds every indicator. Roles: admin.
#[utoipa::path(
    tag = "imports",
    request_body = CreatePeriodLockRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Locked", body = PeriodLockResponse,
            headers(("Location" = String, description = "URL of the lock"), ("ETag" = String)),
            links(
                ("GetPeriodLock" = (operation_id = "get_period_lock", parameters(("id" = "$response.body#/id")))),
                ("DeletePeriodLock" = (operation_id = "delete_period_lock", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/period-locks")]
pub async fn create_period_lock(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<CreatePeriodLockRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageIndicatorCatalogue)?;
    let actor = caller.actor();
    let dto = &body.value;
    let (period, indicator, note) = Validator::all((
        at("/period", Period::parse(&dto.period)),
        optional_at("/indicator", dto.indicator.as_deref(), IndicatorCode::parse),
        at("/note", text::bounded(dto.note.as_deref().unwrap_or(""), NOTE_MAX)),
    ))?;
    let lock = NewLock {
        period,
        indicator,
        note,
    };
    idempotent::at_most_once(&state, &req, &body.bytes, move |conn| {
        check_against_catalogue(conn, &lock)?;
        let row = period_locks::create(conn, &actor, lock.period, lock.indicator.as_ref(), &lock.note)?;
        let location = format!("/api/v1/period-locks/{}", row.id);
        idempotent::response(201, &lock_response(row), Some(location), Some(etag(LOCK_VERSION)))
    })
    .await
}

/// Reopens a period: deletes its lock, so its values and targets can change again.
/// Needs `If-Match` (`"v1"` or `*`: locks are never edited). Roles: admin.
#[utoipa::path(
    tag = "imports",
    params(
        ("id" = String, Path, description = "Lock id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "The lock's ETag (`\"v1\"`), or `*`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Reopened"),
        (status = 404, description = "No such lock", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`If-Match` names another version than `\"v1\"`", body = Problem,
            content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
        AuthErrors
    )
)]
#[delete("/period-locks/{id}")]
pub async fn delete_period_lock(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageIndicatorCatalogue)?;
    let actor = caller.actor();
    let precondition = required_precondition(&req)?;
    let id = id.into_inner();
    let what = format!("period lock {id}");
    if !precondition.admits(LOCK_VERSION) {
        // Check that the lock exists first: a missing lock is 404, not 412.
        let id = id.clone();
        state
            .with_conn(move |conn| period_locks::get(conn, &id))
            .await
            .map_err(|e| e.or_not_found(what.clone()))?;
        return Err(ApiError::PreconditionFailed);
    }
    state
        .with_conn(move |conn| period_locks::delete(conn, &actor, &id))
        .await
        .map_err(|e| e.or_not_found(what))?;
    Ok(HttpResponse::NoContent().finish())
}
