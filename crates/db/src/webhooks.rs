//! Webhooks: subscriptions, and the outbox of events with one delivery per event
//! and subscription. [`enqueue`] runs inside the transaction of the change it
//! reports, so an event is stored exactly when its change is; the delivery worker
//! then [`claim_due`]s deliveries under a lease and [`record_outcome`]s each
//! attempt. All state is in the database: a restarted server carries on, and
//! several instances never send one delivery at the same time.

use chrono::{NaiveDateTime, SecondsFormat, TimeDelta, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::webhook::{DeliveryStatus, Envelope, NewSubscription, WebhookEventType, WebhookSecret};

use crate::audit::{self, Actor};
use crate::schema::{webhook_deliveries, webhook_events, webhook_subscriptions};
use crate::{DbConnection, DbError, in_transaction};

const RESOURCE: &str = "webhook_subscription";

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = webhook_subscriptions)]
pub struct SubscriptionRow {
    pub id: String,
    /// The principal that subscribed: `user:<id>` or `partner:<client id>`.
    pub owner: String,
    pub url: String,
    /// Space-separated event type codes.
    pub event_types: String,
    /// Never in the audit trail.
    #[serde(skip_serializing)]
    pub secret: String,
    pub description: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

impl SubscriptionRow {
    /// The stored event types; a code the domain does not know means a broken database.
    pub fn event_types(&self) -> Result<Vec<WebhookEventType>, DbError> {
        self.event_types
            .split_whitespace()
            .map(|code| {
                WebhookEventType::parse(code).map_err(|e| DbError::Internal(format!("stored event type {code:?}: {e}")))
            })
            .collect()
    }

    fn wants(&self, event_type: WebhookEventType) -> bool {
        self.event_types
            .split_whitespace()
            .any(|code| code == event_type.as_str())
    }
}

/// Whose subscriptions a caller reaches: everyone's (admins) or its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'a> {
    Anyone,
    Only(&'a str),
}

/// Stores a subscription for `owner` with its signing secret.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    owner: &str,
    new: &NewSubscription,
    secret: &WebhookSecret,
) -> Result<SubscriptionRow, DbError> {
    in_transaction(conn, |conn| {
        let row = SubscriptionRow {
            id: Uuid::now_v7().to_string(),
            owner: owner.to_owned(),
            url: new.url.as_str().to_owned(),
            event_types: new.event_types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" "),
            secret: secret.encoded(),
            description: new.description.clone(),
            active: true,
            created_at: Utc::now().naive_utc(),
        };
        diesel::insert_into(webhook_subscriptions::table)
            .values(&row)
            .execute(conn)?;
        audit::record(
            conn,
            actor,
            "create",
            RESOURCE,
            &row.id,
            None::<&SubscriptionRow>,
            Some(&row),
        )?;
        Ok(row)
    })
}

/// Up to `limit` subscriptions `owner` reaches, after the one with id `after`, by id.
pub fn list_page(
    conn: &mut DbConnection,
    owner: Owner<'_>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<SubscriptionRow>, DbError> {
    let mut query = webhook_subscriptions::table
        .select(SubscriptionRow::as_select())
        .order(webhook_subscriptions::id.asc())
        .limit(limit)
        .into_boxed();
    if let Owner::Only(owner) = owner {
        query = query.filter(webhook_subscriptions::owner.eq(owner.to_owned()));
    }
    if let Some(after) = after {
        query = query.filter(webhook_subscriptions::id.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}

/// One subscription, if `owner` reaches it; another's is [`DbError::NotFound`].
pub fn get(conn: &mut DbConnection, owner: Owner<'_>, id: &str) -> Result<SubscriptionRow, DbError> {
    let row: SubscriptionRow = webhook_subscriptions::table
        .find(id)
        .select(SubscriptionRow::as_select())
        .first(conn)?;
    match owner {
        Owner::Only(owner) if row.owner != owner => Err(DbError::NotFound),
        _ => Ok(row),
    }
}

/// Removes a subscription with its deliveries: nothing more is sent to it.
pub fn delete(conn: &mut DbConnection, actor: &Actor, owner: Owner<'_>, id: &str) -> Result<(), DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, owner, id)?;
        diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::subscription_id.eq(id))).execute(conn)?;
        diesel::delete(webhook_subscriptions::table.find(id)).execute(conn)?;
        audit::record(
            conn,
            actor,
            "delete",
            RESOURCE,
            id,
            Some(&before),
            None::<&SubscriptionRow>,
        )
    })
}

