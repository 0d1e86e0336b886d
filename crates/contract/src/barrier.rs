//! Barrier tickets (*belemmeringen*): obstacles in laws and rules that a region
//! files and a ministry (OCW, VWS, SZW) answers.

use serde::{Deserialize, Serialize};

use crate::codes::{BarrierCategory, BarrierStatus, Ministry, Resolution};

/// A barrier ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000001",
    "region_code": "noord",
    "title": "Standaard stagecontract past niet bij een ketenstage",
    "description": "In het project Ketenstage lopen studenten drie stages bij verschillende zorginstellingen.",
    "category": "institutional_rules",
    "ministry": "OCW",
    "status": "closed",
    "resolution": "within_existing_rules",
    "resolution_note": "Een gecombineerd contract ondertekend door de drie instellingen is afdoende.",
    "filed_on": "2017-03-14",
    "closed_at": "2017-06-01T10:30:00Z",
    "version": 3
})))]
pub struct BarrierResponse {
    pub id: String,
    /// The region that filed the ticket.
    pub region_code: String,
    pub title: String,
    pub description: String,
    pub category: BarrierCategory,
    /// Absent while nobody has picked the ticket up.
    pub ministry: Option<Ministry>,
    pub status: BarrierStatus,
    /// Only on answered and closed tickets.
    pub resolution: Option<Resolution>,
    /// The answer, in words.
    pub resolution_note: Option<String>,
    /// ISO 8601 date the region filed the ticket.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub filed_on: String,
    /// When the ticket was closed (ISO 8601, UTC); absent unless closed.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub closed_at: Option<String>,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
}

/// A page of barrier tickets, ordered by id (oldest first for new tickets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BarrierListResponse {
    pub items: Vec<BarrierResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A barrier as a region files it. It starts as `submitted`, without a resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "region_code": "twente",
    "title": "Investering in sensortechnologie wordt elders terugverdiend",
    "description": "De investering in sensoren komt uit het budget van de verpleegafdeling, terwijl de besparing elders terechtkomt.",
    "category": "institutional_rules",
    "ministry": "VWS",
    "filed_on": "2019-10-01"
})))]
#[serde(deny_unknown_fields)]
pub struct CreateBarrierRequest {
    /// Code of an existing region, e.g. `twente`.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")
    )]
    pub region_code: String,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub title: String,
    /// 1 to 10000 characters: what rule stands in the way of what.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 10000, pattern = r"\S"))]
    pub description: String,
    pub category: BarrierCategory,
    /// If the region knows whom to ask.
    #[serde(default)]
    pub ministry: Option<Ministry>,
    /// `YYYY-MM-DD`, not in the future; default today.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub filed_on: Option<String>,
}

/// The editable fields of a barrier ticket; an update replaces them all. The
/// region and the filing date stay as filed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "title": "Standaard stagecontract past niet bij een ketenstage",
    "description": "In het project Ketenstage lopen studenten drie stages bij verschillende zorginstellingen.",
    "category": "institutional_rules",
    "ministry": "OCW",
    "status": "closed",
    "resolution": "within_existing_rules",
    "resolution_note": "Een gecombineerd contract ondertekend door de drie instellingen is afdoende."
})))]
#[serde(deny_unknown_fields)]
pub struct BarrierFieldsRequest {
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub title: String,
    /// 1 to 10000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 10000, pattern = r"\S"))]
    pub description: String,
    pub category: BarrierCategory,
    /// Required unless the status is `submitted`.
    #[serde(default)]
    pub ministry: Option<Ministry>,
    pub status: BarrierStatus,
    /// Only when `answered` or `closed`, and required to close.
    #[serde(default)]
    pub resolution: Option<Resolution>,
    /// Up to 10000 characters; blank means none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub resolution_note: Option<String>,
}
