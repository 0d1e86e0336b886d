//! Logging in and out: the typestate between a visitor and a signed-in user.

use gloo_net::http::Method;
use zorgpact_contract::auth::{MeResponse, TokenRequest, TokenResponse};

use super::error::ApiError;
use super::tokens;
use super::transport::{Call, body};

/// The API anyone may call: logging in, and the public reads (see `public.rs`).
#[derive(Debug, Clone, Copy, Default)]
pub struct UnauthorizedApi;

/// The API as a signed-in user. Only login and a restored session create one; the
/// access token itself stays in memory (see `tokens.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthorizedApi {
    _signed_in: (),
}

impl UnauthorizedApi {
    /// `POST /auth/token` with `grant_type=password`.
    pub async fn login(self, username: String, password: String) -> Result<AuthorizedApi, ApiError> {
        let request = TokenRequest {
            grant_type: "password".to_owned(),
            username: Some(username),
            password: Some(password),
            client_id: None,
            client_secret: None,
        };
        let response = Call::new(Method::POST, "/auth/token")
            .json(&request)?
            .send_anonymous()
            .await?;
        let tokens: TokenResponse = body(response).await?;
        tokens::store(tokens);
        Ok(AuthorizedApi { _signed_in: () })
    }

    /// The session of an earlier visit (or before a reload): the browser's refresh
    /// cookie, if any, exchanged for an access token. `None` without a session; an
    /// error when the server could not be asked.
    pub async fn restore(self) -> Result<Option<AuthorizedApi>, ApiError> {
        tokens::forget_stored_sessions();
        match tokens::refresh().await {
            Ok(_) => Ok(Some(AuthorizedApi { _signed_in: () })),
            Err(ApiError::SessionExpired) => Ok(None),
            Err(error) => Err(error),
        }
    }
}

impl AuthorizedApi {
    /// `GET /me`: who the user is and what they may do.
    pub async fn me(self) -> Result<MeResponse, ApiError> {
        body(Call::get("/me").send().await?).await
    }

    /// `POST /auth/logout`: revokes the refresh cookie; the access token goes either way.
    pub async fn logout(self) -> UnauthorizedApi {
        tokens::log_out().await;
        UnauthorizedApi
    }
}
