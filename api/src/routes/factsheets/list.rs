//! `GET /api/v1/factsheets`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::codes::FactsheetStatus;
use zorgpact_contract::factsheet::FactsheetListResponse;
use zorgpact_db::factsheets::{self, FactsheetFilter};
use zorgpact_domain::auth::Permission;

use super::{edition, factsheet_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::problem_responses::ListErrors;
use crate::routes::regulations::readable_scope;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListFactsheetsQuery {
    /// `draft`: only never-published factsheets (officials and the programme
    /// team); `published`: only published ones.
    status: Option<FactsheetStatus>,
}

/// The factsheets, by id. Without a token (and for coordinators, analysts and
/// partners): the published ones, each as its latest published version.
/// Officials and the programme team: every factsheet as its draft.
#[utoipa::path(
    tag = "factsheets",
    params(ListFactsheetsQuery),
    responses(
        (status = 200, description = "The factsheets", body = FactsheetListResponse),
        ListErrors
    )
)]
#[get("/factsheets")]
pub async fn list_factsheets(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListFactsheetsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let filter = FactsheetFilter {
        edition: edition(&caller),
        published: query.status.map(|s| s == FactsheetStatus::Published),
    };
    let views = state.with_conn(move |conn| factsheets::list(conn, filter)).await?;
    let scope = readable_scope(&caller);
    Ok(HttpResponse::Ok().json(FactsheetListResponse {
        items: views
            .into_iter()
            .map(|view| factsheet_response(view, &scope))
            .collect::<Result<_, _>>()?,
    }))
}
