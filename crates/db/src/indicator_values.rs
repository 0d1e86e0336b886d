//! Indicator values and targets per region and period: two series tables with the
//! same key (indicator, region, period) and the same rules for reading and
//! writing, written once over the [`SeriesTable`] trait. Only the columns that differ
//! (a value's status and source, a target's note) live in the two impls.
//!
//! Every write (a single `PUT`, a bulk upload, an import) goes through [`put`] or
//! [`write_all`], which refuse changes in locked periods ([`crate::period_locks`])
//! and keep the revision history of values ([`crate::revisions`]) in the same
//! transaction as the change.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, SubsecRound, Utc};
use diesel::dsl;
use diesel::expression::BoxableExpression;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date, Text};
use serde::Serialize;
use zorgpact_domain::indicator::write_plan::{IndicatorFacts, WriteCatalogue, settle_target, settle_value};
pub use zorgpact_domain::indicator::write_plan::{TargetInput, ValueInput};
use zorgpact_domain::indicator::{
    DEFAULT_VALUE_STATUS, IndicatorCode, KeyParts, Measure, ReportedValue, SeriesKey, Target, Unit, ValueStatus,
};
use zorgpact_domain::period::{Period, PeriodRange, PeriodType};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::version::Precondition;

use crate::audit::{self, Actor};
use crate::connection::{WriterQueue, insert_many, queue_writers};
use crate::import_audit::{self, ImportWrites, Recording};
use crate::schema::{indicator_targets, indicator_values, indicators, regions};
use crate::{DbConnection, DbError, in_transaction, period_locks, revisions};

