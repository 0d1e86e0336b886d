//! Full-text search over barrier tickets and published factsheets, also used for
//! suggestions while a region files a ticket.

use serde::{Deserialize, Serialize};

use crate::codes::{BarrierStatus, Ministry, Resolution, SearchKind};

/// One hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "kind": "factsheet",
    "id": "0193a1e2-7c1d-7000-8000-000000000077",
    "title": "Moet bij een ketenstage met elke zorginstelling een apart stagecontract worden gesloten?",
    "excerpt": "Nee. Bij een ketenstage lopen studenten achtereenvolgens stage bij verschillende zorginstellingen…",
    "status": null,
    "resolution": null,
    "ministry": "OCW"
})))]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: String,
    /// A ticket's title or a factsheet's question.
    pub title: String,
    /// Up to about 200 characters of the answer (or a ticket's description) around the first hit.
    pub excerpt: String,
    /// A ticket's status.
    pub status: Option<BarrierStatus>,
    /// An answered ticket's resolution.
    pub resolution: Option<Resolution>,
    pub ministry: Option<Ministry>,
}

/// Hits, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResponse {
    pub items: Vec<SearchHit>,
}
