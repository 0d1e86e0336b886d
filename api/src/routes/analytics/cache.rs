//! Conditional GETs for computed figures: a strong `ETag` that is a hash of the
//! body (so it changes the moment a stored value changes any figure) and
//! `Last-Modified` (the latest change of the values, targets and indicators read).
//! A request whose `If-None-Match` names the current tag gets 304 without a body.

use std::time::{Duration, UNIX_EPOCH};

use actix_web::http::header::{self, HttpDate};
use actix_web::{HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::memo::Answer;
use crate::http::sliced_body::SlicedBody;

/// The strong entity tag of a body: the first 128 bits of its SHA-256.
pub fn entity_tag(body: &[u8]) -> String {
    let digest = format!("{:x}", Sha256::digest(body));
    format!("\"{}\"", &digest[..32])
}

/// Whether `If-None-Match` names `tag` (or is `*`). Weak comparison, as RFC 9110
/// prescribes for `If-None-Match`.
fn none_match_hits(req: &HttpRequest, tag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == tag)
}

fn http_date(at: NaiveDateTime) -> HttpDate {
    let seconds = u64::try_from(at.and_utc().timestamp()).unwrap_or(0);
    HttpDate::from(UNIX_EPOCH + Duration::from_secs(seconds))
}

/// The 200 with the answer's body, or 304 when the client holds it already.
/// Caches must revalidate (`no-cache`): figures change whenever a value is stored.
pub fn respond(req: &HttpRequest, answer: &Answer) -> HttpResponse {
    let held = none_match_hits(req, &answer.tag);
    let mut response = if held {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, answer.tag.clone()))
        .insert_header((header::LAST_MODIFIED, http_date(answer.last_modified)))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::VARY, "Accept, Authorization"));
    if held {
        return response.finish();
    }
    response
        .content_type(answer.content_type)
        .body(SlicedBody::new(answer.body.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn tags_follow_the_body() {
        assert_eq!(entity_tag(b"a"), entity_tag(b"a"));
        assert_ne!(entity_tag(b"a"), entity_tag(b"b"));
        assert_eq!(entity_tag(b"a").len(), 34);
    }

    #[test]
    fn if_none_match_answers_304_without_a_body() {
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 0)
            .expect("time")
            .naive_utc();
        let tag = entity_tag(b"{}");
        for sent in [tag.clone(), format!("\"x\", W/{tag}"), "*".to_owned()] {
            let req = TestRequest::get()
                .insert_header((header::IF_NONE_MATCH, sent.clone()))
                .to_http_request();
            let response = respond(&req, &Answer::new(b"{}".to_vec(), at, "application/json"));
            assert_eq!(response.status().as_u16(), 304, "{sent}");
        }
        let req = TestRequest::get()
            .insert_header((header::IF_NONE_MATCH, "\"other\""))
            .to_http_request();
        let response = respond(&req, &Answer::new(b"{}".to_vec(), at, "application/json"));
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(
            response
                .headers()
                .get(header::LAST_MODIFIED)
                .and_then(|v| v.to_str().ok()),
            Some("Tue, 14 Nov 2023 22:13:20 GMT")
        );
    }
}
