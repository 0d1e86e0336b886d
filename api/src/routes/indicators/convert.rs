//! Indicators, values and targets between the contract's JSON and the domain.

use zorgpact_contract::indicator::{
    CreateIndicatorRequest, IndicatorFieldsRequest, IndicatorResponse, IndicatorTargetResponse, IndicatorValueResponse,
};
use zorgpact_db::DbError;
use zorgpact_db::indicator_values::{IndicatorTargetRow, IndicatorValueRow};
use zorgpact_db::indicators::IndicatorRow;
use zorgpact_domain::analytics::formula::Formula;
use zorgpact_domain::indicator::{IndicatorCode, IndicatorFields, IndicatorInput};
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator};

use crate::error::ApiError;
use crate::routes::stored;

/// A catalogue entry as checked here: its fields and, for a derived indicator, its
/// formula (checked against the catalogue when stored).
pub type IndicatorDefinition = (IndicatorFields, Option<Formula>);

/// A formula's syntax; its inputs are checked against the catalogue on storing.
fn formula(v: &mut Validator, text: Option<&str>) -> Option<Option<Formula>> {
    v.optional("/formula", text, |t| Formula::parse(t).map_err(InvalidValue::from))
}

pub fn new_indicator(dto: &CreateIndicatorRequest) -> Result<(IndicatorCode, IndicatorDefinition), ValidationErrors> {
    let mut v = Validator::new();
    let code = v.field("/code", IndicatorCode::parse(&dto.code));
    let fields = IndicatorFields::parse(
        code.as_ref(),
        &IndicatorInput {
            name: &dto.name,
            description: &dto.description,
            group: dto.group,
            unit: dto.unit,
            direction: dto.direction,
            period_type: dto.period_type,
            rollup: dto.rollup,
            weight_indicator: dto.weight_indicator.as_deref(),
        },
        &mut v,
    );
    let formula = formula(&mut v, dto.formula.as_deref());
    v.finish()?;
    match (code, fields, formula) {
        (Some(code), Some(fields), Some(formula)) => Ok((code, (fields, formula))),
        _ => Err(ValidationErrors::single("", InvalidValue::invalid("invalid indicator"))),
    }
}

/// The fields of an update; `code` is the indicator's own code, from the path.
pub fn indicator_fields(code: &str, dto: &IndicatorFieldsRequest) -> Result<IndicatorDefinition, ApiError> {
    // A code that does not parse names no stored indicator.
    let own = IndicatorCode::parse(code).map_err(|_| ApiError::NotFound(format!("indicator {code}")))?;
    let mut v = Validator::new();
    let fields = IndicatorFields::parse(
        Some(&own),
        &IndicatorInput {
            name: &dto.name,
            description: &dto.description,
            group: dto.group,
            unit: dto.unit,
            direction: dto.direction,
            period_type: Some(dto.period_type),
            rollup: dto.rollup,
            weight_indicator: dto.weight_indicator.as_deref(),
        },
        &mut v,
    );
    let formula = formula(&mut v, dto.formula.as_deref());
    v.finish()?;
    fields
        .zip(formula)
        .ok_or_else(|| ValidationErrors::single("", InvalidValue::invalid("invalid indicator")).into())
}

/// How a stored indicator is measured. Stored rows passed the same rules, so a
/// failure here is a bug, not bad input.
pub fn indicator_response(row: IndicatorRow) -> Result<IndicatorResponse, DbError> {
    Ok(IndicatorResponse {
        group: stored::code("indicator group", &row.indicator_group)?,
        unit: stored::code("unit", &row.unit)?,
        direction: stored::code("direction", &row.direction)?,
        period_type: stored::code("period type", &row.period_type)?,
        rollup: stored::code("roll-up", &row.rollup)?,
        code: row.code,
        name: row.name,
        description: row.description,
        weight_indicator: row.weight_indicator,
        formula: row.formula,
        version: row.version,
    })
}

pub fn value_response(row: IndicatorValueRow) -> Result<IndicatorValueResponse, DbError> {
    Ok(IndicatorValueResponse {
        status: stored::code("value status", &row.status)?,
        indicator: row.indicator_code,
        region: row.region_code,
        period: row.period,
        period_start: row.period_start.to_string(),
        value: row.value,
        source: row.source,
        version: row.version,
    })
}

pub fn target_response(row: IndicatorTargetRow) -> IndicatorTargetResponse {
    IndicatorTargetResponse {
        indicator: row.indicator_code,
        region: row.region_code,
        period: row.period,
        period_start: row.period_start.to_string(),
        value: row.value,
        note: row.note,
        version: row.version,
    }
}
