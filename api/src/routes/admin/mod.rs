//! `/api/v1/users`, `/api/v1/partner-clients`, `/api/v1/audit`: administration by
//! the programme team (role admin only).

mod audit;
mod convert;
mod partner_clients;
mod users;

use actix_web::web;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::passwords;
use crate::error::ApiError;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(audit::list_audit)
        .service(users::list_users)
        .service(users::create_user)
        .service(users::get_user)
        .service(users::update_user)
        .service(partner_clients::list_partner_clients)
        .service(partner_clients::create_partner_client)
        .service(partner_clients::get_partner_client)
        .service(partner_clients::delete_partner_client);
}

/// Argon2 hashing takes tens of milliseconds of CPU: done on the blocking pool,
/// before any database transaction starts.
async fn hash_secret(secret: String) -> Result<String, ApiError> {
    web::block(move || passwords::hash(&secret))
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
        .map_err(ApiError::Internal)
}
