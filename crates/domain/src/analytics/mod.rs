//! Indicator analytics: the pure rules behind series, national roll-ups, period
//! aggregation, relative periods, progress against target, derived (formula)
//! indicators, import warnings and the analysts' CSV table. No HTTP, no SQL: the
//! endpoints fetch rows, call these functions and render the answer.
//!
//! Gaps are never hidden: a figure computed from incomplete input says so (which
//! regions or sub-periods are missing), and "no data" is `None`, never `0`.

pub mod aggregate;
pub mod calendar;
pub mod csv;
pub mod figures;
pub mod formula;
pub mod import_checks;
pub mod progress;
pub mod relative;
pub mod rollup;
pub(crate) mod stats;
pub mod tidy;
pub mod trend;

use std::collections::BTreeMap;

use crate::period::Period;

/// One region's values of one indicator, at most one per period, in time order
/// (an indicator's values share its period type, so `Period`'s order is time order).
pub type Series = BTreeMap<Period, f64>;

/// A value and the period it is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub period: Period,
    pub value: f64,
}
