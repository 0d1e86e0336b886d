//! The indicator explorer: one indicator, chosen regions and a period range, as a line
//! chart and a table, with the national roll-up, downloadable as CSV and JSON. The
//! choices live in the URL.

use std::collections::BTreeSet;

use leptos::prelude::*;
use zorgpact_contract::analytics::{NationalPoint, NationalResponse, RegionSeries, SeriesResponse};
use zorgpact_contract::indicator::IndicatorResponse;

use crate::api::{ApiError, UnauthorizedApi};
use crate::catalogue::use_catalogue;
use crate::charts::line::{LineChart, Series, SeriesKind};
use crate::components::status::resource_view;
use crate::components::table::TableScroll;
use crate::data::export;
use crate::i18n::{T, tr, use_i18n};
use crate::session::use_session;
use crate::url_state::{History, UrlState, use_url_state};

const DEFAULT_INDICATOR: &str = "side_entrants";
/// Regions shown at first when the user works for none.
const DEFAULT_REGION_COUNT: usize = 3;

/// What the API computed for the choices: the regions' series and the national roll-up.
#[derive(Debug, Clone, PartialEq)]
struct ExplorerData {
    indicator: IndicatorResponse,
    /// The chosen regions, in the order chosen (the chart's legend follows it).
    chosen: Vec<String>,
    range: (String, String),
    /// `None` when no region is chosen.
    series: Option<SeriesResponse>,
    national: NationalResponse,
}

/// The URL parameters of the explorer's choices.
const INDICATOR: &str = "indicator";
const REGIONS: &str = "regios";
const FROM: &str = "van";
const TO: &str = "tot";
/// `regios=geen`: no region chosen (without the parameter, the defaults apply).
const NO_REGIONS: &str = "geen";

#[component]
pub fn ExplorerPage() -> impl IntoView {
    let session = use_session();
    let catalogue = use_catalogue();
    let url = use_url_state();
    let code = Memo::new(move |_| {
        Some(url.get(INDICATOR))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| DEFAULT_INDICATOR.to_owned())
    });
    // Without a choice in the URL: the user's own regions, else the first few.
    let regions = Memo::new(move |_| {
        let listed = url.list(REGIONS);
        if listed.iter().any(|r| r == NO_REGIONS) {
            return Vec::new();
        }
        if !listed.is_empty() {
            return listed;
        }
        let own = session.me().map(|me| me.regions).unwrap_or_default();
        if !own.is_empty() {
            return own;
        }
        catalogue
            .region_list()
            .into_iter()
            .take(DEFAULT_REGION_COUNT)
            .map(|r| r.code)
            .collect()
    });
    let from = Memo::new(move |_| url.get(FROM));
    let to = Memo::new(move |_| url.get(TO));
    // The periods to choose from: those with a national figure, over the whole time.
    let periods = LocalResource::new(move || UnauthorizedApi.national_periods(code.get()));
    let data = LocalResource::new(move || {
        let (code, chosen, range) = (code.get(), regions.get(), (from.get(), to.get()));
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
            let series = async {
                if chosen.is_empty() {
                    Ok(None)
                } else {
                    UnauthorizedApi
                        .indicator_series(code.clone(), chosen.clone(), range.clone())
                        .await
                        .map(Some)
                }
            };
            let (series, national) =
                futures::join!(series, UnauthorizedApi.indicator_national(code.clone(), range.clone()));
            Ok::<_, ApiError>(ExplorerData {
                indicator,
                chosen,
                range,
                series: series?,
                national: national?,
            })
        }
    });

    view! {
        <section aria-labelledby="explorer-title">
            <h1 id="explorer-title">{tr(T::ExplorerTitle)}</h1>
            <Controls url code regions from to periods />
            {resource_view(data, move |data| view! { <Results data /> })}
        </section>
    }
}

