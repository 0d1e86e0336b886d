//! The one error type of the API. Each variant has one HTTP status and renders as
//! RFC 9457 `application/problem+json`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use zorgpact_contract::{FieldProblem, Problem};
use zorgpact_db::DbError;
use zorgpact_domain::{InvalidValue, ValidationErrors};

pub const PROBLEM_JSON: &str = "application/problem+json";
const TYPE_BASE: &str = "https://zorgpact.nl/problems/";
/// `Retry-After` (seconds) of a 503: the pool tries to reconnect several times a
/// second, so a lost database is noticed back within a moment.
pub const UNAVAILABLE_RETRY_AFTER: &str = "2";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed: bad JSON, a bad query parameter.
    #[error("{0}")]
    BadRequest(String),
    /// Query or path parameters that cannot be used, each named.
    #[error("{0}")]
    InvalidParameters(ValidationErrors),
    /// Well-formed, but values break the rules.
    #[error("{0}")]
    Validation(ValidationErrors),
    /// No credentials, or credentials that are not valid.
    #[error("{0}")]
    Unauthenticated(String),
    /// Valid credentials without the right for this request.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the resource was changed by someone else; reload it and try again")]
    PreconditionFailed,
    #[error("this request needs an If-Match header with the resource's ETag")]
    PreconditionRequired,
    #[error("the request body is too large (limit {0} bytes)")]
    PayloadTooLarge(usize),
    /// The client sent its body too slowly.
    #[error("the request body did not arrive within {0} ms")]
    RequestTimeout(u128),
    #[error("the body has a content type this operation does not accept (see its documented request types)")]
    UnsupportedMediaType,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Too many failed logins; try again after this many seconds.
    #[error("too many failed attempts; try again in {0} seconds")]
    TooManyRequests(u64),
    /// The database cannot be reached right now.
    #[error("the service is temporarily unavailable")]
    Unavailable(String),
    /// A bug or an unexpected failure: logged, never shown to the client.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// Names what was not found, e.g. `region twente`.
    pub fn or_not_found(self, what: String) -> Self {
        match self {
            ApiError::NotFound(_) => ApiError::NotFound(what),
            other => other,
        }
    }

    fn slug_and_title(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::BadRequest(_) => ("bad-request", "Malformed request"),
            ApiError::InvalidParameters(_) => ("invalid-parameters", "Invalid parameters"),
            ApiError::Validation(_) => ("validation", "Invalid input"),
            ApiError::Unauthenticated(_) => ("unauthenticated", "Authentication required"),
            ApiError::Forbidden(_) => ("forbidden", "Forbidden"),
            ApiError::NotFound(_) => ("not-found", "Not found"),
            ApiError::Conflict(_) => ("conflict", "Conflict"),
            ApiError::PreconditionFailed => ("stale-version", "Precondition failed"),
            ApiError::PreconditionRequired => ("if-match-required", "Precondition required"),
            ApiError::PayloadTooLarge(_) => ("payload-too-large", "Payload too large"),
            ApiError::RequestTimeout(_) => ("request-timeout", "Request timeout"),
            ApiError::UnsupportedMediaType => ("unsupported-media-type", "Unsupported media type"),
            ApiError::MethodNotAllowed => ("method-not-allowed", "Method not allowed"),
            ApiError::TooManyRequests(_) => ("too-many-requests", "Too many requests"),
            ApiError::Unavailable(_) => ("unavailable", "Service unavailable"),
            ApiError::Internal(_) => ("internal", "Internal server error"),
        }
    }

    pub fn problem(&self) -> Problem {
        let (slug, title) = self.slug_and_title();
        let errors = match self {
            ApiError::Validation(errors) | ApiError::InvalidParameters(errors) => {
                errors.0.iter().cloned().map(FieldProblem::from).collect()
            }
            _ => Vec::new(),
        };
        let detail = match self {
            ApiError::Validation(errors) | ApiError::InvalidParameters(errors) => {
                let what = if matches!(self, ApiError::Validation(_)) {
                    "field"
                } else {
                    "parameter"
                };
                let list: Vec<String> = errors
                    .0
                    .iter()
                    .map(|e| format!("{}: {}", e.pointer, e.reason))
                    .collect();
                match errors.0.len() {
                    1 => format!("1 {what} is invalid ({})", list.join("; ")),
                    n => format!("{n} {what}s are invalid ({})", list.join("; ")),
                }
            }
            other => other.to_string(),
        };
        Problem {
            problem_type: format!("{TYPE_BASE}{slug}"),
            title: title.into(),
            status: self.status_code().as_u16(),
            detail,
            instance: None,
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) | ApiError::InvalidParameters(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(%cause, "request failed"),
            // Expected while the database is away; the pool logs the outage itself.
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "request answered 503"),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        response.content_type(PROBLEM_JSON);
        match self {
            ApiError::Unauthenticated(_) => {
                response.insert_header((actix_web::http::header::WWW_AUTHENTICATE, "Bearer realm=\"zorgpact\""));
            }
            ApiError::TooManyRequests(seconds) => {
                response.insert_header((actix_web::http::header::RETRY_AFTER, seconds.to_string()));
            }
            ApiError::Unavailable(_) => {
                response.insert_header((actix_web::http::header::RETRY_AFTER, UNAVAILABLE_RETRY_AFTER));
            }
            _ => {}
        }
        response.json(self.problem())
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        ApiError::Validation(errors)
    }
}

