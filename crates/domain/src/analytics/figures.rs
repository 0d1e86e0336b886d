//! The figures behind every analytics answer, computed from stored values that the
//! caller has read and parsed ([`StoredValue`], [`StoredTarget`]): a region's
//! figures in any coarser period type, national (group) roll-ups with coverage,
//! derived indicators from their inputs. Memoised per indicator, region and
//! period type, so a table of many regions computes each figure once.
//!
//! The rules, besides those of [`super::aggregate`], [`super::rollup`] and
//! [`super::formula`]:
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

use chrono::{Datelike, NaiveDate};

use super::Series;
use super::aggregate::aggregate;
use super::calendar::{PeriodExt, sub_period_count};
use super::formula::Formula;
use super::rollup::{Coverage, rollup};
use crate::indicator::{Direction, IndicatorCode, Rollup, Unit, ValueStatus};
use crate::period::{Period, PeriodRange, PeriodType};
use crate::region::RegionCode;

/// Formulas may read derived indicators; stored formulas have no cycles, but a
/// figure never recurses deeper than this.
const MAX_DEPTH: usize = 16;

/// What the figures of one indicator follow: its unit and direction, its period
/// type, how regions and periods roll up, and, for a derived indicator, its formula.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRules {
    pub code: IndicatorCode,
    pub unit: Unit,
    pub direction: Direction,
    pub period_type: PeriodType,
    pub rollup: Rollup,
    pub weight: Option<IndicatorCode>,
    pub formula: Option<Formula>,
}

impl IndicatorRules {
    /// The indicators a derived indicator reads; none for a measured one.
    pub fn inputs(&self) -> &[IndicatorCode] {
        self.formula.as_ref().map_or(&[], Formula::inputs)
    }

    /// How the national figure in periods of `period_type` is made, in words.
    pub fn national_method(&self, period_type: PeriodType) -> String {
        let across = match (&self.formula, self.rollup, &self.weight) {
            (Some(formula), ..) => format!(
                "{formula}, computed on the national figures of its inputs (each rolled up by its own rule) \
                 over the regions where every input has a value"
            ),
            (None, Rollup::Sum, _) => "sum of the regions' values".to_owned(),
            (None, Rollup::Mean, _) => "mean of the regions' values".to_owned(),
            (None, Rollup::WeightedMean, Some(weight)) => {
                format!("weighted mean of the regions' values, weighted by {weight}")
            }
            (None, Rollup::WeightedMean, None) => "weighted mean of the regions' values".to_owned(),
        };
        match (period_type == self.period_type, &self.formula) {
            (true, _) => across,
            (false, Some(_)) => format!(
                "{across}; each input's {}s first aggregated per region into {period_type}s by its own rule",
                self.period_type
            ),
            (false, None) => format!(
                "{across}; each region's {}s first aggregated into {period_type}s by the same rule",
                self.period_type
            ),
        }
    }
}

/// The figure rules of every indicator in the catalogue, by code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorRulebook {
    pub indicators: BTreeMap<String, IndicatorRules>,
}

impl IndicatorRulebook {
    pub fn new(rules: impl IntoIterator<Item = IndicatorRules>) -> Self {
        Self {
            indicators: rules.into_iter().map(|r| (r.code.as_str().to_owned(), r)).collect(),
        }
    }

    pub fn get(&self, code: &str) -> Option<&IndicatorRules> {
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
            let Some(indicator) = self.get(&code) else {
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

/// A stored value, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredValue {
    pub indicator: String,
    pub region: String,
    pub period: Period,
    pub value: f64,
    pub status: ValueStatus,
    /// Empty when none was given.
    pub source: String,
}

/// A stored target, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTarget {
    pub indicator: String,
    pub region: String,
    pub period: Period,
    pub value: f64,
}

/// A figure of one region and period, with what it stands on.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub status: ValueStatus,
    /// Distinct, non-empty.
    pub sources: Sources,
    /// Every sub-period (and every input) was there.
    pub complete: bool,
    /// Sub-periods without a value, when aggregated.
    pub missing: Vec<Period>,
}

impl Figure {
    /// The sources as one text: `; ` between several.
    pub fn source(&self) -> String {
        self.sources.0.join("; ")
    }
}

/// The distinct sources of a figure, in order. A sorted vector rather than a set:
/// most figures have one source, and a set's tree node took ten times the memory
/// of the text (a table of 50 000 figures held about 15 MB of nodes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources(Vec<String>);

