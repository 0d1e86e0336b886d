//! Barrier tickets.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::schema::barrier_tickets;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = barrier_tickets)]
pub struct BarrierRow {
    pub id: String,
    pub region_code: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub ministry: Option<String>,
    pub status: String,
    pub resolution: Option<String>,
    pub resolution_note: Option<String>,
    pub filed_on: NaiveDate,
    pub closed_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
