//! The tokens of the signed-in user, kept in `localStorage` so a reload (or a second
//! tab) keeps the session, and their renewal with the single-use refresh token.

use std::cell::RefCell;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use gloo_net::http::Method;
use serde::{Deserialize, Serialize};
use zorgpact_contract::auth::{RefreshRequest, TokenResponse};

use super::error::ApiError;
use super::transport::{Call, body};

const STORAGE_KEY: &str = "zorgpact.session";
/// Refresh this long before the access token expires, so a request never races its expiry.
const EXPIRY_MARGIN_MS: f64 = 30_000.0;

/// What is stored: the server's answer and when the access token runs out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredTokens {
    pub tokens: TokenResponse,
    /// Milliseconds since the epoch, by this browser's clock.
    pub expires_at_ms: f64,
}

type PendingRefresh = Shared<LocalBoxFuture<'static, Result<String, ApiError>>>;

thread_local! {
    /// The refresh in progress: a refresh token works once, so concurrent requests
    /// that find the access token expired must share one exchange.
    static IN_FLIGHT: RefCell<Option<PendingRefresh>> = const { RefCell::new(None) };
    static ON_EXPIRED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Registers what happens when the session ends on its own (the app shows the login).
pub fn on_session_expired(callback: impl Fn() + 'static) {
    ON_EXPIRED.with(|slot| *slot.borrow_mut() = Some(Rc::new(callback)));
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Option<StoredTokens> {
    let text = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn store(tokens: TokenResponse) {
    let expires_in_ms = tokens.expires_in as f64 * 1000.0;
    let stored = StoredTokens {
        tokens,
        expires_at_ms: js_sys::Date::now() + expires_in_ms,
    };
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&stored)) {
        // A full or disabled storage only costs the session on reload.
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
}

pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// Forgets the tokens and tells the app the session is over.
pub fn end_session() {
    clear();
    let callback = ON_EXPIRED.with(|slot| slot.borrow().clone());
    if let Some(callback) = callback {
        callback();
    }
}

/// A valid access token, refreshed first when it is about to expire. Read from
/// storage on every call: another tab may have refreshed meanwhile.
pub async fn access_token() -> Result<String, ApiError> {
    let stored = load().ok_or(ApiError::SessionExpired)?;
    if js_sys::Date::now() + EXPIRY_MARGIN_MS < stored.expires_at_ms {
        return Ok(stored.tokens.access_token);
    }
    refresh(stored).await
}

/// The server refused `rejected` (401): refresh, unless that already happened.
pub async fn refresh_after_rejection(rejected: &str) -> Result<String, ApiError> {
    let stored = load().ok_or(ApiError::SessionExpired)?;
    if stored.tokens.access_token != rejected {
        return Ok(stored.tokens.access_token);
    }
    refresh(stored).await
}

async fn refresh(stored: StoredTokens) -> Result<String, ApiError> {
    let pending = IN_FLIGHT.with(|slot| slot.borrow().clone());
    if let Some(pending) = pending {
        return pending.await;
    }
    let pending = exchange(stored).boxed_local().shared();
    IN_FLIGHT.with(|slot| *slot.borrow_mut() = Some(pending.clone()));
    let result = pending.await;
    IN_FLIGHT.with(|slot| *slot.borrow_mut() = None);
    result
}

async fn exchange(stored: StoredTokens) -> Result<String, ApiError> {
    let Some(refresh_token) = stored.tokens.refresh_token else {
        end_session();
        return Err(ApiError::SessionExpired);
    };
    let call = Call::new(Method::POST, "/auth/refresh").json(&RefreshRequest { refresh_token })?;
    match call.send_anonymous().await {
        Ok(response) => {
            let tokens: TokenResponse = body(response).await?;
            let access = tokens.access_token.clone();
            store(tokens);
            Ok(access)
        }
        // The server is unreachable: keep the tokens, the next call may succeed.
        Err(error @ ApiError::Network(_)) => Err(error),
        Err(error) if error.status().is_some_and(|status| status >= 500) => Err(error),
        // Refused (expired, revoked, reused): the session is over.
        Err(_) => {
            end_session();
            Err(ApiError::SessionExpired)
        }
    }
}
