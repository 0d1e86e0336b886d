//! The register of rules, and which rules each barrier ticket concerns.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::ValidationErrors;
use zorgpact_domain::regulation::NewRegulation;

use crate::audit::{self, Actor};
use crate::barriers::BarrierRow;
use crate::schema::{barrier_regulations, barrier_tickets, factsheet_regulations, factsheets, regulations};
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = regulations)]
pub struct RegulationRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub ministry: Option<String>,
    pub url: Option<String>,
    pub description: String,
    pub created_at: NaiveDateTime,
}

impl RegulationRow {
    /// A row for a new entry with this id.
    pub fn new(id: String, regulation: &NewRegulation, at: NaiveDateTime) -> Self {
        Self {
            id,
            name: regulation.name.clone(),
            kind: regulation.kind.as_str().to_owned(),
            ministry: regulation.ministry.map(|m| m.as_str().to_owned()),
            url: regulation.url.clone(),
            description: regulation.description.clone(),
            created_at: at,
        }
    }
}

/// The register, by name; only rules of `kind` when given.
pub fn list(conn: &mut DbConnection, kind: Option<&str>) -> Result<Vec<RegulationRow>, DbError> {
    let mut query = regulations::table
        .order((regulations::name.asc(), regulations::id.asc()))
        .select(RegulationRow::as_select())
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(regulations::kind.eq(kind.to_owned()));
    }
    Ok(query.load(conn)?)
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<RegulationRow, DbError> {
    Ok(regulations::table
        .find(id)
        .select(RegulationRow::as_select())
        .first(conn)?)
}

/// Adds a rule; a name already in the register is a conflict.
pub fn create(conn: &mut DbConnection, actor: &Actor, regulation: &NewRegulation) -> Result<RegulationRow, DbError> {
    in_transaction(conn, |conn| {
        let taken: i64 = regulations::table
            .filter(regulations::name.eq(&regulation.name))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(DbError::Conflict(format!(
                "the register already has a rule named {:?}",
                regulation.name
            )));
        }
        let row = RegulationRow::new(Uuid::now_v7().to_string(), regulation, Utc::now().naive_utc());
        diesel::insert_into(regulations::table).values(&row).execute(conn)?;
        audit::record(
            conn,
            actor,
            "create",
            "regulation",
            &row.id,
            None::<&RegulationRow>,
            Some(&row),
        )?;
        Ok(row)
    })
}

/// The rules of the register with these ids, in the order given; an unknown id
/// is a 422 at `{pointer}/N`.
pub fn existing(conn: &mut DbConnection, pointer: &str, ids: &[String]) -> Result<Vec<RegulationRow>, DbError> {
    let found: Vec<RegulationRow> = regulations::table
        .filter(regulations::id.eq_any(ids))
        .select(RegulationRow::as_select())
        .load(conn)?;
    let mut errors = Vec::new();
    let mut ordered = Vec::with_capacity(ids.len());
    for (n, id) in ids.iter().enumerate() {
        match found.iter().find(|r| &r.id == id) {
            Some(row) => ordered.push(row.clone()),
            None => errors.push(
                zorgpact_domain::InvalidValue::unknown_reference(format!("no rule of the register has the id {id}"))
                    .at(format!("{pointer}/{n}")),
            ),
        }
    }
    if errors.is_empty() {
        Ok(ordered)
    } else {
        Err(DbError::Invalid(ValidationErrors(errors)))
    }
}

/// The rules a ticket concerns, by name.
pub fn of_ticket(conn: &mut DbConnection, ticket_id: &str) -> Result<Vec<RegulationRow>, DbError> {
    Ok(regulations::table
        .inner_join(barrier_regulations::table)
        .filter(barrier_regulations::ticket_id.eq(ticket_id))
        .order(regulations::name.asc())
        .select(RegulationRow::as_select())
        .load(conn)?)
}

/// Replaces the rules a ticket concerns.
pub fn set_for_ticket(
    conn: &mut DbConnection,
    actor: &Actor,
    ticket_id: &str,
    ids: &[String],
) -> Result<Vec<RegulationRow>, DbError> {
    in_transaction(conn, |conn| {
        existing(conn, "/regulation_ids", ids)?;
        let before = of_ticket(conn, ticket_id)?;
        diesel::delete(barrier_regulations::table.filter(barrier_regulations::ticket_id.eq(ticket_id)))
            .execute(conn)?;
        for id in ids {
            diesel::insert_into(barrier_regulations::table)
                .values((
                    barrier_regulations::ticket_id.eq(ticket_id),
                    barrier_regulations::regulation_id.eq(id),
                ))
                .execute(conn)?;
        }
        let after = of_ticket(conn, ticket_id)?;
        let names = |rows: &[RegulationRow]| rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        audit::record(
            conn,
            actor,
            "set_regulations",
            "barrier_ticket",
            ticket_id,
            Some(&names(&before)),
            Some(&names(&after)),
        )?;
        Ok(after)
    })
}

/// The tickets that concern a rule, by id.
pub fn tickets_of(conn: &mut DbConnection, regulation_id: &str) -> Result<Vec<BarrierRow>, DbError> {
    Ok(barrier_tickets::table
        .inner_join(barrier_regulations::table)
        .filter(barrier_regulations::regulation_id.eq(regulation_id))
        .order(barrier_tickets::id.asc())
        .select(BarrierRow::as_select())
        .load(conn)?)
}

/// The ids of the published factsheets whose draft names a rule.
pub fn published_factsheets_of(conn: &mut DbConnection, regulation_id: &str) -> Result<Vec<String>, DbError> {
    Ok(factsheets::table
        .inner_join(factsheet_regulations::table)
        .filter(factsheet_regulations::regulation_id.eq(regulation_id))
        .filter(factsheets::published_version.is_not_null())
        .order(factsheets::id.asc())
        .select(factsheets::id)
        .load(conn)?)
}
