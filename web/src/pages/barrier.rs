//! One barrier ticket: the question, who answers it, and the answer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::barrier::{BarrierFieldsRequest, BarrierResponse};
use zorgpact_contract::codes::BarrierStatus;

use super::path_param;
use crate::api::ApiError;
use crate::catalogue::use_catalogue;
use crate::components::badges::StatusBadge;
use crate::components::fields::{CodeSelect, ErrorSummary, FieldErrors, OptionalCodeSelect, TextArea};
use crate::components::status::{ErrorNotice, Forbidden, StaleNotice, Success, resource_view};
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

/// The fields of the answer form; the API's problems on other fields go in the summary.
const ANSWER_FIELDS: &[&str] = &["status", "ministry", "resolution", "resolution_note"];

#[component]
pub fn BarrierPage() -> impl IntoView {
    let api = use_api();
    let id = path_param("id");
    let barrier = LocalResource::new(move || api.barrier(id()));
    resource_view(barrier, |barrier| {
        let current = RwSignal::new(barrier);
        view! {
            {move || view! { <BarrierDetail barrier=current.get() /> }}
            <AnswerSection current />
        }
    })
}

#[component]
fn BarrierDetail(barrier: BarrierResponse) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let region = barrier.region_code.clone();
    let region_href = format!("/regio/{region}");
    let (category, resolution) = (barrier.category, barrier.resolution);
    view! {
        <article class="card barrier-detail" data-barrier-id=barrier.id.clone()>
            <nav class="breadcrumb" aria-label=tr(T::Breadcrumb)>
                <a href="/belemmeringen">{tr(T::NavBarriers)}</a>
            </nav>
            <h1>{barrier.title.clone()}</h1>
            <dl class="facts">
                <div>
                    <dt>{tr(T::Status)}</dt>
                    <dd>
                        <StatusBadge code=barrier.status />
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::Region)}</dt>
                    <dd>
                        <a href=region_href>{move || catalogue.region_name(&region)}</a>
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::Category)}</dt>
                    <dd>{move || i18n.label(category)}</dd>
                </div>
                <div>
                    <dt>{tr(T::Ministry)}</dt>
                    <dd>
                        {match barrier.ministry {
                            Some(ministry) => view! { {move || i18n.label(ministry)} }.into_any(),
                            None => view! { <span class="muted">{tr(T::NotAssigned)}</span> }.into_any(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::FiledOn)}</dt>
                    <dd>{barrier.filed_on.clone()}</dd>
                </div>
                {barrier
                    .closed_at
                    .clone()
                    .map(|closed| {
                        view! {
                            <div>
                                <dt>{tr(T::ClosedAt)}</dt>
                                <dd>{closed}</dd>
                            </div>
                        }
                    })}
            </dl>
            <h2>{tr(T::Description)}</h2>
            <p class="prose">{barrier.description.clone()}</p>
            <h2>{tr(T::Answer)}</h2>
            {match resolution {
                Some(code) => view! {
                    <p>
                        <strong>{move || i18n.label(code)}</strong>
                    </p>
                    <p class="prose">{barrier.resolution_note.clone().unwrap_or_default()}</p>
                }
                    .into_any(),
                None => view! { <p class="muted">{tr(T::NoAnswerYet)}</p> }.into_any(),
            }}
        </article>
    }
}

/// The answer form, for callers who may edit the ticket. Region-bound grants
/// (coordinators) only apply while the ticket is still `submitted`.
#[component]
fn AnswerSection(current: RwSignal<BarrierResponse>) -> impl IntoView {
    let session = use_session();
    let (region, submitted) = current.with_untracked(|b| (b.region_code.clone(), b.status == BarrierStatus::Submitted));
    let allowed = move || {
        session.can("barrier-tickets:edit", &region)
            && (submitted || session.regions_for("barrier-tickets:edit").is_none())
    };
    move || allowed().then(|| view! { <AnswerForm current /> })
}

#[component]
fn AnswerForm(current: RwSignal<BarrierResponse>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let status = RwSignal::new(BarrierStatus::Submitted);
    let ministry = RwSignal::new(None);
    let resolution = RwSignal::new(None);
    let note = RwSignal::new(String::new());
    let fill = move |barrier: &BarrierResponse| {
        status.set(barrier.status);
        ministry.set(barrier.ministry);
        resolution.set(barrier.resolution);
        note.set(barrier.resolution_note.clone().unwrap_or_default());
    };
    current.with_untracked(fill);
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);

    // A 412: load the version someone else saved, and answer that.
    let reload = Callback::new(move |()| {
        failure.set(None);
        errors.clear();
        saved.set(false);
        let id = current.with_untracked(|b| b.id.clone());
        spawn_local(async move {
            match api.barrier(id).await {
                Ok(latest) => {
                    fill(&latest);
                    current.set(latest);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        saved.set(false);
        let chosen = status.get_untracked();
        let (id, version, request) = current.with_untracked(|b| {
            let request = BarrierFieldsRequest {
                title: b.title.clone(),
                description: b.description.clone(),
                category: b.category,
                ministry: ministry.get_untracked(),
                resolution: resolution.get_untracked().filter(|_| chosen.has_outcome()),
                resolution_note: Some(note.get_untracked().trim().to_owned()).filter(|s| !s.is_empty()),
                status: chosen,
            };
            (b.id.clone(), b.version, request)
        });
        busy.set(true);
        spawn_local(async move {
            let result = api.update_barrier(id, version, request).await;
            busy.set(false);
            match result {
                Ok(barrier) => {
                    fill(&barrier);
                    current.set(barrier);
                    saved.set(true);
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
    };

    view! {
        <section class="card barrier-answer" aria-labelledby="answer-title">
            <h2 id="answer-title">{tr(T::AnswerBarrier)}</h2>
            {move || saved.get().then(|| view! { <Success text=T::AnswerSaved /> })}
            {move || {
                failure
                    .get()
                    .map(|error| {
                        if error.is_stale() {
                            view! { <StaleNotice on_reload=reload /> }.into_any()
                        } else if error.is_forbidden() {
                            view! { <Forbidden /> }.into_any()
                        } else if error.field_problems().is_empty() {
                            view! { <ErrorNotice error /> }.into_any()
                        } else {
                            ().into_any()
                        }
                    })
            }}
            <ErrorSummary errors fields=ANSWER_FIELDS />
            <form class="barrier-answer-form form-grid" on:submit=submit novalidate>
                <CodeSelect id="answer-status" label=T::Status value=status errors field="status" required=true />
                <OptionalCodeSelect
                    id="answer-ministry"
                    label=T::Ministry
                    value=ministry
                    errors
                    field="ministry"
                    empty=T::NotAssigned
                />
                {move || {
                    (status.get().has_outcome() || !errors.for_field("resolution").is_empty())
                        .then(|| {
                            view! {
                                <OptionalCodeSelect
                                    id="answer-resolution"
                                    label=T::Resolution
                                    value=resolution
                                    errors
                                    field="resolution"
                                    required=status.get() == BarrierStatus::Closed
                                    empty=T::Choose
                                />
                            }
                        })
                }}
                <TextArea id="answer-note" label=T::ResolutionNote value=note errors field="resolution_note" rows=5 />
                <div class="actions-row">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::SaveAnswer) }}
                    </button>
                </div>
            </form>
        </section>
    }
}
