//! Refresh tokens (stored as hashes, rotated on use) and failed logins (for rate
//! limiting). Kept in the database so every API instance behind a load balancer
//! sees the same state.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{login_failures, refresh_tokens};
use crate::{DbConnection, DbError, in_transaction};

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// Valid: replaced by the new token; the user it belongs to.
    Rotated { user_id: String },
    /// Unknown, expired or revoked.
    Refused,
    /// An already rotated token came back: it was stolen or replayed, so the whole
    /// family is revoked.
    ReuseDetected,
}

pub fn store_refresh_token(
    conn: &mut DbConnection,
    user_id: &str,
    token_hash: &str,
    family_id: &str,
    expires_at: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(Uuid::now_v7().to_string()),
            refresh_tokens::user_id.eq(user_id),
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::family_id.eq(family_id),
            refresh_tokens::expires_at.eq(expires_at),
            refresh_tokens::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Exchanges a refresh token for a new one of the same family.
pub fn rotate_refresh_token(
    conn: &mut DbConnection,
    old_hash: &str,
    new_hash: &str,
    new_expires_at: NaiveDateTime,
) -> Result<Rotation, DbError> {
    in_transaction(conn, |conn| {
        let now = Utc::now().naive_utc();
        let found: Option<(String, String, NaiveDateTime, Option<NaiveDateTime>)> = refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(old_hash))
            .select((
                refresh_tokens::user_id,
                refresh_tokens::family_id,
                refresh_tokens::expires_at,
                refresh_tokens::revoked_at,
            ))
            .first(conn)
            .optional()?;
        let Some((user_id, family_id, expires_at, revoked_at)) = found else {
            return Ok(Rotation::Refused);
        };
        if revoked_at.is_some() {
            diesel::update(refresh_tokens::table.filter(refresh_tokens::family_id.eq(&family_id)))
                .filter(refresh_tokens::revoked_at.is_null())
                .set(refresh_tokens::revoked_at.eq(Some(now)))
                .execute(conn)?;
            return Ok(Rotation::ReuseDetected);
        }
        if expires_at <= now {
            return Ok(Rotation::Refused);
        }
        diesel::update(refresh_tokens::table.filter(refresh_tokens::token_hash.eq(old_hash)))
            .set(refresh_tokens::revoked_at.eq(Some(now)))
            .execute(conn)?;
        store_refresh_token(conn, &user_id, new_hash, &family_id, new_expires_at)?;
        Ok(Rotation::Rotated { user_id })
    })
}

/// Revokes a refresh token (logout); false when it was unknown or already revoked.
pub fn revoke_refresh_token(conn: &mut DbConnection, token_hash: &str) -> Result<bool, DbError> {
    let changed = diesel::update(refresh_tokens::table.filter(refresh_tokens::token_hash.eq(token_hash)))
        .filter(refresh_tokens::revoked_at.is_null())
        .set(refresh_tokens::revoked_at.eq(Some(Utc::now().naive_utc())))
        .execute(conn)?;
    Ok(changed > 0)
}

/// How many failures `key` had since `since`, and when the oldest of them was.
pub fn recent_failures(
    conn: &mut DbConnection,
    key: &str,
    since: NaiveDateTime,
) -> Result<(i64, Option<NaiveDateTime>), DbError> {
    let times: Vec<NaiveDateTime> = login_failures::table
        .filter(login_failures::failure_key.eq(key))
        .filter(login_failures::occurred_at.gt(since))
        .order(login_failures::occurred_at.asc())
        .select(login_failures::occurred_at)
        .load(conn)?;
    Ok((i64::try_from(times.len()).unwrap_or(i64::MAX), times.first().copied()))
}

pub fn record_failure(conn: &mut DbConnection, keys: &[String]) -> Result<(), DbError> {
    let now = Utc::now().naive_utc();
    for key in keys {
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::id.eq(Uuid::now_v7().to_string()),
                login_failures::failure_key.eq(key),
                login_failures::occurred_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Forgets the failures of `key` (after a successful login).
pub fn clear_failures(conn: &mut DbConnection, key: &str) -> Result<(), DbError> {
    diesel::delete(login_failures::table.filter(login_failures::failure_key.eq(key))).execute(conn)?;
    Ok(())
}
