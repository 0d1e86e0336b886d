//! `POST /api/v1/leading-projects`.

use actix_web::http::header;
use actix_web::{HttpResponse, post, web};
use zorgpact_contract::codes::ProjectStatus;
use zorgpact_contract::leading_project::{LeadingProjectFieldsRequest, LeadingProjectResponse};
use zorgpact_db::leading_projects;
use zorgpact_domain::auth::Permission;

use super::{fields, project_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, CreateErrors};

/// Writes a new leading project as a draft of its region (not public until
/// published). An unknown region or coalition is a 422 at `/region_code` or
/// `/coalition_ids/N`. Roles: admin; a coordinator, for the own region.
#[utoipa::path(
    tag = "leading-projects",
    request_body = LeadingProjectFieldsRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The draft", body = LeadingProjectResponse,
            headers(("Location" = String, description = "URL of the new project"), ("ETag" = String))),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/leading-projects")]
pub async fn create_leading_project(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<LeadingProjectFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::WriteLeadingProject {
        region: body.value.region_code.as_deref(),
        status: ProjectStatus::Draft,
    })?;
    let fields = fields(&body.value)?;
    let actor = caller.actor();
    let view = state
        .with_conn(move |conn| leading_projects::create(conn, &actor, &fields))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/leading-projects/{}", view.row.id)))
        .insert_header((header::ETAG, etag(view.row.version)))
        .json(project_response(view, &[])?))
}
