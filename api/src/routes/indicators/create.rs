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
use crate::http::created;
use crate::http::extract::Body;
use crate::openapi::problems::{AuthErrors, CreateErrors};

/// Adds an indicator to the catalogue. Role: admin. A `weighted_mean` roll-up
/// needs a `weight_indicator` that is already in the catalogue.
#[utoipa::path(
    tag = "indicators",
    request_body = CreateIndicatorRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of creating twice")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = IndicatorResponse,
            headers(("Location" = String, description = "URL of the new indicator"), ("ETag" = String))),
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
    let (code, fields) = new_indicator(&body.value)?;
    let actor = caller.actor();
    created::once(&state, &req, &body.bytes, move |conn| {
        let row = indicators::create(conn, &actor, &code, &fields)?;
        let location = format!("/api/v1/indicators/{}", row.code);
        let tag = etag(row.version);
        created::response(201, &indicator_response(row), Some(location), Some(tag))
    })
    .await
}