impl From<DbError> for ApiError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::NotFound => ApiError::NotFound("resource".into()),
            DbError::Conflict(detail) => ApiError::Conflict(detail),
            DbError::MissingReference(detail) => ApiError::Conflict(format!("refers to a missing resource ({detail})")),
            DbError::Invalid(errors) => ApiError::Validation(errors),
            DbError::PreconditionFailed => ApiError::PreconditionFailed,
            DbError::IdempotencyKeyReused => ApiError::Validation(ValidationErrors::single(
                "Idempotency-Key",
                InvalidValue::duplicate(
                    "was used before with a different request body; use a new key for a new request",
                ),
            )),
            DbError::IdempotencyKeyInFlight => {
                ApiError::Conflict("a request with this Idempotency-Key is being processed; retry later".into())
            }
            DbError::Pool(e) => ApiError::Unavailable(e.to_string()),
            DbError::Connection(e) | DbError::Busy(e) => ApiError::Unavailable(e),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_has_its_own_status() {
        let cases = [
            (ApiError::BadRequest("x".into()), 400),
            (
                ApiError::InvalidParameters(ValidationErrors::single("limit", InvalidValue::invalid_type("bad"))),
                400,
            ),
            (
                ApiError::Validation(ValidationErrors::single("/a", InvalidValue::required())),
                422,
            ),
            (ApiError::Unauthenticated("x".into()), 401),
            (ApiError::Forbidden("x".into()), 403),
            (ApiError::NotFound("region".into()), 404),
            (ApiError::TooManyRequests(30), 429),
            (ApiError::Conflict("x".into()), 409),
            (ApiError::PreconditionFailed, 412),
            (ApiError::PreconditionRequired, 428),
            (ApiError::PayloadTooLarge(10), 413),
            (ApiError::RequestTimeout(1000), 408),
            (ApiError::UnsupportedMediaType, 415),
            (ApiError::MethodNotAllowed, 405),
            (ApiError::Unavailable("db".into()), 503),
            (ApiError::Internal("bug".into()), 500),
        ];
        for (error, status) in cases {
            assert_eq!(error.status_code().as_u16(), status, "{error:?}");
            assert_eq!(error.problem().status, status);
        }
    }

    #[test]
    fn validation_problems_list_field_pointers_codes_and_limits() {
        let too_big = InvalidValue::out_of_range(0..=100, 150.0, "must be from 0 to 100");
        let problem = ApiError::Validation(ValidationErrors::single("/progress", too_big)).problem();
        assert_eq!(problem.errors[0].pointer, "/progress");
        assert_eq!(problem.errors[0].code, zorgpact_domain::FieldErrorCode::OutOfRange);
        assert_eq!(problem.errors[0].limit, Some(100));
        assert_eq!(problem.errors[0].reason, "must be from 0 to 100");
        assert!(problem.problem_type.ends_with("/validation"));
    }

    #[test]
    fn unavailable_says_when_to_retry() {
        let response = ApiError::Unavailable("connection refused".into()).error_response();
        assert_eq!(response.status(), 503);
        let retry_after = response.headers().get(actix_web::http::header::RETRY_AFTER);
        assert_eq!(retry_after.and_then(|v| v.to_str().ok()), Some(UNAVAILABLE_RETRY_AFTER));
    }

    #[test]
    fn internal_details_stay_on_the_server() {
        let problem = ApiError::Internal("password=secret in query".into()).problem();
        assert!(!problem.detail.contains("secret"));
    }
}
