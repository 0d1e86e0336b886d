//! The audit trail: who changed what, when, with the state before and after. Every
//! write function of this crate records its change here inside its own
//! transaction, so a change and its record are stored together or not at all.
//! Entries form a hash chain ([`chain`]), so a change made beside the app shows.

pub mod chain;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::schema::audit_log;
use crate::search::lower;
use crate::{DbConnection, DbError};

/// Who makes a change: a user, a partner system, or the system itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// e.g. `user:<id>`, `partner:<client id>`, `system`.
    pub id: String,
    /// A name a person recognises in the trail.
    pub name: String,
}

impl Actor {
    pub fn system(name: &str) -> Self {
        Self {
            id: "system".into(),
            name: name.into(),
        }
    }

    /// How the audit trail (and a value's revision history) names the actor.
    pub fn label(&self) -> String {
        format!("{} ({})", self.id, self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub actor: String,
    pub operation: String,
    pub resource_type: String,
    pub resource_id: String,
    pub before_state: Option<String>,
    pub after_state: Option<String>,
}

/// Records one change. `before` is `None` for a create, `after` for a delete.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    operation: &str,
    resource_type: &str,
    resource_id: &str,
    before: Option<&impl Serialize>,
    after: Option<&impl Serialize>,
) -> Result<(), DbError> {
    let entry = entry(actor, operation, resource_type, resource_id.to_owned(), before, after)?;
    record_all(conn, &[entry])
}

/// One entry of [`record_all`]: like [`record`], built first so many changes are
/// stored in a few multi-row statements.
pub fn entry(
    actor: &Actor,
    operation: &str,
    resource_type: &str,
    resource_id: String,
    before: Option<&impl Serialize>,
    after: Option<&impl Serialize>,
) -> Result<AuditRow, DbError> {
    fn to_json(state: Option<&impl Serialize>) -> Result<Option<String>, DbError> {
        state
            .map(|s| serde_json::to_string(s).map_err(|e| DbError::Internal(format!("audit state: {e}"))))
            .transpose()
    }
    Ok(AuditRow {
        id: Uuid::now_v7().to_string(),
        // Stored as hashed, so the entry verifies on either backend.
        occurred_at: chain::hashed_time(Utc::now().naive_utc()),
        actor: actor.label(),
        operation: operation.to_owned(),
        resource_type: resource_type.to_owned(),
        resource_id,
        before_state: to_json(before)?,
        after_state: to_json(after)?,
    })
}

/// Records many changes, in batches, at the end of the hash chain.
pub fn record_all(conn: &mut DbConnection, entries: &[AuditRow]) -> Result<(), DbError> {
    chain::append(conn, entries)
}

/// Which entries to list; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub actor: Option<String>,
}

/// Entries in the order they were written (ids are time-ordered), after `after`.
pub fn list_page(
    conn: &mut DbConnection,
    filter: &AuditFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<AuditRow>, DbError> {
    let mut query = audit_log::table
        .order(audit_log::id.asc())
        .select(AuditRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(audit_log::id.gt(after.to_owned()));
    }
    if let Some(resource_type) = &filter.resource_type {
        query = query.filter(audit_log::resource_type.eq(resource_type.clone()));
    }
    if let Some(resource_id) = &filter.resource_id {
        query = query.filter(audit_log::resource_id.eq(resource_id.clone()));
    }
    if let Some(actor) = &filter.actor {
        query = query.filter(lower(audit_log::actor).like(lower(prefix_pattern(actor))).escape('\\'));
    }
    Ok(query.load(conn)?)
}

/// A `LIKE` pattern for "starts with `text`" (ignoring case), with `\` escaping
/// the wildcards so `user:` or `partner:demo_x` match only themselves.
fn prefix_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_prefixes_match_wildcards_literally() {
        assert_eq!(prefix_pattern("user:"), "user:%");
        assert_eq!(prefix_pattern("a_b%c\\"), "a\\_b\\%c\\\\%");
    }
}
