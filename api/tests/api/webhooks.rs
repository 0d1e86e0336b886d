//! Webhooks through HTTP: subscribing, signed deliveries to a receiver on
//! loopback that fails first, retries, a restart in between, the delivery log,
//! and who may subscribe.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde::Serialize;
use serde_json::{Value, json};
use sha2::Sha256;
use zorgpact_api::webhooks::WebhookSettings;
use zorgpact_contract::admin::CreatePartnerClientRequest;
use zorgpact_contract::codes::{DeliveryStatus, Ministry, Scope, WebhookEventType};
use zorgpact_contract::webhook::{
    CreateWebhookSubscriptionRequest, CreatedWebhookSubscriptionResponse, WebhookDeliveryListResponse,
    WebhookDeliveryResponse, WebhookSubscriptionListResponse,
};

use crate::helpers::{
    Access, TestApp, Who, allowed_or, check_access, client_credentials_grant, comment, expect_problem, json_body,
    new_action, new_barrier, new_factsheet, pointers, spawn_app, spawn_app_with_webhooks, step_to, test_webhooks,
    with_fields,
};

const SUBSCRIPTIONS: &str = "/api/v1/webhook-subscriptions";

/// What a receiver got: the `webhook-*` headers and the body.
#[derive(Debug, Clone)]
struct Received {
    id: String,
    timestamp: String,
    signature: String,
    body: String,
}

