//! `GET /api/v1/service-targets` and `PUT /api/v1/service-targets/{ministry}`:
//! how many working days each ministry has for a first response and an answer.

use actix_web::{HttpResponse, get, put, web};
use zorgpact_contract::barrier::{ServiceTargetRequest, ServiceTargetResponse, ServiceTargetsResponse};
use zorgpact_db::service_targets::{self, ServiceTargetRow};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::barrier::Ministry;
use zorgpact_domain::barrier::clock::{ServiceTargets, targets_for};

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Body;
use crate::http::timestamp::timestamp;
use crate::problem_responses::{AuthErrors, ReadErrors, UpdateErrors};

fn target_response(row: &ServiceTargetRow) -> Result<ServiceTargetResponse, ApiError> {
    let period = row.period()?;
    Ok(ServiceTargetResponse {
        ministry: period.ministry,
        first_response_days: period.targets.first_response_days,
        answer_days: period.targets.answer_days,
        valid_from: Some(timestamp(row.valid_from)),
        set_by: Some(row.set_by.clone()),
    })
}

/// The targets in force now for each ministry (the defaults, 10 and 30 working
/// days, until a change) and every change made. A ticket is measured against the
/// targets in force when it was filed. Roles: whoever may read barrier tickets.
#[utoipa::path(
    tag = "barrier-tickets",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The targets", body = ServiceTargetsResponse),
        AuthErrors
    )
)]
#[get("/service-targets")]
pub async fn get_service_targets(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadBarriers)?;
    let rows = state.with_conn(service_targets::history).await?;
    let periods = rows
        .iter()
        .map(ServiceTargetRow::period)
        .collect::<Result<Vec<_>, _>>()?;
    let now = chrono::Utc::now().naive_utc();
    let current = Ministry::ALL
        .iter()
        .map(|ministry| {
            let latest = rows
                .iter()
                .zip(&periods)
                .rfind(|(_, period)| period.ministry == *ministry);
            match latest {
                Some((row, _)) => target_response(row),
                None => {
                    let defaults = targets_for(&periods, Some(*ministry), now);
                    Ok(ServiceTargetResponse {
                        ministry: *ministry,
                        first_response_days: defaults.first_response_days,
                        answer_days: defaults.answer_days,
                        valid_from: None,
                        set_by: None,
                    })
                }
            }
        })
        .collect::<Result<_, ApiError>>()?;
    let history = rows.iter().map(target_response).collect::<Result<_, _>>()?;
    Ok(HttpResponse::Ok().json(ServiceTargetsResponse { current, history }))
}

/// New targets for a ministry, in force from now on; tickets filed before keep
/// theirs. Role: admin (the programme team).
#[utoipa::path(
    tag = "barrier-tickets",
    request_body = ServiceTargetRequest,
    params(("ministry" = Ministry, Path, description = "`OCW`, `VWS` or `SZW`")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new targets", body = ServiceTargetResponse),
        ReadErrors,
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/service-targets/{ministry}")]
pub async fn set_service_targets(
    state: web::Data<AppState>,
    caller: Caller,
    ministry: web::Path<String>,
    body: Body<ServiceTargetRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::SetServiceTargets)?;
    let ministry =
        Ministry::parse(&ministry).map_err(|_| ApiError::NotFound(format!("ministry {}", ministry.as_str())))?;
    let targets = ServiceTargets::parse(body.value.first_response_days, body.value.answer_days)?;
    let actor = caller.actor();
    let row = state
        .with_conn(move |conn| service_targets::set(conn, &actor, ministry, targets))
        .await?;
    Ok(HttpResponse::Ok().json(target_response(&row)?))
}
