//! Figures and catalogue facts into the contract's JSON.

use zorgpact_contract::analytics::{Coverage, IndicatorMeta, NationalPoint, RegionMeta, SeriesPoint};
use zorgpact_db::analytics::RegionKeys;
use zorgpact_db::indicators::IndicatorRow;
use zorgpact_domain::analytics::figures::{Figure, GroupFigure, IndicatorRules};
use zorgpact_domain::analytics::progress::{gap, signed_gap};
use zorgpact_domain::analytics::rollup;
use zorgpact_domain::indicator::Direction;
use zorgpact_domain::period::Period;

pub fn indicator_meta(row: &IndicatorRow, indicator: &IndicatorRules) -> IndicatorMeta {
    IndicatorMeta {
        code: row.code.clone(),
        name: row.name.clone(),
        description: row.description.clone(),
        unit: indicator.unit,
        direction: indicator.direction,
        period_type: indicator.period_type,
        rollup: indicator.rollup,
        weight_indicator: row.weight_indicator.clone(),
        formula: indicator.formula.as_ref().map(ToString::to_string),
        inputs: indicator.inputs().iter().map(|c| c.as_str().to_owned()).collect(),
    }
}

pub fn region_meta(region: &RegionKeys) -> RegionMeta {
    RegionMeta {
        code: region.code.clone(),
        name: region.name.clone(),
        regioplus_code: region.regioplus_code.clone(),
        cbs_code: region.cbs_code.clone(),
    }
}

/// A point of a series: the figure (if any) beside the target (if any).
pub fn series_point(period: Period, figure: Option<&Figure>, target: Option<f64>, direction: Direction) -> SeriesPoint {
    let value = figure.map(|f| f.value);
    let pair = value.zip(target);
    SeriesPoint {
        period: period.to_string(),
        value,
        target,
        gap: pair.map(|(v, t)| gap(v, t)),
        signed_gap: pair.map(|(v, t)| signed_gap(v, t, direction)),
        status: figure.map(|f| f.status),
        source: figure.map(Figure::source),
        complete: figure.is_none_or(|f| f.complete),
        missing: figure
            .map(|f| f.missing.iter().map(ToString::to_string).collect())
            .unwrap_or_default(),
    }
}

pub fn coverage(coverage: &rollup::Coverage) -> Coverage {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let codes = |list: &[zorgpact_domain::region::RegionCode]| list.iter().map(|c| c.as_str().to_owned()).collect();
    Coverage {
        expected: count(coverage.expected),
        reported: count(coverage.reported),
        contributing: count(coverage.contributing),
        missing: codes(&coverage.missing),
        without_weight: codes(&coverage.without_weight),
    }
}

pub fn national_point(period: Period, figure: &GroupFigure) -> NationalPoint {
    NationalPoint {
        period: period.to_string(),
        value: figure.value,
        status: figure.status,
        sources: figure.sources.iter().cloned().collect(),
        complete: figure.complete,
        coverage: coverage(&figure.coverage),
    }
}
