//! Who may do what with the indicator catalogue, values and targets: every endpoint
//! as anonymous and as every role, with the exact status; uploads that reach
//! outside the caller's regions; and the audit trail of each change.

use crate::helpers::{
    Access, Point, TestApp, Who, allowed_or, check_access, expect_problem, indicator_fields, new_indicator, spawn_app,
    target_of, targets_upload, value_of, values_upload,
};
use reqwest::Method;
use serde::Serialize;
use serde_json::{Value, json};
use zorgpact_contract::indicator::{
    IndicatorTargetRequest, IndicatorTargetResponse, IndicatorValueRequest, IndicatorValueResponse,
};

/// Everyone signed in reads indicator data, except a partner system without an
/// `indicator-values` scope.
const READERS: [Who; 7] = [
    Who::Admin,
    Who::CoordinatorTwente,
    Who::CoordinatorGelderland,
    Who::OfficialVws,
    Who::OfficialOcw,
    Who::Analyst,
    Who::PartnerTwente,
];
const VALUE_WRITERS_TWENTE: [Who; 3] = [Who::Admin, Who::CoordinatorTwente, Who::PartnerTwente];
const TARGET_WRITERS_TWENTE: [Who; 2] = [Who::Admin, Who::CoordinatorTwente];

async fn get_json(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.expect("json")
}

/// The stored representation of a value, as a `PUT` body that changes nothing.
async fn unchanged_value(app: &TestApp, path: &str) -> IndicatorValueRequest {
    let current: IndicatorValueResponse = serde_json::from_value(get_json(app, path).await).expect("a value");
    IndicatorValueRequest {
        value: current.value,
        status: Some(current.status),
        source: Some(current.source),
    }
}

async fn unchanged_target(app: &TestApp, path: &str) -> IndicatorTargetRequest {
    let current: IndicatorTargetResponse = serde_json::from_value(get_json(app, path).await).expect("a target");
    IndicatorTargetRequest {
        value: current.value,
        note: Some(current.note),
    }
}

/// Every endpoint of the resource, as anonymous and as every role.
#[tokio::test]
async fn every_endpoint_answers_each_identity_as_its_role_allows() {
    let app = spawn_app().await;
    let public = |_| 200;
    let readers = |who| allowed_or(who, &READERS, 200);
    let admins = |who| allowed_or(who, &[Who::Admin], 200);
    let value = "/api/v1/indicator-values/employees/twente/2023";
    let target = "/api/v1/indicator-targets/side_entrants/twente/2025";
    let indicator = indicator_fields(&get_json(&app, "/api/v1/indicators/employees").await);
    let stored_value = unchanged_value(&app, value).await;
    let stored_target = unchanged_target(&app, target).await;

    let matrix = [
        // The catalogue: public reads, the programme team edits.
        Access::get("/api/v1/indicators", public),
        Access::get("/api/v1/indicators/employees", public),
        Access::new(Method::POST, "/api/v1/indicators", |who| {
            allowed_or(who, &[Who::Admin], 201)
        })
        .body_per_caller(|n| new_indicator(&format!("access_check_{n}"))),
        Access::new(Method::PUT, "/api/v1/indicators/employees", admins).body(&indicator),
        // Values: signed-in reads; writers of Twente write.
        Access::get("/api/v1/indicator-values", readers),
        Access::get(value, readers),
        Access::new(Method::PUT, value, |who| allowed_or(who, &VALUE_WRITERS_TWENTE, 200)).body(&stored_value),
        Access::new(Method::POST, "/api/v1/indicator-values/bulk", |who| {
            allowed_or(who, &VALUE_WRITERS_TWENTE, 200)
        })
        .body_per_caller(|n| values_upload(&[("employees", "twente", &(1900 + n).to_string(), 1.0)])),
        // Targets: the same reads; only coordinators of Twente and admins write.
        Access::get("/api/v1/indicator-targets", readers),
        Access::get(target, readers),
        Access::new(Method::PUT, target, |who| allowed_or(who, &TARGET_WRITERS_TWENTE, 200)).body(&stored_target),
        Access::new(Method::POST, "/api/v1/indicator-targets/bulk", |who| {
            allowed_or(who, &TARGET_WRITERS_TWENTE, 200)
        })
        .body_per_caller(|n| targets_upload(&[("side_entrants", "twente", &(2030 + n).to_string(), 1.0)])),
    ];
    let cases = check_access(&app, &matrix).await.len();
    assert_eq!(cases, 12 * 9);
    eprintln!("indicators access: {cases} (endpoint x identity) cases checked");
}

