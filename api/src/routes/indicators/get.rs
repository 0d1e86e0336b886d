//! `GET /api/v1/indicators/{code}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use zorgpact_contract::Problem;
use zorgpact_contract::indicator::IndicatorResponse;
use zorgpact_db::indicators;
use zorgpact_domain::auth::Permission;

use super::convert::indicator_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::problem_responses::ReadErrors;

/// One indicator. The `ETag` header is its version, for `If-Match` on updates. Public.
#[utoipa::path(
    tag = "indicators",
    params(("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", example = "open_vacancies", description = "Indicator code, e.g. `open_vacancies`")),
    responses(
        (status = 200, description = "The indicator", body = IndicatorResponse,
            headers(("ETag" = String, description = "The indicator's version"))),
        ReadErrors,
        (status = 401, description = "Invalid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/indicators/{code}")]
pub async fn get_indicator(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let code = code.into_inner();
    let row = state
        .with_conn({
            let code = code.clone();
            move |conn| indicators::get(conn, &code)
        })
        .await
        .map_err(|e| e.or_not_found(format!("indicator {code}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(indicator_response(row)?))
}
