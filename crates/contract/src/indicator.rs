//! The indicator catalogue, and indicator values and targets per region and period.

use serde::{Deserialize, Serialize};

use crate::codes::{Direction, IndicatorGroup, PeriodType, Rollup, Unit, ValueStatus};

/// An indicator of the programme monitor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "code": "sick_leave",
    "name": "Ziekteverzuim",
    "description": "Ziekteverzuimpercentage van werknemers in zorg en welzijn.",
    "group": "work",
    "unit": "percent",
    "direction": "lower_is_better",
    "period_type": "quarter",
    "rollup": "weighted_mean",
    "weight_indicator": "employees",
    "formula": null,
    "version": 1
})))]
pub struct IndicatorResponse {
    /// Stable identifier, e.g. `open_vacancies`.
    pub code: String,
    pub name: String,
    pub description: String,
    pub group: IndicatorGroup,
    pub unit: Unit,
    pub direction: Direction,
    /// The periods values are reported for.
    pub period_type: PeriodType,
    /// How regions roll up into the national figure.
    pub rollup: Rollup,
    /// The indicator a `weighted_mean` is weighted by.
    pub weight_indicator: Option<String>,
    /// A derived indicator's formula over other indicators, e.g.
    /// `side_entrants / employees * 1000`; absent for a measured indicator. A derived
    /// indicator's values are computed on read and cannot be stored.
    #[serde(default)]
    pub formula: Option<String>,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
}

/// A page of the catalogue, ordered by code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorListResponse {
    pub items: Vec<IndicatorResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A new indicator in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "code": "sick_leave",
    "name": "Ziekteverzuim",
    "description": "Ziekteverzuimpercentage van werknemers in zorg en welzijn.",
    "group": "work",
    "unit": "percent",
    "direction": "lower_is_better",
    "period_type": "quarter",
    "rollup": "weighted_mean",
    "weight_indicator": "employees"
})))]
#[serde(deny_unknown_fields)]
pub struct CreateIndicatorRequest {
    /// Lowercase letters, digits and `_`, 2 to 60 characters, starting with a letter.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")
    )]
    pub code: String,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    /// Up to 4000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub description: String,
    pub group: IndicatorGroup,
    pub unit: Unit,
    pub direction: Direction,
    /// `year` by default.
    #[serde(default)]
    pub period_type: Option<PeriodType>,
    /// `sum` (counts), `weighted_mean` (rates; needs `weight_indicator`) or `mean`.
    pub rollup: Rollup,
    /// For `weighted_mean` only: another indicator of the catalogue, e.g. `employees`.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")
    )]
    pub weight_indicator: Option<String>,
    /// Makes it a derived indicator, computed on read: `+ - * /`, parentheses,
    /// numbers and codes of other indicators measured per the same period type,
    /// e.g. `side_entrants / employees * 1000`. Up to 500 characters; no cycles.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500, pattern = r"\S"))]
    pub formula: Option<String>,
}

/// The editable fields of an indicator; an update replaces them all. The period
/// type cannot change once values or targets exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Ziekteverzuim",
    "description": "Ziekteverzuimpercentage (exclusief zwangerschapsverlof).",
    "group": "work",
    "unit": "percent",
    "direction": "lower_is_better",
    "period_type": "quarter",
    "rollup": "weighted_mean",
    "weight_indicator": "employees"
})))]
#[serde(deny_unknown_fields)]
pub struct IndicatorFieldsRequest {
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub name: String,
    /// Up to 4000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub description: String,
    pub group: IndicatorGroup,
    pub unit: Unit,
    pub direction: Direction,
    pub period_type: PeriodType,
    /// `weighted_mean` needs `weight_indicator`.
    pub rollup: Rollup,
    /// For `weighted_mean` only: another indicator of the catalogue.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")
    )]
    pub weight_indicator: Option<String>,
    /// A derived indicator's formula (see the create request); absent or `null`
    /// makes it a measured indicator.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500, pattern = r"\S"))]
    pub formula: Option<String>,
}

/// A value of an indicator for one region and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": "open_vacancies",
    "region": "twente",
    "period": "2024-Q3",
    "period_start": "2024-07-01",
    "value": 1830.0,
    "status": "provisional",
    "source": "Regionaal arbeidsmarktdashboard Twente",
    "version": 1
})))]
pub struct IndicatorValueResponse {
    /// Indicator code.
    pub indicator: String,
    /// Region code.
    pub region: String,
    /// `2024`, `2024-Q3` or `2024-07`, per the indicator's period type.
    pub period: String,
    /// ISO 8601 date the period starts.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub period_start: String,
    /// In the indicator's unit.
    pub value: f64,
    pub status: ValueStatus,
    /// Where the figure comes from.
    pub source: String,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
}

