//! The progress review (Volgspot) calls: a region's reviews, one review with its
//! workflow steps, scores and intentions, the comparisons and the report.

use gloo_net::http::Method;
use zorgpact_contract::action::ActionResponse;
use zorgpact_contract::codes::ReviewRound;
use zorgpact_contract::review::{
    CreateReviewRequest, IntentionActionRequest, RegionReviewScoresResponse, ReviewListResponse, ReviewReportResponse,
    ReviewResponse, ReviewScoreMatrixResponse, ReviewScoresRequest, UpdateReviewRequest,
};

use super::auth::AuthorizedApi;
use super::calls::{Versioned, versioned};
use super::error::ApiError;
use super::transport::{Call, body, encode};

/// A step of a review's workflow, each its own `POST /reviews/{id}/…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStep {
    Share,
    Finalise,
}

impl AuthorizedApi {
    /// `GET /regions/{code}/reviews`: the region's reviews the user may read, newest first.
    pub async fn region_reviews(self, region: String) -> Result<Vec<ReviewResponse>, ApiError> {
        let list: ReviewListResponse = body(
            Call::get(&format!("/regions/{}/reviews", encode(&region)))
                .send()
                .await?,
        )
        .await?;
        Ok(list.items)
    }

    /// `POST /regions/{code}/reviews`: a new draft.
    pub async fn create_review(
        self,
        region: String,
        request: CreateReviewRequest,
    ) -> Result<Versioned<ReviewResponse>, ApiError> {
        let call = Call::new(Method::POST, &format!("/regions/{}/reviews", encode(&region))).json(&request)?;
        versioned(call.send().await?).await
    }

    /// `GET /reviews/{id}`, with its `ETag`.
    pub async fn review(self, id: String) -> Result<Versioned<ReviewResponse>, ApiError> {
        versioned(Call::get(&format!("/reviews/{}", encode(&id))).send().await?).await
    }

    /// `PATCH /reviews/{id}` with `If-Match`: a draft's round, date and parts.
    pub async fn update_review(
        self,
        id: String,
        etag: String,
        request: UpdateReviewRequest,
    ) -> Result<Versioned<ReviewResponse>, ApiError> {
        let call = Call::new(Method::PATCH, &format!("/reviews/{}", encode(&id)))
            .header("If-Match", etag)
            .json(&request)?;
        versioned(call.send().await?).await
    }

    /// `POST /reviews/{id}/share` or `/finalise`, with `If-Match`: the version seen.
    pub async fn review_step(
        self,
        id: String,
        etag: String,
        step: ReviewStep,
    ) -> Result<Versioned<ReviewResponse>, ApiError> {
        let action = match step {
            ReviewStep::Share => "share",
            ReviewStep::Finalise => "finalise",
        };
        let call = Call::new(Method::POST, &format!("/reviews/{}/{action}", encode(&id))).header("If-Match", etag);
        versioned(call.send().await?).await
    }

    /// `POST /reviews/{id}/corrections`: a new draft version of a final review.
    pub async fn correct_review(self, id: String) -> Result<Versioned<ReviewResponse>, ApiError> {
        let call = Call::new(Method::POST, &format!("/reviews/{}/corrections", encode(&id)));
        versioned(call.send().await?).await
    }

    /// `PUT /reviews/{id}/scores` with `If-Match`: the full set of scores.
    pub async fn set_review_scores(
        self,
        id: String,
        etag: String,
        request: ReviewScoresRequest,
    ) -> Result<Versioned<ReviewResponse>, ApiError> {
        let call = Call::new(Method::PUT, &format!("/reviews/{}/scores", encode(&id)))
            .header("If-Match", etag)
            .json(&request)?;
        versioned(call.send().await?).await
    }

    /// `POST /reviews/{id}/intentions/{number}/action`: the intention becomes an action.
    pub async fn intention_to_action(
        self,
        id: String,
        number: i64,
        request: IntentionActionRequest,
    ) -> Result<ActionResponse, ApiError> {
        let path = format!("/reviews/{}/intentions/{number}/action", encode(&id));
        body(Call::new(Method::POST, &path).json(&request)?.send().await?).await
    }

    /// `GET /regions/{code}/review-scores`: the region's scores across rounds.
    pub async fn region_review_scores(self, region: String) -> Result<RegionReviewScoresResponse, ApiError> {
        body(
            Call::get(&format!("/regions/{}/review-scores", encode(&region)))
                .send()
                .await?,
        )
        .await
    }

    /// `GET /review-scores?round=…`: one round's scores across regions.
    pub async fn review_score_matrix(self, round: ReviewRound) -> Result<ReviewScoreMatrixResponse, ApiError> {
        body(
            Call::get(&format!("/review-scores?round={}", round.as_str()))
                .send()
                .await?,
        )
        .await
    }

    /// `GET /reviews/{id}/report`: the review with the figures and actions as of its date.
    pub async fn review_report(self, id: String) -> Result<ReviewReportResponse, ApiError> {
        body(Call::get(&format!("/reviews/{}/report", encode(&id))).send().await?).await
    }
}
