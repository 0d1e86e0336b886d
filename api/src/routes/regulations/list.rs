//! `GET /api/v1/regulations`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::codes::RegulationKind;
use zorgpact_contract::regulation::RegulationListResponse;
use zorgpact_db::regulations;
use zorgpact_domain::auth::Permission;

use super::regulation_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::problem_responses::ListErrors;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListRegulationsQuery {
    /// Only rules of this kind.
    kind: Option<RegulationKind>,
}

/// The register of rules (laws, subsidy schemes, agreements), by name. Public.
#[utoipa::path(
    tag = "regulations",
    params(ListRegulationsQuery),
    responses(
        (status = 200, description = "The register", body = RegulationListResponse),
        ListErrors
    )
)]
#[get("/regulations")]
pub async fn list_regulations(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListRegulationsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let kind = query.kind.map(RegulationKind::as_str);
    let rows = state.with_conn(move |conn| regulations::list(conn, kind)).await?;
    Ok(HttpResponse::Ok().json(RegulationListResponse {
        items: rows.into_iter().map(regulation_response).collect::<Result<_, _>>()?,
    }))
}
