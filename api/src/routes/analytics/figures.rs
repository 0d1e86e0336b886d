//! The figures behind every analytics answer, computed on read from the stored
//! values with the domain's rules (`zorgpact_domain::analytics`): a region's
//! figures in any coarser period type, national roll-ups with coverage, derived
//! indicators from their inputs. Stored values are read once per request
//! ([`Dataset::load`]); everything else is arithmetic on them, memoised per
//! indicator, region and period type.
//!
//! Rules this module adds to the domain's:
//! - **Status and source of a computed figure**: the least final status it stands on
//!   (provisional, then revised, then final), and the distinct sources.
//! - **Weights across period types**: a weighted mean uses the weight indicator's
//!   value for the same period and region; when the weight is reported per coarser
//!   period (employees per year for quarterly sick leave) the value of the period
//!   holding it, when per finer period the mean of the finer values within it.
//! - **Derived indicators**: a region's figure is the formula on its inputs' figures
//!   of the same period (in a coarser period type: on the inputs aggregated by their
//!   own rules). The national figure is the formula on the inputs' national figures,
//!   each rolled up by its own rule over the regions where every input has a value,
//!   so numerator and denominator stand on the same regions.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use zorgpact_db::analytics::{self, RegionKeys, Selection};
use zorgpact_db::indicators::{self, IndicatorRow};
use zorgpact_db::{DbConnection, DbError};
use zorgpact_domain::analytics::Series;
use zorgpact_domain::analytics::aggregate::aggregate;
use zorgpact_domain::analytics::calendar::{PeriodExt, sub_period_count};
use zorgpact_domain::analytics::formula::Formula;
use zorgpact_domain::analytics::rollup::{Coverage, rollup};
use zorgpact_domain::indicator::{Direction, IndicatorCode, Rollup, Unit, ValueStatus};
use zorgpact_domain::period::{Period, PeriodRange, PeriodType};
use zorgpact_domain::region::RegionCode;

/// Formulas may read derived indicators; stored formulas have no cycles, but a
/// figure never recurses deeper than this.
const MAX_DEPTH: usize = 16;

/// An indicator of the catalogue with its rules parsed.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub row: IndicatorRow,
    pub code: IndicatorCode,
    pub unit: Unit,
    pub direction: Direction,
    pub period_type: PeriodType,
    pub rollup: Rollup,
    pub weight: Option<IndicatorCode>,
    pub formula: Option<Formula>,
}

impl Indicator {
    /// Stored rows passed the same rules as input, so a failure here is a bug.
    fn from_row(row: IndicatorRow) -> Result<Self, DbError> {
        let invalid = |e: String| DbError::Internal(format!("stored indicator {} is invalid: {e}", row.code));
        let formula = match row.formula.as_deref() {
            Some(text) => Some(Formula::parse(text).map_err(|e| invalid(e.to_string()))?),
            None => None,
        };
        let weight = match row.weight_indicator.as_deref() {
            Some(code) => Some(IndicatorCode::parse(code).map_err(|e| invalid(e.reason))?),
            None => None,
        };
        Ok(Self {
            code: IndicatorCode::parse(&row.code).map_err(|e| invalid(e.reason))?,
            unit: Unit::parse(&row.unit).map_err(|e| invalid(e.reason))?,
            direction: Direction::parse(&row.direction).map_err(|e| invalid(e.reason))?,
            period_type: PeriodType::parse(&row.period_type).map_err(|e| invalid(e.reason))?,
            rollup: Rollup::parse(&row.rollup).map_err(|e| invalid(e.reason))?,
            weight,
            formula,
            row,
        })
    }

    /// The indicators a derived indicator reads; none for a measured one.
    pub fn inputs(&self) -> &[IndicatorCode] {
        self.formula.as_ref().map_or(&[], Formula::inputs)
    }
}

/// The indicator catalogue and the regions: what a request is checked against
/// before any value is read.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub indicators: BTreeMap<String, Indicator>,
    /// In code order.
    pub regions: Vec<RegionKeys>,
}