/// A receiver on loopback that answers 500 to its first `fail_first` requests
/// and 204 to the rest, keeping every request.
struct Receiver {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    fn start(fail_first: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://127.0.0.1:{}/hook", listener.local_addr().expect("addr").port());
        let received = Arc::new(Mutex::new(Vec::new()));
        let shared = web::Data::new((received.clone(), fail_first));
        let server = HttpServer::new(move || {
            App::new().app_data(shared.clone()).default_service(web::to(
                |req: HttpRequest, body: web::Bytes, state: web::Data<(Arc<Mutex<Vec<Received>>>, usize)>| async move {
                    let header = |name: &str| {
                        req.headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    let mut received = state.0.lock().expect("lock");
                    received.push(Received {
                        id: header("webhook-id"),
                        timestamp: header("webhook-timestamp"),
                        signature: header("webhook-signature"),
                        body: String::from_utf8_lossy(&body).into_owned(),
                    });
                    if received.len() <= state.1 {
                        HttpResponse::InternalServerError().finish()
                    } else {
                        HttpResponse::NoContent().finish()
                    }
                },
            ))
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        tokio::spawn(server);
        Self { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }
}

/// Verifies a Standard Webhooks signature as a receiver would.
fn verifies(secret: &str, message: &Received) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("whsec_ prefix"))
        .expect("base64 key");
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("any key length");
    mac.update(format!("{}.{}.{}", message.id, message.timestamp, message.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    message.signature.split(' ').any(|signature| signature == expected)
}

fn subscription(url: &str, event_types: &[WebhookEventType]) -> CreateWebhookSubscriptionRequest {
    CreateWebhookSubscriptionRequest {
        url: url.into(),
        event_types: event_types.to_vec(),
        description: Some("Arbeidsmarktdashboard".into()),
    }
}

async fn subscribe(
    client: &reqwest::Client,
    app: &TestApp,
    url: &str,
    types: &[WebhookEventType],
) -> CreatedWebhookSubscriptionResponse {
    let response = client
        .post(app.url(SUBSCRIPTIONS))
        .json(&subscription(url, types))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201, "subscribe");
    let location = response
        .headers()
        .get("location")
        .expect("location")
        .to_str()
        .expect("ascii")
        .to_owned();
    let created: CreatedWebhookSubscriptionResponse = response.json().await.expect("subscription");
    assert_eq!(location, format!("{SUBSCRIPTIONS}/{}", created.subscription.id));
    created
}

async fn deliveries(app: &TestApp, subscription_id: &str) -> Vec<WebhookDeliveryResponse> {
    let response = app.get(&format!("{SUBSCRIPTIONS}/{subscription_id}/deliveries")).await;
    assert_eq!(response.status(), 200, "delivery log");
    let log: WebhookDeliveryListResponse = response.json().await.expect("log");
    log.items
}

/// The delivery log once `done` holds, within ten seconds.
async fn log_when(
    app: &TestApp,
    subscription_id: &str,
    done: impl Fn(&[WebhookDeliveryResponse]) -> bool,
) -> Vec<WebhookDeliveryResponse> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let log = deliveries(app, subscription_id).await;
        if done(&log) {
            return log;
        }
        assert!(Instant::now() < deadline, "delivery log never got there: {log:?}");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

fn delivered(log: &[WebhookDeliveryResponse]) -> bool {
    !log.is_empty() && log.iter().all(|d| d.status == DeliveryStatus::Delivered)
}

async fn add_action(app: &TestApp, title: &str) -> String {
    let response = app.create_action(&new_action("twente", title, &[])).await;
    assert_eq!(response.status(), 201, "create action");
    json_body(response).await["id"].as_str().expect("id").to_owned()
}

#[tokio::test]
async fn a_delivery_is_signed_retried_after_a_failure_and_logged() {
    let app = spawn_app().await;
    let receiver = Receiver::start(1);
    let created = subscribe(&app.client, &app, &receiver.url, &[WebhookEventType::ActionCreated]).await;
    assert!(created.secret.starts_with("whsec_"), "{}", created.secret);
    let action_id = add_action(&app, "Zij-instroom ouderenzorg").await;

    let log = log_when(&app, &created.subscription.id, delivered).await;
    let [delivery] = log.as_slice() else {
        panic!("one delivery: {log:?}")
    };
    assert_eq!(delivery.event_type, WebhookEventType::ActionCreated);
    assert_eq!(delivery.attempts, 2, "one failure, then delivered");
    assert_eq!(delivery.last_status_code, Some(204));
    assert_eq!(delivery.last_error.as_deref(), Some("the receiver answered 500"));
    assert!(delivery.delivered_at.is_some() && delivery.next_attempt_at.is_none());

    let received = receiver.received();
    assert_eq!(received.len(), 2, "{received:?}");
    for message in &received {
        assert_eq!(message.id, delivery.event_id, "the same webhook-id on every attempt");
        assert!(verifies(&created.secret, message), "signature of {message:?}");
        assert!(!verifies("whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB", message));
        let sent: i64 = message.timestamp.parse().expect("unix seconds");
        assert!((chrono::Utc::now().timestamp() - sent).abs() < 300);
    }
    assert_eq!(received[0].body, received[1].body, "a retry sends the same body");
    let body: Value = serde_json::from_str(&received[0].body).expect("JSON body");
    assert_eq!(body["type"], "action.created");
    assert_eq!(body["data"]["action_id"], action_id.as_str());
    assert_eq!(body["data"]["region_code"], "twente");
}

#[tokio::test]
async fn archiving_and_restoring_an_action_are_announced_as_updates() {
    let app = spawn_app().await;
    let receiver = Receiver::start(0);
    let updates = subscribe(&app.client, &app, &receiver.url, &[WebhookEventType::ActionUpdated]).await;
    let action_id = add_action(&app, "Tijdelijk gearchiveerd").await;
    let path = format!("/api/v1/actions/{action_id}");
    assert_eq!(app.delete(&path, Some("*")).await.status(), 204);
    let response = app
        .client
        .post(app.url(&format!("{path}/restore")))
        .header("If-Match", "*")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);

    let log = log_when(&app, &updates.subscription.id, |log| log.len() == 2 && delivered(log)).await;
    assert_eq!(log.len(), 2, "the create is no update: {log:?}");
    let mut seen: Vec<(Value, Value)> = receiver
        .received()
        .iter()
        .map(|message| {
            let body: Value = serde_json::from_str(&message.body).expect("JSON body");
            assert_eq!(body["type"], "action.updated");
            (body["data"]["version"].clone(), body["data"]["archived"].clone())
        })
        .collect();
    seen.sort_by_key(|(version, _)| version.as_i64());
    assert_eq!(seen, [(json!(2), json!(true)), (json!(3), json!(false))]);
}

#[tokio::test]
async fn barrier_steps_reach_only_the_subscribers_of_their_type() {
    let app = spawn_app().await;
    let receiver = Receiver::start(0);
    let steps = subscribe(
        &app.client,
        &app,
        &receiver.url,
        &[WebhookEventType::BarrierTransitioned],
    )
    .await;
    let actions = subscribe(&app.client, &app, &receiver.url, &[WebhookEventType::ActionCreated]).await;
    let response = app
        .post_json("/api/v1/barrier-tickets", &new_barrier("twente", Some("VWS"), "Stage"))
        .await;
    assert_eq!(response.status(), 201);
    let ticket_id = json_body(response).await["id"].as_str().expect("id").to_owned();
    let mut triage = step_to("triaged");
    triage.ministry = Some(Ministry::Vws);
    triage.official = Some(app.official_id("VWS").await);
    assert_eq!(app.take_step(Who::Admin, &ticket_id, &triage).await.status(), 201);

    let log = log_when(&app, &steps.subscription.id, delivered).await;
    assert_eq!(log.len(), 1, "filing is no step; the triage is: {log:?}");
    let received = receiver.received();
    let body: Value = serde_json::from_str(&received[0].body).expect("JSON body");
    assert_eq!(body["type"], "barrier.transitioned");
    assert_eq!(
        body["data"],
        json!({"ticket_id": ticket_id, "region_code": "twente", "from": "submitted", "to": "triaged", "version": 2})
    );
    assert!(deliveries(&app, &actions.subscription.id).await.is_empty());
}

#[tokio::test]
async fn comments_are_announced_without_their_text_and_internal_notes_not_at_all() {
    let app = spawn_app().await;
    let receiver = Receiver::start(0);
    let comments = subscribe(&app.client, &app, &receiver.url, &[WebhookEventType::BarrierCommented]).await;
    let response = app
        .post_json("/api/v1/barrier-tickets", &new_barrier("twente", Some("VWS"), "Stage"))
        .await;
    let ticket_id = json_body(response).await["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/barrier-tickets/{ticket_id}/comments");
    let note = app.post_json(&path, &comment("Intern: eerst SZW bellen.", true)).await;
    assert_eq!(note.status(), 201);
    let public = app.post_json(&path, &comment("Wanneer start de groep?", false)).await;
    assert_eq!(public.status(), 201);
    let comment_id = json_body(public).await["id"].as_str().expect("id").to_owned();

    let log = log_when(&app, &comments.subscription.id, delivered).await;
    assert_eq!(log.len(), 1, "the internal note is not announced: {log:?}");
    let body: Value = serde_json::from_str(&receiver.received()[0].body).expect("JSON body");
    assert_eq!(body["type"], "barrier.commented");
    assert_eq!(
        body["data"],
        json!({"ticket_id": ticket_id, "region_code": "twente", "comment_id": comment_id})
    );
}

#[tokio::test]
async fn publishing_a_factsheet_is_announced() {
    let app = spawn_app().await;
    let receiver = Receiver::start(0);
    let published = subscribe(
        &app.client,
        &app,
        &receiver.url,
        &[WebhookEventType::FactsheetPublished],
    )
    .await;
    let response = app
        .post_json(
            "/api/v1/factsheets",
            &new_factsheet(Ministry::Ocw, "Mag een ketenstage met één contract?"),
        )
        .await;
    assert_eq!(response.status(), 201);
    let id = json_body(response).await["id"].as_str().expect("id").to_owned();
    let response = app
        .client
        .post(app.url(&format!("/api/v1/factsheets/{id}/publish")))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);

    log_when(&app, &published.subscription.id, delivered).await;
    let body: Value = serde_json::from_str(&receiver.received()[0].body).expect("JSON body");
    assert_eq!(body["type"], "factsheet.published");
    assert_eq!(body["data"]["factsheet_id"], id.as_str());
    assert_eq!(
        (body["data"]["version"].as_i64(), body["data"]["ministry"].as_str()),
        (Some(1), Some("OCW"))
    );
}

#[tokio::test]
async fn deliveries_wait_in_the_outbox_across_a_restart() {
    // The first server reads its outbox only once, at start: as if it stopped
    // before it got to the delivery.
    let asleep = WebhookSettings {
        poll_every: Duration::from_secs(3600),
        ..test_webhooks()
    };
    let app = spawn_app_with_webhooks(asleep).await;
    let receiver = Receiver::start(0);
    let created = subscribe(&app.client, &app, &receiver.url, &[WebhookEventType::ActionCreated]).await;
    add_action(&app, "Leerwerkplekken").await;
    let log = deliveries(&app, &created.subscription.id).await;
    let [pending] = log.as_slice() else {
        panic!("one delivery: {log:?}")
    };
    assert_eq!(pending.status, DeliveryStatus::Pending);
    assert_eq!(pending.attempts, 0);
    assert!(pending.next_attempt_at.is_some());

    let app = app.restart(test_webhooks()).await;
    let log = log_when(&app, &created.subscription.id, delivered).await;
    assert_eq!(log[0].event_id, pending.event_id);
    assert_eq!(log[0].attempts, 1);
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].id, pending.event_id);
    assert!(verifies(&created.secret, &received[0]));
}

