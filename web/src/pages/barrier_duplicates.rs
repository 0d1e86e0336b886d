//! Duplicates on the ticket page: the original a duplicate follows, the tickets that
//! duplicate this one, and for those who handle the ticket (officials of its
//! ministry, the programme team) marking it as a duplicate and undoing that.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::barrier::{BarrierResponse, OriginalRef, TicketLink};

use crate::api::ApiError;
use crate::components::badges::StatusBadge;
use crate::components::fields::{ErrorSummary, FieldErrors, SelectField};
use crate::components::status::{SaveFailure, Success};
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

/// The one field of the duplicate form; other problems go in the summary.
const DUPLICATE_FIELDS: &[&str] = &["original"];

/// "Duplicate of": the original, its status and its outcome.
#[component]
pub fn DuplicateNotice(original: OriginalRef) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/belemmeringen/{}", original.id);
    view! {
        <div class="notice info duplicate-of" data-original=original.id.clone()>
            <p>
                <strong>{tr(T::DuplicateOf)} ": "</strong>
                <a href=href>{original.title}</a>
                " "
                <StatusBadge code=original.status />
                {original.resolution.map(|code| view! { " · " {move || i18n.label(code)} })}
            </p>
            <p>{tr(T::DuplicateFollows)}</p>
            {original.answer.map(|answer| view! { <p class="prose">{answer}</p> })}
        </div>
    }
}

/// The tickets marked as duplicates of this one.
#[component]
pub fn DuplicateList(duplicates: Vec<TicketLink>) -> impl IntoView {
    (!duplicates.is_empty()).then(|| {
        view! {
            <section class="duplicates" aria-labelledby="duplicates-title">
                <h2 id="duplicates-title">{tr(T::Duplicates)}</h2>
                <p class="muted">{tr(T::DuplicatesIntro)}</p>
                <ul class="duplicate-list">
                    {duplicates
                        .into_iter()
                        .map(|link| {
                            let href = format!("/belemmeringen/{}", link.id);
                            view! {
                                <li data-barrier-id=link.id>
                                    <a href=href>{link.title}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// Marking the ticket as a duplicate, or undoing it: only for those who handle it.
#[component]
pub fn DuplicateSection(current: RwSignal<BarrierResponse>, changed: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    // A memo: the form (with its success message) stays when the ticket changes.
    let handles = Memo::new(move |_| current.with(|b| session.handles_barrier(b.ministry)));
    move || handles.get().then(|| view! { <DuplicateForm current changed /> })
}

#[component]
fn DuplicateForm(current: RwSignal<BarrierResponse>, changed: RwSignal<u32>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let original = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<T>);
    // The other tickets the user can see, to choose the original from.
    let tickets = LocalResource::new(move || api.barriers(String::new()));
    let options = Signal::derive(move || {
        let own = current.with(|b| b.id.clone());
        match tickets.get() {
            Some(Ok(list)) => list
                .into_iter()
                .filter(|b| b.id != own)
                .map(|b| (b.id, b.title))
                .collect(),
            _ => Vec::new(),
        }
    });
    let is_duplicate = move || current.with(|b| b.duplicate_of.is_some());

    let save = move |target: Option<String>, success: T| {
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        done.set(None);
        let (id, version) = current.with_untracked(|b| (b.id.clone(), b.version));
        busy.set(true);
        spawn_local(async move {
            let result = api.set_duplicate_of(id, version, target).await;
            busy.set(false);
            match result {
                Ok(ticket) => {
                    current.set(ticket);
                    original.set(String::new());
                    done.set(Some(success));
                    changed.update(|n| *n += 1);
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if is_duplicate() {
            save(None, T::UnmarkedDuplicate);
            return;
        }
        let chosen = original.get_untracked();
        if chosen.is_empty() {
            errors.clear();
            errors.push("original", i18n.t(T::FieldRequired).to_owned());
            return;
        }
        save(Some(chosen), T::MarkedDuplicate);
    };
    let reload = Callback::new(move |()| {
        failure.set(None);
        errors.clear();
        let id = current.with_untracked(|b| b.id.clone());
        spawn_local(async move {
            match api.barrier(id).await {
                Ok(latest) => {
                    current.set(latest);
                    changed.update(|n| *n += 1);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    });

    view! {
        <section class="card barrier-duplicate" aria-labelledby="duplicate-title">
            <h2 id="duplicate-title">{tr(T::MarkDuplicate)}</h2>
            {move || done.get().map(|text| view! { <Success text /> })}
            <SaveFailure failure on_reload=reload />
            <ErrorSummary errors fields=DUPLICATE_FIELDS />
            <form class="duplicate-form form-grid" on:submit=submit novalidate>
                {move || {
                    (!is_duplicate())
                        .then(|| {
                            view! {
                                <SelectField
                                    id="duplicate-original"
                                    label=T::OriginalTicket
                                    value=original
                                    options
                                    errors
                                    field="original"
                                    required=true
                                    empty=T::Choose
                                />
                            }
                        })
                }}
                <div class="actions-row">
                    <button type="submit" class="primary" disabled=move || busy.get() data-action="duplicate">
                        {move || {
                            if busy.get() {
                                i18n.t(T::Saving)
                            } else if is_duplicate() {
                                i18n.t(T::UndoDuplicate)
                            } else {
                                i18n.t(T::MarkDuplicateSubmit)
                            }
                        }}
                    </button>
                </div>
            </form>
        </section>
    }
}
