//! Locked periods: values and targets in them refuse every change until an admin
//! lifts the lock.

use serde::{Deserialize, Serialize};

/// A new lock on a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "period": "2024",
    "note": "Jaarcijfers 2024 vastgesteld door het programmateam"
})))]
#[serde(deny_unknown_fields)]
pub struct CreatePeriodLockRequest {
    /// `2024`, `2024-Q3` or `2024-07`. The lock holds this period and every period
    /// inside it (`2024` also holds `2024-Q3` and `2024-07`).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")
    )]
    pub period: String,
    /// Lock one indicator only; left out, the lock holds every indicator.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")
    )]
    pub indicator: Option<String>,
    /// Why the period is locked, up to 1000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
}

/// A locked period: values and targets in it refuse every change (409) until an
/// admin deletes the lock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1c2-7d4e-7b3a-9c1f-2e5d6a7b8c9d",
    "period": "2024",
    "indicator": null,
    "locked_by": "user:admin (Programmateam)",
    "locked_at": "2026-03-02T09:15:00Z",
    "note": "Jaarcijfers 2024 vastgesteld door het programmateam"
})))]
pub struct PeriodLockResponse {
    pub id: String,
    /// The locked period; the periods inside it are locked too.
    pub period: String,
    /// The one indicator locked; `null`: every indicator.
    pub indicator: Option<String>,
    /// Who locked it, as the audit trail names them.
    pub locked_by: String,
    /// ISO 8601 date-time (UTC).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub locked_at: String,
    pub note: String,
}

/// A page of locks, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodLockListResponse {
    pub items: Vec<PeriodLockResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
