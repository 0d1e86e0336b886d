//! The webhook outbox on the backend under test: events stored with their change
//! or not at all, leases that keep instances from sending one delivery twice at
//! once, and the way attempts move a delivery along.

use chrono::{NaiveDateTime, TimeDelta, Utc};
use serde_json::json;
use zorgpact_db::audit::Actor;
use zorgpact_db::testing::{Contents, TestDatabase};
use zorgpact_db::webhooks::{self, Attempt, Owner};
use zorgpact_db::{DbConnection, DbError, in_transaction};
use zorgpact_domain::webhook::{NewSubscription, SubscriptionInput, WebhookEventType, WebhookSecret};

fn subscribe(conn: &mut DbConnection, types: &[WebhookEventType]) -> String {
    let new = NewSubscription::parse(
        &SubscriptionInput {
            url: "https://dashboard.example.nl/hook",
            event_types: types,
            description: None,
        },
        false,
    )
    .into_result()
    .expect("valid");
    let secret = WebhookSecret::from_random([1; 32]);
    webhooks::create(conn, &Actor::system("test"), "user:admin", &new, &secret)
        .expect("subscribed")
        .id
}

fn status(conn: &mut DbConnection, subscription: &str) -> (String, i32) {
    let log = webhooks::deliveries_page(conn, subscription, None, 10).expect("log");
    (log[0].status.clone(), log[0].attempts)
}

fn failed_at(at: NaiveDateTime, retry_at: Option<NaiveDateTime>) -> Attempt {
    Attempt {
        at,
        status_code: Some(503),
        error: Some("the receiver answered 503".into()),
        retry_at,
    }
}

#[test]
fn an_event_is_stored_with_its_change_or_not_at_all() {
    let db = TestDatabase::new(Contents::Schema);
    let mut conn = db.connect().conn().expect("connection");
    let subscription = subscribe(&mut conn, &[WebhookEventType::ActionCreated]);
    let nobody = webhooks::enqueue(&mut conn, WebhookEventType::FactsheetPublished, &json!({})).expect("enqueue");
    assert_eq!(nobody, None, "no subscriber, no event");
    let rolled_back: Result<(), DbError> = in_transaction(&mut conn, |conn| {
        webhooks::enqueue(conn, WebhookEventType::ActionCreated, &json!({"action_id": "a1"}))?;
        Err(DbError::PreconditionFailed)
    });
    assert!(rolled_back.is_err());
    assert!(
        webhooks::deliveries_page(&mut conn, &subscription, None, 10)
            .expect("log")
            .is_empty()
    );
}

#[test]
fn a_lease_keeps_a_delivery_from_being_sent_twice_at_once() {
    let db = TestDatabase::new(Contents::Schema);
    let mut conn = db.connect().conn().expect("connection");
    let subscription = subscribe(&mut conn, &[WebhookEventType::ActionCreated]);
    let event = webhooks::enqueue(&mut conn, WebhookEventType::ActionCreated, &json!({"action_id": "a1"}))
        .expect("enqueue")
        .expect("a subscriber");
    let now = Utc::now().naive_utc() + TimeDelta::seconds(1);
    let lease = TimeDelta::seconds(30);

    let claimed = webhooks::claim_due(&mut conn, now, lease, 10).expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].event_id, event);
    assert!(
        claimed[0].body.contains(r#""type":"action.created""#),
        "{}",
        claimed[0].body
    );
    assert!(
        webhooks::claim_due(&mut conn, now, lease, 10)
            .expect("claim")
            .is_empty(),
        "leased"
    );
    // A server that stopped mid-attempt: its lease runs out and another sends it.
    let later = now + lease + TimeDelta::seconds(1);
    assert_eq!(
        webhooks::claim_due(&mut conn, later, lease, 10).expect("claim").len(),
        1
    );

    let retry_at = later + TimeDelta::seconds(5);
    webhooks::record_outcome(&mut conn, &event, &subscription, &failed_at(later, Some(retry_at))).expect("record");
    assert_eq!(status(&mut conn, &subscription), ("pending".into(), 1));
    assert!(
        webhooks::claim_due(&mut conn, later, lease, 10)
            .expect("claim")
            .is_empty(),
        "not yet due"
    );
    assert_eq!(
        webhooks::claim_due(&mut conn, retry_at, lease, 10)
            .expect("claim")
            .len(),
        1
    );

    webhooks::record_outcome(&mut conn, &event, &subscription, &failed_at(retry_at, None)).expect("record");
    assert_eq!(status(&mut conn, &subscription), ("failed".into(), 2));
    let much_later = retry_at + TimeDelta::days(1);
    assert!(
        webhooks::claim_due(&mut conn, much_later, lease, 10)
            .expect("claim")
            .is_empty(),
        "given up"
    );

    webhooks::delete(
        &mut conn,
        &Actor::system("test"),
        Owner::Only("user:admin"),
        &subscription,
    )
    .expect("delete");
    assert!(
        webhooks::deliveries_page(&mut conn, &subscription, None, 10)
            .expect("log")
            .is_empty()
    );
}

#[test]
fn a_deactivated_owner_gets_nothing_more() {
    let db = TestDatabase::new(Contents::Schema);
    let mut conn = db.connect().conn().expect("connection");
    let subscription = subscribe(&mut conn, &[WebhookEventType::ActionUpdated]);
    webhooks::enqueue(&mut conn, WebhookEventType::ActionUpdated, &json!({"action_id": "a1"})).expect("enqueue");
    webhooks::deactivate_owned_by(&mut conn, "user:admin").expect("deactivate");
    let log = webhooks::deliveries_page(&mut conn, &subscription, None, 10).expect("log");
    assert_eq!(log[0].status, "failed");
    assert_eq!(log[0].last_error.as_deref(), Some("the subscription was deactivated"));
    let later = Utc::now().naive_utc() + TimeDelta::hours(1);
    assert!(
        webhooks::claim_due(&mut conn, later, TimeDelta::seconds(30), 10)
            .expect("claim")
            .is_empty()
    );
    let none = webhooks::enqueue(&mut conn, WebhookEventType::ActionUpdated, &json!({})).expect("enqueue");
    assert_eq!(none, None, "inactive subscriptions get no new events");
}
