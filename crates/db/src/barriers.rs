//! Barrier tickets.

use crate::search::{contains_pattern, lower};
use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::ValidationErrors;
use zorgpact_domain::barrier::{self, BarrierCategory, BarrierFields, BarrierStatus, Ministry, NewBarrier};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::version::Precondition;

use crate::audit::{self, Actor};
use crate::schema::barrier_tickets;
use crate::{DbConnection, DbError, in_transaction, regions};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
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

/// The audit trail's name for a ticket.
const RESOURCE: &str = "barrier_ticket";

/// Which tickets a list shows; `None` means no restriction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BarrierFilter {
    pub region: Option<RegionCode>,
    pub status: Option<BarrierStatus>,
    pub ministry: Option<Ministry>,
    pub category: Option<BarrierCategory>,
    /// Free text, found case-insensitively in the title or the description.
    pub text: Option<String>,
}

#[derive(AsChangeset, Insertable)]
#[diesel(table_name = barrier_tickets, treat_none_as_null = true, treat_none_as_default_value = false)]
struct BarrierChanges<'a> {
    title: &'a str,
    description: &'a str,
    category: &'a str,
    ministry: Option<&'a str>,
    status: &'a str,
    resolution: Option<&'a str>,
    resolution_note: Option<&'a str>,
    closed_at: Option<NaiveDateTime>,
}

impl<'a> BarrierChanges<'a> {
    fn new(f: &'a BarrierFields, closed_at: Option<NaiveDateTime>) -> Self {
        Self {
            title: &f.title,
            description: &f.description,
            category: f.category.as_str(),
            ministry: f.ministry.map(|m| m.as_str()),
            status: f.status.as_str(),
            resolution: f.resolution.map(|r| r.as_str()),
            resolution_note: f.resolution_note.as_deref(),
            closed_at,
        }
    }
}

/// Up to `limit` tickets matching `filter` after the one with id `after`, by id.
pub fn list_page(
    conn: &mut DbConnection,
    filter: &BarrierFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<BarrierRow>, DbError> {
    let mut query = barrier_tickets::table
        .order(barrier_tickets::id.asc())
        .select(BarrierRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(barrier_tickets::id.gt(after.to_owned()));
    }
    if let Some(region) = &filter.region {
        query = query.filter(barrier_tickets::region_code.eq(region.as_str().to_owned()));
    }
    if let Some(status) = filter.status {
        query = query.filter(barrier_tickets::status.eq(status.as_str()));
    }
    if let Some(ministry) = filter.ministry {
        query = query.filter(barrier_tickets::ministry.eq(ministry.as_str()));
    }
    if let Some(category) = filter.category {
        query = query.filter(barrier_tickets::category.eq(category.as_str()));
    }
    if let Some(text) = &filter.text {
        let pattern = contains_pattern(text);
        query = query.filter(
            lower(barrier_tickets::title)
                .like(lower(pattern.clone()))
                .escape('\\')
                .or(lower(barrier_tickets::description).like(lower(pattern)).escape('\\')),
        );
    }
    Ok(query.load(conn)?)
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<BarrierRow, DbError> {
    Ok(barrier_tickets::table
        .find(id)
        .select(BarrierRow::as_select())
        .first(conn)?)
}

/// Files a new ticket for an existing region.
pub fn create(conn: &mut DbConnection, actor: &Actor, barrier: &NewBarrier) -> Result<BarrierRow, DbError> {
    in_transaction(conn, |conn| {
        if !regions::exists(conn, barrier.region_code.as_str())? {
            return Err(DbError::Invalid(ValidationErrors::single(
                "/region_code",
                format!("no region has the code {}", barrier.region_code),
            )));
        }
        let now = Utc::now().naive_utc();
        let id = Uuid::now_v7().to_string();
        let closed_at = barrier::closed_at(barrier.fields.status, None, now);
        diesel::insert_into(barrier_tickets::table)
            .values((
                barrier_tickets::id.eq(&id),
                barrier_tickets::region_code.eq(barrier.region_code.as_str()),
                barrier_tickets::filed_on.eq(barrier.filed_on),
                BarrierChanges::new(&barrier.fields, closed_at),
                barrier_tickets::version.eq(1),
                barrier_tickets::created_at.eq(now),
                barrier_tickets::updated_at.eq(now),
            ))
            .execute(conn)?;
        let created = get(conn, &id)?;
        audit::record(
            conn,
            actor,
            "create",
            RESOURCE,
            &id,
            None::<&BarrierRow>,
            Some(&created),
        )?;
        Ok(created)
    })
}

/// Replaces a ticket's editable fields if its version meets the precondition;
/// `closed_at` follows the status.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    precondition: &Precondition,
    fields: &BarrierFields,
) -> Result<BarrierRow, DbError> {
    in_transaction(conn, |conn| {
        let current = get(conn, id)?;
        if !precondition.admits(current.version) {
            return Err(DbError::PreconditionFailed);
        }
        let now = Utc::now().naive_utc();
        let closed_at = barrier::closed_at(fields.status, current.closed_at, now);
        let changed = diesel::update(
            barrier_tickets::table
                .find(id)
                .filter(barrier_tickets::version.eq(current.version)),
        )
        .set((
            BarrierChanges::new(fields, closed_at),
            barrier_tickets::version.eq(current.version + 1),
            barrier_tickets::updated_at.eq(now),
        ))
        .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        let updated = get(conn, id)?;
        audit::record(conn, actor, "update", RESOURCE, id, Some(&current), Some(&updated))?;
        Ok(updated)
    })
}
