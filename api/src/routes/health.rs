//! `GET /health`, `/health/live` and `/health/ready`: for load balancers,
//! orchestrators and operators.

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::{HealthResponse, LivenessResponse, Problem};

use crate::AppState;
use crate::error::ApiError;

/// What a readiness check answers.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
enum Readiness {
    /// The server and its database are up
    #[response(status = 200)]
    Ready(HealthResponse),
    /// The database does not answer
    #[response(
        status = 503,
        content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds after which to ask again"))
    )]
    Unavailable(Problem),
}

/// Liveness and readiness: 200 when the server runs and its database answers.
#[utoipa::path(tag = "operations", responses(Readiness))]
#[get("/health")]
pub async fn health(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    database_answers(&state).await
}

/// Liveness: 200 as long as the process serves HTTP. The database is not asked,
/// so an orchestrator does not restart the server because its database is away
/// (restarting would not bring it back); use `/health/ready` to route traffic.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "The server process serves HTTP", body = LivenessResponse),
    )
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(LivenessResponse {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Readiness: 200 when the database answers, else 503 with `Retry-After`. The
/// answer comes within the pool's checkout timeout (`ZORGPACT_DB_TIMEOUT_MS`), and
/// turns to 200 again by itself once the database is back.
#[utoipa::path(tag = "operations", responses(Readiness))]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    database_answers(&state).await
}

async fn database_answers(state: &AppState) -> Result<HttpResponse, ApiError> {
    state.with_conn(zorgpact_db::ping).await?;
    Ok(HttpResponse::Ok().json(HealthResponse {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: state.db.backend().as_str().into(),
    }))
}
