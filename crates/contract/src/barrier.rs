//! Barrier tickets (*belemmeringen*): obstacles in laws and rules that a region
//! files and a ministry (OCW, VWS, SZW) answers.

use serde::{Deserialize, Serialize};

use crate::codes::{BarrierCategory, BarrierLocation, BarrierStatus, ContactKind, Ministry, Resolution, StepField};

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
    "official": {"id": "6f1c0b5e-7f57-5d0e-9a55-3a3e1f0e2b11", "name": "Beleidsmedewerker OCW (demo)"},
    "status": "closed",
    "resolution": "within_existing_rules",
    "location": "institutional_rules",
    "answer": "Een gecombineerd contract ondertekend door de drie instellingen is afdoende.",
    "public": true,
    "filed_on": "2017-03-14",
    "answered_at": "2017-04-10T10:00:00.000Z",
    "closed_at": "2017-04-17T10:00:00.000Z",
    "clock": {
        "first_response_days": 3, "responded": true, "handling_days": 19, "running": false,
        "target_first_response_days": 10, "target_answer_days": 30, "overdue": false
    },
    "duplicate_of": null,
    "duplicates": [{"id": "0193a1e2-7c1d-7000-8000-000000000007", "title": "Stagecontract voor een stage bij meerdere zorginstellingen"}],
    "version": 5
})))]
pub struct BarrierResponse {
    pub id: String,
    /// The region that filed the ticket.
    pub region_code: String,
    pub title: String,
    pub description: String,
    pub category: BarrierCategory,
    /// Named by the region when filing, or assigned at triage.
    pub ministry: Option<Ministry>,
    /// The official handling the ticket, from triage on.
    pub official: Option<OfficialRef>,
    pub status: BarrierStatus,
    /// How the barrier was resolved; set by the answer.
    pub resolution: Option<Resolution>,
    /// Where the barrier turned out to sit; set by the answer.
    pub location: Option<BarrierLocation>,
    /// The ministry's answer, in words.
    pub answer: Option<String>,
    /// Whether every region may read the ticket and its answer.
    pub public: bool,
    /// Why the ticket was rejected.
    pub rejection_reason: Option<String>,
    /// ISO 8601 date the region filed the ticket.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub filed_on: String,
    /// When the (last) answer was given (RFC 3339, UTC).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub answered_at: Option<String>,
    /// When the ticket was closed or rejected (RFC 3339, UTC).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub closed_at: Option<String>,
    /// Working days to the first response and to the answer, against the
    /// targets of the ticket's ministry when it was filed.
    pub clock: ServiceClockResponse,
    /// For a duplicate: the original whose resolution it follows (the top of the
    /// chain when originals are duplicates themselves).
    pub duplicate_of: Option<OriginalRef>,
    /// The tickets marked as duplicates of this one.
    pub duplicates: Vec<TicketLink>,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
}

/// A ticket's service clock in working days (weekends and Dutch public holidays
/// excluded), paused while the ticket waits for the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceClockResponse {
    /// From the filing to the first response (triage or rejection), or to today
    /// while there is none.
    pub first_response_days: u32,
    pub responded: bool,
    /// With the programme and the ministry: until the answer, or until today while
    /// the clock runs.
    pub handling_days: u32,
    /// Whether the clock runs now.
    pub running: bool,
    /// The targets that apply (those in force when the ticket was filed).
    pub target_first_response_days: u32,
    pub target_answer_days: u32,
    /// Past a target.
    pub overdue: bool,
}

/// A user a ticket is assigned to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficialRef {
    pub id: String,
    pub name: String,
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

/// What a barrier ticket says; an update replaces it. The region and the filing
/// date stay as filed; the status, the ministry and the answer change only through
/// `POST /api/v1/barrier-tickets/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "title": "Standaard stagecontract past niet bij een ketenstage",
    "description": "In het project Ketenstage lopen studenten drie stages bij verschillende zorginstellingen.",
    "category": "institutional_rules"
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
    /// Not documented: read only to answer "use the transitions" instead of
    /// "unknown field" to clients that still send a status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub status: Option<serde_json::Value>,
}

/// A step of the workflow: the status to go to, and what that step needs (see
/// `GET .../transitions` for the steps the caller may take and their fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "to": "rejected",
    "reason": "Parkeerbeleid is een gemeentelijke regel; de regio neemt dit op met de gemeente.",
    "note": "Besproken in het programmateam."
})))]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    /// The status the step leads to.
    pub to: BarrierStatus,
    /// Up to 2000 characters; required when asking the region, answering its
    /// question and reopening.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: Option<String>,
    /// Triage: the ministry the ticket is assigned to.
    #[serde(default)]
    pub ministry: Option<Ministry>,
    /// Triage: the id of an active official of that ministry.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub official: Option<String>,
    /// Answer: 1 to 10000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 10000, pattern = r"\S"))]
    pub answer: Option<String>,
    /// Answer: how the barrier is resolved.
    #[serde(default)]
    pub resolution: Option<Resolution>,
    /// Answer: where the barrier sits.
    #[serde(default)]
    pub location: Option<BarrierLocation>,
    /// Answer: whether every region may read it (default false).
    #[serde(default)]
    pub public: Option<bool>,
    /// Rejection: why, 1 to 2000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000, pattern = r"\S"))]
    pub reason: Option<String>,
}

