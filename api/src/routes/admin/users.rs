//! `/api/v1/users`: user accounts (list, read, create, update).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::admin::{CreateUserRequest, UpdateUserRequest, UserListResponse, UserResponse};
use zorgpact_db::users;
use zorgpact_domain::auth::Permission;

use super::convert::{new_user, user_response, user_update};
use super::hash_secret;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::{Body, Params};
use crate::http::idempotent;
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListUsersQuery {
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// Lists the user accounts, active and inactive, ordered by e-mail address. Role: admin.
#[utoipa::path(
    tag = "admin",
    params(ListUsersQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "A page of users", body = UserListResponse), ListErrors, AuthErrors)
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListUsersQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = state
        .with_conn(move |conn| users::list_page(conn, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.user.email.clone());
    Ok(HttpResponse::Ok().json(UserListResponse {
        items: rows.into_iter().map(user_response).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

/// One user account. The `ETag` header is its version, for `If-Match` on updates. Role: admin.
#[utoipa::path(
    tag = "admin",
    params(("id" = String, Path, description = "User id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The user", body = UserResponse,
            headers(("ETag" = String, description = "The user's version"))),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let id = id.into_inner();
    let record = state
        .with_conn({
            let id = id.clone();
            move |conn| users::get(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("user {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(record.user.version)))
        .json(user_response(record)?))
}

/// Creates a user account that can log in at once with its e-mail address and
/// password. A taken e-mail address is a conflict (409). Role: admin.
#[utoipa::path(
    tag = "admin",
    request_body = CreateUserRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of creating twice")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = UserResponse,
            headers(("Location" = String, description = "URL of the new user"), ("ETag" = String)),
            links(
                ("GetUser" = (operation_id = "get_user", parameters(("id" = "$response.body#/id")))),
                ("UpdateUser" = (operation_id = "update_user", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let new = new_user(&body.value)?;
    let actor = caller.actor();
    // Retries are recognised by the request without its password: only a hash of
    // the request is stored, and a fast hash of a password must not be.
    let fingerprint = serde_json::to_vec(&CreateUserRequest {
        password: String::new(),
        ..body.value.clone()
    })
    .map_err(|e| ApiError::Internal(format!("request fingerprint: {e}")))?;
    let password_hash = hash_secret(new.password.expose().to_owned()).await?;
    idempotent::at_most_once(&state, &req, &fingerprint, move |conn| {
        let record = users::create(conn, &actor, new.email.as_str(), &password_hash, &new.fields)?;
        let location = format!("/api/v1/users/{}", record.user.id);
        let tag = etag(record.user.version);
        idempotent::response(201, &user_response(record)?, Some(location), Some(tag))
    })
    .await
}

/// Replaces a user's fields: name, role with its ministry or regions, and whether
/// the account is active (an inactive account cannot log in). A `password`, when
/// sent, replaces the password. Needs `If-Match` with the ETag of the version being
/// edited. Admins cannot take away their own admin access (409). Role: admin.
#[utoipa::path(
    tag = "admin",
    request_body = UpdateUserRequest,
    params(
        ("id" = String, Path, description = "User id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the version being edited, e.g. `\"v3\"`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = UserResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let actor = caller.actor();
    let id = id.into_inner();
    let precondition = required_precondition(&req)?;
    let (fields, password) = user_update(&body.value)?;
    let is_self = caller.principal().is_some_and(|p| p.id == format!("user:{id}"));
    if is_self && (fields.role != "admin" || !fields.active) {
        return Err(ApiError::Conflict(
            "you cannot take away your own admin access; ask another admin".into(),
        ));
    }
    let password_hash = match password {
        Some(password) => Some(hash_secret(password.expose().to_owned()).await?),
        None => None,
    };
    let record = state
        .with_conn({
            let id = id.clone();
            move |conn| users::update(conn, &actor, &id, &precondition, &fields, password_hash.as_deref())
        })
        .await
        .map_err(|e| e.or_not_found(format!("user {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(record.user.version)))
        .json(user_response(record)?))
}
