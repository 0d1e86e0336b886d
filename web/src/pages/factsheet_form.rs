//! Writing a factsheet (a new draft) and revising its draft, for officials (their own
//! ministry) and the programme team. Saving never publishes: that is a separate step
//! on the factsheet's page. A revision sends the version it started from (`If-Match`):
//! a 412 says someone else saved first and offers their version instead.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use zorgpact_contract::codes::{Ministry, Theme};
use zorgpact_contract::factsheet::{FactsheetFieldsRequest, FactsheetResponse};
use zorgpact_contract::regulation::TicketRef;

use super::path_param;
use crate::api::{ApiError, BarrierFilter, Versioned};
use crate::components::announce::use_announcer;
use crate::components::fields::{
    CheckboxGroup, ErrorSummary, FieldErrors, SelectField, TextArea, TextField, labelled_codes,
};
use crate::components::status::{ErrorNotice, Forbidden, Loading, SaveFailure};
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

const FACTSHEET_FIELDS: &[&str] = &[
    "question",
    "answer",
    "ministry",
    "themes",
    "regulation_ids",
    "ticket_ids",
];

/// The form's state, one signal per field.
#[derive(Debug, Clone, Copy)]
struct FactsheetFields {
    question: RwSignal<String>,
    answer: RwSignal<String>,
    /// The ministry's code; empty until chosen.
    ministry: RwSignal<String>,
    themes: RwSignal<Vec<Theme>>,
    regulation_ids: RwSignal<Vec<String>>,
    ticket_ids: RwSignal<Vec<String>>,
}

impl FactsheetFields {
    fn new(ministry: Option<Ministry>) -> Self {
        Self {
            question: RwSignal::new(String::new()),
            answer: RwSignal::new(String::new()),
            ministry: RwSignal::new(ministry.map(|m| m.as_str().to_owned()).unwrap_or_default()),
            themes: RwSignal::new(Vec::new()),
            regulation_ids: RwSignal::new(Vec::new()),
            ticket_ids: RwSignal::new(Vec::new()),
        }
    }

    fn fill(&self, factsheet: &FactsheetResponse) {
        self.question.set(factsheet.question.clone());
        self.answer.set(factsheet.answer.clone());
        self.ministry.set(factsheet.ministry.as_str().to_owned());
        self.themes.set(factsheet.themes.clone());
        self.regulation_ids
            .set(factsheet.regulations.iter().map(|r| r.id.clone()).collect());
        self.ticket_ids
            .set(factsheet.tickets.iter().map(|t| t.id.clone()).collect());
    }

    /// The fields as the API takes them; `Err` when no ministry is chosen.
    fn request(&self) -> Result<FactsheetFieldsRequest, &'static str> {
        let ministry = Ministry::parse(&self.ministry.get_untracked()).map_err(|_| "ministry")?;
        Ok(FactsheetFieldsRequest {
            question: self.question.get_untracked().trim().to_owned(),
            answer: self.answer.get_untracked().trim().to_owned(),
            ministry,
            themes: self.themes.get_untracked(),
            regulation_ids: self.regulation_ids.get_untracked(),
            ticket_ids: self.ticket_ids.get_untracked(),
        })
    }
}

