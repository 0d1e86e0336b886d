//! `GET /api/v1/agenda-summaries`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::agenda::{ActionLineCount, ActionStatusCount, AgendaSummaryListResponse, AgendaSummaryResponse};
use zorgpact_db::agenda;
use zorgpact_domain::ValidationErrors;
use zorgpact_domain::agenda::{AgendaSummary, summarise};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::region::RegionCode;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::problem_responses::ReadErrors;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgendaSummaryQuery {
    /// Only this region (404 when there is no such region).
    #[param(
        min_length = 2,
        max_length = 60,
        pattern = r"^[a-z](-?[a-z0-9])+$",
        example = "twente"
    )]
    region: Option<String>,
}

/// Each region's agenda in counts: its actions per status and action line (archived
/// ones left out), their mean progress, and its open barrier tickets. Public, like
/// the agendas the programme published; the actions themselves need a login.
#[utoipa::path(
    tag = "regions",
    params(AgendaSummaryQuery),
    responses(
        (status = 200, description = "Every region's summary (or the one asked for), in region-code order",
            body = AgendaSummaryListResponse),
        ReadErrors
    )
)]
#[get("/agenda-summaries")]
pub async fn list_agenda_summaries(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<AgendaSummaryQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let region = query
        .region
        .map(|code| RegionCode::parse(&code).map(|_| code))
        .transpose()
        .map_err(|error| ApiError::InvalidParameters(ValidationErrors::single("region", error)))?;
    let inputs = state
        .with_conn({
            let region = region.clone();
            move |conn| agenda::load(conn, region.as_deref())
        })
        .await?;
    if let Some(region) = region
        && inputs.regions.is_empty()
    {
        return Err(ApiError::NotFound(format!("region {region}")));
    }
    let items = summarise(&inputs.regions, &inputs.actions, &inputs.tickets)
        .into_iter()
        .map(summary_response)
        .collect();
    Ok(HttpResponse::Ok().json(AgendaSummaryListResponse { items }))
}

fn summary_response(summary: AgendaSummary) -> AgendaSummaryResponse {
    AgendaSummaryResponse {
        region_code: summary.region,
        actions: summary.actions,
        by_status: summary
            .by_status
            .into_iter()
            .map(|(status, actions)| ActionStatusCount { status, actions })
            .collect(),
        by_action_line: summary
            .by_action_line
            .into_iter()
            .map(|(action_line, actions)| ActionLineCount { action_line, actions })
            .collect(),
        mean_progress: summary.mean_progress,
        open_barriers: summary.open_barriers,
    }
}
