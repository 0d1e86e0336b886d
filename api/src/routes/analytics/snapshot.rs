//! What an analytics answer reads, in one read transaction (one snapshot of the
//! database per response): the indicator catalogue with each indicator's figure
//! rules parsed, the regions, and the stored values and targets of a selection,
//! parsed into the domain's rows. The figures are the domain's
//! ([`zorgpact_domain::analytics::figures`]); nothing here computes one.

use std::collections::BTreeMap;
use std::sync::Arc;

use actix_web::{HttpRequest, web};

use chrono::NaiveDateTime;
use zorgpact_contract::analytics::IndicatorMeta;
use zorgpact_db::analytics::{self, RegionKeys, Selection};
use zorgpact_db::indicators::{self, IndicatorRow};
use zorgpact_db::{DbConnection, DbError, read_snapshot};
use zorgpact_domain::analytics::figures::{Dataset, IndicatorRulebook, IndicatorRules, StoredTarget, StoredValue};
use zorgpact_domain::analytics::formula::Formula;
use zorgpact_domain::indicator::{Direction, IndicatorCode, Rollup, Unit, ValueStatus};
use zorgpact_domain::period::{Period, PeriodType};

use super::convert::indicator_meta;
use super::memo::{self, Answer};
use crate::AppState;
use crate::error::ApiError;

/// The answer to `req`, from the figures kept in memory when they are current
/// (see [`memo`](super::memo)), else computed by `work` on one snapshot and kept.
pub async fn answer<F>(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    content_type: &'static str,
    work: F,
) -> Result<Arc<Answer>, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<(Vec<u8>, NaiveDateTime), ApiError> + Send + 'static,
{
    let key = memo::key_of(req, content_type);
    let shared = state.clone().into_inner();
    // Most answers are kept: current if the generation has not moved, read
    // without opening a snapshot (on PostgreSQL its BEGIN and COMMIT are two
    // more round trips) and shared with the requests that ask at once.
    let generation = shared
        .figures
        .generations
        .current(|| state.with_conn(analytics::figures_generation))
        .await?;
    if let Some(kept) = shared.figures.kept_at(generation, &key) {
        return Ok(kept);
    }
    let memo = shared.clone();
    let _computing = memo.figures.computing(&key).lock().await;
    state
        .with_conn(move |conn| {
            // Computed meanwhile by the request this one waited for.
            if let Some(kept) = shared.figures.kept(conn, &key)? {
                return Ok(Ok(kept));
            }
            read_snapshot(conn, |conn| {
                Ok(shared.figures.answer(conn, &key, |conn| {
                    let (body, last_modified) = work(conn)?;
                    Ok(Answer::new(body, last_modified, content_type))
                }))
            })
        })
        .await?
}

/// The rules of a stored indicator. Stored rows passed the same rules as input,
/// so a failure here is a bug.
fn rules_of(row: &IndicatorRow) -> Result<IndicatorRules, DbError> {
    let invalid = |e: String| DbError::Internal(format!("stored indicator {} is invalid: {e}", row.code));
    let formula = match row.formula.as_deref() {
        Some(text) => Some(Formula::parse(text).map_err(|e| invalid(e.to_string()))?),
        None => None,
    };
    let weight = match row.weight_indicator.as_deref() {
        Some(code) => Some(IndicatorCode::parse(code).map_err(|e| invalid(e.reason))?),
        None => None,
    };
    Ok(IndicatorRules {
        code: IndicatorCode::parse(&row.code).map_err(|e| invalid(e.reason))?,
        unit: Unit::parse(&row.unit).map_err(|e| invalid(e.reason))?,
        direction: Direction::parse(&row.direction).map_err(|e| invalid(e.reason))?,
        period_type: PeriodType::parse(&row.period_type).map_err(|e| invalid(e.reason))?,
        rollup: Rollup::parse(&row.rollup).map_err(|e| invalid(e.reason))?,
        weight,
        formula,
    })
}

