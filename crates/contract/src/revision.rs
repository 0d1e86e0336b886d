//! The revision history of stored indicator values: every change, with who made it
//! and when.

use serde::{Deserialize, Serialize};

use crate::codes::ValueStatus;

/// One change of a stored value: what it was before and after, who changed it
/// and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1c2-7d4e-7b3a-9c1f-2e5d6a7b8c9d",
    "old_value": 70120.0,
    "new_value": 70310.0,
    "old_status": "final",
    "new_status": "revised",
    "old_source": "CBS",
    "new_source": "CBS",
    "changed_by": "partner:demo-dashboard-twente (Dashboard Twente)",
    "changed_at": "2026-03-02T09:15:00.123456Z"
})))]
pub struct RevisionResponse {
    pub id: String,
    pub old_value: f64,
    pub new_value: f64,
    pub old_status: ValueStatus,
    pub new_status: ValueStatus,
    pub old_source: String,
    pub new_source: String,
    /// Who changed it, as the audit trail names them.
    pub changed_by: String,
    /// ISO 8601 date-time (UTC).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub changed_at: String,
}

/// A page of a value's revisions, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevisionListResponse {
    pub items: Vec<RevisionResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
