//! `POST /auth/token`, `/auth/refresh`, `/auth/logout`.
//!
//! A user's refresh token travels only in a cookie (`auth::refresh_cookie`), never
//! in a body a script could read: the web app and scripts alike keep it in their
//! cookie jar and send `X-Zorgpact-CSRF: 1` to refresh or log out. Partner systems
//! get no refresh token; they ask for a new bearer token with their credentials.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use zorgpact_contract::Problem;
use zorgpact_contract::auth::{TokenRequest, TokenResponse};
use zorgpact_db::sessions::{self, Rotation};
use zorgpact_db::{partner_clients, users};
use zorgpact_domain::auth::Principal;
use zorgpact_domain::{InvalidValue, ValidationErrors};

use super::login_limits::{self, LoginKeys};
use super::principal;
use crate::AppState;
use crate::auth::passwords;
use crate::auth::refresh_cookie;
use crate::auth::secrets::{random_token, token_hash};
use crate::auth::tokens::{ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL};
use crate::error::ApiError;
use crate::http::extract::Body;

const WRONG_CREDENTIALS: &str = "Unknown account or wrong password.";

/// Logs in: a user with e-mail address and password, or a partner system with its
/// client credentials. Failed attempts are limited per account and per address
/// (429 with `Retry-After`). A user also gets a refresh token, only as the cookie
/// `zorgpact_refresh` (`HttpOnly; Secure; SameSite=Strict`, sent only to
/// `/auth/refresh` and `/auth/logout`, valid 14 days).
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "An access token; for users also the refresh cookie", body = TokenResponse,
            headers(("Set-Cookie" = String, description = "For users: `zorgpact_refresh`, once per path (`/api/v1/auth/refresh`, `/api/v1/auth/logout`)"))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown account, wrong password or inactive account", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing fields for the grant type", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts; see `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/token")]
pub async fn issue_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.value;
    // Behind a trusted proxy, the login limit counts the client, not the proxy.
    let address = state
        .security
        .client_ip(&req)
        .map_or_else(|| "unknown".into(), |ip| ip.to_string());
    let (account, secret, is_user) = match request.grant_type.as_str() {
        "password" => (
            required(request.username, "/username")?,
            required(request.password, "/password")?,
            true,
        ),
        "client_credentials" => (
            required(request.client_id, "/client_id")?,
            required(request.client_secret, "/client_secret")?,
            false,
        ),
        _ => {
            return Err(ApiError::Validation(ValidationErrors::single(
                "/grant_type",
                InvalidValue::unknown_code("must be password or client_credentials"),
            )));
        }
    };
    let keys = LoginKeys::new(&account, &address);
    let login = state
        .with_conn(move |conn| {
            if let Some(seconds) = login_limits::blocked_for(conn, &keys)? {
                return Ok(Err(ApiError::TooManyRequests(seconds)));
            }
            let found = if is_user {
                users::find_by_email(conn, &account)?
                    .filter(|u| u.user.active && passwords::verify(&secret, &u.user.password_hash))
                    .map(|u| principal::from_user(&u).map(|p| (p, Some(u.user.id.clone()))))
            } else {
                partner_clients::find_by_client_id(conn, &account)?
                    .filter(|c| c.client.active && passwords::verify(&secret, &c.client.secret_hash))
                    .map(|c| principal::from_partner(&c).map(|p| (p, None)))
            };
            match found {
                Some(principal) => {
                    sessions::clear_failures(conn, &keys.account)?;
                    Ok(principal)
                }
                None => {
                    passwords::verify_nothing(&secret);
                    sessions::record_failure(conn, &keys.all())?;
                    Ok(Err(ApiError::Unauthenticated(WRONG_CREDENTIALS.into())))
                }
            }
        })
        .await??;
    let (principal, user_id) = login;
    respond_with_tokens(&state, &principal, user_id).await
}

fn required(value: Option<String>, pointer: &str) -> Result<String, ApiError> {
    const MAX: usize = 512;
    let refuse = |error| Err(ApiError::Validation(ValidationErrors::single(pointer, error)));
    match value {
        Some(v) if v.chars().count() > MAX => refuse(InvalidValue::too_long(MAX)),
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => refuse(InvalidValue::missing("is required for this grant type")),
    }
}

/// An access token, and for users a new refresh token: stored as a hash, handed
/// out as the cookie.
async fn respond_with_tokens(
    state: &AppState,
    principal: &Principal,
    user_id: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let mut response = HttpResponse::Ok();
    if let Some(user_id) = user_id {
        let token = random_token(32).map_err(ApiError::Internal)?;
        let hash = token_hash(&token);
        let expires = Utc::now().naive_utc() + REFRESH_TOKEN_TTL;
        let family = random_token(16).map_err(ApiError::Internal)?;
        state
            .with_conn(move |conn| sessions::store_refresh_token(conn, &user_id, &hash, &family, expires))
            .await?;
        refresh_cookie::set(&mut response, &token);
    }
    access_token_response(state, principal, response)
}

fn access_token_response(
    state: &AppState,
    principal: &Principal,
    mut response: actix_web::HttpResponseBuilder,
) -> Result<HttpResponse, ApiError> {
    let now = u64::try_from(Utc::now().timestamp()).unwrap_or(0);
    let access_token = state.tokens.issue(principal, now).map_err(ApiError::Internal)?;
    Ok(response
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer".into(),
            expires_in: ACCESS_TOKEN_TTL.as_secs(),
        }))
}

/// Exchanges the refresh cookie for a new access token and a new refresh cookie.
/// Each refresh token works once; a reused one revokes every token descended from
/// the same login. Needs `X-Zorgpact-CSRF: 1` (and a page of this server's origin
/// or of `ZORGPACT_CORS_ORIGINS`, if the browser names one).
#[utoipa::path(
    tag = "auth",
    params(("X-Zorgpact-CSRF" = String, Header, pattern = "^1$", description = "Always `1`: a page of another site cannot send it without a CORS preflight, which it does not get")),
    security(("refresh_cookie" = [])),
    responses(
        (status = 200, description = "A new access token and refresh cookie", body = TokenResponse,
            headers(("Set-Cookie" = String, description = "The new `zorgpact_refresh`, once per path"))),
        (status = 401, description = "No refresh cookie, or an unknown, expired, revoked or reused one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without `X-Zorgpact-CSRF: 1`, or from a page of another site", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_session(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let refused = || {
        ApiError::Unauthenticated("The refresh token is missing or not valid (unknown, expired, revoked or used before); log in again with POST /api/v1/auth/token.".into())
    };
    let old_token = refresh_cookie::read(&req, &state.security)?.ok_or_else(refused)?;
    let old_hash = token_hash(&old_token);
    let new_token = random_token(32).map_err(ApiError::Internal)?;
    let new_hash = token_hash(&new_token);
    let expires = Utc::now().naive_utc() + REFRESH_TOKEN_TTL;
    let principal = state
        .with_conn(
            move |conn| match sessions::rotate_refresh_token(conn, &old_hash, &new_hash, expires)? {
                Rotation::Rotated { user_id } => Ok(users::get(conn, &user_id)
                    .ok()
                    .filter(|u| u.user.active)
                    .map(|u| principal::from_user(&u))),
                Rotation::Refused | Rotation::ReuseDetected => Ok(None),
            },
        )
        .await?
        .ok_or_else(refused)??;
    let mut response = HttpResponse::Ok();
    refresh_cookie::set(&mut response, &new_token);
    access_token_response(&state, &principal, response)
}

/// Logs out: revokes the refresh cookie's token and clears the cookie. Answers 204
/// also without a cookie or for an unknown token, so a retried logout is harmless.
/// Needs `X-Zorgpact-CSRF: 1`, as refreshing does.
#[utoipa::path(
    tag = "auth",
    params(("X-Zorgpact-CSRF" = String, Header, pattern = "^1$", description = "Always `1`: a page of another site cannot send it without a CORS preflight, which it does not get")),
    security(("refresh_cookie" = [])),
    responses(
        (status = 204, description = "Revoked; the cookie is cleared",
            headers(("Set-Cookie" = String, description = "`zorgpact_refresh` with `Max-Age=0`, once per path"))),
        (status = 403, description = "Without `X-Zorgpact-CSRF: 1`, or from a page of another site", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if let Some(token) = refresh_cookie::read(&req, &state.security)? {
        let hash = token_hash(&token);
        state
            .with_conn(move |conn| sessions::revoke_refresh_token(conn, &hash))
            .await?;
    }
    let mut response = HttpResponse::NoContent();
    refresh_cookie::clear(&mut response);
    Ok(response.finish())
}
