//! All regions side by side: actions per status, open barrier tickets, and a chosen
//! key indicator's latest value against target with its trend. Public: the counts
//! come from the agenda summaries, the figures from the series.

use leptos::prelude::*;
use zorgpact_contract::RegionResponse;
use zorgpact_contract::agenda::AgendaSummaryResponse;
use zorgpact_contract::analytics::{SeriesPoint, SeriesResponse};

use crate::api::{ApiError, UnauthorizedApi};
use crate::catalogue::use_catalogue;
use crate::charts::spark::Sparkline;
use crate::components::badges::StatusBadge;
use crate::components::status::{ErrorNotice, Loading, resource_view};
use crate::i18n::{T, tr, use_i18n};

/// The indicator the overview opens with: side-entrants, a headline of the programme.
const DEFAULT_KEY_INDICATOR: &str = "side_entrants";
/// How many periods the sparkline shows.
const TREND_LENGTH: usize = 8;

type Agenda = Vec<AgendaSummaryResponse>;

/// The key indicator's series of every region, as the API computes it.
type KeySeries = SeriesResponse;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let catalogue = use_catalogue();
    let key = RwSignal::new(DEFAULT_KEY_INDICATOR.to_owned());
    let agenda = LocalResource::new(|| UnauthorizedApi.agenda_summaries());
    let series = LocalResource::new(move || {
        let code = key.get();
        async move {
            UnauthorizedApi
                .indicator_series(code, Vec::new(), (String::new(), String::new()))
                .await
        }
    });
    let indicator_options = move || {
        catalogue
            .indicator_list()
            .into_iter()
            .map(|indicator| {
                let selected = indicator.code == key.get();
                view! {
                    <option value=indicator.code.clone() prop:selected=selected>
                        {indicator.name}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <section aria-labelledby="overview-title">
            <div class="page-head">
                <h1 id="overview-title">{tr(T::OverviewTitle)}</h1>
                <div class="field inline">
                    <label for="key-indicator">{tr(T::KeyIndicator)}</label>
                    <select id="key-indicator" on:change=move |event| key.set(event_target_value(&event))>
                        {indicator_options}
                    </select>
                </div>
            </div>
            {resource_view(
                catalogue.regions,
                move |regions| {
                    view! {
                        <div class="region-grid">
                            {regions
                                .into_iter()
                                .map(|region| view! { <RegionCard region agenda series key /> })
                                .collect_view()}
                        </div>
                    }
                },
            )}
        </section>
    }
}

#[component]
fn RegionCard(
    region: RegionResponse,
    agenda: LocalResource<Result<Agenda, ApiError>>,
    series: LocalResource<Result<KeySeries, ApiError>>,
    key: RwSignal<String>,
) -> impl IntoView {
    let code = region.code.clone();
    let heading_id = format!("region-{}", region.code);
    let labelled_by = heading_id.clone();
    let href = format!("/regio/{}", region.code);
    let counts = {
        let code = code.clone();
        move || match agenda.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
            Some(Ok(agenda)) => view! { <AgendaCounts region=code.clone() agenda /> }.into_any(),
        }
    };
    let figures = {
        let code = code.clone();
        move || match series.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
            Some(Ok(series)) => view! { <KeyFigures region=code.clone() series key=key.get() /> }.into_any(),
        }
    };
    view! {
        <article class="card region-card" data-region=region.code.clone() aria-labelledby=labelled_by>
            <h2 id=heading_id>
                <a href=href>{region.name}</a>
            </h2>
            <p class="muted pact-name">{region.pact_name}</p>
            {counts}
            {figures}
        </article>
    }
}

#[component]
fn AgendaCounts(region: String, agenda: Agenda) -> impl IntoView {
    let summary = agenda.into_iter().find(|s| s.region_code == region);
    let open_barriers = summary.as_ref().map_or(0, |s| s.open_barriers);
    let statuses: Vec<_> = summary
        .map(|s| s.by_status)
        .unwrap_or_default()
        .into_iter()
        .filter(|count| count.actions > 0)
        .map(|count| (count.status, count.actions))
        .collect();
    let actions = if statuses.is_empty() {
        view! { <p class="muted">{tr(T::NoActions)}</p> }.into_any()
    } else {
        view! {
            <ul class="status-counts" aria-label=tr(T::ActionsPerStatus)>
                {statuses
                    .into_iter()
                    .map(|(status, n)| {
                        view! {
                            <li data-status=status.as_str()>
                                <StatusBadge code=status />
                                " "
                                <span class="count">{n}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h3 class="card-sub">{tr(T::ActionsPerStatus)}</h3>
        {actions}
        <p class="open-barriers">
            {tr(T::OpenBarriers)}
            ": "
            <strong class="count" data-open-barriers=open_barriers>
                {open_barriers}
            </strong>
        </p>
    }
}

#[component]
fn KeyFigures(region: String, series: KeySeries, key: String) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    // The API sends each region's points in time order.
    let points: Vec<SeriesPoint> = series
        .regions
        .into_iter()
        .find(|s| s.region == region)
        .map(|s| s.points)
        .unwrap_or_default();
    let values: Vec<(String, f64)> = points
        .iter()
        .filter_map(|p| Some((p.period.clone(), p.value?)))
        .collect();
    let targets: Vec<(String, f64)> = points
        .iter()
        .filter_map(|p| Some((p.period.clone(), p.target?)))
        .collect();
    let latest = values.last().cloned();
    // The target to hold the latest value against: that period's, else the next one, else the last.
    let target = latest
        .as_ref()
        .and_then(|(period, _)| targets.iter().find(|t| t.0 >= *period))
        .or(targets.last())
        .cloned();
    let trend: Vec<f64> = values.iter().rev().take(TREND_LENGTH).rev().map(|v| v.1).collect();
    let name = move || {
        catalogue
            .indicator_list()
            .into_iter()
            .find(|i| i.code == key)
            .map(|i| i.name)
            .unwrap_or_default()
    };
    let label = Signal::derive(move || i18n.fill(T::TrendOf, &[&name(), &catalogue.region_name(&region)]));
    let figure = move |entry: Option<(String, f64)>, missing: T| match entry {
        Some((period, value)) => view! {
            <span class="figure-value">{move || i18n.number(value)}</span>
            " "
            <span class="muted">"(" {period} ")"</span>
        }
        .into_any(),
        None => view! { <span class="muted">{tr(missing)}</span> }.into_any(),
    };
    view! {
        <div class="key-figures">
            <dl>
                <div>
                    <dt>{tr(T::LatestValue)}</dt>
                    <dd data-key="latest">{figure(latest, T::NoValue)}</dd>
                </div>
                <div>
                    <dt>{tr(T::Target)}</dt>
                    <dd data-key="target">{figure(target.clone(), T::NoTarget)}</dd>
                </div>
            </dl>
            {(!trend.is_empty()).then(|| view! { <Sparkline values=trend target=target.map(|t| t.1) label /> })}
        </div>
    }
}
