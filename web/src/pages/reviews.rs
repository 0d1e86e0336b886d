//! Progress reviews (*Volgspot*) of a region on its page: the reviews the user may
//! read, their scores across rounds, and for the programme team the form of a
//! new review; and the matrix of one round's scores across regions.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use zorgpact_contract::auth::rules::Permission;
use zorgpact_contract::codes::{ReviewRound, ScoredAspect};
use zorgpact_contract::review::{
    CreateReviewRequest, RegionReviewScoresResponse, ReviewResponse, ReviewScore, ReviewScoreMatrixResponse,
};

use super::review_fields::{REVIEW_FIELDS, ReviewFields, ReviewFieldsets, without_parts_prefix};
use crate::api::ApiError;
use crate::components::announce::use_announcer;
use crate::components::badges::StatusBadge;
use crate::components::fields::{ErrorSummary, FieldErrors};
use crate::components::status::{SaveFailure, resource_view};
use crate::components::table::TableScroll;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{Session, use_api, use_session};
use crate::url_state::use_url_state;

/// Where a review lives in the app.
pub fn review_href(id: &str) -> String {
    format!("/voortgangsgesprekken/{id}")
}

/// The matrix of one round's scores across regions.
pub const MATRIX_PATH: &str = "/voortgangsgesprekken";

/// Whether the user drafts, scores, shares and finalises reviews: the programme team.
pub fn manages_reviews(session: Session) -> bool {
    session.allows(&Permission::ManageReviews)
}

/// A score in the words of the page, for a table cell: level and motivation.
#[component]
pub fn ScoreCell(score: Option<ReviewScore>) -> impl IntoView {
    let i18n = use_i18n();
    match score {
        None => view! { <td>"—"</td> }.into_any(),
        Some(score) => {
            let level = score.level;
            view! {
                <td data-aspect=score.aspect.as_str() data-level=level.as_str()>
                    <strong>{move || i18n.label(level)}</strong>
                    <br />
                    <span class="muted">{score.motivation}</span>
                </td>
            }
            .into_any()
        }
    }
}

/// The column headers of the scored aspects, in the frame's order.
#[component]
fn AspectHeaders() -> impl IntoView {
    let i18n = use_i18n();
    ScoredAspect::ALL
        .iter()
        .map(|&aspect| view! { <th scope="col">{move || i18n.label(aspect)}</th> })
        .collect_view()
}

/// The section on a region's page.
#[component]
pub fn RegionReviews(region: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    if !session.allows(&Permission::ReadReviews) {
        return ().into_any();
    }
    let reviews = {
        let region = region.clone();
        LocalResource::new(move || api.region_reviews(region.clone()))
    };
    let scores = {
        let region = region.clone();
        LocalResource::new(move || api.region_review_scores(region.clone()))
    };
    view! {
        <section class="card reviews" aria-labelledby="reviews-title">
            <div class="section-head">
                <h2 id="reviews-title">{tr(T::Reviews)}</h2>
                <a class="button" href=MATRIX_PATH>
                    {tr(T::ScoreMatrix)}
                </a>
            </div>
            {resource_view(reviews, |reviews| view! { <ReviewList reviews /> })}
            <h3 id="review-rounds-title">{tr(T::ScoresAcrossRounds)}</h3>
            {resource_view(scores, |scores| view! { <ScoresAcrossRounds scores /> })}
            {move || manages_reviews(session).then(|| view! { <NewReviewForm region=region.clone() /> })}
        </section>
    }
    .into_any()
}

