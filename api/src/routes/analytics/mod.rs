//! Indicator analytics for analysts and dashboards: series per region
//! (`/indicators/{code}/series`), national roll-ups with coverage
//! (`/indicators/{code}/national`), the tidy table of many indicators × regions ×
//! periods in JSON or CSV (`/analytics`) and progress against target
//! (`/progress`). Every figure is computed from the stored values (no batch job),
//! derived indicators included, and kept in memory until a write changes the
//! figures' generation ([`memo`]); answers carry a body-hash `ETag` and
//! `Last-Modified` for conditional GETs.

mod cache;
mod convert;
mod generation_reads;
pub mod memo;
mod national;
mod params;
mod progress;
mod series;
mod snapshot;
mod table;

use chrono::NaiveDate;
use serde::Serialize;
use utoipa_actix_web::service_config::ServiceConfig;
use zorgpact_db::DbError;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(series::get_indicator_series)
        .service(national::get_indicator_national)
        .service(table::get_analytics)
        .service(progress::get_progress);
}

/// The day relative periods are resolved against.
fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn json_bytes(value: &impl Serialize) -> Result<Vec<u8>, DbError> {
    serde_json::to_vec(value).map_err(|e| DbError::Internal(format!("serialise response: {e}")))
}
