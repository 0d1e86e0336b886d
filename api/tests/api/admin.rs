//! Administration through HTTP: user accounts that can log in, partner
//! credentials whose secret is shown once, the audit trail, and that only admins
//! reach any of it.

use crate::helpers::{
    TestApp, Who, changed, client_credentials_grant, coded, expect_problem, header, json_body, new_partner, pointers,
    spawn_app, with_fields,
};
use serde_json::{Value, json};
use zorgpact_contract::admin::{CreatePartnerClientRequest, CreateUserRequest, UpdateUserRequest, UserResponse};
use zorgpact_contract::codes::{Ministry, Role, Scope};

const PASSWORD: &str = "lang-en-geheim-wachtwoord";

fn new_user(email: &str) -> CreateUserRequest {
    CreateUserRequest {
        email: email.into(),
        display_name: "Kartrekker Twente".into(),
        role: Role::Coordinator,
        ministry: None,
        regions: vec!["twente".into()],
        password: PASSWORD.into(),
    }
}

fn new_client(client_id: &str) -> CreatePartnerClientRequest {
    CreatePartnerClientRequest {
        client_id: client_id.into(),
        name: "Arbeidsmarktdashboard".into(),
        scopes: vec![Scope::IndicatorValuesWrite, Scope::ActionsRead],
        regions: vec!["twente".into()],
    }
}

/// The editable fields of a stored user (a response body), unchanged: an update
/// body that keeps the password.
fn user_fields(user: &Value) -> UpdateUserRequest {
    let user: UserResponse = serde_json::from_value(user.clone()).expect("a user");
    UpdateUserRequest {
        display_name: user.display_name,
        role: user.role,
        ministry: user.ministry,
        regions: user.regions,
        active: user.active,
        password: None,
    }
}

/// `user`'s fields, (de)activated.
fn active(user: &Value, active: bool) -> UpdateUserRequest {
    UpdateUserRequest {
        active,
        ..user_fields(user)
    }
}

/// Gives `user` a role, with a ministry and regions.
fn role(user: &mut CreateUserRequest, role: Role, ministry: Option<Ministry>, regions: &[&str]) {
    user.role = role;
    user.ministry = ministry;
    user.regions = regions.iter().map(|r| (*r).to_owned()).collect();
}

async fn create_user(app: &TestApp, email: &str) -> Value {
    let response = app.post_json("/api/v1/users", &new_user(email)).await;
    assert_eq!(response.status(), 201, "create {email}");
    response.json().await.expect("json")
}

async fn create_client(app: &TestApp, client_id: &str) -> Value {
    let response = app.post_json("/api/v1/partner-clients", &new_client(client_id)).await;
    assert_eq!(response.status(), 201, "create {client_id}");
    response.json().await.expect("json")
}

async fn client_credentials(app: &TestApp, client_id: &str, secret: &str) -> reqwest::Response {
    app.request_token(&client_credentials_grant(client_id, secret)).await
}

async fn audit(app: &TestApp, query: &str) -> (String, Value) {
    let response = app.get(&format!("/api/v1/audit{query}")).await;
    assert_eq!(response.status(), 200, "audit{query}");
    let text = response.text().await.expect("body");
    let body = serde_json::from_str(&text).expect("json");
    (text, body)
}

