//! Indicator values and targets per region and period: two series tables with the
//! same key (indicator, region, period) and the same rules for reading and
//! writing, written once over the [`Series`] trait. Only the columns that differ
//! (a value's status and source, a target's note) live in the two impls.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime, SubsecRound, Utc};
use diesel::dsl;
use diesel::expression::BoxableExpression;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date, Text};
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::indicator::{ReportedValue, SeriesKey, Target, ValueStatus};
use zorgpact_domain::period::PeriodRange;
use zorgpact_domain::version::Precondition;

use crate::audit::{self, Actor};
use crate::schema::{indicator_targets, indicator_values, regions};
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = indicator_values)]
pub struct IndicatorValueRow {
    pub id: String,
    pub indicator_code: String,
    pub region_code: String,
    pub period: String,
    pub period_start: NaiveDate,
    pub value: f64,
    pub status: String,
    pub source: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = indicator_targets)]
pub struct IndicatorTargetRow {
    pub id: String,
    pub indicator_code: String,
    pub region_code: String,
    pub period: String,
    pub period_start: NaiveDate,
    pub value: f64,
    pub note: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Which points of a series a list shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesFilter {
    pub indicator: Option<String>,
    pub region: Option<String>,
    pub range: PeriodRange,
    /// Values only: targets have no status.
    pub status: Option<ValueStatus>,
}

/// The sort key of a point, which a list page continues after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesCursor {
    pub indicator: String,
    pub region: String,
    pub period_start: NaiveDate,
}

/// What a write did to one point.
#[derive(Debug)]
pub enum Written<S> {
    Created(S),
    Updated(S),
    /// Sent exactly as stored: nothing changed, the version stays.
    Unchanged(S),
}

/// What a bulk write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BulkCounts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// A series table: indicator values or targets. The shared logic below is written
/// against this; the impls only map the columns.
pub trait Series: Sized + Send + Serialize + 'static {
    /// What the audit trail calls a point: `indicator_value`, `indicator_target`.
    const RESOURCE_TYPE: &'static str;
    /// What a point holds besides its key.
    type Payload: Send;

    fn id(&self) -> &str;
    fn version(&self) -> i64;
    /// `(indicator, region, period)` as stored.
    fn key(&self) -> (&str, &str, &str);
    fn period_start(&self) -> NaiveDate;
    /// Whether the point already holds exactly this payload.
    fn holds(&self, payload: &Self::Payload) -> bool;
    fn new_row(key: &SeriesKey, payload: &Self::Payload, now: NaiveDateTime) -> Self;
    /// The point as [`Series::update`] leaves it.
    fn replaced(&self, payload: &Self::Payload, now: NaiveDateTime) -> Self;

    fn find(conn: &mut DbConnection, key: &StoredKey<'_>) -> Result<Option<Self>, DbError>;
    /// Up to `limit` points matching the filter, after the cursor, in key order.
    fn page(
        conn: &mut DbConnection,
        filter: &SeriesFilter,
        after: Option<&SeriesCursor>,
        limit: i64,
    ) -> Result<Vec<Self>, DbError>;
    /// Every stored point whose indicator, region and period are each among these
    /// (a superset of the points with exactly these keys).
    fn among(
        conn: &mut DbConnection,
        indicators: &[String],
        regions: &[String],
        periods: &[String],
    ) -> Result<Vec<Self>, DbError>;
    fn insert(conn: &mut DbConnection, rows: &[Self]) -> Result<(), DbError>;
    /// Replaces the payload if the point is still at `version`; yields rows changed.
    fn update(
        conn: &mut DbConnection,
        id: &str,
        version: i64,
        payload: &Self::Payload,
        now: NaiveDateTime,
    ) -> Result<usize, DbError>;
}

/// A point's key as stored: the period in its canonical text form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredKey<'a> {
    pub indicator: &'a str,
    pub region: &'a str,
    pub period: &'a str,
}

/// A point's id in the audit trail: `indicator/region/period`.
fn audit_id<S: Series>(row: &S) -> String {
    let (indicator, region, period) = row.key();
    format!("{indicator}/{region}/{period}")
}

/// One point, if stored.
pub fn get<S: Series>(conn: &mut DbConnection, key: &StoredKey<'_>) -> Result<S, DbError> {
    S::find(conn, key)?.ok_or(DbError::NotFound)
}

