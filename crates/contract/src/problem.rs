//! RFC 9457 problem details, the body of every error response.

use serde::{Deserialize, Serialize};
use zorgpact_domain::FieldError;

use crate::codes::FieldErrorCode;

/// An error, as `application/problem+json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "https://zorgpact.nl/problems/validation",
    "title": "Invalid input",
    "status": 422,
    "detail": "1 field is invalid",
    "instance": "/api/v1/actions",
    "errors": [{
        "pointer": "/progress",
        "code": "out_of_range",
        "limit": 100,
        "reason": "must be a whole percentage from 0 to 100"
    }]
})))]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// The request path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// For validation failures: each rejected field and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One rejected field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// JSON pointer (RFC 6901) to the field in the request body, or the parameter name.
    pub pointer: String,
    /// Why it was rejected, as a stable code a client translates (rather than
    /// `reason`), with `limit` where the rule names a number.
    pub code: FieldErrorCode,
    /// The number the rule names: the most characters (`too_long`), the fewest
    /// (`too_short`), the most items (`too_many`), or the bound the value crossed
    /// (`out_of_range`). Absent when the rule names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Why it was rejected.
    pub reason: String,
}

impl From<FieldError> for FieldProblem {
    fn from(error: FieldError) -> Self {
        Self {
            pointer: error.pointer,
            code: error.code,
            limit: error.limit,
            reason: error.reason,
        }
    }
}