/// A stored point of a series: the columns values and targets share (the key and
/// the bookkeeping), with the ones each adds in between, in the tables' order.
macro_rules! series_row {
    ($(#[$doc:meta])* $name:ident in $table:ident { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
        #[diesel(table_name = $table, treat_none_as_default_value = false)]
        pub struct $name {
            pub indicator_code: String,
            pub region_code: String,
            pub period: String,
            pub period_start: NaiveDate,
            pub value: f64,
            $(pub $field: $ty,)*
            pub version: i64,
            pub created_at: NaiveDateTime,
            pub updated_at: NaiveDateTime,
        }
    };
}

series_row! {
    /// A measured value, with how final it is and where it came from.
    IndicatorValueRow in indicator_values { status: String, source: String }
}

series_row! {
    /// A target, with a note on how it was agreed.
    IndicatorTargetRow in indicator_targets { note: String }
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

/// What a write does to one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Created,
    Updated,
    /// Sent exactly as stored: not rewritten, the version stays.
    Unchanged,
}

/// What [`write_all`] does (or, in a dry run, would do) to one point.
#[derive(Debug)]
pub struct Step<S: SeriesTable> {
    pub change: Change,
    /// The point as stored before; `None` when it is created.
    pub before: Option<Box<S>>,
    /// What the point holds afterwards.
    pub after: S::Payload,
}

/// A series table: indicator values or targets. The shared logic below is written
/// against this; the impls only map the columns.
pub trait SeriesTable: Sized + Send + Serialize + 'static {
    /// What the audit trail calls a point: `indicator_value`, `indicator_target`.
    const RESOURCE_TYPE: &'static str;
    /// What messages call a point: `value`, `target`.
    const KIND: &'static str;
    /// What a point holds besides its key.
    type Payload: Send;
    /// What a writer sends: the payload, possibly with parts left to the stored point.
    type Input: Send;

    fn version(&self) -> i64;
    /// `(indicator, region, period)` as stored.
    fn key(&self) -> (&str, &str, &str);
    fn period_start(&self) -> NaiveDate;
    /// Whether the point already holds exactly this payload.
    fn holds(&self, payload: &Self::Payload) -> bool;
    fn new_row(key: &SeriesKey, payload: &Self::Payload, now: NaiveDateTime) -> Self;
    /// The point as [`SeriesTable::update`] leaves it.
    fn replaced(&self, payload: &Self::Payload, now: NaiveDateTime) -> Self;
    /// The payload a write of `input` leaves, given the stored point (`None`: new).
    fn settle(current: Option<&Self>, input: &Self::Input) -> Self::Payload;
    /// Keeps what changes replaced beyond the audit trail, in the changes' own
    /// transaction: values keep their revision history, targets nothing more.
    fn keep_revisions(conn: &mut DbConnection, actor: &Actor, changes: &[(&Self, &Self)]) -> Result<(), DbError>;

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
    /// Replaces the payload if the stored point is still at `row`'s version;
    /// yields rows changed.
    fn update(
        conn: &mut DbConnection,
        row: &Self,
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
fn audit_id<S: SeriesTable>(row: &S) -> String {
    let (indicator, region, period) = row.key();
    let mut id = String::new();
    write_audit_id(&mut id, indicator, region, period);
    id
}

/// Appends the audit id of the point at `indicator`, `region` and `period`.
fn write_audit_id(out: &mut String, indicator: &str, region: &str, period: impl std::fmt::Display) {
    use std::fmt::Write as _;
    let _ = write!(out, "{indicator}/{region}/{period}");
}

/// One point, if stored.
pub fn get<S: SeriesTable>(conn: &mut DbConnection, key: &StoredKey<'_>) -> Result<S, DbError> {
    S::find(conn, key)?.ok_or(DbError::NotFound)
}

/// A point as messages name it: `value open_vacancies/twente/2024-Q3`.
fn describe<S: SeriesTable>(key: &SeriesKey) -> String {
    format!("the {} {}/{}/{}", S::KIND, key.indicator, key.region, key.period)
}

/// Writes one point. Without a precondition the point must not exist yet (it is
/// created); with one it must exist at an admitted version (it is replaced, its
/// version growing only if the payload changed). A point in a locked period
/// cannot be created or changed (409 naming the lock).
pub fn put<S: SeriesTable>(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &SeriesKey,
    input: &S::Input,
    precondition: Option<&Precondition>,
) -> Result<Written<S>, DbError> {
    let period = key.period.to_string();
    let stored = StoredKey {
        indicator: key.indicator.as_str(),
        region: key.region.as_str(),
        period: &period,
    };
    let unlocked = |conn: &mut DbConnection| {
        period_locks::refuse_locked(conn, [(key.indicator.as_str(), key.period, describe::<S>(key))])
    };
    in_transaction(conn, |conn| {
        // Whole microseconds, as both backends store them.
        let now = Utc::now().naive_utc().trunc_subsecs(6);
        match (S::find(conn, &stored)?, precondition) {
            (None, None) => {
                unlocked(conn)?;
                S::insert(conn, &[S::new_row(key, &S::settle(None, input), now)])?;
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
                let payload = S::settle(Some(&current), input);
                if current.holds(&payload) {
                    return Ok(Written::Unchanged(current));
                }
                unlocked(conn)?;
                if S::update(conn, &current, &payload, now)? != 1 {
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
                S::keep_revisions(conn, actor, &[(&current, &updated)])?;
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
pub fn put_all<S: SeriesTable>(
    conn: &mut DbConnection,
    actor: &Actor,
    points: &[(SeriesKey, S::Input)],
) -> Result<BulkCounts, DbError> {
    let steps = write_all::<S>(conn, actor, points, false, Recording::EachPoint)?;
    let mut counts = BulkCounts::default();
    for step in &steps {
        match step.change {
            Change::Created => counts.created += 1,
            Change::Updated => counts.updated += 1,
            Change::Unchanged => counts.unchanged += 1,
        }
    }
    Ok(counts)
}

/// Like [`put_all`], yielding what happened to each point in the order sent. With
/// `dry_run` nothing is written: the steps say what the write would do, and a
/// point in a locked period is refused just the same. Nothing is written either
/// when any created or changed point lies in a locked period (409 naming the
/// lock); points sent exactly as stored pass, locked or not. `recording` says
/// how the audit trail records the writes: an entry per point, or one for an
/// imported file ([`import_audit`]).
pub fn write_all<S: SeriesTable>(
    conn: &mut DbConnection,
    actor: &Actor,
    points: &[(SeriesKey, S::Input)],
    dry_run: bool,
    recording: Recording<'_>,
) -> Result<Vec<Step<S>>, DbError> {
    if points.is_empty() {
        return Ok(Vec::new());
    }
    let parts = KeyParts::of(points.iter().map(|(key, _)| key));
    in_transaction(conn, |conn| {
        // Writers of series queue here on PostgreSQL, as they do on SQLite (whose
        // `in_transaction` takes the one write lock first): else two imports that
        // create the same point at once both read it as absent, and the second
        // fails on the unique key instead of changing what the first created.
        if !dry_run {
            queue_writers(conn, WriterQueue::Series)?;
        }
        // Whole microseconds, as both backends store them: the audit trail shows
        // the rows as stored without reading each back.
        let now = Utc::now().naive_utc().trunc_subsecs(6);
        let mut stored = StoredPoints::new(S::among(conn, &parts.indicators, &parts.regions, &parts.periods)?);
        let mut steps = Vec::with_capacity(points.len());
        for (key, input) in points {
            let before = stored.take(key);
            let after = S::settle(before.as_deref(), input);
            let change = match &before {
                None => Change::Created,
                Some(row) if row.holds(&after) => Change::Unchanged,
                Some(_) => Change::Updated,
            };
            steps.push(Step { change, before, after });
        }
        let written = || {
            points
                .iter()
                .zip(&steps)
                .filter(|(_, step)| step.change != Change::Unchanged)
        };
        period_locks::refuse_locked(
            conn,
            written().map(|((key, _), _)| (key.indicator.as_str(), key.period, describe::<S>(key))),
        )?;
        if dry_run {
            return Ok(steps);
        }
        let mut replaced = Vec::new();
        for (_, step) in written() {
            if let (Change::Updated, Some(row)) = (&step.change, &step.before) {
                if S::update(conn, row, &step.after, now)? != 1 {
                    return Err(DbError::PreconditionFailed);
                }
                replaced.push((&**row, row.replaced(&step.after, now)));
            }
        }
        if recording == Recording::EachPoint {
            record_each_point(conn, actor, &[], &replaced)?;
        }
        // New rows are built and inserted a batch at a time: a file of 50 000
        // values would otherwise hold every row twice, as steps and as rows.
        let mut batch = Vec::with_capacity(INSERT_BATCH.min(points.len()));
        let mut created = written().filter(|(_, step)| step.change == Change::Created).peekable();
        while created.peek().is_some() {
            batch.clear();
            batch.extend(
                created
                    .by_ref()
                    .take(INSERT_BATCH)
                    .map(|((key, _), step)| S::new_row(key, &step.after, now)),
            );
            S::insert(conn, &batch)?;
            if recording == Recording::EachPoint {
                record_each_point(conn, actor, &batch, &[])?;
            }
        }
        if let Recording::OneImport { file_sha256 } = recording {
            let keys_of = |change: Change| {
                written()
                    .filter(move |(_, step)| step.change == change)
                    .map(|((key, _), _)| (key.indicator.as_str(), key.region.as_str(), key.period))
            };
            import_audit::record_import(
                conn,
                actor,
                ImportWrites {
                    kind: S::KIND,
                    file_sha256,
                    created: keys_of(Change::Created),
                    changed: keys_of(Change::Updated),
                    unchanged: steps.iter().filter(|step| step.change == Change::Unchanged).count(),
                },
            )?;
        }
        let changes: Vec<(&S, &S)> = replaced.iter().map(|(before, after)| (*before, after)).collect();
        S::keep_revisions(conn, actor, &changes)?;
        Ok(steps)
    })
}

/// New rows built and inserted at once: on PostgreSQL one COPY each, whose
/// round trip and start cost too much at 1 000 rows (the import of 50 000
/// values fell from 88 755 to 68 754 values/s at S); SQLite inserts row by row.
const INSERT_BATCH: usize = 10_000;

/// The stored points a write may replace, found by key without allocating.
struct StoredPoints<S> {
    rows: Vec<Option<S>>,
    /// Each row's place in `rows` by its audit id, `indicator/region/period`.
    index: HashMap<String, usize>,
    /// The id of the key looked up, written into one reused buffer.
    id: String,
}

impl<S: SeriesTable> StoredPoints<S> {
    fn new(rows: Vec<S>) -> Self {
        let index = rows.iter().enumerate().map(|(at, row)| (audit_id(row), at)).collect();
        Self {
            rows: rows.into_iter().map(Some).collect(),
            index,
            id: String::new(),
        }
    }

    /// The stored point with this key, once.
    fn take(&mut self, key: &SeriesKey) -> Option<Box<S>> {
        if self.index.is_empty() {
            return None;
        }
        self.id.clear();
        write_audit_id(&mut self.id, key.indicator.as_str(), key.region.as_str(), key.period);
        let at = *self.index.get(self.id.as_str())?;
        self.rows[at].take().map(Box::new)
    }
}

/// An audit entry per created or replaced point, with its state before and after.
fn record_each_point<S: SeriesTable>(
    conn: &mut DbConnection,
    actor: &Actor,
    created: &[S],
    replaced: &[(&S, S)],
) -> Result<(), DbError> {
    if created.is_empty() && replaced.is_empty() {
        return Ok(());
    }
    let mut entries = Vec::with_capacity(created.len() + replaced.len());
    for (before, after) in replaced {
        entries.push(audit::entry(
            actor,
            "update",
            S::RESOURCE_TYPE,
            audit_id(*before),
            Some(*before),
            Some(after),
        )?);
    }
    for row in created {
        entries.push(audit::entry(
            actor,
            "create",
            S::RESOURCE_TYPE,
            audit_id(row),
            None::<&S>,
            Some(row),
        )?);
    }
    audit::record_all(conn, &entries)
}

/// Every stored value of these indicators in these regions: the history that
/// imported values are compared with.
pub fn values_of(
    conn: &mut DbConnection,
    indicators: &[String],
    regions: &[String],
) -> Result<Vec<IndicatorValueRow>, DbError> {
    Ok(indicator_values::table
        .filter(indicator_values::indicator_code.eq_any(indicators))
        .filter(indicator_values::region_code.eq_any(regions))
        .order(indicator_values::period_start.asc())
        .select(IndicatorValueRow::as_select())
        .load(conn)?)
}

/// The catalogue a write is checked against: every indicator with its measure and
/// whether it is derived, and those of the `named` region codes that exist (all
/// regions with `None`). Stored rows passed the same rules as input, so one that
/// does not parse is a bug.
pub fn write_catalogue(conn: &mut DbConnection, named: Option<&[String]>) -> Result<WriteCatalogue, DbError> {
    let invalid = |code: &str, e: zorgpact_domain::InvalidValue| {
        DbError::Internal(format!("stored indicator or region {code} is invalid: {e}"))
    };
    let mut catalogue = WriteCatalogue::default();
    let rows: Vec<(String, String, String, Option<String>)> = indicators::table
        .select((
            indicators::code,
            indicators::unit,
            indicators::period_type,
            indicators::formula,
        ))
        .load(conn)?;
    for (code, unit, period_type, formula) in rows {
        let facts = IndicatorFacts {
            measure: Measure {
                unit: Unit::parse(&unit).map_err(|e| invalid(&code, e))?,
                period_type: PeriodType::parse(&period_type).map_err(|e| invalid(&code, e))?,
            },
            derived: formula.is_some(),
        };
        let code = IndicatorCode::parse(&code).map_err(|e| invalid(&code, e))?;
        catalogue.indicators.insert(code, facts);
    }
    let mut query = regions::table.select(regions::code).into_boxed();
    if let Some(named) = named {
        query = query.filter(regions::code.eq_any(named.to_vec()));
    }
    for code in query.load::<String>(conn)? {
        catalogue
            .regions
            .insert(RegionCode::parse(&code).map_err(|e| invalid(&code, e))?);
    }
    Ok(catalogue)
}

/// The parts of [`SeriesTable`] that differ between the two tables only in the
/// table's name: the key accessors, reading by key, a list page (values may be
/// filtered by a `status` column too), inserts of many rows, and
/// new rows, and an update of the payload's columns at a version (and the row it
/// leaves). `update` names the payload's columns as bound, `row` as stored.
macro_rules! series_table_queries {
    (
        $table:ident $(, status: $status:ident)?,
        update: |$payload:ident: $Payload:ty| [$($column:ident = $value:expr),+],
        row: [$($field:ident = $new:expr),+]
    ) => {
        fn version(&self) -> i64 {
            self.version
        }

        fn key(&self) -> (&str, &str, &str) {
            (&self.indicator_code, &self.region_code, &self.period)
        }

        fn period_start(&self) -> NaiveDate {
            self.period_start
        }

        fn find(conn: &mut DbConnection, key: &StoredKey<'_>) -> Result<Option<Self>, DbError> {
            // The period's start is part of the primary key: naming it makes this
            // one lookup instead of a walk along the region's series.
            let Ok(start) = Period::parse(key.period).map(|p| p.start()) else {
                return Ok(None);
            };
            Ok($table::table
                .filter($table::indicator_code.eq(key.indicator))
                .filter($table::region_code.eq(key.region))
                .filter($table::period_start.eq(start))
                .filter($table::period.eq(key.period))
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
            let key = ($table::indicator_code, $table::region_code, $table::period_start);
            let mut query = $table::table
                .order((key.0.asc(), key.1.asc(), key.2.asc()))
                .select(Self::as_select())
                .limit(limit)
                .into_boxed();
            if let Some(condition) = list_condition(key, filter, after) {
                query = query.filter(condition);
            }
            $(
                if let Some(wanted) = filter.status {
                    query = query.filter($table::$status.eq(wanted.as_str()));
                }
            )?
            Ok(query.load(conn)?)
        }

        fn among(
            conn: &mut DbConnection,
            indicators: &[String],
            regions: &[String],
            periods: &[String],
        ) -> Result<Vec<Self>, DbError> {
            Ok($table::table
                .filter($table::indicator_code.eq_any(indicators))
                .filter($table::region_code.eq_any(regions))
                .filter($table::period.eq_any(periods))
                .select(Self::as_select())
                .load(conn)?)
        }

        fn insert(conn: &mut DbConnection, rows: &[Self]) -> Result<(), DbError> {
            insert_many!(conn, $table::table, rows);
            Ok(())
        }

        fn new_row(key: &SeriesKey, $payload: &$Payload, now: NaiveDateTime) -> Self {
            Self {
                indicator_code: key.indicator.as_str().to_owned(),
                region_code: key.region.as_str().to_owned(),
                period: key.period.to_string(),
                period_start: key.period.start(),
                $($field: $new,)+
                version: 1,
                created_at: now,
                updated_at: now,
            }
        }

        fn replaced(&self, $payload: &$Payload, now: NaiveDateTime) -> Self {
            Self {
                $($field: $new,)+
                version: self.version + 1,
                updated_at: now,
                ..self.clone()
            }
        }

        fn update(
            conn: &mut DbConnection,
            row: &Self,
            $payload: &$Payload,
            now: NaiveDateTime,
        ) -> Result<usize, DbError> {
            let stored = $table::table
                .find((&row.indicator_code, &row.region_code, row.period_start, &row.period))
                .filter($table::version.eq(row.version));
            Ok(
                diesel::update(stored)
                    .set((
                        $($table::$column.eq($value),)+
                        $table::version.eq(row.version + 1),
                        $table::updated_at.eq(now),
                    ))
                    .execute(conn)?,
            )
        }
    };
}

impl SeriesTable for IndicatorValueRow {
    const RESOURCE_TYPE: &'static str = "indicator_value";
    const KIND: &'static str = "value";
    type Payload = ReportedValue;
    type Input = ValueInput;

    series_table_queries!(indicator_values, status: status,
        update: |payload: ReportedValue| [value = payload.value, status = payload.status.as_str(), source = &payload.source],
        row: [value = payload.value, status = payload.status.as_str().to_owned(), source = payload.source.clone()]
    );

    fn holds(&self, payload: &ReportedValue) -> bool {
        self.value == payload.value && self.status == payload.status.as_str() && self.source == payload.source
    }

    fn settle(current: Option<&Self>, input: &ValueInput) -> ReportedValue {
        let stored = current.map(|row| ReportedValue {
            value: row.value,
            status: ValueStatus::parse(&row.status).unwrap_or(DEFAULT_VALUE_STATUS),
            source: row.source.clone(),
        });
        settle_value(stored.as_ref(), input)
    }

    fn keep_revisions(conn: &mut DbConnection, actor: &Actor, changes: &[(&Self, &Self)]) -> Result<(), DbError> {
        revisions::record_all(conn, actor, changes)
    }
}

impl SeriesTable for IndicatorTargetRow {
    const RESOURCE_TYPE: &'static str = "indicator_target";
    const KIND: &'static str = "target";
    type Payload = Target;
    type Input = TargetInput;

    series_table_queries!(indicator_targets,
        update: |payload: Target| [value = payload.value, note = &payload.note],
        row: [value = payload.value, note = payload.note.clone()]
    );

    fn holds(&self, payload: &Target) -> bool {
        self.value == payload.value && self.note == payload.note
    }

    fn settle(current: Option<&Self>, input: &TargetInput) -> Target {
        let stored = current.map(|row| Target {
            value: row.value,
            note: row.note.clone(),
        });
        settle_target(stored.as_ref(), input)
    }

    fn keep_revisions(_: &mut DbConnection, _: &Actor, _: &[(&Self, &Self)]) -> Result<(), DbError> {
        Ok(())
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
