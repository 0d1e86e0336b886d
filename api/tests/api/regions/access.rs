//! Who may do what with regions and partners: every endpoint as anonymous and as
//! every role, with the exact status; and the audit trail of each change.

use crate::helpers::{Access, Who, check_access, identities, new_partner, new_region, region_fields, spawn_app};
use reqwest::Method;
use serde_json::Value;
use zorgpact_contract::region::{PartnerResponse, RegionFieldsRequest};

/// Public reads: everyone, anonymous included.
#[tokio::test]
async fn reads_are_public() {
    let app = spawn_app().await;
    let matrix = [
        Access::get("/api/v1/regions", |_| 200),
        Access::get("/api/v1/regions/twente", |_| 200),
        Access::get("/api/v1/regions/twente/partners", |_| 200),
    ];
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("regions access: {cases} read cases");
}

/// Creating and updating regions is for the programme team.
#[tokio::test]
async fn only_admins_manage_regions() {
    let app = spawn_app().await;
    let admins = |ok| {
        move |who| match who {
            None => 401,
            Some(Who::Admin) => ok,
            Some(_) => 403,
        }
    };
    let current: Value = app.get("/api/v1/regions/zeeland").await.json().await.expect("json");
    let matrix = [
        Access::new(Method::POST, "/api/v1/regions", admins(201))
            .body_per_caller(|n| new_region(&format!("proefregio-{n}"), &format!("Proefregio {n}"), "Zorgpact Proef")),
        Access::new(Method::PUT, "/api/v1/regions/zeeland", admins(200)).body(&region_fields(&current)),
    ];
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("regions access: {cases} region-management cases");
}

/// Partners of a region: its coordinators and the programme team.
#[tokio::test]
async fn coordinators_manage_their_own_regions_partners() {
    let app = spawn_app().await;
    let coordinators = |ok| {
        move |who| match who {
            None => 401,
            Some(Who::Admin | Who::CoordinatorTwente) => ok,
            Some(_) => 403,
        }
    };
    // A fresh partner (added by the admin) for each removal attempt.
    let mut removable = Vec::new();
    for n in 0..identities().len() {
        let created: PartnerResponse = app
            .post_json(
                "/api/v1/regions/twente/partners",
                &new_partner(&format!("Te verwijderen {n}"), "welfare"),
            )
            .await
            .json()
            .await
            .expect("json");
        removable.push(format!("/api/v1/regions/twente/partners/{}", created.id));
    }
    let matrix = [
        Access::new(Method::POST, "/api/v1/regions/twente/partners", coordinators(201))
            .body_per_caller(|n| new_partner(&format!("Proefpartner {n}"), "care")),
        Access::new(Method::DELETE, "", coordinators(204)).path_per_caller(|n| removable[n].clone()),
    ];
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("regions access: {cases} partner cases");
}

#[tokio::test]
async fn every_change_leaves_one_audit_entry_with_before_and_after() {
    let app = spawn_app().await;
    let created = app
        .post_json(
            "/api/v1/regions",
            &new_region("audit-regio", "Auditregio", "Zorgpact Audit"),
        )
        .await;
    assert_eq!(created.status(), 201);
    let fields = RegionFieldsRequest {
        name: "Auditregio".into(),
        pact_name: "Zorgpact Audit".into(),
        signed_on: None,
        ambition: "Nieuwe ambitie".into(),
        agenda_role: None,
        regioplus_code: None,
        cbs_code: None,
    };
    let updated = app
        .put_json("/api/v1/regions/audit-regio", Some("\"v1\""), &fields)
        .await;
    assert_eq!(updated.status(), 200);

    let items = app.audit_trail("region", "audit-regio").await;
    assert_eq!(items.len(), 2, "one entry per change: {items:?}");
    assert_eq!(items[0]["operation"], "create");
    assert!(items[0]["before"].is_null());
    assert_eq!(items[0]["after"]["name"], "Auditregio");
    assert_eq!(items[1]["operation"], "update");
    assert_eq!(items[1]["before"]["ambition"], "");
    assert_eq!(items[1]["after"]["ambition"], "Nieuwe ambitie");
    assert!(items[1]["actor"].as_str().expect("actor").contains("user:admin"));
}
