//! `GET /api/v1/coalitions`.

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::leading_project::{CoalitionListResponse, CoalitionResponse};
use zorgpact_db::leading_projects;
use zorgpact_domain::auth::Permission;

use super::project_ref;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::problem_responses::ListErrors;

/// The coalitions of leading projects, by name, each with its aim and the
/// published projects that take part. Open to everyone.
#[utoipa::path(
    tag = "leading-projects",
    responses(
        (status = 200, description = "The coalitions", body = CoalitionListResponse),
        ListErrors
    )
)]
#[get("/coalitions")]
pub async fn list_coalitions(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let coalitions = state.with_conn(leading_projects::coalitions).await?;
    Ok(HttpResponse::Ok().json(CoalitionListResponse {
        items: coalitions
            .into_iter()
            .map(|(row, members)| {
                Ok(CoalitionResponse {
                    id: row.id,
                    name: row.name,
                    aim: row.aim,
                    members: members.iter().map(project_ref).collect::<Result<_, _>>()?,
                })
            })
            .collect::<Result<_, zorgpact_db::DbError>>()?,
    }))
}
