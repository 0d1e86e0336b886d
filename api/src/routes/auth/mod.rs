//! `/api/v1/auth/*` and `/api/v1/me`: tokens for users and partner systems.

mod login_limits;
mod me;
mod principal;
mod token;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(token::issue_token)
        .service(token::refresh_session)
        .service(token::logout)
        .service(me::me);
}
