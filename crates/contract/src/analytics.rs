//! Indicator analytics as analysts pull them: time series per region, national
//! roll-ups with their coverage, the tidy table of many indicators × regions ×
//! periods, and progress against target. Every figure is computed on read from the
//! stored values, and carries the status and source it stands on.

use serde::{Deserialize, Serialize};

use crate::codes::{Direction, PeriodType, Rollup, Trend, Unit, ValueStatus, Verdict};

/// What the catalogue says about an indicator, shown beside its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "code": "side_entrants_per_1000_employees",
    "name": "Zij-instromers per 1000 werknemers",
    "description": "Afgeleide indicator: zij-instromers per 1000 werknemers in zorg en welzijn.",
    "unit": "index",
    "direction": "higher_is_better",
    "period_type": "year",
    "rollup": "mean",
    "weight_indicator": null,
    "formula": "side_entrants / employees * 1000",
    "inputs": ["side_entrants", "employees"]
})))]
pub struct IndicatorMeta {
    pub code: String,
    pub name: String,
    /// The definition.
    pub description: String,
    pub unit: Unit,
    pub direction: Direction,
    /// The periods values are reported for.
    pub period_type: PeriodType,
    /// How regions (and sub-periods) roll up.
    pub rollup: Rollup,
    /// The indicator a `weighted_mean` is weighted by.
    pub weight_indicator: Option<String>,
    /// A derived indicator's formula; absent for a measured one.
    pub formula: Option<String>,
    /// The indicators a derived indicator is computed from; empty for a measured one.
    pub inputs: Vec<String>,
}

/// A region as analysts join it with public statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionMeta {
    pub code: String,
    pub name: String,
    /// The RegioPlus labour-market region code.
    pub regioplus_code: Option<String>,
    /// The CBS region code.
    pub cbs_code: Option<String>,
}

/// One period of a region's series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "period": "2023",
    "value": 1742.0,
    "target": 1800.0,
    "gap": -58.0,
    "signed_gap": -58.0,
    "status": "final",
    "source": "CBS Statline",
    "complete": true,
    "missing": []
})))]
pub struct SeriesPoint {
    /// `2024`, `2024-Q3` or `2024-07`, of the requested period type.
    pub period: String,
    /// `null` when only a target is set for the period.
    pub value: Option<f64>,
    /// The region's target (*ambitie*) for the period. For a coarser period type:
    /// the targets of the sub-periods rolled up, when every sub-period has one.
    pub target: Option<f64>,
    /// value − target.
    pub gap: Option<f64>,
    /// The gap turned so that positive means better than target.
    pub signed_gap: Option<f64>,
    /// For a computed figure the least final of what it stands on (provisional
    /// before revised before final).
    pub status: Option<ValueStatus>,
    /// Where the value comes from; for a derived indicator `computed: <formula>`.
    /// Several sources of an aggregated period are joined with `; `.
    pub source: Option<String>,
    /// False when a coarser period lacks sub-periods (or their weights): the value
    /// then stands on part of the period only (a partial sum for counts).
    pub complete: bool,
    /// Sub-periods without a value, when the period is aggregated.
    pub missing: Vec<String>,
}

/// One region's series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionSeries {
    pub region: String,
    pub name: String,
    /// In time order; periods with a value or a target.
    pub points: Vec<SeriesPoint>,
}

/// An indicator's time series per region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": {
        "code": "side_entrants", "name": "Zij-instromers",
        "description": "Aantal mensen dat vanuit een andere sector instroomt in zorg en welzijn.",
        "unit": "persons", "direction": "higher_is_better", "period_type": "year", "rollup": "sum",
        "weight_indicator": null, "formula": null, "inputs": []
    },
    "period_type": "year",
    "from": "2022",
    "to": "2023",
    "regions": [{
        "region": "twente", "name": "Twente",
        "points": [
            {"period": "2022", "value": 1650.0, "target": 1700.0, "gap": -50.0, "signed_gap": -50.0,
             "status": "final", "source": "CBS Statline", "complete": true, "missing": []},
            {"period": "2023", "value": 1742.0, "target": null, "gap": null, "signed_gap": null,
             "status": "provisional", "source": "CBS Statline", "complete": true, "missing": []}
        ]
    }]
})))]
pub struct SeriesResponse {
    pub indicator: IndicatorMeta,
    /// The period type of the points: the indicator's own or the coarser one asked for.
    pub period_type: PeriodType,
    /// The window's first period (as sent, or resolved from `relative`); absent when open.
    pub from: Option<String>,
    /// The window's last period (as sent, or resolved from `relative`); absent when open.
    pub to: Option<String>,
    /// In region code order.
    pub regions: Vec<RegionSeries>,
}

/// How much of the country a national figure stands on. Gaps are never hidden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "expected": 17, "reported": 16, "contributing": 15,
    "missing": ["zeeland"], "without_weight": ["limburg"]
})))]
pub struct Coverage {
    /// Regions in the country.
    pub expected: u32,
    /// Regions with a value for the period.
    pub reported: u32,
    /// Regions whose value is in the figure: `reported` less those without a weight.
    pub contributing: u32,
    /// Regions without a value, in code order.
    pub missing: Vec<String>,
    /// Regions with a value but, for a weighted mean, no weight for the period, so
    /// their value could not count.
    pub without_weight: Vec<String>,
}

