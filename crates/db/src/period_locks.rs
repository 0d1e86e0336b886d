//! Locked periods: once the programme team approves a period's figures it locks
//! the period, and values and targets of that period refuse every change until an
//! admin reopens it (deletes the lock). Reading stays allowed.
//!
//! A lock on a period holds every period inside it: a lock on `2024` holds
//! `2024`, `2024-Q1`..`2024-Q4` and `2024-01`..`2024-12`; a lock on `2024-Q3` holds
//! `2024-Q3` and `2024-07`..`2024-09`. A lock on a finer period does not hold the
//! coarser one around it (`2024-07` leaves `2024-Q3` and `2024` open): a quarterly
//! or yearly figure is approved on its own. A lock names one indicator, or none
//! for all indicators.
//!
//! The check lives in the write path of [`crate::indicator_values`], so no way of
//! writing (a single `PUT`, a bulk upload, an import) can go around it.

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::analytics::calendar::PeriodExt;
use zorgpact_domain::indicator::IndicatorCode;
use zorgpact_domain::period::{Period, PeriodType};

use crate::audit::{self, Actor};
use crate::schema::period_locks;
use crate::{DbConnection, DbError, in_transaction};

/// What the audit trail calls a lock.
pub const RESOURCE_TYPE: &str = "period_lock";
/// Locks cannot be edited, only created and deleted: their version is fixed.
pub const LOCK_VERSION: i64 = 1;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = period_locks)]
pub struct PeriodLockRow {
    pub id: String,
    pub period: String,
    /// `None`: the lock holds every indicator.
    pub indicator_code: Option<String>,
    pub locked_by: String,
    pub locked_at: NaiveDateTime,
    pub note: String,
}

impl PeriodLockRow {
    /// Whether this lock holds the point of `indicator` in `period`.
    pub fn holds(&self, indicator: &str, period: Period) -> bool {
        self.indicator_code.as_deref().is_none_or(|code| code == indicator) && covering(period).contains(&self.period)
    }

    /// The lock as a message names it.
    pub fn describe(&self) -> String {
        let what = match &self.indicator_code {
            Some(code) => format!("for indicator {code}"),
            None => "for all indicators".to_owned(),
        };
        let note = if self.note.is_empty() {
            String::new()
        } else {
            format!(": \"{}\"", self.note)
        };
        format!(
            "period {} is locked {what} (lock {}, by {} at {}{note})",
            self.period,
            self.id,
            self.locked_by,
            self.locked_at.format("%Y-%m-%dT%H:%M:%SZ"),
        )
    }
}

/// The periods whose lock holds `period`: itself and the coarser periods around it.
fn covering(period: Period) -> Vec<String> {
    [PeriodType::Year, PeriodType::Quarter, PeriodType::Month]
        .into_iter()
        .filter_map(|t| period.parent(t))
        .map(|p| p.to_string())
        .collect()
}

/// Every lock, oldest first. There are few: one per approved period at most.
pub fn all(conn: &mut DbConnection) -> Result<Vec<PeriodLockRow>, DbError> {
    Ok(period_locks::table
        .order(period_locks::id.asc())
        .select(PeriodLockRow::as_select())
        .load(conn)?)
}