#[component]
pub fn NewFactsheetPage() -> impl IntoView {
    let session = use_session();
    view! {
        <section class="card" aria-labelledby="form-title">
            <h1 id="form-title">{tr(T::NewFactsheet)}</h1>
            <p class="intro">{tr(T::FactsheetFormIntro)}</p>
            {move || {
                if session.writes_factsheets() {
                    view! { <FactsheetForm existing=None /> }.into_any()
                } else {
                    view! { <Forbidden /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
pub fn EditFactsheetPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let id = path_param("id");
    let factsheet = LocalResource::new(move || api.factsheet_draft(id()));
    view! {
        <section class="card" aria-labelledby="form-title">
            <h1 id="form-title">{tr(T::EditFactsheet)}</h1>
            <p class="intro">{tr(T::FactsheetFormIntro)}</p>
            {move || match factsheet.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => {
                    view! { <ErrorNotice error on_retry=Callback::new(move |()| factsheet.refetch()) /> }.into_any()
                }
                Some(Ok(versioned)) => {
                    if session.writes_factsheet_of(versioned.value.ministry) {
                        view! { <FactsheetForm existing=Some(versioned) /> }.into_any()
                    } else {
                        view! { <Forbidden /> }.into_any()
                    }
                }
            }}
        </section>
    }
}

#[component]
fn FactsheetForm(existing: Option<Versioned<FactsheetResponse>>) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let announcer = use_announcer();
    // Officials write for their own ministry only: it is the one choice, preselected.
    let ministries = session.factsheet_ministries();
    let only = (ministries.len() == 1).then(|| ministries[0]);
    let fields = FactsheetFields::new(only);
    let editing = existing.as_ref().map(|v| v.value.id.clone());
    let etag = RwSignal::new(existing.as_ref().map(|v| v.etag.clone()).unwrap_or_default());
    // Tickets linked before stay offered even when the ministry's list leaves them out.
    let linked = StoredValue::new(Vec::<TicketRef>::new());
    if let Some(versioned) = &existing {
        fields.fill(&versioned.value);
        linked.set_value(versioned.value.tickets.clone());
    }
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let ministry_options = Signal::derive(move || {
        ministries
            .iter()
            .map(|m| (m.as_str().to_owned(), i18n.label(*m).to_owned()))
            .collect::<Vec<_>>()
    });
    let theme_options = labelled_codes::<Theme>();
    let regulations = LocalResource::new(move || api.regulations());
    let regulation_options = Signal::derive(move || {
        regulations
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect::<Vec<_>>()
    });
    // The tickets of the chosen ministry, the ones a factsheet usually answers.
    let tickets = LocalResource::new(move || {
        let ministry = Ministry::parse(&fields.ministry.get()).ok();
        async move {
            match ministry {
                Some(ministry) => {
                    api.filtered_barriers(BarrierFilter {
                        ministry: Some(ministry),
                        ..BarrierFilter::default()
                    })
                    .await
                }
                None => Ok(Vec::new()),
            }
        }
    });
    let ticket_options = Signal::derive(move || {
        let mut options: Vec<(String, String)> = linked
            .get_value()
            .into_iter()
            .map(|t| (t.id, format!("{} ({})", t.title, t.region_code)))
            .collect();
        for ticket in tickets.get().and_then(Result::ok).unwrap_or_default() {
            if !options.iter().any(|(id, _)| *id == ticket.id) {
                options.push((ticket.id, format!("{} ({})", ticket.title, ticket.region_code)));
            }
        }
        options
    });

    // A 412: load the version someone else saved, and revise that.
    let reload = {
        let id = editing.clone();
        Callback::new(move |()| {
            let Some(id) = id.clone() else { return };
            failure.set(None);
            errors.clear();
            spawn_local(async move {
                match api.factsheet_draft(id).await {
                    Ok(latest) => {
                        fields.fill(&latest.value);
                        linked.set_value(latest.value.tickets.clone());
                        etag.set(latest.etag);
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        let request = match fields.request() {
            Ok(request) => request,
            Err(field) => {
                errors.push(field, i18n.t(T::FieldRequired).to_owned());
                return;
            }
        };
        busy.set(true);
        let editing = editing.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let saved = match editing {
                Some(id) => api
                    .update_factsheet(id, etag.get_untracked(), request)
                    .await
                    .map(|v| v.value),
                None => api.create_factsheet(request).await,
            };
            busy.set(false);
            match saved {
                Ok(factsheet) => {
                    announcer.say(i18n.t(T::FactsheetSaved));
                    navigate(&format!("/factsheets/{}", factsheet.id), Default::default());
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
    };

    let cancel_href = match &existing {
        Some(versioned) => format!("/factsheets/{}", versioned.value.id),
        None => "/factsheets".to_owned(),
    };
    view! {
        <SaveFailure failure on_reload=reload />
        <ErrorSummary errors fields=FACTSHEET_FIELDS />
        <form class="factsheet-form form-grid" on:submit=submit novalidate>
            <TextField
                id="factsheet-question"
                label=T::Question
                value=fields.question
                errors
                field="question"
                required=true
                hint=T::QuestionHint
                wide=true
            />
            <TextArea
                id="factsheet-answer"
                label=T::Answer
                value=fields.answer
                errors
                field="answer"
                required=true
                rows=12
                hint=T::AnswerHint
            />
            <SelectField
                id="factsheet-ministry"
                label=T::Ministry
                value=fields.ministry
                options=ministry_options
                errors
                field="ministry"
                required=true
                empty=T::Choose
            />
            <CheckboxGroup
                id="factsheet-themes"
                legend=T::Themes
                values=fields.themes
                options=theme_options
                errors
                field="themes"
            />
            <CheckboxGroup
                id="factsheet-rules"
                legend=T::RulesConcerned
                values=fields.regulation_ids
                options=regulation_options
                errors
                field="regulation_ids"
            />
            <CheckboxGroup
                id="factsheet-tickets"
                legend=T::LinkedTickets
                values=fields.ticket_ids
                options=ticket_options
                errors
                field="ticket_ids"
            />
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::SaveDraft) }}
                </button>
                <a class="button" href=cancel_href>
                    {tr(T::Cancel)}
                </a>
            </div>
        </form>
    }
}
