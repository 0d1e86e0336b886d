//! ETags and `If-Match`: the ETag of a resource is its version; a change must send
//! it back so a stale edit is refused (412) instead of overwriting someone else's.

use actix_web::HttpRequest;
use actix_web::http::header;
use zorgpact_domain::version::Precondition;

use crate::error::ApiError;

/// The strong ETag of a resource version, e.g. `"v3"`.
pub fn etag(version: i64) -> String {
    format!("\"v{version}\"")
}

/// The precondition of a change: `If-Match` is required (428 without it). An
/// entity tag that is not one of ours can never match, so it yields a precondition
/// no version meets (412).
pub fn required_precondition(req: &HttpRequest) -> Result<Precondition, ApiError> {
    let values: Vec<&str> = req
        .headers()
        .get_all(header::IF_MATCH)
        .filter_map(|v| v.to_str().ok())
        .collect();
    if values.is_empty() {
        return Err(ApiError::PreconditionRequired);
    }
    Ok(parse_if_match(&values.join(",")))
}

/// The precondition of a step that may also be taken without one (a workflow
/// step is checked against the state it starts from anyway): absent means any.
pub fn optional_precondition(req: &HttpRequest) -> Precondition {
    match required_precondition(req) {
        Ok(precondition) => precondition,
        Err(_) => Precondition::Any,
    }
}

fn parse_if_match(value: &str) -> Precondition {
    let tags: Vec<&str> = value.split(',').map(str::trim).filter(|t| !t.is_empty()).collect();
    if tags.contains(&"*") {
        return Precondition::Any;
    }
    Precondition::OneOf(
        tags.iter()
            .filter_map(|t| t.strip_prefix("\"v")?.strip_suffix('"')?.parse().ok())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entity_tags() {
        assert_eq!(parse_if_match("\"v3\""), Precondition::OneOf(vec![3]));
        assert_eq!(parse_if_match("\"v3\", \"v4\""), Precondition::OneOf(vec![3, 4]));
        assert_eq!(parse_if_match("*"), Precondition::Any);
        // Weak tags never match under If-Match's strong comparison.
        assert_eq!(parse_if_match("W/\"v3\""), Precondition::OneOf(vec![]));
        assert_eq!(parse_if_match("garbage"), Precondition::OneOf(vec![]));
        assert_eq!(etag(3), "\"v3\"");
    }
}