/// A page of indicator values, ordered by indicator, region and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorValueListResponse {
    pub items: Vec<IndicatorValueResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One value; indicator, region and period are in the path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "value": 1830.0,
    "status": "provisional",
    "source": "Regionaal arbeidsmarktdashboard Twente"
})))]
#[serde(deny_unknown_fields)]
pub struct IndicatorValueRequest {
    /// In the indicator's unit: a percentage is 0 to 100, counts are not negative.
    pub value: f64,
    /// When omitted: a new value is `provisional`; a stored value keeps its status,
    /// except that a corrected `final` value becomes `revised`.
    #[serde(default)]
    pub status: Option<ValueStatus>,
    /// Where the figure comes from, up to 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub source: Option<String>,
}

/// One value of a bulk upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": "open_vacancies",
    "region": "twente",
    "period": "2024-Q3",
    "value": 1830.0,
    "status": "provisional",
    "source": "Regionaal arbeidsmarktdashboard Twente"
})))]
#[serde(deny_unknown_fields)]
pub struct IndicatorValueItem {
    /// Indicator code.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")
    )]
    pub indicator: String,
    /// Region code.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")
    )]
    pub region: String,
    /// `2024`, `2024-Q3` or `2024-07`: must have the indicator's period type.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")
    )]
    pub period: String,
    /// In the indicator's unit.
    pub value: f64,
    /// When omitted: a new value is `provisional`; a stored value keeps its status,
    /// except that a corrected `final` value becomes `revised`.
    #[serde(default)]
    pub status: Option<ValueStatus>,
    /// Up to 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub source: Option<String>,
}

/// Many values at once: stored all together or, if any item is invalid, not at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkIndicatorValuesRequest {
    /// 1 to 10 000 values, each indicator, region and period at most once.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 10000))]
    pub items: Vec<IndicatorValueItem>,
}

/// A region's target (*ambitie*) for an indicator in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": "side_entrants",
    "region": "twente",
    "period": "2025",
    "period_start": "2025-01-01",
    "value": 2100.0,
    "note": "Regionaal actieplan 2023-2025",
    "version": 1
})))]
pub struct IndicatorTargetResponse {
    /// Indicator code.
    pub indicator: String,
    /// Region code.
    pub region: String,
    /// `2025`, `2025-Q4` or `2025-12`, per the indicator's period type.
    pub period: String,
    /// ISO 8601 date the period starts.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub period_start: String,
    /// In the indicator's unit.
    pub value: f64,
    pub note: String,
    /// Increases with every change; the `ETag` is derived from it.
    pub version: i64,
}

/// A page of targets, ordered by indicator, region and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorTargetListResponse {
    pub items: Vec<IndicatorTargetResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One target; indicator, region and period are in the path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "value": 2100.0,
    "note": "Regionaal actieplan 2023-2025"
})))]
#[serde(deny_unknown_fields)]
pub struct IndicatorTargetRequest {
    /// In the indicator's unit.
    pub value: f64,
    /// Up to 1000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
}

/// One target of a bulk upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": "side_entrants",
    "region": "twente",
    "period": "2025",
    "value": 2100.0,
    "note": "Regionaal actieplan 2023-2025"
})))]
#[serde(deny_unknown_fields)]
pub struct IndicatorTargetItem {
    /// Indicator code.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")
    )]
    pub indicator: String,
    /// Region code.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")
    )]
    pub region: String,
    /// Must have the indicator's period type.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")
    )]
    pub period: String,
    /// In the indicator's unit.
    pub value: f64,
    /// Up to 1000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
}

/// Many targets at once: stored all together or, if any item is invalid, not at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkIndicatorTargetsRequest {
    /// 1 to 10 000 targets, each indicator, region and period at most once.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 10000))]
    pub items: Vec<IndicatorTargetItem>,
}

/// What a bulk upload did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"created": 12, "updated": 3, "unchanged": 85})))]
pub struct BulkWriteResponse {
    /// Points that did not exist before.
    pub created: u64,
    /// Existing points whose value (or status, source, note) changed; their version grew.
    pub updated: u64,
    /// Existing points sent again exactly as stored; untouched.
    pub unchanged: u64,
}
