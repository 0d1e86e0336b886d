//! Actions of the regional agendas and their progress timelines.

use serde::{Deserialize, Serialize};

use crate::codes::{ActionLine, ActionStatus, Theme};

/// A partner organisation taking part in an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionPartnerResponse {
    /// Partner id (see `/regions/{code}/partners`).
    pub id: String,
    pub organisation: String,
}

/// An indicator the action means to move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionIndicatorResponse {
    /// Indicator code, e.g. `side_entrants`.
    pub code: String,
    /// The indicator's name.
    pub name: String,
    /// The effect the action expects, in words.
    pub expected_effect: Option<String>,
}

/// An action of a region's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-0000000000a1",
    "region_code": "midden-en-zuid-gelderland",
    "title": "Carrièreswitchers: tweejarig omscholingstraject voor zij-instromers",
    "description": "Zij-instromers werken twee jaar en volgen 8 uur per week les.",
    "action_line": "choose",
    "themes": ["leren_in_de_praktijk"],
    "status": "in_progress",
    "progress": 70,
    "owner": "Pluryn",
    "partners": [{"id": "0193a1e2-7c1d-7000-8000-000000000001", "organisation": "Pluryn"}],
    "indicators": [{"code": "side_entrants", "name": "Zij-instromers", "expected_effect": "+50 per jaar"}],
    "start_date": "2018-01-08",
    "end_date": "2020-12-31",
    "archived": false,
    "version": 3,
    "created_at": "2024-05-01T09:30:00.000Z",
    "updated_at": "2024-06-30T14:02:11.250Z"
})))]
pub struct ActionResponse {
    pub id: String,
    /// The region whose agenda holds the action; never changes.
    pub region_code: String,
    pub title: String,
    pub description: String,
    pub action_line: ActionLine,
    pub themes: Vec<Theme>,
    pub status: ActionStatus,
    /// Percent done, 0 to 100.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub progress: u8,
    /// Who drives the action (*kartrekker*).
    pub owner: String,
    /// Participating partners, ordered by organisation.
    pub partners: Vec<ActionPartnerResponse>,
    /// Indicators the action means to move, ordered by code.
    pub indicators: Vec<ActionIndicatorResponse>,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub end_date: Option<String>,
    /// Archived actions are kept and readable, but hidden from the list by default
    /// and can no longer change.
    pub archived: bool,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
    /// RFC 3339, UTC.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// RFC 3339, UTC.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// The progress review intention the action was made from (`POST
    /// /reviews/{id}/intentions/{number}/action`); `null` for other actions.
    pub source_review: Option<ActionSourceReview>,
}

/// Where an action made from a progress review's intention came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionSourceReview {
    /// The review (the version whose intention it was).
    pub review_id: String,
    /// The intention's number in that review, from 1.
    pub intention_number: i64,
}

/// A page of actions, ordered by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionListResponse {
    pub items: Vec<ActionResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// An indicator to link to an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionIndicatorRequest {
    /// Code of an indicator of the catalogue.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")
    )]
    pub code: String,
    /// Up to 500 characters, e.g. `+20 zij-instromers per jaar`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub expected_effect: Option<String>,
}

/// A new action on a region's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "region_code": "twente",
    "title": "Leerwerkbanen voor zij-instromers in de ouderenzorg",
    "description": "Zij-instromers combineren werk en een BBL-opleiding met baangarantie.",
    "action_line": "choose",
    "themes": ["leren_in_de_praktijk"],
    "status": "planned",
    "progress": 0,
    "owner": "ROC van Twente",
    "partner_ids": [],
    "indicators": [{"code": "side_entrants", "expected_effect": "+30 per jaar"}],
    "start_date": "2025-09-01",
    "end_date": "2027-08-31"
})))]
#[serde(deny_unknown_fields)]
pub struct CreateActionRequest {
    /// Code of the region whose agenda gets the action.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")
    )]
    pub region_code: String,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub title: String,
    /// Up to 10000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub description: String,
    pub action_line: ActionLine,
    /// Each theme once (a repeated one is dropped).
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// A completed action has progress 100; a planned one less.
    pub status: ActionStatus,
    /// Percent done, a whole number from 0 to 100.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub progress: i64,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub owner: String,
    /// Ids of partners of the region (at most 100).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub partner_ids: Vec<String>,
    /// At most 50, each indicator once.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub indicators: Vec<ActionIndicatorRequest>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`, not before `start_date`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub end_date: Option<String>,
}

/// The editable fields of an action; an update replaces them all, including its
/// themes, partners and indicators. The region cannot change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "title": "Leerwerkbanen voor zij-instromers in de ouderenzorg",
    "description": "Zij-instromers combineren werk en een BBL-opleiding met baangarantie.",
    "action_line": "choose",
    "themes": ["leren_in_de_praktijk", "permanent_leren"],
    "status": "in_progress",
    "progress": 20,
    "owner": "ROC van Twente",
    "partner_ids": [],
    "indicators": [{"code": "side_entrants", "expected_effect": "+30 per jaar"}],
    "start_date": "2025-09-01",
    "end_date": "2027-08-31"
})))]
#[serde(deny_unknown_fields)]
pub struct ActionFieldsRequest {
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub title: String,
    /// Up to 10000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub description: String,
    pub action_line: ActionLine,
    /// Each theme once (a repeated one is dropped).
    #[serde(default)]
    pub themes: Vec<Theme>,
    pub status: ActionStatus,
    /// Percent done, a whole number from 0 to 100.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub progress: i64,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub owner: String,
    /// Ids of partners of the action's region (at most 100).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub partner_ids: Vec<String>,
    /// At most 50, each indicator once.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub indicators: Vec<ActionIndicatorRequest>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`, not before `start_date`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub end_date: Option<String>,
}

/// An entry of an action's progress timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-0000000000b1",
    "action_id": "0193a1e2-7c1d-7000-8000-0000000000a1",
    "date": "2024-06-30",
    "progress": 70,
    "status": "in_progress",
    "note": "Tweede cohort van 50 zij-instromers gestart.",
    "author": "Projectleider Zorgpact",
    "created_at": "2024-07-01T08:15:00.000Z"
})))]
pub struct ProgressUpdateResponse {
    pub id: String,
    pub action_id: String,
    /// The date the entry reports on, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    /// Percent done on that date.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub progress: u8,
    /// Status on that date.
    pub status: ActionStatus,
    pub note: String,
    /// Who recorded the entry: the name of the signed-in user or partner system.
    pub author: String,
    /// When the entry was recorded, RFC 3339, UTC.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
}

/// A page of an action's progress timeline, ordered by date, then by when each
/// entry was recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressUpdateListResponse {
    pub items: Vec<ProgressUpdateResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A new entry of an action's progress timeline. It also becomes the action's
/// current progress and status, unless a later-dated entry exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "date": "2024-06-30",
    "progress": 70,
    "status": "in_progress",
    "note": "Tweede cohort van 50 zij-instromers gestart."
})))]
#[serde(deny_unknown_fields)]
pub struct CreateProgressUpdateRequest {
    /// The date the entry reports on, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub date: String,
    /// Percent done, a whole number from 0 to 100.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub progress: i64,
    /// Completed means progress 100.
    pub status: ActionStatus,
    /// Up to 4000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub note: String,
    /// Ignored, accepted so that older clients keep working: the entry's author
    /// is the signed-in caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(deprecated))]
    pub author: Option<String>,
}
