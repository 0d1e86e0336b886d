//! A sparkline: the recent trend of one region's values, with its target as a dashed
//! line. It stretches to its box; the strokes keep their width.

use leptos::prelude::*;

use super::scale::Scale;

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 36.0;
const PAD: f64 = 4.0;

#[component]
pub fn Sparkline(values: Vec<f64>, target: Option<f64>, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let lo = values
        .iter()
        .chain(target.iter())
        .copied()
        .fold(f64::INFINITY, f64::min);
    let hi = values
        .iter()
        .chain(target.iter())
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let scale = Scale::nice(lo, hi, 2);
    let y = |value: f64| scale.map(value, HEIGHT - PAD, PAD);
    let x = |index: usize| {
        if values.len() <= 1 {
            WIDTH / 2.0
        } else {
            PAD + index as f64 * (WIDTH - 2.0 * PAD) / (values.len() - 1) as f64
        }
    };
    let points: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1} ", x(i), y(*v)))
        .collect();
    view! {
        <svg
            class="sparkline"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            preserveAspectRatio="none"
            role="img"
            aria-label=move || label.get()
        >
            {target
                .map(|t| {
                    view! {
                        <line
                            class="spark-target"
                            x1=PAD
                            x2=WIDTH - PAD
                            y1=y(t)
                            y2=y(t)
                            stroke="#8a1c1c"
                            stroke-dasharray="4 3"
                            vector-effect="non-scaling-stroke"
                        />
                    }
                })}
            <polyline
                class="spark-line"
                points=points
                fill="none"
                stroke="#0b6e69"
                stroke-width="2"
                vector-effect="non-scaling-stroke"
            />
        </svg>
    }
}
