//! `PUT /api/v1/leading-projects/{id}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::leading_project::{LeadingProjectFieldsRequest, LeadingProjectResponse};
use zorgpact_db::leading_projects;
use zorgpact_domain::auth::Permission;

use super::{editable, fields, project_response, status_of};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, UpdateErrors};

/// Replaces what a leading project says; its status stays. Needs `If-Match`
/// with the project's ETag. Roles: admin (any project); a coordinator, for the
/// own region's drafts and proposals (and cannot hand them to another region).
#[utoipa::path(
    tag = "leading-projects",
    request_body = LeadingProjectFieldsRequest,
    params(
        ("id" = String, Path, description = "Leading project id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the project being changed, e.g. `\"v3\"`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = LeadingProjectResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/leading-projects/{id}")]
pub async fn update_leading_project(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<LeadingProjectFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let current = editable(&state, &caller, &id).await?;
    caller.require(&Permission::WriteLeadingProject {
        region: body.value.region_code.as_deref(),
        status: status_of(&current)?,
    })?;
    let precondition = required_precondition(&req)?;
    let fields = fields(&body.value)?;
    if !precondition.admits(current.row.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let (actor, version) = (caller.actor(), current.row.version);
    let view = state
        .with_conn(move |conn| leading_projects::update(conn, &actor, &id, version, &fields))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.row.version)))
        .json(project_response(view, &[])?))
}
