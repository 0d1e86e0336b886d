//! Logging in and out: the typestate between a visitor and a signed-in user.

use gloo_net::http::Method;
use zorgpact_contract::auth::{MeResponse, RefreshRequest, TokenRequest, TokenResponse};

use super::error::ApiError;
use super::tokens;
use super::transport::{Call, body};

/// The API anyone may call: logging in, and the public reads (see `public.rs`).
#[derive(Debug, Clone, Copy, Default)]
pub struct UnauthorizedApi;

/// The API as a signed-in user. Only login and a stored session create one; the
/// tokens themselves stay in storage (see `tokens.rs`).
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

    /// The session of an earlier visit, if its tokens are still stored (they may have
    /// expired: the first call refreshes them or ends the session).
    pub fn restore(self) -> Option<AuthorizedApi> {
        tokens::load().map(|_| AuthorizedApi { _signed_in: () })
    }
}

impl AuthorizedApi {
    /// `GET /me`: who the user is and what they may do.
    pub async fn me(self) -> Result<MeResponse, ApiError> {
        body(Call::get("/me").send().await?).await
    }

    /// `POST /auth/logout`: revokes the refresh token; the local tokens go either way.
    pub async fn logout(self) -> UnauthorizedApi {
        if let Some(refresh_token) = tokens::load().and_then(|stored| stored.tokens.refresh_token)
            && let Ok(call) = Call::new(Method::POST, "/auth/logout").json(&RefreshRequest { refresh_token })
        {
            // Logging out must work offline too; the token then just expires.
            let _ = call.send_anonymous().await;
        }
        tokens::clear();
        UnauthorizedApi
    }
}
