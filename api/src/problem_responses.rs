//! The problem responses operations share, as documented in OpenAPI: each
//! `#[utoipa::path]` lists the groups it can answer with. They sit beside
//! [`crate::error::ApiError`], which produces them, so routes need nothing from
//! the OpenAPI document module (which in turn collects the routes).

use utoipa::IntoResponses;
use zorgpact_contract::Problem;

/// Errors any read of one resource can give.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum ReadErrors {
    /// A path or query parameter is invalid; `errors` names it.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// A token was sent but is invalid or expired (even public reads refuse a broken token).
    #[response(status = 401, content_type = "application/problem+json")]
    InvalidToken(Problem),
    /// No such resource.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// Errors of operations that need a token.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum AuthErrors {
    /// No token, or a token that is invalid or expired.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
    /// The caller's role, regions, ministry or scopes do not allow this.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
}

/// Errors a list can give.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum ListErrors {
    /// A query parameter is invalid (e.g. `limit=0`, a bad cursor or filter); `errors` names it.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// A token was sent but is invalid or expired (even public reads refuse a broken token).
    #[response(status = 401, content_type = "application/problem+json")]
    InvalidToken(Problem),
}

/// Errors a create can give.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum CreateErrors {
    /// The body is not JSON, or a header is invalid.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// The resource already exists, or refers to one that does not.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// The body is larger than 4 MiB.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// Fields break the rules; `errors` lists each with a JSON pointer. Also: an
    /// `Idempotency-Key` reused with another body.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

/// Errors an update or delete can give.
/// The refusals of a workflow step.
/// Adding to something that exists (a comment to a ticket): no versions involved.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum AddErrors {
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

/// Undoing something on an existing resource, optionally against a version.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum UndoErrors {
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    #[response(status = 412, content_type = "application/problem+json")]
    Stale(Problem),
}

#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum TransitionErrors {
    /// The body is not JSON.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No such ticket, or one the caller may not read.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The workflow has no such step from the ticket's status, or its time has passed.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// `If-Match` names an old version, or the ticket moved on meanwhile. Reload and retry.
    #[response(status = 412, content_type = "application/problem+json")]
    Stale(Problem),
    /// The body is larger than 4 MiB.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// The step's data is missing, invalid or not part of the step; `errors` lists each with a JSON pointer.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum UpdateErrors {
    /// The body is not JSON, or a parameter is invalid.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No such resource.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The change conflicts with stored data.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// `If-Match` names an old version: someone else changed the resource. Reload and retry.
    #[response(status = 412, content_type = "application/problem+json")]
    Stale(Problem),
    /// The body is larger than 4 MiB.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// Fields break the rules; `errors` lists each with a JSON pointer.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// `If-Match` is missing: send the ETag of the version you edited.
    #[response(status = 428, content_type = "application/problem+json")]
    IfMatchRequired(Problem),
}
