//! A region's targets (*ambities*) per indicator and period, and the form its
//! coordinator sets a new one or edits an existing one with.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use zorgpact_contract::indicator::{IndicatorTargetRequest, IndicatorTargetResponse};

use super::region_indicators::{IndicatorChoice, PointFields, PointSave, PointSaveNotices};
use crate::api::ApiError;
use crate::catalogue::use_catalogue;
use crate::components::fields::{TextArea, TextField};
use crate::components::status::resource_view;
use crate::components::table::TableScroll;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

type Targets = LocalResource<Result<Vec<IndicatorTargetResponse>, ApiError>>;

const TARGET_FIELDS: &[&str] = &["indicator", "period", "value", "note"];
const VALUE_ID: &str = "target-value";

/// What the form edits: empty for a new target, or an existing one's fields.
#[derive(Clone, Copy)]
struct TargetDraft {
    indicator: RwSignal<String>,
    period: RwSignal<String>,
    value: RwSignal<String>,
    note: RwSignal<String>,
}

#[component]
pub fn RegionTargets(region: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let targets = {
        let region = region.clone();
        LocalResource::new(move || api.indicator_targets(region.clone()))
    };
    let draft = TargetDraft {
        indicator: RwSignal::new(String::new()),
        period: RwSignal::new(String::new()),
        value: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
    };
    let code = StoredValue::new(region.clone());
    let can_write = move || code.with_value(|region| session.can("indicator-targets:write", region));
    // Editing a listed target fills the form and moves the focus to its value.
    let edit = Callback::new(move |target: IndicatorTargetResponse| {
        draft.indicator.set(target.indicator);
        draft.period.set(target.period);
        draft.value.set(target.value.to_string());
        draft.note.set(target.note);
        if let Some(input) = document()
            .get_element_by_id(VALUE_ID)
            .and_then(|input| input.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    });
    view! {
        <section class="card" aria-labelledby="targets-title" data-section="targets">
            <h2 id="targets-title">{tr(T::Targets)}</h2>
            <p class="muted">{tr(T::TargetsIntro)}</p>
            {move || {
                can_write().then(|| view! { <TargetForm region=region.clone() draft targets /> })
            }}
            {resource_view(
                targets,
                move |targets| {
                    let editable = can_write();
                    view! { <TargetTable targets editable edit /> }
                },
            )}
        </section>
    }
}

#[component]
fn TargetTable(
    targets: Vec<IndicatorTargetResponse>,
    editable: bool,
    edit: Callback<IndicatorTargetResponse>,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    if targets.is_empty() {
        return view! { <p class="muted">{tr(T::NoTargets)}</p> }.into_any();
    }
    let name_of = move |code: &str| {
        catalogue
            .indicator_list()
            .into_iter()
            .find(|i| i.code == code)
            .map_or_else(|| code.to_owned(), |i| i.name)
    };
    view! {
        <TableScroll labelled_by="targets-title">
            <table class="targets-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Indicator)}</th>
                        <th scope="col">{tr(T::Period)}</th>
                        <th scope="col">{tr(T::Target)}</th>
                        <th scope="col">{tr(T::Note)}</th>
                        {editable.then(|| view! { <th scope="col"><span class="visually-hidden">{tr(T::Edit)}</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {targets
                        .into_iter()
                        .map(|target| {
                            let code = target.indicator.clone();
                            let name = move || name_of(&code);
                            let (period, value) = (target.period.clone(), target.value);
                            let edit_label = {
                                let (code, period) = (target.indicator.clone(), target.period.clone());
                                move || i18n.fill(T::EditTargetOf, &[&name_of(&code), &period])
                            };
                            let key = format!("{}/{}", target.indicator, target.period);
                            view! {
                                <tr data-target=key>
                                    <td>{name}</td>
                                    <td data-label=tr(T::Period)>{period}</td>
                                    <td data-label=tr(T::Target)>{move || i18n.number(value)}</td>
                                    <td data-label=tr(T::Note)>{target.note.clone()}</td>
                                    {editable
                                        .then(|| {
                                            view! {
                                                <td>
                                                    <button
                                                        type="button"
                                                        data-action="edit-target"
                                                        aria-label=edit_label
                                                        on:click=move |_| edit.run(target.clone())
                                                    >
                                                        {tr(T::Edit)}
                                                    </button>
                                                </td>
                                            }
                                        })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

#[component]
fn TargetForm(region: String, draft: TargetDraft, targets: Targets) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let save = PointSave::new();
    let (errors, busy) = (save.errors, save.busy);
    let choice = IndicatorChoice::new(draft.indicator);
    let existing = move || {
        let (code, period) = (draft.indicator.get(), draft.period.get());
        targets.get().and_then(Result::ok).and_then(|all| {
            all.into_iter()
                .find(|t| t.indicator == code && t.period == period.trim())
        })
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        let Some((period, number)) = save.begin(&event, i18n, draft.period, draft.value) else {
            return;
        };
        let request = IndicatorTargetRequest {
            value: number,
            note: Some(draft.note.get_untracked().trim().to_owned()).filter(|n| !n.is_empty()),
        };
        let replaces = existing().map(|t| t.version);
        let point = (draft.indicator.get_untracked(), region.clone(), period);
        save.send(
            move |key| api.put_indicator_target(point, request, replaces, key),
            move || {
                draft.value.set(String::new());
                draft.note.set(String::new());
                targets.refetch();
            },
        );
    };

    view! {
        <details class="target-form" open>
            <summary>{tr(T::EnterTarget)}</summary>
            <PointSaveNotices
                save
                saved_text=T::TargetSaved
                fields=TARGET_FIELDS
                on_reload=Callback::new(move |()| targets.refetch())
            />
            <form class="form-grid" on:submit=submit novalidate>
                <PointFields indicator_id="target-indicator" period_id="target-period" choice period=draft.period errors />
                <TextField id=VALUE_ID label=T::Target value=draft.value errors field="value" required=true />
                <TextArea id="target-note" label=T::Note value=draft.note errors field="note" rows=2 />
                <p class="hint replaces" role="status">
                    {move || {
                        existing().map(|t| i18n.fill(T::ReplacesTarget, &[&i18n.number(t.value), &t.period]))
                    }}
                </p>
                <div class="actions-row">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::SaveTarget) }}
                    </button>
                </div>
            </form>
        </details>
    }
}
