//! Marking a ticket as a duplicate of another: the duplicate then follows its
//! original's resolution. Cycles are refused.

use chrono::Utc;
use diesel::prelude::*;
use zorgpact_domain::barrier::duplicate::check_duplicate_of;
use zorgpact_domain::{InvalidValue, ValidationErrors};

use crate::audit::{self, Actor};
use crate::barriers::{self, RESOURCE, StoredBarrier, bump_version, chain_from};
use crate::schema::barrier_tickets;
use crate::{DbConnection, DbError, in_transaction};

/// Makes the ticket `id`, still at `version`, a duplicate of `original`, or no
/// duplicate at all (`None`).
pub fn set_original(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    version: i64,
    original: Option<&str>,
) -> Result<StoredBarrier, DbError> {
    in_transaction(conn, |conn| {
        let current = barriers::get(conn, id)?;
        if let Some(original) = original {
            let chain = match chain_from(conn, original) {
                Err(DbError::NotFound) => {
                    return Err(DbError::Invalid(ValidationErrors::single(
                        "/original",
                        InvalidValue::unknown_reference(format!("no barrier ticket has the id {original}")),
                    )));
                }
                other => other?,
            };
            let above: Vec<String> = chain.into_iter().map(|t| t.id).collect();
            check_duplicate_of(id, original, &above)
                .map_err(|reason| DbError::Invalid(ValidationErrors::from(reason.at("/original"))))?;
        }
        bump_version(conn, id, version, Utc::now().naive_utc())?;
        diesel::update(barrier_tickets::table.find(id))
            .set(barrier_tickets::duplicate_of.eq(original))
            .execute(conn)?;
        let updated = barriers::get(conn, id)?;
        let operation = if original.is_some() {
            "mark_duplicate"
        } else {
            "unmark_duplicate"
        };
        audit::record(
            conn,
            actor,
            operation,
            RESOURCE,
            id,
            Some(&current.row),
            Some(&updated.row),
        )?;
        Ok(updated)
    })
}
