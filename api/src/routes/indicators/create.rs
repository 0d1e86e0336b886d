//! `POST /api/v1/indicators`.

use actix_web::{HttpRequest, HttpResponse, post, web};
use zorgpact_contract::indicator::{CreateIndicatorRequest, IndicatorResponse};
use zorgpact_db::indicators;
use zorgpact_domain::auth::Permission;

use super::convert::{indicator_response, new_indicator};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::http::extract::Body;
use crate::http::idempotent;
use crate::problem_responses::{AuthErrors, CreateErrors};

/// Adds an indicator to the catalogue. Role: admin. A `weighted_mean` roll-up
/// needs a `weight_indicator` that is already in the catalogue. A `formula` makes
/// it a derived indicator, computed on read wherever figures are shown (series,
/// national roll-ups, analytics, progress) and never stored: its inputs must be in
/// the catalogue, measured per the same period type, and no chain of formulas may
/// lead back to it (422 under `/formula`). A derived indicator's own `rollup` is
/// not used for figures: national figures and coarser periods compute the formula
/// on its inputs rolled up by their own rules, over the regions (and sub-periods)
/// where every input has a value.
#[utoipa::path(
    tag = "indicators",
    request_body = CreateIndicatorRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of creating twice")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = IndicatorResponse,
            headers(("Location" = String, description = "URL of the new indicator"), ("ETag" = String)),
            links(
                ("GetIndicator" = (operation_id = "get_indicator", parameters(("code" = "$response.body#/code")))),
                ("UpdateIndicator" = (operation_id = "update_indicator", parameters(("code" = "$response.body#/code"), ("header.If-Match" = "$response.header.ETag")))),
                ("GetIndicatorSeries" = (operation_id = "get_indicator_series", parameters(("code" = "$response.body#/code")))),
                ("GetIndicatorNational" = (operation_id = "get_indicator_national", parameters(("code" = "$response.body#/code"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/indicators")]
pub async fn create_indicator(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<CreateIndicatorRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageIndicatorCatalogue)?;
    let (code, (fields, formula)) = new_indicator(&body.value)?;
    let actor = caller.actor();
    idempotent::at_most_once(&state, &req, &body.bytes, move |conn| {
        let row = indicators::create(conn, &actor, &code, &fields, formula.as_ref())?;
        let location = format!("/api/v1/indicators/{}", row.code);
        let tag = etag(row.version);
        idempotent::response(201, &indicator_response(row)?, Some(location), Some(tag))
    })
    .await
}
