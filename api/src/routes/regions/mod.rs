//! `/api/v1/regions`: the regional Zorgpacts and their partners.

mod agenda;
mod convert;
mod create;
mod get;
mod list;
mod partners;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list::list_regions)
        .service(agenda::list_agenda_summaries)
        .service(create::create_region)
        .service(get::get_region)
        .service(update::update_region)
        .service(partners::list_partners)
        .service(partners::add_partner)
        .service(partners::remove_partner);
}
