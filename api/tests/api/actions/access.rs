//! Who may do what with actions and their timelines: every endpoint as anonymous
//! and as every role, with the exact status; partner systems that need the
//! `actions:write` scope and their own region; and the audit trail of each change.

use crate::helpers::{
    Access, TestApp, Who, action_fields, check_access, expect_problem, identities, json_body, progress_update,
    spawn_app, test_keys,
};
use reqwest::Method;
use serde_json::{Value, json};
use zorgpact_contract::action::CreateActionRequest;
use zorgpact_contract::codes::Theme;
use zorgpact_domain::auth::{Principal, Scope};
use zorgpact_domain::user::Role;

const TWENTE: &str = "twente";
const GELDERLAND: &str = "midden-en-zuid-gelderland";

/// Everyone signed in reads actions, except a partner system without an actions scope.
fn expected_read(who: Option<Who>) -> u16 {
    match who {
        None => 401,
        Some(Who::PartnerNoScopes) => 403,
        Some(_) => 200,
    }
}

/// Changes in `region`: the programme team and that region's coordinator (no test
/// identity is a partner system with `actions:write`).
fn expected_write(who: Option<Who>, region: &str, ok: u16) -> u16 {
    match who {
        None => 401,
        Some(Who::Admin) => ok,
        Some(Who::CoordinatorTwente) if region == TWENTE => ok,
        Some(Who::CoordinatorGelderland) if region == GELDERLAND => ok,
        Some(_) => 403,
    }
}

fn new_action(region: &str, title: &str) -> CreateActionRequest {
    crate::helpers::new_action(region, title, &[])
}

/// Creates an action as the admin and returns it.
async fn create_as_admin(app: &TestApp, region: &str, title: &str) -> Value {
    let response = app.create_action(&new_action(region, title)).await;
    assert_eq!(response.status(), 201, "create {title}");
    json_body(response).await
}

fn id_of(value: &Value) -> &str {
    value["id"].as_str().expect("id")
}

#[tokio::test]
async fn signed_in_callers_read_actions_and_timelines() {
    let app = spawn_app().await;
    let action = create_as_admin(&app, TWENTE, "Leesbare actie").await;
    let updates = format!("/api/v1/actions/{}/updates", id_of(&action));
    let response = app
        .client
        .post(app.url(&updates))
        .json(&progress_update("2025-10-31", 10))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    let entry = json_body(response).await;

    let matrix = [
        Access::get("/api/v1/actions", expected_read),
        Access::get(&format!("/api/v1/actions/{}", id_of(&action)), expected_read),
        Access::get(&updates, expected_read),
        Access::get(&format!("{updates}/{}", id_of(&entry)), expected_read),
    ];
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("actions access: {cases} read cases (endpoint × identity)");
}

#[tokio::test]
async fn coordinators_create_actions_in_their_own_region() {
    let app = spawn_app().await;
    let mut cases = 0;
    for region in [TWENTE, GELDERLAND] {
        let create = Access::new(Method::POST, "/api/v1/actions", |who| expected_write(who, region, 201))
            .body_per_caller(|n| new_action(region, &format!("Nieuwe actie {region} {n}")));
        for created in check_access(&app, &[create]).await {
            if created.status == 201 {
                assert_eq!(created.body["region_code"], region);
            }
            cases += 1;
        }
    }
    // The region decides, not the caller: an unknown region is still a field error.
    let nowhere = new_action("nergens", "Actie zonder regio");
    let problem = expect_problem(app.create_action(&nowhere).await, 422).await;
    assert_eq!(problem["errors"][0]["pointer"], "/region_code");
    eprintln!("actions access: {cases} create cases (region × identity)");
}

#[tokio::test]
async fn coordinators_update_actions_of_their_own_region() {
    let app = spawn_app().await;
    let mut cases = 0;
    for region in [TWENTE, GELDERLAND] {
        let action = create_as_admin(&app, region, &format!("Te wijzigen in {region}")).await;
        let path = format!("/api/v1/actions/{}", id_of(&action));
        // The unchanged representation, whatever the current version (`If-Match: *`).
        let update =
            Access::new(Method::PUT, &path, |who| expected_write(who, region, 200)).body(&action_fields(&action));
        cases += check_access(&app, &[update]).await.len();
    }
    eprintln!("actions access: {cases} update cases (region × identity)");
}

