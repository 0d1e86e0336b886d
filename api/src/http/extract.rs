//! `Body<T>` and `Params<T>`: like actix's `Json` and `Query`, but every failure is a
//! problem+json that names the offending field (as a JSON pointer, or the
//! parameter's name), and malformed input never reaches a handler.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use zorgpact_domain::{InvalidValue, ValidationErrors};

use crate::error::ApiError;

/// Largest accepted request body. Bulk uploads are the biggest legitimate bodies.
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

/// How long a client may take to send a request's body, once its head has come
/// (`ZORGPACT_BODY_TIMEOUT_MS`; actix itself bounds only the head). Without it, a
/// client that trickles its body holds its connection for ever.
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub std::time::Duration);

impl Default for BodyTimeout {
    fn default() -> Self {
        Self(std::time::Duration::from_secs(60))
    }
}

/// Reads a body with `read`, answering 408 when it does not arrive in time.
pub fn in_time<T, F: Future<Output = T>>(
    req: &HttpRequest,
    read: F,
) -> impl Future<Output = Result<T, ApiError>> + use<T, F> {
    let limit = req.app_data::<BodyTimeout>().copied().unwrap_or_default().0;
    async move {
        actix_web::rt::time::timeout(limit, read)
            .await
            .map_err(|_| ApiError::RequestTimeout(limit.as_millis()))
    }
}

/// A JSON request body, parsed strictly (unknown fields are refused by the types).
pub struct Body<T> {
    pub value: T,
    /// The raw bytes, e.g. to recognise a retried request.
    pub bytes: web::Bytes,
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime::Mime>().ok())
            .is_some_and(|m| {
                m.type_() == mime::APPLICATION && (m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON))
            });
        let length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let bytes = in_time(req, web::Bytes::from_request(req, payload));
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            if length.is_some_and(|n| n > BODY_LIMIT) {
                return Err(ApiError::PayloadTooLarge(BODY_LIMIT));
            }
            let bytes = bytes.await?.map_err(|e| match e.as_error::<PayloadError>() {
                Some(PayloadError::Overflow) => ApiError::PayloadTooLarge(BODY_LIMIT),
                _ => ApiError::BadRequest(format!("cannot read the body: {e}")),
            })?;
            let value = parse_json(&bytes)?;
            Ok(Body { value, bytes })
        })
    }
}

/// Parses JSON: syntax errors are 400, values of the wrong shape 422 with a pointer.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // The plain parse first: the path-tracking one records every key it passes
    // (a string per field of every item of a 50 000-item import), so it runs only
    // to say where a body that failed went wrong.
    if let Ok(value) = serde_json::from_slice(bytes) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let pointer = json_pointer(error.path());
        let inner = error.into_inner();
        if inner.is_data() {
            let (error, missing) = serde_error(strip_position(&inner.to_string()));
            let pointer = match missing {
                Some(field) => format!("{pointer}/{}", escape(&field)),
                None => pointer,
            };
            ApiError::Validation(ValidationErrors::single(pointer, error))
        } else {
            ApiError::BadRequest(format!("malformed JSON: {inner}"))
        }
    })?;
    deserializer
        .end()
        .map_err(|e| ApiError::BadRequest(format!("malformed JSON: {e}")))?;
    Ok(value)
}

fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(escape(key)),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .map(|s| format!("/{s}"))
        .collect()
}

/// A JSON pointer's reference token for `key` (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A value serde refused, coded by the fixed words serde's own messages begin
/// with (those of `serde::de::Error`'s provided methods). The contract's types
/// write no messages of their own, so any other is a text that does not parse as
/// its type (`limit=ten`). Serde reports a missing field at the object that
/// lacks it; its name comes second, so that the error can name the field.
fn serde_error(message: String) -> (InvalidValue, Option<String>) {
    let mut words = message.split('`');
    let (kind, name) = (words.next().unwrap_or_default(), words.next());
    let (code, missing): (fn(String) -> InvalidValue, _) = match kind {
        "missing field " => (InvalidValue::missing, name.map(str::to_owned)),
        "unknown field " => (InvalidValue::not_allowed, None),
        "unknown variant " => (InvalidValue::unknown_code, None),
        "duplicate field " => (InvalidValue::duplicate, None),
        _ => (InvalidValue::invalid_type, None),
    };
    (code(message), missing)
}

