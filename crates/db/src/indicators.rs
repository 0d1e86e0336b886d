//! The indicator catalogue.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::indicators;
use crate::{DbConnection, DbError};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
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

/// The whole catalogue, ordered by code.
pub fn list(conn: &mut DbConnection) -> Result<Vec<IndicatorRow>, DbError> {
    Ok(indicators::table
        .order(indicators::code.asc())
        .select(IndicatorRow::as_select())
        .load(conn)?)
}