#[component]
fn Controls(
    url: UrlState,
    code: Memo<String>,
    regions: Memo<Vec<String>>,
    from: Memo<String>,
    to: Memo<String>,
    periods: LocalResource<Result<Vec<String>, ApiError>>,
) -> impl IntoView {
    let catalogue = use_catalogue();
    let periods = move || -> Vec<String> { periods.get().and_then(Result::ok).unwrap_or_default() };
    let choose_regions = move |chosen: Vec<String>| {
        let value = if chosen.is_empty() {
            NO_REGIONS.to_owned()
        } else {
            chosen.join(",")
        };
        url.set_one(REGIONS, value, History::Push);
    };
    let period_select = move |id: &'static str, label: T, param: &'static str, value: Memo<String>, all: T| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <select id=id on:change=move |event| url.set_one(param, event_target_value(&event), History::Push)>
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
                            let chosen = event_target_value(&event);
                            url.set(&[(INDICATOR, chosen), (FROM, String::new()), (TO, String::new())], History::Push);
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
                {period_select("explorer-from", T::FromPeriod, FROM, from, T::Earliest)}
                {period_select("explorer-to", T::ToPeriod, TO, to, T::Latest)}
            </div>
            <fieldset class="region-picker">
                <legend>{tr(T::Regions)}</legend>
                <div class="picker-buttons">
                    <button
                        type="button"
                        on:click=move |_| choose_regions(catalogue.region_list().into_iter().map(|r| r.code).collect())
                    >
                        {tr(T::SelectAll)}
                    </button>
                    <button type="button" on:click=move |_| choose_regions(Vec::new())>
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
                                                let mut chosen = regions.get_untracked();
                                                chosen.retain(|c| *c != toggle);
                                                if on {
                                                    chosen.push(toggle.clone());
                                                }
                                                choose_regions(chosen);
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

/// A region's series among those the API sent.
fn series_of<'a>(data: &'a ExplorerData, region: &str) -> Option<&'a RegionSeries> {
    data.series.as_ref()?.regions.iter().find(|s| s.region == region)
}

