//! `/api/v1/.../reviews`: progress reviews (Volgspot). The programme team drafts,
//! edits, scores, shares and finalises them; the region reads its reviews once
//! shared and turns intentions into actions; officials and analysts read final
//! ones. Scores are compared across rounds and across regions.

mod intention;
mod read;
mod report;
mod scores;
mod write;

use utoipa_actix_web::service_config::ServiceConfig;
use zorgpact_contract::review::{
    IntentionAction, ReviewIntention, ReviewParts as PartsDto, ReviewResponse, ReviewScore,
};
use zorgpact_db::DbError;
use zorgpact_db::reviews::{self, StoredReview};
use zorgpact_domain::auth::{BarrierScope, Permission, authorize};
use zorgpact_domain::review::{ReviewParts, ReviewPartsInput};
use zorgpact_domain::{FieldError, ValidationErrors};

use super::regulations::ticket_refs;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::timestamp::timestamp;
use crate::routes::stored;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(read::list_region_reviews)
        .service(write::create_review)
        .service(scores::compare_region_scores)
        .service(scores::score_matrix)
        .service(read::get_review)
        .service(write::update_review)
        .service(write::share_review)
        .service(write::finalise_review)
        .service(write::correct_review)
        .service(scores::set_review_scores)
        .service(intention::intention_to_action)
        .service(report::get_review_report);
}

/// Whether the caller may read this review (the one rule, applied to lists too).
fn may_read(caller: &Caller, review: &StoredReview) -> Result<bool, DbError> {
    let permission = Permission::ReadReview {
        region: &review.row.region_code,
        status: review.status()?,
    };
    Ok(authorize(caller.principal(), &permission).is_ok())
}

/// Review `id` for a caller who may read it: 401 for anonymous callers, 404 when
/// missing, 403 when its region or status keeps it from the caller.
async fn readable(state: &AppState, caller: &Caller, id: &str) -> Result<StoredReview, ApiError> {
    caller.require(&Permission::ReadReviews)?;
    let review = state
        .with_conn({
            let id = id.to_owned();
            move |conn| reviews::get(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("review {id}")))?;
    caller.require(&Permission::ReadReview {
        region: &review.row.region_code,
        status: review.status()?,
    })?;
    Ok(review)
}

/// Every review of region `code`, for a caller who may read reviews at all
/// (which of them the caller may read is [`may_read`]'s to say): 404 for an unknown region.
async fn region_reviews(state: &AppState, caller: &Caller, code: &str) -> Result<Vec<StoredReview>, ApiError> {
    caller.require(&Permission::ReadReviews)?;
    state
        .with_conn({
            let code = code.to_owned();
            move |conn| reviews::of_region(conn, &code)
        })
        .await
        .map_err(|e| e.or_not_found(format!("region {code}")))
}

/// The parts of a request, with pointers under `/parts`.
fn parts(dto: &PartsDto) -> Result<ReviewParts, ValidationErrors> {
    ReviewParts::parse(&ReviewPartsInput {
        why_question: &dto.why_question,
        why_transition: &dto.why_transition,
        what_themes: &dto.what_themes,
        what_focus_areas: &dto.what_focus_areas,
        how_cooperation: &dto.how_cooperation,
        how_partners: &dto.how_partners,
        how_success_factors: &dto.how_success_factors,
        how_barriers: &dto.how_barriers,
        barrier_ticket_ids: &dto.barrier_ticket_ids,
        process_phase: dto.process_phase,
        process_notes: &dto.process_notes,
        progress_results: &dto.progress_results,
        intentions: &dto.intentions,
    })
    .map_err(|errors| {
        ValidationErrors(
            errors
                .0
                .into_iter()
                .map(|e| FieldError {
                    pointer: format!("/parts{}", e.pointer),
                    ..e
                })
                .collect(),
        )
    })
}

/// The scores in the frame's order: vision, action plan, governance.
fn scores_response(review: &StoredReview) -> Result<Vec<ReviewScore>, DbError> {
    let mut scores = review
        .scores
        .iter()
        .map(|s| {
            Ok(ReviewScore {
                aspect: stored::code("score aspect", &s.aspect)?,
                level: stored::code("score level", &s.level)?,
                motivation: s.motivation.clone(),
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    scores.sort_by_key(|s| s.aspect);
    Ok(scores)
}

pub fn review_response(review: StoredReview, scope: &BarrierScope) -> Result<ReviewResponse, DbError> {
    let intentions = review
        .intentions
        .iter()
        .map(|i| {
            Ok(ReviewIntention {
                number: i.row.position,
                text: i.row.body.clone(),
                action: match &i.action {
                    None => None,
                    Some(a) => Some(IntentionAction {
                        id: a.id.clone(),
                        title: a.title.clone(),
                        status: stored::code("action status", &a.status)?,
                        progress: i64::from(a.progress),
                    }),
                },
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let scores = scores_response(&review)?;
    let barrier_tickets = ticket_refs(scope, &review.tickets)?;
    let row = review.row;
    Ok(ReviewResponse {
        round: stored::code("review round", &row.review_round)?,
        status: stored::code("review status", &row.status)?,
        review_date: row.review_date.to_string(),
        number: row.number,
        previous_id: row.previous_id,
        superseded_by: row.superseded_by,
        parts: PartsDto {
            why_question: row.why_question,
            why_transition: row.why_transition,
            what_themes: row.what_themes,
            what_focus_areas: row.what_focus_areas,
            how_cooperation: row.how_cooperation,
            how_partners: row.how_partners,
            how_success_factors: row.how_success_factors,
            how_barriers: row.how_barriers,
            barrier_ticket_ids: review.ticket_ids,
            process_phase: stored::optional("innovation phase", row.process_phase.as_deref())?,
            process_notes: row.process_notes,
            progress_results: row.progress_results,
            intentions: review.intentions.iter().map(|i| i.row.body.clone()).collect(),
        },
        barrier_tickets,
        intentions,
        scores,
        shared_at: row.shared_at.map(timestamp),
        finalised_at: row.finalised_at.map(timestamp),
        updated_at: timestamp(row.updated_at),
        version: row.version,
        id: row.id,
        region_code: row.region_code,
    })
}
