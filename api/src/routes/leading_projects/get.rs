//! `GET /api/v1/leading-projects/{id}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use zorgpact_contract::leading_project::LeadingProjectResponse;
use zorgpact_db::leading_projects;
use zorgpact_domain::auth::Permission;

use super::{project_response, readable};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::problem_responses::ReadErrors;

/// One leading project with up to five similar published projects (sharing
/// themes and care domains, most alike first). Published projects are open to
/// everyone; an unpublished one is 404 except for its region's coordinators,
/// analysts and the programme team.
#[utoipa::path(
    tag = "leading-projects",
    params(("id" = String, Path, description = "Leading project id")),
    responses(
        (status = 200, description = "The project", body = LeadingProjectResponse,
            headers(("ETag" = String, description = "The project's version"))),
        ReadErrors
    )
)]
#[get("/leading-projects/{id}")]
pub async fn get_leading_project(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let view = readable(&state, &caller, &id.into_inner()).await?;
    let (view, similar) = state
        .with_conn(move |conn| {
            let similar = leading_projects::similar(conn, &view)?;
            Ok((view, similar))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.row.version)))
        .json(project_response(view, &similar)?))
}