/// The pointers of the 422 a subscription with `body` gets.
async fn refused(app: &TestApp, body: &impl Serialize) -> Vec<String> {
    pointers(&expect_problem(app.post_json(SUBSCRIPTIONS, body).await, 422).await)
}

#[tokio::test]
async fn receivers_and_event_types_are_checked() {
    let app = spawn_app().await;
    let url = "https://dashboard.example.nl/hook";
    let created = [WebhookEventType::ActionCreated];
    let plain_http = subscription("http://dashboard.example.nl/hook", &created);
    assert_eq!(refused(&app, &plain_http).await, ["/url"]);
    let private = subscription("https://10.1.2.3/hook", &created);
    assert_eq!(refused(&app, &private).await, ["/url"]);
    assert_eq!(refused(&app, &subscription(url, &[])).await, ["/event_types"]);
    // An event type the body's type does not know.
    let unknown = with_fields(&subscription(url, &created), json!({"event_types": ["action.deleted"]}));
    assert_eq!(refused(&app, &unknown).await, ["/event_types/0"]);
    let long_description = CreateWebhookSubscriptionRequest {
        description: Some("x".repeat(501)),
        ..subscription(url, &created)
    };
    assert_eq!(refused(&app, &long_description).await, ["/description"]);
    let long_url = subscription(&format!("{url}/{}", "a".repeat(2000)), &created);
    assert_eq!(refused(&app, &long_url).await, ["/url"]);

    let production = spawn_app_with_webhooks(WebhookSettings {
        allow_loopback: false,
        ..test_webhooks()
    })
    .await;
    let loopback = subscription("http://127.0.0.1:9/hook", &[WebhookEventType::ActionCreated]);
    let problem = expect_problem(production.post_json(SUBSCRIPTIONS, &loopback).await, 422).await;
    assert_eq!(pointers(&problem), ["/url"]);
    let https = subscription(url, &[WebhookEventType::ActionCreated]);
    assert_eq!(production.post_json(SUBSCRIPTIONS, &https).await.status(), 201);
}

