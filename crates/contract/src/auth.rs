//! Logging in and out, tokens, and who one is.

use serde::{Deserialize, Serialize};

use crate::codes::{Ministry, Role, Scope};

/// Ask for tokens: a user with `grant_type=password` (username = e-mail address),
/// or a partner system with `grant_type=client_credentials`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "grant_type": "password",
    "username": "coordinator.twente@zorgpact.demo",
    "password": "demo-coordinator-2026"
})))]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// `password` or `client_credentials`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^(password|client_credentials)$"))]
    pub grant_type: String,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub client_secret: Option<String>,
}

/// An access token: send it as `Authorization: Bearer <token>`. A user's refresh
/// token is not in here: it comes as the `HttpOnly` cookie `zorgpact_refresh`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

/// Something the caller may do, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Grant {
    /// e.g. `actions:write`, `barrier-tickets:file`, `administer`.
    pub permission: String,
    /// The regions it holds for; absent when it holds everywhere.
    pub regions: Option<Vec<String>>,
}

/// The caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "user:0193a1e2-7c1d-7000-8000-000000000001",
    "name": "Kartrekker Twente (demo)",
    "role": "coordinator",
    "regions": ["twente"],
    "ministry": null,
    "scopes": [],
    "grants": [{"permission": "actions:write", "regions": ["twente"]}, {"permission": "actions:read", "regions": null}]
})))]
pub struct MeResponse {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub regions: Vec<String>,
    /// For officials.
    pub ministry: Option<Ministry>,
    /// Partner systems' scopes.
    pub scopes: Vec<Scope>,
    /// What the caller may do: the web app shows only these actions.
    pub grants: Vec<Grant>,
}

/// The permission rules themselves, for a client that wants to show only what the
/// server will allow (the web app hides forms by them): the domain's one copy,
/// not a second one.
pub mod rules {
    pub use zorgpact_domain::auth::{Permission, Principal, authorize};
}
