//! `/api/v1/indicators`, `/api/v1/indicator-values` and `/api/v1/indicator-targets`:
//! the indicator catalogue, and values and targets per region and period.

mod convert;
mod create;
mod get;
mod list;
mod series;
mod targets;
mod update;
mod values;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list::list_indicators)
        .service(create::create_indicator)
        .service(get::get_indicator)
        .service(update::update_indicator)
        .service(values::list_indicator_values)
        .service(values::bulk_indicator_values)
        .service(values::get_indicator_value)
        .service(values::put_indicator_value)
        .service(values::list_indicator_value_revisions)
        .service(targets::list_indicator_targets)
        .service(targets::bulk_indicator_targets)
        .service(targets::get_indicator_target)
        .service(targets::put_indicator_target);
}