#[tokio::test]
async fn coordinators_archive_actions_of_their_own_region() {
    let app = spawn_app().await;
    let mut cases = 0;
    for region in [TWENTE, GELDERLAND] {
        // A fresh action (created by the admin) for each attempt.
        let mut paths = Vec::new();
        for who in identities() {
            let action = create_as_admin(&app, region, &format!("Te archiveren {who:?}")).await;
            paths.push(format!("/api/v1/actions/{}", id_of(&action)));
        }
        let archive = Access::new(Method::DELETE, "", |who| expected_write(who, region, 204))
            .path_per_caller(|n| paths[n].clone());
        for (path, outcome) in paths.iter().zip(check_access(&app, &[archive]).await) {
            let archived = json_body(app.get(path).await).await["archived"].clone();
            assert_eq!(
                archived,
                json!(outcome.status == 204),
                "archived after {:?}",
                outcome.who
            );
            cases += 1;
        }
    }
    eprintln!("actions access: {cases} archive cases (region × identity)");
}

#[tokio::test]
async fn coordinators_restore_actions_of_their_own_region() {
    let app = spawn_app().await;
    let mut cases = 0;
    for region in [TWENTE, GELDERLAND] {
        // A fresh archived action (archived by the admin) for each attempt.
        let mut paths = Vec::new();
        for who in identities() {
            let action = create_as_admin(&app, region, &format!("Terug te zetten {who:?}")).await;
            let path = format!("/api/v1/actions/{}", id_of(&action));
            assert_eq!(app.delete(&path, Some("*")).await.status(), 204);
            paths.push(path);
        }
        let restore = Access::new(Method::POST, "", |who| expected_write(who, region, 200))
            .path_per_caller(|n| format!("{}/restore", paths[n]));
        for (path, outcome) in paths.iter().zip(check_access(&app, &[restore]).await) {
            let archived = json_body(app.get(path).await).await["archived"].clone();
            assert_eq!(
                archived,
                json!(outcome.status != 200),
                "archived after {:?}",
                outcome.who
            );
            cases += 1;
        }
    }
    eprintln!("actions access: {cases} restore cases (region × identity)");
}

#[tokio::test]
async fn coordinators_record_progress_of_their_own_regions_actions() {
    let app = spawn_app().await;
    let mut cases = 0;
    for region in [TWENTE, GELDERLAND] {
        let action = create_as_admin(&app, region, &format!("Voortgang in {region}")).await;
        let path = format!("/api/v1/actions/{}/updates", id_of(&action));
        let record = Access::new(Method::POST, &path, |who| expected_write(who, region, 201))
            .body_per_caller(|n| progress_update(&format!("2025-10-{:02}", n + 1), 10));
        for outcome in check_access(&app, &[record]).await {
            if let Some(who) = outcome.who.filter(|_| outcome.status == 201) {
                // The entry's author is the caller, whatever the body says.
                assert_eq!(outcome.body["author"], who.principal().name);
            }
            cases += 1;
        }
        let timeline = json_body(app.get(&path).await).await;
        assert_eq!(
            timeline["items"].as_array().expect("items").len(),
            2,
            "admin and coordinator only"
        );
    }
    eprintln!("actions access: {cases} progress-update cases (region × identity)");
}

/// Callers who may not read actions learn nothing about which ids exist; readers
/// who may not write learn that there is no such action.
#[tokio::test]
async fn unknown_actions_are_401_403_or_404_by_caller() {
    let app = spawn_app().await;
    let path = "/api/v1/actions/00000000-0000-7000-8000-000000000000";
    let fields = action_fields(&create_as_admin(&app, TWENTE, "Voorbeeld").await);
    let expected = |who| match who {
        None => 401,
        Some(Who::PartnerNoScopes) => 403,
        Some(_) => 404,
    };
    let matrix = [
        Access::new(Method::PUT, path, expected).body(&fields),
        Access::new(Method::DELETE, path, expected),
        Access::new(Method::POST, &format!("{path}/restore"), expected),
        Access::new(Method::POST, &format!("{path}/updates"), expected).body(&progress_update("2025-10-31", 10)),
    ];
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("actions access: {cases} unknown-action cases");
}