impl Catalogue {
    pub fn load(conn: &mut DbConnection) -> Result<Self, DbError> {
        let indicators = indicators::list(conn)?
            .into_iter()
            .map(|row| Ok((row.code.clone(), Indicator::from_row(row)?)))
            .collect::<Result<_, DbError>>()?;
        Ok(Self {
            indicators,
            regions: analytics::regions(conn)?,
        })
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.get(code)
    }

    /// The indicators whose stored values the figures of `codes` read: the codes
    /// themselves, formula inputs (transitively) and, `with_weights`, the weight
    /// indicators of all of these (for weighted means across regions or periods).
    pub fn closure(&self, codes: &[String], with_weights: bool) -> Vec<String> {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut todo: Vec<String> = codes.to_vec();
        while let Some(code) = todo.pop() {
            if !seen.insert(code.clone()) {
                continue;
            }
            let Some(indicator) = self.indicator(&code) else {
                continue;
            };
            todo.extend(indicator.inputs().iter().map(|c| c.as_str().to_owned()));
            if with_weights {
                todo.extend(indicator.weight.iter().map(|c| c.as_str().to_owned()));
            }
        }
        seen.into_iter().collect()
    }
}

/// A figure of one region and period, with what it stands on.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub status: ValueStatus,
    /// Distinct, non-empty.
    pub sources: BTreeSet<String>,
    /// Every sub-period (and every input) was there.
    pub complete: bool,
    /// Sub-periods without a value, when aggregated.
    pub missing: Vec<Period>,
}

impl Figure {
    /// The sources as one text: `; ` between several.
    pub fn source(&self) -> String {
        self.sources.iter().cloned().collect::<Vec<_>>().join("; ")
    }
}

/// A region's figures of one indicator, in time order.
pub type Figures = BTreeMap<Period, Figure>;

/// The least final of the statuses: provisional, then revised, then final.
pub fn least_final(statuses: impl IntoIterator<Item = ValueStatus>) -> Option<ValueStatus> {
    let rank = |s: &ValueStatus| match s {
        ValueStatus::Provisional => 0,
        ValueStatus::Revised => 1,
        ValueStatus::Final => 2,
    };
    statuses.into_iter().min_by_key(rank)
}

/// A national (or group) figure of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFigure {
    pub value: Option<f64>,
    pub coverage: Coverage,
    pub status: Option<ValueStatus>,
    pub sources: BTreeSet<String>,
    /// Every expected region contributed a complete figure.
    pub complete: bool,
}

/// The date window to read values for `ranges` (of any period types): widened to
/// whole years, so the coarser weights and the sub-periods of every period in a
/// range are read too. `None` at an end that is open in some range.
pub fn fetch_window(ranges: &[PeriodRange]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let first = ranges
        .iter()
        .map(|r| r.first_start)
        .collect::<Option<Vec<_>>>()
        .and_then(|starts| starts.into_iter().min())
        .and_then(|d| NaiveDate::from_ymd_opt(d.year(), 1, 1));
    let last = ranges
        .iter()
        .map(|r| r.last_start)
        .collect::<Option<Vec<_>>>()
        .and_then(|ends| ends.into_iter().max())
        .and_then(|d| NaiveDate::from_ymd_opt(d.year(), 12, 31));
    (first, last)
}

/// The stored values and targets a request reads, and the figures computed from them.
pub struct Dataset {
    catalogue: Catalogue,
    values: HashMap<(String, String), Figures>,
    targets: HashMap<(String, String), Series>,
    /// Rows read, values and targets together.
    pub rows_read: usize,
    /// The latest change of the values, targets and indicators read.
    pub last_modified: NaiveDateTime,
    memo: RefCell<HashMap<(String, String, PeriodType), Rc<Figures>>>,
}

