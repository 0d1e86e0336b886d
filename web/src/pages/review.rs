//! One progress review (*Volgspot*): its five parts, its state with the
//! programme team's steps (edit a draft, share, finalise, correct), its versions,
//! the committee's scores and the intentions that become actions.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use zorgpact_contract::auth::rules::Permission;
use zorgpact_contract::codes::{ActionLine, ReviewRound, ReviewStatus, ScoreLevel, ScoredAspect};
use zorgpact_contract::review::{
    IntentionActionRequest, ReviewIntention, ReviewResponse, ReviewScore, ReviewScoresRequest, UpdateReviewRequest,
};

use super::path_param;
use super::review_fields::{REVIEW_FIELDS, ReviewFields, ReviewFieldsets, without_parts_prefix};
use super::reviews::{ScoreCell, manages_reviews, review_href};
use crate::api::{ApiError, ReviewStep, Versioned};
use crate::catalogue::use_catalogue;
use crate::components::announce::use_announcer;
use crate::components::badges::{ProgressBar, StatusBadge};
use crate::components::fields::{ErrorSummary, FieldError, FieldErrors, TextArea};
use crate::components::status::{SaveFailure, Success, resource_view};
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

/// The review shown, with the `ETag` of the version read.
type Current = RwSignal<Versioned<ReviewResponse>>;

/// The edit form of a draft, which "Bewerken" controls.
const EDIT_FORM_ID: &str = "review-edit";
const EDIT_TITLE_ID: &str = "edit-review-title";

#[component]
pub fn ReviewPage() -> impl IntoView {
    let api = use_api();
    let id = path_param("id");
    let review = LocalResource::new(move || api.review(id()));
    resource_view(review, move |review| {
        let current: Current = RwSignal::new(review);
        // Reads the review again (after someone else changed it, or an intention became an action).
        let reload = Callback::new(move |()| {
            let id = current.get_untracked().value.id;
            spawn_local(async move {
                if let Ok(fresh) = api.review(id).await {
                    current.set(fresh);
                }
            });
        });
        // "Bewerken" opens the draft's edit form; closing it (saved or cancelled)
        // gives the focus back to the button, drawn anew once the review is.
        let editing = RwSignal::new(false);
        let edit_button = NodeRef::<leptos::html::Button>::new();
        let draft = Memo::new(move |_| current.with(|c| c.value.status == ReviewStatus::Draft));
        let close_edit = Callback::new(move |()| {
            editing.set(false);
            request_animation_frame(move || {
                if let Some(button) = edit_button.get_untracked() {
                    let _ = button.focus();
                }
            });
        });
        view! {
            {move || view! { <ReviewHeader review=current.get().value /> }}
            <WorkflowControls current reload editing edit_button />
            {move || (editing.get() && draft.get()).then(|| view! { <EditReviewForm current close=close_edit /> })}
            {move || view! { <Versions review=current.get().value /> }}
            {move || view! { <Parts review=current.get().value /> }}
            <ScoresSection current reload />
            {move || view! { <IntentionsSection review=current.get().value reload /> }}
        }
    })
}

#[component]
fn ReviewHeader(review: ReviewResponse) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let region = review.region_code.clone();
    let region_name = {
        let region = region.clone();
        move || catalogue.region_name(&region)
    };
    let round = review.round;
    let number = review.number.to_string();
    view! {
        <article class="card review-detail" data-review-id=review.id.clone() data-status=review.status.as_str()>
            <nav class="breadcrumb" aria-label=tr(T::Breadcrumb)>
                <a href="/">{tr(T::NavOverview)}</a>
                " › "
                <a href=format!("/regio/{region}")>{region_name}</a>
            </nav>
            <h1>{tr(T::Review)} " " {review.review_date.clone()}</h1>
            <dl class="facts">
                <RoundAndStatus round status=review.status />
                <div>
                    <dt>{tr(T::VersionHistory)}</dt>
                    <dd>{move || i18n.fill(T::VersionOf, &[&number])}</dd>
                </div>
            </dl>
            {(review.status == ReviewStatus::Final)
                .then(|| view! { <p class="notice info" data-final="true">{tr(T::FinalReadOnly)}</p> })}
            {review
                .superseded_by
                .clone()
                .map(|newer| {
                    view! {
                        <p class="notice warning" data-superseded="true">
                            {tr(T::Superseded)} " " <a href=review_href(&newer)>{tr(T::OpenNewestVersion)}</a>
                        </p>
                    }
                })}
            <p>
                <a class="button" href=format!("{}/verslag", review_href(&review.id)) data-action="open-report">
                    {tr(T::OpenReport)}
                </a>
            </p>
        </article>
    }
}

