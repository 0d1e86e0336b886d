//! Idempotent requests: the first response to a request with an `Idempotency-Key`
//! is stored in the same transaction as its effect; a retry with the same key and
//! the same body gets that response back and changes nothing.

use chrono::Utc;
use diesel::prelude::*;

use crate::schema::idempotency_keys;
use crate::{DbConnection, DbError, in_transaction};

/// A response as first sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    pub etag: Option<String>,
}

/// The request a key belongs to.
pub struct IdempotentRequest<'a> {
    /// The operation, e.g. `POST /api/v1/actions` (later also the caller).
    pub scope: &'a str,
    pub key: &'a str,
    /// A hash of the request body: the same key with another body is refused.
    pub request_hash: &'a str,
}

pub enum Outcome {
    /// The work ran now.
    Fresh(StoredResponse),
    /// The key was seen before; this is the stored first response.
    Replayed(StoredResponse),
}

#[derive(Queryable)]
struct StoredRow {
    request_hash: String,
    status: i32,
    body: String,
    location: Option<String>,
    etag: Option<String>,
}

/// Runs `work` once per key, in one transaction with the record of its response.
pub fn run_once(
    conn: &mut DbConnection,
    request: &IdempotentRequest<'_>,
    work: impl FnOnce(&mut DbConnection) -> Result<StoredResponse, DbError>,
) -> Result<Outcome, DbError> {
    in_transaction(conn, |conn| {
        let existing: Option<StoredRow> = idempotency_keys::table
            .find((request.scope, request.key))
            .select((
                idempotency_keys::request_hash,
                idempotency_keys::status,
                idempotency_keys::body,
                idempotency_keys::location,
                idempotency_keys::etag,
            ))
            .first(conn)
            .optional()?;
        if let Some(row) = existing {
            if row.request_hash != request.request_hash {
                return Err(DbError::IdempotencyKeyReused);
            }
            return Ok(Outcome::Replayed(StoredResponse {
                status: u16::try_from(row.status).unwrap_or(200),
                body: row.body,
                location: row.location,
                etag: row.etag,
            }));
        }
        let response = work(conn)?;
        diesel::insert_into(idempotency_keys::table)
            .values((
                idempotency_keys::scope.eq(request.scope),
                idempotency_keys::idempotency_key.eq(request.key),
                idempotency_keys::request_hash.eq(request.request_hash),
                idempotency_keys::status.eq(i32::from(response.status)),
                idempotency_keys::body.eq(&response.body),
                idempotency_keys::location.eq(&response.location),
                idempotency_keys::etag.eq(&response.etag),
                idempotency_keys::created_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)
            .map_err(|e| match DbError::from(e) {
                // Another request with this key committed first.
                DbError::Conflict(_) => DbError::IdempotencyKeyInFlight,
                other => other,
            })?;
        Ok(Outcome::Fresh(response))
    })
}
