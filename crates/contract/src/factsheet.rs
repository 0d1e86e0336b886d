//! Factsheets: questions the ministries answer once for everyone. Officials write
//! and revise a draft; each publication is kept as a numbered version that anyone
//! may read without logging in.

use serde::{Deserialize, Serialize};

use crate::codes::{FactsheetStatus, Ministry, Theme};
use crate::regulation::TicketRef;

/// A rule named by a factsheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegulationRef {
    pub id: String,
    pub name: String,
}

/// A factsheet. Officials and the programme team read the draft; everyone else
/// the latest published version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000077",
    "status": "published",
    "question": "Moet bij een ketenstage met elke zorginstelling een apart stagecontract worden gesloten?",
    "answer": "Nee. Een gecombineerd stagecontract dat door alle betrokken instellingen wordt ondertekend, is afdoende.",
    "ministry": "OCW",
    "themes": ["leren_in_de_praktijk"],
    "regulations": [{"id": "0193a1e2-7c1d-7000-8000-000000000042", "name": "Wet educatie en beroepsonderwijs (WEB)"}],
    "tickets": [],
    "published_version": 1,
    "published_at": "2017-05-02T10:00:00.000Z",
    "unpublished_changes": false,
    "updated_at": "2017-05-02T10:00:00.000Z",
    "version": 1
})))]
pub struct FactsheetResponse {
    pub id: String,
    pub status: FactsheetStatus,
    pub question: String,
    pub answer: String,
    pub ministry: Ministry,
    pub themes: Vec<Theme>,
    pub regulations: Vec<RegulationRef>,
    /// The barrier tickets it answers, those the caller may read.
    pub tickets: Vec<TicketRef>,
    /// Number of the latest published version.
    pub published_version: Option<i64>,
    /// When the latest version was published (RFC 3339, UTC).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub published_at: Option<String>,
    /// The draft differs from the latest published version (or was never published).
    pub unpublished_changes: bool,
    /// RFC 3339, UTC.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// The draft's version; the `ETag` is derived from it.
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FactsheetListResponse {
    pub items: Vec<FactsheetResponse>,
}

/// What a factsheet says; a create starts a draft, an update replaces the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "question": "Welke middelen zijn er voor de begeleiding van stagiairs in de zorg?",
    "answer": "Zorgaanbieders kunnen subsidie aanvragen uit het Stagefonds Zorg.",
    "ministry": "VWS",
    "themes": ["leren_in_de_praktijk"],
    "regulation_ids": [],
    "ticket_ids": []
})))]
#[serde(deny_unknown_fields)]
pub struct FactsheetFieldsRequest {
    /// 1 to 500 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500, pattern = r"\S"))]
    pub question: String,
    /// 1 to 20000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20000, pattern = r"\S"))]
    pub answer: String,
    /// The ministry that answers; officials write for their own.
    pub ministry: Ministry,
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// Rules of the register it concerns, each once; at most 50.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub regulation_ids: Vec<String>,
    /// Barrier tickets it answers, each once; at most 50.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub ticket_ids: Vec<String>,
}

/// One published version, as it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FactsheetVersionResponse {
    pub factsheet_id: String,
    /// 1 for the first publication.
    pub number: i64,
    pub question: String,
    pub answer: String,
    pub ministry: Ministry,
    pub themes: Vec<Theme>,
    pub regulations: Vec<RegulationRef>,
    /// The barrier tickets it answered, those the caller may read.
    pub tickets: Vec<TicketRef>,
    /// RFC 3339, UTC.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub published_at: String,
    /// Who published it.
    pub published_by: String,
}

/// Every published version, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FactsheetVersionListResponse {
    pub items: Vec<FactsheetVersionResponse>,
}
