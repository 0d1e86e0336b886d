//! What every handler can reach.

use zorgpact_db::{Database, DbConnection, DbError};
use zorgpact_domain::barrier::workflow::Deadlines;

use crate::auth::TokenKeys;
use crate::error::ApiError;
use crate::http::security::HttpSecurity;
use crate::routes::analytics::memo::FigureMemo;
use crate::webhooks::WebhookSettings;

pub struct AppState {
    pub db: Database,
    /// Signs and checks access tokens.
    pub tokens: TokenKeys,
    /// The barrier workflow's periods (auto-close, reopening).
    pub barrier_deadlines: Deadlines,
    /// Which webhook receivers are accepted, and how deliveries are sent.
    pub webhooks: WebhookSettings,
    /// CORS origins, trusted proxies and HSTS.
    pub security: HttpSecurity,
    /// Computed figures, kept until a write changes them.
    pub figures: FigureMemo,
}

impl AppState {
    /// Runs blocking database work on actix's thread pool, off the async workers.
    pub async fn with_conn<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, DbError> + Send + 'static,
    {
        let db = self.db.clone();
        actix_web::web::block(move || db.run(work))
            .await
            .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
            .map_err(ApiError::from)
    }
}
