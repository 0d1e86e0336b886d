//! Every route of the server, registered in one place together with its OpenAPI
//! entry (utoipa-actix-web collects the `#[utoipa::path]` of each handler), so the
//! served API and the documented one cannot drift apart.

mod actions;
mod auth;
mod barriers;
mod health;
mod indicators;
mod regions;

use utoipa_actix_web::{scope, service_config::ServiceConfig};

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(health::health);
    cfg.service(
        scope("/api/v1")
            .configure(auth::register)
            .configure(regions::register)
            .configure(actions::register)
            .configure(indicators::register)
            .configure(barriers::register),
    );
}
