//! Leading projects (*Kopgroep*): the public catalogue of exemplary cooperation
//! projects, their figures per care domain and province, and the coalitions they
//! take part in. Coordinators propose their region's projects; the programme team
//! publishes them.

use serde::{Deserialize, Serialize};

use crate::codes::{CareDomain, EducationLevel, FundingScheme, ProjectStatus, Province, Theme};

/// One grant or other funding of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub scheme: FundingScheme,
    /// What the funding is, 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub label: String,
    /// Whole euros, when known (0 to 1000000000).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1_000_000_000))]
    pub amount_eur: Option<i64>,
    /// The first year, 2000 to 2100.
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub from_year: i64,
    /// The last year, not before `from_year`; absent for a single year.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub to_year: Option<i64>,
}

/// Another project, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectRef {
    pub id: String,
    pub name: String,
    pub province: Option<Province>,
    pub care_domains: Vec<CareDomain>,
    pub themes: Vec<Theme>,
}

/// A coalition a project takes part in, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoalitionRef {
    pub id: String,
    pub name: String,
}

/// A leading project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000101",
    "name": "Leerbedrijf De Koperhorst",
    "region_code": "midden-nederland",
    "province": "utrecht",
    "care_domains": ["elderly_and_home_care"],
    "themes": ["leren_in_de_praktijk"],
    "education_levels": ["mbo_2"],
    "partners": ["De Koperhorst", "MBO Amersfoort"],
    "story": "Toen zorginstelling de Koperhorst capaciteit moest inleveren, kwamen tien appartementen leeg te staan. Zo ontstond leerbedrijf de Koperhorst voor mbo-studenten niveau 2.",
    "results": "Studenten draaien twee jaar mee in het rooster, begeleid door een werkcoach.",
    "contact": "",
    "support_tracks": [],
    "coalitions": [],
    "funding": [],
    "status": "published",
    "similar": [],
    "updated_at": "2018-11-01T10:00:00.000Z",
    "version": 1
})))]
pub struct LeadingProjectResponse {
    pub id: String,
    pub name: String,
    /// The region that proposed it; absent for a project across regions.
    pub region_code: Option<String>,
    pub province: Option<Province>,
    pub care_domains: Vec<CareDomain>,
    pub themes: Vec<Theme>,
    pub education_levels: Vec<EducationLevel>,
    /// Partner organisations by name.
    pub partners: Vec<String>,
    pub story: String,
    pub results: String,
    pub contact: String,
    /// Support tracks (*maatwerktrajecten*) it took part in.
    pub support_tracks: Vec<String>,
    pub coalitions: Vec<CoalitionRef>,
    pub funding: Vec<Funding>,
    pub status: ProjectStatus,
    /// Published projects that share themes or care domains, most alike first
    /// (only in `GET /leading-projects/{id}`; empty in lists).
    pub similar: Vec<ProjectRef>,
    /// RFC 3339, UTC.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// The `ETag` is derived from it.
    pub version: i64,
}

/// A page of leading projects, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadingProjectListResponse {
    pub items: Vec<LeadingProjectResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// What a leading project says: a create starts a draft, an update replaces it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Samen Slim Zorgen Thuis",
    "region_code": "twente",
    "province": "overijssel",
    "care_domains": ["elderly_and_home_care", "welfare"],
    "themes": ["zorg_en_technologie"],
    "education_levels": ["mbo_3", "mbo_4"],
    "partners": ["Summa Zorg"],
    "story": "Studenten helpen zorgvragers technologische hulpmiddelen te gebruiken, zoals tablets en apps.",
    "results": "",
    "contact": "",
    "support_tracks": [],
    "coalition_ids": [],
    "funding": [{"scheme": "rif", "label": "RIF-subsidie", "amount_eur": 500000, "from_year": 2016, "to_year": 2019}]
})))]
#[serde(deny_unknown_fields)]
pub struct LeadingProjectFieldsRequest {
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    /// The region (code); coordinators give their own. Absent: across regions
    /// (the programme team only).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")
    )]
    pub region_code: Option<String>,
    #[serde(default)]
    pub province: Option<Province>,
    /// At least one.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub care_domains: Vec<CareDomain>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub education_levels: Vec<EducationLevel>,
    /// Partner organisations by name, each once; at most 50.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub partners: Vec<String>,
    /// 1 to 20000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20000, pattern = r"\S"))]
    pub story: String,
    /// Up to 10000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub results: String,
    /// Up to 500 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub contact: String,
    /// Support tracks by name, each once; at most 50.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub support_tracks: Vec<String>,
    /// Coalitions (ids from `GET /coalitions`), each once; at most 50.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub coalition_ids: Vec<String>,
    /// At most 50 lines.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub funding: Vec<Funding>,
}

/// A move in the catalogue: propose (`proposed`), take back (`draft`), publish
/// (`published`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"status": "proposed"})))]
#[serde(deny_unknown_fields)]
pub struct ProjectStatusRequest {
    pub status: ProjectStatus,
}

/// Published projects in one care domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DomainCount {
    pub care_domain: CareDomain,
    pub projects: i64,
}

/// Published projects in one province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProvinceCount {
    pub province: Province,
    pub projects: i64,
}

/// The figures the programme itself published about the Kopgroep, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeFigures {
    /// The document the figures are from.
    pub source: String,
    pub projects: i64,
    pub provinces: i64,
    /// A project may count in several domains.
    pub by_care_domain: Vec<DomainCount>,
    pub support_tracks: i64,
    pub coalitions: i64,
    pub meetings: i64,
    /// RIF grants awarded to care and welfare projects.
    pub rif_grants: i64,
}

/// Counts over the published projects of the catalogue, and the programme's own
/// published figures beside them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "projects": 9,
    "provinces": 6,
    "by_care_domain": [{"care_domain": "mental_health", "projects": 1}, {"care_domain": "elderly_and_home_care", "projects": 6}],
    "by_province": [{"province": "utrecht", "projects": 2}],
    "programme": {
        "source": "Zorgpact: vier jaar beweging (2018)",
        "projects": 80, "provinces": 12,
        "by_care_domain": [{"care_domain": "mental_health", "projects": 31}],
        "support_tracks": 15, "coalitions": 3, "meetings": 9, "rif_grants": 19
    }
})))]
pub struct LeadingProjectFiguresResponse {
    /// Published projects in the catalogue.
    pub projects: i64,
    /// Provinces with at least one published project.
    pub provinces: i64,
    /// Every care domain, also those with none.
    pub by_care_domain: Vec<DomainCount>,
    /// Every province, also those with none.
    pub by_province: Vec<ProvinceCount>,
    pub programme: ProgrammeFigures,
}

/// A coalition of leading projects working on one subject together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000201",
    "name": "Werken en leren",
    "aim": "Werkbare modellen opstellen om zij-instroomtrajecten te organiseren vanuit de triple helix, met bijbehorende financiering.",
    "members": []
})))]
pub struct CoalitionResponse {
    pub id: String,
    pub name: String,
    pub aim: String,
    /// The published projects that take part.
    pub members: Vec<ProjectRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoalitionListResponse {
    pub items: Vec<CoalitionResponse>,
}