impl Dataset {
    /// Reads the values and targets of `selection` (one query each). Rows that do
    /// not parse (which the write paths never store) are left out.
    pub fn load(conn: &mut DbConnection, catalogue: Catalogue, selection: &Selection) -> Result<Self, DbError> {
        let value_rows = analytics::values(conn, selection)?;
        let target_rows = analytics::targets(conn, selection)?;
        let mut last_modified = selection
            .indicators
            .iter()
            .filter_map(|code| catalogue.indicator(code))
            .map(|i| i.row.updated_at)
            .max()
            .unwrap_or_default();
        let rows_read = value_rows.len() + target_rows.len();
        let mut values: HashMap<(String, String), Figures> = HashMap::new();
        for row in value_rows {
            last_modified = last_modified.max(row.updated_at);
            let (Ok(period), Ok(status)) = (Period::parse(&row.period), ValueStatus::parse(&row.status)) else {
                continue;
            };
            let figure = Figure {
                value: row.value,
                status,
                sources: [row.source].into_iter().filter(|s| !s.is_empty()).collect(),
                complete: true,
                missing: Vec::new(),
            };
            values
                .entry((row.indicator_code, row.region_code))
                .or_default()
                .insert(period, figure);
        }
        let mut targets: HashMap<(String, String), Series> = HashMap::new();
        for row in target_rows {
            last_modified = last_modified.max(row.updated_at);
            if let Ok(period) = Period::parse(&row.period) {
                targets
                    .entry((row.indicator_code, row.region_code))
                    .or_default()
                    .insert(period, row.value);
            }
        }
        Ok(Self {
            catalogue,
            values,
            targets,
            rows_read,
            last_modified,
            memo: RefCell::default(),
        })
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// An indicator the request was checked against: missing only by a bug.
    pub fn indicator(&self, code: &str) -> Result<&Indicator, DbError> {
        self.catalogue
            .indicator(code)
            .ok_or_else(|| DbError::Internal(format!("indicator {code} left the catalogue")))
    }

    /// A region's figures of an indicator in periods of type `period_type` (its
    /// own or a coarser one): stored values, aggregated by the indicator's rule, or
    /// computed by its formula.
    pub fn regional(&self, code: &str, region: &str, period_type: PeriodType) -> Rc<Figures> {
        self.regional_at_depth(code, region, period_type, 0)
    }

    fn regional_at_depth(&self, code: &str, region: &str, period_type: PeriodType, depth: usize) -> Rc<Figures> {
        let key = (code.to_owned(), region.to_owned(), period_type);
        if let Some(hit) = self.memo.borrow().get(&key) {
            return hit.clone();
        }
        let figures = Rc::new(self.compute_regional(code, region, period_type, depth));
        self.memo.borrow_mut().insert(key, figures.clone());
        figures
    }

    fn compute_regional(&self, code: &str, region: &str, period_type: PeriodType, depth: usize) -> Figures {
        let Some(indicator) = self.catalogue.indicator(code) else {
            return Figures::new();
        };
        if let Some(formula) = &indicator.formula {
            if depth >= MAX_DEPTH {
                return Figures::new();
            }
            let inputs: BTreeMap<&IndicatorCode, Rc<Figures>> = formula
                .inputs()
                .iter()
                .map(|input| {
                    (
                        input,
                        self.regional_at_depth(input.as_str(), region, period_type, depth + 1),
                    )
                })
                .collect();
            return evaluate(formula, &inputs);
        }
        let stored = self.values.get(&(code.to_owned(), region.to_owned()));
        let Some(stored) = stored else {
            return Figures::new();
        };
        if period_type == indicator.period_type {
            return stored.clone();
        }
        let series: Series = stored.iter().map(|(p, f)| (*p, f.value)).collect();
        let weights: Option<Series> = match (indicator.rollup, &indicator.weight) {
            (Rollup::WeightedMean, Some(weight)) => Some(
                series
                    .keys()
                    .filter_map(|p| Some((*p, self.weight(weight.as_str(), region, *p, depth)?)))
                    .collect(),
            ),
            _ => None,
        };
        let Ok(aggregated) = aggregate(&series, period_type, indicator.rollup, weights.as_ref()) else {
            return Figures::new();
        };
        aggregated
            .into_iter()
            .filter_map(|a| {
                let value = a.value?;
                let subs: Vec<&Figure> = a
                    .period
                    .children(indicator.period_type)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|child| stored.get(child))
                    .collect();
                Some((
                    a.period,
                    Figure {
                        value,
                        status: least_final(subs.iter().map(|f| f.status))?,
                        sources: subs.iter().flat_map(|f| f.sources.iter().cloned()).collect(),
                        complete: a.complete,
                        missing: a.missing,
                    },
                ))
            })
            .collect()
    }

