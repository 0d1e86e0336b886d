//! `PUT /api/v1/factsheets/{id}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::factsheet::{FactsheetFieldsRequest, FactsheetResponse};
use zorgpact_db::factsheets;
use zorgpact_domain::auth::Permission;

use super::{editable_draft, factsheet_response, fields};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, UpdateErrors};
use crate::routes::regulations::readable_scope;

/// Revises the draft; the published versions stay as they are until the next
/// `POST .../publish`. Needs `If-Match` with the draft's ETag. Roles: admin; an
/// official of the factsheet's ministry (who cannot hand it to another ministry).
#[utoipa::path(
    tag = "factsheets",
    request_body = FactsheetFieldsRequest,
    params(
        ("id" = String, Path, description = "Factsheet id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the draft being revised, e.g. `\"v3\"`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Revised", body = FactsheetResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/factsheets/{id}")]
pub async fn update_factsheet(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<FactsheetFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let current = editable_draft(&state, &caller, &id).await?;
    caller.require(&Permission::WriteFactsheet {
        ministry: body.value.ministry,
    })?;
    let precondition = required_precondition(&req)?;
    let fields = fields(&body.value)?;
    if !precondition.admits(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let (actor, version) = (caller.actor(), current.version);
    let view = state
        .with_conn(move |conn| factsheets::update(conn, &actor, &id, version, &fields))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.version)))
        .json(factsheet_response(view, &readable_scope(&caller))?))
}
