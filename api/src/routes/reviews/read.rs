//! `GET /api/v1/regions/{code}/reviews` and `GET /api/v1/reviews/{id}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use zorgpact_contract::review::{ReviewListResponse, ReviewResponse};

use super::{may_read, readable, region_reviews, review_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::problem_responses::ReadErrors;
use crate::routes::regulations::readable_scope;

/// A region's progress reviews the caller may read, newest review date first,
/// corrected versions included (their `superseded_by` names the correction).
/// Programme team: all; the region's coordinator: shared and final ones;
/// officials and analysts: final ones; partner systems: none.
#[utoipa::path(
    tag = "reviews",
    params(("code" = String, Path, description = "Region code")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The reviews", body = ReviewListResponse),
        ReadErrors,
        crate::problem_responses::AuthErrors
    )
)]
#[get("/regions/{code}/reviews")]
pub async fn list_region_reviews(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let all = region_reviews(&state, &caller, &code).await?;
    let scope = readable_scope(&caller);
    let mut items = Vec::new();
    for review in all {
        if may_read(&caller, &review)? {
            items.push(review_response(review, &scope)?);
        }
    }
    Ok(HttpResponse::Ok().json(ReviewListResponse { items }))
}

/// One version of a progress review, with the status of the actions its
/// intentions became. Who may read it: as for the region's list.
#[utoipa::path(
    tag = "reviews",
    params(("id" = String, Path, description = "Review id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The review", body = ReviewResponse, headers(("ETag" = String))),
        ReadErrors,
        crate::problem_responses::AuthErrors
    )
)]
#[get("/reviews/{id}")]
pub async fn get_review(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let review = readable(&state, &caller, &id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(review.row.version)))
        .json(review_response(review, &readable_scope(&caller))?))
}
