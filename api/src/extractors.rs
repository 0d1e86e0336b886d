//! Settings of actix's own extractors, so their failures are problem+json too (the
//! handlers' bodies and queries use `http::extract`).

use actix_web::error::PathError;
use actix_web::{HttpRequest, web};
use zorgpact_domain::{InvalidValue, ValidationErrors};

use crate::error::ApiError;
use crate::http::extract::BODY_LIMIT;

pub fn payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(BODY_LIMIT)
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|error: PathError, _req: &HttpRequest| {
        ApiError::InvalidParameters(ValidationErrors::single(
            "path",
            InvalidValue::invalid_format(error.to_string()),
        ))
        .into()
    })
}
