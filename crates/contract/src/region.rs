//! Regions and their partners.

use serde::{Deserialize, Serialize};

use crate::codes::{AgendaRole, Sector};

/// A partner organisation of a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000001",
    "region_code": "twente",
    "organisation": "ROC van Twente",
    "sector": "mbo"
})))]
pub struct PartnerResponse {
    pub id: String,
    pub region_code: String,
    pub organisation: String,
    pub sector: Sector,
}

/// A new partner of a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"organisation": "Gemeente Enschede", "sector": "municipality"})))]
#[serde(deny_unknown_fields)]
pub struct CreatePartnerRequest {
    /// 1 to 200 characters, unique within the region.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub organisation: String,
    pub sector: Sector,
}

/// A region's partners, ordered by organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerListResponse {
    pub items: Vec<PartnerResponse>,
}

/// A region and its pact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "code": "midden-en-zuid-gelderland",
    "name": "Midden- en Zuid-Gelderland",
    "pact_name": "Zorg- en Welzijnspact Midden- en Zuid-Gelderland",
    "signed_on": "2016-05-01",
    "ambition": "Voldoende en goed toegeruste medewerkers in zorg en welzijn.",
    "agenda_role": "platform",
    "regioplus_code": null,
    "cbs_code": null,
    "version": 1
})))]
pub struct RegionResponse {
    /// Stable slug, e.g. `twente`.
    pub code: String,
    pub name: String,
    pub pact_name: String,
    /// ISO 8601 date the pact was signed.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub signed_on: Option<String>,
    pub ambition: String,
    pub agenda_role: Option<AgendaRole>,
    /// RegioPlus labour-market region code, to join with public statistics.
    pub regioplus_code: Option<String>,
    /// CBS region code.
    pub cbs_code: Option<String>,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
}

/// A page of regions, ordered by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionListResponse {
    pub items: Vec<RegionResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A new region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "code": "noord-holland-noord",
    "name": "Noord-Holland Noord",
    "pact_name": "Zorgpact Noord-Holland Noord",
    "signed_on": "2017-09-01",
    "ambition": "Iedereen die wil, kan in de zorg aan de slag.",
    "agenda_role": "projecttrekker"
})))]
#[serde(deny_unknown_fields)]
pub struct CreateRegionRequest {
    /// Lowercase slug: letters, digits and `-`, 2 to 60 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")
    )]
    pub code: String,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub pact_name: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub signed_on: Option<String>,
    /// Up to 4000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub ambition: String,
    #[serde(default)]
    pub agenda_role: Option<AgendaRole>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub regioplus_code: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub cbs_code: Option<String>,
}

/// The editable fields of a region; an update replaces them all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Twente",
    "pact_name": "Zorgpact Twente",
    "signed_on": null,
    "ambition": "Samen zorgen voor voldoende zorgprofessionals in Twente.",
    "agenda_role": "platform",
    "regioplus_code": "Twente",
    "cbs_code": null
})))]
#[serde(deny_unknown_fields)]
pub struct RegionFieldsRequest {
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub pact_name: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub signed_on: Option<String>,
    /// Up to 4000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub ambition: String,
    #[serde(default)]
    pub agenda_role: Option<AgendaRole>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub regioplus_code: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub cbs_code: Option<String>,
}
