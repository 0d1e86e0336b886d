//! (being written)

use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(_cfg: &mut ServiceConfig) {}