    /// The weight of a region for `period`, from the weight indicator's figures in
    /// its own period type (see the module documentation).
    fn weight(&self, code: &str, region: &str, period: Period, depth: usize) -> Option<f64> {
        let weight_type = self.catalogue.indicator(code)?.period_type;
        let figures = self.regional_at_depth(code, region, weight_type, depth + 1);
        if sub_period_count(weight_type, period.period_type()).is_some() {
            return figures.get(&period.parent(weight_type)?).map(|f| f.value);
        }
        let values: Vec<f64> = period
            .children(weight_type)?
            .iter()
            .filter_map(|child| figures.get(child).map(|f| f.value))
            .collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    }

    /// A region's targets in periods of type `period_type`: as stored, or for a
    /// coarser type rolled up by the indicator's rule where every sub-period has one.
    pub fn targets(&self, code: &str, region: &str, period_type: PeriodType) -> Series {
        let Some(indicator) = self.catalogue.indicator(code) else {
            return Series::new();
        };
        let stored = self
            .targets
            .get(&(code.to_owned(), region.to_owned()))
            .cloned()
            .unwrap_or_default();
        if period_type == indicator.period_type {
            return stored;
        }
        let weights: Option<Series> = match (indicator.rollup, &indicator.weight) {
            (Rollup::WeightedMean, Some(weight)) => Some(
                stored
                    .keys()
                    .filter_map(|p| Some((*p, self.weight(weight.as_str(), region, *p, 0)?)))
                    .collect(),
            ),
            _ => None,
        };
        aggregate(&stored, period_type, indicator.rollup, weights.as_ref())
            .map(|all| {
                all.into_iter()
                    .filter(|a| a.complete)
                    .filter_map(|a| Some((a.period, a.value?)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The periods (of type `period_type`) in which some region of `group` has a figure.
    pub fn periods(&self, code: &str, group: &[RegionCode], period_type: PeriodType) -> BTreeSet<Period> {
        group
            .iter()
            .flat_map(|region| {
                self.regional(code, region.as_str(), period_type)
                    .keys()
                    .copied()
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The figure of `group` (the nation) for one period, by the indicator's rule.
    pub fn group_figure(&self, code: &str, period: Period, group: &[RegionCode]) -> GroupFigure {
        self.group_figure_at_depth(code, period, group, 0)
    }

    fn group_figure_at_depth(&self, code: &str, period: Period, group: &[RegionCode], depth: usize) -> GroupFigure {
        let period_type = period.period_type();
        let figures: BTreeMap<RegionCode, Rc<Figures>> = group
            .iter()
            .map(|region| {
                let figures = self.regional_at_depth(code, region.as_str(), period_type, depth);
                (region.clone(), figures)
            })
            .collect();
        let at = |region: &RegionCode| figures.get(region).and_then(|f| f.get(&period));
        let Some(indicator) = self.catalogue.indicator(code) else {
            return no_figure(group);
        };
        let (value, coverage) = match &indicator.formula {
            Some(_) if depth >= MAX_DEPTH => return no_figure(group),
            Some(formula) => {
                // The inputs roll up over the regions where the derived figure exists.
                let subset: Vec<RegionCode> = group.iter().filter(|r| at(r).is_some()).cloned().collect();
                let inputs: BTreeMap<&IndicatorCode, GroupFigure> = formula
                    .inputs()
                    .iter()
                    .map(|input| {
                        (
                            input,
                            self.group_figure_at_depth(input.as_str(), period, &subset, depth + 1),
                        )
                    })
                    .collect();
                let value = formula.evaluate(|c| inputs.get(c)?.value);
                let without_weight: BTreeSet<RegionCode> = inputs
                    .values()
                    .flat_map(|g| g.coverage.without_weight.iter().cloned())
                    .collect();
                let expected: BTreeSet<&RegionCode> = group.iter().collect();
                let coverage = Coverage {
                    expected: expected.len(),
                    reported: subset.len(),
                    contributing: subset.len().saturating_sub(without_weight.len()),
                    missing: expected
                        .iter()
                        .filter(|r| at(r).is_none())
                        .map(|r| (*r).clone())
                        .collect(),
                    without_weight: without_weight.into_iter().collect(),
                    not_expected: Vec::new(),
                };
                (value, coverage)
            }
            None => {
                let values: BTreeMap<RegionCode, f64> =
                    group.iter().filter_map(|r| Some((r.clone(), at(r)?.value))).collect();
                let weights: Option<BTreeMap<RegionCode, f64>> = match (indicator.rollup, &indicator.weight) {
                    (Rollup::WeightedMean, Some(weight)) => Some(
                        values
                            .keys()
                            .filter_map(|r| Some((r.clone(), self.weight(weight.as_str(), r.as_str(), period, depth)?)))
                            .collect(),
                    ),
                    _ => None,
                };
                let rolled = rollup(indicator.rollup, &values, weights.as_ref(), group);
                (rolled.value, rolled.coverage)
            }
        };
        let contributing: Vec<&Figure> = group
            .iter()
            .filter(|r| !coverage.without_weight.contains(r))
            .filter_map(at)
            .collect();
        GroupFigure {
            value,
            status: value.and(least_final(contributing.iter().map(|f| f.status))),
            sources: contributing.iter().flat_map(|f| f.sources.iter().cloned()).collect(),
            complete: value.is_some() && coverage.is_complete() && contributing.iter().all(|f| f.complete),
            coverage,
        }
    }
}

fn no_figure(group: &[RegionCode]) -> GroupFigure {
    let missing: BTreeSet<RegionCode> = group.iter().cloned().collect();
    GroupFigure {
        value: None,
        coverage: Coverage {
            expected: missing.len(),
            missing: missing.into_iter().collect(),
            ..Coverage::default()
        },
        status: None,
        sources: BTreeSet::new(),
        complete: false,
    }
}

/// A derived indicator's figures: the formula in every period where all inputs
/// have a figure (and the result is a number).
fn evaluate(formula: &Formula, inputs: &BTreeMap<&IndicatorCode, Rc<Figures>>) -> Figures {
    let periods: BTreeSet<Period> = inputs.values().flat_map(|f| f.keys().copied()).collect();
    let source = format!("computed: {formula}");
    periods
        .into_iter()
        .filter_map(|period| {
            let parts: Vec<&Figure> = inputs.values().map(|f| f.get(&period)).collect::<Option<Vec<_>>>()?;
            let value = formula.evaluate(|code| inputs.get(code)?.get(&period).map(|f| f.value))?;
            let mut missing: Vec<Period> = parts.iter().flat_map(|f| f.missing.iter().copied()).collect();
            missing.sort();
            missing.dedup();
            Some((
                period,
                Figure {
                    value,
                    status: least_final(parts.iter().map(|f| f.status))?,
                    sources: [source.clone()].into_iter().collect(),
                    complete: parts.iter().all(|f| f.complete),
                    missing,
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_final_status_wins() {
        use ValueStatus::*;
        assert_eq!(least_final([Final, Revised, Final]), Some(Revised));
        assert_eq!(least_final([Final, Provisional, Revised]), Some(Provisional));
        assert_eq!(least_final([]), None);
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_fetch_window_covers_whole_years() {
        let quarter = PeriodRange::new(Some(Period::Quarter(2023, 2)), Some(Period::Quarter(2024, 1))).expect("range");
        let year = PeriodRange::new(Some(Period::Year(2022)), Some(Period::Year(2022))).expect("range");
        assert_eq!(
            fetch_window(&[quarter, year]),
            (Some(date(2022, 1, 1)), Some(date(2024, 12, 31)))
        );
        let open = PeriodRange::new(None, Some(Period::Year(2022))).expect("range");
        assert_eq!(fetch_window(&[quarter, open]), (None, Some(date(2024, 12, 31))));
    }
}