#[tokio::test]
async fn a_new_coordinator_logs_in_and_sees_role_and_regions() {
    let app = spawn_app().await;
    let response = app
        .post_json("/api/v1/users", &new_user("  Anne.de.Vries@ZorgpactTwente.NL "))
        .await;
    assert_eq!(response.status(), 201);
    let user: Value = {
        let location = response.headers()["location"].to_str().expect("ascii").to_owned();
        assert_eq!(header(&response, "etag"), "\"v1\"");
        let user: Value = response.json().await.expect("json");
        assert_eq!(location, format!("/api/v1/users/{}", user["id"].as_str().expect("id")));
        user
    };
    assert_eq!(user["email"], "anne.de.vries@zorgpacttwente.nl", "stored lowercase");
    assert_eq!(user["role"], "coordinator");
    assert_eq!(user["regions"], json!(["twente"]));
    assert_eq!(user["active"], true);
    let shown = user.to_string();
    assert!(!shown.contains("password") && !shown.contains("argon2"), "{shown}");

    let response = app.log_in("anne.de.vries@zorgpacttwente.nl", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let tokens: Value = response.json().await.expect("json");
    let access = tokens["access_token"].as_str().expect("access token");
    let me: Value = app
        .anonymous
        .get(app.url("/api/v1/me"))
        .bearer_auth(access)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(me["role"], "coordinator");
    assert_eq!(me["regions"], json!(["twente"]));
    assert_eq!(me["name"], "Kartrekker Twente");

    let response = app
        .get(&format!("/api/v1/users/{}", user["id"].as_str().expect("id")))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v1\"");
    assert_eq!(json_body(response).await, user);
}

