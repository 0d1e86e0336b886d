//! Who may do what with regions and partners: every endpoint as anonymous and as
//! every role, with the exact status; and the audit trail of each change.

use crate::helpers::{TestApp, Who, spawn_app};
use serde_json::{Value, json};

/// Expected status per identity, in the order of [`identities`].
fn identities() -> Vec<Option<Who>> {
    std::iter::once(None).chain(Who::ALL.into_iter().map(Some)).collect()
}

fn client(app: &TestApp, who: Option<Who>) -> reqwest::Client {
    match who {
        Some(who) => app.client_as(who),
        None => app.anonymous.clone(),
    }
}

/// Public reads: everyone, anonymous included.
#[tokio::test]
async fn reads_are_public() {
    let app = spawn_app().await;
    let mut cases = 0;
    for path in [
        "/api/v1/regions",
        "/api/v1/regions/twente",
        "/api/v1/regions/twente/partners",
    ] {
        for who in identities() {
            let status = client(&app, who)
                .get(app.url(path))
                .send()
                .await
                .expect("request")
                .status();
            assert_eq!(status, 200, "GET {path} as {who:?}");
            cases += 1;
        }
    }
    eprintln!("regions access: {cases} read cases");
}

/// Creating and updating regions is for the programme team.
#[tokio::test]
async fn only_admins_manage_regions() {
    let app = spawn_app().await;
    let mut cases = 0;
    for (n, who) in identities().into_iter().enumerate() {
        let expected = match who {
            None => 401,
            Some(Who::Admin) => 201,
            Some(_) => 403,
        };
        let body = json!({"code": format!("proefregio-{n}"), "name": format!("Proefregio {n}"), "pact_name": "Zorgpact Proef"});
        let status = client(&app, who)
            .post(app.url("/api/v1/regions"))
            .json(&body)
            .send()
            .await
            .expect("request")
            .status();
        assert_eq!(status, expected, "POST /regions as {who:?}");

        let current: Value = app.get("/api/v1/regions/zeeland").await.json().await.expect("json");
        let fields = json!({
            "name": current["name"], "pact_name": current["pact_name"], "signed_on": current["signed_on"],
            "ambition": current["ambition"], "agenda_role": current["agenda_role"],
            "regioplus_code": current["regioplus_code"], "cbs_code": current["cbs_code"]
        });
        let expected = if expected == 201 { 200 } else { expected };
        let status = client(&app, who)
            .put(app.url("/api/v1/regions/zeeland"))
            .header("If-Match", "*")
            .json(&fields)
            .send()
            .await
            .expect("request")
            .status();
        assert_eq!(status, expected, "PUT /regions/zeeland as {who:?}");
        cases += 2;
    }
    eprintln!("regions access: {cases} region-management cases");
}

/// Partners of a region: its coordinators and the programme team.
#[tokio::test]
async fn coordinators_manage_their_own_regions_partners() {
    let app = spawn_app().await;
    let mut cases = 0;
    for (n, who) in identities().into_iter().enumerate() {
        let expected_add = match who {
            None => 401,
            Some(Who::Admin | Who::CoordinatorTwente) => 201,
            Some(_) => 403,
        };
        let body = json!({"organisation": format!("Proefpartner {n}"), "sector": "care"});
        let status = client(&app, who)
            .post(app.url("/api/v1/regions/twente/partners"))
            .json(&body)
            .send()
            .await
            .expect("request")
            .status();
        assert_eq!(status, expected_add, "POST /regions/twente/partners as {who:?}");

        // A fresh partner (added by the admin) for each removal attempt.
        let created: Value = app
            .client
            .post(app.url("/api/v1/regions/twente/partners"))
            .json(&json!({"organisation": format!("Te verwijderen {n}"), "sector": "welfare"}))
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("json");
        let path = format!(
            "/api/v1/regions/twente/partners/{}",
            created["id"].as_str().expect("id")
        );
        let expected_remove = if expected_add == 201 { 204 } else { expected_add };
        let status = client(&app, who)
            .delete(app.url(&path))
            .header("If-Match", "*")
            .send()
            .await
            .expect("request")
            .status();
        assert_eq!(status, expected_remove, "DELETE {path} as {who:?}");
        cases += 2;
    }
    eprintln!("regions access: {cases} partner cases");
}

#[tokio::test]
async fn every_change_leaves_one_audit_entry_with_before_and_after() {
    let app = spawn_app().await;
    let created = app
        .client
        .post(app.url("/api/v1/regions"))
        .json(&json!({"code": "audit-regio", "name": "Auditregio", "pact_name": "Zorgpact Audit"}))
        .send()
        .await
        .expect("request");
    assert_eq!(created.status(), 201);
    let updated = app
        .client
        .put(app.url("/api/v1/regions/audit-regio"))
        .header("If-Match", "\"v1\"")
        .json(&json!({"name": "Auditregio", "pact_name": "Zorgpact Audit", "ambition": "Nieuwe ambitie"}))
        .send()
        .await
        .expect("request");
    assert_eq!(updated.status(), 200);

    let trail: Value = app
        .get("/api/v1/audit?resource_type=region&resource_id=audit-regio")
        .await
        .json()
        .await
        .expect("json");
    let items = trail["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "one entry per change: {items:?}");
    assert_eq!(items[0]["operation"], "create");
    assert!(items[0]["before"].is_null());
    assert_eq!(items[0]["after"]["name"], "Auditregio");
    assert_eq!(items[1]["operation"], "update");
    assert_eq!(items[1]["before"]["ambition"], "");
    assert_eq!(items[1]["after"]["ambition"], "Nieuwe ambitie");
    assert!(items[1]["actor"].as_str().expect("actor").contains("user:admin"));
}
