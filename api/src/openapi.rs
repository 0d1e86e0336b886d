//! The OpenAPI document. Generated from the handlers and contract types; the
//! committed `openapi.yaml` is this document, checked by a test.

use actix_web::App;
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
        (name = "leading-projects", description = "The Kopgroep: a public catalogue of leading cooperation projects, its figures and the coalitions"),
        (name = "search", description = "Full-text search over barrier tickets and factsheets, and suggestions while filing"),
        (name = "webhooks", description = "Signed event deliveries to partner systems (Standard Webhooks), with a delivery log"),
        (name = "operations", description = "Health (liveness and readiness) and service information"),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` security scheme the operations refer to.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
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
    }
}

/// The full document, as the server serves it at `/api/v1/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::register)
        .split_for_parts();
    api
}

/// The document as YAML, exactly as committed in `openapi.yaml`.
pub fn yaml() -> Result<String, String> {
    document().to_yaml().map_err(|e| e.to_string())
}
