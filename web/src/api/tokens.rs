//! The signed-in user's access token, in memory only: nothing of the session is in
//! `localStorage` or `sessionStorage`, where any script on the page could read it.
//! The refresh token is an `HttpOnly` cookie that the browser sends to
//! `/auth/refresh` by itself (same origin); a reload, or a token about to expire,
//! gets a new access token through it.

use std::cell::RefCell;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use gloo_net::http::Method;
use zorgpact_contract::auth::TokenResponse;

use super::error::ApiError;
use super::transport::{Call, body};

/// Refresh this long before the access token expires, so a request never races its expiry.
const EXPIRY_MARGIN_MS: f64 = 30_000.0;
/// What earlier versions of the app kept in `localStorage`: removed on start, so a
/// token stored back then does not linger.
const OLD_STORAGE_KEYS: [&str; 1] = ["zorgpact.session"];
/// Marks the cookie-authenticated calls, which the server refuses without it
/// (a page of another site cannot send it).
const CSRF_HEADER: (&str, &str) = ("X-Zorgpact-CSRF", "1");

/// The access token and when it runs out.
#[derive(Debug, Clone, PartialEq)]
struct AccessToken {
    token: String,
    /// Milliseconds since the epoch, by this browser's clock.
    expires_at_ms: f64,
}

type PendingRefresh = Shared<LocalBoxFuture<'static, Result<String, ApiError>>>;

thread_local! {
    static CURRENT: RefCell<Option<AccessToken>> = const { RefCell::new(None) };
    /// The refresh in progress: a refresh token works once, so concurrent requests
    /// that find the access token expired must share one exchange.
    static IN_FLIGHT: RefCell<Option<PendingRefresh>> = const { RefCell::new(None) };
    static ON_EXPIRED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Registers what happens when the session ends on its own (the app shows the login).
pub fn on_session_expired(callback: impl Fn() + 'static) {
    ON_EXPIRED.with(|slot| *slot.borrow_mut() = Some(Rc::new(callback)));
}

/// Removes the sessions earlier versions stored in the browser's storage.
pub fn forget_stored_sessions() {
    let Some(window) = web_sys::window() else {
        return;
    };
    for storage in [window.local_storage(), window.session_storage()]
        .into_iter()
        .filter_map(|storage| storage.ok().flatten())
    {
        for key in OLD_STORAGE_KEYS {
            let _ = storage.remove_item(key);
        }
    }
}

pub fn store(tokens: TokenResponse) {
    let expires_in_ms = tokens.expires_in as f64 * 1000.0;
    let access = AccessToken {
        token: tokens.access_token,
        expires_at_ms: js_sys::Date::now() + expires_in_ms,
    };
    CURRENT.with(|slot| *slot.borrow_mut() = Some(access));
}

pub fn clear() {
    CURRENT.with(|slot| *slot.borrow_mut() = None);
}

fn current() -> Option<AccessToken> {
    CURRENT.with(|slot| slot.borrow().clone())
}

/// Forgets the token and tells the app the session is over.
pub fn end_session() {
    clear();
    let callback = ON_EXPIRED.with(|slot| slot.borrow().clone());
    if let Some(callback) = callback {
        callback();
    }
}

/// A valid access token, refreshed first when it is about to expire.
pub async fn access_token() -> Result<String, ApiError> {
    let access = current().ok_or(ApiError::SessionExpired)?;
    if js_sys::Date::now() + EXPIRY_MARGIN_MS < access.expires_at_ms {
        return Ok(access.token);
    }
    refresh().await
}

/// The server refused `rejected` (401): refresh, unless that already happened.
pub async fn refresh_after_rejection(rejected: &str) -> Result<String, ApiError> {
    if let Some(access) = current().filter(|access| access.token != rejected) {
        return Ok(access.token);
    }
    refresh().await
}

/// A new access token through the refresh cookie: on start (a reload keeps the
/// session) and when the token expires. `SessionExpired` when there is no session.
pub async fn refresh() -> Result<String, ApiError> {
    let pending = IN_FLIGHT.with(|slot| slot.borrow().clone());
    if let Some(pending) = pending {
        return pending.await;
    }
    let pending = exchange().boxed_local().shared();
    IN_FLIGHT.with(|slot| *slot.borrow_mut() = Some(pending.clone()));
    let result = pending.await;
    IN_FLIGHT.with(|slot| *slot.borrow_mut() = None);
    result
}

async fn exchange() -> Result<String, ApiError> {
    let call = Call::new(Method::POST, "/auth/refresh").header(CSRF_HEADER.0, CSRF_HEADER.1);
    match call.send_anonymous().await {
        Ok(response) => {
            let tokens: TokenResponse = body(response).await?;
            let access = tokens.access_token.clone();
            store(tokens);
            Ok(access)
        }
        // The server is unreachable: keep the token, the next call may succeed.
        Err(error @ ApiError::Network(_)) => Err(error),
        Err(error) if error.status().is_some_and(|status| status >= 500) => Err(error),
        // Refused (no cookie, expired, revoked, reused): the session is over.
        Err(_) => {
            end_session();
            Err(ApiError::SessionExpired)
        }
    }
}

/// `POST /auth/logout`: the server revokes the cookie's token and clears the cookie.
/// The token in memory goes either way (logging out works offline too; the
/// refresh token then just expires).
pub async fn log_out() {
    let call = Call::new(Method::POST, "/auth/logout").header(CSRF_HEADER.0, CSRF_HEADER.1);
    let _ = call.send_anonymous().await;
    clear();
}