/// A review's round and status, as entries of a `<dl class="facts">`.
#[component]
pub fn RoundAndStatus(round: ReviewRound, status: ReviewStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div>
            <dt>{tr(T::Round)}</dt>
            <dd>{move || i18n.label(round)}</dd>
        </div>
        <div>
            <dt>{tr(T::Status)}</dt>
            <dd>
                <StatusBadge code=status />
            </dd>
        </div>
    }
}

/// Edit a draft, share, finalise or correct: the programme team's steps, each with
/// `If-Match` but the correction, which makes a new version.
#[component]
fn WorkflowControls(
    current: Current,
    reload: Callback<()>,
    editing: RwSignal<bool>,
    edit_button: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<T>);
    let busy = RwSignal::new(false);
    let step = move |step: ReviewStep| {
        if busy.get_untracked() {
            return;
        }
        let Versioned { value, etag } = current.get_untracked();
        busy.set(true);
        failure.set(None);
        done.set(None);
        spawn_local(async move {
            let outcome = api.review_step(value.id, etag, step).await;
            busy.set(false);
            match outcome {
                Ok(review) => {
                    done.set(Some(match step {
                        ReviewStep::Share => T::ReviewShared,
                        ReviewStep::Finalise => T::ReviewFinalised,
                    }));
                    current.set(review);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let correct = move |_| {
        if busy.get_untracked() {
            return;
        }
        let id = current.get_untracked().value.id;
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let outcome = api.correct_review(id).await;
            busy.set(false);
            match outcome {
                Ok(review) => navigate(&review_href(&review.value.id), Default::default()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    move || {
        if !manages_reviews(session) {
            return ().into_any();
        }
        let review = current.get().value;
        let button = match (review.status, review.superseded_by.is_some()) {
            (ReviewStatus::Draft, _) => view! {
                <button
                    type="button"
                    data-action="edit-review"
                    node_ref=edit_button
                    aria-expanded=move || if editing.get() { "true" } else { "false" }
                    aria-controls=move || editing.get().then_some(EDIT_FORM_ID)
                    on:click=move |_| open_edit(editing)
                >
                    {tr(T::Edit)}
                </button>
                <button type="button" class="primary" data-action="share-review" disabled=move || busy.get()
                    on:click=move |_| step(ReviewStep::Share)>
                    {tr(T::ShareReview)}
                </button>
            }
            .into_any(),
            (ReviewStatus::Shared, _) => view! {
                <button type="button" class="primary" data-action="finalise-review" disabled=move || busy.get()
                    on:click=move |_| step(ReviewStep::Finalise)>
                    {tr(T::FinaliseReview)}
                </button>
            }
            .into_any(),
            (ReviewStatus::Final, false) => view! {
                <button type="button" data-action="correct-review" disabled=move || busy.get() on:click=correct.clone()>
                    {tr(T::CorrectReview)}
                </button>
            }
            .into_any(),
            (ReviewStatus::Final, true) => ().into_any(),
        };
        view! {
            <div class="card actions-row review-steps">
                {button}
                {move || done.get().map(|text| view! { <Success text /> })}
                <SaveFailure failure on_reload=Callback::new(move |()| {
                    failure.set(None);
                    reload.run(());
                }) />
            </div>
        }
        .into_any()
    }
}

/// Opens the edit form, or, when it is open already, takes the focus to it.
fn open_edit(editing: RwSignal<bool>) {
    if editing.get_untracked() {
        if let Some(title) = document()
            .get_element_by_id(EDIT_TITLE_ID)
            .and_then(|title| title.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = title.focus();
        }
    } else {
        editing.set(true);
    }
}

/// A draft's round, date and parts in a form. Saving sends the version read
/// (`If-Match`): a 412 says someone else saved first and offers their version.
#[component]
fn EditReviewForm(current: Current, close: Callback<()>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let announcer = use_announcer();
    let (fields, region) =
        current.with_untracked(|c| (ReviewFields::from_review(&c.value), c.value.region_code.clone()));
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    // The form takes the focus as it opens: its heading, read out first.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move || {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let reload = Callback::new(move |()| {
        failure.set(None);
        errors.clear();
        let id = current.with_untracked(|c| c.value.id.clone());
        spawn_local(async move {
            match api.review(id).await {
                Ok(latest) => {
                    fields.fill(&latest.value);
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
        let request = UpdateReviewRequest {
            round: Some(fields.round.get_untracked()),
            review_date: Some(fields.review_date.get_untracked()),
            parts: Some(fields.parts()),
        };
        let Versioned { value, etag } = current.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let outcome = api.update_review(value.id, etag, request).await;
            busy.set(false);
            match outcome {
                Ok(review) => {
                    current.set(review);
                    announcer.say(i18n.t(T::ReviewSaved));
                    close.run(());
                }
                Err(error) => {
                    errors.set(without_parts_prefix(error.field_problems()));
                    failure.set(Some(error));
                }
            }
        });
    };
    view! {
        <section class="card review-edit" id=EDIT_FORM_ID aria-labelledby=EDIT_TITLE_ID>
            <h2 id=EDIT_TITLE_ID tabindex="-1" node_ref=heading>
                {tr(T::EditReview)}
            </h2>
            <SaveFailure failure on_reload=reload />
            <ErrorSummary errors fields=REVIEW_FIELDS />
            <form class="review-form form-grid" on:submit=submit novalidate>
                <ReviewFieldsets fields errors region />
                <div class="actions-row">
                    <button type="submit" class="primary" data-action="save-review" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::Save) }}
                    </button>
                    <button type="button" data-action="cancel-edit-review" on:click=move |_| close.run(())>
                        {tr(T::Cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The versions of a corrected review, oldest first, each a link.
#[component]
fn Versions(review: ReviewResponse) -> impl IntoView {
    if review.number == 1 && review.superseded_by.is_none() {
        return ().into_any();
    }
    let api = use_api();
    let i18n = use_i18n();
    let region = review.region_code.clone();
    let all = LocalResource::new(move || api.region_reviews(region.clone()));
    let this = review.id.clone();
    let view_versions = move |all: Vec<ReviewResponse>| {
        let chain = version_chain(&all, &this);
        view! {
            <ol class="item-list versions">
                {chain
                    .into_iter()
                    .map(|version| {
                        let number = version.number.to_string();
                        let here = version.id == this;
                        view! {
                            <li data-version=version.number>
                                <a href=review_href(&version.id) aria-current=here.then_some("page")>
                                    {move || i18n.fill(T::VersionOf, &[&number])}
                                </a>
                                " "
                                <StatusBadge code=version.status />
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
    };
    view! {
        <section class="card" aria-labelledby="versions-title">
            <h2 id="versions-title">{tr(T::VersionHistory)}</h2>
            {resource_view(all, view_versions)}
        </section>
    }
    .into_any()
}

/// The versions `id` belongs to, oldest first: back along `previous_id`, on along `superseded_by`.
fn version_chain(all: &[ReviewResponse], id: &str) -> Vec<ReviewResponse> {
    let find = |id: &str| all.iter().find(|r| r.id == id);
    let Some(mut first) = find(id) else {
        return Vec::new();
    };
    while let Some(previous) = first.previous_id.as_deref().and_then(find) {
        first = previous;
    }
    let mut chain = vec![first.clone()];
    while let Some(next) = chain.last().and_then(|r| r.superseded_by.as_deref()).and_then(find) {
        chain.push(next.clone());
    }
    chain
}

/// A text of a part, with a dash when it is empty.
#[component]
fn PartText(label: T, text: String) -> impl IntoView {
    let text = if text.trim().is_empty() { "—".to_owned() } else { text };
    view! {
        <div>
            <dt>{tr(label)}</dt>
            <dd class="prose">{text}</dd>
        </div>
    }
}

/// The five parts of the analysis frame.
#[component]
fn Parts(review: ReviewResponse) -> impl IntoView {
    let i18n = use_i18n();
    let p = review.parts;
    let phase = p.process_phase;
    view! {
        <section class="card review-parts" aria-labelledby="parts-why">
            <h2 id="parts-why">{tr(T::PartWhy)}</h2>
            <dl class="parts">
                <PartText label=T::WhyQuestion text=p.why_question />
                <PartText label=T::WhyTransition text=p.why_transition />
            </dl>
            <h2>{tr(T::PartWhat)}</h2>
            <dl class="parts">
                <PartText label=T::WhatThemes text=p.what_themes />
                <PartText label=T::WhatFocusAreas text=p.what_focus_areas />
            </dl>
            <h2>{tr(T::PartHow)}</h2>
            <dl class="parts">
                <PartText label=T::HowCooperation text=p.how_cooperation />
                <PartText label=T::HowPartners text=p.how_partners />
                <PartText label=T::HowSuccessFactors text=p.how_success_factors />
                <PartText label=T::HowBarriers text=p.how_barriers />
            </dl>
            {(!review.barrier_tickets.is_empty())
                .then(|| {
                    view! {
                        <h3>{tr(T::LinkedBarriers)}</h3>
                        <ul class="item-list review-barriers">
                            {review
                                .barrier_tickets
                                .into_iter()
                                .map(|ticket| {
                                    view! {
                                        <li data-barrier-id=ticket.id.clone()>
                                            <a href=format!("/belemmeringen/{}", ticket.id)>{ticket.title}</a>
                                            " "
                                            <StatusBadge code=ticket.status />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <h2>{tr(T::PartProcess)}</h2>
            <dl class="parts">
                <div>
                    <dt>{tr(T::ProcessPhase)}</dt>
                    <dd>{move || phase.map_or_else(|| i18n.t(T::NoPhase), |phase| i18n.label(phase))}</dd>
                </div>
                <PartText label=T::ProcessNotes text=p.process_notes />
            </dl>
            <h2>{tr(T::PartProgress)}</h2>
            <dl class="parts">
                <PartText label=T::ProgressResults text=p.progress_results />
            </dl>
        </section>
    }
}

/// The scores as a table; for the programme team, while the review may change, the form.
#[component]
fn ScoresSection(current: Current, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    // The form stays as it is while scores are saved: only becoming final removes it.
    let editable = Memo::new(move |_| current.with(|c| c.value.status != ReviewStatus::Final));
    view! {
        <section class="card review-scores" aria-labelledby="scores-title">
            <h2 id="scores-title">{tr(T::Scores)}</h2>
            {move || {
                let scores = current.get().value.scores;
                if scores.is_empty() {
                    view! { <p class="muted">{tr(T::NoScores)}</p> }.into_any()
                } else {
                    view! { <ScoresTable scores /> }.into_any()
                }
            }}
            {move || (manages_reviews(session) && editable.get()).then(|| view! { <ScoreForm current reload /> })}
        </section>
    }
}

/// The score form's fields: the aspects, as `/scores/N` is shown at its aspect.
const SCORE_FIELDS: &[&str] = &["regional_vision", "action_plan", "governance"];

/// A review's scores, one row per aspect of the frame.
#[component]
pub fn ScoresTable(scores: Vec<ReviewScore>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data-table scores-table">
            <caption class="visually-hidden">{tr(T::Scores)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(T::Aspect)}</th>
                    <th scope="col">{tr(T::Level)}</th>
                </tr>
            </thead>
            <tbody>
                {ScoredAspect::ALL
                    .iter()
                    .map(|&aspect| {
                        let score = scores.iter().find(|s| s.aspect == aspect).cloned();
                        view! {
                            <tr>
                                <th scope="row">{move || i18n.label(aspect)}</th>
                                <ScoreCell score />
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The ids of an aspect's controls (ids are fixed strings).
fn aspect_ids(aspect: ScoredAspect) -> (&'static str, &'static str) {
    match aspect {
        ScoredAspect::RegionalVision => ("score-regional_vision", "score-regional_vision-motivation"),
        ScoredAspect::ActionPlan => ("score-action_plan", "score-action_plan-motivation"),
        ScoredAspect::Governance => ("score-governance", "score-governance-motivation"),
    }
}

/// Regional vision, action plan and governance, each a level and a motivation.
/// A problem at `/scores/N/…` is shown at the aspect sent N-th.
#[component]
fn ScoreForm(current: Current, reload: Callback<()>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let given = current.get_untracked().value.scores;
    let choices: Vec<(ScoredAspect, RwSignal<Option<ScoreLevel>>, RwSignal<String>)> = ScoredAspect::ALL
        .iter()
        .map(|aspect| {
            let score = given.iter().find(|s| s.aspect == *aspect);
            (
                *aspect,
                RwSignal::new(score.map(|s| s.level)),
                RwSignal::new(score.map(|s| s.motivation.clone()).unwrap_or_default()),
            )
        })
        .collect();
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let sent = choices.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        saved.set(false);
        let mut scores = Vec::new();
        for (aspect, level, motivation) in &sent {
            let motivation = motivation.get_untracked().trim().to_owned();
            match level.get_untracked() {
                Some(level) => scores.push(ReviewScore {
                    aspect: *aspect,
                    level,
                    motivation,
                }),
                None if !motivation.is_empty() => errors.push(aspect.as_str(), i18n.t(T::ChooseLevel).to_owned()),
                None => {}
            }
        }
        if !errors.is_empty() {
            return;
        }
        let aspects: Vec<ScoredAspect> = scores.iter().map(|s| s.aspect).collect();
        let Versioned { value, etag } = current.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let outcome = api
                .set_review_scores(value.id, etag, ReviewScoresRequest { scores })
                .await;
            busy.set(false);
            match outcome {
                Ok(review) => {
                    saved.set(true);
                    current.set(review);
                }
                Err(error) => {
                    errors.set(at_aspects(error.field_problems(), &aspects));
                    failure.set(Some(error));
                }
            }
        });
    };
    view! {
        <SaveFailure failure on_reload=Callback::new(move |()| {
            failure.set(None);
            reload.run(());
        }) />
        <ErrorSummary errors fields=SCORE_FIELDS />
        <form class="score-form" on:submit=submit novalidate>
            {choices
                .into_iter()
                .map(|(aspect, level, motivation)| view! { <AspectFieldset aspect level motivation errors /> })
                .collect_view()}
            <div class="actions-row">
                <button type="submit" class="primary" data-action="save-scores" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::SaveScores) }}
                </button>
                {move || saved.get().then(|| view! { <Success text=T::ScoresSaved /> })}
            </div>
        </form>
    }
}

/// `/scores/N/...` names the aspect sent N-th: the problem is shown at its fieldset.
fn at_aspects(
    problems: Vec<zorgpact_contract::FieldProblem>,
    aspects: &[ScoredAspect],
) -> Vec<zorgpact_contract::FieldProblem> {
    problems
        .into_iter()
        .map(|mut problem| {
            let index = problem
                .pointer
                .strip_prefix("/scores/")
                .and_then(|rest| rest.split('/').next())
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(aspect) = index.and_then(|n| aspects.get(n)) {
                problem.pointer = format!("/{}", aspect.as_str());
            }
            problem
        })
        .collect()
}

#[component]
fn AspectFieldset(
    aspect: ScoredAspect,
    level: RwSignal<Option<ScoreLevel>>,
    motivation: RwSignal<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id, motivation_id) = aspect_ids(aspect);
    let field = aspect.as_str();
    view! {
        <fieldset
            class="field score-aspect"
            id=id
            data-aspect=field
            aria-invalid=move || (!errors.for_field(field).is_empty()).then_some("true")
        >
            <legend>{move || i18n.label(aspect)}</legend>
            <div class="radio-row">
                {ScoreLevel::ALL
                    .iter()
                    .map(|&code| {
                        let radio_id = format!("{id}-{}", code.as_str());
                        let label_for = radio_id.clone();
                        view! {
                            <label class="radio" for=label_for>
                                <input
                                    type="radio"
                                    id=radio_id
                                    name=id
                                    value=code.as_str()
                                    prop:checked=move || level.get() == Some(code)
                                    on:change=move |_| level.set(Some(code))
                                />
                                {move || i18n.label(code)}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <TextArea id=motivation_id label=T::Motivation value=motivation errors field rows=2 />
        </fieldset>
    }
}

/// The intentions, each with its action or, once the review is shared, "Maak actie".
#[component]
fn IntentionsSection(review: ReviewResponse, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let may_act = review.status != ReviewStatus::Draft
        && review.superseded_by.is_none()
        && session.allows(&Permission::TurnIntentionIntoAction {
            region: &review.region_code,
        });
    let id = review.id.clone();
    view! {
        <section class="card review-intentions" aria-labelledby="intentions-title">
            <h2 id="intentions-title">{tr(T::Intentions)}</h2>
            {if review.intentions.is_empty() {
                view! { <p class="muted">{tr(T::NoIntentions)}</p> }.into_any()
            } else {
                view! {
                    <ol class="intentions">
                        {review
                            .intentions
                            .into_iter()
                            .map(|intention| {
                                view! { <Intention review=id.clone() intention may_act reload /> }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn Intention(review: String, intention: ReviewIntention, may_act: bool, reload: Callback<()>) -> impl IntoView {
    let number = intention.number;
    let shown = match intention.action {
        Some(action) => view! {
            <p class="intention-action" data-action-id=action.id.clone()>
                {tr(T::BecameAction)} " " <a href=format!("/acties/{}", action.id)>{action.title}</a> " "
                <StatusBadge code=action.status />
                " "
                <ProgressBar percent=u8::try_from(action.progress.clamp(0, 100)).unwrap_or(0) />
            </p>
        }
        .into_any(),
        None if may_act => view! { <IntentionActionForm review number reload /> }.into_any(),
        None => ().into_any(),
    };
    view! {
        <li data-intention=number>
            <span class="intention-text">{intention.text}</span>
            {shown}
        </li>
    }
}

/// "Maak actie": the intention becomes an action of the region's agenda in one step.
#[component]
fn IntentionActionForm(review: String, number: i64, reload: Callback<()>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let announcer = use_announcer();
    let line = RwSignal::new(ActionLine::ALL[0]);
    let owner = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let (line_id, owner_id) = (format!("intention-{number}-line"), format!("intention-{number}-owner"));
    let owner_error = format!("{owner_id}-error");
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        let request = IntentionActionRequest {
            action_line: line.get_untracked(),
            owner: owner.get_untracked().trim().to_owned(),
        };
        busy.set(true);
        let review = review.clone();
        spawn_local(async move {
            let outcome = api.intention_to_action(review, number, request).await;
            busy.set(false);
            match outcome {
                Ok(_) => {
                    announcer.say(i18n.t(T::ActionMade));
                    reload.run(());
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
    };
    let described = {
        let owner_error = owner_error.clone();
        move || (!errors.for_field("owner").is_empty()).then(|| owner_error.clone())
    };
    view! {
        <form class="intention-form" on:submit=submit novalidate>
            <SaveFailure failure on_reload=Callback::new(move |()| reload.run(())) />
            <div class="field inline">
                <label for=line_id.clone()>{tr(T::ActionLine)}</label>
                <select
                    id=line_id
                    on:change=move |event| {
                        if let Ok(code) = ActionLine::parse(&event_target_value(&event)) {
                            line.set(code);
                        }
                    }
                >
                    {ActionLine::ALL
                        .iter()
                        .map(|&code| {
                            view! {
                                <option value=code.as_str() prop:selected=move || line.get() == code>
                                    {move || i18n.label(code)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field inline">
                <label for=owner_id.clone()>{tr(T::Owner)}</label>
                <input
                    id=owner_id
                    type="text"
                    name="owner"
                    prop:value=move || owner.get()
                    on:input=move |event| owner.set(event_target_value(&event))
                    aria-required="true"
                    aria-invalid=move || (!errors.for_field("owner").is_empty()).then_some("true")
                    aria-describedby=described
                />
                <FieldError errors field="owner" id=owner_error />
            </div>
            <button type="submit" class="primary" data-action="make-action" disabled=move || busy.get()>
                {tr(T::MakeAction)}
            </button>
        </form>
    }
}
