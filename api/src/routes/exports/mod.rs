//! `/api/v1/exports`: large exports for analysts, streamed in keyset pages so that
//! neither the server's memory nor the client's wait grows with their size.

mod body;
mod indicator_values;
mod render;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(indicator_values::export_indicator_values);
}
