//! The indicator catalogue.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use zorgpact_domain::ValidationErrors;
use zorgpact_domain::indicator::{IndicatorCode, IndicatorFields};
use zorgpact_domain::version::Precondition;

use crate::audit::{self, Actor};
use crate::schema::{indicator_targets, indicator_values, indicators};
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = indicators)]
pub struct IndicatorRow {
    pub code: String,
    pub name: String,
    pub description: String,
    pub indicator_group: String,
    pub unit: String,
    pub direction: String,
    pub period_type: String,
    pub rollup: String,
    pub weight_indicator: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(AsChangeset, Insertable)]
#[diesel(table_name = indicators, treat_none_as_null = true, treat_none_as_default_value = false)]
struct IndicatorChanges<'a> {
    name: &'a str,
    description: &'a str,
    indicator_group: &'a str,
    unit: &'a str,
    direction: &'a str,
    period_type: &'a str,
    rollup: &'a str,
    weight_indicator: Option<&'a str>,
}

impl<'a> From<&'a IndicatorFields> for IndicatorChanges<'a> {
    fn from(f: &'a IndicatorFields) -> Self {
        Self {
            name: &f.name,
            description: &f.description,
            indicator_group: f.group.as_str(),
            unit: f.unit.as_str(),
            direction: f.direction.as_str(),
            period_type: f.period_type.as_str(),
            rollup: f.rollup.rollup.as_str(),
            weight_indicator: f.rollup.weight_indicator.as_ref().map(IndicatorCode::as_str),
        }
    }
}

/// The whole catalogue, ordered by code.
pub fn list(conn: &mut DbConnection) -> Result<Vec<IndicatorRow>, DbError> {
    Ok(indicators::table
        .order(indicators::code.asc())
        .select(IndicatorRow::as_select())
        .load(conn)?)
}

/// Up to `limit` indicators after the code `after`, ordered by code, optionally
/// of one group only.
pub fn list_page(
    conn: &mut DbConnection,
    group: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<IndicatorRow>, DbError> {
    let mut query = indicators::table
        .order(indicators::code.asc())
        .select(IndicatorRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(group) = group {
        query = query.filter(indicators::indicator_group.eq(group.to_owned()));
    }
    if let Some(after) = after {
        query = query.filter(indicators::code.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}

pub fn get(conn: &mut DbConnection, code: &str) -> Result<IndicatorRow, DbError> {
    Ok(indicators::table
        .find(code)
        .select(IndicatorRow::as_select())
        .first(conn)?)
}

pub fn exists(conn: &mut DbConnection, code: &str) -> Result<bool, DbError> {
    Ok(indicators::table.find(code).count().get_result::<i64>(conn)? > 0)
}

/// Whether any value or target has been stored for the indicator.
pub fn has_series(conn: &mut DbConnection, code: &str) -> Result<bool, DbError> {
    let values = indicator_values::table
        .filter(indicator_values::indicator_code.eq(code))
        .count()
        .get_result::<i64>(conn)?;
    let targets = indicator_targets::table
        .filter(indicator_targets::indicator_code.eq(code))
        .count()
        .get_result::<i64>(conn)?;
    Ok(values + targets > 0)
}

/// A weight must be an indicator of the catalogue: the national roll-up reads its
/// values.
fn check_weight(conn: &mut DbConnection, fields: &IndicatorFields) -> Result<(), DbError> {
    match &fields.rollup.weight_indicator {
        Some(weight) if !exists(conn, weight.as_str())? => Err(DbError::Invalid(ValidationErrors::single(
            "/weight_indicator",
            format!("names no indicator in the catalogue ({weight})"),
        ))),
        _ => Ok(()),
    }
}

/// Adds an indicator to the catalogue; a taken code is a conflict.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    code: &IndicatorCode,
    fields: &IndicatorFields,
) -> Result<IndicatorRow, DbError> {
    let now = Utc::now().naive_utc();
    in_transaction(conn, |conn| {
        if exists(conn, code.as_str())? {
            return Err(DbError::Conflict(format!("indicator {code} already exists")));
        }
        check_weight(conn, fields)?;
        diesel::insert_into(indicators::table)
            .values((
                indicators::code.eq(code.as_str()),
                IndicatorChanges::from(fields),
                indicators::version.eq(1),
                indicators::created_at.eq(now),
                indicators::updated_at.eq(now),
            ))
            .execute(conn)?;
        let created = get(conn, code.as_str())?;
        audit::record(
            conn,
            actor,
            "create",
            "indicator",
            code.as_str(),
            None::<&IndicatorRow>,
            Some(&created),
        )?;
        Ok(created)
    })
}

/// Replaces an indicator's fields if its version meets the precondition. Its period
/// type is fixed once values or targets exist: they were reported per that period.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    code: &str,
    precondition: &Precondition,
    fields: &IndicatorFields,
) -> Result<IndicatorRow, DbError> {
    in_transaction(conn, |conn| {
        let current = get(conn, code)?;
        if !precondition.admits(current.version) {
            return Err(DbError::PreconditionFailed);
        }
        check_weight(conn, fields)?;
        if current.period_type != fields.period_type.as_str() && has_series(conn, code)? {
            return Err(DbError::Conflict(format!(
                "indicator {code} has values or targets per {}: its period type cannot change",
                current.period_type
            )));
        }
        let changed = diesel::update(
            indicators::table
                .find(code)
                .filter(indicators::version.eq(current.version)),
        )
        .set((
            IndicatorChanges::from(fields),
            indicators::version.eq(current.version + 1),
            indicators::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        let updated = get(conn, code)?;
        audit::record(conn, actor, "update", "indicator", code, Some(&current), Some(&updated))?;
        Ok(updated)
    })
}
