//! The national monitor, public: the key indicators' national figures with how
//! many regions they stand on, and a chosen indicator per region for a chosen
//! period, as a tile map and as a table with each region's target.

use leptos::prelude::*;
use zorgpact_contract::analytics::{NationalPoint, SeriesResponse};
use zorgpact_contract::indicator::IndicatorResponse;

use crate::api::{ApiError, UnauthorizedApi};
use crate::catalogue::use_catalogue;
use crate::charts::tile_map::{MapRegion, TileMap};
use crate::components::status::resource_view;
use crate::components::table::TableScroll;
use crate::i18n::{T, tr, use_i18n};

/// The programme's headline figures: staff, vacancies, inflow and sick leave.
const KEY_INDICATORS: &[&str] = &[
    "employees",
    "open_vacancies",
    "side_entrants",
    "education_inflow",
    "sick_leave",
];
const DEFAULT_MAP_INDICATOR: &str = "side_entrants";

/// The key indicators of the catalogue, or its first few where it has none of them.
fn key_indicators(catalogue: &[IndicatorResponse]) -> Vec<IndicatorResponse> {
    let keys: Vec<_> = catalogue
        .iter()
        .filter(|i| KEY_INDICATORS.contains(&i.code.as_str()))
        .cloned()
        .collect();
    if keys.is_empty() {
        catalogue.iter().take(KEY_INDICATORS.len()).cloned().collect()
    } else {
        keys
    }
}

#[component]
pub fn MonitorPage() -> impl IntoView {
    let catalogue = use_catalogue();
    let national = LocalResource::new(move || async move {
        let keys = key_indicators(&catalogue.indicators.await?);
        let figures = futures::future::try_join_all(keys.iter().map(|indicator| {
            UnauthorizedApi.indicator_national(indicator.code.clone(), (String::new(), String::new()))
        }))
        .await?;
        Ok::<_, ApiError>(
            keys.into_iter()
                .zip(figures)
                .map(|(indicator, figure)| (indicator, figure.points.into_iter().last()))
                .collect::<Vec<_>>(),
        )
    });
    view! {
        <section aria-labelledby="monitor-title">
            <h1 id="monitor-title">{tr(T::MonitorTitle)}</h1>
            <p class="lead">{tr(T::MonitorIntro)}</p>
            <section class="card" aria-labelledby="national-figures-title">
                <h2 id="national-figures-title">{tr(T::NationalFigures)}</h2>
                {resource_view(national, |rows| view! { <NationalTable rows /> })}
            </section>
            <RegionsMap />
        </section>
    }
}

#[component]
fn NationalTable(rows: Vec<(IndicatorResponse, Option<NationalPoint>)>) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let row = move |(indicator, point): (IndicatorResponse, Option<NationalPoint>)| {
        let figure = point.as_ref().and_then(|p| p.value);
        let period = point.as_ref().map(|p| p.period.clone()).unwrap_or_default();
        let coverage = point.map(|p| p.coverage);
        view! {
            <tr data-indicator=indicator.code.clone()>
                <th scope="row">{indicator.name}</th>
                <td class="num">{move || figure.map_or_else(|| "—".to_owned(), |v| i18n.number(v))}</td>
                <td>{period}</td>
                <td>
                    {move || {
                        coverage
                            .as_ref()
                            .map(|c| {
                                let missing = c
                                    .missing
                                    .iter()
                                    .map(|code| catalogue.region_name(code))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                let reported = i18n
                                    .fill(T::Coverage, &[&c.contributing.to_string(), &c.expected.to_string()]);
                                if missing.is_empty() {
                                    reported
                                } else {
                                    format!("{reported}. {}", i18n.fill(T::MissingRegions, &[&missing]))
                                }
                            })
                            .unwrap_or_default()
                    }}
                </td>
            </tr>
        }
    };
    view! {
        <TableScroll labelled_by="national-figures-title">
            <table class="data-table national-figures">
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Indicator)}</th>
                        <th scope="col">{tr(T::NationalFigure)}</th>
                        <th scope="col">{tr(T::Period)}</th>
                        <th scope="col">{tr(T::CoverageHeading)}</th>
                    </tr>
                </thead>
                <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
            </table>
        </TableScroll>
    }
}