#[tokio::test]
async fn only_admins_and_partners_with_the_scope_subscribe() {
    let app = spawn_app().await;
    let url = "https://dashboard.example.nl/hook";
    let admins_only = |who| allowed_or(who, &[Who::Admin], 201);
    check_access(
        &app,
        &[
            Access::new(Method::POST, SUBSCRIPTIONS, admins_only)
                .body(&subscription(url, &[WebhookEventType::ActionUpdated])),
            Access::get(SUBSCRIPTIONS, |who| allowed_or(who, &[Who::Admin], 200)),
        ],
    )
    .await;

    // A partner system given the scope subscribes and reaches only its own.
    let credential = app
        .post_json(
            "/api/v1/partner-clients",
            &CreatePartnerClientRequest {
                client_id: "webhook-twente".into(),
                name: "Webhooks Twente".into(),
                scopes: vec![Scope::WebhooksManage],
                regions: Vec::new(),
            },
        )
        .await;
    assert_eq!(credential.status(), 201);
    let credential = json_body(credential).await;
    let secret = credential["client_secret"].as_str().expect("secret").to_owned();
    let token = app
        .request_token(&client_credentials_grant("webhook-twente", &secret))
        .await;
    assert_eq!(token.status(), 200);
    let token = json_body(token).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse().expect("header"),
    );
    let partner = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("client");

    let own = subscribe(&partner, &app, url, &[WebhookEventType::BarrierTransitioned]).await;
    assert_eq!(own.subscription.owner, "partner:webhook-twente");
    let listed: WebhookSubscriptionListResponse = partner
        .get(app.url(SUBSCRIPTIONS))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("list");
    assert_eq!(
        listed.items,
        std::slice::from_ref(&own.subscription),
        "the secret is not shown again"
    );
    let everyone: WebhookSubscriptionListResponse = app.get(SUBSCRIPTIONS).await.json().await.expect("list");
    assert_eq!(everyone.items.len(), 2, "admins see every subscription");
    let admins = &everyone
        .items
        .iter()
        .find(|s| s.owner == "user:admin")
        .expect("the admin's")
        .id;
    for path in [
        format!("{SUBSCRIPTIONS}/{admins}"),
        format!("{SUBSCRIPTIONS}/{admins}/deliveries"),
    ] {
        let response = partner.get(app.url(&path)).send().await.expect("request");
        expect_problem(response, 404).await;
    }
    let response = partner
        .delete(app.url(&format!("{SUBSCRIPTIONS}/{admins}")))
        .send()
        .await
        .expect("request");
    expect_problem(response, 404).await;

    let mine = format!("{SUBSCRIPTIONS}/{}", own.subscription.id);
    let read = partner.get(app.url(&mine)).send().await.expect("request");
    assert_eq!(read.status(), 200);
    let text = read.text().await.expect("body");
    assert!(!text.contains("whsec_") && !text.contains("secret"), "{text}");
    assert_eq!(
        partner.delete(app.url(&mine)).send().await.expect("request").status(),
        204
    );
    expect_problem(partner.get(app.url(&mine)).send().await.expect("request"), 404).await;
    expect_problem(app.get(&format!("{SUBSCRIPTIONS}/nothing/deliveries")).await, 404).await;

    // Revoking the credential stops its subscriptions.
    let kept = subscribe(&partner, &app, url, &[WebhookEventType::ActionUpdated]).await;
    let credential_url = format!("/api/v1/partner-clients/{}", credential["id"].as_str().expect("id"));
    assert_eq!(app.delete(&credential_url, Some("*")).await.status(), 204);
    let after: Value = json_body(app.get(&format!("{SUBSCRIPTIONS}/{}", kept.subscription.id)).await).await;
    assert_eq!(after["active"], false);
}
