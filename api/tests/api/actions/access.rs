//! Who may do what with actions and their timelines: every endpoint as anonymous
//! and as every role, with the exact status; partner systems that need the
//! `actions:write` scope and their own region; and the audit trail of each change.

use crate::helpers::{TestApp, Who, expect_problem, json_body, spawn_app, test_keys};
use serde_json::{Value, json};
use zorgpact_domain::auth::{Principal, Scope};
use zorgpact_domain::user::Role;

const TWENTE: &str = "twente";
const GELDERLAND: &str = "midden-en-zuid-gelderland";

/// Anonymous first, then every test identity.
fn identities() -> Vec<Option<Who>> {
    std::iter::once(None).chain(Who::ALL.into_iter().map(Some)).collect()
}

fn client(app: &TestApp, who: Option<Who>) -> reqwest::Client {
    match who {
        Some(who) => app.client_as(who),
        None => app.anonymous.clone(),
    }
}

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

fn new_action(region: &str, title: &str) -> Value {
    json!({
        "region_code": region,
        "title": title,
        "description": "Zij-instromers combineren werk in de ouderenzorg met een BBL-opleiding.",
        "action_line": "choose",
        "themes": ["leren_in_de_praktijk"],
        "status": "planned",
        "progress": 0,
        "owner": "ROC van Twente",
        "partner_ids": [],
        "indicators": [{"code": "side_entrants", "expected_effect": "+30 per jaar"}],
        "start_date": "2025-09-01",
        "end_date": "2027-08-31"
    })
}

/// The editable fields of `action` (a response), ready for a PUT.
fn fields_of(action: &Value) -> Value {
    json!({
        "title": action["title"],
        "description": action["description"],
        "action_line": action["action_line"],
        "themes": action["themes"],
        "status": action["status"],
        "progress": action["progress"],
        "owner": action["owner"],
        "partner_ids": action["partners"].as_array().expect("partners").iter().map(|p| p["id"].clone()).collect::<Vec<_>>(),
        "indicators": action["indicators"].as_array().expect("indicators").iter()
            .map(|i| json!({"code": i["code"], "expected_effect": i["expected_effect"]})).collect::<Vec<_>>(),
        "start_date": action["start_date"],
        "end_date": action["end_date"],
    })
}

fn progress(date: &str, percent: u8) -> Value {
    json!({"date": date, "progress": percent, "status": "in_progress", "note": "Cohort loopt"})
}

/// Creates an action as the admin and returns it.
async fn create_as_admin(app: &TestApp, region: &str, title: &str) -> Value {
    let response = app
        .client
        .post(app.url("/api/v1/actions"))
        .json(&new_action(region, title))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201, "create {title}");
    json_body(response).await
}

fn id_of(value: &Value) -> &str {
    value["id"].as_str().expect("id")
}

/// The audit entries of one action, oldest first, as the admin reads them.
async fn trail(app: &TestApp, action_id: &str) -> Vec<Value> {
    let response = app
        .get(&format!("/api/v1/audit?resource_type=action&resource_id={action_id}"))
        .await;
    assert_eq!(response.status(), 200);
    json_body(response).await["items"].as_array().expect("items").clone()
}

#[tokio::test]
async fn signed_in_callers_read_actions_and_timelines() {
    let app = spawn_app().await;
    let action = create_as_admin(&app, TWENTE, "Leesbare actie").await;
    let updates = format!("/api/v1/actions/{}/updates", id_of(&action));
    let response = app
        .client
        .post(app.url(&updates))
        .json(&progress("2025-10-31", 10))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    let entry = json_body(response).await;

    let paths = [
        "/api/v1/actions".to_owned(),
        format!("/api/v1/actions/{}", id_of(&action)),
        updates.clone(),
        format!("{updates}/{}", id_of(&entry)),
    ];
    let mut cases = 0;
    for path in &paths {
        for who in identities() {
            let response = client(&app, who).get(app.url(path)).send().await.expect("request");
            let status = response.status().as_u16();
            assert_eq!(status, expected_read(who), "GET {path} as {who:?}");
            if status != 200 {
                expect_problem(response, status).await;
            }
            cases += 1;
        }
    }
    eprintln!("actions access: {cases} read cases (endpoint × identity)");
}

#[tokio::test]
async fn coordinators_create_actions_in_their_own_region() {
    let app = spawn_app().await;
    let mut cases = 0;
    for region in [TWENTE, GELDERLAND] {
        for (n, who) in identities().into_iter().enumerate() {
            let body = new_action(region, &format!("Nieuwe actie {region} {n}"));
            let response = client(&app, who)
                .post(app.url("/api/v1/actions"))
                .json(&body)
                .send()
                .await
                .expect("request");
            let expected = expected_write(who, region, 201);
            assert_eq!(response.status(), expected, "POST /actions in {region} as {who:?}");
            if expected == 201 {
                assert_eq!(json_body(response).await["region_code"], region);
            }
            cases += 1;
        }
    }
    // The region decides, not the caller: an unknown region is still a field error.
    let nowhere = new_action("nergens", "Actie zonder regio");
    let problem = expect_problem(
        app.client
            .post(app.url("/api/v1/actions"))
            .json(&nowhere)
            .send()
            .await
            .expect("request"),
        422,
    )
    .await;
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
        for who in identities() {
            // The unchanged representation, whatever the current version.
            let status = client(&app, who)
                .put(app.url(&path))
                .header("If-Match", "*")
                .json(&fields_of(&action))
                .send()
                .await
                .expect("request")
                .status();
            assert_eq!(status, expected_write(who, region, 200), "PUT {path} as {who:?}");
            cases += 1;
        }
    }
    eprintln!("actions access: {cases} update cases (region × identity)");
}

