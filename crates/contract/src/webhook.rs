//! Webhook subscriptions of partner systems and their delivery logs.

use serde::{Deserialize, Serialize};

use crate::codes::{DeliveryStatus, WebhookEventType};

/// A new subscription: where to send which events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "url": "https://dashboard.example.nl/hooks/zorgpact",
    "event_types": ["barrier.transitioned", "action.updated"],
    "description": "Arbeidsmarktdashboard Twente"
})))]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookSubscriptionRequest {
    /// The receiver: an `https` URL of a public host, at most 2000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub url: String,
    /// The events to deliver: at least one, none twice.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 5))]
    pub event_types: Vec<WebhookEventType>,
    /// For people: what the subscription is for; at most 500 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub description: Option<String>,
}

/// A subscription, without its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000009",
    "owner": "partner:dashboard-twente",
    "url": "https://dashboard.example.nl/hooks/zorgpact",
    "event_types": ["barrier.transitioned", "action.updated"],
    "description": "Arbeidsmarktdashboard Twente",
    "active": true,
    "created_at": "2026-12-06T09:30:00.000Z"
})))]
pub struct WebhookSubscriptionResponse {
    pub id: String,
    /// Who subscribed: `user:<id>` or `partner:<client id>`.
    pub owner: String,
    pub url: String,
    pub event_types: Vec<WebhookEventType>,
    pub description: String,
    pub active: bool,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
}

/// A new subscription with its signing secret: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-000000000009",
    "owner": "partner:dashboard-twente",
    "url": "https://dashboard.example.nl/hooks/zorgpact",
    "event_types": ["barrier.transitioned", "action.updated"],
    "description": "Arbeidsmarktdashboard Twente",
    "active": true,
    "created_at": "2026-12-06T09:30:00.000Z",
    "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oDAbCdEfGhIjK="
})))]
pub struct CreatedWebhookSubscriptionResponse {
    #[serde(flatten)]
    pub subscription: WebhookSubscriptionResponse,
    /// Verifies the `webhook-signature` of every delivery (Standard Webhooks:
    /// `whsec_` and the base64 key). Keep it now: it is not shown again.
    pub secret: String,
}

/// Subscriptions, ordered by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookSubscriptionListResponse {
    pub items: Vec<WebhookSubscriptionResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One event's delivery to a subscription: a line of its delivery log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "event_id": "0193a1e2-7c1d-7000-8000-0000000000e1",
    "event_type": "barrier.transitioned",
    "status": "delivered",
    "attempts": 2,
    "next_attempt_at": null,
    "last_attempt_at": "2026-12-06T09:30:05.100Z",
    "last_status_code": 204,
    "last_error": "the receiver answered 500",
    "delivered_at": "2026-12-06T09:30:05.100Z",
    "created_at": "2026-12-06T09:30:00.000Z"
})))]
pub struct WebhookDeliveryResponse {
    /// The `webhook-id` header: the same on every attempt, for deduplication.
    pub event_id: String,
    pub event_type: WebhookEventType,
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: i32,
    /// When the next attempt is due; only while `pending`.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub next_attempt_at: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub last_attempt_at: Option<String>,
    /// The receiver's status code at the last attempt, if it answered.
    pub last_status_code: Option<i32>,
    /// Why the last failed attempt failed.
    pub last_error: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub delivered_at: Option<String>,
    /// When the event happened.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
}

/// A subscription's deliveries, oldest event first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryListResponse {
    pub items: Vec<WebhookDeliveryResponse>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
