//! `/api/v1/partner-clients`: partner systems' credentials (list, read, create, revoke).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::admin::{
    CreatePartnerClientRequest, CreatedPartnerClientResponse, PartnerClientListResponse, PartnerClientResponse,
};
use zorgpact_db::partner_clients::{self, NewPartnerClient};
use zorgpact_domain::auth::Permission;

use super::convert::{created_partner_client_response, new_partner_client, partner_client_response};
use super::hash_secret;
use crate::AppState;
use crate::auth::Caller;
use crate::auth::secrets::random_token;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::{Body, Params};
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};

/// Random bytes in a client secret (256 bits).
const SECRET_BYTES: usize = 32;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListPartnerClientsQuery {
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// Lists the partner systems' credentials, active and revoked, ordered by client
/// id. Secrets are never shown. Role: admin.
#[utoipa::path(
    tag = "admin",
    params(ListPartnerClientsQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of partner credentials", body = PartnerClientListResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/partner-clients")]
pub async fn list_partner_clients(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListPartnerClientsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = state
        .with_conn(move |conn| partner_clients::list_page(conn, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.client.client_id.clone());
    Ok(HttpResponse::Ok().json(PartnerClientListResponse {
        items: rows
            .into_iter()
            .map(partner_client_response)
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

/// One partner credential, without its secret. The `ETag` header is its version,
/// for `If-Match` when revoking it. Role: admin.
#[utoipa::path(
    tag = "admin",
    params(("id" = String, Path, description = "Credential id (not the client id)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The credential", body = PartnerClientResponse,
            headers(("ETag" = String, description = "The credential's version"))),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/partner-clients/{id}")]
pub async fn get_partner_client(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let id = id.into_inner();
    let record = state
        .with_conn({
            let id = id.clone();
            move |conn| partner_clients::get(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("partner client {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(record.client.version)))
        .json(partner_client_response(record)?))
}

/// Creates a credential for a partner system, which then gets tokens from
/// `POST /auth/token` with `grant_type=client_credentials`. The generated
/// `client_secret` is in this response only: the server keeps just a hash.
/// For that reason `Idempotency-Key` is not supported; a retry with the same
/// `client_id` answers 409. Role: admin.
#[utoipa::path(
    tag = "admin",
    request_body = CreatePartnerClientRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; the only response that shows the secret", body = CreatedPartnerClientResponse,
            headers(("Location" = String, description = "URL of the new credential"), ("ETag" = String)),
            links(
                ("GetPartnerClient" = (operation_id = "get_partner_client", parameters(("id" = "$response.body#/id")))),
                ("DeletePartnerClient" = (operation_id = "delete_partner_client", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/partner-clients")]
pub async fn create_partner_client(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<CreatePartnerClientRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let new = new_partner_client(&body.value)?;
    let actor = caller.actor();
    let secret = random_token(SECRET_BYTES).map_err(ApiError::Internal)?;
    let secret_hash = hash_secret(secret.clone()).await?;
    let record = state
        .with_conn(move |conn| {
            let scopes: Vec<String> = new.scopes.iter().map(|s| s.as_str().to_owned()).collect();
            let regions: Vec<String> = new.regions.iter().map(|r| r.as_str().to_owned()).collect();
            partner_clients::create(
                conn,
                &actor,
                &NewPartnerClient {
                    client_id: new.client_id.as_str(),
                    name: &new.name,
                    secret_hash: &secret_hash,
                    scopes: &scopes,
                    regions: &regions,
                },
            )
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/partner-clients/{}", record.client.id),
        ))
        .insert_header((header::ETAG, etag(record.client.version)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created_partner_client_response(record, secret)?))
}

/// Revokes a partner credential: it can no longer get tokens (tokens already
/// issued expire within 15 minutes). The credential stays listed as inactive and
/// its client id cannot be reused. Needs `If-Match`. Role: admin.
#[utoipa::path(
    tag = "admin",
    params(
        ("id" = String, Path, description = "Credential id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "The credential's ETag, or `*`"),
    ),
    security(("bearer" = [])),
    responses((status = 204, description = "Revoked"), UpdateErrors, AuthErrors)
)]
#[delete("/partner-clients/{id}")]
pub async fn delete_partner_client(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let actor = caller.actor();
    let precondition = required_precondition(&req)?;
    let what = format!("partner client {id}");
    let id = id.into_inner();
    state
        .with_conn(move |conn| partner_clients::deactivate(conn, &actor, &id, &precondition))
        .await
        .map_err(|e| e.or_not_found(what))?;
    Ok(HttpResponse::NoContent().finish())
}
