//! Regions and their partners.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::region::{Partner, RegionCode, RegionFields};
use zorgpact_domain::version::Precondition;

use crate::audit::{self, Actor};
use crate::schema::{partners, regions};
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = regions)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    pub pact_name: String,
    pub signed_on: Option<NaiveDate>,
    pub ambition: String,
    pub agenda_role: Option<String>,
    pub regioplus_code: Option<String>,
    pub cbs_code: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = partners)]
pub struct PartnerRow {
    pub id: String,
    pub region_code: String,
    pub organisation: String,
    pub sector: String,
    pub created_at: NaiveDateTime,
}

/// Partners cannot be edited, only added and removed: their version is fixed.
pub const PARTNER_VERSION: i64 = 1;

#[derive(AsChangeset, Insertable)]
#[diesel(table_name = regions, treat_none_as_null = true, treat_none_as_default_value = false)]
struct RegionChanges<'a> {
    name: &'a str,
    pact_name: &'a str,
    signed_on: Option<NaiveDate>,
    ambition: &'a str,
    agenda_role: Option<&'a str>,
    regioplus_code: Option<&'a str>,
    cbs_code: Option<&'a str>,
}

impl<'a> From<&'a RegionFields> for RegionChanges<'a> {
    fn from(f: &'a RegionFields) -> Self {
        Self {
            name: &f.name,
            pact_name: &f.pact_name,
            signed_on: f.signed_on,
            ambition: &f.ambition,
            agenda_role: f.agenda_role.map(|r| r.as_str()),
            regioplus_code: f.regioplus_code.as_deref(),
            cbs_code: f.cbs_code.as_deref(),
        }
    }
}

/// All regions, ordered by name.
pub fn list(conn: &mut DbConnection) -> Result<Vec<RegionRow>, DbError> {
    Ok(regions::table
        .order(regions::name.asc())
        .select(RegionRow::as_select())
        .load(conn)?)
}

/// Up to `limit` regions after the one named `after`, ordered by name.
pub fn list_page(conn: &mut DbConnection, after: Option<&str>, limit: i64) -> Result<Vec<RegionRow>, DbError> {
    let mut query = regions::table
        .order(regions::name.asc())
        .select(RegionRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(regions::name.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}

pub fn get(conn: &mut DbConnection, code: &str) -> Result<RegionRow, DbError> {
    Ok(regions::table.find(code).select(RegionRow::as_select()).first(conn)?)
}

pub fn exists(conn: &mut DbConnection, code: &str) -> Result<bool, DbError> {
    Ok(regions::table.find(code).count().get_result::<i64>(conn)? > 0)
}

/// Stores a new region; a taken code or name is a conflict.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    code: &RegionCode,
    fields: &RegionFields,
) -> Result<RegionRow, DbError> {
    let now = Utc::now().naive_utc();
    in_transaction(conn, |conn| {
        if exists(conn, code.as_str())? {
            return Err(DbError::Conflict(format!("region {code} already exists")));
        }
        diesel::insert_into(regions::table)
            .values((
                regions::code.eq(code.as_str()),
                RegionChanges::from(fields),
                regions::version.eq(1),
                regions::created_at.eq(now),
                regions::updated_at.eq(now),
            ))
            .execute(conn)?;
        let created = get(conn, code.as_str())?;
        audit::record(
            conn,
            actor,
            "create",
            "region",
            code.as_str(),
            None::<&RegionRow>,
            Some(&created),
        )?;
        Ok(created)
    })
}

/// Replaces a region's fields if its version meets the precondition.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    code: &str,
    precondition: &Precondition,
    fields: &RegionFields,
) -> Result<RegionRow, DbError> {
    in_transaction(conn, |conn| {
        let current = get(conn, code)?;
        if !precondition.admits(current.version) {
            return Err(DbError::PreconditionFailed);
        }
        let changed = diesel::update(regions::table.find(code).filter(regions::version.eq(current.version)))
            .set((
                RegionChanges::from(fields),
                regions::version.eq(current.version + 1),
                regions::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        let updated = get(conn, code)?;
        audit::record(conn, actor, "update", "region", code, Some(&current), Some(&updated))?;
        Ok(updated)
    })
}

/// A region's partners, ordered by organisation name.
pub fn partners_of(conn: &mut DbConnection, region_code: &str) -> Result<Vec<PartnerRow>, DbError> {
    Ok(partners::table
        .filter(partners::region_code.eq(region_code))
        .order(partners::organisation.asc())
        .select(PartnerRow::as_select())
        .load(conn)?)
}

pub fn get_partner(conn: &mut DbConnection, region_code: &str, id: &str) -> Result<PartnerRow, DbError> {
    Ok(partners::table
        .find(id)
        .filter(partners::region_code.eq(region_code))
        .select(PartnerRow::as_select())
        .first(conn)?)
}

/// Adds a partner to an existing region; the same organisation twice is a conflict.
pub fn add_partner(
    conn: &mut DbConnection,
    actor: &Actor,
    region_code: &str,
    partner: &Partner,
) -> Result<PartnerRow, DbError> {
    in_transaction(conn, |conn| {
        if !exists(conn, region_code)? {
            return Err(DbError::NotFound);
        }
        let taken = partners::table
            .filter(partners::region_code.eq(region_code))
            .filter(partners::organisation.eq(&partner.organisation))
            .count()
            .get_result::<i64>(conn)?;
        if taken > 0 {
            return Err(DbError::Conflict(format!(
                "{} is already a partner",
                partner.organisation
            )));
        }
        let row = PartnerRow {
            id: Uuid::now_v7().to_string(),
            region_code: region_code.to_owned(),
            organisation: partner.organisation.clone(),
            sector: partner.sector.as_str().to_owned(),
            created_at: Utc::now().naive_utc(),
        };
        diesel::insert_into(partners::table).values(&row).execute(conn)?;
        audit::record(
            conn,
            actor,
            "create",
            "partner",
            &row.id,
            None::<&PartnerRow>,
            Some(&row),
        )?;
        Ok(row)
    })
}

/// Removes a partner (and its participation in actions).
pub fn remove_partner(
    conn: &mut DbConnection,
    actor: &Actor,
    region_code: &str,
    id: &str,
    precondition: &Precondition,
) -> Result<PartnerRow, DbError> {
    in_transaction(conn, |conn| {
        let partner = get_partner(conn, region_code, id)?;
        if !precondition.admits(PARTNER_VERSION) {
            return Err(DbError::PreconditionFailed);
        }
        diesel::delete(partners::table.find(id)).execute(conn)?;
        audit::record(
            conn,
            actor,
            "delete",
            "partner",
            id,
            Some(&partner),
            None::<&PartnerRow>,
        )?;
        Ok(partner)
    })
}
