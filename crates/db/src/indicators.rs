//! The indicator catalogue, derived indicators (a formula over others) included.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use zorgpact_domain::analytics::formula::Formula;
use zorgpact_domain::indicator::{IndicatorCode, IndicatorFields};
use zorgpact_domain::version::Precondition;
use zorgpact_domain::{InvalidValue, ValidationErrors};

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
    /// A derived indicator's formula (canonical text); `None` for a measured one.
    pub formula: Option<String>,
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
    formula: Option<String>,
}

impl<'a> IndicatorChanges<'a> {
    fn new(f: &'a IndicatorFields, formula: Option<&Formula>) -> Self {
        Self {
            name: &f.name,
            description: &f.description,
            indicator_group: f.group.as_str(),
            unit: f.unit.as_str(),
            direction: f.direction.as_str(),
            period_type: f.period_type.as_str(),
            rollup: f.rollup.rollup.as_str(),
            weight_indicator: f.rollup.weight_indicator.as_ref().map(IndicatorCode::as_str),
            formula: formula.map(Formula::to_string),
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
            InvalidValue::unknown_reference(format!("names no indicator in the catalogue ({weight})")),
        ))),
        _ => Ok(()),
    }
}

/// Whether the indicator is derived (has a formula): its figures are computed on
/// read from its inputs, so no value can be stored for it. False for an unknown
/// code. Write paths of values call this and refuse (409) a derived indicator.
pub fn is_derived(conn: &mut DbConnection, code: &str) -> Result<bool, DbError> {
    Ok(indicators::table
        .find(code)
        .filter(indicators::formula.is_not_null())
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// The codes of every derived indicator, in code order: for bulk writes, which
/// check many points with one query.
pub fn derived_codes(conn: &mut DbConnection) -> Result<Vec<String>, DbError> {
    Ok(indicators::table
        .filter(indicators::formula.is_not_null())
        .order(indicators::code.asc())
        .select(indicators::code)
        .load(conn)?)
}

fn invalid_formula(error: InvalidValue) -> DbError {
    DbError::Invalid(ValidationErrors::single("/formula", error))
}

/// The rules a formula must meet against the catalogue: every input exists, is
/// not the indicator itself and is measured per the same period type, and no
/// chain of formulas leads back to the indicator (a cycle could never be computed).
/// A measured indicator with stored values cannot become derived (409): the values
/// would silently stop counting.
fn check_formula(
    conn: &mut DbConnection,
    code: &str,
    fields: &IndicatorFields,
    formula: Option<&Formula>,
) -> Result<(), DbError> {
    let Some(formula) = formula else {
        return Ok(());
    };
    let catalogue: BTreeMap<String, (String, Option<String>)> = indicators::table
        .select((indicators::code, indicators::period_type, indicators::formula))
        .load::<(String, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(code, period_type, formula)| (code, (period_type, formula)))
        .collect();
    for input in formula.inputs() {
        let input = input.as_str();
        if input == code {
            return Err(invalid_formula(InvalidValue::inconsistent(format!(
                "cannot refer to the indicator itself ({code})"
            ))));
        }
        match catalogue.get(input) {
            None => {
                return Err(invalid_formula(InvalidValue::unknown_reference(format!(
                    "names no indicator in the catalogue ({input})"
                ))));
            }
            Some((period_type, _)) if period_type != fields.period_type.as_str() => {
                return Err(invalid_formula(InvalidValue::inconsistent(format!(
                    "reads {input}, measured per {period_type}: every input must be measured per {}, like this indicator",
                    fields.period_type
                ))));
            }
            Some(_) => {}
        }
    }
    // The formulas as they would be after this change.
    let mut graph: BTreeMap<String, Vec<String>> = catalogue
        .iter()
        .filter_map(|(code, (_, formula))| {
            let parsed = Formula::parse(formula.as_deref()?).ok()?;
            let inputs = parsed.inputs().iter().map(|c| c.as_str().to_owned()).collect();
            Some((code.clone(), inputs))
        })
        .collect();
    graph.insert(
        code.to_owned(),
        formula.inputs().iter().map(|c| c.as_str().to_owned()).collect(),
    );
    if let Some(cycle) = cycle_through(&graph, code) {
        return Err(invalid_formula(InvalidValue::inconsistent(format!(
            "makes a cycle of formulas ({}): a derived indicator cannot depend on itself",
            cycle.join(" → ")
        ))));
    }
    let stored = indicator_values::table
        .filter(indicator_values::indicator_code.eq(code))
        .count()
        .get_result::<i64>(conn)?;
    if stored > 0 {
        return Err(DbError::Conflict(format!(
            "indicator {code} has {stored} stored values: a derived indicator is computed, so it cannot become one"
        )));
    }
    Ok(())
}

/// A path of formula inputs from `start` back to `start`, if there is one.
fn cycle_through(graph: &BTreeMap<String, Vec<String>>, start: &str) -> Option<Vec<String>> {
    fn visit(
        graph: &BTreeMap<String, Vec<String>>,
        start: &str,
        node: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(node).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if visit(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    visit(graph, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

/// Derived indicators reading `code`, whose formulas tie them to its period type.
fn readers_of(conn: &mut DbConnection, code: &str) -> Result<Vec<String>, DbError> {
    let derived: Vec<(String, Option<String>)> = indicators::table
        .filter(indicators::formula.is_not_null())
        .order(indicators::code.asc())
        .select((indicators::code, indicators::formula))
        .load(conn)?;
    Ok(derived
        .into_iter()
        .filter(|(_, formula)| {
            formula
                .as_deref()
                .and_then(|f| Formula::parse(f).ok())
                .is_some_and(|f| f.inputs().iter().any(|i| i.as_str() == code))
        })
        .map(|(code, _)| code)
        .collect())
}

/// Adds an indicator to the catalogue; a taken code is a conflict. A `formula`
/// makes it a derived indicator (see [`check_formula`]).
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    code: &IndicatorCode,
    fields: &IndicatorFields,
    formula: Option<&Formula>,
) -> Result<IndicatorRow, DbError> {
    let now = Utc::now().naive_utc();
    in_transaction(conn, |conn| {
        if exists(conn, code.as_str())? {
            return Err(DbError::Conflict(format!("indicator {code} already exists")));
        }
        check_weight(conn, fields)?;
        check_formula(conn, code.as_str(), fields, formula)?;
        diesel::insert_into(indicators::table)
            .values((
                indicators::code.eq(code.as_str()),
                IndicatorChanges::new(fields, formula),
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

/// Replaces an indicator's fields (its formula included: `None` makes it a measured
/// indicator) if its version meets the precondition. Its period type is fixed once
/// values or targets exist, as they were reported per that period, and while
/// derived indicators read it, as their inputs share their period type.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    code: &str,
    precondition: &Precondition,
    fields: &IndicatorFields,
    formula: Option<&Formula>,
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
        if current.period_type != fields.period_type.as_str() {
            let readers = readers_of(conn, code)?;
            if !readers.is_empty() {
                return Err(DbError::Conflict(format!(
                    "indicator {code} is an input of {}: its period type cannot change",
                    readers.join(", ")
                )));
            }
        }
        check_formula(conn, code, fields, formula)?;
        let changed = diesel::update(
            indicators::table
                .find(code)
                .filter(indicators::version.eq(current.version)),
        )
        .set((
            IndicatorChanges::new(fields, formula),
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
