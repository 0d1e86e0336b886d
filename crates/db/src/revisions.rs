//! The revision history of indicator values: every change of a stored value
//! (by a single `PUT`, a bulk upload or an import) keeps the earlier value, status
//! and source, who changed it and when. Written by the write path of
//! [`crate::indicator_values`] in the same transaction as the change.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::audit::Actor;
use crate::connection::insert_batches;
use crate::indicator_values::{IndicatorValueRow, StoredKey};
use crate::schema::indicator_value_revisions as revisions;
use crate::{DbConnection, DbError};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = revisions)]
pub struct RevisionRow {
    pub id: String,
    pub indicator_code: String,
    pub region_code: String,
    pub period: String,
    pub old_value: f64,
    pub new_value: f64,
    pub old_status: String,
    pub new_status: String,
    pub old_source: String,
    pub new_source: String,
    /// The actor as the audit trail names it.
    pub changed_by: String,
    pub changed_at: NaiveDateTime,
}

/// Keeps, for each change, the value `before` that `after` replaced.
pub fn record_all(
    conn: &mut DbConnection,
    actor: &Actor,
    changes: &[(&IndicatorValueRow, &IndicatorValueRow)],
) -> Result<(), DbError> {
    let changed_by = actor.label();
    let rows: Vec<RevisionRow> = changes
        .iter()
        .map(|(before, after)| RevisionRow {
            id: Uuid::now_v7().to_string(),
            indicator_code: after.indicator_code.clone(),
            region_code: after.region_code.clone(),
            period: after.period.clone(),
            old_value: before.value,
            new_value: after.value,
            old_status: before.status.clone(),
            new_status: after.status.clone(),
            old_source: before.source.clone(),
            new_source: after.source.clone(),
            changed_by: changed_by.clone(),
            changed_at: after.updated_at,
        })
        .collect();
    insert_batches!(conn, revisions::table, rows, 12);
    Ok(())
}

/// Up to `limit` revisions of one value after the revision with id `after`,
/// oldest first (ids are time-ordered).
pub fn list_page(
    conn: &mut DbConnection,
    key: &StoredKey<'_>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<RevisionRow>, DbError> {
    let mut query = revisions::table
        .filter(revisions::indicator_code.eq(key.indicator.to_owned()))
        .filter(revisions::region_code.eq(key.region.to_owned()))
        .filter(revisions::period.eq(key.period.to_owned()))
        .order(revisions::id.asc())
        .select(RevisionRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(revisions::id.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}
