//! The audit trail's hash chain: the one place that says what an entry's hash
//! covers, how an entry is appended and how the chain is checked.
//!
//! Entry `seq` (1, 2, …) stores the hash of entry `seq - 1` as `prev_hash` (the
//! first stores [`GENESIS`]) and `hash` = SHA-256 over that and its own fields.
//! Changing or deleting an entry in the database breaks the chain after it.
//! Without a secret this shows tampering, it cannot prevent someone with write
//! access from rewriting the whole chain: operators keep the head hash that
//! `zorgpact verify-audit` prints somewhere else to compare.

use chrono::{NaiveDateTime, SubsecRound};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::AuditRow;
use crate::connection::{WriterQueue, queue_writers};
use crate::schema::audit_log;
use crate::{DbConnection, DbError, in_transaction, read_snapshot};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "";

/// An entry with its place in the chain, as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub(crate) struct ChainedRow {
    #[diesel(embed)]
    pub entry: AuditRow,
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
}

/// The timestamp as hashed: to the microsecond, which both backends keep.
pub(crate) fn hashed_time(at: NaiveDateTime) -> NaiveDateTime {
    at.trunc_subsecs(6)
}

/// The audit rule: SHA-256 (hex) over a JSON array of the entry's place, the
/// previous hash and every field of the entry. JSON keeps the fields apart and
/// tells a missing state (`null`) from an empty one.
pub fn entry_hash(seq: i64, prev_hash: &str, entry: &AuditRow) -> String {
    let canonical = serde_json::json!([
        seq,
        prev_hash,
        entry.id,
        hashed_time(entry.occurred_at)
            .format("%Y-%m-%dT%H:%M:%S%.6f")
            .to_string(),
        entry.actor,
        entry.operation,
        entry.resource_type,
        entry.resource_id,
        entry.before_state,
        entry.after_state,
    ]);
    Sha256::digest(canonical.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Links `entries` to the chain after `(seq, hash)`, the current head.
fn link(head: (i64, String), entries: &[AuditRow]) -> Vec<ChainedRow> {
    let (mut seq, mut prev_hash) = head;
    entries
        .iter()
        .map(|entry| {
            seq += 1;
            let hash = entry_hash(seq, &prev_hash, entry);
            ChainedRow {
                entry: entry.clone(),
                seq,
                prev_hash: std::mem::replace(&mut prev_hash, hash.clone()),
                hash,
            }
        })
        .collect()
}

/// Appends entries to the chain. Runs in the caller's transaction, which must
/// hold the chain's head until it commits so the chain stays one line: SQLite
/// has one writer at a time (`in_transaction` takes the write lock first);
/// PostgreSQL writers queue on a transaction-scoped advisory lock. The unique
/// `seq` catches any writer that got around both.
pub(crate) fn append(conn: &mut DbConnection, entries: &[AuditRow]) -> Result<(), DbError> {
    // A savepoint in the caller's transaction; a transaction of its own if the
    // caller has none, so the lock below is always held until the commit.
    in_transaction(conn, |conn| {
        queue_writers(conn, WriterQueue::AuditChain)?;
        let head = audit_log::table
            .select((audit_log::seq, audit_log::hash))
            .order(audit_log::seq.desc())
            .first::<(i64, String)>(conn)
            .optional()?
            .unwrap_or((0, GENESIS.to_owned()));
        let rows = link(head, entries);
        crate::connection::insert_batches!(conn, audit_log::table, rows, 11);
        Ok(())
    })
}

/// Hashes the entries written before the chain existed (numbered by the
/// migration that added it, with an empty hash), in their order.
pub(crate) fn chain_existing_entries(conn: &mut DbConnection) -> Result<usize, DbError> {
    in_transaction(conn, |conn| {
        let unchained: Vec<ChainedRow> = audit_log::table
            .filter(audit_log::hash.eq(""))
            .order(audit_log::seq.asc())
            .select(ChainedRow::as_select())
            .load(conn)?;
        let entries: Vec<AuditRow> = unchained.into_iter().map(|row| row.entry).collect();
        for row in link((0, GENESIS.to_owned()), &entries) {
            diesel::update(audit_log::table.find(&row.entry.id))
                .set((
                    audit_log::seq.eq(row.seq),
                    audit_log::prev_hash.eq(&row.prev_hash),
                    audit_log::hash.eq(&row.hash),
                ))
                .execute(conn)?;
        }
        Ok(entries.len())
    })
}

/// What a walk along the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainReport {
    /// Every entry links to the one before; `head` is the last entry's hash.
    Intact { entries: i64, head: Option<String> },
    /// The first entry where the chain breaks, and why.
    Broken {
        id: String,
        seq: i64,
        occurred_at: NaiveDateTime,
        problem: String,
    },
}

/// Walks the chain from the first entry, on one snapshot.
pub fn verify(conn: &mut DbConnection) -> Result<ChainReport, DbError> {
    const PAGE: i64 = 1_000;
    read_snapshot(conn, |conn| {
        let (mut last_seq, mut last_hash) = (0_i64, GENESIS.to_owned());
        loop {
            let page: Vec<ChainedRow> = audit_log::table
                .filter(audit_log::seq.gt(last_seq))
                .order(audit_log::seq.asc())
                .limit(PAGE)
                .select(ChainedRow::as_select())
                .load(conn)?;
            if page.is_empty() {
                let head = (last_seq > 0).then_some(last_hash);
                return Ok(ChainReport::Intact {
                    entries: last_seq,
                    head,
                });
            }
            for row in &page {
                if let Some(problem) = check_link(last_seq, &last_hash, row) {
                    return Ok(ChainReport::Broken {
                        id: row.entry.id.clone(),
                        seq: row.seq,
                        occurred_at: row.entry.occurred_at,
                        problem,
                    });
                }
                (last_seq, last_hash) = (row.seq, row.hash.clone());
            }
        }
    })
}

/// Why `row` does not follow the entry `(seq, hash)` before it, if it does not.
fn check_link(prev_seq: i64, prev_hash: &str, row: &ChainedRow) -> Option<String> {
    if row.seq != prev_seq + 1 {
        return Some(if prev_seq == 0 {
            format!(
                "the chain starts at entry {}: entries before it are missing (deleted?)",
                row.seq
            )
        } else if row.seq == prev_seq + 2 {
            format!("entry {} before it is missing (deleted?)", prev_seq + 1)
        } else {
            format!(
                "entries {} to {} before it are missing (deleted?)",
                prev_seq + 1,
                row.seq - 1
            )
        });
    }
    if row.prev_hash != prev_hash {
        return Some("it does not link to the entry before it (that entry was replaced?)".into());
    }
    if entry_hash(row.seq, &row.prev_hash, &row.entry) != row.hash {
        return Some("its contents do not match its hash (the entry was altered)".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, after: Option<&str>) -> AuditRow {
        AuditRow {
            id: id.into(),
            occurred_at: chrono::DateTime::from_timestamp(1_765_000_000, 123_456_789)
                .expect("a time")
                .naive_utc(),
            actor: "system (test)".into(),
            operation: "update".into(),
            resource_type: "region".into(),
            resource_id: "GR".into(),
            before_state: None,
            after_state: after.map(Into::into),
        }
    }

    #[test]
    fn each_link_covers_the_previous_hash_and_every_field() {
        let rows = link((0, GENESIS.into()), &[entry("a", Some("{}")), entry("b", None)]);
        assert_eq!((rows[0].seq, rows[1].seq), (1, 2));
        assert_eq!(rows[0].prev_hash, GENESIS);
        assert_eq!(rows[1].prev_hash, rows[0].hash);
        assert!(rows.iter().all(|r| check_link(r.seq - 1, &r.prev_hash, r).is_none()));

        let base = entry_hash(1, GENESIS, &entry("a", Some("{}")));
        assert_eq!(base.len(), 64);
        assert_ne!(base, entry_hash(1, GENESIS, &entry("a", Some(""))), "state");
        assert_ne!(base, entry_hash(1, GENESIS, &entry("a", None)), "null is not empty");
        assert_ne!(base, entry_hash(2, GENESIS, &entry("a", Some("{}"))), "place");
        assert_ne!(base, entry_hash(1, "x", &entry("a", Some("{}"))), "previous hash");
        // Nanoseconds PostgreSQL would not keep do not count.
        let mut later = entry("a", Some("{}"));
        later.occurred_at += chrono::Duration::nanoseconds(200);
        assert_eq!(base, entry_hash(1, GENESIS, &later));
    }
}
