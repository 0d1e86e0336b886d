//! `/api/v1/period-locks`: periods the programme team approved and locked; values
//! and targets in them refuse every change until an admin reopens the period.

mod locks;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(locks::list_period_locks)
        .service(locks::create_period_lock)
        .service(locks::get_period_lock)
        .service(locks::delete_period_lock);
}
