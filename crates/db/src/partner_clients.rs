//! Partner systems' credentials (OAuth client credentials): scopes and regions.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::version::Precondition;

use crate::audit::{self, Actor};
use crate::schema::{partner_client_regions, partner_clients};
use crate::{DbConnection, DbError, in_transaction, webhooks};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = partner_clients)]
pub struct PartnerClientRow {
    pub id: String,
    pub client_id: String,
    pub name: String,
    #[serde(skip_serializing)]
    pub secret_hash: String,
    /// Space-separated scope codes.
    pub scopes: String,
    pub active: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerClientRecord {
    #[serde(flatten)]
    pub client: PartnerClientRow,
    pub regions: Vec<String>,
}

/// A new credential; the secret is hashed by the caller.
pub struct NewPartnerClient<'a> {
    pub client_id: &'a str,
    pub name: &'a str,
    pub secret_hash: &'a str,
    pub scopes: &'a [String],
    pub regions: &'a [String],
}

fn with_regions(conn: &mut DbConnection, client: PartnerClientRow) -> Result<PartnerClientRecord, DbError> {
    let regions = partner_client_regions::table
        .filter(partner_client_regions::partner_client_id.eq(&client.id))
        .order(partner_client_regions::region_code.asc())
        .select(partner_client_regions::region_code)
        .load(conn)?;
    Ok(PartnerClientRecord { client, regions })
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<PartnerClientRecord, DbError> {
    let client = partner_clients::table
        .find(id)
        .select(PartnerClientRow::as_select())
        .first(conn)?;
    with_regions(conn, client)
}

pub fn find_by_client_id(conn: &mut DbConnection, client_id: &str) -> Result<Option<PartnerClientRecord>, DbError> {
    let client = partner_clients::table
        .filter(partner_clients::client_id.eq(client_id))
        .select(PartnerClientRow::as_select())
        .first(conn)
        .optional()?;
    client.map(|c| with_regions(conn, c)).transpose()
}

/// Credentials ordered by client id, after `after`.
pub fn list_page(
    conn: &mut DbConnection,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<PartnerClientRecord>, DbError> {
    let mut query = partner_clients::table
        .order(partner_clients::client_id.asc())
        .select(PartnerClientRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(partner_clients::client_id.gt(after.to_owned()));
    }
    let rows = query.load(conn)?;
    rows.into_iter().map(|c| with_regions(conn, c)).collect()
}

pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    new: &NewPartnerClient<'_>,
) -> Result<PartnerClientRecord, DbError> {
    in_transaction(conn, |conn| {
        if find_by_client_id(conn, new.client_id)?.is_some() {
            return Err(DbError::Conflict(format!("client id {} is taken", new.client_id)));
        }
        let now = Utc::now().naive_utc();
        let id = Uuid::now_v7().to_string();
        diesel::insert_into(partner_clients::table)
            .values((
                partner_clients::id.eq(&id),
                partner_clients::client_id.eq(new.client_id),
                partner_clients::name.eq(new.name),
                partner_clients::secret_hash.eq(new.secret_hash),
                partner_clients::scopes.eq(new.scopes.join(" ")),
                partner_clients::active.eq(true),
                partner_clients::version.eq(1),
                partner_clients::created_at.eq(now),
                partner_clients::updated_at.eq(now),
            ))
            .execute(conn)?;
        for region in new.regions {
            diesel::insert_into(partner_client_regions::table)
                .values((
                    partner_client_regions::partner_client_id.eq(&id),
                    partner_client_regions::region_code.eq(region),
                ))
                .execute(conn)
                .map_err(|e| match DbError::from(e) {
                    DbError::MissingReference(_) => DbError::Invalid(zorgpact_domain::ValidationErrors::single(
                        "/regions",
                        zorgpact_domain::InvalidValue::unknown_reference(format!("unknown region {region}")),
                    )),
                    other => other,
                })?;
        }
        let created = get(conn, &id)?;
        audit::record(
            conn,
            actor,
            "create",
            "partner_client",
            &id,
            None::<&PartnerClientRecord>,
            Some(&created),
        )?;
        Ok(created)
    })
}

/// Revokes a credential: it can no longer get tokens. Revoking a revoked
/// credential changes nothing (and records nothing).
pub fn deactivate(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    precondition: &Precondition,
) -> Result<PartnerClientRecord, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        if !precondition.admits(before.client.version) {
            return Err(DbError::PreconditionFailed);
        }
        if !before.client.active {
            return Ok(before);
        }
        let changed = diesel::update(
            partner_clients::table
                .find(id)
                .filter(partner_clients::version.eq(before.client.version)),
        )
        .set((
            partner_clients::active.eq(false),
            partner_clients::version.eq(before.client.version + 1),
            partner_clients::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        // A partner's principal id, as its tokens name it: its webhooks stop too.
        webhooks::deactivate_owned_by(conn, &format!("partner:{}", before.client.client_id))?;
        let after = get(conn, id)?;
        audit::record(
            conn,
            actor,
            "deactivate",
            "partner_client",
            id,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}
