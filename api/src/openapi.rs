//! The OpenAPI document. Generated from the handlers and contract types; the
//! committed `openapi.yaml` is this document, checked by a test.

use actix_web::http::header::ContentType;
use actix_web::{App, HttpResponse, Resource, web};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

/// Top-level information; paths and schemas come from the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Zorgpact API",
        description = "The system of record of the regional care pacts (Zorgpacten): regions and their partners, \
action agendas, indicators with values and targets, and barrier tickets. JSON over HTTP; errors are RFC 9457 \
`application/problem+json`. While the database cannot be reached, any operation that needs it answers 503 \
with `Retry-After`; a request whose body arrives too slowly is answered 408.",
        license(name = "EUPL-1.2")
    ),
    // Named by `IntoResponses` types, which do not collect their bodies' schemas.
    components(schemas(zorgpact_contract::HealthResponse)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Logging in (users and partner systems), tokens, who you are"),
        (name = "admin", description = "Users, partner credentials and the audit trail (programme team)"),
        (name = "regions", description = "The regional Zorgpacts and their partners"),
        (name = "actions", description = "The action agendas of the regions, with their progress timelines"),
        (name = "indicators", description = "The indicator catalogue, values and targets per region and period"),
        (name = "analytics", description = "Series, national roll-ups, progress against target, tidy tables in JSON and CSV"),
        (name = "imports", description = "Bulk import of values and targets (JSON, CSV), with dry runs; streaming exports; locked periods"),
        (name = "barrier-tickets", description = "Barriers in laws and rules that regions file and ministries answer"),
        (name = "regulations", description = "The register of laws, subsidy schemes and agreements that tickets concern"),
        (name = "factsheets", description = "Answers the ministries publish for everyone, with every published version kept"),
        (name = "reviews", description = "Progress reviews (Volgspot): the five parts, the committee's scores compared across rounds and regions, intentions that become actions, and the report as of the review's date"),
        (name = "leading-projects", description = "The Kopgroep: a public catalogue of leading cooperation projects, its figures and the coalitions"),
        (name = "search", description = "Full-text search over barrier tickets and factsheets, and suggestions while filing"),
        (name = "webhooks", description = "Signed event deliveries to partner systems (Standard Webhooks), with a delivery log"),
        (name = "operations", description = "Health (liveness and readiness) and service information"),
    )
)]
pub struct ApiDoc;

/// Declares the security schemes the operations refer to: `bearer` and, for
/// refreshing and logging out, the `refresh_cookie`.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "An access token from `POST /api/v1/auth/token`, valid 15 minutes. Roles: admin \
                         (programme team), coordinator (own regions), official (own ministry), analyst \
                         (read-only), partner (client credentials with scopes and regions).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "refresh_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::refresh_cookie::COOKIE_NAME,
                "A user's single-use refresh token, set by `POST /api/v1/auth/token` and renewed by each \
                 refresh: `HttpOnly; Secure; SameSite=Strict`, sent only to `/api/v1/auth/refresh` and \
                 `/api/v1/auth/logout`. Calls that use it must send `X-Zorgpact-CSRF: 1`.",
            ))),
        );
    }
}

/// Where the server serves the document.
pub const DOCUMENT_PATH: &str = "/api/v1/openapi.json";

/// The document as served: serialised once at start and shared by every worker.
/// (Swagger UI's own route kept a copy of the parsed document per worker, about
/// 10 MB each, and serialised it again for every request.)
#[derive(Clone)]
pub struct DocumentJson(web::Bytes);

impl DocumentJson {
    pub fn of(document: &utoipa::openapi::OpenApi) -> serde_json::Result<Self> {
        Ok(Self(serde_json::to_vec(document)?.into()))
    }

    /// `GET /api/v1/openapi.json`, for one worker's app.
    pub fn resource(&self) -> Resource {
        let body = self.0.clone();
        web::resource(DOCUMENT_PATH).route(web::get().to(move || {
            let body = body.clone();
            async move { HttpResponse::Ok().content_type(ContentType::json()).body(body) }
        }))
    }
}

/// The full document, as the server serves it at `/api/v1/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::register)
        .split_for_parts();
    let mut api = api;
    name_link_targets_as_the_standard_does(&mut api);
    api
}

/// utoipa 5.5 writes a link's target as `operation_id`; OpenAPI (and every tool
/// that follows links, schemathesis' stateful phase among them) reads
/// `operationId`. utoipa's `Link` serializes its extensions flattened, so the
/// target moves there under the standard's name.
fn name_link_targets_as_the_standard_does(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::RefOr;
    for item in api.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            for response in operation.responses.responses.values_mut() {
                let RefOr::T(response) = response else { continue };
                for link in response.links.values_mut() {
                    let RefOr::T(link) = link else { continue };
                    if link.operation_id.is_empty() {
                        continue;
                    }
                    let target = std::mem::take(&mut link.operation_id);
                    link.extensions
                        .get_or_insert_with(Default::default)
                        .insert("operationId".to_owned(), target.into());
                }
            }
        }
    }
}

/// The document as YAML, exactly as committed in `openapi.yaml`.
pub fn yaml() -> Result<String, String> {
    document().to_yaml().map_err(|e| e.to_string())
}
