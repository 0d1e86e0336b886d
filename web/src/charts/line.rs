//! A line chart of series over periods: regional values, targets (dashed) and the
//! national figure. Each point carries its period and value for tooltips and tests.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use super::colour;
use super::scale::Scale;
use crate::components::table::TableScroll;
use crate::i18n::{Lang, T, format_number, use_i18n};

const WIDTH: f64 = 520.0;
const HEIGHT: f64 = 240.0;
/// Room for the value labels left of the plot: per character, plus a gap.
const LABEL_CHAR: f64 = 9.5;
const LABEL_GAP: f64 = 12.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;
/// At most this many period labels under the axis; the others are skipped.
const MAX_X_LABELS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    /// Measured values, in palette colour `n`.
    Value(usize),
    /// Targets: dashed, hollow points.
    Target,
    /// The national figure: thick and dark.
    National,
}

impl SeriesKind {
    fn colour(self) -> &'static str {
        match self {
            Self::Value(n) => colour(n),
            Self::Target => "#8a1c1c",
            Self::National => "#1d2733",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Value(_) => "value",
            Self::Target => "target",
            Self::National => "national",
        }
    }
}

/// One line: (period, value) points, in any order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub kind: SeriesKind,
    pub points: Vec<(String, f64)>,
}

#[component]
pub fn LineChart(series: Vec<Series>, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let periods: Vec<String> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|(period, _)| period.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let all_values = series.iter().flat_map(|s| s.points.iter().map(|(_, v)| *v));
    let (lo, hi) = all_values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let scale = Scale::nice(lo, hi, 5);
    // Both languages write a number with as many characters.
    let widest = scale
        .ticks
        .iter()
        .map(|t| format_number(Lang::Nl, *t).chars().count())
        .max()
        .unwrap_or(1);
    let left = (widest as f64 * LABEL_CHAR + LABEL_GAP).max(36.0);
    let x_of = {
        let periods = periods.clone();
        move |period: &str| -> f64 {
            let index = periods.iter().position(|p| p == period).unwrap_or(0);
            if periods.len() <= 1 {
                (left + WIDTH - RIGHT) / 2.0
            } else {
                left + index as f64 * (WIDTH - left - RIGHT) / (periods.len() - 1) as f64
            }
        }
    };
    let y_of = |value: f64| scale.map(value, HEIGHT - BOTTOM, TOP);

    let grid = scale
        .ticks
        .iter()
        .map(|&tick| {
            let y = y_of(tick);
            view! {
                <g class="tick">
                    <line x1=left x2=WIDTH - RIGHT y1=y y2=y class="grid" />
                    <text x=left - 6.0 y=y + 4.0 text-anchor="end">
                        {move || i18n.number(tick)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let every = periods.len().div_ceil(MAX_X_LABELS).max(1);
    let x_labels = periods
        .iter()
        .enumerate()
        // Counted from the end, so the latest period is always labelled.
        .filter(|(i, _)| (periods.len() - 1 - i).is_multiple_of(every))
        .map(|(_, period)| {
            view! {
                <text x=x_of(period) y=HEIGHT - 10.0 text-anchor="middle">
                    {period.clone()}
                </text>
            }
        })
        .collect_view();
    let lines = series
        .iter()
        .map(|s| {
            let mut points = s.points.clone();
            points.sort_by(|a, b| a.0.cmp(&b.0));
            let path: String = points
                .iter()
                .enumerate()
                .map(|(i, (period, value))| {
                    format!(
                        "{}{:.1},{:.1}",
                        if i == 0 { "M" } else { " L" },
                        x_of(period),
                        y_of(*value)
                    )
                })
                .collect();
            let colour = s.kind.colour();
            let dots = points
                .iter()
                .map(|(period, value)| {
                    let (period, value, name) = (period.clone(), *value, s.label.clone());
                    let tip = {
                        let period = period.clone();
                        move || format!("{name}, {period}: {}", i18n.number(value))
                    };
                    view! {
                        <circle
                            cx=x_of(&period)
                            cy=y_of(value)
                            r=if s.kind == SeriesKind::National { 3.5 } else { 3.0 }
                            fill=if s.kind == SeriesKind::Target { "#fff" } else { colour }
                            stroke=colour
                            data-series=s.kind.name()
                            data-period=period.clone()
                            data-value=value.to_string()
                        >
                            <title>{tip}</title>
                        </circle>
                    }
                })
                .collect_view();
            view! {
                <g class=format!("series series-{}", s.kind.name())>
                    <path
                        d=path
                        fill="none"
                        stroke=colour
                        stroke-width=if s.kind == SeriesKind::National { 3.0 } else { 2.0 }
                        stroke-dasharray=(s.kind == SeriesKind::Target).then_some("6 4")
                    />
                    {dots}
                </g>
            }
        })
        .collect_view();
    let legend = series
        .iter()
        .map(|s| {
            let class = format!("swatch swatch-{}", s.kind.name());
            // Through the CSSOM (`style:`): the CSP allows no inline style attributes.
            view! {
                <li>
                    <span class=class style:border-top-color=s.kind.colour() aria-hidden="true"></span>
                    {s.label.clone()}
                </li>
            }
        })
        .collect_view();
    let empty = series.iter().all(|s| s.points.is_empty());
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=move || label.get()
                class="line-chart"
                data-empty=empty.to_string()
            >
                <g class="axis">{grid}</g>
                <line x1=left x2=WIDTH - RIGHT y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM class="axis-line" />
                <g class="x-labels">{x_labels}</g>
                {lines}
            </svg>
            <figcaption>
                <ul class="legend">{legend}</ul>
            </figcaption>
            <ChartTable series periods label />
        </figure>
    }
}

/// The chart's text alternative (WCAG 1.1.1): its figures in a table, a period per
/// row and a series per column, behind a toggle that the keyboard opens too.
#[component]
fn ChartTable(series: Vec<Series>, periods: Vec<String>, label: Signal<String>) -> impl IntoView {
    static TABLES: AtomicUsize = AtomicUsize::new(0);
    let caption_id = format!("chart-table-{}", TABLES.fetch_add(1, Ordering::Relaxed));
    let i18n = use_i18n();
    let head = series
        .iter()
        .map(|s| view! { <th scope="col" class="num">{s.label.clone()}</th> })
        .collect_view();
    let rows = periods
        .into_iter()
        .map(|period| {
            let cells = series
                .iter()
                .map(|s| {
                    let value = s.points.iter().find(|(p, _)| *p == period).map(|(_, v)| *v);
                    view! { <td class="num">{move || value.map_or_else(|| "–".to_owned(), |v| i18n.number(v))}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{period}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="chart-data">
            <summary>{move || i18n.t(T::ChartAsTable)}</summary>
            <TableScroll labelled_by=caption_id.clone()>
                <table class="compact">
                    <caption id=caption_id>{move || label.get()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(T::Period)}</th>
                            {head}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableScroll>
        </details>
    }
}
