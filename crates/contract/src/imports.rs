//! Pushing indicator data: bulk imports of values and targets (JSON or CSV) with
//! their reports.

use serde::{Deserialize, Serialize};

use crate::codes::ValueStatus;
use crate::problem::FieldProblem;

/// One row of a JSON import: a value, a target or both for one indicator, region
/// and period. The region is named by exactly one of `region`, `regioplus_code`
/// and `cbs_code` (the first given of them, in that order, counts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": "open_vacancies",
    "region": "twente",
    "period": "2024-Q3",
    "value": 1830.0,
    "status": "final",
    "source": "UWV"
})))]
#[serde(deny_unknown_fields)]
pub struct ImportItem {
    /// Indicator code; not a derived indicator.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")
    )]
    pub indicator: String,
    /// Zorgpact's region code, e.g. `twente`.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")
    )]
    pub region: Option<String>,
    /// The RegioPlus labour-market region code of the region, e.g. `Twente`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub regioplus_code: Option<String>,
    /// The CBS region code of the region.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub cbs_code: Option<String>,
    /// `2024`, `2024-Q3` or `2024-07`: must have the indicator's period type.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")
    )]
    pub period: String,
    /// The value, in the indicator's unit. A row needs a value, a target or both.
    #[serde(default)]
    pub value: Option<f64>,
    /// The target (*ambitie*), in the indicator's unit.
    #[serde(default)]
    pub target: Option<f64>,
    /// With a value only. Left out: a new value is provisional; a stored one keeps
    /// its status, except that a corrected `final` value becomes `revised`.
    #[serde(default)]
    pub status: Option<ValueStatus>,
    /// With a value only: where it comes from, up to 200 characters. Left out: a
    /// stored value keeps its source.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub source: Option<String>,
}

/// A JSON import: 1 to 50 000 rows, each indicator, region and period at most once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"items": [
    {"indicator": "open_vacancies", "region": "twente", "period": "2024-Q3", "value": 1830.0, "status": "final", "source": "UWV"},
    {"indicator": "side_entrants", "regioplus_code": "Achterhoek", "period": "2025", "target": 950.0}
]})))]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50000))]
    pub items: Vec<ImportItem>,
}

/// How many points (values or targets) an import creates, changes and leaves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportCounts {
    /// Points that did not exist before.
    pub created: u64,
    /// Stored points whose figure (or status, source) changed; their version grows.
    pub changed: u64,
    /// Stored points sent exactly as they are: not rewritten, the version stays.
    pub unchanged: u64,
}

/// One stored point an import changes (or, in a dry run, would change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "at": "/rows/7",
    "indicator": "employees",
    "region": "twente",
    "period": "2023",
    "field": "value",
    "old": 70120.0,
    "new": 70310.0,
    "old_status": "final",
    "new_status": "revised",
    "old_source": "CBS",
    "new_source": "CBS"
})))]
pub struct ImportChange {
    /// The row that changes it: `/rows/N` (CSV, N the 1-based data row) or
    /// `/items/N` (JSON, N the 0-based item).
    pub at: String,
    pub indicator: String,
    /// Region code (also when the file named the region by an external code).
    pub region: String,
    pub period: String,
    /// `value` or `target`.
    pub field: String,
    /// The figure stored before.
    pub old: f64,
    /// The figure after the import.
    pub new: f64,
    /// Values only: the status before.
    pub old_status: Option<ValueStatus>,
    /// Values only: the status after.
    pub new_status: Option<ValueStatus>,
    /// Values only: the source before.
    pub old_source: Option<String>,
    /// Values only: the source after.
    pub new_source: Option<String>,
}

/// What an import did (or, with `dry_run=true`, would do).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "dry_run": true,
    "rows": 3,
    "values": {"created": 1, "changed": 1, "unchanged": 0},
    "targets": {"created": 1, "changed": 0, "unchanged": 0},
    "changes": [{
        "at": "/rows/2", "indicator": "employees", "region": "twente", "period": "2023",
        "field": "value", "old": 70120.0, "new": 70310.0,
        "old_status": "final", "new_status": "revised", "old_source": "CBS", "new_source": "CBS"
    }],
    "warnings": [{"pointer": "/rows/3/value", "reason": "48 is far outside this region's history: of its 7 earlier values the median is 48100 and a value from 43290 to 52910 would be usual"}],
    "warning_count": 1,
    "ignored_columns": []
})))]
pub struct ImportReport {
    /// `true`: nothing was stored; the report says what the import would do.
    pub dry_run: bool,
    /// Data rows (CSV) or items (JSON) read.
    pub rows: u64,
    pub values: ImportCounts,
    pub targets: ImportCounts,
    /// Every stored point that changes, with its old and new figure, in file order.
    /// Created and unchanged points are only counted.
    pub changes: Vec<ImportChange>,
    /// Things to look at that did not stop the import, such as a value far outside
    /// the region's history; `pointer` names the row and column. At most 1000 are
    /// listed.
    pub warnings: Vec<FieldProblem>,
    /// All warnings, also those beyond the listed 1000.
    pub warning_count: u64,
    /// CSV columns that were not read (misspelt or unknown names), as written.
    pub ignored_columns: Vec<String>,
}
