//! Actions of the regional agendas.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::schema::actions;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = actions)]
pub struct ActionRow {
    pub id: String,
    pub region_code: String,
    pub title: String,
    pub description: String,
    pub action_line: String,
    pub status: String,
    pub progress: i32,
    pub owner: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub archived: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