#[tokio::test]
async fn a_bad_token_is_refused_even_on_the_public_catalogue() {
    let app = spawn_app().await;
    let response = app
        .anonymous
        .get(app.url("/api/v1/indicators"))
        .header("Authorization", "Bearer not-a-token")
        .send()
        .await
        .expect("request");
    expect_problem(response, 401).await;
}

#[tokio::test]
async fn a_partner_upload_reaching_outside_its_region_is_refused_whole() {
    let app = spawn_app().await;
    let partner = app.client_as(Who::PartnerTwente);
    let items = values_upload(&[
        ("employees", "twente", "2025", 71000.0),
        ("employees", "zeeland", "2025", 30000.0),
    ]);
    let refused = partner
        .post(app.url("/api/v1/indicator-values/bulk"))
        .json(&items)
        .send()
        .await
        .expect("request");
    expect_problem(refused, 403).await;
    for path in [
        "/api/v1/indicator-values/employees/twente/2025",
        "/api/v1/indicator-values/employees/zeeland/2025",
    ] {
        expect_problem(app.get(path).await, 404).await;
    }

    // Retried with an idempotency key, the refusal stands and nothing is stored.
    let retried = partner
        .post(app.url("/api/v1/indicator-values/bulk"))
        .header("Idempotency-Key", "partner-upload-1")
        .json(&items)
        .send()
        .await
        .expect("request");
    expect_problem(retried, 403).await;
    expect_problem(app.get("/api/v1/indicator-values/employees/twente/2025").await, 404).await;

    // Its own region alone is fine.
    let own = values_upload(&[("employees", "twente", "2025", 71000.0)]);
    let stored = partner
        .post(app.url("/api/v1/indicator-values/bulk"))
        .json(&own)
        .send()
        .await
        .expect("request");
    assert_eq!(stored.status(), 200);
    assert_eq!(
        get_json(&app, "/api/v1/indicator-values/employees/twente/2025").await["value"],
        71000.0
    );

    // A single value in another region is refused too.
    let single = partner
        .put(app.url("/api/v1/indicator-values/employees/zeeland/2025"))
        .json(&value_of(30000.0))
        .send()
        .await
        .expect("request");
    expect_problem(single, 403).await;
}

#[tokio::test]
async fn a_malformed_region_in_an_upload_is_left_to_validation() {
    let app = spawn_app().await;
    let items = values_upload(&[
        ("employees", "twente", "2025", 71000.0),
        ("employees", "Not A Region", "2025", 1.0),
    ]);
    let response = app
        .client_as(Who::PartnerTwente)
        .post(app.url("/api/v1/indicator-values/bulk"))
        .json(&items)
        .send()
        .await
        .expect("request");
    let problem = expect_problem(response, 422).await;
    assert_eq!(problem["errors"][0]["pointer"], "/items/1/region");
    expect_problem(app.get("/api/v1/indicator-values/employees/twente/2025").await, 404).await;
}

