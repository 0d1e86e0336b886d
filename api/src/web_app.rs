//! Serves the built web app at `/`: its files, and `index.html` for every other
//! non-API path so the app's own routes survive a reload. Unknown API paths get a
//! problem+json 404 instead.
//!
//! Caching: the build (`cargo xtask build-web`) names every asset by its content
//! under `/assets/`, so those are kept by browsers for a year and never
//! revalidated; everything else the app serves (`index.html`, which names the
//! current assets) is revalidated on every load. Assets are stored precompressed
//! beside themselves (`.br`, `.gz`) and sent in the best form the browser accepts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding, Header, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use crate::error::ApiError;
use crate::http::routes_table::RoutesTable;

const NOT_BUILT: &str = "<!doctype html><html lang=\"nl\"><meta charset=\"utf-8\"><title>Zorgpact</title>\
<p>De webapp is nog niet gebouwd. Start de server met <code>cargo xtask run</code>, of bekijk de API op \
<a href=\"/api/docs/\">/api/docs/</a>.</p></html>";

/// The folder of content-hashed assets in the build output (the same name as in
/// `xtask/src/web_assets.rs`).
const ASSETS_DIR: &str = "assets";

/// For a file whose name changes with its content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The precompressed forms the build stores, best first.
const STORED_ENCODINGS: [(ContentEncoding, &str); 2] = [(ContentEncoding::Brotli, "br"), (ContentEncoding::Gzip, "gz")];

/// `GET /assets/{name}`: registered before [`files`], which would otherwise
/// serve the asset uncompressed and without its cache policy.
pub fn assets(web_dir: &Path) -> actix_web::Resource {
    let dir = web_dir.join(ASSETS_DIR);
    web::resource(format!("/{ASSETS_DIR}/{{name}}")).route(web::get().to(move |req: HttpRequest| {
        let dir = dir.clone();
        async move { asset(&req, &dir) }
    }))
}

fn asset(req: &HttpRequest, dir: &Path) -> HttpResponse {
    let name = req.match_info().get("name").unwrap_or_default();
    // Asset names are the build's own: one file name, never a path.
    let plain = dir.join(name);
    if name.starts_with('.') || name.contains(['/', '\\']) || !plain.is_file() {
        return ApiError::NotFound(req.path().to_owned()).error_response();
    }
    let mime = Path::new(name)
        .extension()
        .and_then(|ext| ext.to_str())
        .map_or(mime::APPLICATION_OCTET_STREAM, actix_files::file_extension_to_mime);
    let (encoding, path) = pick_encoding(req, &plain);
    let file = match NamedFile::open(&path) {
        Ok(file) => file.set_content_type(mime).disable_content_disposition(),
        Err(_) => return ApiError::NotFound(req.path().to_owned()).error_response(),
    };
    let file = match encoding {
        Some(encoding) => file.set_content_encoding(encoding),
        None => file,
    };
    let mut response = file.into_response(req);
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// The stored form of `plain` that the request's `Accept-Encoding` prefers
/// (RFC 9110 §12.5.3, q-values honoured): brotli, gzip or the file itself.
fn pick_encoding(req: &HttpRequest, plain: &Path) -> (Option<ContentEncoding>, PathBuf) {
    let stored: Vec<(ContentEncoding, PathBuf)> = STORED_ENCODINGS
        .iter()
        .map(|(encoding, suffix)| (*encoding, PathBuf::from(format!("{}.{suffix}", plain.display()))))
        .filter(|(_, path)| path.is_file())
        .collect();
    let mut offered: Vec<Encoding> = stored.iter().map(|(encoding, _)| Encoding::Known(*encoding)).collect();
    offered.push(Encoding::identity());
    let chosen = AcceptEncoding::parse(req)
        .ok()
        .and_then(|accepted| accepted.negotiate(offered.iter()));
    stored
        .into_iter()
        .find(|(encoding, _)| chosen.as_ref() == Some(&Encoding::Known(*encoding)))
        .map_or_else(|| (None, plain.to_owned()), |(encoding, path)| (Some(encoding), path))
}

/// `Cache-Control: no-cache` on the app's other responses (`index.html` above
/// all): a browser revalidates them, so a new build is seen on the next load.
pub async fn revalidate_app_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let app_page = !is_api_path(req.path());
    let mut response = next.call(req).await?;
    if app_page && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    Ok(response)
}

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
    path == "/api" || path.starts_with("/api/") || path == "/health" || path.starts_with("/health/")
}
