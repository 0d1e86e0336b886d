//! The factsheets: questions the ministries answer once for everyone. Visitors (and
//! signed-in readers) see the published versions, without logging in; officials and
//! the programme team see the drafts too, with their status, and those who may write
//! for a factsheet's ministry revise and publish it here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::codes::FactsheetStatus;
use zorgpact_contract::factsheet::FactsheetResponse;

use super::path_param;
use crate::api::{ApiError, AuthorizedApi, UnauthorizedApi, Versioned};
use crate::components::badges::StatusBadge;
use crate::components::status::{SaveFailure, resource_view};
use crate::i18n::{T, tr, use_i18n};
use crate::session::use_session;

/// The API of a signed-in official or programme team member: they read drafts.
/// `None` for visitors and for signed-in readers of the published factsheets only.
fn writer_api() -> Option<AuthorizedApi> {
    let session = use_session();
    use_context::<AuthorizedApi>().filter(|_| session.writes_factsheets())
}

#[component]
pub fn FactsheetsPage() -> impl IntoView {
    let writer = writer_api();
    view! {
        <section aria-labelledby="factsheets-title">
            <div class="page-head">
                <h1 id="factsheets-title">{tr(T::Factsheets)}</h1>
                {writer
                    .map(|_| {
                        view! {
                            <a class="button primary" href="/factsheets/nieuw" data-action="new-factsheet">
                                {tr(T::NewFactsheet)}
                            </a>
                        }
                    })}
            </div>
            <p class="intro">{tr(T::FactsheetsIntro)}</p>
            {match writer {
                Some(api) => view! { <WriterLists api /> }.into_any(),
                None => view! { <PublishedList /> }.into_any(),
            }}
        </section>
    }
}

/// What everyone reads: the latest published version of each factsheet.
#[component]
fn PublishedList() -> impl IntoView {
    let factsheets = LocalResource::new(move || UnauthorizedApi.factsheets());
    resource_view(
        factsheets,
        |factsheets| view! { <FactsheetList factsheets with_status=false /> },
    )
}

/// For officials and the programme team: the drafts never published, then the
/// published factsheets, each with its status.
#[component]
fn WriterLists(api: AuthorizedApi) -> impl IntoView {
    let drafts = LocalResource::new(move || api.factsheet_drafts(FactsheetStatus::Draft));
    let published = LocalResource::new(move || api.factsheet_drafts(FactsheetStatus::Published));
    view! {
        <section class="factsheet-drafts" aria-labelledby="drafts-title">
            <h2 id="drafts-title">{tr(T::FactsheetDrafts)}</h2>
            {resource_view(
                drafts,
                |factsheets: Vec<FactsheetResponse>| {
                    if factsheets.is_empty() {
                        view! { <p class="muted">{tr(T::NoFactsheetDrafts)}</p> }.into_any()
                    } else {
                        view! { <FactsheetList factsheets with_status=true /> }.into_any()
                    }
                },
            )}
        </section>
        <section class="factsheet-published" aria-labelledby="published-title">
            <h2 id="published-title">{tr(T::PublishedFactsheets)}</h2>
            {resource_view(published, |factsheets| view! { <FactsheetList factsheets with_status=true /> })}
        </section>
    }
}

