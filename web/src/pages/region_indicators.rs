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
use crate::i18n::{I18n, T, tr, use_i18n};
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
    let save = PointSave::new();
    let (errors, busy) = (save.errors, save.busy);
    let choice = IndicatorChoice::new(indicator);
    let existing = move || {
        let (code, period) = (indicator.get(), period.get());
        loaded.stored.get().and_then(Result::ok).and_then(|values| {
            values
                .into_iter()
                .find(|v| v.indicator == code && v.period == period.trim())
        })
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        let Some((period_text, number)) = save.begin(&event, i18n, period, value) else {
            return;
        };
        let request = IndicatorValueRequest {
            value: number,
            status: Some(status.get_untracked()),
            source: Some(source.get_untracked().trim().to_owned()).filter(|s| !s.is_empty()),
        };
        let replaces = existing().map(|v| v.version);
        let point = (indicator.get_untracked(), region.clone(), period_text);
        save.send(
            move |key| api.put_indicator_value(point, request, replaces, key),
            move || {
                value.set(String::new());
                loaded.refetch();
            },
        );
    };

    view! {
        <details class="value-form" open>
            <summary>{tr(T::EnterValue)}</summary>
            <PointSaveNotices
                save
                saved_text=T::ValueSaved
                fields=VALUE_FIELDS
                on_reload=Callback::new(move |()| loaded.refetch())
            />
            {move || {
                catalogue
                    .indicator_list()
                    .iter()
                    .any(|i| i.formula.is_some())
                    .then(|| view! { <p class="hint derived-hint">{tr(T::DerivedNotEntered)}</p> })
            }}
            <form class="form-grid" on:submit=submit novalidate>
                <PointFields indicator_id="value-indicator" period_id="value-period" choice period errors />
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

/// The indicators a region enters numbers for, and the one chosen: only measured
/// indicators, since a derived one (with a formula) is computed.
#[derive(Clone, Copy)]
pub struct IndicatorChoice {
    pub code: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
    period_type: Signal<Option<PeriodType>>,
}

impl IndicatorChoice {
    /// Starts with the first indicator once the catalogue is there.
    pub fn new(code: RwSignal<String>) -> Self {
        let catalogue = use_catalogue();
        let enterable = move || {
            catalogue
                .indicator_list()
                .into_iter()
                .filter(|i| i.formula.is_none())
                .collect::<Vec<_>>()
        };
        Effect::new(move || {
            if code.with(String::is_empty)
                && let Some(first) = enterable().first()
            {
                code.set(first.code.clone());
            }
        });
        Self {
            code,
            options: Signal::derive(move || enterable().into_iter().map(|i| (i.code, i.name)).collect()),
            period_type: Signal::derive(move || {
                enterable()
                    .into_iter()
                    .find(|i| i.code == code.get())
                    .map(|i| i.period_type)
            }),
        }
    }
}

/// The indicator and the period of a point to enter, with the period's form as a hint.
#[component]
pub fn PointFields(
    indicator_id: &'static str,
    period_id: &'static str,
    choice: IndicatorChoice,
    period: RwSignal<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{period_id}-hint");
    let period_hint = move || match choice.period_type.get() {
        Some(PeriodType::Quarter) => T::PeriodHintQuarter,
        Some(PeriodType::Month) => T::PeriodHintMonth,
        Some(PeriodType::Year) | None => T::PeriodHintYear,
    };
    view! {
        <SelectField
            id=indicator_id
            label=T::Indicator
            value=choice.code
            options=choice.options
            errors
            field="indicator"
            required=true
        />
        <div class="field">
            <label for=period_id>{tr(T::Period)} <span class="required">" *"</span></label>
            <input
                id=period_id
                name="period"
                type="text"
                prop:value=move || period.get()
                on:input=move |event| period.set(event_target_value(&event))
                aria-describedby=hint_id.clone()
                aria-invalid=move || (!errors.for_field("period").is_empty()).then_some("true")
            />
            <p class="hint" id=hint_id>{move || i18n.t(period_hint())}</p>
            <FieldError errors field="period" id=format!("{period_id}-error") />
        </div>
    }
}

/// What a form that writes one point (a value, a target) keeps between saves.
#[derive(Clone, Copy)]
pub struct PointSave {
    pub errors: FieldErrors,
    failure: RwSignal<Option<ApiError>>,
    saved: RwSignal<bool>,
    pub busy: RwSignal<bool>,
    /// One per submission, so a retry after a lost answer is not stored twice.
    key: RwSignal<String>,
}

impl PointSave {
    pub fn new() -> Self {
        Self {
            errors: FieldErrors::default(),
            failure: RwSignal::new(None),
            saved: RwSignal::new(false),
            busy: RwSignal::new(false),
            key: RwSignal::new(new_idempotency_key()),
        }
    }

    /// Starts a save on submit, forgetting what the last one said: the period and
    /// the number typed, or `None` while a save is under way or they are wrong.
    pub fn begin(
        self,
        event: &leptos::ev::SubmitEvent,
        i18n: I18n,
        period: RwSignal<String>,
        value: RwSignal<String>,
    ) -> Option<(String, f64)> {
        event.prevent_default();
        if self.busy.get_untracked() {
            return None;
        }
        self.errors.clear();
        self.failure.set(None);
        self.saved.set(false);
        checked_point(i18n, period, value, self.errors)
    }

    /// Sends `write` with the form's idempotency key and shows how it went;
    /// `on_saved` runs after a success.
    pub fn send<R, F>(self, write: impl FnOnce(String) -> F + 'static, on_saved: impl FnOnce() + 'static)
    where
        F: Future<Output = Result<R, ApiError>> + 'static,
    {
        self.busy.set(true);
        let key = self.key.get_untracked();
        spawn_local(async move {
            match write(key).await {
                Ok(_) => {
                    self.saved.set(true);
                    self.key.set(new_idempotency_key());
                    on_saved();
                }
                Err(error) => {
                    self.errors.set(error.field_problems());
                    self.failure.set(Some(error));
                }
            }
            self.busy.set(false);
        });
    }
}

/// Above a point form: that it saved, why a save failed (with a way to reload),
/// and the field errors.
#[component]
pub fn PointSaveNotices(
    save: PointSave,
    saved_text: T,
    fields: &'static [&'static str],
    on_reload: Callback<()>,
) -> impl IntoView {
    view! {
        {move || save.saved.get().then(|| view! { <Success text=saved_text /> })}
        <SaveFailure
            failure=save.failure
            on_reload=Callback::new(move |()| {
                save.failure.set(None);
                on_reload.run(());
            })
        />
        <ErrorSummary errors=save.errors fields />
    }
}

/// The period and the number of a point as typed, or `None` after saying what is
/// wrong with them (a decimal comma is read as a point).
fn checked_point(
    i18n: I18n,
    period: RwSignal<String>,
    value: RwSignal<String>,
    errors: FieldErrors,
) -> Option<(String, f64)> {
    let period = period.get_untracked().trim().to_owned();
    if period.is_empty() {
        errors.push("period", i18n.t(T::FieldRequired).to_owned());
    }
    let number = value.get_untracked().trim().replace(',', ".").parse::<f64>();
    if number.is_err() {
        errors.push("value", i18n.t(T::MustBeNumber).to_owned());
    }
    let number = number.ok()?;
    (!period.is_empty()).then_some((period, number))
}
