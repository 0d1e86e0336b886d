//! The programme team's writes: draft, edit, share, finalise, correct.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, patch, post, web};
use zorgpact_contract::review::{CreateReviewRequest, ReviewResponse, UpdateReviewRequest};
use zorgpact_db::reviews::{self, ReviewChange, StoredReview};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::review::{NewReview, ReviewStatus};
use zorgpact_domain::{ValidationErrors, Validator, text};

use super::{parts, review_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, optional_precondition, required_precondition};
use crate::http::extract::Body;
use crate::problem_responses::{AddErrors, AuthErrors, TransitionErrors, UpdateErrors};
use crate::routes::regulations::readable_scope;

fn respond(
    status: actix_web::http::StatusCode,
    review: StoredReview,
    caller: &Caller,
) -> Result<HttpResponse, ApiError> {
    let mut response = HttpResponse::build(status);
    response.insert_header((header::ETAG, etag(review.row.version)));
    if status == actix_web::http::StatusCode::CREATED {
        response.insert_header((header::LOCATION, format!("/api/v1/reviews/{}", review.row.id)));
    }
    Ok(response.json(review_response(review, &readable_scope(caller))?))
}

/// Drafts a progress review of a region (status `draft`, read by the programme
/// team only). Unknown or other regions' barrier tickets are a 422 at
/// `/parts/barrier_ticket_ids/N`. Roles: admin (programme team).
#[utoipa::path(
    tag = "reviews",
    params(("code" = String, Path, description = "Region code")),
    request_body = CreateReviewRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The draft", body = ReviewResponse,
            headers(("Location" = String, description = "URL of the review"), ("ETag" = String))),
        AddErrors,
        AuthErrors
    )
)]
#[post("/regions/{code}/reviews")]
pub async fn create_review(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
    body: Body<CreateReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageReviews)?;
    let code = code.into_inner();
    let region = RegionCode::parse(&code).map_err(|_| ApiError::NotFound(format!("region {code}")))?;
    let dto = &body.value;
    let mut v = Validator::new();
    let date = v.field("/review_date", text::date(&dto.review_date));
    let parsed = parts(&dto.parts);
    if let Err(errors) = &parsed {
        v.extend(errors.clone());
    }
    v.finish()?;
    let (Some(review_date), Ok(parts)) = (date, parsed) else {
        return Err(ValidationErrors::single("", zorgpact_domain::InvalidValue::invalid("is invalid")).into());
    };
    let new = NewReview {
        round: dto.round,
        review_date,
        parts,
    };
    let actor = caller.actor();
    let review = state
        .with_conn(move |conn| reviews::create(conn, &actor, &region, &new))
        .await
        .map_err(|e| e.or_not_found(format!("region {code}")))?;
    respond(actix_web::http::StatusCode::CREATED, review, &caller)
}

/// Changes a draft or shared review: what the body gives replaces what was there
/// (`parts` as a whole). A final review is read-only (409): correct it instead.
/// An intention that became an action keeps its text and place (422). Needs
/// `If-Match`. Roles: admin (programme team).
#[utoipa::path(
    tag = "reviews",
    params(
        ("id" = String, Path, description = "Review id"),
        ("If-Match" = String, Header, pattern = r#"^(\*|"v[0-9]+"(, ?"v[0-9]+")*)$"#, description = "ETag of the review being changed"),
    ),
    request_body = UpdateReviewRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = ReviewResponse, headers(("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[patch("/reviews/{id}")]
pub async fn update_review(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<UpdateReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageReviews)?;
    let precondition = required_precondition(&req)?;
    let dto = &body.value;
    let mut v = Validator::new();
    let review_date = v.optional("/review_date", dto.review_date.as_deref(), text::date);
    let parsed = dto.parts.as_ref().map(parts).transpose();
    if let Err(errors) = &parsed {
        v.extend(errors.clone());
    }
    v.finish()?;
    let change = ReviewChange {
        round: dto.round,
        review_date: review_date.flatten(),
        parts: parsed.ok().flatten(),
    };
    let (actor, id) = (caller.actor(), id.into_inner());
    let review = state
        .with_conn({
            let id = id.clone();
            move |conn| reviews::update(conn, &actor, &id, &precondition, &change)
        })
        .await
        .map_err(|e| e.or_not_found(format!("review {id}")))?;
    respond(actix_web::http::StatusCode::OK, review, &caller)
}

async fn step(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    id: String,
    to: ReviewStatus,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageReviews)?;
    let (actor, precondition) = (caller.actor(), optional_precondition(req));
    let review = state
        .with_conn({
            let id = id.clone();
            move |conn| reviews::take_step(conn, &actor, &id, &precondition, to)
        })
        .await
        .map_err(|e| e.or_not_found(format!("review {id}")))?;
    respond(actix_web::http::StatusCode::OK, review, caller)
}

/// Shares a draft with the region: its coordinator reads it from now on and may
/// turn its intentions into actions. A review that is not a draft is a 409.
/// `If-Match` is optional. Roles: admin (programme team).
#[utoipa::path(
    tag = "reviews",
    params(("id" = String, Path, description = "Review id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Shared", body = ReviewResponse, headers(("ETag" = String))),
        TransitionErrors,
        AuthErrors
    )
)]
#[post("/reviews/{id}/share")]
pub async fn share_review(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    step(&state, &caller, &req, id.into_inner(), ReviewStatus::Shared).await
}

/// Makes a shared review final: read-only from now on, readable by officials and
/// analysts; corrections are new versions. A review that is not shared is a 409.
/// `If-Match` is optional. Roles: admin (programme team).
#[utoipa::path(
    tag = "reviews",
    params(("id" = String, Path, description = "Review id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Final", body = ReviewResponse, headers(("ETag" = String))),
        TransitionErrors,
        AuthErrors
    )
)]
#[post("/reviews/{id}/finalise")]
pub async fn finalise_review(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    step(&state, &caller, &req, id.into_inner(), ReviewStatus::Final).await
}

/// Starts a correction of a final review: a new version (number one more, a
/// draft with the same parts, intentions and scores) whose `previous_id` is this
/// one; this one stays final and readable, with `superseded_by` set. Only the
/// newest final version can be corrected (409 otherwise). Roles: admin.
#[utoipa::path(
    tag = "reviews",
    params(("id" = String, Path, description = "Id of the final review to correct")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new version", body = ReviewResponse,
            headers(("Location" = String, description = "URL of the new version"), ("ETag" = String))),
        TransitionErrors,
        AuthErrors
    )
)]
#[post("/reviews/{id}/corrections")]
pub async fn correct_review(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ManageReviews)?;
    let (actor, id) = (caller.actor(), id.into_inner());
    let review = state
        .with_conn({
            let id = id.clone();
            move |conn| reviews::correct(conn, &actor, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("review {id}")))?;
    respond(actix_web::http::StatusCode::CREATED, review, &caller)
}
