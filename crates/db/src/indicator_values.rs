//! Indicator values and targets per region and period.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::schema::{indicator_targets, indicator_values};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = indicator_values)]
pub struct IndicatorValueRow {
    pub id: String,
    pub indicator_code: String,
    pub region_code: String,
    pub period: String,
    pub period_start: NaiveDate,
    pub value: f64,
    pub status: String,
    pub source: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = indicator_targets)]
pub struct IndicatorTargetRow {
    pub id: String,
    pub indicator_code: String,
    pub region_code: String,
    pub period: String,
    pub period_start: NaiveDate,
    pub value: f64,
    pub note: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
