//! Every route of the server, registered in one place together with its OpenAPI
//! entry (utoipa-actix-web collects the `#[utoipa::path]` of each handler), so the
//! served API and the documented one cannot drift apart.

mod actions;
mod admin;
pub(crate) mod analytics;
mod auth;
mod barriers;
mod exports;
mod factsheets;
mod health;
mod imports;
mod indicators;
mod leading_projects;
mod period_locks;
mod regions;
mod regulations;
mod reviews;
mod search;
mod stored;
mod webhooks;

use utoipa_actix_web::{scope, service_config::ServiceConfig};

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(health::health).service(health::live).service(health::ready);
    cfg.service(
        scope("/api/v1")
            .configure(auth::register)
            .configure(admin::register)
            .configure(regions::register)
            .configure(actions::register)
            .configure(indicators::register)
            .configure(barriers::register)
            .configure(analytics::register)
            .configure(exports::register)
            .configure(imports::register)
            .configure(period_locks::register)
            .configure(regulations::register)
            .configure(factsheets::register)
            .configure(reviews::register)
            .configure(leading_projects::register)
            .service(search::search)
            .configure(webhooks::register),
    );
}
