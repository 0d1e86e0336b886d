//! `/api/v1/webhook-subscriptions`: partner systems (and the programme team)
//! subscribe a receiver to events and read its delivery log. Each caller reaches
//! its own subscriptions; admins reach all. Others' are 404, as if absent.

mod deliveries;
mod subscriptions;

use utoipa_actix_web::service_config::ServiceConfig;
use zorgpact_contract::webhook::{WebhookDeliveryResponse, WebhookSubscriptionResponse};
use zorgpact_db::DbError;
use zorgpact_db::webhooks::{DeliveryLogRow, Owner, SubscriptionRow};
use zorgpact_domain::Code;
use zorgpact_domain::auth::{Permission, Principal};
use zorgpact_domain::user::Role;
use zorgpact_domain::webhook::DeliveryStatus;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::timestamp::timestamp;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(subscriptions::list_webhook_subscriptions)
        .service(subscriptions::create_webhook_subscription)
        .service(subscriptions::get_webhook_subscription)
        .service(subscriptions::delete_webhook_subscription)
        .service(deliveries::list_webhook_deliveries);
}

/// The caller, once allowed to manage webhooks at all.
fn subscriber(caller: &Caller) -> Result<Principal, ApiError> {
    caller.require(&Permission::ManageWebhooks)?;
    caller
        .principal()
        .cloned()
        .ok_or_else(|| ApiError::Internal("an allowed caller without a principal".into()))
}

/// Whose subscriptions `principal` reaches.
fn reach(principal: &Principal) -> Owner<'_> {
    match principal.role {
        Role::Admin => Owner::Anyone,
        _ => Owner::Only(&principal.id),
    }
}

fn subscription_response(row: SubscriptionRow) -> Result<WebhookSubscriptionResponse, ApiError> {
    Ok(WebhookSubscriptionResponse {
        event_types: row.event_types()?,
        id: row.id,
        owner: row.owner,
        url: row.url,
        description: row.description,
        active: row.active,
        created_at: timestamp(row.created_at),
    })
}

fn delivery_response(row: DeliveryLogRow) -> Result<WebhookDeliveryResponse, ApiError> {
    let stored = |what: &str, code: &str, e| ApiError::from(DbError::Internal(format!("stored {what} {code:?}: {e}")));
    let status = DeliveryStatus::parse(&row.status).map_err(|e| stored("delivery status", &row.status, e))?;
    let event_type = Code::parse(&row.event_type).map_err(|e| stored("event type", &row.event_type, e))?;
    Ok(WebhookDeliveryResponse {
        event_id: row.event_id,
        event_type,
        next_attempt_at: (status == DeliveryStatus::Pending).then(|| timestamp(row.next_attempt_at)),
        status,
        attempts: row.attempts,
        last_attempt_at: row.last_attempt_at.map(timestamp),
        last_status_code: row.last_status_code,
        last_error: row.last_error,
        delivered_at: row.delivered_at.map(timestamp),
        created_at: timestamp(row.created_at),
    })
}
