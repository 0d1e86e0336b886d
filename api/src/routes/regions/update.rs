//! `PUT /api/v1/regions/{code}`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use zorgpact_contract::{RegionFieldsRequest, RegionResponse};
use zorgpact_db::regions;
use zorgpact_domain::auth::Permission;

use super::convert::{region_fields, region_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, UpdateErrors};

/// Replaces a region's fields. Role: admin. Needs `If-Match` with the ETag of
/// the version being edited.
#[utoipa::path(
    tag = "regions",
    request_body = RegionFieldsRequest,
    params(
        ("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", description = "Region code"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the version being edited, e.g. `\"v3\"`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = RegionResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/regions/{code}")]
pub async fn update_region(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    code: web::Path<String>,
    body: Body<RegionFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageRegions)?;
    let actor = caller.actor();
    let code = code.into_inner();
    let precondition = required_precondition(&req)?;
    let fields = region_fields(&body.value)?;
    let row = state
        .with_conn({
            let code = code.clone();
            move |conn| regions::update(conn, &actor, &code, &precondition, &fields)
        })
        .await
        .map_err(|e| e.or_not_found(format!("region {code}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version)))
        .json(region_response(row)?))
}
