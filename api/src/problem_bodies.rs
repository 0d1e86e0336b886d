//! Makes every error response a complete problem+json document: actix's own
//! errors (404, 405, ...) get a body for their status, and every problem gets its
//! `instance` (the request path), which handlers' errors cannot know.

use actix_web::body::{self, BoxBody, EitherBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use zorgpact_contract::Problem;

use crate::error::PROBLEM_JSON;
use crate::http::routes_table::RoutesTable;

pub fn middleware<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(complete_problem)
}

fn complete_problem<B: MessageBody + 'static>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    let path = res.request().path().to_owned();
    let method = res.request().method().to_string();
    let status = res.status();
    let allowed = RoutesTable::of(res.request()).and_then(|table| table.allowed(&path));
    let (req, response) = res.into_parts();
    let (mut response, body) = response.into_parts();
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        let existing = if is_problem {
            body::to_bytes(body)
                .await
                .ok()
                .and_then(|bytes| serde_json::from_slice::<Problem>(&bytes).ok())
        } else {
            None
        };
        let mut problem = existing.unwrap_or_else(|| {
            let reason = status.canonical_reason().unwrap_or("Error");
            Problem {
                problem_type: "about:blank".into(),
                title: reason.into(),
                status: status.as_u16(),
                detail: format!("{reason}: {method} {path}"),
                instance: None,
                errors: Vec::new(),
            }
        });
        // RFC 9110: a 405 lists what is allowed (actix's own 405s do not).
        if status == StatusCode::METHOD_NOT_ALLOWED
            && !response.headers().contains_key(header::ALLOW)
            && let Some(allowed) = allowed
            && let Ok(value) = HeaderValue::from_str(&allowed.join(", "))
        {
            response.headers_mut().insert(header::ALLOW, value);
        }
        problem.instance.get_or_insert(path);
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response.headers_mut().remove(header::CONTENT_LENGTH);
        let response = response
            .set_body(serde_json::to_string(&problem).unwrap_or_default())
            .map_into_boxed_body();
        let response: ServiceResponse<EitherBody<B, BoxBody>> =
            ServiceResponse::new(req, response).map_into_right_body();
        Ok(response)
    })))
}