/// Writes one point. Without a precondition the point must not exist yet (it is
/// created); with one it must exist at an admitted version (it is replaced, its
/// version growing only if the payload changed).
pub fn put<S: Series>(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &SeriesKey,
    payload: &S::Payload,
    precondition: Option<&Precondition>,
) -> Result<Written<S>, DbError> {
    let period = key.period.to_string();
    let stored = StoredKey {
        indicator: key.indicator.as_str(),
        region: key.region.as_str(),
        period: &period,
    };
    in_transaction(conn, |conn| {
        let now = Utc::now().naive_utc();
        match (S::find(conn, &stored)?, precondition) {
            (None, None) => {
                S::insert(conn, &[S::new_row(key, payload, now)])?;
                let created: S = get(conn, &stored)?;
                audit::record(
                    conn,
                    actor,
                    "create",
                    S::RESOURCE_TYPE,
                    &audit_id(&created),
                    None::<&S>,
                    Some(&created),
                )?;
                Ok(Written::Created(created))
            }
            (Some(current), Some(precondition)) if precondition.admits(current.version()) => {
                if current.holds(payload) {
                    return Ok(Written::Unchanged(current));
                }
                if S::update(conn, current.id(), current.version(), payload, now)? != 1 {
                    return Err(DbError::PreconditionFailed);
                }
                let updated: S = get(conn, &stored)?;
                audit::record(
                    conn,
                    actor,
                    "update",
                    S::RESOURCE_TYPE,
                    &audit_id(&updated),
                    Some(&current),
                    Some(&updated),
                )?;
                Ok(Written::Updated(updated))
            }
            // Absent though the caller named a version, present though the caller
            // expected none, or changed since the named version.
            _ => Err(DbError::PreconditionFailed),
        }
    })
}

/// Writes many points in one transaction, keyed by indicator, region and period:
/// missing points are created, stored ones replaced if their payload differs. The
/// keys must be distinct. Each created or replaced point is recorded in the audit
/// trail; points sent exactly as stored are not.
pub fn put_all<S: Series>(
    conn: &mut DbConnection,
    actor: &Actor,
    points: &[(SeriesKey, S::Payload)],
) -> Result<BulkCounts, DbError> {
    let distinct = |part: fn(&SeriesKey) -> String| -> Vec<String> {
        let set: BTreeSet<String> = points.iter().map(|(key, _)| part(key)).collect();
        set.into_iter().collect()
    };
    let indicators = distinct(|k| k.indicator.as_str().to_owned());
    let regions = distinct(|k| k.region.as_str().to_owned());
    let periods = distinct(|k| k.period.to_string());
    in_transaction(conn, |conn| {
        // Whole microseconds, as both backends store them: the audit trail shows
        // the rows as stored without reading each back.
        let now = Utc::now().naive_utc().trunc_subsecs(6);
        let mut stored: HashMap<(String, String, String), S> = HashMap::new();
        for row in S::among(conn, &indicators, &regions, &periods)? {
            let (indicator, region, period) = row.key();
            let key = (indicator.to_owned(), region.to_owned(), period.to_owned());
            stored.insert(key, row);
        }
        let mut counts = BulkCounts::default();
        let mut new_rows = Vec::new();
        for (key, payload) in points {
            let lookup = (
                key.indicator.as_str().to_owned(),
                key.region.as_str().to_owned(),
                key.period.to_string(),
            );
            match stored.get(&lookup) {
                None => new_rows.push(S::new_row(key, payload, now)),
                Some(row) if row.holds(payload) => counts.unchanged += 1,
                Some(row) => {
                    if S::update(conn, row.id(), row.version(), payload, now)? != 1 {
                        return Err(DbError::PreconditionFailed);
                    }
                    audit::record(
                        conn,
                        actor,
                        "update",
                        S::RESOURCE_TYPE,
                        &audit_id(row),
                        Some(row),
                        Some(&row.replaced(payload, now)),
                    )?;
                    counts.updated += 1;
                }
            }
        }
        S::insert(conn, &new_rows)?;
        for row in &new_rows {
            audit::record(
                conn,
                actor,
                "create",
                S::RESOURCE_TYPE,
                &audit_id(row),
                None::<&S>,
                Some(row),
            )?;
        }
        counts.created = new_rows.len() as u64;
        Ok(counts)
    })
}

/// Which of these region codes exist.
pub fn known_regions(conn: &mut DbConnection, codes: &[String]) -> Result<Vec<String>, DbError> {
    Ok(regions::table
        .filter(regions::code.eq_any(codes))
        .select(regions::code)
        .load(conn)?)
}

impl Series for IndicatorValueRow {
    const RESOURCE_TYPE: &'static str = "indicator_value";
    type Payload = ReportedValue;

