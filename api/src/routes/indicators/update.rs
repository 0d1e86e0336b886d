//! `PUT /api/v1/indicators/{code}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::indicator::{IndicatorFieldsRequest, IndicatorResponse};
use zorgpact_db::indicators;
use zorgpact_domain::auth::Permission;

use super::convert::{indicator_fields, indicator_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, UpdateErrors};

/// Replaces an indicator's fields, its `formula` included (omitted or `null`: a
/// measured indicator). Role: admin. Needs `If-Match` with the ETag of the version
/// being edited. The period type cannot change once values or targets exist, nor
/// while derived indicators read it (409). A formula follows the rules of the
/// create (422 under `/formula`); an indicator with stored values cannot become
/// derived (409).
#[utoipa::path(
    tag = "indicators",
    request_body = IndicatorFieldsRequest,
    params(
        ("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", description = "Indicator code"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the version being edited, e.g. `\"v3\"`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = IndicatorResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/indicators/{code}")]
pub async fn update_indicator(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    code: web::Path<String>,
    body: Body<IndicatorFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageIndicatorCatalogue)?;
    let actor = caller.actor();
    let code = code.into_inner();
    let precondition = required_precondition(&req)?;
    let (fields, formula) = indicator_fields(&code, &body.value)?;
    let row = state
        .with_conn({
            let code = code.clone();
            move |conn| indicators::update(conn, &actor, &code, &precondition, &fields, formula.as_ref())
        })
        .await
        .map_err(|e| e.or_not_found(format!("indicator {code}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(indicator_response(row)?))
}
