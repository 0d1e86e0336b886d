//! Regions and partners through HTTP: reads, creates (idempotent), updates with
//! optimistic concurrency, pagination and validation errors.

mod access;

use crate::helpers::{self, expect_problem, header, new_barrier, new_partner, region_fields, spawn_app, with_fields};
use serde_json::{Value, json};
use zorgpact_contract::CreateRegionRequest;
use zorgpact_contract::action::CreateActionRequest;
use zorgpact_contract::agenda::AgendaSummaryListResponse;
use zorgpact_contract::codes::{ActionStatus, AgendaRole};

fn new_region(code: &str) -> CreateRegionRequest {
    CreateRegionRequest {
        signed_on: Some("2017-09-01".into()),
        ambition: "Iedereen die wil, kan in de zorg aan de slag.".into(),
        agenda_role: Some(AgendaRole::Projecttrekker),
        ..helpers::new_region(code, &format!("Regio {code}"), &format!("Zorgpact {code}"))
    }
}

#[tokio::test]
async fn one_region_with_its_etag_and_partners() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/regions/twente").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v1\"");
    let region: Value = response.json().await.expect("json");
    assert_eq!(region["name"], "Twente");

    let partners: Value = app
        .get("/api/v1/regions/twente/partners")
        .await
        .json()
        .await
        .expect("json");
    assert!(partners["items"].as_array().is_some_and(|p| !p.is_empty()));

    expect_problem(app.get("/api/v1/regions/atlantis").await, 404).await;
    expect_problem(app.get("/api/v1/regions/atlantis/partners").await, 404).await;
}

#[tokio::test]
async fn create_answers_201_with_location_and_the_region_is_readable() {
    let app = spawn_app().await;
    let response = app
        .post_json("/api/v1/regions", &new_region("noord-holland-noord"))
        .await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().expect("ascii").to_owned();
    assert_eq!(location, "/api/v1/regions/noord-holland-noord");
    let read: Value = app.get(&location).await.json().await.expect("json");
    assert_eq!(read["pact_name"], "Zorgpact noord-holland-noord");
    assert_eq!(read["signed_on"], "2017-09-01");

    let again = app
        .post_json("/api/v1/regions", &new_region("noord-holland-noord"))
        .await;
    expect_problem(again, 409).await;
}

#[tokio::test]
async fn a_retried_create_with_the_same_idempotency_key_stores_once() {
    let app = spawn_app().await;
    let send = |body: CreateRegionRequest| {
        app.client
            .post(app.url("/api/v1/regions"))
            .header("Idempotency-Key", "key-1")
            .json(&body)
            .send()
    };
    let first = send(new_region("gooi-en-vechtstreek")).await.expect("first");
    assert_eq!(first.status(), 201);
    let first_body: Value = first.json().await.expect("json");
    let second = send(new_region("gooi-en-vechtstreek")).await.expect("second");
    assert_eq!(second.status(), 201, "a replay answers like the first time");
    assert_eq!(second.headers()["idempotent-replayed"], "true");
    assert_eq!(second.json::<Value>().await.expect("json"), first_body);

    let list: Value = app.get("/api/v1/regions?limit=200").await.json().await.expect("json");
    assert_eq!(list["items"].as_array().map(Vec::len), Some(18), "stored once");

    let other_body = send(new_region("amstelland")).await.expect("third");
    let problem = expect_problem(other_body, 422).await;
    assert_eq!(problem["errors"][0]["pointer"], "Idempotency-Key");
}

#[tokio::test]
async fn updates_need_the_current_etag() {
    let app = spawn_app().await;
    let path = "/api/v1/regions/zeeland";
    let current = app.get(path).await;
    let tag = header(&current, "etag");
    let mut fields = region_fields(&current.json().await.expect("json"));
    fields.ambition = "Meer zij-instromers in Zeeland.".into();

    expect_problem(app.put_json(path, None, &fields).await, 428).await;

    let updated = app.put_json(path, Some(&tag), &fields).await;
    assert_eq!(updated.status(), 200);
    assert_eq!(header(&updated, "etag"), "\"v2\"");
    let body: Value = updated.json().await.expect("json");
    assert_eq!(body["ambition"], "Meer zij-instromers in Zeeland.");

    // A second coordinator still holding version 1 must not overwrite silently.
    fields.ambition = "Oude versie".into();
    expect_problem(app.put_json(path, Some(&tag), &fields).await, 412).await;
    let stored: Value = app.get(path).await.json().await.expect("json");
    assert_eq!(stored["ambition"], "Meer zij-instromers in Zeeland.");

    expect_problem(app.put_json("/api/v1/regions/atlantis", Some("*"), &fields).await, 404).await;
}

