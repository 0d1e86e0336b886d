//! Creates (and bulk writes) that honour `Idempotency-Key`: the first response is
//! stored with the change in one transaction and replayed for retries.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};
use zorgpact_db::idempotency::{self, IdempotentRequest, Outcome, StoredResponse};
use zorgpact_db::{DbConnection, DbError};
use zorgpact_domain::{InvalidValue, ValidationErrors};

use crate::AppState;
use crate::error::ApiError;

pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
const MAX_KEY_LENGTH: usize = 255;

/// A response to store and send: status, JSON body, and for creates where the new
/// resource lives and its ETag.
pub fn response(
    status: u16,
    body: &impl serde::Serialize,
    location: Option<String>,
    etag: Option<String>,
) -> Result<StoredResponse, DbError> {
    let body = serde_json::to_string(body).map_err(|e| DbError::Internal(format!("serialise response: {e}")))?;
    Ok(StoredResponse {
        status,
        body,
        location,
        etag,
    })
}

/// Runs `work` in a transaction, at most once per `Idempotency-Key` (when sent).
pub async fn at_most_once<F>(
    state: &AppState,
    req: &HttpRequest,
    body: &[u8],
    work: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<StoredResponse, DbError> + Send + 'static,
{
    let key = idempotency_key(req)?;
    let scope = format!("{} {}", req.method(), req.path());
    let request_hash = format!("{:x}", Sha256::digest(body));
    let outcome = state
        .with_conn(move |conn| match key {
            Some(key) => idempotency::run_once(
                conn,
                &IdempotentRequest {
                    scope: &scope,
                    key: &key,
                    request_hash: &request_hash,
                },
                work,
            ),
            None => zorgpact_db::in_transaction(conn, work).map(Outcome::Fresh),
        })
        .await?;
    Ok(match outcome {
        Outcome::Fresh(stored) => to_http(stored, false),
        Outcome::Replayed(stored) => to_http(stored, true),
    })
}

fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= MAX_KEY_LENGTH);
    key.map(|k| Some(k.to_owned())).ok_or_else(|| {
        ApiError::InvalidParameters(ValidationErrors::single(
            IDEMPOTENCY_KEY,
            InvalidValue::invalid_format("must be 1 to 255 visible ASCII characters"),
        ))
    })
}

fn to_http(stored: StoredResponse, replayed: bool) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(stored.status).unwrap_or(actix_web::http::StatusCode::OK);
    let mut response = HttpResponse::build(status);
    response.content_type("application/json");
    if let Some(location) = stored.location {
        response.insert_header((header::LOCATION, location));
    }
    if let Some(etag) = stored.etag {
        response.insert_header((header::ETAG, etag));
    }
    if replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    response.body(stored.body)
}