/// A step the caller may take now, with the fields it needs and takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailableTransition {
    pub to: BarrierStatus,
    /// Fields the step requires.
    pub requires: Vec<StepField>,
    /// Fields the step accepts besides those.
    pub accepts: Vec<StepField>,
}

/// The steps the caller may take from the ticket's current status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "status": "answered",
    "transitions": [
        {"to": "closed", "requires": [], "accepts": ["note"]},
        {"to": "reopened", "requires": ["note"], "accepts": []}
    ]
})))]
pub struct AvailableTransitionsResponse {
    pub status: BarrierStatus,
    pub transitions: Vec<AvailableTransition>,
}

/// One step in a ticket's timeline; the filing comes first, from no status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepResponse {
    pub id: String,
    /// Absent for the filing.
    pub from: Option<BarrierStatus>,
    pub to: BarrierStatus,
    /// Who took the step, by name.
    pub actor: String,
    /// When (RFC 3339, UTC).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    pub note: Option<String>,
}

/// A ticket's history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineResponse {
    pub steps: Vec<StepResponse>,
}

/// The step taken and the ticket after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionResponse {
    pub step: StepResponse,
    pub ticket: BarrierResponse,
}

/// A ministry's service targets from a moment on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceTargetResponse {
    pub ministry: Ministry,
    pub first_response_days: u32,
    pub answer_days: u32,
    /// From when (RFC 3339, UTC); absent for the defaults, which apply before any change.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub valid_from: Option<String>,
    /// Who set them; absent for the defaults.
    pub set_by: Option<String>,
}

/// The targets in force now per ministry, and every change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceTargetsResponse {
    pub current: Vec<ServiceTargetResponse>,
    /// Per ministry, oldest first.
    pub history: Vec<ServiceTargetResponse>,
}

/// New targets for a ministry, in working days, from now on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"first_response_days": 5, "answer_days": 20})))]
#[serde(deny_unknown_fields)]
pub struct ServiceTargetRequest {
    /// 1 to 260 working days.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 260))]
    pub first_response_days: i64,
    /// 1 to 260 working days.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 260))]
    pub answer_days: i64,
}

/// The original a duplicate follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginalRef {
    pub id: String,
    pub title: String,
    pub status: BarrierStatus,
    pub resolution: Option<Resolution>,
    pub answer: Option<String>,
}

/// Another ticket, by id and title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketLink {
    pub id: String,
    pub title: String,
}

/// Marks a ticket as a duplicate of another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"original": "0193a1e2-7c1d-7000-8000-000000000001"})))]
#[serde(deny_unknown_fields)]
pub struct DuplicateOfRequest {
    /// Id of the ticket this one asks again.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub original: String,
}

/// A comment or an internal note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"body": "Het gaat om twaalf zij-instromers die in februari willen starten.", "internal": false})))]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 5000, pattern = r"\S"))]
    pub body: String,
    /// An internal note, for officials of the ticket's ministry and the
    /// programme team only. Default `false`.
    #[serde(default)]
    pub internal: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentResponse {
    pub id: String,
    /// Who wrote it, by name.
    pub author: String,
    pub body: String,
    pub internal: bool,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
}

/// A ticket's comments, oldest first; internal notes only for those who may read them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentsResponse {
    pub items: Vec<CommentResponse>,
}

/// A contact to log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "kind": "phone_call", "contact_on": "2019-04-15",
    "participants": "Beleidsmedewerker SZW, werkgever combibaan",
    "note": "Cao's van beide werkgevers opgevraagd."
})))]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    pub kind: ContactKind,
    /// ISO 8601 date of the contact, not in the future.
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub contact_on: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500, pattern = r"\S"))]
    pub participants: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactResponse {
    pub id: String,
    pub kind: ContactKind,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub contact_on: String,
    pub participants: String,
    pub note: Option<String>,
    /// Who logged it, by name.
    pub recorded_by: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub recorded_at: String,
}

/// Contacts counted by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactCountsResponse {
    pub meetings: u32,
    pub phone_calls: u32,
    pub emails: u32,
    pub total: u32,
}

/// A ticket's contact log, most recent first, with its counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactsResponse {
    pub items: Vec<ContactResponse>,
    pub counts: ContactCountsResponse,
}