/// The national figure of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NationalPoint {
    pub period: String,
    /// `null` when no region could contribute: no data is not zero.
    pub value: Option<f64>,
    /// The least final status of the contributing values.
    pub status: Option<ValueStatus>,
    /// The distinct sources of the contributing values.
    pub sources: Vec<String>,
    /// Every region contributed, with every sub-period when aggregated.
    pub complete: bool,
    pub coverage: Coverage,
}

/// An indicator's national roll-up per period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": {
        "code": "sick_leave", "name": "Ziekteverzuim", "description": "Ziekteverzuimpercentage.",
        "unit": "percent", "direction": "lower_is_better", "period_type": "quarter",
        "rollup": "weighted_mean", "weight_indicator": "employees", "formula": null, "inputs": []
    },
    "period_type": "year",
    "method": "weighted mean of the regions' values, weighted by employees",
    "from": "2023",
    "to": "2023",
    "points": [{
        "period": "2023", "value": 5.93, "status": "final", "sources": ["Vernet"], "complete": false,
        "coverage": {"expected": 17, "reported": 16, "contributing": 16, "missing": ["zeeland"], "without_weight": []}
    }]
})))]
pub struct NationalResponse {
    pub indicator: IndicatorMeta,
    /// The period type of the points.
    pub period_type: PeriodType,
    /// How the figure is made from the regions' values.
    pub method: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// In time order; periods where some region has a value.
    pub points: Vec<NationalPoint>,
}

/// One row of the tidy table: one indicator, region and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": "side_entrants", "region": "twente", "period": "2022",
    "value": 1650.0, "target": 1700.0, "gap": -50.0, "status": "final", "source": "CBS Statline"
})))]
pub struct AnalyticsRow {
    pub indicator: String,
    pub region: String,
    /// Of the indicator's own period type.
    pub period: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// value − target.
    pub gap: Option<f64>,
    /// `null` without a value.
    pub status: Option<ValueStatus>,
    /// `null` without a value.
    pub source: Option<String>,
}

/// Many indicators × regions × periods at once, with the catalogue alongside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicators": [{
        "code": "side_entrants", "name": "Zij-instromers",
        "description": "Aantal mensen dat vanuit een andere sector instroomt in zorg en welzijn.",
        "unit": "persons", "direction": "higher_is_better", "period_type": "year", "rollup": "sum",
        "weight_indicator": null, "formula": null, "inputs": []
    }],
    "regions": [{"code": "twente", "name": "Twente", "regioplus_code": "RP-22", "cbs_code": null}],
    "rows": [{
        "indicator": "side_entrants", "region": "twente", "period": "2022",
        "value": 1650.0, "target": 1700.0, "gap": -50.0, "status": "final", "source": "CBS Statline"
    }]
})))]
pub struct AnalyticsResponse {
    /// The indicators asked for, in the order asked.
    pub indicators: Vec<IndicatorMeta>,
    /// The regions of the rows, in code order.
    pub regions: Vec<RegionMeta>,
    /// Ordered by indicator (as asked), region and period; a row per period with a
    /// value or a target.
    pub rows: Vec<AnalyticsRow>,
}

/// A value and the period it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LatestValue {
    pub period: String,
    pub value: f64,
    pub status: ValueStatus,
    pub source: String,
}

/// The target a latest value is judged against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetPoint {
    pub period: String,
    pub value: f64,
}

/// Which way the last periods moved: a least-squares line through them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrendFit {
    /// `flat` is a slope within ±1% of the mean per period, regardless of which
    /// way is better.
    pub movement: Trend,
    /// The fitted change per period, in the indicator's unit.
    pub slope: f64,
    /// The slope relative to the mean of the points: 0.02 is 2% per period.
    pub relative_slope: f64,
    /// How many values the fit used.
    pub points: u32,
    /// The first period of the window looked at (3 years, 4 quarters or 6 months).
    pub from: String,
    /// The latest value's period.
    pub to: String,
}

/// One region's progress on one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "indicator": "side_entrants", "region": "twente",
    "latest": {"period": "2023", "value": 450.0, "status": "final", "source": "CBS Statline"},
    "target": {"period": "2024", "value": 500.0},
    "achieved_pct": 90.0, "gap": -50.0, "signed_gap": -50.0, "target_met": false,
    "trend": {"movement": "rising", "slope": 25.0, "relative_slope": 0.059, "points": 3, "from": "2021", "to": "2023"},
    "on_track": true, "verdict": "moving_toward_target"
})))]
pub struct ProgressItem {
    pub indicator: String,
    pub region: String,
    /// The most recent value; `null` when there is none.
    pub latest: Option<LatestValue>,
    /// The target for the latest value's period, or the nearest later one.
    pub target: Option<TargetPoint>,
    /// value / target × 100 (higher is better) or target / value × 100 (lower is
    /// better): 100 is on target, more is better.
    pub achieved_pct: Option<f64>,
    /// value − target.
    pub gap: Option<f64>,
    /// The gap with positive meaning better than target.
    pub signed_gap: Option<f64>,
    pub target_met: Option<bool>,
    pub trend: Option<TrendFit>,
    /// `null` when there is too little data to judge.
    pub on_track: Option<bool>,
    pub verdict: Verdict,
}

/// Progress per indicator and region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressResponse {
    pub indicators: Vec<IndicatorMeta>,
    /// Ordered by indicator (as asked) and region code.
    pub items: Vec<ProgressItem>,
}
