//! Serves the built web app at `/`: its files, and `index.html` for every other
//! non-API path so the app's own routes survive a reload. Unknown API paths get a
//! problem+json 404 instead.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use crate::error::ApiError;
use crate::http::routes_table::RoutesTable;

const NOT_BUILT: &str = "<!doctype html><html lang=\"nl\"><meta charset=\"utf-8\"><title>Zorgpact</title>\
<p>De webapp is nog niet gebouwd. Start de server met <code>cargo xtask run</code>, of bekijk de API op \
<a href=\"/api/docs/\">/api/docs/</a>.</p></html>";

/// The app's files, when the app has been built.
pub fn files(web_dir: &Path) -> Option<Files> {
    web_dir
        .is_dir()
        .then(|| Files::new("/", web_dir).index_file("index.html"))
}

/// What answers a path no route or file matched: 405 for a documented API path
/// with another method, 404 for other API paths, the app's page otherwise.
pub async fn fallback(
    req: ServiceRequest,
    web_dir: PathBuf,
    routes: Arc<RoutesTable>,
) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let response = if let Some(allowed) = routes.allowed(req.path()) {
        let mut response = ApiError::MethodNotAllowed.error_response();
        if let Ok(value) = HeaderValue::from_str(&allowed.join(", ")) {
            response.headers_mut().insert(header::ALLOW, value);
        }
        response
    } else if is_api_path(req.path()) {
        ApiError::NotFound(req.path().to_owned()).error_response()
    } else {
        match NamedFile::open(web_dir.join("index.html")) {
            Ok(file) => file.into_response(&req),
            Err(_) => HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(NOT_BUILT),
        }
    };
    Ok(ServiceResponse::new(req, response))
}

/// `fallback` as a service for `App::default_service`.
pub fn fallback_service(
    web_dir: PathBuf,
    routes: Arc<RoutesTable>,
) -> impl actix_web::dev::ServiceFactory<
    ServiceRequest,
    Config = (),
    Response = ServiceResponse,
    Error = actix_web::Error,
    InitError = (),
> {
    fn_service(move |req| fallback(req, web_dir.clone(), routes.clone()))
}

fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path == "/health"
}