    fn id(&self) -> &str {
        &self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn key(&self) -> (&str, &str, &str) {
        (&self.indicator_code, &self.region_code, &self.period)
    }

    fn period_start(&self) -> NaiveDate {
        self.period_start
    }

    fn holds(&self, payload: &ReportedValue) -> bool {
        self.value == payload.value && self.status == payload.status.as_str() && self.source == payload.source
    }

    fn new_row(key: &SeriesKey, payload: &ReportedValue, now: NaiveDateTime) -> Self {
        Self {
            id: Uuid::now_v7().to_string(),
            indicator_code: key.indicator.as_str().to_owned(),
            region_code: key.region.as_str().to_owned(),
            period: key.period.to_string(),
            period_start: key.period.start(),
            value: payload.value,
            status: payload.status.as_str().to_owned(),
            source: payload.source.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    fn replaced(&self, payload: &ReportedValue, now: NaiveDateTime) -> Self {
        Self {
            value: payload.value,
            status: payload.status.as_str().to_owned(),
            source: payload.source.clone(),
            version: self.version + 1,
            updated_at: now,
            ..self.clone()
        }
    }

    fn find(conn: &mut DbConnection, key: &StoredKey<'_>) -> Result<Option<Self>, DbError> {
        Ok(indicator_values::table
            .filter(indicator_values::indicator_code.eq(key.indicator))
            .filter(indicator_values::region_code.eq(key.region))
            .filter(indicator_values::period.eq(key.period))
            .select(Self::as_select())
            .first(conn)
            .optional()?)
    }

    fn page(
        conn: &mut DbConnection,
        filter: &SeriesFilter,
        after: Option<&SeriesCursor>,
        limit: i64,
    ) -> Result<Vec<Self>, DbError> {
        let mut query = indicator_values::table
            .order((
                indicator_values::indicator_code.asc(),
                indicator_values::region_code.asc(),
                indicator_values::period_start.asc(),
            ))
            .select(Self::as_select())
            .limit(limit)
            .into_boxed();
        if let Some(condition) = list_condition(
            (
                indicator_values::indicator_code,
                indicator_values::region_code,
                indicator_values::period_start,
            ),
            filter,
            after,
        ) {
            query = query.filter(condition);
        }
        if let Some(wanted) = filter.status {
            query = query.filter(indicator_values::status.eq(wanted.as_str()));
        }
        Ok(query.load(conn)?)
    }

    fn among(
        conn: &mut DbConnection,
        indicators: &[String],
        regions: &[String],
        periods: &[String],
    ) -> Result<Vec<Self>, DbError> {
        Ok(indicator_values::table
            .filter(indicator_values::indicator_code.eq_any(indicators))
            .filter(indicator_values::region_code.eq_any(regions))
            .filter(indicator_values::period.eq_any(periods))
            .select(Self::as_select())
            .load(conn)?)
    }

    fn insert(conn: &mut DbConnection, rows: &[Self]) -> Result<(), DbError> {
        // One statement per row: MultiConnection has no batch insert.
        for row in rows {
            diesel::insert_into(indicator_values::table).values(row).execute(conn)?;
        }
        Ok(())
    }

    fn update(
        conn: &mut DbConnection,
        row_id: &str,
        from_version: i64,
        payload: &ReportedValue,
        now: NaiveDateTime,
    ) -> Result<usize, DbError> {
        Ok(diesel::update(
            indicator_values::table
                .find(row_id)
                .filter(indicator_values::version.eq(from_version)),
        )
        .set((
            indicator_values::value.eq(payload.value),
            indicator_values::status.eq(payload.status.as_str()),
            indicator_values::source.eq(&payload.source),
            indicator_values::version.eq(from_version + 1),
            indicator_values::updated_at.eq(now),
        ))
        .execute(conn)?)
    }
}

impl Series for IndicatorTargetRow {
    const RESOURCE_TYPE: &'static str = "indicator_target";
    type Payload = Target;

    fn id(&self) -> &str {
        &self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn key(&self) -> (&str, &str, &str) {
        (&self.indicator_code, &self.region_code, &self.period)
    }

    fn period_start(&self) -> NaiveDate {
        self.period_start
    }

    fn holds(&self, payload: &Target) -> bool {
        self.value == payload.value && self.note == payload.note
    }

    fn new_row(key: &SeriesKey, payload: &Target, now: NaiveDateTime) -> Self {
        Self {
            id: Uuid::now_v7().to_string(),
            indicator_code: key.indicator.as_str().to_owned(),
            region_code: key.region.as_str().to_owned(),
            period: key.period.to_string(),
            period_start: key.period.start(),
            value: payload.value,
            note: payload.note.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    fn replaced(&self, payload: &Target, now: NaiveDateTime) -> Self {
        Self {
            value: payload.value,
            note: payload.note.clone(),
            version: self.version + 1,
            updated_at: now,
            ..self.clone()
        }
    }

    fn find(conn: &mut DbConnection, key: &StoredKey<'_>) -> Result<Option<Self>, DbError> {
        Ok(indicator_targets::table
            .filter(indicator_targets::indicator_code.eq(key.indicator))
            .filter(indicator_targets::region_code.eq(key.region))
            .filter(indicator_targets::period.eq(key.period))
            .select(Self::as_select())
            .first(conn)
            .optional()?)
    }

    fn page(
        conn: &mut DbConnection,
        filter: &SeriesFilter,
        after: Option<&SeriesCursor>,
        limit: i64,
    ) -> Result<Vec<Self>, DbError> {
        let mut query = indicator_targets::table
            .order((
                indicator_targets::indicator_code.asc(),
                indicator_targets::region_code.asc(),
                indicator_targets::period_start.asc(),
            ))
            .select(Self::as_select())
            .limit(limit)
            .into_boxed();
        if let Some(condition) = list_condition(
            (
                indicator_targets::indicator_code,
                indicator_targets::region_code,
                indicator_targets::period_start,
            ),
            filter,
            after,
        ) {
            query = query.filter(condition);
        }
        Ok(query.load(conn)?)
    }

    fn among(
        conn: &mut DbConnection,
        indicators: &[String],
        regions: &[String],
        periods: &[String],
    ) -> Result<Vec<Self>, DbError> {
        Ok(indicator_targets::table
            .filter(indicator_targets::indicator_code.eq_any(indicators))
            .filter(indicator_targets::region_code.eq_any(regions))
            .filter(indicator_targets::period.eq_any(periods))
            .select(Self::as_select())
            .load(conn)?)
    }

    fn insert(conn: &mut DbConnection, rows: &[Self]) -> Result<(), DbError> {
        // One statement per row: MultiConnection has no batch insert.
        for row in rows {
            diesel::insert_into(indicator_targets::table)
                .values(row)
                .execute(conn)?;
        }
        Ok(())
    }

    fn update(
        conn: &mut DbConnection,
        row_id: &str,
        from_version: i64,
        payload: &Target,
        now: NaiveDateTime,
    ) -> Result<usize, DbError> {
        Ok(diesel::update(
            indicator_targets::table
                .find(row_id)
                .filter(indicator_targets::version.eq(from_version)),
        )
        .set((
            indicator_targets::value.eq(payload.value),
            indicator_targets::note.eq(&payload.note),
            indicator_targets::version.eq(from_version + 1),
            indicator_targets::updated_at.eq(now),
        ))
        .execute(conn)?)
    }
}

type Db = <DbConnection as diesel::Connection>::Backend;
type Condition<Table> = Box<dyn BoxableExpression<Table, Db, SqlType = Bool>>;

/// The filter and keyset conditions of a list, for either table: given its key
/// columns. The keyset condition is spelled as plain OR/AND comparisons, which
/// both backends plan well, rather than a row-value comparison.
fn list_condition<Table, I, R, P>(
    (indicator, region, start): (I, R, P),
    filter: &SeriesFilter,
    after: Option<&SeriesCursor>,
) -> Option<Condition<Table>>
where
    Table: 'static,
    I: Expression<SqlType = Text> + Copy,
    R: Expression<SqlType = Text> + Copy,
    P: Expression<SqlType = Date> + Copy,
    dsl::Eq<I, String>: BoxableExpression<Table, Db, SqlType = Bool> + 'static,
    dsl::Gt<I, String>: BoxableExpression<Table, Db, SqlType = Bool> + 'static,
    dsl::Eq<R, String>: BoxableExpression<Table, Db, SqlType = Bool> + 'static,
    dsl::Gt<R, String>: BoxableExpression<Table, Db, SqlType = Bool> + 'static,
    dsl::Gt<P, NaiveDate>: BoxableExpression<Table, Db, SqlType = Bool> + 'static,
    dsl::GtEq<P, NaiveDate>: BoxableExpression<Table, Db, SqlType = Bool> + 'static,
    dsl::LtEq<P, NaiveDate>: BoxableExpression<Table, Db, SqlType = Bool> + 'static,
{
    let mut parts: Vec<Condition<Table>> = Vec::new();
    if let Some(code) = &filter.indicator {
        parts.push(Box::new(indicator.eq(code.clone())));
    }
    if let Some(code) = &filter.region {
        parts.push(Box::new(region.eq(code.clone())));
    }
    if let Some(first) = filter.range.first_start {
        parts.push(Box::new(start.ge(first)));
    }
    if let Some(last) = filter.range.last_start {
        parts.push(Box::new(start.le(last)));
    }
    if let Some(after) = after {
        let later_in_region: Condition<Table> = Box::new(start.gt(after.period_start));
        let same_region: Condition<Table> = Box::new(region.eq(after.region.clone()));
        let later_region: Condition<Table> = Box::new(region.gt(after.region.clone()));
        let same_indicator: Condition<Table> = Box::new(indicator.eq(after.indicator.clone()));
        let later_indicator: Condition<Table> = Box::new(indicator.gt(after.indicator.clone()));
        parts.push(Box::new(
            later_indicator.or(same_indicator.and(later_region.or(same_region.and(later_in_region)))),
        ));
    }
    parts
        .into_iter()
        .reduce(|all, next| -> Condition<Table> { Box::new(all.and(next)) })
}