#[component]
fn ReviewList(reviews: Vec<ReviewResponse>) -> impl IntoView {
    let i18n = use_i18n();
    if reviews.is_empty() {
        return view! { <p class="muted">{tr(T::NoReviews)}</p> }.into_any();
    }
    view! {
        <ul class="item-list review-list">
            {reviews
                .into_iter()
                .map(|review| {
                    let round = review.round;
                    let number = review.number.to_string();
                    view! {
                        <li data-review-id=review.id.clone()>
                            <a href=review_href(&review.id)>
                                {review.review_date.clone()} " · " {move || i18n.label(round)}
                            </a>
                            " "
                            <StatusBadge code=review.status />
                            {(review.number > 1)
                                .then(|| {
                                    let number = number.clone();
                                    view! {
                                        <span class="muted">
                                            " · " {move || i18n.fill(T::VersionOf, &[&number])}
                                        </span>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The region's scores per round: did it move?
#[component]
fn ScoresAcrossRounds(scores: RegionReviewScoresResponse) -> impl IntoView {
    let i18n = use_i18n();
    if scores.rounds.is_empty() {
        return view! { <p class="muted">{tr(T::NoScores)}</p> }.into_any();
    }
    let rows = scores
        .rounds
        .into_iter()
        .map(|round| {
            let code = round.round;
            let cells = ScoredAspect::ALL
                .iter()
                .map(|aspect| {
                    let score = round.scores.iter().find(|s| s.aspect == *aspect).cloned();
                    match score {
                        None => view! { <td>"—"</td> }.into_any(),
                        Some(score) => {
                            let (level, movement) = (score.level, score.movement);
                            view! {
                                <td
                                    data-aspect=aspect.as_str()
                                    data-level=level.as_str()
                                    data-movement=movement.map(|m| m.as_str())
                                >
                                    <strong>{move || i18n.label(level)}</strong>
                                    {movement.map(|m| view! { " (" {move || i18n.label(m)} ")" })}
                                    <br />
                                    <span class="muted">{score.motivation}</span>
                                </td>
                            }
                            .into_any()
                        }
                    }
                })
                .collect_view();
            view! {
                <tr data-round=code.as_str()>
                    <th scope="row">
                        <a href=review_href(&round.review_id)>{move || i18n.label(code)}</a>
                    </th>
                    <td>{round.review_date}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll labelled_by="review-rounds-caption">
            <table class="data-table review-rounds">
                <caption id="review-rounds-caption">{tr(T::ScoresAcrossRoundsCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Round)}</th>
                        <th scope="col">{tr(T::Date)}</th>
                        <AspectHeaders />
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// The programme team's form of a new review (a draft): round, date and the five parts.
#[component]
fn NewReviewForm(region: String) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let announcer = use_announcer();
    let fields = ReviewFields::new();
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = {
        let region = region.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            if busy.get_untracked() {
                return;
            }
            errors.clear();
            failure.set(None);
            let request = CreateReviewRequest {
                round: fields.round.get_untracked(),
                review_date: fields.review_date.get_untracked(),
                parts: fields.parts(),
            };
            busy.set(true);
            let (region, navigate) = (region.clone(), navigate.clone());
            spawn_local(async move {
                let outcome = api.create_review(region, request).await;
                busy.set(false);
                match outcome {
                    Ok(review) => {
                        announcer.say(i18n.t(T::ReviewCreated));
                        navigate(&review_href(&review.value.id), Default::default());
                    }
                    Err(error) => {
                        errors.set(without_parts_prefix(error.field_problems()));
                        failure.set(Some(error));
                    }
                }
            });
        }
    };
    view! {
        <section class="new-review" aria-labelledby="new-review-title">
            <h3 id="new-review-title">{tr(T::NewReview)}</h3>
            <SaveFailure failure on_reload=Callback::new(move |()| failure.set(None)) />
            <ErrorSummary errors fields=REVIEW_FIELDS />
            <form class="review-form form-grid" on:submit=submit novalidate>
                <ReviewFieldsets fields errors region />
                <div class="actions-row">
                    <button type="submit" class="primary" data-action="create-review" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::NewReview) }}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// `/voortgangsgesprekken?ronde=…`: one round's scores across regions.
#[component]
pub fn ScoreMatrixPage() -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let url = use_url_state();
    let round = move || url.code::<ReviewRound>("ronde").unwrap_or(ReviewRound::SharpenQuestion);
    let matrix = LocalResource::new(move || api.review_score_matrix(round()));
    view! {
        <section class="card" aria-labelledby="matrix-title">
            <h1 id="matrix-title">{tr(T::ScoreMatrix)}</h1>
            <p class="intro">{tr(T::ScoreMatrixIntro)}</p>
            <div class="field inline">
                <label for="matrix-round">{tr(T::Round)}</label>
                <select
                    id="matrix-round"
                    on:change=move |event| url.set_code("ronde", ReviewRound::parse(&event_target_value(&event)).ok())
                >
                    {ReviewRound::ALL
                        .iter()
                        .map(|&code| {
                            view! {
                                <option value=code.as_str() prop:selected=move || round() == code>
                                    {move || i18n.label(code)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {resource_view(matrix, |matrix| view! { <Matrix matrix /> })}
        </section>
    }
}

#[component]
fn Matrix(matrix: ReviewScoreMatrixResponse) -> impl IntoView {
    let i18n = use_i18n();
    if matrix.rows.is_empty() {
        return view! { <p class="muted no-scored-regions">{tr(T::NoScoredRegions)}</p> }.into_any();
    }
    let round = matrix.round;
    let rows = matrix
        .rows
        .into_iter()
        .map(|row| {
            let cells = ScoredAspect::ALL
                .iter()
                .map(|aspect| {
                    let score = row.scores.iter().find(|s| s.aspect == *aspect).cloned();
                    view! { <ScoreCell score /> }
                })
                .collect_view();
            view! {
                <tr data-region=row.region_code.clone()>
                    <th scope="row">
                        <a href=review_href(&row.review_id)>{row.region_name}</a>
                    </th>
                    <td>{row.review_date}</td>
                    <td>
                        <StatusBadge code=row.status />
                    </td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll labelled_by="matrix-caption">
            <table class="data-table score-matrix">
                <caption id="matrix-caption">
                    {move || i18n.fill(T::ScoreMatrixCaption, &[i18n.label(round)])}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Region)}</th>
                        <th scope="col">{tr(T::Date)}</th>
                        <th scope="col">{tr(T::Status)}</th>
                        <AspectHeaders />
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}
