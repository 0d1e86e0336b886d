//! The refresh token as a browser holds it: an `HttpOnly; Secure; SameSite=Strict`
//! cookie that no script can read, sent only to `/auth/refresh` and `/auth/logout`,
//! and the CSRF check that goes with a credential the browser sends by itself.

use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponseBuilder};

use crate::auth::tokens::REFRESH_TOKEN_TTL;
use crate::error::ApiError;
use crate::http::security::HttpSecurity;

pub const COOKIE_NAME: &str = "zorgpact_refresh";
/// The header a cookie-authenticated call must carry. A page of another site
/// cannot add it without a CORS preflight, which this server does not grant it.
pub const CSRF_HEADER: &str = "X-Zorgpact-CSRF";
/// A cookie's `Path` is one prefix, and `/api/v1/auth` would take the token along to
/// the login too: so one cookie per path, both with the same token.
pub const PATHS: [&str; 2] = ["/api/v1/auth/refresh", "/api/v1/auth/logout"];

/// Sets the cookie to `token` for as long as the refresh token is valid.
pub fn set(response: &mut HttpResponseBuilder, token: &str) {
    let max_age = Duration::seconds(i64::try_from(REFRESH_TOKEN_TTL.as_secs()).unwrap_or(i64::MAX));
    for path in PATHS {
        response.cookie(cookie(token.to_owned(), path, max_age));
    }
}

/// Tells the browser to forget the cookie (`Max-Age=0`).
pub fn clear(response: &mut HttpResponseBuilder) {
    for path in PATHS {
        response.cookie(cookie(String::new(), path, Duration::ZERO));
    }
}

fn cookie(value: String, path: &'static str, max_age: Duration) -> Cookie<'static> {
    Cookie::build(COOKIE_NAME, value)
        .path(path)
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .max_age(max_age)
        .finish()
}

/// The refresh token the request's cookie carries, after the CSRF check: the
/// request must carry [`CSRF_HEADER`] (`1`), and an `Origin`, when the browser
/// sends one, must be this server's own or one of `ZORGPACT_CORS_ORIGINS`.
/// `None` when there is no cookie.
pub fn read(req: &HttpRequest, security: &HttpSecurity) -> Result<Option<String>, ApiError> {
    let marked = req
        .headers()
        .get(CSRF_HEADER)
        .is_some_and(|value| value.as_bytes() == b"1");
    if !marked {
        return Err(ApiError::Forbidden(format!(
            "This operation reads the refresh token from a cookie and needs the header `{CSRF_HEADER}: 1` \
             (protection against cross-site requests)."
        )));
    }
    if let Some(origin) = req.headers().get(header::ORIGIN)
        && !origin
            .to_str()
            .is_ok_and(|origin| security.allows_origin(origin, req.headers()))
    {
        return Err(ApiError::Forbidden(
            "This request comes from a page of another site, which may not use the session cookie.".into(),
        ));
    }
    Ok(req
        .cookie(COOKIE_NAME)
        .map(|cookie| cookie.value().to_owned())
        .filter(|token| !token.is_empty()))
}
