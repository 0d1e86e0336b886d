//! Delivering webhooks: a background loop on every instance that leases the due
//! deliveries from the outbox, POSTs each signed body to its receiver and records
//! the attempt (delivered, retried later with backoff, or failed). Its only state
//! is in the database, so a restart loses nothing and instances share the work.

use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta, Utc};
use zorgpact_db::Database;
use zorgpact_db::webhooks::{self, Attempt, DueDelivery};
use zorgpact_domain::webhook::{WebhookSecret, accepted, retry_delay};

/// How webhooks are checked and sent (`ZORGPACT_WEBHOOKS_*`, see README.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookSettings {
    /// Accept `http` receivers on loopback (tests and local development only).
    pub allow_loopback: bool,
    /// How often the outbox is checked for due deliveries.
    pub poll_every: Duration,
    /// The first retry's delay; later ones are multiples (see `retry_delay`).
    pub backoff_base: Duration,
    /// How long a receiver may take to answer.
    pub timeout: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            allow_loopback: false,
            poll_every: Duration::from_secs(1),
            backoff_base: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
        }
    }
}

impl WebhookSettings {
    /// A leased delivery is left alone by other instances this long: well past the
    /// timeout, so only a server that stopped mid-attempt loses its lease.
    fn lease(&self) -> TimeDelta {
        TimeDelta::from_std(self.timeout.saturating_mul(3)).unwrap_or(TimeDelta::minutes(1))
    }
}

/// Deliveries sent per round; the rest wait for the next one.
const BATCH: i64 = 20;

/// Starts the delivery loop on the current runtime (actix's, or a test's). Abort
/// the handle to stop it, as tests do when they "stop the server".
pub fn start_delivery(db: Database, settings: WebhookSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = match reqwest::Client::builder()
            .timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("zorgpact-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
        {
            Ok(client) => client,
            Err(e) => {
                tracing::error!(error = %e, "webhook delivery cannot start: no HTTP client");
                return;
            }
        };
        let mut ticks = tokio::time::interval(settings.poll_every);
        // After a slow round, wait a full period rather than catching up in a burst.
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match claim(&db, settings).await {
                Ok(due) => {
                    // Side by side, so the whole batch ends well within its leases
                    // even when receivers take their full timeout.
                    let mut sending = tokio::task::JoinSet::new();
                    for delivery in due {
                        sending.spawn(deliver(db.clone(), client.clone(), settings, delivery));
                    }
                    while sending.join_next().await.is_some() {}
                }
                Err(e) => tracing::warn!(error = %e, "reading the webhook outbox failed"),
            }
        }
    })
}

async fn claim(db: &Database, settings: WebhookSettings) -> Result<Vec<DueDelivery>, String> {
    let db = db.clone();
    actix_web::web::block(move || {
        let mut conn = db.conn()?;
        webhooks::claim_due(&mut conn, Utc::now().naive_utc(), settings.lease(), BATCH)
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())
}

/// One attempt: send, then record what came of it.
async fn deliver(db: Database, client: reqwest::Client, settings: WebhookSettings, due: DueDelivery) {
    let (status_code, error) = send(&client, &due).await;
    let at = Utc::now().naive_utc();
    let attempts = u32::try_from(due.attempts).unwrap_or(0).saturating_add(1);
    let retry_at = match error {
        None => None,
        Some(_) => retry_delay(attempts, settings.backoff_base).map(|delay| later(at, delay)),
    };
    if let Some(reason) = &error {
        tracing::info!(event = %due.event_id, subscription = %due.subscription_id, attempts, %reason, "webhook delivery failed");
    }
    let attempt = Attempt {
        at,
        status_code: status_code.map(i32::from),
        error,
        retry_at,
    };
    let recorded = actix_web::web::block(move || {
        let mut conn = db.conn()?;
        webhooks::record_outcome(&mut conn, &due.event_id, &due.subscription_id, &attempt)
    })
    .await;
    match recorded {
        Ok(Ok(())) => {}
        // The lease runs out and the delivery is sent again: at least once.
        Ok(Err(e)) => tracing::warn!(error = %e, "recording a webhook attempt failed"),
        Err(e) => tracing::warn!(error = %e, "recording a webhook attempt did not run"),
    }
}

fn later(at: NaiveDateTime, delay: Duration) -> NaiveDateTime {
    TimeDelta::from_std(delay)
        .ok()
        .and_then(|delay| at.checked_add_signed(delay))
        .unwrap_or(NaiveDateTime::MAX)
}

/// POSTs the signed body; the receiver's status code, and why it failed if it did.
async fn send(client: &reqwest::Client, due: &DueDelivery) -> (Option<u16>, Option<String>) {
    let secret = match WebhookSecret::parse(&due.secret) {
        Ok(secret) => secret,
        Err(e) => return (None, Some(format!("the stored secret is unusable: {e}"))),
    };
    let timestamp = Utc::now().timestamp();
    let response = client
        .post(&due.url)
        .header("content-type", "application/json")
        .header("webhook-id", &due.event_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", secret.sign(&due.event_id, timestamp, &due.body))
        .body(due.body.clone())
        .send()
        .await;
    match response {
        Ok(response) => {
            let status = response.status().as_u16();
            if accepted(status) {
                (Some(status), None)
            } else {
                (Some(status), Some(format!("the receiver answered {status}")))
            }
        }
        Err(e) if e.is_timeout() => (None, Some("the receiver did not answer in time".into())),
        Err(e) if e.is_connect() => (None, Some("could not connect to the receiver".into())),
        Err(e) => (None, Some(format!("sending failed: {e}"))),
    }
}
