//! The OpenAPI document. Generated from the handlers and contract types; the
//! committed `openapi.yaml` is this document, checked by a test.

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

/// Problem responses shared by many operations, referenced from `#[utoipa::path]`s.
pub mod problems {
    use utoipa::IntoResponses;
    use zorgpact_contract::Problem;

    /// Errors any read of one resource can give.
    #[derive(IntoResponses)]
    #[allow(dead_code)]
    pub enum ReadErrors {
        /// A path or query parameter is invalid; `errors` names it.
        #[response(status = 400, content_type = "application/problem+json")]
        BadRequest(Problem),
        /// A token was sent but is invalid or expired (even public reads refuse a broken token).
        #[response(status = 401, content_type = "application/problem+json")]
        InvalidToken(Problem),
        /// No such resource.
        #[response(status = 404, content_type = "application/problem+json")]
        NotFound(Problem),
    }

    /// Errors of operations that need a token.
    #[derive(IntoResponses)]
    #[allow(dead_code)]
    pub enum AuthErrors {
        /// No token, or a token that is invalid or expired.
        #[response(status = 401, content_type = "application/problem+json")]
        Unauthenticated(Problem),
        /// The caller's role, regions, ministry or scopes do not allow this.
        #[response(status = 403, content_type = "application/problem+json")]
        Forbidden(Problem),
    }

    /// Errors a list can give.
    #[derive(IntoResponses)]
    #[allow(dead_code)]
    pub enum ListErrors {
        /// A query parameter is invalid (e.g. `limit=0`, a bad cursor or filter); `errors` names it.
        #[response(status = 400, content_type = "application/problem+json")]
        BadRequest(Problem),
        /// A token was sent but is invalid or expired (even public reads refuse a broken token).
        #[response(status = 401, content_type = "application/problem+json")]
        InvalidToken(Problem),
    }

    /// Errors a create can give.
    #[derive(IntoResponses)]
    #[allow(dead_code)]
    pub enum CreateErrors {
        /// The body is not JSON, or a header is invalid.
        #[response(status = 400, content_type = "application/problem+json")]
        BadRequest(Problem),
        /// The resource already exists, or refers to one that does not.
        #[response(status = 409, content_type = "application/problem+json")]
        Conflict(Problem),
        /// The body is larger than 4 MiB.
        #[response(status = 413, content_type = "application/problem+json")]
        TooLarge(Problem),
        /// The body is not `application/json`.
        #[response(status = 415, content_type = "application/problem+json")]
        UnsupportedMediaType(Problem),
        /// Fields break the rules; `errors` lists each with a JSON pointer. Also: an
        /// `Idempotency-Key` reused with another body.
        #[response(status = 422, content_type = "application/problem+json")]
        Invalid(Problem),
    }

    /// Errors an update or delete can give.
    #[derive(IntoResponses)]
    #[allow(dead_code)]
    pub enum UpdateErrors {
        /// The body is not JSON, or a parameter is invalid.
        #[response(status = 400, content_type = "application/problem+json")]
        BadRequest(Problem),
        /// No such resource.
        #[response(status = 404, content_type = "application/problem+json")]
        NotFound(Problem),
        /// The change conflicts with stored data.
        #[response(status = 409, content_type = "application/problem+json")]
        Conflict(Problem),
        /// `If-Match` names an old version: someone else changed the resource. Reload and retry.
        #[response(status = 412, content_type = "application/problem+json")]
        Stale(Problem),
        /// The body is larger than 4 MiB.
        #[response(status = 413, content_type = "application/problem+json")]
        TooLarge(Problem),
        /// The body is not `application/json`.
        #[response(status = 415, content_type = "application/problem+json")]
        UnsupportedMediaType(Problem),
        /// Fields break the rules; `errors` lists each with a JSON pointer.
        #[response(status = 422, content_type = "application/problem+json")]
        Invalid(Problem),
        /// `If-Match` is missing: send the ETag of the version you edited.
        #[response(status = 428, content_type = "application/problem+json")]
        IfMatchRequired(Problem),
    }
}

/// Top-level information; paths and schemas come from the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Zorgpact API",
        description = "The system of record of the regional care pacts (Zorgpacten): regions and their partners, \
action agendas, indicators with values and targets, and barrier tickets. JSON over HTTP; errors are RFC 9457 \
`application/problem+json`.",
        license(name = "EUPL-1.2")
    ),
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
        (name = "operations", description = "Health and service information"),
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