/// A partner system's token, signed with the test key.
fn partner_bearer(scopes: &[Scope]) -> String {
    let principal = Principal {
        id: "partner:planning-twente".into(),
        name: "Planningssysteem Twente".into(),
        role: Role::Partner,
        regions: vec![TWENTE.into()],
        ministry: None,
        scopes: scopes.to_vec(),
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .expect("clock");
    format!("Bearer {}", test_keys().issue(&principal, now).expect("token"))
}

#[tokio::test]
async fn partner_systems_write_actions_with_the_scope_in_their_regions() {
    let app = spawn_app().await;
    let writer = partner_bearer(&[Scope::ActionsWrite]);
    let post = |region: &str| {
        app.anonymous
            .post(app.url("/api/v1/actions"))
            .header("Authorization", writer.clone())
            .json(&new_action(region, &format!("Via het planningssysteem in {region}")))
            .send()
    };
    let created = post(TWENTE).await.expect("request");
    assert_eq!(created.status(), 201);
    let action = json_body(created).await;
    expect_problem(post(GELDERLAND).await.expect("request"), 403).await;

    // `actions:write` reads too; it records progress in its own region only.
    let list = app
        .anonymous
        .get(app.url("/api/v1/actions"))
        .header("Authorization", writer.clone())
        .send()
        .await
        .expect("request");
    assert_eq!(list.status(), 200);
    let entry = app
        .anonymous
        .post(app.url(&format!("/api/v1/actions/{}/updates", id_of(&action))))
        .header("Authorization", writer.clone())
        .json(&progress_update("2025-10-31", 20))
        .send()
        .await
        .expect("request");
    assert_eq!(entry.status(), 201);
    assert_eq!(json_body(entry).await["author"], "Planningssysteem Twente");
    let elsewhere = create_as_admin(&app, GELDERLAND, "Niet van Twente").await;
    let refused = app
        .anonymous
        .put(app.url(&format!("/api/v1/actions/{}", id_of(&elsewhere))))
        .header("Authorization", writer.clone())
        .header("If-Match", "*")
        .json(&action_fields(&elsewhere))
        .send()
        .await
        .expect("request");
    expect_problem(refused, 403).await;

    // Only reading is not enough to write, even in the partner's own region.
    let reader = partner_bearer(&[Scope::ActionsRead]);
    let refused = app
        .anonymous
        .delete(app.url(&format!("/api/v1/actions/{}", id_of(&action))))
        .header("Authorization", reader)
        .header("If-Match", "*")
        .send()
        .await
        .expect("request");
    expect_problem(refused, 403).await;

    let trail = app.audit_trail("action", id_of(&action)).await;
    let actors: Vec<&str> = trail.iter().map(|e| e["actor"].as_str().expect("actor")).collect();
    assert_eq!(actors.len(), 2, "create and progress update: {actors:?}");
    assert!(
        actors.iter().all(|a| a.starts_with("partner:planning-twente")),
        "{actors:?}"
    );
}

#[tokio::test]
async fn creating_an_action_leaves_one_audit_entry() {
    let app = spawn_app().await;
    let response = app
        .client_as(Who::CoordinatorTwente)
        .post(app.url("/api/v1/actions"))
        .json(&new_action(TWENTE, "Geauditeerde actie"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    let action = json_body(response).await;

    let trail = app.audit_trail("action", id_of(&action)).await;
    assert_eq!(trail.len(), 1, "{trail:?}");
    let entry = &trail[0];
    assert_eq!(entry["operation"], "create");
    assert_eq!(entry["resource_type"], "action");
    assert!(
        entry["actor"]
            .as_str()
            .expect("actor")
            .starts_with("user:coordinator-twente")
    );
    assert!(entry["before"].is_null());
    assert_eq!(entry["after"]["title"], "Geauditeerde actie");
    assert_eq!(entry["after"]["region_code"], TWENTE);
    assert_eq!(entry["after"]["themes"], json!(["leren_in_de_praktijk"]));
    assert_eq!(entry["after"]["indicators"][0]["code"], "side_entrants");
}

#[tokio::test]
async fn updating_an_action_leaves_one_audit_entry_with_before_and_after() {
    let app = spawn_app().await;
    let action = create_as_admin(&app, TWENTE, "Oude titel").await;
    let path = format!("/api/v1/actions/{}", id_of(&action));
    let mut fields = action_fields(&action);
    fields.title = "Nieuwe titel".into();
    fields.themes = vec![Theme::PermanentLeren];

    // A refused change leaves no trace.
    let refused = app
        .client_as(Who::CoordinatorGelderland)
        .put(app.url(&path))
        .header("If-Match", "\"v1\"")
        .json(&fields)
        .send()
        .await
        .expect("request");
    expect_problem(refused, 403).await;
    let response = app
        .client_as(Who::CoordinatorTwente)
        .put(app.url(&path))
        .header("If-Match", "\"v1\"")
        .json(&fields)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);

    let trail = app.audit_trail("action", id_of(&action)).await;
    assert_eq!(trail.len(), 2, "create and update: {trail:?}");
    let entry = &trail[1];
    assert_eq!(entry["operation"], "update");
    assert!(
        entry["actor"]
            .as_str()
            .expect("actor")
            .starts_with("user:coordinator-twente")
    );
    assert_eq!(
        (&entry["before"]["title"], &entry["after"]["title"]),
        (&json!("Oude titel"), &json!("Nieuwe titel"))
    );
    assert_eq!(
        (&entry["before"]["themes"], &entry["after"]["themes"]),
        (&json!(["leren_in_de_praktijk"]), &json!(["permanent_leren"]))
    );
    assert_eq!(
        (&entry["before"]["version"], &entry["after"]["version"]),
        (&json!(1), &json!(2))
    );
}

#[tokio::test]
async fn archiving_and_restoring_an_action_leave_one_audit_entry_each() {
    let app = spawn_app().await;
    let action = create_as_admin(&app, GELDERLAND, "Wordt gearchiveerd").await;
    let path = format!("/api/v1/actions/{}", id_of(&action));
    let coordinator = app.client_as(Who::CoordinatorGelderland);
    let archive = || coordinator.delete(app.url(&path)).header("If-Match", "*").send();
    let restore = || {
        coordinator
            .post(app.url(&format!("{path}/restore")))
            .header("If-Match", "*")
            .send()
    };
    assert_eq!(archive().await.expect("request").status(), 204);
    // Archiving again changes nothing, so it records nothing.
    assert_eq!(archive().await.expect("request").status(), 204);
    assert_eq!(restore().await.expect("request").status(), 200);
    // A refused second restore leaves no trace either.
    expect_problem(restore().await.expect("request"), 409).await;

    let trail = app.audit_trail("action", id_of(&action)).await;
    assert_eq!(trail.len(), 3, "create, archive and restore: {trail:?}");
    for (entry, operation, archived_after) in [(&trail[1], "archive", true), (&trail[2], "restore", false)] {
        assert_eq!(entry["operation"], operation);
        assert!(
            entry["actor"]
                .as_str()
                .expect("actor")
                .starts_with("user:coordinator-gelderland")
        );
        assert_eq!(
            (&entry["before"]["archived"], &entry["after"]["archived"]),
            (&json!(!archived_after), &json!(archived_after))
        );
        assert_eq!(entry["after"]["title"], "Wordt gearchiveerd");
    }
    assert_eq!(trail[2]["after"]["version"], 3);
}

#[tokio::test]
async fn recording_progress_leaves_one_audit_entry_on_the_action() {
    let app = spawn_app().await;
    let action = create_as_admin(&app, TWENTE, "Met voortgang").await;
    let path = format!("/api/v1/actions/{}/updates", id_of(&action));
    let coordinator = app.client_as(Who::CoordinatorTwente);

    // A refused entry (progress beyond 100) leaves no trace.
    let invalid = coordinator
        .post(app.url(&path))
        .json(&progress_update("2025-10-31", 101))
        .send()
        .await;
    expect_problem(invalid.expect("request"), 422).await;
    // Older clients still send an author; it is ignored.
    let mut body = progress_update("2025-10-31", 40);
    body.author = Some("Iemand anders".into());
    let response = coordinator
        .post(app.url(&path))
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    assert_eq!(json_body(response).await["author"], "CoordinatorTwente");

    let trail = app.audit_trail("action", id_of(&action)).await;
    assert_eq!(trail.len(), 2, "create and progress update: {trail:?}");
    let entry = &trail[1];
    assert_eq!(entry["operation"], "progress_update");
    assert_eq!(entry["resource_type"], "action");
    assert!(
        entry["actor"]
            .as_str()
            .expect("actor")
            .starts_with("user:coordinator-twente")
    );
    assert_eq!(
        (&entry["before"]["progress"], &entry["after"]["progress"]),
        (&json!(0), &json!(40))
    );
    assert_eq!(
        (&entry["before"]["status"], &entry["after"]["status"]),
        (&json!("planned"), &json!("in_progress"))
    );
}