#[tokio::test]
async fn coordinators_archive_actions_of_their_own_region() {
    let app = spawn_app().await;
    let mut cases = 0;
    for region in [TWENTE, GELDERLAND] {
        for who in identities() {
            // A fresh action (created by the admin) for each attempt.
            let action = create_as_admin(&app, region, &format!("Te archiveren {who:?}")).await;
            let path = format!("/api/v1/actions/{}", id_of(&action));
            let status = client(&app, who)
                .delete(app.url(&path))
                .header("If-Match", "*")
                .send()
                .await
                .expect("request")
                .status();
            let expected = expected_write(who, region, 204);
            assert_eq!(status, expected, "DELETE {path} as {who:?}");
            let archived = json_body(app.get(&path).await).await["archived"].clone();
            assert_eq!(archived, json!(expected == 204), "archived after {who:?}");
            cases += 1;
        }
    }
    eprintln!("actions access: {cases} archive cases (region × identity)");
}

#[tokio::test]
async fn coordinators_record_progress_of_their_own_regions_actions() {
    let app = spawn_app().await;
    let mut cases = 0;
    for region in [TWENTE, GELDERLAND] {
        let action = create_as_admin(&app, region, &format!("Voortgang in {region}")).await;
        let path = format!("/api/v1/actions/{}/updates", id_of(&action));
        for (n, who) in identities().into_iter().enumerate() {
            let date = format!("2025-10-{:02}", n + 1);
            let response = client(&app, who)
                .post(app.url(&path))
                .json(&progress(&date, 10))
                .send()
                .await
                .expect("request");
            let expected = expected_write(who, region, 201);
            assert_eq!(response.status(), expected, "POST {path} as {who:?}");
            if let Some(who) = who.filter(|_| expected == 201) {
                // The entry's author is the caller, whatever the body says.
                assert_eq!(json_body(response).await["author"], who.principal().name);
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
    let fields = fields_of(&create_as_admin(&app, TWENTE, "Voorbeeld").await);
    let mut cases = 0;
    for who in identities() {
        let expected = match who {
            None => 401,
            Some(Who::PartnerNoScopes) => 403,
            Some(_) => 404,
        };
        let c = client(&app, who);
        let put = c
            .put(app.url(path))
            .header("If-Match", "*")
            .json(&fields)
            .send()
            .await
            .expect("request");
        expect_problem(put, expected).await;
        let delete = c
            .delete(app.url(path))
            .header("If-Match", "*")
            .send()
            .await
            .expect("request");
        expect_problem(delete, expected).await;
        let update = c
            .post(app.url(&format!("{path}/updates")))
            .json(&progress("2025-10-31", 10))
            .send()
            .await
            .expect("request");
        expect_problem(update, expected).await;
        cases += 3;
    }
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
        .json(&progress("2025-10-31", 20))
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
        .json(&fields_of(&elsewhere))
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

    let trail = trail(&app, id_of(&action)).await;
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

    let trail = trail(&app, id_of(&action)).await;
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
    let mut fields = fields_of(&action);
    fields["title"] = json!("Nieuwe titel");
    fields["themes"] = json!(["permanent_leren"]);

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

    let trail = trail(&app, id_of(&action)).await;
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
async fn archiving_an_action_leaves_one_audit_entry() {
    let app = spawn_app().await;
    let action = create_as_admin(&app, GELDERLAND, "Wordt gearchiveerd").await;
    let path = format!("/api/v1/actions/{}", id_of(&action));
    let archive = || {
        app.client_as(Who::CoordinatorGelderland)
            .delete(app.url(&path))
            .header("If-Match", "*")
            .send()
    };
    assert_eq!(archive().await.expect("request").status(), 204);
    // Archiving again changes nothing, so it records nothing.
    assert_eq!(archive().await.expect("request").status(), 204);

    let trail = trail(&app, id_of(&action)).await;
    assert_eq!(trail.len(), 2, "create and archive: {trail:?}");
    let entry = &trail[1];
    assert_eq!(entry["operation"], "archive");
    assert!(
        entry["actor"]
            .as_str()
            .expect("actor")
            .starts_with("user:coordinator-gelderland")
    );
    assert_eq!(
        (&entry["before"]["archived"], &entry["after"]["archived"]),
        (&json!(false), &json!(true))
    );
    assert_eq!(entry["after"]["title"], "Wordt gearchiveerd");
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
        .json(&progress("2025-10-31", 101))
        .send()
        .await;
    expect_problem(invalid.expect("request"), 422).await;
    // Older clients still send an author; it is ignored.
    let mut body = progress("2025-10-31", 40);
    body["author"] = json!("Iemand anders");
    let response = coordinator
        .post(app.url(&path))
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    assert_eq!(json_body(response).await["author"], "CoordinatorTwente");

    let trail = trail(&app, id_of(&action)).await;
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
