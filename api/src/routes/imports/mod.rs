//! `/api/v1/imports`: bulk imports of indicator values and targets from JSON or
//! CSV files, all or nothing, with dry runs and reports.

pub(crate) mod check;
mod report;
mod rows;
mod upload;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(upload::import_indicator_values);
}
