//! One action: what it is, its progress timeline, and the form that adds to it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::action::{ActionResponse, CreateProgressUpdateRequest, ProgressUpdateResponse};

use super::path_param;
use crate::api::{ApiError, new_idempotency_key};
use crate::catalogue::use_catalogue;
use crate::components::badges::{ProgressBar, StatusBadge};
use crate::components::fields::{CodeSelect, ErrorSummary, FieldErrors, TextArea, TextField};
use crate::components::status::{ErrorNotice, Forbidden, SaveFailure, Success, resource_view};
use crate::data::today;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

#[component]
pub fn ActionPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let i18n = use_i18n();
    let id = path_param("id");
    let action = LocalResource::new(move || api.action(id()));
    let updates = LocalResource::new(move || api.progress_updates(id()));
    let added = RwSignal::new(false);
    let on_added = Callback::new(move |()| {
        added.set(true);
        updates.refetch();
        action.refetch();
    });
    // Archiving or restoring says so here, in a live region that exists before
    // its text does; the focus moves to it, since the button pressed is gone.
    let archive_notice = RwSignal::new(None::<T>);
    let notice = NodeRef::<leptos::html::P>::new();
    let on_archiving = Callback::new(move |said: Option<T>| {
        archive_notice.set(said);
        action.refetch();
        if let (Some(_), Some(notice)) = (said, notice.get_untracked()) {
            let _ = notice.focus();
        }
    });
    view! {
        <p
            class=move || if archive_notice.get().is_some() { "notice success" } else { "visually-hidden" }
            role="status"
            tabindex="-1"
            data-notice="archiving"
            node_ref=notice
        >
            {move || archive_notice.get().map(|said| i18n.t(said))}
        </p>
        {resource_view(
            action,
            move |action| {
                view! { <ActionSummary action=action.value.clone() etag=action.etag on_archiving /> }
            },
        )}
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr(T::Timeline)}</h2>
            {resource_view(updates, |updates| view! { <Timeline updates /> })}
            {move || added.get().then(|| view! { <Success text=T::UpdateAdded /> })}
            {move || {
                action
                    .get()
                    .and_then(Result::ok)
                    .map(|a| a.value)
                    .filter(|a| !a.archived && session.can("actions:write", &a.region_code))
                    .map(|action| view! { <ProgressForm action on_added /> })
            }}
        </section>
    }
}

