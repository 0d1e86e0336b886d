//! The contact log of barrier tickets: meetings, phone calls and e-mails.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::barrier::contact::{ContactCounts, ContactKind, NewContact};

use crate::audit::{self, Actor};
use crate::barriers::{self, stored};
use crate::schema::barrier_contacts;
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = barrier_contacts)]
pub struct ContactRow {
    pub id: String,
    pub ticket_id: String,
    pub kind: String,
    pub contact_on: NaiveDate,
    pub participants: String,
    pub note: Option<String>,
    pub recorded_by_id: String,
    pub recorded_by_name: String,
    pub recorded_at: NaiveDateTime,
}

/// A ticket's contacts, most recent first.
pub fn list(conn: &mut DbConnection, ticket_id: &str) -> Result<Vec<ContactRow>, DbError> {
    Ok(barrier_contacts::table
        .filter(barrier_contacts::ticket_id.eq(ticket_id))
        .order((barrier_contacts::contact_on.desc(), barrier_contacts::id.desc()))
        .select(ContactRow::as_select())
        .load(conn)?)
}

/// Logs a contact on an existing ticket.
pub fn add(
    conn: &mut DbConnection,
    actor: &Actor,
    ticket_id: &str,
    contact: &NewContact,
) -> Result<ContactRow, DbError> {
    in_transaction(conn, |conn| {
        barriers::require(conn, ticket_id)?;
        let row = ContactRow {
            id: Uuid::now_v7().to_string(),
            ticket_id: ticket_id.to_owned(),
            kind: contact.kind.as_str().to_owned(),
            contact_on: contact.contact_on,
            participants: contact.participants.clone(),
            note: contact.note.clone(),
            recorded_by_id: actor.id.clone(),
            recorded_by_name: actor.name.clone(),
            recorded_at: Utc::now().naive_utc(),
        };
        diesel::insert_into(barrier_contacts::table)
            .values(&row)
            .execute(conn)?;
        audit::record(
            conn,
            actor,
            "create",
            "barrier_contact",
            &row.id,
            None::<&ContactRow>,
            Some(&row),
        )?;
        Ok(row)
    })
}

/// The contacts of every ticket, counted by kind.
pub fn counts(conn: &mut DbConnection) -> Result<ContactCounts, DbError> {
    let kinds: Vec<String> = barrier_contacts::table.select(barrier_contacts::kind).load(conn)?;
    let kinds = kinds
        .iter()
        .map(|kind| stored::<ContactKind>("contact kind", kind))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ContactCounts::of(kinds))
}
