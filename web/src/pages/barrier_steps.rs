//! A ticket's workflow in the app: the steps the signed-in user may take now, as
//! the API lists them (the app never guesses), each with the fields it needs; and
//! the timeline of the steps taken.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::barrier::{AvailableTransition, BarrierResponse, TransitionRequest};
use zorgpact_contract::codes::{BarrierLocation, BarrierStatus, Ministry, Resolution, Role, StepField};

use crate::api::ApiError;
use crate::components::fields::{ErrorSummary, FieldErrors, OptionalCodeSelect, SelectField, TextArea};
use crate::components::status::{ErrorNotice, SaveFailure, Success};
use crate::i18n::{T, tr, use_i18n};
use crate::session::use_api;

/// The fields of the step form; the API's problems on other fields go in the summary.
const STEP_FIELDS: &[&str] = &[
    "to",
    "note",
    "ministry",
    "official",
    "answer",
    "resolution",
    "location",
    "public",
    "reason",
];

/// What the user fills in for a step; only the chosen step's fields are sent.
#[derive(Clone, Copy)]
struct StepForm {
    to: RwSignal<String>,
    note: RwSignal<String>,
    ministry: RwSignal<Option<Ministry>>,
    official: RwSignal<String>,
    answer: RwSignal<String>,
    resolution: RwSignal<Option<Resolution>>,
    location: RwSignal<Option<BarrierLocation>>,
    public: RwSignal<bool>,
    reason: RwSignal<String>,
}

impl StepForm {
    fn new() -> Self {
        Self {
            to: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            ministry: RwSignal::new(None),
            official: RwSignal::new(String::new()),
            answer: RwSignal::new(String::new()),
            resolution: RwSignal::new(None),
            location: RwSignal::new(None),
            public: RwSignal::new(false),
            reason: RwSignal::new(String::new()),
        }
    }

    fn clear(&self) {
        self.to.set(String::new());
        self.note.set(String::new());
        self.answer.set(String::new());
        self.reason.set(String::new());
    }

