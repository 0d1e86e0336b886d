//! `GET /health`, `/health/live` and `/health/ready`.

use serde::{Deserialize, Serialize};

/// The server is up and its database answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"status": "ok", "version": "0.1.0", "database": "sqlite"})))]
pub struct HealthResponse {
    /// Always `ok` when the server answers 200.
    pub status: String,
    /// The server's version.
    pub version: String,
    /// The database backend in use: `sqlite` or `postgres`.
    pub database: String,
}

/// The server process serves HTTP (its database is not asked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"status": "ok", "version": "0.1.0"})))]
pub struct LivenessResponse {
    /// Always `ok` when the server answers 200.
    pub status: String,
    /// The server's version.
    pub version: String,
}