/// The indicator catalogue as analytics read it: the stored rows (for the
/// catalogue facts answers show), their figure rules, and the regions.
#[derive(Debug, Clone)]
pub struct AnalyticsCatalogue {
    rows: BTreeMap<String, IndicatorRow>,
    pub rules: IndicatorRulebook,
    /// In code order.
    pub regions: Vec<RegionKeys>,
}

impl AnalyticsCatalogue {
    pub fn load(conn: &mut DbConnection) -> Result<Self, DbError> {
        let rows: BTreeMap<String, IndicatorRow> = indicators::list(conn)?
            .into_iter()
            .map(|row| (row.code.clone(), row))
            .collect();
        let rules = IndicatorRulebook::new(rows.values().map(rules_of).collect::<Result<Vec<_>, _>>()?);
        Ok(Self {
            rows,
            rules,
            regions: analytics::regions(conn)?,
        })
    }

    pub fn indicator(&self, code: &str) -> Option<&IndicatorRules> {
        self.rules.get(code)
    }

    /// An indicator the request was checked against: missing only by a bug.
    pub fn rules_of(&self, code: &str) -> Result<&IndicatorRules, ApiError> {
        self.indicator(code)
            .ok_or_else(|| ApiError::Internal(format!("indicator {code} left the catalogue")))
    }

    /// The catalogue facts of an indicator, as answers show them.
    pub fn meta(&self, code: &str) -> Result<IndicatorMeta, ApiError> {
        let row = self
            .rows
            .get(code)
            .ok_or_else(|| ApiError::Internal(format!("indicator {code} left the catalogue")))?;
        Ok(indicator_meta(row, self.rules_of(code)?))
    }

    /// The latest change of these indicators.
    fn updated_at(&self, codes: &[String]) -> NaiveDateTime {
        codes
            .iter()
            .filter_map(|code| self.rows.get(code))
            .map(|row| row.updated_at)
            .max()
            .unwrap_or_default()
    }
}

/// The stored rows of a selection, parsed, and what a conditional GET needs of them.
pub struct Loaded {
    pub values: Vec<StoredValue>,
    pub targets: Vec<StoredTarget>,
    /// Rows read, values and targets together.
    pub rows_read: usize,
    /// The latest change of the values, targets and indicators read.
    pub last_modified: NaiveDateTime,
}

impl Loaded {
    /// Reads the values and targets of `selection` (one query each). Rows that do
    /// not parse (which the write paths never store) are left out.
    pub fn load(
        conn: &mut DbConnection,
        catalogue: &AnalyticsCatalogue,
        selection: &Selection,
    ) -> Result<Self, DbError> {
        let value_rows = analytics::values(conn, selection)?;
        let target_rows = analytics::targets(conn, selection)?;
        let rows_read = value_rows.len() + target_rows.len();
        let last_modified = value_rows
            .iter()
            .map(|r| r.updated_at)
            .chain(target_rows.iter().map(|r| r.updated_at))
            .fold(catalogue.updated_at(&selection.indicators), NaiveDateTime::max);
        let values = value_rows
            .into_iter()
            .filter_map(|row| {
                Some(StoredValue {
                    period: Period::parse(&row.period).ok()?,
                    status: ValueStatus::parse(&row.status).ok()?,
                    indicator: row.indicator_code,
                    region: row.region_code,
                    value: row.value,
                    source: row.source,
                })
            })
            .collect();
        let targets = target_rows
            .into_iter()
            .filter_map(|row| {
                Some(StoredTarget {
                    period: Period::parse(&row.period).ok()?,
                    indicator: row.indicator_code,
                    region: row.region_code,
                    value: row.value,
                })
            })
            .collect();
        Ok(Self {
            values,
            targets,
            rows_read,
            last_modified,
        })
    }

    /// The figures of these rows by the catalogue's rules.
    pub fn dataset(self, catalogue: &AnalyticsCatalogue) -> Dataset<'_> {
        Dataset::new(&catalogue.rules, self.values, self.targets)
    }
}