#[tokio::test]
async fn a_partner_without_scopes_may_neither_read_nor_write() {
    let app = spawn_app().await;
    let partner = app.client_as(Who::PartnerNoScopes);
    let value = "/api/v1/indicator-values/employees/twente/2023";
    for path in ["/api/v1/indicator-values", value, "/api/v1/indicator-targets"] {
        let response = partner.get(app.url(path)).send().await.expect("request");
        expect_problem(response, 403).await;
    }
    let bulk = partner
        .post(app.url("/api/v1/indicator-values/bulk"))
        .json(&values_upload(&[("employees", "twente", "2025", 1.0)]))
        .send()
        .await
        .expect("request");
    expect_problem(bulk, 403).await;
    let before = get_json(&app, value).await;
    let put = partner
        .put(app.url(value))
        .header("If-Match", "*")
        .json(&value_of(1.0))
        .send()
        .await
        .expect("request");
    expect_problem(put, 403).await;
    assert_eq!(get_json(&app, value).await, before, "nothing changed");
    expect_problem(app.get("/api/v1/indicator-values/employees/twente/2025").await, 404).await;
    // The public catalogue stays open to it.
    let catalogue = partner
        .get(app.url("/api/v1/indicators"))
        .send()
        .await
        .expect("request");
    assert_eq!(catalogue.status(), 200);
}

#[tokio::test]
async fn a_coordinator_writes_only_the_values_of_their_own_region() {
    let app = spawn_app().await;
    let gelderland = app.client_as(Who::CoordinatorGelderland);
    let value = "/api/v1/indicator-values/employees/twente/2023";
    let before = get_json(&app, value).await;
    let put = gelderland
        .put(app.url(value))
        .header("If-Match", "*")
        .json(&value_of(1.0))
        .send()
        .await
        .expect("request");
    expect_problem(put, 403).await;
    let created = gelderland
        .put(app.url("/api/v1/indicator-values/employees/twente/2025"))
        .json(&value_of(1.0))
        .send()
        .await
        .expect("request");
    expect_problem(created, 403).await;
    let bulk = gelderland
        .post(app.url("/api/v1/indicator-values/bulk"))
        .json(&values_upload(&[
            ("employees", "midden-en-zuid-gelderland", "2025", 1.0),
            ("employees", "twente", "2025", 1.0),
        ]))
        .send()
        .await
        .expect("request");
    expect_problem(bulk, 403).await;
    let target = gelderland
        .put(app.url("/api/v1/indicator-targets/side_entrants/twente/2030"))
        .json(&target_of(1.0))
        .send()
        .await
        .expect("request");
    expect_problem(target, 403).await;
    assert_eq!(get_json(&app, value).await, before, "nothing changed");
    for path in [
        "/api/v1/indicator-values/employees/twente/2025",
        "/api/v1/indicator-values/employees/midden-en-zuid-gelderland/2025",
        "/api/v1/indicator-targets/side_entrants/twente/2030",
    ] {
        expect_problem(app.get(path).await, 404).await;
    }

    // Their own region is theirs to write.
    let own = gelderland
        .put(app.url("/api/v1/indicator-values/employees/midden-en-zuid-gelderland/2025"))
        .json(&value_of(64000.0))
        .send()
        .await
        .expect("request");
    assert_eq!(own.status(), 201);
}

#[tokio::test]
async fn an_anonymous_upload_is_unauthenticated_even_when_empty() {
    let app = spawn_app().await;
    let empty = [
        (
            "/api/v1/indicator-values/bulk",
            serde_json::to_value(values_upload(&[])),
        ),
        (
            "/api/v1/indicator-targets/bulk",
            serde_json::to_value(targets_upload(&[])),
        ),
    ];
    for (path, body) in empty {
        let response = app
            .anonymous
            .post(app.url(path))
            .json(&body.expect("JSON"))
            .send()
            .await
            .expect("request");
        expect_problem(response, 401).await;
    }
}

// The audit trail, read through `GET /api/v1/audit` as the programme team.

fn actor_of(entry: &Value) -> &str {
    entry["actor"].as_str().expect("actor")
}

