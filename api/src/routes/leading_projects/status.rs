//! `PUT /api/v1/leading-projects/{id}/status`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::leading_project::{LeadingProjectResponse, ProjectStatusRequest};
use zorgpact_db::leading_projects;
use zorgpact_domain::auth::Permission;

use super::{project_response, readable, status_of};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, UpdateErrors};

/// Moves a leading project in the catalogue: a coordinator proposes the own
/// region's draft (`proposed`) or takes a proposal back (`draft`); the
/// programme team publishes (`published`) and unpublishes. Moving to the status
/// it has is a 409. Needs `If-Match` with the project's ETag.
#[utoipa::path(
    tag = "leading-projects",
    request_body = ProjectStatusRequest,
    params(
        ("id" = String, Path, description = "Leading project id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the project, e.g. `\"v3\"`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Moved", body = LeadingProjectResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/leading-projects/{id}/status")]
pub async fn set_leading_project_status(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<ProjectStatusRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    caller.require(&Permission::Authenticated)?;
    let current = readable(&state, &caller, &id).await?;
    let to = body.value.status;
    caller.require(&Permission::MoveLeadingProject {
        region: current.row.region_code.as_deref(),
        from: status_of(&current)?,
        to,
    })?;
    let precondition = required_precondition(&req)?;
    if !precondition.admits(current.row.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let (actor, version) = (caller.actor(), current.row.version);
    let view = state
        .with_conn(move |conn| leading_projects::set_status(conn, &actor, &id, version, to))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.row.version)))
        .json(project_response(view, &[])?))
}
