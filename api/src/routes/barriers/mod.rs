//! `/api/v1/barrier-tickets`: barriers in laws and rules that regions file and the
//! ministries (OCW, VWS, SZW) answer, step by step through a workflow.

mod comments;
mod contacts;
mod convert;
mod create;
mod duplicate;
mod figures;
mod get;
mod list;
mod service_targets;
mod timeline;
mod transitions;
mod update;
pub(super) mod visible;

use chrono::{NaiveDate, Utc};
use utoipa_actix_web::service_config::ServiceConfig;

/// The day service clocks are read on (UTC).
fn today() -> NaiveDate {
    Utc::now().date_naive()
}

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list::list_barriers)
        .service(create::create_barrier)
        .service(get::get_barrier)
        .service(update::update_barrier)
        .service(transitions::list_transitions)
        .service(transitions::take_transition)
        .service(timeline::get_timeline)
        .service(comments::list_comments)
        .service(comments::add_comment)
        .service(contacts::list_contacts)
        .service(contacts::add_contact)
        .service(duplicate::mark_duplicate)
        .service(duplicate::unmark_duplicate)
        .service(figures::get_barrier_figures)
        .service(service_targets::get_service_targets)
        .service(service_targets::set_service_targets);
}