/// One indicator in one period per region: the map and the table.
#[component]
fn RegionsMap() -> impl IntoView {
    let catalogue = use_catalogue();
    let code = RwSignal::new(DEFAULT_MAP_INDICATOR.to_owned());
    // Empty: the latest period with a national figure.
    let period = RwSignal::new(String::new());
    let periods = LocalResource::new(move || UnauthorizedApi.national_periods(code.get()));
    let shown = LocalResource::new(move || {
        let (code, chosen) = (code.get(), period.get());
        async move {
            let periods = periods.await?;
            let Some(period) = (if chosen.is_empty() {
                periods.last().cloned()
            } else {
                Some(chosen)
            }) else {
                return Ok(None);
            };
            let series = UnauthorizedApi
                .indicator_series(code, Vec::new(), (period.clone(), String::new()))
                .await?;
            Ok::<_, ApiError>(Some((period, series)))
        }
    });
    let indicator_options = move || {
        catalogue
            .indicator_list()
            .into_iter()
            .map(|i| {
                let this = i.code.clone();
                view! { <option value=i.code.clone() prop:selected=move || code.with(|c| *c == this)>{i.name}</option> }
            })
            .collect_view()
    };
    let period_options = move || {
        periods
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .rev()
            .map(|p| {
                let (this, value) = (p.clone(), p.clone());
                view! { <option value=value prop:selected=move || period.with(|c| *c == this)>{p}</option> }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="map-title">
            <h2 id="map-title">{tr(T::RegionsOnTheMap)}</h2>
            <form class="form-grid" on:submit=|event| event.prevent_default() aria-label=tr(T::MapChoices)>
                <div class="field">
                    <label for="map-indicator">{tr(T::Indicator)}</label>
                    <select
                        id="map-indicator"
                        on:change=move |event| {
                            code.set(event_target_value(&event));
                            period.set(String::new());
                        }
                    >
                        {indicator_options}
                    </select>
                </div>
                <div class="field">
                    <label for="map-period">{tr(T::Period)}</label>
                    <select id="map-period" on:change=move |event| period.set(event_target_value(&event))>
                        <option value="" prop:selected=move || period.with(String::is_empty)>
                            {tr(T::Latest)}
                        </option>
                        {period_options}
                    </select>
                </div>
            </form>
            {resource_view(
                shown,
                |shown| match shown {
                    None => view! { <p class="muted">{tr(T::NoValue)}</p> }.into_any(),
                    Some((period, series)) => view! { <MapAndTable period series /> }.into_any(),
                },
            )}
        </section>
    }
}

/// A region's value in the chosen period and the target it is held against, with
/// that target's period.
struct RegionFigures {
    value: Option<f64>,
    target: Option<(f64, String)>,
}

#[component]
fn MapAndTable(period: String, series: SeriesResponse) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    // The series runs from the period on: its value, and the target it is held
    // against, that period's or else the next one set (as the overview does).
    let figures = |region: &str| -> RegionFigures {
        let points = series
            .regions
            .iter()
            .find(|s| s.region == region)
            .map(|s| s.points.as_slice());
        let points = points.unwrap_or_default();
        let value = points.iter().find(|p| p.period == period).and_then(|p| p.value);
        let target = points.iter().find_map(|p| Some((p.target?, p.period.clone())));
        RegionFigures { value, target }
    };
    let rows: Vec<_> = catalogue
        .region_list()
        .into_iter()
        .map(|region| {
            let figures = figures(&region.code);
            (region, figures)
        })
        .collect();
    let map_regions = rows
        .iter()
        .map(|(region, figures)| MapRegion {
            code: region.code.clone(),
            name: region.name.clone(),
            value: figures.value,
        })
        .collect();
    let caption = format!("{}, {period}", series.indicator.name);
    let direction = series.indicator.direction;
    let number = move |value: Option<f64>| value.map_or_else(|| "—".to_owned(), |v| i18n.number(v));
    let table_rows = rows
        .into_iter()
        .map(|(region, RegionFigures { value, target })| {
            let gap = value.zip(target.as_ref().map(|t| t.0)).map(|(v, t)| v - t);
            let target = move || match &target {
                Some((target, period)) => format!("{} ({period})", i18n.number(*target)),
                None => "—".to_owned(),
            };
            view! {
                <tr data-region=region.code.clone()>
                    <th scope="row"><a href=format!("/regio/{}", region.code)>{region.name}</a></th>
                    <td class="num">{move || number(value)}</td>
                    <td class="num">{target}</td>
                    <td class="num">{move || number(gap)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{move || i18n.label(direction)}</p>
        <TileMap regions=map_regions caption=caption.clone() />
        <h3 id="map-table-title">{caption}</h3>
        <TableScroll labelled_by="map-table-title">
            <table class="data-table region-figures">
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Region)}</th>
                        <th scope="col">{tr(T::Value)}</th>
                        <th scope="col">{tr(T::Target)}</th>
                        <th scope="col">{tr(T::Gap)}</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </TableScroll>
    }
}
