//! Reads for indicator analytics: the values and targets of a selection of
//! indicators, regions and periods, one query per table, filtered in SQL, so a
//! series, roll-up or table costs the same few queries however many regions and
//! periods it spans. The figures themselves are computed on read by the caller.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl;
use diesel::prelude::*;

use crate::schema::{indicator_targets, indicator_values, regions};
use crate::{DbConnection, DbError};

/// Which points to read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// Indicator codes; none reads nothing.
    pub indicators: Vec<String>,
    /// Region codes; `None` is every region.
    pub regions: Option<Vec<String>>,
    /// Earliest period start, inclusive.
    pub first_start: Option<NaiveDate>,
    /// Latest period start, inclusive.
    pub last_start: Option<NaiveDate>,
    /// At most this many rows per table (a memory guard for large tables).
    pub limit: Option<i64>,
}

/// A stored value as analytics read it.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = indicator_values)]
pub struct ValuePoint {
    pub indicator_code: String,
    pub region_code: String,
    pub period: String,
    pub value: f64,
    pub status: String,
    pub source: String,
    pub updated_at: NaiveDateTime,
}

/// A stored target as analytics read it.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = indicator_targets)]
pub struct TargetPoint {
    pub indicator_code: String,
    pub region_code: String,
    pub period: String,
    pub value: f64,
    pub updated_at: NaiveDateTime,
}

/// A region with the external codes analysts join on.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = regions)]
pub struct RegionKeys {
    pub code: String,
    pub name: String,
    pub regioplus_code: Option<String>,
    pub cbs_code: Option<String>,
    pub updated_at: NaiveDateTime,
}

/// Every region, in code order.
pub fn regions(conn: &mut DbConnection) -> Result<Vec<RegionKeys>, DbError> {
    Ok(regions::table
        .order(regions::code.asc())
        .select(RegionKeys::as_select())
        .load(conn)?)
}

/// The selected values, ordered by indicator, region and period start.
pub fn values(conn: &mut DbConnection, selection: &Selection) -> Result<Vec<ValuePoint>, DbError> {
    if selection.indicators.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = indicator_values::table
        .filter(indicator_values::indicator_code.eq_any(&selection.indicators))
        .order((
            indicator_values::indicator_code.asc(),
            indicator_values::region_code.asc(),
            indicator_values::period_start.asc(),
        ))
        .select(ValuePoint::as_select())
        .into_boxed();
    match &selection.regions {
        Some(regions) => query = query.filter(indicator_values::region_code.eq_any(regions.clone())),
        // Every region, named: values are stored by (indicator, region, period
        // start), so a period range is then one seek per region instead of a walk
        // over each indicator's whole history.
        None if selection.first_start.is_some() || selection.last_start.is_some() => {
            query = query.filter(indicator_values::region_code.eq_any(regions::table.select(regions::code)));
        }
        None => {}
    }
    if let Some(first) = selection.first_start {
        query = query.filter(indicator_values::period_start.ge(first));
    }
    if let Some(last) = selection.last_start {
        query = query.filter(indicator_values::period_start.le(last));
    }
    if let Some(limit) = selection.limit {
        query = query.limit(limit);
    }
    Ok(query.load(conn)?)
}

/// The selected targets, ordered by indicator, region and period start.
pub fn targets(conn: &mut DbConnection, selection: &Selection) -> Result<Vec<TargetPoint>, DbError> {
    if selection.indicators.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = indicator_targets::table
        .filter(indicator_targets::indicator_code.eq_any(&selection.indicators))
        .order((
            indicator_targets::indicator_code.asc(),
            indicator_targets::region_code.asc(),
            indicator_targets::period_start.asc(),
        ))
        .select(TargetPoint::as_select())
        .into_boxed();
    if let Some(regions) = &selection.regions {
        query = query.filter(indicator_targets::region_code.eq_any(regions.clone()));
    }
    if let Some(first) = selection.first_start {
        query = query.filter(indicator_targets::period_start.ge(first));
    }
    if let Some(last) = selection.last_start {
        query = query.filter(indicator_targets::period_start.le(last));
    }
    if let Some(limit) = selection.limit {
        query = query.limit(limit);
    }
    Ok(query.load(conn)?)
}

/// The audit trail's resource types whose writes can change a computed figure:
/// values, targets, the indicators' rules and the regions.
const FIGURE_SOURCES: [&str; 5] = [
    "indicator_value",
    "indicator_target",
    "indicator_import",
    "indicator",
    "region",
];

/// Where the audit trail stands for figures: the place of the latest entry that
/// wrote a value, target, indicator or region (0 before any). Every such write is
/// audited in its own transaction, and entries are numbered in commit order, so two
/// reads that see the same number see the same figures: answers computed from them
/// can be kept under it, on every instance, and a write changes it the moment it
/// commits. One index lookup per type (`audit_log_type_seq_idx`), in one
/// statement that both backends keep prepared: it runs for every figure
/// answered, most of them from memory.
pub fn figures_generation(conn: &mut DbConnection) -> Result<i64, DbError> {
    use crate::schema::audit_log;
    let [a, b, c, d, e] = FIGURE_SOURCES.map(|kind| {
        audit_log::table
            .filter(audit_log::resource_type.eq(kind))
            .select(dsl::max(audit_log::seq))
    });
    let query = a.union_all(b).union_all(c).union_all(d).union_all(e);
    // The connection enum has no UNION; each backend has.
    let latest: Vec<Option<i64>> = match conn {
        DbConnection::Sqlite(sqlite) => query.load(sqlite)?,
        DbConnection::Postgres(pg) => query.load(pg)?,
    };
    Ok(latest.into_iter().flatten().max().unwrap_or(0))
}
