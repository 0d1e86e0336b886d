//! `GET /agenda-summaries`: each region's agenda in counts, for everyone.

use serde::{Deserialize, Serialize};

use crate::codes::{ActionLine, ActionStatus};

/// Actions with one status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionStatusCount {
    pub status: ActionStatus,
    pub actions: u32,
}

/// Actions on one action line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionLineCount {
    pub action_line: ActionLine,
    pub actions: u32,
}

/// One region's agenda at a glance. Archived actions are not counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "region_code": "twente", "actions": 5,
    "by_status": [
        {"status": "planned", "actions": 1}, {"status": "in_progress", "actions": 3},
        {"status": "completed", "actions": 1}, {"status": "on_hold", "actions": 0},
        {"status": "cancelled", "actions": 0}
    ],
    "by_action_line": [
        {"action_line": "choose", "actions": 2}, {"action_line": "learn", "actions": 2},
        {"action_line": "work", "actions": 1}
    ],
    "mean_progress": 47.0, "open_barriers": 2
})))]
pub struct AgendaSummaryResponse {
    pub region_code: String,
    pub actions: u32,
    /// Every status, zeros included.
    pub by_status: Vec<ActionStatusCount>,
    /// Every action line, zeros included.
    pub by_action_line: Vec<ActionLineCount>,
    /// The mean progress of the actions in percent; `null` without actions.
    pub mean_progress: Option<f64>,
    /// Barrier tickets not yet closed or rejected.
    pub open_barriers: u32,
}

/// The summaries of the regions asked for, in region-code order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaSummaryListResponse {
    pub items: Vec<AgendaSummaryResponse>,
}
