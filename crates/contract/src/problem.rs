//! RFC 9457 problem details, the body of every error response.

use serde::{Deserialize, Serialize};

/// An error, as `application/problem+json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "https://zorgpact.nl/problems/validation",
    "title": "Invalid input",
    "status": 422,
    "detail": "1 field is invalid",
    "instance": "/api/v1/actions",
    "errors": [{"pointer": "/progress", "reason": "must be a whole percentage from 0 to 100"}]
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
    /// Why it was rejected.
    pub reason: String,
}
