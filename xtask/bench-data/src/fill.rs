//! Synthetic data for the export benchmark: written straight into the tables,
//! without the audit trail or the checks of the API, so that a million values
//! load in seconds.

use chrono::{Datelike, SubsecRound, Utc};
use diesel::prelude::*;

use zorgpact_db::indicator_values::{IndicatorTargetRow, IndicatorValueRow};
use zorgpact_db::schema::{indicator_targets, indicator_values, indicators, regions};
use zorgpact_db::{DbConnection, DbError, in_transaction};

/// Monthly periods per series: 1900-01 to 2099-12.
pub const MONTHS: u32 = 2400;
/// Rows written per transaction.
const BATCH: u64 = 20_000;
const STATUSES: [&str; 3] = ["provisional", "final", "revised"];

/// What [`fill`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The indicators created, in code order; the values fill them in that order.
    pub indicators: Vec<String>,
    pub values: u64,
    pub targets: u64,
}

/// Creates monthly indicators `{prefix}_01`, `{prefix}_02`, … and fills them
/// with exactly `rows` values, series after series (every region in code order,
/// 1900-01 onwards), with a target each January.
pub fn fill(conn: &mut DbConnection, prefix: &str, rows: u64) -> Result<Filled, DbError> {
    let region_codes: Vec<String> = regions::table
        .order(regions::code.asc())
        .select(regions::code)
        .load(conn)?;
    if region_codes.is_empty() {
        return Err(DbError::Internal(
            "bench data needs regions: load the demo data first".into(),
        ));
    }
    let per_indicator = region_codes.len() as u64 * u64::from(MONTHS);
    let count = rows.div_ceil(per_indicator);
    let codes: Vec<String> = (1..=count).map(|n| format!("{prefix}_{n:02}")).collect();
    // Whole microseconds, as both backends store them.
    let now = Utc::now().naive_utc().trunc_subsecs(6);
    in_transaction(conn, |conn| {
        for code in &codes {
            diesel::insert_into(indicators::table)
                .values((
                    indicators::code.eq(code),
                    indicators::name.eq(format!("Benchmark series {code}")),
                    indicators::description.eq("Synthetic data for the export benchmark"),
                    indicators::indicator_group.eq("goal"),
                    indicators::unit.eq("persons"),
                    indicators::direction.eq("higher_is_better"),
                    indicators::period_type.eq("month"),
                    indicators::rollup.eq("sum"),
                    indicators::version.eq(1_i64),
                    indicators::created_at.eq(now),
                    indicators::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        Ok(())
    })?;
    let mut filled = Filled {
        indicators: codes.clone(),
        values: 0,
        targets: 0,
    };
    let mut next = 0;
    while next < rows {
        let end = rows.min(next + BATCH);
        let mut values = Vec::with_capacity((end - next) as usize);
        let mut targets = Vec::new();
        for n in next..end {
            let indicator = &codes[(n / per_indicator) as usize];
            let region = &region_codes[((n % per_indicator) / u64::from(MONTHS)) as usize];
            let month = (n % u64::from(MONTHS)) as u32;
            let (year, month0) = (1900 + (month / 12) as i32, month % 12);
            let start = chrono::NaiveDate::from_ymd_opt(year, month0 + 1, 1)
                .ok_or_else(|| DbError::Internal(format!("bad bench month {year}-{month0}")))?;
            let period = format!("{:04}-{:02}", start.year(), start.month());
            // A wavy series with a trend, reproducible from the row number.
            let value = ((n * 7919) % 10_000) as f64 / 10.0 + f64::from(month) / 100.0;
            if month0 == 0 {
                targets.push(IndicatorTargetRow {
                    indicator_code: indicator.clone(),
                    region_code: region.clone(),
                    period: period.clone(),
                    period_start: start,
                    value: value.round() + 10.0,
                    note: String::new(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                });
            }
            values.push(IndicatorValueRow {
                indicator_code: indicator.clone(),
                region_code: region.clone(),
                period,
                period_start: start,
                value,
                status: STATUSES[(n % 3) as usize].to_owned(),
                source: "benchmark".to_owned(),
                version: 1,
                created_at: now,
                updated_at: now,
            });
        }
        in_transaction(conn, |conn| insert(conn, &values, &targets))?;
        filled.values += values.len() as u64;
        filled.targets += targets.len() as u64;
        next = end;
    }
    Ok(filled)
}

/// Multi-row INSERTs, a thousand rows each: MultiConnection has none, each
/// backend's own connection has, so the same statements run on whichever it is.
fn insert(
    conn: &mut DbConnection,
    values: &[IndicatorValueRow],
    targets: &[IndicatorTargetRow],
) -> Result<(), DbError> {
    const ROWS: usize = 1_000;
    macro_rules! on_either_backend {
        (|$conn:ident| $body:block) => {
            match conn {
                DbConnection::Sqlite($conn) => $body,
                DbConnection::Postgres($conn) => $body,
            }
        };
    }
    on_either_backend!(|conn| {
        for chunk in values.chunks(ROWS) {
            diesel::insert_into(indicator_values::table)
                .values(chunk)
                .execute(conn)?;
        }
        for chunk in targets.chunks(ROWS) {
            diesel::insert_into(indicator_targets::table)
                .values(chunk)
                .execute(conn)?;
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use zorgpact_db::exports::{ExportCursor, ExportFilter, page};
    use zorgpact_db::testing::{Contents, TestDatabase};

    use super::*;

    #[test]
    fn fills_exactly_the_rows_asked_for() {
        let database = TestDatabase::new(Contents::DemoData);
        let db = database.connect();
        let mut conn = db.conn().expect("connection");
        let regions = zorgpact_db::regions::list(&mut conn).expect("regions").len() as u64;
        let rows = regions * u64::from(MONTHS) + 5;
        let filled = fill(&mut conn, "bench_t", rows).expect("fill");
        assert_eq!(filled.indicators, vec!["bench_t_01", "bench_t_02"]);
        assert_eq!(filled.values, rows);
        // What the export streams: every value, each January's with its target.
        let filter = ExportFilter {
            indicators: filled.indicators.clone(),
            ..ExportFilter::default()
        };
        let (mut exported, mut with_target) = (0, 0);
        let mut after: Option<ExportCursor> = None;
        loop {
            let rows = page(&mut conn, &filter, after.as_ref(), 50_000).expect("page");
            exported += rows.len() as u64;
            with_target += rows.iter().filter(|r| r.target.is_some()).count() as u64;
            match rows.last() {
                Some(last) if rows.len() == 50_000 => after = Some(last.cursor()),
                _ => break,
            }
        }
        assert_eq!(exported, rows);
        assert_eq!(with_target, filled.targets);
    }
}