#[component]
fn Results(data: ExplorerData) -> impl IntoView {
    let i18n = use_i18n();
    let data = StoredValue::new(data);
    // Reactive for the language only: the data is loaded anew for every choice.
    move || {
        let data = data.get_value();
        let indicator = data.indicator.clone();
        let series: Vec<Series> = data
            .chosen
            .iter()
            .enumerate()
            .map(|(n, code)| {
                let found = series_of(&data, code);
                Series {
                    label: found.map_or_else(|| code.clone(), |s| s.name.clone()),
                    kind: SeriesKind::Value(n),
                    points: found
                        .map(|s| {
                            s.points
                                .iter()
                                .filter_map(|p| Some((p.period.clone(), p.value?)))
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let national_series = vec![Series {
            label: i18n.t(T::National).to_owned(),
            kind: SeriesKind::National,
            points: data
                .national
                .points
                .iter()
                .filter_map(|p| Some((p.period.clone(), p.value?)))
                .collect(),
        }];
        let name = indicator.name.clone();
        let chart_label = i18n.fill(T::ExplorerChartLabel, &[&name]);
        let national_label = i18n.fill(T::NationalChartLabel, &[&name]);
        let rule = i18n.label(indicator.rollup);
        let explained = match &indicator.formula {
            Some(formula) => i18n.fill(T::DerivedExplained, &[formula]),
            None => i18n.fill(T::NationalExplained, &[rule]),
        };
        let downloads = {
            let base = format!("zorgpact-{}", indicator.code);
            let (csv_name, json_name) = (format!("{base}.csv"), format!("{base}.json"));
            let csv_data = StoredValue::new(data.clone());
            let json_data = csv_data;
            view! {
                <div class="downloads">
                    <button
                        type="button"
                        data-download="csv"
                        on:click=move |_| {
                            let text = csv_data.with_value(|d| export::csv(d.series.as_ref(), &d.national));
                            let _ = export::download(&csv_name, "text/csv;charset=utf-8", &text);
                        }
                    >
                        {tr(T::DownloadCsv)}
                    </button>
                    <button
                        type="button"
                        data-download="json"
                        on:click=move |_| {
                            let text = json_data
                                .with_value(|d| export::json((&d.range.0, &d.range.1), d.series.as_ref(), &d.national));
                            let _ = export::download(&json_name, "application/json", &text);
                        }
                    >
                        {tr(T::DownloadJson)}
                    </button>
                </div>
            }
        };
        let formula = indicator.formula.clone().map(|formula| {
            view! {
                <div>
                    <dt>{tr(T::Formula)}</dt>
                    <dd>
                        <code>{formula}</code>
                    </dd>
                </div>
            }
        });
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
                        <dd>{i18n.label(indicator.unit)}</dd>
                    </div>
                    <div>
                        <dt>{tr(T::Direction)}</dt>
                        <dd>{i18n.label(indicator.direction)}</dd>
                    </div>
                    <div>
                        <dt>{tr(T::PeriodType)}</dt>
                        <dd>{i18n.label(indicator.period_type)}</dd>
                    </div>
                    <div>
                        <dt>{tr(T::RollupRule)}</dt>
                        <dd>{rule}</dd>
                    </div>
                    {formula}
                </dl>
                <div class="explorer-charts">
                    <div>
                        <h3>{tr(T::Regions)}</h3>
                        {if data.chosen.is_empty() {
                            view! { <p class="notice info">{tr(T::PickRegions)}</p> }.into_any()
                        } else {
                            view! { <LineChart series label=chart_label /> }.into_any()
                        }}
                    </div>
                    <div class="national-chart">
                        <h3>{tr(T::National)}</h3>
                        <LineChart series=national_series label=national_label />
                        <p class="muted">{explained}</p>
                    </div>
                </div>
                <ValueTable data />
            </section>
        }
    }
}

#[component]
fn ValueTable(data: ExplorerData) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let periods: BTreeSet<String> = data
        .series
        .iter()
        .flat_map(|s| &s.regions)
        .flat_map(|s| &s.points)
        .filter(|p| p.value.is_some())
        .map(|p| p.period.clone())
        .chain(data.national.points.iter().map(|p| p.period.clone()))
        .collect();
    if periods.is_empty() {
        return view! { <p class="muted">{tr(T::NoData)}</p> }.into_any();
    }
    let header = data
        .chosen
        .iter()
        .map(|code| {
            let name = series_of(&data, code).map_or_else(|| catalogue.region_name(code), |s| s.name.clone());
            view! { <th scope="col" class="num">{name}</th> }
        })
        .collect_view();
    let names = |codes: &[String]| {
        codes
            .iter()
            .map(|c| catalogue.region_name(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = periods
        .into_iter()
        .map(|period| {
            let cells = data
                .chosen
                .iter()
                .map(|code| {
                    let value = series_of(&data, code)
                        .and_then(|s| s.points.iter().find(|p| p.period == period))
                        .and_then(|p| p.value);
                    view! { <td class="num">{value.map_or_else(|| "—".to_owned(), |v| i18n.number(v))}</td> }
                })
                .collect_view();
            let national = data
                .national
                .points
                .iter()
                .find(|p| p.period == period)
                .map(|point| national_cell(point, &names));
            view! {
                <tr data-period=period.clone()>
                    <th scope="row">{period.clone()}</th>
                    {cells}
                    {national.unwrap_or_else(|| view! { <td class="num national">"—"</td> }.into_any())}
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll labelled_by="values-caption">
            <table class="values-table">
                <caption id="values-caption">{tr(T::ValuesPerPeriod)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Period)}</th>
                        {header}
                        <th scope="col" class="num">{tr(T::National)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// The national figure of a period with its coverage: how many regions reported of
/// how many, and which are missing. Gaps are shown, never hidden.
fn national_cell(point: &NationalPoint, names: &dyn Fn(&[String]) -> String) -> AnyView {
    let i18n = use_i18n();
    let coverage = &point.coverage;
    let value = point.value.map_or_else(|| "—".to_owned(), |v| i18n.number(v));
    let reported = i18n.fill(
        T::Coverage,
        &[&coverage.reported.to_string(), &coverage.expected.to_string()],
    );
    let missing = (!coverage.missing.is_empty()).then(|| {
        let text = i18n.fill(T::MissingRegions, &[&names(&coverage.missing)]);
        view! { <span class="coverage-missing">{text}</span> }
    });
    let without_weight = (!coverage.without_weight.is_empty()).then(|| {
        let text = i18n.fill(T::WithoutWeight, &[&names(&coverage.without_weight)]);
        view! { <span class="coverage-missing">{text}</span> }
    });
    view! {
        <td
            class="num national"
            data-reported=coverage.reported
            data-expected=coverage.expected
            data-complete=point.complete.to_string()
        >
            <span class="national-value">{value}</span>
            <span class="coverage">{reported}</span>
            {missing}
            {without_weight}
        </td>
    }
    .into_any()
}
