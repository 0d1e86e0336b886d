//! The committee's reference frame: a review's scores, a region's scores across
//! rounds and one round's scores across regions.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, put, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::codes::ReviewRound;
use zorgpact_contract::review::{
    ComparedScore, RegionReviewScoresResponse, ReviewResponse, ReviewScoreMatrixResponse, ReviewScoreRow,
    ReviewScoresRequest, RoundScores,
};
use zorgpact_db::DbError;
use zorgpact_db::reviews::{self, StoredReview};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::review::{ScoreLevel, ScoredAspect, parse_scores};

use super::{may_read, region_reviews, review_response, scores_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::extract::{Body, Params};
use crate::problem_responses::{AuthErrors, ListErrors, ReadErrors, UpdateErrors};
use crate::routes::regulations::readable_scope;

/// Sets the scores of a draft or shared review: the full set, each aspect
/// (`regional_vision`, `action_plan`, `governance`) at most once with a level on
/// the axis strengthen → broaden → sustain and a motivation. A final review is
/// read-only (409). Needs `If-Match`. Roles: admin (programme team).
#[utoipa::path(
    tag = "reviews",
    params(
        ("id" = String, Path, description = "Review id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the review"),
    ),
    request_body = ReviewScoresRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The review with its scores", body = ReviewResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/reviews/{id}/scores")]
pub async fn set_review_scores(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<ReviewScoresRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageReviews)?;
    let precondition = required_precondition(&req)?;
    let given: Vec<(ScoredAspect, ScoreLevel, &str)> = body
        .value
        .scores
        .iter()
        .map(|s| (s.aspect, s.level, s.motivation.as_str()))
        .collect();
    let scores = parse_scores(&given)?;
    let (actor, id) = (caller.actor(), id.into_inner());
    let review = state
        .with_conn({
            let id = id.clone();
            move |conn| reviews::set_scores(conn, &actor, &id, &precondition, &scores)
        })
        .await
        .map_err(|e| e.or_not_found(format!("review {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(review.row.version)))
        .json(review_response(review, &readable_scope(&caller))?))
}

/// The newest readable version among `reviews` (newest first) of each round.
fn current_per_round<'a>(caller: &Caller, reviews: &'a [StoredReview]) -> Result<Vec<&'a StoredReview>, DbError> {
    let mut chosen: Vec<&StoredReview> = Vec::new();
    for round in ReviewRound::ALL {
        for review in reviews.iter().filter(|r| r.row.review_round == round.as_str()) {
            if may_read(caller, review)? {
                chosen.push(review);
                break;
            }
        }
    }
    Ok(chosen)
}

/// A region's scores per round, each with how it moved since the previous round
/// that scored the same aspect. Each round shows its newest review the caller
/// may read (see the region's review list for who reads what).
#[utoipa::path(
    tag = "reviews",
    params(("code" = String, Path, description = "Region code")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The region's scores across rounds", body = RegionReviewScoresResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/regions/{code}/review-scores")]
pub async fn compare_region_scores(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let all = region_reviews(&state, &caller, &code).await?;
    let mut rounds = Vec::new();
    let mut last: Vec<(ScoredAspect, ScoreLevel)> = Vec::new();
    for review in current_per_round(&caller, &all)? {
        let mut scores = Vec::new();
        for score in scores_response(review)? {
            let before = last.iter().find(|(a, _)| *a == score.aspect).map(|(_, l)| *l);
            last.retain(|(a, _)| *a != score.aspect);
            last.push((score.aspect, score.level));
            scores.push(ComparedScore {
                movement: before.map(|b| score.level.moved_from(b)),
                aspect: score.aspect,
                level: score.level,
                motivation: score.motivation,
            });
        }
        rounds.push(RoundScores {
            round: crate::routes::stored::code("review round", &review.row.review_round)?,
            review_id: review.row.id.clone(),
            review_date: review.row.review_date.to_string(),
            status: review.status()?,
            scores,
        });
    }
    Ok(HttpResponse::Ok().json(RegionReviewScoresResponse {
        region_code: code,
        rounds,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScoreMatrixQuery {
    /// The round whose scores to set side by side.
    round: ReviewRound,
}

/// One round's scores across regions: per region, the scores of its newest
/// review of that round the caller may read; regions without one are left out.
#[utoipa::path(
    tag = "reviews",
    params(ScoreMatrixQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The matrix", body = ReviewScoreMatrixResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/review-scores")]
pub async fn score_matrix(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ScoreMatrixQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadReviews)?;
    let round = query.round;
    let all = state.with_conn(move |conn| reviews::of_round(conn, round)).await?;
    let mut rows: Vec<ReviewScoreRow> = Vec::new();
    for (review, region_name) in &all {
        if rows.last().is_some_and(|r| r.region_code == review.row.region_code) || !may_read(&caller, review)? {
            continue;
        }
        rows.push(ReviewScoreRow {
            region_code: review.row.region_code.clone(),
            region_name: region_name.clone(),
            review_id: review.row.id.clone(),
            review_date: review.row.review_date.to_string(),
            status: review.status()?,
            scores: scores_response(review)?,
        });
    }
    Ok(HttpResponse::Ok().json(ReviewScoreMatrixResponse { round, rows }))
}