/// Deactivates every subscription of `owner` (a revoked partner credential):
/// nothing more is sent, and its pending deliveries fail.
pub fn deactivate_owned_by(conn: &mut DbConnection, owner: &str) -> Result<(), DbError> {
    let ids: Vec<String> = webhook_subscriptions::table
        .filter(webhook_subscriptions::owner.eq(owner))
        .filter(webhook_subscriptions::active.eq(true))
        .select(webhook_subscriptions::id)
        .load(conn)?;
    diesel::update(webhook_subscriptions::table.filter(webhook_subscriptions::id.eq_any(&ids)))
        .set(webhook_subscriptions::active.eq(false))
        .execute(conn)?;
    diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::subscription_id.eq_any(&ids))
            .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending.as_str())),
    )
    .set((
        webhook_deliveries::status.eq(DeliveryStatus::Failed.as_str()),
        webhook_deliveries::last_error.eq("the subscription was deactivated"),
    ))
    .execute(conn)?;
    Ok(())
}

/// Records an event for every active subscription to its type, in the caller's
/// transaction. Returns the event id, or `None` when nobody subscribed.
pub fn enqueue(
    conn: &mut DbConnection,
    event_type: WebhookEventType,
    data: &impl Serialize,
) -> Result<Option<String>, DbError> {
    let subscribers: Vec<String> = webhook_subscriptions::table
        .filter(webhook_subscriptions::active.eq(true))
        .select(SubscriptionRow::as_select())
        .load(conn)?
        .into_iter()
        .filter(|s| s.wants(event_type))
        .map(|s| s.id)
        .collect();
    if subscribers.is_empty() {
        return Ok(None);
    }
    let now = Utc::now().naive_utc();
    let id = Uuid::now_v7().to_string();
    let body = serde_json::to_string(&Envelope {
        event_type,
        timestamp: now.and_utc().to_rfc3339_opts(SecondsFormat::Millis, true),
        data,
    })
    .map_err(|e| DbError::Internal(format!("webhook body: {e}")))?;
    diesel::insert_into(webhook_events::table)
        .values((
            webhook_events::id.eq(&id),
            webhook_events::event_type.eq(event_type.as_str()),
            webhook_events::body.eq(&body),
            webhook_events::occurred_at.eq(now),
        ))
        .execute(conn)?;
    for subscription_id in subscribers {
        diesel::insert_into(webhook_deliveries::table)
            .values((
                webhook_deliveries::event_id.eq(&id),
                webhook_deliveries::subscription_id.eq(subscription_id),
                webhook_deliveries::status.eq(DeliveryStatus::Pending.as_str()),
                webhook_deliveries::attempts.eq(0),
                webhook_deliveries::next_attempt_at.eq(now),
                webhook_deliveries::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(Some(id))
}

/// A delivery to send now, with what sending it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct DueDelivery {
    pub event_id: String,
    pub subscription_id: String,
    pub url: String,
    pub secret: String,
    pub body: String,
    /// Attempts made before this one.
    pub attempts: i32,
}

/// Leases up to `limit` pending deliveries whose time has come until `now + lease`.
/// Each lease is one conditional update, so of several instances only one wins a
/// delivery; a lease that runs out (a server stopped mid-attempt) frees it again.
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease: TimeDelta,
    limit: i64,
) -> Result<Vec<DueDelivery>, DbError> {
    let free = || {
        webhook_deliveries::locked_until
            .is_null()
            .or(webhook_deliveries::locked_until.le(now))
    };
    let pending = DeliveryStatus::Pending.as_str();
    let candidates: Vec<DueDelivery> = webhook_deliveries::table
        .inner_join(webhook_events::table)
        .inner_join(webhook_subscriptions::table)
        .filter(webhook_deliveries::status.eq(pending))
        .filter(webhook_subscriptions::active.eq(true))
        .filter(webhook_deliveries::next_attempt_at.le(now))
        .filter(free())
        .order(webhook_deliveries::next_attempt_at.asc())
        .limit(limit)
        .select((
            webhook_deliveries::event_id,
            webhook_deliveries::subscription_id,
            webhook_subscriptions::url,
            webhook_subscriptions::secret,
            webhook_events::body,
            webhook_deliveries::attempts,
        ))
        .load::<(String, String, String, String, String, i32)>(conn)?
        .into_iter()
        .map(|(event_id, subscription_id, url, secret, body, attempts)| DueDelivery {
            event_id,
            subscription_id,
            url,
            secret,
            body,
            attempts,
        })
        .collect();
    let mut claimed = Vec::with_capacity(candidates.len());
    for due in candidates {
        let won = diesel::update(
            webhook_deliveries::table
                .find((&due.event_id, &due.subscription_id))
                .filter(webhook_deliveries::status.eq(pending))
                .filter(free()),
        )
        .set(webhook_deliveries::locked_until.eq(now + lease))
        .execute(conn)?;
        if won == 1 {
            claimed.push(due);
        }
    }
    Ok(claimed)
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub at: NaiveDateTime,
    /// The receiver's status code, if it answered.
    pub status_code: Option<i32>,
    /// Why it failed; `None` when delivered.
    pub error: Option<String>,
    /// When to try again; `None` when delivered or given up.
    pub retry_at: Option<NaiveDateTime>,
}

/// Records an attempt and releases the lease: delivered, pending for a retry, or
/// failed. Its two updates need no transaction: the lease keeps others away.
pub fn record_outcome(
    conn: &mut DbConnection,
    event_id: &str,
    subscription_id: &str,
    attempt: &Attempt,
) -> Result<(), DbError> {
    let status = match (&attempt.error, attempt.retry_at) {
        (None, _) => DeliveryStatus::Delivered,
        (Some(_), Some(_)) => DeliveryStatus::Pending,
        (Some(_), None) => DeliveryStatus::Failed,
    };
    let delivered_at = (status == DeliveryStatus::Delivered).then_some(attempt.at);
    diesel::update(webhook_deliveries::table.find((event_id, subscription_id)))
        .set((
            webhook_deliveries::status.eq(status.as_str()),
            webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
            webhook_deliveries::next_attempt_at.eq(attempt.retry_at.unwrap_or(attempt.at)),
            webhook_deliveries::locked_until.eq(None::<NaiveDateTime>),
            webhook_deliveries::last_attempt_at.eq(attempt.at),
            webhook_deliveries::last_status_code.eq(attempt.status_code),
            webhook_deliveries::delivered_at.eq(delivered_at),
        ))
        .execute(conn)?;
    // A success keeps the last error: the log shows why earlier attempts failed.
    if let Some(error) = &attempt.error {
        diesel::update(webhook_deliveries::table.find((event_id, subscription_id)))
            .set(webhook_deliveries::last_error.eq(error))
            .execute(conn)?;
    }
    Ok(())
}

/// One line of a subscription's delivery log.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct DeliveryLogRow {
    pub event_id: String,
    pub event_type: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_attempt_at: Option<NaiveDateTime>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// Up to `limit` deliveries of a subscription, oldest event first, after the
/// event `after` (event ids are time-ordered).
pub fn deliveries_page(
    conn: &mut DbConnection,
    subscription_id: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<DeliveryLogRow>, DbError> {
    let mut query = webhook_deliveries::table
        .inner_join(webhook_events::table)
        .filter(webhook_deliveries::subscription_id.eq(subscription_id.to_owned()))
        .order(webhook_deliveries::event_id.asc())
        .limit(limit)
        .select((
            webhook_deliveries::event_id,
            webhook_events::event_type,
            webhook_deliveries::status,
            webhook_deliveries::attempts,
            webhook_deliveries::next_attempt_at,
            webhook_deliveries::last_attempt_at,
            webhook_deliveries::last_status_code,
            webhook_deliveries::last_error,
            webhook_deliveries::delivered_at,
            webhook_deliveries::created_at,
        ))
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(webhook_deliveries::event_id.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}
