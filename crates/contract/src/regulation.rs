//! The register of rules: laws, subsidy schemes and agreements that barrier
//! tickets and factsheets concern.

use serde::{Deserialize, Serialize};

use crate::codes::{BarrierStatus, Ministry, RegulationKind, Resolution};

/// A rule of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000042",
    "name": "Stagefonds Zorg",
    "kind": "subsidy_scheme",
    "ministry": "VWS",
    "url": "https://www.dus-i.nl/subsidies/stagefonds-zorg",
    "description": "Subsidieregeling van VWS voor stagebegeleiding in de zorg."
})))]
pub struct RegulationResponse {
    pub id: String,
    pub name: String,
    pub kind: RegulationKind,
    /// The ministry responsible for it, if one is.
    pub ministry: Option<Ministry>,
    /// Where to read it.
    pub url: Option<String>,
    pub description: String,
}

/// Rules of the register, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegulationListResponse {
    pub items: Vec<RegulationResponse>,
}

/// A new rule of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "SectorplanPlus",
    "kind": "subsidy_scheme",
    "ministry": "VWS",
    "url": "https://www.dus-i.nl/subsidies/sectorplanplus",
    "description": "Scholingsimpuls voor werkgevers in zorg en welzijn."
})))]
#[serde(deny_unknown_fields)]
pub struct CreateRegulationRequest {
    /// 1 to 200 characters, unique in the register.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    pub kind: RegulationKind,
    #[serde(default)]
    pub ministry: Option<Ministry>,
    /// An `https://` or `http://` address, up to 500 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"^https?://"))]
    pub url: Option<String>,
    /// Up to 2000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: Option<String>,
}

/// A ticket that concerns a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketRef {
    pub id: String,
    pub region_code: String,
    pub title: String,
    pub status: BarrierStatus,
    pub resolution: Option<Resolution>,
}

/// How many of a rule's tickets ended in one way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeCount {
    /// `null`: not resolved (yet).
    pub resolution: Option<Resolution>,
    pub tickets: u32,
}

/// A published factsheet, by its question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FactsheetRef {
    pub id: String,
    pub question: String,
}

/// A rule with what it caused: its tickets the caller may read, the outcomes of
/// all its tickets (counts only), and the published factsheets about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegulationDetailResponse {
    pub regulation: RegulationResponse,
    pub tickets: Vec<TicketRef>,
    /// Every ticket about the rule counted by resolution, readable or not.
    pub outcomes: Vec<OutcomeCount>,
    pub factsheets: Vec<FactsheetRef>,
}

/// The rules a ticket concerns; replaces the earlier list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "regulation_ids": ["0193a1e2-7c1d-7000-8000-000000000042"]
})))]
#[serde(deny_unknown_fields)]
pub struct TicketRegulationsRequest {
    /// Ids of rules of the register, each once; at most 50.
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub regulation_ids: Vec<String>,
}
