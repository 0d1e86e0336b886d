//! The ministries' service targets for barrier tickets, with their history: a
//! change adds a row valid from then on, so older tickets keep their targets.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::barrier::Ministry;
use zorgpact_domain::barrier::clock::{ServiceTargets, TargetPeriod};

use crate::audit::{self, Actor};
use crate::schema::service_targets;
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = service_targets)]
pub struct ServiceTargetRow {
    pub id: String,
    pub ministry: String,
    pub first_response_days: i32,
    pub answer_days: i32,
    pub valid_from: NaiveDateTime,
    /// Who set them, by name.
    pub set_by: String,
}

impl ServiceTargetRow {
    pub fn period(&self) -> Result<TargetPeriod, DbError> {
        let broken = |e| DbError::Internal(format!("stored service target {}: {e}", self.id));
        let ministry = Ministry::parse(&self.ministry).map_err(broken)?;
        let targets = ServiceTargets::parse(self.first_response_days.into(), self.answer_days.into())
            .map_err(|e| DbError::Internal(format!("stored service target {}: {e}", self.id)))?;
        Ok(TargetPeriod {
            ministry,
            valid_from: self.valid_from,
            targets,
        })
    }
}

/// Every target ever set, per ministry oldest first.
pub fn history(conn: &mut DbConnection) -> Result<Vec<ServiceTargetRow>, DbError> {
    Ok(service_targets::table
        .order((service_targets::ministry.asc(), service_targets::valid_from.asc()))
        .select(ServiceTargetRow::as_select())
        .load(conn)?)
}

/// The history as the domain reads it.
pub fn periods(conn: &mut DbConnection) -> Result<Vec<TargetPeriod>, DbError> {
    history(conn)?.iter().map(ServiceTargetRow::period).collect()
}

/// New targets for a ministry, in force from now on.
pub fn set(
    conn: &mut DbConnection,
    actor: &Actor,
    ministry: Ministry,
    targets: ServiceTargets,
) -> Result<ServiceTargetRow, DbError> {
    in_transaction(conn, |conn| {
        let row = ServiceTargetRow {
            id: Uuid::now_v7().to_string(),
            ministry: ministry.as_str().to_owned(),
            first_response_days: i32::try_from(targets.first_response_days)
                .map_err(|e| DbError::Internal(e.to_string()))?,
            answer_days: i32::try_from(targets.answer_days).map_err(|e| DbError::Internal(e.to_string()))?,
            valid_from: Utc::now().naive_utc(),
            set_by: actor.name.clone(),
        };
        diesel::insert_into(service_targets::table).values(&row).execute(conn)?;
        audit::record(
            conn,
            actor,
            "create",
            "service_target",
            &row.id,
            None::<&ServiceTargetRow>,
            Some(&row),
        )?;
        Ok(row)
    })
}