/// Archiving (after a confirmation in a modal dialog) or, for an archived action,
/// restoring it. `on_done` gets what to tell the user, or `None` to reload only.
#[component]
fn ArchiveControls(action: ActionResponse, etag: String, on_done: Callback<Option<T>>) -> impl IntoView {
    let api = use_api();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let (id, archived) = (action.id.clone(), action.archived);
    let change = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let (id, etag) = (id.clone(), etag.clone());
        spawn_local(async move {
            let done = if archived {
                api.restore_action(id, etag).await.map(|_| T::ActionRestored)
            } else {
                api.archive_action(id, etag).await.map(|()| T::ActionArchived)
            };
            if let Some(dialog) = dialog.get_untracked() {
                dialog.close();
            }
            busy.set(false);
            match done {
                Ok(said) => on_done.run(Some(said)),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let open = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let failure_view = move || {
        view! { <SaveFailure failure on_reload=Callback::new(move |()| on_done.run(None)) /> }
    };
    if archived {
        return view! {
            <button type="button" class="primary" data-action="restore-action" disabled=move || busy.get() on:click=change>
                {tr(T::RestoreAction)}
            </button>
            {failure_view}
        }
        .into_any();
    }
    view! {
        <button type="button" data-action="archive-action" aria-haspopup="dialog" on:click=open>
            {tr(T::ArchiveAction)}
        </button>
        {failure_view}
        <dialog node_ref=dialog class="confirm" aria-labelledby="archive-title" aria-describedby="archive-text">
            <h2 id="archive-title">{tr(T::ArchiveConfirmTitle)}</h2>
            <p id="archive-text">{tr(T::ArchiveConfirmText)}</p>
            <div class="actions-row">
                <button type="button" class="primary" data-action="confirm-archive" disabled=move || busy.get() on:click=change>
                    {tr(T::ArchiveConfirm)}
                </button>
                <button type="button" data-action="cancel-archive" autofocus on:click=close>
                    {tr(T::Cancel)}
                </button>
            </div>
        </dialog>
    }
    .into_any()
}

#[component]
fn ActionSummary(action: ActionResponse, etag: String, on_archiving: Callback<Option<T>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let catalogue = use_catalogue();
    let region = action.region_code.clone();
    let region_href = format!("/regio/{region}");
    let region_name = {
        let region = region.clone();
        move || catalogue.region_name(&region)
    };
    let edit_href = format!("/acties/{}/bewerken", action.id);
    let can_write = {
        let region = region.clone();
        move || session.can("actions:write", &region)
    };
    let archived = action.archived;
    let controls = action.clone();
    let line = action.action_line;
    let themes = action.themes.clone();
    view! {
        <article class="card action-summary" data-action-id=action.id.clone()>
            <nav class="breadcrumb" aria-label=tr(T::Breadcrumb)>
                <a href="/">{tr(T::NavOverview)}</a>
                " › "
                <a href=region_href>{region_name}</a>
            </nav>
            <div class="section-head">
                <h1>{action.title.clone()}</h1>
                {move || {
                    can_write()
                        .then(|| {
                            view! {
                                <div class="actions-row">
                                    {(!archived)
                                        .then(|| {
                                            view! {
                                                <a class="button" href=edit_href.clone() data-action="edit-action">
                                                    {tr(T::Edit)}
                                                </a>
                                            }
                                        })}
                                    <ArchiveControls action=controls.clone() etag=etag.clone() on_done=on_archiving />
                                </div>
                            }
                        })
                }}
            </div>
            {action
                .source_review
                .clone()
                .map(|source| {
                    let number = source.intention_number.to_string();
                    view! {
                        <p class="source-review" data-source-review=source.review_id.clone()>
                            <a href=super::reviews::review_href(&source.review_id)>
                                {move || i18n.fill(T::FromReview, &[&number])}
                            </a>
                        </p>
                    }
                })}
            {archived
                .then(|| {
                    view! {
                        <p class="notice info" data-archived="true">
                            <span class="badge badge-archived">{tr(T::Archived)}</span>
                            " "
                            {tr(T::ArchivedNote)}
                        </p>
                    }
                })}
            <dl class="facts">
                <div>
                    <dt>{tr(T::Status)}</dt>
                    <dd>
                        <StatusBadge code=action.status />
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::Progress)}</dt>
                    <dd>
                        <ProgressBar percent=action.progress />
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::ActionLine)}</dt>
                    <dd>{move || i18n.label(line)}</dd>
                </div>
                <div>
                    <dt>{tr(T::Themes)}</dt>
                    <dd>
                        {move || {
                            let labels: Vec<&str> = themes.iter().map(|t| i18n.label(*t)).collect();
                            if labels.is_empty() { "—".to_owned() } else { labels.join(", ") }
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::Owner)}</dt>
                    <dd>{action.owner.clone()}</dd>
                </div>
                <div>
                    <dt>{tr(T::StartDate)}</dt>
                    <dd>{action.start_date.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                </div>
                <div>
                    <dt>{tr(T::EndDate)}</dt>
                    <dd>{action.end_date.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                </div>
            </dl>
            {(!action.description.is_empty())
                .then(|| {
                    view! {
                        <h2>{tr(T::Description)}</h2>
                        <p class="prose">{action.description.clone()}</p>
                    }
                })}
            <h2>{tr(T::Partners)}</h2>
            {if action.partners.is_empty() {
                view! { <p class="muted">{tr(T::NoPartners)}</p> }.into_any()
            } else {
                view! {
                    <ul class="partners">
                        {action.partners.iter().map(|p| view! { <li>{p.organisation.clone()}</li> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <h2>{tr(T::LinkedIndicators)}</h2>
            {if action.indicators.is_empty() {
                view! { <p class="muted">"—"</p> }.into_any()
            } else {
                view! {
                    <ul class="indicators">
                        {action
                            .indicators
                            .iter()
                            .map(|i| {
                                view! {
                                    <li>
                                        {i.name.clone()}
                                        {i
                                            .expected_effect
                                            .clone()
                                            .map(|effect| view! { <span class="muted">" — " {effect}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </article>
    }
}

#[component]
fn Timeline(updates: Vec<ProgressUpdateResponse>) -> impl IntoView {
    if updates.is_empty() {
        return view! { <p class="muted">{tr(T::NoUpdates)}</p> }.into_any();
    }
    view! {
        <ol class="timeline">
            {updates
                .into_iter()
                .map(|update| {
                    view! {
                        <li data-update-id=update.id.clone()>
                            <div class="timeline-head">
                                <time datetime=update.date.clone()>{update.date.clone()}</time>
                                <StatusBadge code=update.status />
                                <ProgressBar percent=update.progress />
                            </div>
                            {(!update.note.is_empty()).then(|| view! { <p class="note">{update.note}</p> })}
                            <p class="muted author">{update.author}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

const UPDATE_FIELDS: &[&str] = &["date", "progress", "status", "note"];

#[component]
fn ProgressForm(action: ActionResponse, on_added: Callback<()>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let date = RwSignal::new(today());
    let progress = RwSignal::new(action.progress.to_string());
    let status = RwSignal::new(action.status);
    let note = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let key = RwSignal::new(new_idempotency_key());
    let id = action.id.clone();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        let Ok(percent) = progress.get_untracked().trim().parse::<i64>() else {
            errors.push("progress", i18n.t(T::MustBeWholeNumber).to_owned());
            return;
        };
        let request = CreateProgressUpdateRequest {
            date: date.get_untracked(),
            progress: percent,
            status: status.get_untracked(),
            note: note.get_untracked().trim().to_owned(),
            author: None,
        };
        busy.set(true);
        let id = id.clone();
        spawn_local(async move {
            match api.add_progress_update(id, request, key.get_untracked()).await {
                Ok(_) => {
                    note.set(String::new());
                    key.set(new_idempotency_key());
                    on_added.run(());
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
        <form class="progress-form form-grid" on:submit=submit novalidate aria-labelledby="progress-title">
            <h3 id="progress-title">{tr(T::AddUpdate)}</h3>
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
            <ErrorSummary errors fields=UPDATE_FIELDS />
            <TextField id="update-date" label=T::Date value=date errors field="date" input_type="date" required=true />
            <TextField
                id="update-progress"
                label=T::ProgressPercent
                value=progress
                errors
                field="progress"
                input_type="number"
                required=true
            />
            <CodeSelect id="update-status" label=T::Status value=status errors field="status" required=true />
            <TextArea id="update-note" label=T::Note value=note errors field="note" rows=3 />
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::AddUpdateSubmit) }}
                </button>
            </div>
        </form>
    }
}