#[tokio::test]
async fn invalid_user_input_is_refused_with_pointers() {
    let app = spawn_app().await;
    let good = new_user("nieuw@zorgpact.nl");
    // Each with the code (and the rule's number) the app translates; the rules
    // between role, ministry and regions too.
    let cases = [
        (
            changed(&good, |u| u.email = "geen-adres".into()),
            "/email invalid_format",
        ),
        (
            changed(&good, |u| u.email = format!("{}@zorgpact.nl", "a".repeat(250))),
            "/email too_long 254",
        ),
        (
            changed(&good, |u| u.password = "te-kort".into()),
            "/password too_short 12",
        ),
        (
            changed(&good, |u| role(u, Role::Official, None, &[])),
            "/ministry required",
        ),
        (
            changed(&good, |u| role(u, Role::Official, Some(Ministry::Vws), &["twente"])),
            "/regions not_allowed",
        ),
        (
            changed(&good, |u| role(u, Role::Coordinator, None, &[])),
            "/regions required",
        ),
        (
            changed(&good, |u| role(u, Role::Partner, None, &[])),
            "/role not_allowed",
        ),
        (
            changed(&good, |u| role(u, Role::Analyst, Some(Ministry::Ocw), &[])),
            "/ministry not_allowed",
        ),
        (
            changed(&good, |u| u.regions.push("Twente!".into())),
            "/regions/1 invalid_format",
        ),
        (
            changed(&good, |u| u.regions.push("twente".into())),
            "/regions/1 duplicate",
        ),
        (
            changed(&good, |u| u.display_name = " ".into()),
            "/display_name required",
        ),
        // What the body's type cannot hold: a wrong type, an unknown field.
        (with_fields(&good, json!({"role": 7})), "/role invalid_type"),
        (with_fields(&good, json!({"is_admin": true})), "/is_admin not_allowed"),
    ];
    for (body, expected) in &cases {
        let problem = expect_problem(app.post_json("/api/v1/users", body).await, 422).await;
        assert_eq!(coded(&problem), [*expected], "{body}");
    }
    // Every rejected field at once, so a form can be fixed in one go.
    let problem = expect_problem(
        app.post_json(
            "/api/v1/users",
            &CreateUserRequest {
                email: "x".into(),
                display_name: String::new(),
                role: Role::Official,
                ministry: None,
                regions: Vec::new(),
                password: "kort".into(),
            },
        )
        .await,
        422,
    )
    .await;
    let mut found = pointers(&problem);
    found.sort();
    assert_eq!(found, ["/display_name", "/email", "/ministry", "/password"]);
    // A region that does not exist.
    let problem = expect_problem(
        app.post_json(
            "/api/v1/users",
            &changed(&good, |u| u.regions = vec!["atlantis".into()]),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(coded(&problem), ["/regions unknown_reference"]);
    // Nothing was stored: the address is still free.
    create_user(&app, "nieuw@zorgpact.nl").await;
}

#[tokio::test]
async fn a_taken_email_address_is_a_conflict() {
    let app = spawn_app().await;
    create_user(&app, "anne@zorgpact.nl").await;
    expect_problem(app.post_json("/api/v1/users", &new_user("ANNE@zorgpact.nl")).await, 409).await;
    expect_problem(
        app.post_json("/api/v1/users", &new_user("admin@zorgpact.demo")).await,
        409,
    )
    .await;
}

#[tokio::test]
async fn a_retried_create_with_the_same_idempotency_key_creates_once() {
    let app = spawn_app().await;
    let send = || {
        app.client
            .post(app.url("/api/v1/users"))
            .header("Idempotency-Key", "create-anne-1")
            .json(&new_user("anne@zorgpact.nl"))
            .send()
    };
    let first = send().await.expect("request");
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.expect("json");
    let second = send().await.expect("request");
    assert_eq!(second.status(), 201);
    assert_eq!(second.headers()["idempotent-replayed"], "true");
    assert_eq!(second.json::<Value>().await.expect("json"), first);
    let (_, trail) = audit(&app, "?resource_type=user").await;
    let creates = trail["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|e| e["after"]["email"] == "anne@zorgpact.nl")
        .count();
    assert_eq!(creates, 1);
}

#[tokio::test]
async fn updates_need_the_current_version() {
    let app = spawn_app().await;
    let user = create_user(&app, "anne@zorgpact.nl").await;
    let path = format!("/api/v1/users/{}", user["id"].as_str().expect("id"));
    let renamed = UpdateUserRequest {
        display_name: "Anne de Vries".into(),
        ..user_fields(&user)
    };

    let response = app
        .client
        .put(app.url(&path))
        .json(&renamed)
        .send()
        .await
        .expect("request");
    expect_problem(response, 428).await;
    let response = app.put_json(&path, Some("\"v1\""), &renamed).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v2\"");
    let updated: Value = response.json().await.expect("json");
    assert_eq!(updated["display_name"], "Anne de Vries");
    assert_eq!(updated["version"], 2);

    // Someone else's edit was based on version 1.
    let stale = UpdateUserRequest {
        display_name: "A. de Vries".into(),
        ..user_fields(&user)
    };
    expect_problem(app.put_json(&path, Some("\"v1\""), &stale).await, 412).await;
    let now: Value = app.get(&path).await.json().await.expect("json");
    assert_eq!(now["display_name"], "Anne de Vries", "the stale edit changed nothing");

    // The same rules as a create: an official needs a ministry and no regions.
    let problem = expect_problem(
        app.put_json(
            &path,
            Some("\"v2\""),
            &UpdateUserRequest {
                role: Role::Official,
                regions: Vec::new(),
                ..user_fields(&user)
            },
        )
        .await,
        422,
    )
    .await;
    assert_eq!(pointers(&problem), ["/ministry"]);
    let response = app
        .put_json(
            &path,
            Some("\"v2\""),
            &UpdateUserRequest {
                role: Role::Official,
                ministry: Some(Ministry::Szw),
                regions: Vec::new(),
                ..user_fields(&user)
            },
        )
        .await;
    assert_eq!(response.status(), 200);
    let official: Value = response.json().await.expect("json");
    assert_eq!(
        (
            official["role"].clone(),
            official["ministry"].clone(),
            official["regions"].clone()
        ),
        (json!("official"), json!("SZW"), json!([]))
    );

    expect_problem(app.put_json("/api/v1/users/nobody", Some("*"), &renamed).await, 404).await;
    expect_problem(app.get("/api/v1/users/nobody").await, 404).await;
}

#[tokio::test]
async fn a_deactivated_user_cannot_log_in_and_a_new_password_replaces_the_old() {
    let app = spawn_app().await;
    let user = create_user(&app, "anne@zorgpact.nl").await;
    let path = format!("/api/v1/users/{}", user["id"].as_str().expect("id"));
    assert_eq!(app.log_in("anne@zorgpact.nl", PASSWORD).await.status(), 200);

    let response = app
        .put_json(
            &path,
            Some("\"v1\""),
            &UpdateUserRequest {
                password: Some("een-heel-nieuw-wachtwoord".into()),
                ..user_fields(&user)
            },
        )
        .await;
    assert_eq!(response.status(), 200);
    let user: Value = response.json().await.expect("json");
    assert_eq!(
        app.log_in("anne@zorgpact.nl", "een-heel-nieuw-wachtwoord")
            .await
            .status(),
        200
    );
    expect_problem(app.log_in("anne@zorgpact.nl", PASSWORD).await, 401).await;
    let problem = expect_problem(
        app.put_json(
            &path,
            Some("\"v2\""),
            &UpdateUserRequest {
                password: Some("kort".into()),
                ..user_fields(&user)
            },
        )
        .await,
        422,
    )
    .await;
    assert_eq!(pointers(&problem), ["/password"]);

    let response = app.put_json(&path, Some("\"v2\""), &active(&user, false)).await;
    assert_eq!(response.status(), 200);
    let inactive: Value = response.json().await.expect("json");
    assert_eq!(inactive["active"], false);
    expect_problem(app.log_in("anne@zorgpact.nl", "een-heel-nieuw-wachtwoord").await, 401).await;

    // Reactivated, the password (kept when none is sent) works again.
    let response = app.put_json(&path, Some("\"v3\""), &active(&inactive, true)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        app.log_in("anne@zorgpact.nl", "een-heel-nieuw-wachtwoord")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = spawn_app().await;
    let admin = create_user(&app, "beheer@zorgpact.nl").await;
    let path = format!("/api/v1/users/{}", admin["id"].as_str().expect("id"));
    let response = app
        .put_json(
            &path,
            Some("*"),
            &UpdateUserRequest {
                role: Role::Admin,
                regions: Vec::new(),
                ..user_fields(&admin)
            },
        )
        .await;
    assert_eq!(response.status(), 200);
    let tokens: Value = app
        .log_in("beheer@zorgpact.nl", PASSWORD)
        .await
        .json()
        .await
        .expect("json");
    let own = reqwest::Client::new();
    let access = tokens["access_token"].as_str().expect("token");
    let me: Value = own
        .get(app.url(&path))
        .bearer_auth(access)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let response = own
        .put(app.url(&path))
        .bearer_auth(access)
        .header("If-Match", "*")
        .json(&active(&me, false))
        .send()
        .await
        .expect("request");
    expect_problem(response, 409).await;
}

#[tokio::test]
async fn users_are_listed_by_email_in_pages() {
    let app = spawn_app().await;
    for email in ["zz@zorgpact.nl", "aa@zorgpact.nl", "mm@zorgpact.nl"] {
        create_user(&app, email).await;
    }
    let mut emails = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("?limit=2&cursor={c}"),
            None => "?limit=2".to_owned(),
        };
        let page: Value = app
            .get(&format!("/api/v1/users{query}"))
            .await
            .json()
            .await
            .expect("json");
        for user in page["items"].as_array().expect("items") {
            assert!(!user.to_string().contains("argon2"));
            emails.push(user["email"].as_str().expect("email").to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let mut sorted = emails.clone();
    sorted.sort();
    assert_eq!(emails, sorted);
    assert!(emails.contains(&"aa@zorgpact.nl".to_owned()) && emails.contains(&"admin@zorgpact.demo".to_owned()));
    assert_eq!(emails.len(), 10, "7 demo accounts and 3 new ones: {emails:?}");
    expect_problem(app.get("/api/v1/users?limit=0").await, 400).await;
    expect_problem(app.get("/api/v1/users?cursor=!!").await, 400).await;
}

#[tokio::test]
async fn a_partner_secret_is_shown_once_and_revoking_ends_its_tokens() {
    let app = spawn_app().await;
    let response = app
        .post_json("/api/v1/partner-clients", &new_client("dashboard-twente"))
        .await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().expect("ascii").to_owned();
    let created: Value = response.json().await.expect("json");
    let secret = created["client_secret"].as_str().expect("secret").to_owned();
    assert!(secret.len() >= 40, "256 random bits");
    assert_eq!(created["scopes"], json!(["indicator-values:write", "actions:read"]));
    assert_eq!(created["regions"], json!(["twente"]));
    assert_eq!(created["active"], true);

    let response = app.get(&location).await;
    assert_eq!(response.status(), 200);
    let tag = header(&response, "etag");
    let stored = response.text().await.expect("body");
    assert!(!stored.contains(&secret) && !stored.contains("client_secret") && !stored.contains("argon2"));
    let list = app.get("/api/v1/partner-clients").await.text().await.expect("body");
    assert!(list.contains("dashboard-twente") && list.contains("demo-dashboard-twente"));
    assert!(!list.contains(&secret) && !list.contains("client_secret") && !list.contains("argon2"));

    let response = client_credentials(&app, "dashboard-twente", &secret).await;
    assert_eq!(response.status(), 200);
    let tokens: Value = response.json().await.expect("json");
    let me: Value = app
        .anonymous
        .get(app.url("/api/v1/me"))
        .bearer_auth(tokens["access_token"].as_str().expect("token"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(me["role"], "partner");
    assert_eq!(me["scopes"], json!(["indicator-values:write", "actions:read"]));
    expect_problem(client_credentials(&app, "dashboard-twente", "wrong-secret").await, 401).await;

    let response = app.client.delete(app.url(&location)).send().await.expect("request");
    expect_problem(response, 428).await;
    let response = app
        .client
        .delete(app.url(&location))
        .header("If-Match", "\"v7\"")
        .send()
        .await
        .expect("request");
    expect_problem(response, 412).await;
    let response = app
        .client
        .delete(app.url(&location))
        .header("If-Match", tag)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 204);
    expect_problem(client_credentials(&app, "dashboard-twente", &secret).await, 401).await;
    let revoked: Value = app.get(&location).await.json().await.expect("json");
    assert_eq!(revoked["active"], false);

    // The client id stays taken; unknown credentials are 404.
    expect_problem(
        app.post_json("/api/v1/partner-clients", &new_client("dashboard-twente"))
            .await,
        409,
    )
    .await;
    expect_problem(app.get("/api/v1/partner-clients/nothing").await, 404).await;
    let response = app
        .client
        .delete(app.url("/api/v1/partner-clients/nothing"))
        .header("If-Match", "*")
        .send()
        .await
        .expect("request");
    expect_problem(response, 404).await;
}

#[tokio::test]
async fn invalid_partner_credentials_are_refused_with_pointers() {
    let app = spawn_app().await;
    let good = CreatePartnerClientRequest {
        client_id: "dash".into(),
        name: "D".into(),
        scopes: Vec::new(),
        regions: Vec::new(),
    };
    let cases = [
        (
            changed(&good, |c| c.client_id = "Dashboard Twente".into()),
            "/client_id",
        ),
        (changed(&good, |c| c.name = String::new()), "/name"),
        (
            changed(&good, |c| c.scopes = vec![Scope::ActionsRead, Scope::ActionsRead]),
            "/scopes/1",
        ),
        (changed(&good, |c| c.scopes = vec![Scope::ActionsWrite]), "/regions"),
        (changed(&good, |c| c.regions = vec!["atlantis".into()]), "/regions"),
        // What the body's type cannot hold: an unknown code, a field of its own.
        (with_fields(&good, json!({"scopes": ["admin"]})), "/scopes/0"),
        (with_fields(&good, json!({"client_secret": "mine"})), "/client_secret"),
    ];
    for (body, pointer) in &cases {
        let problem = expect_problem(app.post_json("/api/v1/partner-clients", body).await, 422).await;
        let found = pointers(&problem);
        assert!(
            found.iter().any(|p| p == pointer) || (*pointer == "/client_secret" && !found.is_empty()),
            "{body} should be refused at {pointer}, got {found:?}"
        );
    }
}

#[tokio::test]
async fn the_audit_trail_shows_changes_without_secrets() {
    let app = spawn_app().await;
    let user = create_user(&app, "anne@zorgpact.nl").await;
    let id = user["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/users/{id}");
    let response = app
        .put_json(
            &path,
            Some("\"v1\""),
            &UpdateUserRequest {
                display_name: "Anne de Vries".into(),
                password: Some("een-heel-nieuw-wachtwoord".into()),
                ..user_fields(&user)
            },
        )
        .await;
    assert_eq!(response.status(), 200);
    let client = create_client(&app, "dashboard-twente").await;
    let secret = client["client_secret"].as_str().expect("secret").to_owned();

    let (_, trail) = audit(&app, &format!("?resource_type=user&resource_id={id}")).await;
    let items = trail["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{trail}");
    let created = &items[0];
    assert_eq!(created["operation"], "create");
    assert_eq!(created["resource_type"], "user");
    assert_eq!(created["resource_id"], id.as_str());
    assert!(created["before"].is_null());
    assert_eq!(created["after"]["email"], "anne@zorgpact.nl");
    assert_eq!(created["after"]["regions"], json!(["twente"]));
    assert!(
        created["actor"].as_str().is_some_and(|a| a.starts_with("user:admin")),
        "{created}"
    );
    let occurred_at = created["occurred_at"].as_str().expect("occurred_at");
    assert!(
        occurred_at.len() == 24 && occurred_at.ends_with('Z') && occurred_at.as_bytes()[10] == b'T',
        "ISO 8601 in UTC: {occurred_at}"
    );
    let updated = &items[1];
    assert_eq!(updated["operation"], "update");
    assert_eq!(updated["before"]["display_name"], "Kartrekker Twente");
    assert_eq!(updated["after"]["display_name"], "Anne de Vries");
    assert!(updated["id"].as_str() > created["id"].as_str(), "newest last");

    // No password hash, password or client secret anywhere in the whole trail.
    let mut cursor: Option<String> = None;
    let mut seen = 0;
    loop {
        let query = match &cursor {
            Some(c) => format!("?limit=200&cursor={c}"),
            None => "?limit=200".to_owned(),
        };
        let (text, page) = audit(&app, &query).await;
        for forbidden in [
            "argon2",
            "password",
            "secret_hash",
            PASSWORD,
            "een-heel-nieuw-wachtwoord",
            secret.as_str(),
        ] {
            assert!(!text.contains(forbidden), "the audit trail shows {forbidden:?}");
        }
        seen += page["items"].as_array().map_or(0, Vec::len);
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert!(seen >= 3);

    let (_, partner) = audit(&app, "?resource_type=partner_client").await;
    let items = partner["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["after"]["client_id"], "dashboard-twente");
}

#[tokio::test]
async fn the_audit_trail_filters_and_pages() {
    let app = spawn_app().await;
    for email in ["a@zorgpact.nl", "b@zorgpact.nl", "c@zorgpact.nl"] {
        create_user(&app, email).await;
    }
    // The same change by someone else: the Twente coordinator edits a region partner.
    let response = app
        .client_as(Who::CoordinatorTwente)
        .post(app.url("/api/v1/regions/twente/partners"))
        .json(&new_partner("Gemeente Hengelo", "municipality"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);

    let mut emails = Vec::new();
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("?resource_type=user&limit=1&cursor={c}"),
            None => "?resource_type=user&limit=1".to_owned(),
        };
        let (_, page) = audit(&app, &query).await;
        let items = page["items"].as_array().expect("items");
        assert!(items.len() <= 1);
        for item in items {
            emails.push(item["after"]["email"].as_str().expect("email").to_owned());
            ids.push(item["id"].as_str().expect("id").to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        emails,
        ["a@zorgpact.nl", "b@zorgpact.nl", "c@zorgpact.nl"],
        "oldest first"
    );

    let (_, by_coordinator) = audit(&app, "?actor=USER:COORDINATOR-TWENTE").await;
    let items = by_coordinator["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{by_coordinator}");
    assert_eq!(items[0]["resource_type"], "partner");
    assert!(items[0]["before"].is_null());
    assert_eq!(items[0]["after"]["organisation"], "Gemeente Hengelo");
    let (_, nobody) = audit(&app, "?actor=user:admin_").await;
    assert_eq!(nobody["items"], json!([]), "`_` is no wildcard");
    let (_, none) = audit(&app, &format!("?resource_id={}", ids[0].as_str())).await;
    assert_eq!(none["items"], json!([]), "audit ids are not resource ids");

    expect_problem(app.get("/api/v1/audit?limit=0").await, 400).await;
    expect_problem(app.get("/api/v1/audit?limit=many").await, 400).await;
    expect_problem(app.get("/api/v1/audit?cursor=%25%25").await, 400).await;
    let long = "x".repeat(201);
    expect_problem(app.get(&format!("/api/v1/audit?actor={long}")).await, 400).await;
}

/// Who gets what on an admin endpoint: admins the success status, other
/// identities 403, anonymous callers 401.
fn expected(who: Option<Who>, ok: u16) -> u16 {
    match who {
        None => 401,
        Some(Who::Admin) => ok,
        Some(_) => 403,
    }
}

#[tokio::test]
async fn only_admins_reach_the_admin_endpoints() {
    let app = spawn_app().await;
    let user = create_user(&app, "bestaand@zorgpact.nl").await;
    let user_path = format!("/api/v1/users/{}", user["id"].as_str().expect("id"));
    let client = create_client(&app, "bestaand").await;
    let client_path = format!("/api/v1/partner-clients/{}", client["id"].as_str().expect("id"));
    let unchanged = user_fields(&user);

    let identities: Vec<Option<Who>> = std::iter::once(None).chain(Who::ALL.into_iter().map(Some)).collect();
    let mut cases = 0;
    for (n, who) in identities.iter().copied().enumerate() {
        let http = match who {
            Some(who) => app.client_as(who),
            None => app.anonymous.clone(),
        };
        let label = format!("{who:?}");
        // A fresh credential per identity, so an allowed revoke has something to revoke.
        let fresh = create_client(&app, &format!("te-herroepen-{n}")).await;
        let fresh_path = format!("/api/v1/partner-clients/{}", fresh["id"].as_str().expect("id"));
        let requests = [
            ("GET /audit", http.get(app.url("/api/v1/audit")), 200),
            ("GET /users", http.get(app.url("/api/v1/users")), 200),
            ("GET /users/{id}", http.get(app.url(&user_path)), 200),
            (
                "POST /users",
                http.post(app.url("/api/v1/users"))
                    .json(&new_user(&format!("nieuw-{n}@zorgpact.nl"))),
                201,
            ),
            (
                "PUT /users/{id}",
                http.put(app.url(&user_path)).header("If-Match", "*").json(&unchanged),
                200,
            ),
            (
                "GET /partner-clients",
                http.get(app.url("/api/v1/partner-clients")),
                200,
            ),
            ("GET /partner-clients/{id}", http.get(app.url(&client_path)), 200),
            (
                "POST /partner-clients",
                http.post(app.url("/api/v1/partner-clients"))
                    .json(&new_client(&format!("nieuw-{n}"))),
                201,
            ),
            (
                "DELETE /partner-clients/{id}",
                http.delete(app.url(&fresh_path)).header("If-Match", "*"),
                204,
            ),
        ];
        for (endpoint, request, ok) in requests {
            let response = request.send().await.expect("request");
            assert_eq!(response.status().as_u16(), expected(who, ok), "{endpoint} as {label}");
            cases += 1;
        }
    }
    eprintln!("admin access: {cases} (endpoint × identity) cases checked");
    assert_eq!(cases, 9 * 9);
}
