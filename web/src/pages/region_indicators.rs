//! A region's indicators as charts of value against target over time, and the form
//! a coordinator enters a new value with.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::analytics::SeriesPoint;
use zorgpact_contract::codes::{PeriodType, ValueStatus};
use zorgpact_contract::indicator::{IndicatorResponse, IndicatorValueRequest, IndicatorValueResponse};

use crate::api::{ApiError, UnauthorizedApi, new_idempotency_key};
use crate::catalogue::use_catalogue;
use crate::charts::line::{LineChart, Series, SeriesKind};
use crate::components::fields::{CodeSelect, ErrorSummary, FieldError, FieldErrors, SelectField, TextField};
use crate::components::status::{SaveFailure, Success, resource_view};
use crate::i18n::{T, tr, use_i18n};
use crate::session::{signed_in_api, use_api, use_session};

/// Every indicator of the catalogue with the region's series, as the API computes it
/// (value, target and gap per period; derived indicators included).
type RegionCharts = Vec<(IndicatorResponse, Vec<SeriesPoint>)>;

/// The resources the value form refreshes after a save.
#[derive(Clone, Copy)]
struct Loaded {
    /// The region's stored values, with the versions a replacement must name.
    stored: LocalResource<Result<Vec<IndicatorValueResponse>, ApiError>>,
    charts: LocalResource<Result<RegionCharts, ApiError>>,
}

impl Loaded {
    fn refetch(self) {
        self.stored.refetch();
        self.charts.refetch();
    }
}

#[component]
pub fn RegionIndicators(region: String) -> impl IntoView {
    let api = signed_in_api();
    let session = use_session();
    let catalogue = use_catalogue();
    // The stored values (with the versions a replacement names) are for those who
    // may enter values; a visitor sees the charts.
    let stored = {
        let region = region.clone();
        LocalResource::new(move || {
            let region = region.clone();
            async move {
                match api {
                    Some(api) => api.indicator_values(String::new(), region).await,
                    None => Ok(Vec::new()),
                }
            }
        })
    };
    let charts = {
        let region = region.clone();
        LocalResource::new(move || {
            let region = region.clone();
            async move {
                let indicators = catalogue.indicators.await?;
                let series = futures::future::try_join_all(indicators.iter().map(|indicator| {
                    let range = (String::new(), String::new());
                    UnauthorizedApi.indicator_series(indicator.code.clone(), vec![region.clone()], range)
                }))
                .await?;
                Ok::<_, ApiError>(
                    indicators
                        .into_iter()
                        .zip(series)
                        .map(|(indicator, series)| {
                            let points = series.regions.into_iter().flat_map(|r| r.points).collect();
                            (indicator, points)
                        })
                        .collect::<RegionCharts>(),
                )
            }
        })
    };
    let loaded = Loaded { stored, charts };
    let can_enter = {
        let region = region.clone();
        move || session.can("indicator-values:write", &region)
    };
    view! {
        <section class="card" aria-labelledby="indicators-title">
            <h2 id="indicators-title">{tr(T::Indicators)}</h2>
            {move || can_enter().then(|| view! { <ValueForm region=region.clone() loaded /> })}
            {resource_view(charts, |charts| view! { <ChartGrid charts /> })}
        </section>
    }
}

#[component]
fn ChartGrid(charts: RegionCharts) -> impl IntoView {
    let i18n = use_i18n();
    let mut charts = charts;
    // The programme's order (the groups' own): the goal first, then the three action lines.
    charts.sort_by_key(|(i, _)| (i.group, i.name.clone()));
    let charts: Vec<_> = charts
        .into_iter()
        .filter_map(|(indicator, points)| {
            let values: Vec<(String, f64)> = points
                .iter()
                .filter_map(|p| Some((p.period.clone(), p.value?)))
                .collect();
            let targets: Vec<(String, f64)> = points
                .iter()
                .filter_map(|p| Some((p.period.clone(), p.target?)))
                .collect();
            (!values.is_empty() || !targets.is_empty()).then(|| view! { <IndicatorChart indicator values targets /> })
        })
        .collect();
    if charts.is_empty() {
        view! { <p class="muted">{move || i18n.t(T::NoIndicatorData)}</p> }.into_any()
    } else {
        view! { <div class="chart-grid">{charts}</div> }.into_any()
    }
}

