//! A horizontal bar chart of counts, as a `<figure>`: the caption, the bars (SVG,
//! hidden from screen readers) and the same numbers in a table, which is what
//! assistive technology reads and what remains without colour or images.

use leptos::prelude::*;

use super::colour;
use crate::i18n::{T, tr};

const WIDTH: f64 = 480.0;
/// Each bar has its label above it, so long labels never squeeze the bars.
const ROW: f64 = 36.0;
const LABEL_Y: f64 = 13.0;
const BAR_Y: f64 = 18.0;
const BAR_HEIGHT: f64 = 12.0;
/// Room right of the longest bar for its value.
const VALUE_ROOM: f64 = 48.0;

/// One bar: what it counts (`key`, for tests and styling), its label and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub key: String,
    pub label: String,
    pub value: f64,
    /// The value as the language writes it.
    pub shown: String,
}

/// The width of a bar of `value` when the largest is `max`.
fn bar_width(value: f64, max: f64) -> f64 {
    if max <= 0.0 || value <= 0.0 {
        0.0
    } else {
        (value / max * (WIDTH - VALUE_ROOM)).max(1.0)
    }
}

/// `id` names the figure (`data-figure`) and its caption; `group` heads the table's
/// label column.
#[component]
pub fn BarChart(id: &'static str, caption: String, group: T, bars: Vec<Bar>) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let height = (bars.len().max(1) as f64 * ROW).ceil();
    let caption_id = format!("figure-{id}-caption");
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let top = i as f64 * ROW;
            let width = bar_width(bar.value, max);
            view! {
                <g data-key=bar.key.clone()>
                    <text x="0" y=top + LABEL_Y class="bar-label">
                        {bar.label.clone()}
                    </text>
                    <rect x="0" y=top + BAR_Y width=width height=BAR_HEIGHT fill=colour(0) rx="2" />
                    <text x=width + 6.0 y=top + BAR_Y + BAR_HEIGHT - 1.0 class="bar-value">
                        {bar.shown.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let table_rows = bars
        .into_iter()
        .map(|bar| {
            view! {
                <tr data-key=bar.key>
                    <th scope="row">{bar.label}</th>
                    <td class="num">{bar.shown}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="bar-figure" data-figure=id>
            <figcaption id=caption_id>{caption}</figcaption>
            <svg
                class="bar-chart"
                viewBox=format!("0 0 {WIDTH} {height}")
                preserveAspectRatio="xMinYMin meet"
                aria-hidden="true"
                focusable="false"
            >
                {rows}
            </svg>
            <table class="compact">
                <thead>
                    <tr>
                        <th scope="col">{tr(group)}</th>
                        <th scope="col" class="num">
                            {tr(T::Tickets)}
                        </th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::bar_width;

    #[test]
    fn the_largest_bar_fills_the_room_and_zero_draws_nothing() {
        assert!((bar_width(10.0, 10.0) - 432.0).abs() < 1e-9);
        assert!((bar_width(5.0, 10.0) - 216.0).abs() < 1e-9);
        assert_eq!(bar_width(0.0, 10.0), 0.0);
        assert_eq!(bar_width(0.0, 0.0), 0.0);
    }
}
