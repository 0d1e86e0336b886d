//! The indicator explorer: one indicator, chosen regions and a period range, as a line
//! chart and a table, with the national roll-up, downloadable as CSV and JSON.

use std::collections::BTreeSet;

use leptos::prelude::*;
use zorgpact_contract::indicator::{IndicatorResponse, IndicatorValueResponse};

use crate::api::ApiError;
use crate::catalogue::use_catalogue;
use crate::charts::line::{LineChart, Series, SeriesKind};
use crate::components::status::resource_view;
use crate::data::export;
use crate::data::rollup::{NationalPoint, national};
use crate::i18n::{Codes, T, tr, use_i18n};
use crate::session::{use_api, use_session};

const DEFAULT_INDICATOR: &str = "side_entrants";
/// Regions shown at first when the user works for none.
const DEFAULT_REGION_COUNT: usize = 3;

#[derive(Debug, Clone, PartialEq)]
struct ExplorerData {
    indicator: IndicatorResponse,
    /// Every region's values: the national figure needs them all.
    values: Vec<IndicatorValueResponse>,
    /// The weight indicator's values, for a weighted mean.
    weights: Vec<IndicatorValueResponse>,
}

#[component]
pub fn ExplorerPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let catalogue = use_catalogue();
    let code = RwSignal::new(DEFAULT_INDICATOR.to_owned());
    let regions = RwSignal::new(Vec::<String>::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());

    // Start with the user's own regions, else the first few.
    Effect::new(move || {
        if regions.with_untracked(Vec::is_empty) {
            let own = session.me().map(|me| me.regions).unwrap_or_default();
            let start = if own.is_empty() {
                catalogue
                    .region_list()
                    .into_iter()
                    .take(DEFAULT_REGION_COUNT)
                    .map(|r| r.code)
                    .collect()
            } else {
                own
            };
            regions.set(start);
        }
    });
    let data = LocalResource::new(move || {
        let code = code.get();
        async move {
            let catalogue = catalogue.indicators.await?;
            let indicator = catalogue
                .iter()
                .find(|i| i.code == code)
                .cloned()
                .ok_or(ApiError::Status {
                    status: 404,
                    problem: None,
                })?;
            let weight_code = indicator
                .weight_indicator
                .clone()
                .filter(|_| indicator.rollup == "weighted_mean");
            let values = api.indicator_values(code, String::new()).await?;
            let weights = match weight_code {
                Some(weight) => api.indicator_values(weight, String::new()).await?,
                None => Vec::new(),
            };
            Ok::<_, ApiError>(ExplorerData {
                indicator,
                values,
                weights,
            })
        }
    });

    view! {
        <section aria-labelledby="explorer-title">
            <h1 id="explorer-title">{tr(T::ExplorerTitle)}</h1>
            <Controls code regions from to data />
            {resource_view(data, move |data| view! { <Results data regions from to /> })}
        </section>
    }
}

