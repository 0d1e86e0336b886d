//! `GET /health`: for load balancers and operators.

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::{HealthResponse, Problem};

use crate::AppState;
use crate::error::ApiError;

/// Liveness and readiness: 200 when the server runs and its database answers.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "The server and its database are up", body = HealthResponse),
        (status = 503, description = "The database does not answer", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/health")]
pub async fn health(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.with_conn(zorgpact_db::ping).await?;
    Ok(HttpResponse::Ok().json(HealthResponse {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: state.db.backend().as_str().into(),
    }))
}
