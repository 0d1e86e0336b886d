//! `POST /api/v1/factsheets/{id}/publish`.

use actix_web::http::header;
use actix_web::{HttpResponse, post, web};
use utoipa::IntoResponses;
use zorgpact_contract::Problem;
use zorgpact_contract::factsheet::FactsheetVersionResponse;
use zorgpact_db::factsheets;

use super::{editable_draft, version_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::regulations::readable_scope;

/// The refusals of a publication.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum PublishErrors {
    /// No such factsheet.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The draft has not changed since its latest publication.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
}

/// Publishes the draft as the next numbered version, readable by everyone; earlier
/// versions stay readable under `.../versions/{number}`. Roles: admin; an official
/// of the factsheet's ministry.
#[utoipa::path(
    tag = "factsheets",
    params(("id" = String, Path, description = "Factsheet id")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The published version", body = FactsheetVersionResponse,
            headers(("Location" = String, description = "URL of the version")),
            links(
                ("GetVersion" = (operation_id = "get_version", parameters(("id" = "$response.body#/factsheet_id"), ("number" = "$response.body#/number"))))
            )),
        PublishErrors,
        crate::problem_responses::AuthErrors
    )
)]
#[post("/factsheets/{id}/publish")]
pub async fn publish_factsheet(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    editable_draft(&state, &caller, &id).await?;
    let actor = caller.actor();
    let (version, content) = state
        .with_conn(move |conn| {
            let version = factsheets::publish(conn, &actor, &id)?;
            let content = factsheets::version_content(conn, &version)?;
            Ok((version, content))
        })
        .await?;
    let location = format!(
        "/api/v1/factsheets/{}/versions/{}",
        version.factsheet_id, version.number
    );
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(version_response(version, &content, &readable_scope(&caller))?))
}