#[tokio::test]
async fn creating_and_updating_an_indicator_leave_an_audit_entry_each() {
    let app = spawn_app().await;
    let created = app
        .client
        .post(app.url("/api/v1/indicators"))
        .json(&new_indicator("short_sick_leave"))
        .send()
        .await
        .expect("request");
    assert_eq!(created.status(), 201);
    let entries = app.audit_trail("indicator", "short_sick_leave").await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["operation"], "create");
    assert!(entries[0]["before"].is_null());
    assert_eq!(entries[0]["after"]["name"], "Kort verzuim");
    assert!(actor_of(&entries[0]).contains("user:admin"));

    let mut fields = indicator_fields(&get_json(&app, "/api/v1/indicators/short_sick_leave").await);
    fields.name = "Kort ziekteverzuim".into();
    let updated = app
        .client
        .put(app.url("/api/v1/indicators/short_sick_leave"))
        .header("If-Match", "\"v1\"")
        .json(&fields)
        .send()
        .await
        .expect("request");
    assert_eq!(updated.status(), 200);
    let entries = app.audit_trail("indicator", "short_sick_leave").await;
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[1]["operation"], "update");
    assert_eq!(entries[1]["before"]["name"], "Kort verzuim");
    assert_eq!(entries[1]["before"]["version"], 1);
    assert_eq!(entries[1]["after"]["name"], "Kort ziekteverzuim");
    assert_eq!(entries[1]["after"]["version"], 2);

    // A refused edit records nothing.
    let refused = app
        .client_as(Who::CoordinatorTwente)
        .put(app.url("/api/v1/indicators/short_sick_leave"))
        .header("If-Match", "*")
        .json(&fields)
        .send()
        .await
        .expect("request");
    expect_problem(refused, 403).await;
    assert_eq!(app.audit_trail("indicator", "short_sick_leave").await.len(), 2);
}

/// `PUT` of one point, as `who`, creating it and then changing it; a resend of the
/// same payload records nothing.
async fn single_writes_are_audited<B: Serialize>(
    app: &TestApp,
    who: Who,
    collection: &str,
    resource_type: &str,
    id: &str,
    body: fn(f64) -> B,
) {
    let path = format!("/api/v1/{collection}/{id}");
    let writer = app.client_as(who);
    let created = writer
        .put(app.url(&path))
        .json(&body(100.0))
        .send()
        .await
        .expect("request");
    assert_eq!(created.status(), 201);
    let changed = writer
        .put(app.url(&path))
        .header("If-Match", "\"v1\"")
        .json(&body(120.0))
        .send()
        .await
        .expect("request");
    assert_eq!(changed.status(), 200);
    let same = writer
        .put(app.url(&path))
        .header("If-Match", "*")
        .json(&body(120.0))
        .send()
        .await
        .expect("request");
    assert_eq!(same.status(), 200);

    let entries = app.audit_trail(resource_type, id).await;
    assert_eq!(entries.len(), 2, "create and update, not the resend: {entries:?}");
    assert_eq!(entries[0]["operation"], "create");
    assert!(entries[0]["before"].is_null());
    assert_eq!(entries[0]["after"]["value"], 100.0);
    assert_eq!(entries[1]["operation"], "update");
    assert_eq!(entries[1]["before"]["value"], 100.0);
    assert_eq!(entries[1]["before"]["version"], 1);
    assert_eq!(entries[1]["after"]["value"], 120.0);
    assert_eq!(entries[1]["after"]["version"], 2);
    let principal = who.principal();
    assert!(actor_of(&entries[1]).contains(&principal.id), "{entries:?}");
}

#[tokio::test]
async fn each_change_of_a_value_leaves_an_audit_entry() {
    let app = spawn_app().await;
    single_writes_are_audited(
        &app,
        Who::PartnerTwente,
        "indicator-values",
        "indicator_value",
        "employees/twente/2025",
        value_of,
    )
    .await;
}

#[tokio::test]
async fn each_change_of_a_target_leaves_an_audit_entry() {
    let app = spawn_app().await;
    single_writes_are_audited(
        &app,
        Who::CoordinatorTwente,
        "indicator-targets",
        "indicator_target",
        "side_entrants/twente/2030",
        target_of,
    )
    .await;
}

