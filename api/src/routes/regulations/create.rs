//! `POST /api/v1/regulations`.

use actix_web::{HttpResponse, post, web};
use zorgpact_contract::regulation::{CreateRegulationRequest, RegulationResponse};
use zorgpact_db::regulations;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::regulation::{NewRegulation, RegulationInput};

use super::regulation_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, CreateErrors};

/// Adds a rule to the register. A name already in the register is a 409. Roles:
/// admin, officials.
#[utoipa::path(
    tag = "regulations",
    request_body = CreateRegulationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added", body = RegulationResponse,
            headers(("Location" = String, description = "URL of the new rule")),
            links(
                ("GetRegulation" = (operation_id = "get_regulation", parameters(("id" = "$response.body#/id"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/regulations")]
pub async fn create_regulation(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<CreateRegulationRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageRegulations)?;
    let dto = &body.value;
    let regulation = NewRegulation::parse(&RegulationInput {
        name: &dto.name,
        kind: dto.kind,
        ministry: dto.ministry,
        url: dto.url.as_deref(),
        description: dto.description.as_deref(),
    })?;
    let actor = caller.actor();
    let row = state
        .with_conn(move |conn| regulations::create(conn, &actor, &regulation))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/regulations/{}", row.id)))
        .json(regulation_response(row)?))
}
