//! Administration by the programme team: user accounts, partner systems'
//! credentials and the audit trail.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codes::{Ministry, Role, Scope};

/// One recorded change: who changed what, when, and the state before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000001",
    "occurred_at": "2024-05-01T09:30:00.000Z",
    "actor": "user:0193a1e2-7c1d-7000-8000-0000000000aa (Programmateam)",
    "operation": "update",
    "resource_type": "region",
    "resource_id": "twente",
    "before": {"code": "twente", "name": "Twente", "version": 1},
    "after": {"code": "twente", "name": "Regio Twente", "version": 2}
})))]
pub struct AuditEntryResponse {
    /// Time-ordered: a later change has a greater id.
    pub id: String,
    /// ISO 8601 moment in UTC.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub occurred_at: String,
    /// Who made the change: `user:<id> (<name>)`, `partner:<client id> (<name>)` or `system (<name>)`.
    pub actor: String,
    /// e.g. `create`, `update`, `delete`, `deactivate`.
    pub operation: String,
    /// e.g. `region`, `action`, `user`, `partner_client`.
    pub resource_type: String,
    pub resource_id: String,
    /// The stored state before the change; null for a create.
    pub before: Option<Value>,
    /// The stored state after the change; null for a delete.
    pub after: Option<Value>,
}

/// A page of the audit trail, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditListResponse {
    pub items: Vec<AuditEntryResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A user account. The password is never shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000001",
    "email": "kartrekker@zorgpacttwente.nl",
    "display_name": "Kartrekker Twente",
    "role": "coordinator",
    "ministry": null,
    "regions": ["twente"],
    "active": true,
    "created_at": "2024-05-01T09:30:00.000Z",
    "updated_at": "2024-05-01T09:30:00.000Z",
    "version": 1
})))]
pub struct UserResponse {
    pub id: String,
    /// The login name, lowercase.
    pub email: String,
    pub display_name: String,
    /// Not `partner`: partner systems get client credentials instead.
    pub role: Role,
    /// For officials.
    pub ministry: Option<Ministry>,
    /// The regions a coordinator works for.
    pub regions: Vec<String>,
    /// Inactive accounts cannot log in.
    pub active: bool,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
}

/// A page of users, ordered by e-mail address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserListResponse {
    pub items: Vec<UserResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A new user account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "email": "kartrekker@zorgpacttwente.nl",
    "display_name": "Kartrekker Twente",
    "role": "coordinator",
    "ministry": null,
    "regions": ["twente"],
    "password": "lang-en-geheim-wachtwoord"
})))]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    /// The login name; stored lowercase, unique, at most 254 characters.
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: String,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub display_name: String,
    /// Not `partner`: partner systems get client credentials instead.
    pub role: Role,
    /// Required for officials, absent for other roles.
    #[serde(default)]
    pub ministry: Option<Ministry>,
    /// Region codes: at least one for coordinators, none for other roles.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub regions: Vec<String>,
    /// 12 to 128 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 128))]
    pub password: String,
}

/// The fields of a user an admin edits; an update replaces them all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "display_name": "Kartrekker Twente",
    "role": "coordinator",
    "ministry": null,
    "regions": ["twente"],
    "active": false
})))]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub display_name: String,
    /// Not `partner`: partner systems get client credentials instead.
    pub role: Role,
    /// Required for officials, absent for other roles.
    #[serde(default)]
    pub ministry: Option<Ministry>,
    /// Region codes: at least one for coordinators, none for other roles.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub regions: Vec<String>,
    /// `false` deactivates the account: it can no longer log in.
    pub active: bool,
    /// A new password (12 to 128 characters); absent keeps the current one.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 128))]
    pub password: Option<String>,
}

/// A partner system's credential. The secret is never shown again after creation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000002",
    "client_id": "dashboard-twente",
    "name": "Arbeidsmarktdashboard Twente",
    "scopes": ["indicator-values:write"],
    "regions": ["twente"],
    "active": true,
    "created_at": "2024-05-01T09:30:00.000Z",
    "updated_at": "2024-05-01T09:30:00.000Z",
    "version": 1
})))]
pub struct PartnerClientResponse {
    pub id: String,
    /// What the partner system sends as `client_id` to `POST /auth/token`.
    pub client_id: String,
    pub name: String,
    /// What the credential allows.
    pub scopes: Vec<Scope>,
    /// The regions it works for.
    pub regions: Vec<String>,
    /// Revoked credentials cannot get tokens.
    pub active: bool,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
}

/// A new credential with its secret: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000002",
    "client_id": "dashboard-twente",
    "name": "Arbeidsmarktdashboard Twente",
    "scopes": ["indicator-values:write"],
    "regions": ["twente"],
    "active": true,
    "created_at": "2024-05-01T09:30:00.000Z",
    "updated_at": "2024-05-01T09:30:00.000Z",
    "version": 1,
    "client_secret": "q3T1mJ0pWbqR4d1m2ZJ0cQkq7w0n3eX5bqv7P6d7yZ8"
})))]
pub struct CreatedPartnerClientResponse {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub regions: Vec<String>,
    pub active: bool,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    pub version: i64,
    /// Give this to the partner system now: only a hash is kept, it cannot be
    /// shown again.
    pub client_secret: String,
}

/// The partner credentials, ordered by client id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerClientListResponse {
    pub items: Vec<PartnerClientResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A new partner credential; the server generates the secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "client_id": "dashboard-twente",
    "name": "Arbeidsmarktdashboard Twente",
    "scopes": ["indicator-values:write", "indicator-values:read"],
    "regions": ["twente"]
})))]
#[serde(deny_unknown_fields)]
pub struct CreatePartnerClientRequest {
    /// Lowercase slug: letters, digits and `-`, 3 to 60 characters; unique.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 3, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")
    )]
    pub client_id: String,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub scopes: Vec<Scope>,
    /// Region codes the system may write for.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub regions: Vec<String>,
}