/// A bulk write as `who` that creates one point, replaces one and resends one as
/// stored: two audit entries, none for the unchanged point; a refused upload none.
async fn bulk_writes_are_audited<S: Serialize, U: Serialize>(
    app: &TestApp,
    who: Who,
    collection: &str,
    resource_type: &str,
    indicator: &str,
    single: fn(f64) -> S,
    upload: fn(&[Point]) -> U,
) {
    let bulk = format!("/api/v1/{collection}/bulk");
    let writer = app.client_as(who);
    let seed = upload(&[(indicator, "twente", "2031", 5.0), (indicator, "twente", "2032", 6.0)]);
    let first = writer.post(app.url(&bulk)).json(&seed).send().await.expect("request");
    assert_eq!(first.status(), 200);

    let items = upload(&[
        (indicator, "twente", "2031", 5.0),
        (indicator, "twente", "2032", 7.0),
        (indicator, "twente", "2033", 8.0),
    ]);
    let second = writer.post(app.url(&bulk)).json(&items).send().await.expect("request");
    assert_eq!(second.status(), 200);
    let counts: Value = second.json().await.expect("counts");
    assert_eq!(counts, json!({"created": 1, "updated": 1, "unchanged": 1}));

    let unchanged = app
        .audit_trail(resource_type, &format!("{indicator}/twente/2031"))
        .await;
    assert_eq!(unchanged.len(), 1, "only its creation: {unchanged:?}");
    let replaced = app
        .audit_trail(resource_type, &format!("{indicator}/twente/2032"))
        .await;
    assert_eq!(replaced.len(), 2, "{replaced:?}");
    assert_eq!(replaced[1]["operation"], "update");
    assert_eq!(replaced[1]["before"]["value"], 6.0);
    assert_eq!(replaced[1]["after"]["value"], 7.0);
    assert_eq!(replaced[1]["after"]["version"], 2);
    let created = app
        .audit_trail(resource_type, &format!("{indicator}/twente/2033"))
        .await;
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(created[0]["operation"], "create");
    assert!(created[0]["before"].is_null());
    assert_eq!(created[0]["after"]["value"], 8.0);
    assert!(actor_of(&created[0]).contains(&who.principal().id));
    // The entry shows the point exactly as stored: the next change starts from it.
    let next = writer
        .put(app.url(&format!("/api/v1/{collection}/{indicator}/twente/2032")))
        .header("If-Match", "\"v2\"")
        .json(&single(9.0))
        .send()
        .await
        .expect("request");
    assert_eq!(next.status(), 200);
    let replaced = app
        .audit_trail(resource_type, &format!("{indicator}/twente/2032"))
        .await;
    assert_eq!(replaced.len(), 3, "{replaced:?}");
    assert_eq!(replaced[2]["before"], replaced[1]["after"]);

    let refused = upload(&[(indicator, "twente", "2034", 1.0), (indicator, "zeeland", "2034", 1.0)]);
    let response = writer
        .post(app.url(&bulk))
        .json(&refused)
        .send()
        .await
        .expect("request");
    expect_problem(response, 403).await;
    assert!(
        app.audit_trail(resource_type, &format!("{indicator}/twente/2034"))
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_bulk_of_values_records_each_created_or_replaced_value() {
    let app = spawn_app().await;
    bulk_writes_are_audited(
        &app,
        Who::PartnerTwente,
        "indicator-values",
        "indicator_value",
        "employees",
        value_of,
        values_upload,
    )
    .await;
}

#[tokio::test]
async fn a_bulk_of_targets_records_each_created_or_replaced_target() {
    let app = spawn_app().await;
    bulk_writes_are_audited(
        &app,
        Who::CoordinatorTwente,
        "indicator-targets",
        "indicator_target",
        "side_entrants",
        target_of,
        targets_upload,
    )
    .await;
}