#[component]
fn Controls(
    code: RwSignal<String>,
    regions: RwSignal<Vec<String>>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    data: LocalResource<Result<ExplorerData, ApiError>>,
) -> impl IntoView {
    let catalogue = use_catalogue();
    let periods = move || -> Vec<String> {
        data.get()
            .and_then(Result::ok)
            .map(|d| {
                d.values
                    .into_iter()
                    .map(|v| v.period)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect()
            })
            .unwrap_or_default()
    };
    let period_select = move |id: &'static str, label: T, value: RwSignal<String>, all: T| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <select id=id on:change=move |event| value.set(event_target_value(&event))>
                    <option value="" prop:selected=move || value.with(String::is_empty)>
                        {tr(all)}
                    </option>
                    {move || {
                        periods()
                            .into_iter()
                            .map(|period| {
                                let (this, option_value) = (period.clone(), period.clone());
                                view! {
                                    <option value=option_value prop:selected=move || value.with(|v| *v == this)>
                                        {period}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };
    view! {
        <form class="card explorer-controls" on:submit=|event| event.prevent_default() aria-label=tr(T::ExplorerChoices)>
            <div class="form-grid">
                <div class="field">
                    <label for="explorer-indicator">{tr(T::Indicator)}</label>
                    <select
                        id="explorer-indicator"
                        on:change=move |event| {
                            code.set(event_target_value(&event));
                            from.set(String::new());
                            to.set(String::new());
                        }
                    >
                        {move || {
                            catalogue
                                .indicator_list()
                                .into_iter()
                                .map(|i| {
                                    let this = i.code.clone();
                                    view! {
                                        <option value=i.code.clone() prop:selected=move || code.with(|c| *c == this)>
                                            {i.name}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                {period_select("explorer-from", T::FromPeriod, from, T::Earliest)}
                {period_select("explorer-to", T::ToPeriod, to, T::Latest)}
            </div>
            <fieldset class="region-picker">
                <legend>{tr(T::Regions)}</legend>
                <div class="picker-buttons">
                    <button
                        type="button"
                        on:click=move |_| regions.set(catalogue.region_list().into_iter().map(|r| r.code).collect())
                    >
                        {tr(T::SelectAll)}
                    </button>
                    <button type="button" on:click=move |_| regions.set(Vec::new())>
                        {tr(T::SelectNone)}
                    </button>
                </div>
                <div class="checkbox-columns">
                    {move || {
                        catalogue
                            .region_list()
                            .into_iter()
                            .map(|region| {
                                let id = format!("explorer-region-{}", region.code);
                                let label_for = id.clone();
                                let (check, toggle) = (region.code.clone(), region.code.clone());
                                view! {
                                    <label class="checkbox" for=label_for>
                                        <input
                                            type="checkbox"
                                            id=id
                                            value=region.code.clone()
                                            prop:checked=move || regions.with(|r| r.contains(&check))
                                            on:change=move |event| {
                                                let on = event_target_checked(&event);
                                                let code = toggle.clone();
                                                regions
                                                    .update(|r| {
                                                        r.retain(|c| *c != code);
                                                        if on {
                                                            r.push(code);
                                                        }
                                                    });
                                            }
                                        />
                                        {region.name}
                                    </label>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </form>
    }
}

fn in_range(period: &str, from: &str, to: &str) -> bool {
    (from.is_empty() || period >= from) && (to.is_empty() || period <= to)
}

#[component]
fn Results(
    data: ExplorerData,
    regions: RwSignal<Vec<String>>,
    from: RwSignal<String>,
    to: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let data = StoredValue::new(data);
    // Everything below follows the choices; the data itself is loaded per indicator.
    let shown = move || {
        let (from, to, chosen) = (from.get(), to.get(), regions.get());
        data.with_value(|d| {
            let in_period: Vec<IndicatorValueResponse> = d
                .values
                .iter()
                .filter(|v| in_range(&v.period, &from, &to))
                .cloned()
                .collect();
            let national = national(&d.indicator.rollup, &in_period, &d.weights).unwrap_or_default();
            let mut selected: Vec<IndicatorValueResponse> =
                in_period.into_iter().filter(|v| chosen.contains(&v.region)).collect();
            // In the order of the region list, like the chart's legend.
            selected.sort_by(|a, b| {
                (chosen.iter().position(|c| *c == a.region), &a.period)
                    .cmp(&(chosen.iter().position(|c| *c == b.region), &b.period))
            });
            (selected, national, chosen, (from, to))
        })
    };
    move || {
        let (values, national_points, chosen, (from, to)) = shown();
        let indicator = data.with_value(|d| d.indicator.clone());
        let region_name = |code: &str| catalogue.region_name(code);
        let series: Vec<Series> = chosen
            .iter()
            .enumerate()
            .map(|(n, code)| Series {
                label: region_name(code),
                kind: SeriesKind::Value(n),
                points: values
                    .iter()
                    .filter(|v| v.region == *code)
                    .map(|v| (v.period.clone(), v.value))
                    .collect(),
            })
            .collect();
        let national_series = vec![Series {
            label: i18n.t(T::National).to_owned(),
            kind: SeriesKind::National,
            points: national_points.iter().map(|p| (p.period.clone(), p.value)).collect(),
        }];
        let name = indicator.name.clone();
        let chart_label = i18n.fill(T::ExplorerChartLabel, &[&name]);
        let national_label = i18n.fill(T::NationalChartLabel, &[&name]);
        let rule = i18n.label(Codes::Rollup, &indicator.rollup);
        let downloads = {
            let (indicator, values, national_points) = (indicator.clone(), values.clone(), national_points.clone());
            let base = format!("zorgpact-{}", indicator.code);
            let (csv_name, json_name) = (format!("{base}.csv"), format!("{base}.json"));
            let (csv_indicator, csv_values, csv_national) =
                (indicator.clone(), values.clone(), national_points.clone());
            let (from, to) = (from.clone(), to.clone());
            view! {
                <div class="downloads">
                    <button
                        type="button"
                        data-download="csv"
                        on:click=move |_| {
                            let text = export::csv(&csv_indicator, &csv_values, &csv_national);
                            let _ = export::download(&csv_name, "text/csv;charset=utf-8", &text);
                        }
                    >
                        {tr(T::DownloadCsv)}
                    </button>
                    <button
                        type="button"
                        data-download="json"
                        on:click=move |_| {
                            let text = export::json(&indicator, (&from, &to), &values, &national_points);
                            let _ = export::download(&json_name, "application/json", &text);
                        }
                    >
                        {tr(T::DownloadJson)}
                    </button>
                </div>
            }
        };
        view! {
            <section class="card" aria-labelledby="explorer-indicator-title">
                <div class="section-head">
                    <h2 id="explorer-indicator-title">{indicator.name.clone()}</h2>
                    {downloads}
                </div>
                <p class="prose">{indicator.description.clone()}</p>
                <dl class="facts">
                    <div>
                        <dt>{tr(T::Unit)}</dt>
                        <dd>{i18n.label(Codes::Unit, &indicator.unit)}</dd>
                    </div>
                    <div>
                        <dt>{tr(T::Direction)}</dt>
                        <dd>{i18n.label(Codes::Direction, &indicator.direction)}</dd>
                    </div>
                    <div>
                        <dt>{tr(T::PeriodType)}</dt>
                        <dd>{i18n.label(Codes::PeriodType, &indicator.period_type)}</dd>
                    </div>
                    <div>
                        <dt>{tr(T::RollupRule)}</dt>
                        <dd>{rule.clone()}</dd>
                    </div>
                </dl>
                <div class="explorer-charts">
                    <div>
                        <h3>{tr(T::Regions)}</h3>
                        {if chosen.is_empty() {
                            view! { <p class="notice info">{tr(T::PickRegions)}</p> }.into_any()
                        } else {
                            view! { <LineChart series label=chart_label /> }.into_any()
                        }}
                    </div>
                    <div class="national-chart">
                        <h3>{tr(T::National)}</h3>
                        <LineChart series=national_series label=national_label />
                        <p class="muted">{i18n.fill(T::NationalExplained, &[&rule])}</p>
                    </div>
                </div>
                <ValueTable chosen values national=national_points />
            </section>
        }
    }
}

#[component]
fn ValueTable(chosen: Vec<String>, values: Vec<IndicatorValueResponse>, national: Vec<NationalPoint>) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let periods: BTreeSet<String> = values
        .iter()
        .map(|v| v.period.clone())
        .chain(national.iter().map(|p| p.period.clone()))
        .collect();
    if periods.is_empty() {
        return view! { <p class="muted">{tr(T::NoData)}</p> }.into_any();
    }
    let header = chosen
        .iter()
        .map(|code| view! { <th scope="col" class="num">{catalogue.region_name(code)}</th> })
        .collect_view();
    let rows = periods
        .into_iter()
        .map(|period| {
            let cells = chosen
                .iter()
                .map(|code| {
                    let value = values
                        .iter()
                        .find(|v| v.region == *code && v.period == period)
                        .map(|v| v.value);
                    view! { <td class="num">{value.map_or_else(|| "—".to_owned(), |v| i18n.number(v))}</td> }
                })
                .collect_view();
            let national = national.iter().find(|p| p.period == period).map_or_else(
                || "—".to_owned(),
                |p| {
                    format!(
                        "{} ({})",
                        i18n.number(p.value),
                        i18n.fill(T::RegionCount, &[&p.regions.to_string()])
                    )
                },
            );
            view! {
                <tr data-period=period.clone()>
                    <th scope="row">{period.clone()}</th>
                    {cells}
                    <td class="num national">{national}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="values-table">
                <caption>{tr(T::ValuesPerPeriod)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Period)}</th>
                        {header}
                        <th scope="col" class="num">{tr(T::National)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