#[component]
fn FactsheetList(factsheets: Vec<FactsheetResponse>, with_status: bool) -> impl IntoView {
    if factsheets.is_empty() {
        return view! { <p class="muted">{tr(T::NoFactsheets)}</p> }.into_any();
    }
    view! {
        <ul class="factsheet-list">
            {factsheets
                .into_iter()
                .map(|f| {
                    let id = f.id.clone();
                    let href = format!("/factsheets/{id}");
                    let question = f.question.clone();
                    let status = with_status.then(|| view! { " " <StatusLine factsheet=f /> });
                    view! {
                        <li data-factsheet-id=id>
                            <a href=href>{question}</a>
                            {status}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// "Gepubliceerd · versie 2 · wijzigingen nog niet gepubliceerd", or "Concept".
#[component]
fn StatusLine(factsheet: FactsheetResponse) -> impl IntoView {
    let i18n = use_i18n();
    let version = factsheet.published_version;
    let pending = factsheet.unpublished_changes && version.is_some();
    view! {
        <span class="factsheet-status" data-status=factsheet.status.as_str()>
            <StatusBadge code=factsheet.status />
            {version.map(|n| view! { " · " {move || i18n.fill(T::VersionN, &[&n.to_string()])} })}
            {pending
                .then(|| {
                    view! {
                        " · "
                        <span class="pending">{tr(T::UnpublishedChanges)}</span>
                    }
                })}
        </span>
    }
}

#[component]
pub fn FactsheetPage() -> impl IntoView {
    let id = path_param("id");
    let id = Signal::derive(id);
    let content = match writer_api() {
        Some(api) => view! { <DraftFactsheet api id /> }.into_any(),
        None => {
            let factsheet = LocalResource::new(move || UnauthorizedApi.factsheet(id.get()));
            resource_view(factsheet, |factsheet| view! { <Factsheet factsheet /> }).into_any()
        }
    };
    view! {
        <section class="card factsheet">
            {content}
            <p>
                <a href="/factsheets">{tr(T::AllFactsheets)}</a>
            </p>
        </section>
    }
}

/// The draft as officials and the programme team read it, with its status; for those
/// who may write for its ministry also "Bewerken" and "Publiceren".
#[component]
fn DraftFactsheet(api: AuthorizedApi, id: Signal<String>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let factsheet = LocalResource::new(move || api.factsheet_draft(id.get()));
    let may_write = Memo::new(move |_| {
        factsheet
            .get()
            .and_then(Result::ok)
            .is_some_and(|draft: Versioned<FactsheetResponse>| session.writes_factsheet_of(draft.value.ministry))
    });
    // The number of the version just published; `Some(None)` after a 409 (nothing changed).
    let outcome = RwSignal::new(None::<Option<i64>>);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let publish = move |_| {
        if busy.get_untracked() {
            return;
        }
        outcome.set(None);
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = api.publish_factsheet(id.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(version) => {
                    outcome.set(Some(Some(version.number)));
                    factsheet.refetch();
                }
                Err(error) if error.status() == Some(409) => outcome.set(Some(None)),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let reload = Callback::new(move |()| {
        failure.set(None);
        factsheet.refetch();
    });

    view! {
        {resource_view(
            factsheet,
            |draft: Versioned<FactsheetResponse>| {
                let factsheet = draft.value;
                view! {
                    <Factsheet factsheet=factsheet.clone() />
                    <p class="factsheet-state">
                        <StatusLine factsheet=factsheet.clone() />
                    </p>
                    {factsheet
                        .published_version
                        .is_none()
                        .then(|| view! { <p class="notice info">{tr(T::NeverPublished)}</p> })}
                }
            },
        )}
        {move || {
            may_write
                .get()
                .then(|| {
                    view! {
                        <div class="actions-row factsheet-tools">
                            <a
                                class="button"
                                href=move || format!("/factsheets/{}/bewerken", id.get())
                                data-action="edit-factsheet"
                            >
                                {tr(T::Edit)}
                            </a>
                            <button
                                type="button"
                                class="primary"
                                data-action="publish-factsheet"
                                disabled=move || busy.get()
                                on:click=publish
                            >
                                {move || if busy.get() { i18n.t(T::Publishing) } else { i18n.t(T::Publish) }}
                            </button>
                        </div>
                    }
                })
        }}
        // One live region for the outcome, present from the start so that screen
        // readers announce what appears in it.
        <div class="publish-outcome" role="status" aria-live="polite">
            {move || {
                outcome
                    .get()
                    .map(|published| match published {
                        Some(number) => {
                            view! {
                                <p class="notice success" data-published-version=number>
                                    {move || i18n.fill(T::PublishedAsVersion, &[&number.to_string()])}
                                </p>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <p class="notice info" data-problem="unchanged">
                                    {tr(T::NothingToPublish)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </div>
        <SaveFailure failure on_reload=reload />
    }
}

#[component]
fn Factsheet(factsheet: FactsheetResponse) -> impl IntoView {
    let i18n = use_i18n();
    let ministry = factsheet.ministry;
    let themes = factsheet.themes.clone();
    view! {
        <h1>{factsheet.question}</h1>
        <p class="meta">
            {move || i18n.label(ministry)}
            {factsheet.published_version.map(|n| format!(" · v{n}"))}
        </p>
        <div class="answer">{factsheet.answer}</div>
        {(!themes.is_empty())
            .then(|| {
                view! {
                    <p class="themes">
                        {themes
                            .into_iter()
                            .map(|theme| view! { <span class="badge">{move || i18n.label(theme)}</span> " " })
                            .collect_view()}
                    </p>
                }
            })}
        {(!factsheet.regulations.is_empty())
            .then(|| {
                view! {
                    <h2>{tr(T::RulesConcerned)}</h2>
                    <ul>
                        {factsheet
                            .regulations
                            .into_iter()
                            .map(|rule| view! { <li>{rule.name}</li> })
                            .collect_view()}
                    </ul>
                }
            })}
        {(!factsheet.tickets.is_empty())
            .then(|| {
                view! {
                    <h2>{tr(T::LinkedTickets)}</h2>
                    <ul class="factsheet-tickets">
                        {factsheet
                            .tickets
                            .into_iter()
                            .map(|ticket| {
                                view! {
                                    <li>
                                        <a href=format!("/belemmeringen/{}", ticket.id)>{ticket.title}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}
