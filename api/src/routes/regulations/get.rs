//! `GET /api/v1/regulations/{id}`.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::regulation::{FactsheetRef, OutcomeCount, RegulationDetailResponse};
use zorgpact_db::factsheets::{self, Edition};
use zorgpact_db::{read_snapshot, regulations};
use zorgpact_domain::auth::Permission;

use super::{readable_scope, regulation_response, ticket_refs};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::problem_responses::ReadErrors;
use crate::routes::stored;

/// One rule with its tickets (those the caller may read: none without a token),
/// the outcomes of all its tickets counted by resolution, and the published
/// factsheets about it. Public.
#[utoipa::path(
    tag = "regulations",
    params(("id" = String, Path, description = "Rule id")),
    responses(
        (status = 200, description = "The rule", body = RegulationDetailResponse),
        ReadErrors
    )
)]
#[get("/regulations/{id}")]
pub async fn get_regulation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let id = id.into_inner();
    let (row, tickets, sheets) = state
        .with_conn({
            let id = id.clone();
            move |conn| {
                read_snapshot(conn, |conn| {
                    let row = regulations::get(conn, &id)?;
                    let tickets = regulations::tickets_of(conn, &id)?;
                    let mut sheets = Vec::new();
                    for sheet in regulations::published_factsheets_of(conn, &id)? {
                        sheets.push(factsheets::get(conn, &sheet, Edition::Published)?);
                    }
                    Ok((row, tickets, sheets))
                })
            }
        })
        .await
        .map_err(|e| e.or_not_found(format!("rule {id}")))?;
    let mut outcomes: BTreeMap<Option<String>, u32> = BTreeMap::new();
    for ticket in &tickets {
        *outcomes.entry(ticket.resolution.clone()).or_default() += 1;
    }
    Ok(HttpResponse::Ok().json(RegulationDetailResponse {
        regulation: regulation_response(row)?,
        tickets: ticket_refs(&readable_scope(&caller), &tickets)?,
        outcomes: outcomes
            .into_iter()
            .map(|(resolution, tickets)| {
                Ok(OutcomeCount {
                    resolution: stored::optional("resolution", resolution.as_deref())?,
                    tickets,
                })
            })
            .collect::<Result<_, zorgpact_db::DbError>>()?,
        factsheets: sheets
            .into_iter()
            .map(|sheet| FactsheetRef {
                id: sheet.id,
                question: sheet.content.question,
            })
            .collect(),
    }))
}