#[component]
fn IndicatorChart(
    indicator: IndicatorResponse,
    values: Vec<(String, f64)>,
    targets: Vec<(String, f64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = indicator.name.clone();
    let label = Signal::derive(move || i18n.fill(T::ValueAgainstTarget, &[&name]));
    let series = vec![
        Series {
            label: i18n.t(T::Value).to_owned(),
            kind: SeriesKind::Value(0),
            points: values,
        },
        Series {
            label: i18n.t(T::Target).to_owned(),
            kind: SeriesKind::Target,
            points: targets,
        },
    ];
    let (unit, direction) = (indicator.unit, indicator.direction);
    let is_derived = indicator.formula.is_some().to_string();
    let derived = indicator.formula.clone().map(|formula| {
        view! { <p class="muted derived">{move || i18n.fill(T::DerivedExplained, &[&formula])}</p> }
    });
    view! {
        <section class="indicator-chart" data-indicator=indicator.code.clone() data-derived=is_derived>
            <h3>{indicator.name.clone()}</h3>
            <p class="muted">
                {move || i18n.label(unit)}
                " · "
                {move || i18n.label(direction)}
            </p>
            {derived}
            <LineChart series label />
        </section>
    }
}

const VALUE_FIELDS: &[&str] = &["indicator", "period", "value", "status", "source"];

#[component]
fn ValueForm(region: String, loaded: Loaded) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let indicator = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let status = RwSignal::new(ValueStatus::Provisional);
    let source = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let key = RwSignal::new(new_idempotency_key());

    // Only measured indicators are entered: a derived one (with a formula) is computed.
    let enterable = move || {
        catalogue
            .indicator_list()
            .into_iter()
            .filter(|i| i.formula.is_none())
            .collect::<Vec<_>>()
    };
    // Start with the first indicator once the catalogue is there.
    Effect::new(move || {
        if indicator.with(String::is_empty)
            && let Some(first) = enterable().first()
        {
            indicator.set(first.code.clone());
        }
    });
    let chosen = move || enterable().into_iter().find(|i| i.code == indicator.get());
    let existing = move || {
        let (code, period) = (indicator.get(), period.get());
        loaded.stored.get().and_then(Result::ok).and_then(|values| {
            values
                .into_iter()
                .find(|v| v.indicator == code && v.period == period.trim())
        })
    };
    let indicator_options =
        Signal::derive(move || enterable().into_iter().map(|i| (i.code, i.name)).collect::<Vec<_>>());
    let period_hint = move || match chosen().map(|i| i.period_type) {
        Some(PeriodType::Quarter) => T::PeriodHintQuarter,
        Some(PeriodType::Month) => T::PeriodHintMonth,
        Some(PeriodType::Year) | None => T::PeriodHintYear,
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        saved.set(false);
        let period_text = period.get_untracked().trim().to_owned();
        if period_text.is_empty() {
            errors.push("period", i18n.t(T::FieldRequired).to_owned());
        }
        let number = value.get_untracked().trim().replace(',', ".").parse::<f64>();
        if number.is_err() {
            errors.push("value", i18n.t(T::MustBeNumber).to_owned());
        }
        let Ok(number) = number else { return };
        if period_text.is_empty() {
            return;
        }
        let request = IndicatorValueRequest {
            value: number,
            status: Some(status.get_untracked()),
            source: Some(source.get_untracked().trim().to_owned()).filter(|s| !s.is_empty()),
        };
        let replaces = existing().map(|v| v.version);
        let point = (indicator.get_untracked(), region.clone(), period_text);
        busy.set(true);
        spawn_local(async move {
            match api
                .put_indicator_value(point, request, replaces, key.get_untracked())
                .await
            {
                Ok(_) => {
                    saved.set(true);
                    value.set(String::new());
                    key.set(new_idempotency_key());
                    loaded.refetch();
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
            busy.set(false);
        });
    };

    view! {
        <details class="value-form" open>
            <summary>{tr(T::EnterValue)}</summary>
            {move || saved.get().then(|| view! { <Success text=T::ValueSaved /> })}
            <SaveFailure
                failure
                on_reload=Callback::new(move |()| {
                    failure.set(None);
                    loaded.refetch();
                })
            />
            <ErrorSummary errors fields=VALUE_FIELDS />
            {move || {
                catalogue
                    .indicator_list()
                    .iter()
                    .any(|i| i.formula.is_some())
                    .then(|| view! { <p class="hint derived-hint">{tr(T::DerivedNotEntered)}</p> })
            }}
            <form class="form-grid" on:submit=submit novalidate>
                <SelectField
                    id="value-indicator"
                    label=T::Indicator
                    value=indicator
                    options=indicator_options
                    errors
                    field="indicator"
                    required=true
                />
                <div class="field">
                    <label for="value-period">{tr(T::Period)} <span class="required">" *"</span></label>
                    <input
                        id="value-period"
                        name="period"
                        type="text"
                        prop:value=move || period.get()
                        on:input=move |event| period.set(event_target_value(&event))
                        aria-describedby="value-period-hint"
                        aria-invalid=move || (!errors.for_field("period").is_empty()).then_some("true")
                    />
                    <p class="hint" id="value-period-hint">{move || i18n.t(period_hint())}</p>
                    <FieldError errors field="period" id="value-period-error".to_owned() />
                </div>
                <TextField
                    id="value-value"
                    label=T::Value
                    value
                    errors
                    field="value"
                    input_type="text"
                    required=true
                />
                <CodeSelect id="value-status" label=T::ValueStatus value=status errors field="status" />
                <TextField id="value-source" label=T::Source value=source errors field="source" />
                <p class="hint replaces" role="status">
                    {move || {
                        existing()
                            .map(|v| i18n.fill(T::ReplacesValue, &[&i18n.number(v.value), &v.period]))
                    }}
                </p>
                <div class="actions-row">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::SaveValue) }}
                    </button>
                </div>
            </form>
        </details>
    }
}