#[tokio::test]
async fn pages_walk_all_regions_once_in_name_order() {
    let app = spawn_app().await;
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..20 {
        let path = match &cursor {
            Some(c) => format!("/api/v1/regions?limit=5&cursor={c}"),
            None => "/api/v1/regions?limit=5".into(),
        };
        let page: Value = app.get(&path).await.json().await.expect("json");
        let items = page["items"].as_array().expect("items");
        assert!(items.len() <= 5);
        names.extend(items.iter().map(|r| r["name"].as_str().expect("name").to_owned()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(names.len(), 17);
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(names, sorted, "ordered by name, no duplicates");

    let bad_limit = expect_problem(app.get("/api/v1/regions?limit=0").await, 400).await;
    assert_eq!(bad_limit["errors"][0]["pointer"], "limit");
    expect_problem(app.get("/api/v1/regions?limit=abc").await, 400).await;
    expect_problem(app.get("/api/v1/regions?cursor=%%%").await, 400).await;
}

#[tokio::test]
async fn invalid_regions_are_refused_field_by_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let body = CreateRegionRequest {
        name: "  ".into(),
        signed_on: Some("01-09-2017".into()),
        agenda_role: Some(AgendaRole::Platform),
        ..new_region("Bad Code")
    };
    let unknown_role = with_fields(&body, json!({"agenda_role": "baas"}));
    let problem = expect_problem(app.post_json("/api/v1/regions", &unknown_role).await, 422).await;
    assert_eq!(
        problem["errors"][0]["pointer"], "/agenda_role",
        "an unknown code, refused by the body's type"
    );
    let problem = expect_problem(app.post_json("/api/v1/regions", &body).await, 422).await;
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["pointer"].as_str())
        .collect();
    assert_eq!(pointers, ["/code", "/name", "/signed_on"]);

    let unknown = with_fields(&new_region("flevoland-2"), json!({"colour": "red"}));
    expect_problem(app.post_json("/api/v1/regions", &unknown).await, 422).await;
    let wrong_type = with_fields(&new_region("flevoland-2"), json!({"name": 12}));
    let problem = expect_problem(app.post_json("/api/v1/regions", &wrong_type).await, 422).await;
    assert_eq!(problem["errors"][0]["pointer"], "/name");

    let list: Value = app.get("/api/v1/regions?limit=200").await.json().await.expect("json");
    assert_eq!(list["items"].as_array().map(Vec::len), Some(17));
}

#[tokio::test]
async fn malformed_requests_get_problems_not_crashes() {
    let app = spawn_app().await;
    let raw = |content_type: &str, body: Vec<u8>| {
        app.client
            .post(app.url("/api/v1/regions"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    expect_problem(
        raw("application/json", b"{\"code\": ".to_vec()).await.expect("send"),
        400,
    )
    .await;
    expect_problem(
        raw("application/json", vec![0xff, 0xfe, 0x00]).await.expect("send"),
        400,
    )
    .await;
    expect_problem(raw("text/plain", b"{}".to_vec()).await.expect("send"), 415).await;
    let huge = format!("{{\"code\": \"{}\"}}", "a".repeat(5 * 1024 * 1024));
    expect_problem(raw("application/json", huge.into_bytes()).await.expect("send"), 413).await;

    let wrong_method = app
        .client
        .delete(app.url("/api/v1/regions"))
        .send()
        .await
        .expect("send");
    assert_eq!(wrong_method.headers()["allow"], "GET, POST");
    expect_problem(wrong_method, 405).await;
}

#[tokio::test]
async fn partners_are_added_and_removed() {
    let app = spawn_app().await;
    let path = "/api/v1/regions/flevoland/partners";
    let body = new_partner("Zorgcoöperatie Almere-Poort", "municipality");
    let created = app.post_json(path, &body).await;
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().expect("ascii").to_owned();
    let partner: Value = created.json().await.expect("json");
    assert_eq!(partner["sector"], "municipality");
    expect_problem(app.post_json(path, &body).await, 409).await;

    let bad = expect_problem(
        app.post_json(path, &with_fields(&new_partner("", "mbo"), json!({"sector": "school"})))
            .await,
        422,
    )
    .await;
    assert_eq!(
        bad["errors"][0]["pointer"], "/sector",
        "an unknown code, refused by the body's type"
    );
    let bad = expect_problem(app.post_json(path, &new_partner("", "mbo")).await, 422).await;
    assert_eq!(bad["errors"][0]["pointer"], "/organisation");
    expect_problem(app.post_json("/api/v1/regions/atlantis/partners", &body).await, 404).await;

    let no_if_match = app.client.delete(app.url(&location)).send().await.expect("send");
    expect_problem(no_if_match, 428).await;
    let removed = app
        .client
        .delete(app.url(&location))
        .header("If-Match", "\"v1\"")
        .send()
        .await
        .expect("send");
    assert_eq!(removed.status(), 204);
    let list: Value = app.get(path).await.json().await.expect("json");
    assert!(
        !list["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|p| p["organisation"] == "Zorgcoöperatie Almere-Poort")
    );
    let gone = app
        .client
        .delete(app.url(&location))
        .header("If-Match", "*")
        .send()
        .await
        .expect("send");
    expect_problem(gone, 404).await;
}

#[tokio::test]
async fn anyone_reads_the_agenda_summaries_in_counts() {
    let app = spawn_app().await;
    // A fresh region, so the seeded actions do not count.
    let region = "proefregio";
    assert_eq!(
        app.post_json("/api/v1/regions", &new_region(region)).await.status(),
        201
    );
    let action = |title: &str, status: ActionStatus, progress: i64| CreateActionRequest {
        status,
        progress,
        ..helpers::new_action(region, title, &[])
    };
    for body in [
        action("Leerwerkplekken", ActionStatus::InProgress, 40),
        action("Zij-instroom", ActionStatus::Completed, 100),
    ] {
        assert_eq!(app.create_action(&body).await.status(), 201);
    }
    let archived = app.create_action(&action("Gestopt", ActionStatus::Cancelled, 0)).await;
    let location = header(&archived, "location");
    assert_eq!(app.delete(&location, Some("*")).await.status(), 204);
    let filed = app
        .post_json("/api/v1/barrier-tickets", &new_barrier(region, None, "Stagevergoeding"))
        .await;
    assert_eq!(filed.status(), 201);

    let response = app
        .anonymous
        .get(app.url("/api/v1/agenda-summaries"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let summaries: AgendaSummaryListResponse = response.json().await.expect("summaries");
    assert_eq!(
        summaries.items.len(),
        app.region_codes().await.len(),
        "every region, even without actions"
    );
    let summary = summaries
        .items
        .iter()
        .find(|s| s.region_code == region)
        .expect("the new region");
    // The archived action is not counted.
    assert_eq!(summary.actions, 2);
    assert_eq!(summary.mean_progress, Some(70.0));
    let per_status = |status| summary.by_status.iter().find(|c| c.status == status).map(|c| c.actions);
    assert_eq!(per_status(ActionStatus::InProgress), Some(1));
    assert_eq!(per_status(ActionStatus::Completed), Some(1));
    assert_eq!(per_status(ActionStatus::Cancelled), Some(0));
    assert_eq!(summary.by_action_line.iter().map(|c| c.actions).sum::<u32>(), 2);
    assert_eq!(summary.open_barriers, 1);

    let one: AgendaSummaryListResponse = app
        .get("/api/v1/agenda-summaries?region=proefregio")
        .await
        .json()
        .await
        .expect("one region");
    assert_eq!(one.items, vec![summary.clone()]);
    let unknown = expect_problem(app.get("/api/v1/agenda-summaries?region=atlantis").await, 404).await;
    assert!(
        unknown["detail"].as_str().is_some_and(|d| d.contains("atlantis")),
        "{unknown}"
    );
    let bad = expect_problem(app.get("/api/v1/agenda-summaries?region=Twente!").await, 400).await;
    assert_eq!(bad["errors"][0]["pointer"], "region", "{bad}");
}