/// Up to `limit` locks after the lock with id `after`, oldest first (ids are
/// time-ordered).
pub fn list_page(conn: &mut DbConnection, after: Option<&str>, limit: i64) -> Result<Vec<PeriodLockRow>, DbError> {
    let mut query = period_locks::table
        .order(period_locks::id.asc())
        .select(PeriodLockRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(period_locks::id.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<PeriodLockRow, DbError> {
    Ok(period_locks::table
        .find(id)
        .select(PeriodLockRow::as_select())
        .first(conn)?)
}

/// Locks a period, for one indicator or all. The same lock twice is a conflict
/// naming the first.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    period: Period,
    indicator: Option<&IndicatorCode>,
    note: &str,
) -> Result<PeriodLockRow, DbError> {
    let row = PeriodLockRow {
        id: Uuid::now_v7().to_string(),
        period: period.to_string(),
        indicator_code: indicator.map(|c| c.as_str().to_owned()),
        locked_by: actor.label(),
        // Whole microseconds, as both backends store them.
        locked_at: Utc::now().naive_utc().trunc_subsecs(6),
        note: note.to_owned(),
    };
    in_transaction(conn, |conn| {
        let mut same = period_locks::table
            .filter(period_locks::period.eq(&row.period))
            .select(PeriodLockRow::as_select())
            .into_boxed();
        same = match &row.indicator_code {
            Some(code) => same.filter(period_locks::indicator_code.eq(code.clone())),
            None => same.filter(period_locks::indicator_code.is_null()),
        };
        if let Some(existing) = same.first(conn).optional()? {
            return Err(DbError::Conflict(format!(
                "{}; it is locked already",
                existing.describe()
            )));
        }
        diesel::insert_into(period_locks::table).values(&row).execute(conn)?;
        audit::record(
            conn,
            actor,
            "create",
            RESOURCE_TYPE,
            &row.id,
            None::<&PeriodLockRow>,
            Some(&row),
        )?;
        Ok(row)
    })
}

/// Reopens a period: deletes its lock.
pub fn delete(conn: &mut DbConnection, actor: &Actor, id: &str) -> Result<(), DbError> {
    in_transaction(conn, |conn| {
        let current = get(conn, id)?;
        diesel::delete(period_locks::table.find(id)).execute(conn)?;
        audit::record(
            conn,
            actor,
            "delete",
            RESOURCE_TYPE,
            id,
            Some(&current),
            None::<&PeriodLockRow>,
        )
    })
}

/// Refuses (409, naming the lock) when any of these points, each an indicator and
/// a period, lies in a locked period. `what` names a point for the message.
pub fn refuse_locked<'a>(
    conn: &mut DbConnection,
    points: impl IntoIterator<Item = (&'a str, Period, String)>,
) -> Result<(), DbError> {
    let locks = all(conn)?;
    if locks.is_empty() {
        return Ok(());
    }
    let mut refused: Vec<(String, &PeriodLockRow)> = Vec::new();
    for (indicator, period, what) in points {
        if let Some(lock) = locks.iter().find(|lock| lock.holds(indicator, period)) {
            refused.push((what, lock));
        }
    }
    let Some((first, lock)) = refused.first() else {
        return Ok(());
    };
    let message = match refused.len() {
        1 => format!("{} cannot change: {}", first, lock.describe()),
        n => {
            let mut ids: Vec<&str> = refused.iter().map(|(_, l)| l.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            format!(
                "{n} points lie in locked periods and cannot change (locks {}); the first, {}: {}",
                ids.join(", "),
                first,
                lock.describe()
            )
        }
    };
    Err(DbError::Conflict(format!(
        "{message}. An admin can reopen the period with DELETE /api/v1/period-locks/{{id}}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock(period: &str, indicator: Option<&str>) -> PeriodLockRow {
        PeriodLockRow {
            id: "l1".into(),
            period: period.into(),
            indicator_code: indicator.map(str::to_owned),
            locked_by: "user:admin (Admin)".into(),
            locked_at: NaiveDateTime::default(),
            note: String::new(),
        }
    }

    fn period(s: &str) -> Period {
        Period::parse(s).expect("period")
    }

    #[test]
    fn a_lock_holds_every_period_inside_it() {
        let year = lock("2024", None);
        for inside in ["2024", "2024-Q3", "2024-07", "2024-12"] {
            assert!(year.holds("sick_leave", period(inside)), "{inside}");
        }
        for outside in ["2023", "2025-Q1", "2023-12"] {
            assert!(!year.holds("sick_leave", period(outside)), "{outside}");
        }
        let quarter = lock("2024-Q3", None);
        assert!(quarter.holds("x", period("2024-Q3")));
        assert!(quarter.holds("x", period("2024-08")));
        assert!(!quarter.holds("x", period("2024-10")));
        assert!(!quarter.holds("x", period("2024")), "a finer lock leaves the year open");
        assert!(!lock("2024-07", None).holds("x", period("2024-Q3")));
    }

    #[test]
    fn a_lock_for_one_indicator_leaves_the_others_open() {
        let one = lock("2024", Some("sick_leave"));
        assert!(one.holds("sick_leave", period("2024-Q2")));
        assert!(!one.holds("employees", period("2024")));
    }
}