/// serde's messages end in " at line 1 column 42": true but useless in a form.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Query parameters; a bad one is a 400 naming the parameter. Unknown parameters
/// are ignored (caches and browsers add their own). An empty or blank parameter
/// (`from=`, what an HTML form sends for an empty field) counts as absent, and
/// values are trimmed: here and only here.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Params<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Params))
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    // The one place where blank means absent: `status=` (as an empty form field
    // sends it) is no filter, and values lose the spaces around them.
    let given = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            form_urlencoded::parse(query.as_bytes())
                .map(|(name, value)| (name, value.trim().to_owned()))
                .filter(|(_, value)| !value.is_empty()),
        )
        .finish();
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(given.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let name = error.path().to_string();
        let (error, missing) = serde_error(error.into_inner().to_string());
        ApiError::InvalidParameters(ValidationErrors::single(missing.unwrap_or(name), error))
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use zorgpact_domain::FieldErrorCode;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        tags: Vec<u8>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    enum Kind {
        #[serde(rename = "law")]
        Law,
    }

    fn refused<T: DeserializeOwned + std::fmt::Debug>(body: &[u8]) -> (String, FieldErrorCode) {
        match parse_json::<T>(body) {
            Err(ApiError::Validation(errors)) => (errors.0[0].pointer.clone(), errors.0[0].code),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn wrong_types_point_at_the_field() {
        assert_eq!(
            refused::<Item>(br#"{"name": "a", "tags": [1, "x"]}"#),
            ("/tags/1".into(), FieldErrorCode::InvalidType)
        );
        assert_eq!(
            refused::<Item>(br#"{"name": 3, "tags": []}"#),
            ("/name".into(), FieldErrorCode::InvalidType)
        );
        assert_eq!(
            refused::<Item>(br#"{"name": "a", "tags": [300]}"#),
            ("/tags/0".into(), FieldErrorCode::InvalidType)
        );
    }

    #[test]
    fn unknown_and_missing_fields_are_validation_errors() {
        assert_eq!(
            refused::<Item>(br#"{"name": "a", "tags": [], "x": 1}"#),
            ("/x".into(), FieldErrorCode::NotAllowed)
        );
        assert_eq!(
            refused::<Item>(br#"{"name": "a"}"#),
            ("/tags".into(), FieldErrorCode::Required)
        );
        assert_eq!(
            refused::<Vec<Item>>(br#"[{"tags": []}]"#),
            ("/0/name".into(), FieldErrorCode::Required)
        );
        assert_eq!(
            refused::<Item>(br#"{"name": "a", "tags": [], "name": "b"}"#).1,
            FieldErrorCode::Duplicate
        );
        assert_eq!(refused::<Kind>(br#""lav""#).1, FieldErrorCode::UnknownCode);
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        for body in [
            &b"{"[..],
            b"",
            b"{\"name\": \"a\", \"tags\": []} trailing",
            b"\xff\xfe",
            b"{\"name\": \"a\",}",
        ] {
            assert!(
                matches!(parse_json::<Item>(body), Err(ApiError::BadRequest(_))),
                "{body:?}"
            );
        }
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Query {
        limit: Option<i64>,
    }

    #[test]
    fn bad_query_parameters_are_named() {
        match parse_query::<Query>("limit=ten") {
            Err(ApiError::InvalidParameters(errors)) => {
                assert_eq!(
                    (errors.0[0].pointer.as_str(), errors.0[0].code),
                    ("limit", FieldErrorCode::InvalidType)
                )
            }
            other => panic!("expected invalid parameters, got {other:?}"),
        }
        assert!(parse_query::<Query>("limit=10&unknown=1").is_ok());
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Needs {
            indicators: String,
        }
        match parse_query::<Needs>("indicators=") {
            Err(ApiError::InvalidParameters(errors)) => assert_eq!(
                (errors.0[0].pointer.as_str(), errors.0[0].code),
                ("indicators", FieldErrorCode::Required)
            ),
            other => panic!("expected invalid parameters, got {other:?}"),
        }
    }

    #[derive(Debug, Deserialize)]
    struct Filter {
        region: Option<String>,
        limit: Option<i64>,
    }

    #[test]
    fn empty_parameters_are_absent() {
        let filter: Filter = parse_query("region=&limit=").expect("empty is absent");
        assert_eq!((filter.region, filter.limit), (None, None));
        let filter: Filter = parse_query("region=twente&limit=").expect("given");
        assert_eq!(filter.region.as_deref(), Some("twente"));
        let filter: Filter = parse_query("region=%20").expect("blank is absent");
        assert_eq!(filter.region, None);
        let filter: Filter = parse_query("region=%20twente%20&limit=%205").expect("padded");
        assert_eq!((filter.region.as_deref(), filter.limit), (Some("twente"), Some(5)));
    }
}
