//! `/api/v1/regions/{code}/partners`: list, add, remove.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use zorgpact_contract::{CreatePartnerRequest, PartnerListResponse, PartnerResponse};
use zorgpact_db::regions::{self, PARTNER_VERSION};
use zorgpact_domain::ValidationErrors;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::region::Partner;

use super::convert::partner_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::Body;
use crate::http::idempotent;
use crate::problem_responses::{AuthErrors, CreateErrors, ReadErrors, UpdateErrors};

/// A region's partner organisations, ordered by name. Public.
#[utoipa::path(
    tag = "regions",
    params(("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", example = "twente", description = "Region code")),
    responses((status = 200, description = "The partners", body = PartnerListResponse), ReadErrors)
)]
#[get("/regions/{code}/partners")]
pub async fn list_partners(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let code = code.into_inner();
    let rows = state
        .with_conn({
            let code = code.clone();
            move |conn| {
                regions::get(conn, &code)?;
                regions::partners_of(conn, &code)
            }
        })
        .await
        .map_err(|e| e.or_not_found(format!("region {code}")))?;
    Ok(HttpResponse::Ok().json(PartnerListResponse {
        items: rows.into_iter().map(partner_response).collect::<Result<_, _>>()?,
    }))
}

/// Adds a partner organisation to a region. Roles: admin, coordinator of the region.
#[utoipa::path(
    tag = "regions",
    request_body = CreatePartnerRequest,
    params(
        ("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", example = "twente", description = "Region code"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added", body = PartnerResponse,
            headers(("Location" = String), ("ETag" = String)),
            links(
                ("RemovePartner" = (operation_id = "remove_partner", parameters(("code" = "$response.body#/region_code"), ("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag"))))
            )),
        (status = 404, description = "No such region", body = zorgpact_contract::Problem, content_type = "application/problem+json"),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/regions/{code}/partners")]
pub async fn add_partner(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    code: web::Path<String>,
    body: Body<CreatePartnerRequest>,
) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    caller.require(&Permission::ManagePartners { region: &code })?;
    let actor = caller.actor();
    let partner = Partner::new(&body.value.organisation, body.value.sector)
        .map_err(|e| ValidationErrors::from(e.at("/organisation")))?;
    let region = code.clone();
    idempotent::at_most_once(&state, &req, &body.bytes, move |conn| {
        let row = regions::add_partner(conn, &actor, &region, &partner)?;
        let location = format!("/api/v1/regions/{}/partners/{}", row.region_code, row.id);
        idempotent::response(
            201,
            &partner_response(row)?,
            Some(location),
            Some(etag(PARTNER_VERSION)),
        )
    })
    .await
    .map_err(|e| e.or_not_found(format!("region {code}")))
}

/// Removes a partner from a region. Needs `If-Match` (`"v1"` or `*`). Roles: admin, coordinator of the region.
#[utoipa::path(
    tag = "regions",
    params(
        ("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", example = "twente", description = "Region code"),
        ("id" = String, Path, description = "Partner id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "The partner's ETag, or `*`"),
    ),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"), UpdateErrors, AuthErrors)
)]
#[delete("/regions/{code}/partners/{id}")]
pub async fn remove_partner(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (code, id) = path.into_inner();
    caller.require(&Permission::ManagePartners { region: &code })?;
    let actor = caller.actor();
    let precondition = required_precondition(&req)?;
    let what = format!("partner {id} of region {code}");
    state
        .with_conn(move |conn| regions::remove_partner(conn, &actor, &code, &id, &precondition))
        .await
        .map_err(|e| e.or_not_found(what))?;
    Ok(HttpResponse::NoContent().finish())
}
