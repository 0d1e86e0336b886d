//! User accounts and the regions a coordinator works for.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::version::Precondition;

use crate::audit::{self, Actor};
use crate::schema::{user_regions, users};
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// Never leaves the server, not even into the audit trail.
    #[serde(skip_serializing)]
    pub password_hash: String,
    pub role: String,
    pub ministry: Option<String>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

/// A user with their regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserRecord {
    #[serde(flatten)]
    pub user: UserRow,
    pub regions: Vec<String>,
}

/// The fields of a user an admin sets.
#[derive(Debug, Clone)]
pub struct UserFields {
    pub display_name: String,
    pub role: String,
    pub ministry: Option<String>,
    pub regions: Vec<String>,
    pub active: bool,
}

fn regions_of(conn: &mut DbConnection, user_id: &str) -> Result<Vec<String>, DbError> {
    Ok(user_regions::table
        .filter(user_regions::user_id.eq(user_id))
        .order(user_regions::region_code.asc())
        .select(user_regions::region_code)
        .load(conn)?)
}

fn with_regions(conn: &mut DbConnection, user: UserRow) -> Result<UserRecord, DbError> {
    let regions = regions_of(conn, &user.id)?;
    Ok(UserRecord { user, regions })
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<UserRecord, DbError> {
    let user = users::table.find(id).select(UserRow::as_select()).first(conn)?;
    with_regions(conn, user)
}

/// The account with this e-mail address (compared case-insensitively).
pub fn find_by_email(conn: &mut DbConnection, email: &str) -> Result<Option<UserRecord>, DbError> {
    let user = users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?;
    user.map(|u| with_regions(conn, u)).transpose()
}

/// Users ordered by e-mail address, after `after`.
pub fn list_page(conn: &mut DbConnection, after: Option<&str>, limit: i64) -> Result<Vec<UserRecord>, DbError> {
    let mut query = users::table
        .order(users::email.asc())
        .select(UserRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(users::email.gt(after.to_owned()));
    }
    let rows = query.load(conn)?;
    rows.into_iter().map(|u| with_regions(conn, u)).collect()
}

fn set_regions(conn: &mut DbConnection, user_id: &str, regions: &[String]) -> Result<(), DbError> {
    diesel::delete(user_regions::table.filter(user_regions::user_id.eq(user_id))).execute(conn)?;
    for region in regions {
        diesel::insert_into(user_regions::table)
            .values((user_regions::user_id.eq(user_id), user_regions::region_code.eq(region)))
            .execute(conn)
            .map_err(|e| match DbError::from(e) {
                DbError::MissingReference(_) => DbError::Invalid(zorgpact_domain::ValidationErrors::single(
                    "/regions",
                    zorgpact_domain::InvalidValue::unknown_reference(format!("unknown region {region}")),
                )),
                other => other,
            })?;
    }
    Ok(())
}

/// Creates an account; a taken e-mail address is a conflict.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    email: &str,
    password_hash: &str,
    fields: &UserFields,
) -> Result<UserRecord, DbError> {
    let email = email.trim().to_lowercase();
    in_transaction(conn, |conn| {
        if find_by_email(conn, &email)?.is_some() {
            return Err(DbError::Conflict(format!("an account for {email} already exists")));
        }
        let now = Utc::now().naive_utc();
        let id = Uuid::now_v7().to_string();
        diesel::insert_into(users::table)
            .values((
                users::id.eq(&id),
                users::email.eq(&email),
                users::display_name.eq(&fields.display_name),
                users::password_hash.eq(password_hash),
                users::role.eq(&fields.role),
                users::ministry.eq(&fields.ministry),
                users::active.eq(fields.active),
                users::created_at.eq(now),
                users::updated_at.eq(now),
                users::version.eq(1),
            ))
            .execute(conn)?;
        set_regions(conn, &id, &fields.regions)?;
        let created = get(conn, &id)?;
        audit::record(conn, actor, "create", "user", &id, None::<&UserRecord>, Some(&created))?;
        Ok(created)
    })
}

/// Replaces the admin-set fields; `password_hash`, when given, replaces the password.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    precondition: &Precondition,
    fields: &UserFields,
    password_hash: Option<&str>,
) -> Result<UserRecord, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        if !precondition.admits(before.user.version) {
            return Err(DbError::PreconditionFailed);
        }
        let changed = diesel::update(users::table.find(id).filter(users::version.eq(before.user.version)))
            .set((
                users::display_name.eq(&fields.display_name),
                users::role.eq(&fields.role),
                users::ministry.eq(&fields.ministry),
                users::active.eq(fields.active),
                users::password_hash.eq(password_hash.unwrap_or(&before.user.password_hash)),
                users::version.eq(before.user.version + 1),
                users::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        set_regions(conn, id, &fields.regions)?;
        let after = get(conn, id)?;
        audit::record(conn, actor, "update", "user", id, Some(&before), Some(&after))?;
        Ok(after)
    })
}
