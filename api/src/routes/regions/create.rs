//! `POST /api/v1/regions`.

use actix_web::{HttpRequest, HttpResponse, post, web};
use zorgpact_contract::{CreateRegionRequest, RegionResponse};
use zorgpact_db::regions;
use zorgpact_domain::auth::Permission;

use super::convert::{new_region, region_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::http::extract::Body;
use crate::http::idempotent;
use crate::problem_responses::{AuthErrors, CreateErrors};

/// Adds a region. Role: admin.
#[utoipa::path(
    tag = "regions",
    request_body = CreateRegionRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of creating twice")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = RegionResponse,
            headers(("Location" = String, description = "URL of the new region"), ("ETag" = String)),
            links(
                ("GetRegion" = (operation_id = "get_region", parameters(("code" = "$response.body#/code")))),
                ("UpdateRegion" = (operation_id = "update_region", parameters(("code" = "$response.body#/code"), ("header.If-Match" = "$response.header.ETag")))),
                ("ListPartners" = (operation_id = "list_partners", parameters(("code" = "$response.body#/code")))),
                ("AddPartner" = (operation_id = "add_partner", parameters(("code" = "$response.body#/code"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/regions")]
pub async fn create_region(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<CreateRegionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageRegions)?;
    let (code, fields) = new_region(&body.value)?;
    let actor = caller.actor();
    idempotent::at_most_once(&state, &req, &body.bytes, move |conn| {
        let row = regions::create(conn, &actor, &code, &fields)?;
        let location = format!("/api/v1/regions/{}", row.code);
        let tag = etag(row.version);
        idempotent::response(201, &region_response(row)?, Some(location), Some(tag))
    })
    .await
}