    /// The request for the chosen step: each field the step takes, if filled in.
    fn request(&self, step: &AvailableTransition) -> TransitionRequest {
        let takes = |field| step.requires.contains(&field) || step.accepts.contains(&field);
        let text = |field, value: RwSignal<String>| {
            takes(field)
                .then(|| value.get_untracked().trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        TransitionRequest {
            to: step.to,
            note: text(StepField::Note, self.note),
            ministry: self.ministry.get_untracked().filter(|_| takes(StepField::Ministry)),
            official: text(StepField::Official, self.official),
            answer: text(StepField::Answer, self.answer),
            resolution: self.resolution.get_untracked().filter(|_| takes(StepField::Resolution)),
            location: self.location.get_untracked().filter(|_| takes(StepField::Location)),
            public: takes(StepField::Public).then(|| self.public.get_untracked()),
            reason: text(StepField::Reason, self.reason),
        }
    }
}

/// The steps the user may take on `current`, refreshed after every step.
#[component]
pub fn WorkflowSection(current: RwSignal<BarrierResponse>, changed: RwSignal<u32>) -> impl IntoView {
    let api = use_api();
    let steps = LocalResource::new(move || {
        changed.track();
        let id = current.with_untracked(|b| b.id.clone());
        api.barrier_transitions(id)
    });
    move || match steps.get() {
        Some(Ok(available)) if !available.transitions.is_empty() => {
            view! { <StepChooser current changed steps=available.transitions /> }.into_any()
        }
        Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn StepChooser(
    current: RwSignal<BarrierResponse>,
    changed: RwSignal<u32>,
    steps: Vec<AvailableTransition>,
) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let form = StepForm::new();
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let taken = RwSignal::new(false);
    let steps = StoredValue::new(steps);
    let chosen = move || {
        let to = form.to.get();
        steps.with_value(|all| all.iter().find(|s| s.to.as_str() == to).cloned())
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        taken.set(false);
        let Some(step) = chosen() else {
            errors.push("to", i18n.t(T::ChooseStep).to_owned());
            return;
        };
        let request = form.request(&step);
        let (id, version) = current.with_untracked(|b| (b.id.clone(), b.version));
        busy.set(true);
        spawn_local(async move {
            let result = api.take_barrier_step(id, version, request).await;
            busy.set(false);
            match result {
                Ok(outcome) => {
                    current.set(outcome.ticket);
                    form.clear();
                    taken.set(true);
                    changed.update(|n| *n += 1);
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
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
    let needs = move |field: StepField| chosen().is_some_and(|s| s.requires.contains(&field));
    let shows =
        move |field: StepField| chosen().is_some_and(|s| s.requires.contains(&field) || s.accepts.contains(&field));

    view! {
        <section class="card barrier-steps" aria-labelledby="steps-title">
            <h2 id="steps-title">{tr(T::NextStep)}</h2>
            {move || taken.get().then(|| view! { <Success text=T::StepTaken /> })}
            <SaveFailure failure on_reload=reload />
            <ErrorSummary errors fields=STEP_FIELDS />
            <form class="barrier-step-form form-grid" on:submit=submit novalidate>
                <fieldset class="step-choice wide">
                    <legend>{tr(T::ChooseStep)}</legend>
                    {steps
                        .get_value()
                        .into_iter()
                        .map(|step| {
                            let code = step.to.as_str();
                            let id = format!("step-{code}");
                                view! {
                                <label for=id.clone() class="choice">
                                    <input
                                        type="radio"
                                        id=id.clone()
                                        name="to"
                                        value=code
                                        data-step=code
                                        prop:checked=move || form.to.get() == code
                                        on:change=move |_| form.to.set(code.to_owned())
                                    />
                                    {move || format!("{} {}", i18n.t(T::StepTo), i18n.label(step.to).to_lowercase())}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                {move || shows(StepField::Ministry).then(|| view! {
                    <OptionalCodeSelect id="step-ministry" label=T::Ministry value=form.ministry errors field="ministry" required=needs(StepField::Ministry) empty=T::Choose />
                })}
                {move || shows(StepField::Official).then(|| view! { <OfficialSelect form errors required=needs(StepField::Official) /> })}
                {move || shows(StepField::Answer).then(|| view! {
                    <TextArea id="step-answer" label=T::Answer value=form.answer errors field="answer" required=needs(StepField::Answer) rows=6 />
                })}
                {move || shows(StepField::Resolution).then(|| view! {
                    <OptionalCodeSelect id="step-resolution" label=T::Resolution value=form.resolution errors field="resolution" required=needs(StepField::Resolution) empty=T::Choose />
                })}
                {move || shows(StepField::Location).then(|| view! {
                    <OptionalCodeSelect id="step-location" label=T::WhereItSits value=form.location errors field="location" required=needs(StepField::Location) empty=T::Choose />
                })}
                {move || shows(StepField::Public).then(|| view! {
                    <div class="field wide">
                        <label for="step-public" class="choice">
                            <input type="checkbox" id="step-public" name="public" prop:checked=move || form.public.get() on:change=move |event| form.public.set(event_target_checked(&event)) />
                            {move || i18n.label(StepField::Public)}
                        </label>
                    </div>
                })}
                {move || shows(StepField::Reason).then(|| view! {
                    <TextArea id="step-reason" label=T::RejectionReason value=form.reason errors field="reason" required=needs(StepField::Reason) />
                })}
                {move || shows(StepField::Note).then(|| view! {
                    <TextArea id="step-note" label=T::Note value=form.note errors field="note" required=needs(StepField::Note) />
                })}
                <div class="actions-row">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::TakeStep) }}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The officials of the chosen ministry, to assign the ticket to (triage is the
/// programme team's, who may list the users).
#[component]
fn OfficialSelect(form: StepForm, errors: FieldErrors, required: bool) -> impl IntoView {
    let api = use_api();
    let users = LocalResource::new(move || api.users());
    let options = Signal::derive(move || {
        let ministry = form.ministry.get();
        match users.get() {
            Some(Ok(users)) => users
                .into_iter()
                .filter(|u| u.active && u.role == Role::Official && ministry.is_some() && u.ministry == ministry)
                .map(|u| (u.id, u.display_name))
                .collect(),
            _ => Vec::new(),
        }
    });
    view! {
        <SelectField id="step-official" label=T::Official value=form.official options errors field="official" required empty=T::Choose />
    }
}

/// The ticket's history, oldest first, refreshed after every step.
#[component]
pub fn Timeline(current: RwSignal<BarrierResponse>, changed: RwSignal<u32>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let timeline = LocalResource::new(move || {
        changed.track();
        let id = current.with_untracked(|b| b.id.clone());
        api.barrier_timeline(id)
    });
    let label = move |status: BarrierStatus| i18n.label(status);
    view! {
        <section class="card barrier-timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr(T::Timeline)}</h2>
            {move || match timeline.get() {
                Some(Ok(history)) => view! {
                    <ol class="timeline">
                        {history
                            .steps
                            .into_iter()
                            .map(|step| {
                                let day = step.at.get(..10).unwrap_or_default().to_owned();
                                let what = match step.from {
                                    None => i18n.t(T::FiledTicket).to_owned(),
                                    Some(from) => format!("{} → {}", label(from), label(step.to)),
                                };
                                view! {
                                    <li data-to=step.to.as_str()>
                                        <time datetime=step.at.clone()>{day}</time>
                                        " · "
                                        <strong>{step.actor.clone()}</strong>
                                        ": "
                                        {what}
                                        {step.note.map(|note| view! { <p class="prose">{note}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any(),
                Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}