impl Sources {
    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<String> for Sources {
    fn from_iter<I: IntoIterator<Item = String>>(sources: I) -> Self {
        let mut sources: Vec<String> = sources.into_iter().collect();
        sources.sort_unstable();
        sources.dedup();
        Self(sources)
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
    pub sources: Sources,
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

/// The stored values and targets one answer stands on, and the figures computed
/// from them.
pub struct Dataset<'a> {
    rules: &'a IndicatorRulebook,
    /// Shared with the figures asked in the stored period type, which are these.
    values: HashMap<(String, String), Rc<Figures>>,
    targets: HashMap<(String, String), Series>,
    memo: RefCell<HashMap<(String, String, PeriodType), Rc<Figures>>>,
}

impl<'a> Dataset<'a> {
    pub fn new(
        rules: &'a IndicatorRulebook,
        values: impl IntoIterator<Item = StoredValue>,
        targets: impl IntoIterator<Item = StoredTarget>,
    ) -> Self {
        let mut by_series: HashMap<(String, String), Figures> = HashMap::new();
        for stored in values {
            let figure = Figure {
                value: stored.value,
                status: stored.status,
                sources: [stored.source].into_iter().filter(|s| !s.is_empty()).collect(),
                complete: true,
                missing: Vec::new(),
            };
            by_series
                .entry((stored.indicator, stored.region))
                .or_default()
                .insert(stored.period, figure);
        }
        let mut target_series: HashMap<(String, String), Series> = HashMap::new();
        for target in targets {
            target_series
                .entry((target.indicator, target.region))
                .or_default()
                .insert(target.period, target.value);
        }
        Self {
            rules,
            values: by_series
                .into_iter()
                .map(|(key, figures)| (key, Rc::new(figures)))
                .collect(),
            targets: target_series,
            memo: RefCell::default(),
        }
    }

    pub fn rules(&self) -> &IndicatorRulebook {
        self.rules
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
        let figures = self.compute_regional(code, region, period_type, depth);
        self.memo.borrow_mut().insert(key, figures.clone());
        figures
    }

    fn compute_regional(&self, code: &str, region: &str, period_type: PeriodType, depth: usize) -> Rc<Figures> {
        let Some(indicator) = self.rules.get(code) else {
            return Rc::default();
        };
        if let Some(formula) = &indicator.formula {
            if depth >= MAX_DEPTH {
                return Rc::default();
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
            return Rc::new(evaluate(formula, &inputs));
        }
        let stored = self.values.get(&(code.to_owned(), region.to_owned()));
        let Some(stored) = stored else {
            return Rc::default();
        };
        if period_type == indicator.period_type {
            return stored.clone();
        }
        let series: Series = stored.iter().map(|(p, f)| (*p, f.value)).collect();
        let weights = self.period_weights(indicator, region, series.keys(), depth);
        let Ok(aggregated) = aggregate(&series, period_type, indicator.rollup, weights.as_ref()) else {
            return Rc::default();
        };
        let figures: Figures = aggregated
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
            .collect();
        Rc::new(figures)
    }

    /// For a weighted mean, the region's weight for each of `periods`; `None` for
    /// the other rules.
    fn period_weights<'p>(
        &self,
        indicator: &IndicatorRules,
        region: &str,
        periods: impl Iterator<Item = &'p Period>,
        depth: usize,
    ) -> Option<Series> {
        match (indicator.rollup, &indicator.weight) {
            (Rollup::WeightedMean, Some(weight)) => Some(
                periods
                    .filter_map(|p| Some((*p, self.weight(weight.as_str(), region, *p, depth)?)))
                    .collect(),
            ),
            _ => None,
        }
    }

    /// The weight of a region for `period`, from the weight indicator's figures in
    /// its own period type (see the module documentation).
    fn weight(&self, code: &str, region: &str, period: Period, depth: usize) -> Option<f64> {
        let weight_type = self.rules.get(code)?.period_type;
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
        let Some(indicator) = self.rules.get(code) else {
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
        let weights = self.period_weights(indicator, region, stored.keys(), 0);
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
        let Some(indicator) = self.rules.get(code) else {
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
        sources: Sources::default(),
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

    fn code(s: &str) -> IndicatorCode {
        IndicatorCode::parse(s).expect("code")
    }

    fn region(s: &str) -> RegionCode {
        RegionCode::parse(s).expect("region")
    }

    fn rules(name: &str, period_type: PeriodType, rollup: Rollup, weight: Option<&str>) -> IndicatorRules {
        IndicatorRules {
            code: code(name),
            unit: Unit::Count,
            direction: Direction::HigherIsBetter,
            period_type,
            rollup,
            weight: weight.map(code),
            formula: None,
        }
    }

    fn derived(name: &str, formula: &str) -> IndicatorRules {
        IndicatorRules {
            formula: Some(Formula::parse(formula).expect("formula")),
            ..rules(name, PeriodType::Year, Rollup::Sum, None)
        }
    }

    fn value(indicator: &str, region: &str, period: Period, value: f64, status: ValueStatus) -> StoredValue {
        StoredValue {
            indicator: indicator.into(),
            region: region.into(),
            period,
            value,
            status,
            source: format!("{region} office"),
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1.0))
    }

    const NATION: [&str; 3] = ["rotterdam", "twente", "zeeland"];

    fn nation() -> Vec<RegionCode> {
        NATION.iter().map(|r| region(r)).collect()
    }

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

    #[test]
    fn a_national_sum_over_part_of_the_nation_is_partial_and_least_final() {
        // Entrants 2024: Twente 120 (final) + Zeeland 30 (provisional) = 150; Rotterdam silent.
        let book = IndicatorRulebook::new([rules("entrants", PeriodType::Year, Rollup::Sum, None)]);
        let y = Period::Year(2024);
        let data = Dataset::new(
            &book,
            [
                value("entrants", "twente", y, 120.0, ValueStatus::Final),
                value("entrants", "zeeland", y, 30.0, ValueStatus::Provisional),
            ],
            [],
        );
        let figure = data.group_figure("entrants", y, &nation());
        assert_eq!(figure.value, Some(150.0));
        assert_eq!(figure.coverage.reported, 2);
        assert_eq!(figure.coverage.missing, vec![region("rotterdam")]);
        assert_eq!(figure.status, Some(ValueStatus::Provisional));
        assert_eq!(figure.sources.len(), 2);
        assert!(!figure.complete);
    }

    #[test]
    fn a_weighted_mean_leaves_out_the_region_without_weight() {
        // Sick leave 4% (Twente, 100 employees), 6% (Zeeland, 300), 9% (Rotterdam,
        // no employees): (4·100 + 6·300) / 400 = 5.5, Rotterdam named.
        let book = IndicatorRulebook::new([
            rules("sick_leave", PeriodType::Year, Rollup::WeightedMean, Some("employees")),
            rules("employees", PeriodType::Year, Rollup::Sum, None),
        ]);
        let y = Period::Year(2024);
        let final_ = ValueStatus::Final;
        let data = Dataset::new(
            &book,
            [
                value("sick_leave", "twente", y, 4.0, final_),
                value("sick_leave", "zeeland", y, 6.0, final_),
                value("sick_leave", "rotterdam", y, 9.0, ValueStatus::Provisional),
                value("employees", "twente", y, 100.0, final_),
                value("employees", "zeeland", y, 300.0, final_),
            ],
            [],
        );
        let figure = data.group_figure("sick_leave", y, &nation());
        assert!(close(figure.value, 5.5), "{figure:?}");
        assert_eq!(figure.coverage.without_weight, vec![region("rotterdam")]);
        assert_eq!(figure.coverage.contributing, 2);
        // Rotterdam's provisional value does not count, so neither does its status.
        assert_eq!(figure.status, Some(ValueStatus::Final));
        assert!(!figure.complete);
    }

    #[test]
    fn a_weight_reported_per_coarser_period_weighs_each_finer_one() {
        // Quarterly sick leave, employees per year. Nation in 2024-Q1: Twente 4%
        // with 100 employees in 2024, Zeeland 8% with 300: (400 + 2400) / 400 = 7.
        let book = IndicatorRulebook::new([
            rules(
                "sick_leave",
                PeriodType::Quarter,
                Rollup::WeightedMean,
                Some("employees"),
            ),
            rules("employees", PeriodType::Year, Rollup::Sum, None),
        ]);
        let q = |n| Period::Quarter(2024, n);
        let final_ = ValueStatus::Final;
        let data = Dataset::new(
            &book,
            [
                value("sick_leave", "twente", q(1), 4.0, final_),
                value("sick_leave", "zeeland", q(1), 8.0, final_),
                value("sick_leave", "twente", q(2), 6.0, ValueStatus::Revised),
                value("employees", "twente", Period::Year(2024), 100.0, final_),
                value("employees", "zeeland", Period::Year(2024), 300.0, final_),
            ],
            [],
        );
        let group = [region("twente"), region("zeeland")];
        assert!(close(data.group_figure("sick_leave", q(1), &group).value, 7.0));
        // Twente's year from two quarters, both weighted by the same 100: (4 + 6) / 2 = 5,
        // incomplete (Q3 and Q4 missing) and revised (the least final of the two).
        let year = data.regional("sick_leave", "twente", PeriodType::Year);
        let figure = &year[&Period::Year(2024)];
        assert!(close(Some(figure.value), 5.0));
        assert_eq!(figure.status, ValueStatus::Revised);
        assert_eq!(figure.missing, vec![q(3), q(4)]);
        assert!(!figure.complete);
    }

    #[test]
    fn a_derived_national_figure_stands_on_the_regions_with_every_input() {
        // rate = entrants / employees * 1000. Twente 20 / 400, Zeeland 10 / 100,
        // Rotterdam reported entrants (50) but no employees: nationally
        // (20 + 10) / (400 + 100) * 1000 = 60, not (20 + 10 + 50) / 500 * 1000.
        let book = IndicatorRulebook::new([
            rules("entrants", PeriodType::Year, Rollup::Sum, None),
            rules("employees", PeriodType::Year, Rollup::Sum, None),
            derived("rate", "entrants / employees * 1000"),
        ]);
        let y = Period::Year(2024);
        let final_ = ValueStatus::Final;
        let data = Dataset::new(
            &book,
            [
                value("entrants", "twente", y, 20.0, final_),
                value("entrants", "zeeland", y, 10.0, final_),
                value("entrants", "rotterdam", y, 50.0, final_),
                value("employees", "twente", y, 400.0, final_),
                value("employees", "zeeland", y, 100.0, ValueStatus::Provisional),
            ],
            [],
        );
        let figure = data.group_figure("rate", y, &nation());
        assert!(close(figure.value, 60.0), "{figure:?}");
        assert_eq!(figure.coverage.reported, 2);
        assert_eq!(figure.coverage.missing, vec![region("rotterdam")]);
        assert_eq!(figure.status, Some(ValueStatus::Provisional));
        assert!(!figure.complete);
        // Per region: 20 / 400 * 1000 = 50, with the formula as its source.
        let twente = data.regional("rate", "twente", PeriodType::Year);
        assert!(close(twente.get(&y).map(|f| f.value), 50.0));
        assert_eq!(twente[&y].source(), "computed: entrants / employees * 1000");
        assert!(data.regional("rate", "rotterdam", PeriodType::Year).is_empty());
        assert_eq!(book.closure(&["rate".into()], false), ["employees", "entrants", "rate"]);
    }

    #[test]
    fn months_sum_into_a_partial_quarter_and_targets_only_when_complete() {
        let book = IndicatorRulebook::new([rules("entrants", PeriodType::Month, Rollup::Sum, None)]);
        let m = |n| Period::Month(2024, n);
        let target = |n, v| StoredTarget {
            indicator: "entrants".into(),
            region: "twente".into(),
            period: m(n),
            value: v,
        };
        let data = Dataset::new(
            &book,
            [
                value("entrants", "twente", m(1), 10.0, ValueStatus::Final),
                value("entrants", "twente", m(2), 15.0, ValueStatus::Final),
            ],
            [target(1, 5.0), target(2, 5.0), target(3, 5.0), target(4, 5.0)],
        );
        let quarters = data.regional("entrants", "twente", PeriodType::Quarter);
        let q1 = &quarters[&Period::Quarter(2024, 1)];
        assert_eq!(q1.value, 25.0);
        assert_eq!(q1.missing, vec![m(3)]);
        assert!(!q1.complete);
        let targets = data.targets("entrants", "twente", PeriodType::Quarter);
        assert_eq!(targets.get(&Period::Quarter(2024, 1)), Some(&15.0));
        assert_eq!(targets.get(&Period::Quarter(2024, 2)), None, "only April has a target");
    }

    #[test]
    fn the_method_says_how_the_figure_is_made() {
        let rate = derived("rate", "entrants / employees * 1000");
        assert!(
            rate.national_method(PeriodType::Year)
                .starts_with("entrants / employees * 1000")
        );
        let sick = rules(
            "sick_leave",
            PeriodType::Quarter,
            Rollup::WeightedMean,
            Some("employees"),
        );
        assert_eq!(
            sick.national_method(PeriodType::Year),
            "weighted mean of the regions' values, weighted by employees; \
             each region's quarters first aggregated into years by the same rule"
        );
    }
}
