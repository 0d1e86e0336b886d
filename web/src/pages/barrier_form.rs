//! Filing a barrier ticket for a region the user may file for.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use zorgpact_contract::barrier::CreateBarrierRequest;
use zorgpact_contract::codes::BarrierCategory;

use super::query_param;
use crate::api::{ApiError, new_idempotency_key};
use crate::catalogue::use_catalogue;
use crate::components::announce::use_announcer;
use crate::components::fields::{
    CodeSelect, ErrorSummary, FieldErrors, OptionalCodeSelect, SelectField, TextArea, TextField,
};
use crate::components::status::{ErrorNotice, Forbidden};
use crate::components::suggestions::FilingSuggestions;
use crate::data::today;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

const BARRIER_FIELDS: &[&str] = &[
    "region_code",
    "title",
    "description",
    "category",
    "ministry",
    "filed_on",
];

#[component]
pub fn NewBarrierPage() -> impl IntoView {
    let session = use_session();
    let requested = query_param("regio");
    view! {
        <section class="card" aria-labelledby="form-title">
            <h1 id="form-title">{tr(T::FileBarrier)}</h1>
            <p class="intro">{tr(T::FileBarrierIntro)}</p>
            {move || {
                // A region in the link that the user may not file for is refused here.
                let requested = requested();
                let allowed = if requested.is_empty() {
                    session.can_somewhere("barrier-tickets:file")
                } else {
                    session.can("barrier-tickets:file", &requested)
                };
                if allowed {
                    view! { <BarrierForm /> }.into_any()
                } else {
                    view! { <Forbidden /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn BarrierForm() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let catalogue = use_catalogue();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let announcer = use_announcer();
    let requested = query_param("regio");
    let region = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let category = RwSignal::new(BarrierCategory::ALL[0]);
    let ministry = RwSignal::new(None);
    let filed_on = RwSignal::new(today());
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let key = RwSignal::new(new_idempotency_key());

    Effect::new(move || {
        let wanted = requested();
        if !wanted.is_empty() {
            region.set(wanted);
        } else if let Some(regions) = session.regions_for("barrier-tickets:file")
            && regions.len() == 1
        {
            region.set(regions[0].clone());
        }
    });
    let region_options = Signal::derive(move || {
        let allowed = session.regions_for("barrier-tickets:file");
        catalogue
            .region_list()
            .into_iter()
            .filter(|r| allowed.as_ref().is_none_or(|list| list.contains(&r.code)))
            .map(|r| (r.code, r.name))
            .collect::<Vec<_>>()
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        let request = CreateBarrierRequest {
            region_code: region.get_untracked(),
            title: title.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            category: category.get_untracked(),
            ministry: ministry.get_untracked(),
            filed_on: Some(filed_on.get_untracked().trim().to_owned()).filter(|s| !s.is_empty()),
        };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api.file_barrier(request, key.get_untracked()).await {
                Ok(barrier) => {
                    announcer.say(i18n.t(T::BarrierFiled));
                    navigate(&format!("/belemmeringen/{}", barrier.id), Default::default());
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
        {move || {
            failure
                .get()
                .map(|error| {
                    if error.is_forbidden() {
                        view! { <Forbidden /> }.into_any()
                    } else if error.field_problems().is_empty() {
                        view! { <ErrorNotice error /> }.into_any()
                    } else {
                        ().into_any()
                    }
                })
        }}
        <ErrorSummary errors fields=BARRIER_FIELDS />
        <form class="barrier-form form-grid" on:submit=submit novalidate>
            <SelectField
                id="barrier-region"
                label=T::Region
                value=region
                options=region_options
                errors
                field="region_code"
                required=true
                empty=T::Choose
            />
            <TextField id="barrier-title" label=T::Title value=title errors field="title" required=true wide=true />
            <FilingSuggestions text=title />
            <TextArea id="barrier-description" label=T::BarrierQuestion value=description errors field="description" required=true rows=6 />
            <CodeSelect id="barrier-category" label=T::Category value=category errors field="category" required=true />
            <OptionalCodeSelect
                id="barrier-ministry"
                label=T::Ministry
                value=ministry
                errors
                field="ministry"
                empty=T::MinistryUnknown
            />
            <TextField id="barrier-filed-on" label=T::FiledOn value=filed_on errors field="filed_on" input_type="date" />
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::FileBarrierSubmit) }}
                </button>
            </div>
        </form>
    }
}
