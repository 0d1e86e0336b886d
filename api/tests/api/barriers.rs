//! Barrier tickets through HTTP: filing, reading, editing with `If-Match`, the
//! list's filters and pages; the workflow's steps in `workflow`, who may do what
//! in `access`.

mod access;
mod clock;
mod collaboration;
mod figures;
mod workflow;

use std::collections::HashSet;

use crate::helpers::{
    TestApp, Who, barrier_fields, changed, coded, expect_problem, new_barrier, pointers, spawn_app, step_to,
    with_fields,
};
use serde::Serialize;
use serde_json::{Value, json};
use zorgpact_contract::barrier::{BarrierFieldsRequest, BarrierListResponse, BarrierResponse, CreateBarrierRequest};
use zorgpact_contract::codes::BarrierCategory;

const TICKETS: &str = "/api/v1/barrier-tickets";

/// The demo data's tickets (`crates/db/src/seed/demo.json`), one a duplicate.
const DEMO_TICKETS: usize = 12;

async fn post(app: &TestApp, body: &impl Serialize, key: Option<&str>) -> reqwest::Response {
    let mut request = app.client.post(app.url(TICKETS)).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.expect("request")
}

async fn put(app: &TestApp, id: &str, body: &impl Serialize, if_match: Option<&str>) -> reqwest::Response {
    let mut request = app.client.put(app.url(&format!("{TICKETS}/{id}"))).json(body);
    if let Some(tag) = if_match {
        request = request.header("If-Match", tag);
    }
    request.send().await.expect("request")
}

async fn list(app: &TestApp, query: &str) -> BarrierListResponse {
    let response = app.get(&format!("{TICKETS}?{query}")).await;
    assert_eq!(response.status(), 200, "list {query}");
    response.json().await.expect("list body")
}

fn etag_of(response: &reqwest::Response) -> String {
    response.headers()["etag"].to_str().expect("ascii").to_owned()
}

fn filing() -> CreateBarrierRequest {
    CreateBarrierRequest {
        description: "De bbl-regeling vraagt een vaste werkplek; in de wijk werken leerlingen op wisselende adressen."
            .into(),
        filed_on: Some("2024-02-01".into()),
        ..new_barrier("twente", Some("OCW"), "Leerwerkplekken in de thuiszorg")
    }
}

async fn file(app: &TestApp, body: &CreateBarrierRequest) -> BarrierResponse {
    let response = post(app, body, None).await;
    assert_eq!(response.status(), 201);
    response.json().await.expect("ticket")
}

/// A fresh ticket filed by the admin and brought to `status` by the admin (who
/// acts as every party): the shortest way through the workflow. Tickets beyond
/// `submitted` are assigned to `ministry` and its demo official.
async fn ticket(app: &TestApp, region: &str, ministry: Option<&str>, status: &str) -> BarrierResponse {
    let response = app
        .client
        .post(app.url(TICKETS))
        .json(&new_barrier(
            region,
            ministry,
            &format!("Knelpunt {region} {ministry:?} {status}"),
        ))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201, "the admin files");
    let mut current: BarrierResponse = response.json().await.expect("ticket");
    let path: &[&str] = match status {
        "submitted" => &[],
        "rejected" => &["rejected"],
        "triaged" => &["triaged"],
        "in_analysis" => &["triaged", "in_analysis"],
        "waiting_for_region" => &["triaged", "in_analysis", "waiting_for_region"],
        "answered" => &["triaged", "in_analysis", "answered"],
        "closed" => &["triaged", "in_analysis", "answered", "closed"],
        "reopened" => &["triaged", "in_analysis", "answered", "reopened"],
        other => panic!("no way to {other}"),
    };
    for to in path {
        let step = complete_step(app, to, ministry.unwrap_or("VWS")).await;
        let response = app.take_step(Who::Admin, &current.id, &step).await;
        assert_eq!(response.status(), 201, "the admin moves the ticket to {to}");
        let taken: Value = response.json().await.expect("step");
        current = serde_json::from_value(taken["ticket"].clone()).expect("ticket");
    }
    current
}

/// A step to `to` with every field it needs (triage to `ministry`'s official).
async fn complete_step(app: &TestApp, to: &str, ministry: &str) -> zorgpact_contract::barrier::TransitionRequest {
    let mut step = step_to(to);
    match to {
        "triaged" => {
            step.ministry = Some(zorgpact_contract::codes::Ministry::parse(ministry).expect("a ministry"));
            step.official = Some(app.official_id(ministry).await);
        }
        "answered" => {
            step.answer = Some("Dit kan binnen de bestaande regels.".into());
            step.resolution = Some(zorgpact_contract::codes::Resolution::WithinExistingRules);
            step.location = Some(zorgpact_contract::codes::BarrierLocation::InstitutionalRules);
        }
        // A note is welcome on every step into analysis, and needed coming back
        // from the region.
        "waiting_for_region" | "reopened" | "in_analysis" => step.note = Some("Graag een toelichting.".into()),
        "rejected" => step.reason = Some("Buiten de scope van de ministeries.".into()),
        _ => {}
    }
    step
}

fn titles(page: &BarrierListResponse) -> Vec<&str> {
    page.items.iter().map(|t| t.title.as_str()).collect()
}

#[tokio::test]
async fn demo_data_holds_twelve_barriers_including_the_chain_internship() {
    let app = spawn_app().await;
    let page = list(&app, "").await;
    assert_eq!(page.items.len(), DEMO_TICKETS);
    assert_eq!(page.next_cursor, None);
    let ids: Vec<&str> = page.items.iter().map(|t| t.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "ordered by id");

    let chain = page
        .items
        .iter()
        .find(|t| t.title.to_lowercase().contains("ketenstage"))
        .expect("the chain internship barrier");
    assert_eq!(chain.region_code, "noord");
    assert_eq!(chain.ministry.map(|c| c.as_str()), Some("OCW"));
    assert_eq!(chain.status, "closed");
    assert_eq!(chain.resolution.map(|c| c.as_str()), Some("within_existing_rules"));
    assert_eq!(chain.filed_on, "2017-03-14");
    assert!(chain.closed_at.is_some(), "a closed ticket says when");
    let duplicates: Vec<&str> = chain.duplicates.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        duplicates,
        ["Stagecontract voor een stage bij meerdere zorginstellingen"]
    );
    assert!(chain.answer.as_deref().is_some_and(|a| a.contains("standaardcontract")));
    assert!(chain.public, "the programme published its answers");
    assert_eq!(
        chain.official.as_ref().map(|o| o.name.as_str()),
        Some("Beleidsmedewerker OCW (demo)")
    );
    let rejected = page
        .items
        .iter()
        .find(|t| t.status == "rejected")
        .expect("a rejected ticket");
    assert!(
        rejected
            .rejection_reason
            .as_deref()
            .is_some_and(|r| r.contains("gemeentelijke"))
    );

    let open = page
        .items
        .iter()
        .find(|t| t.status == "submitted")
        .expect("a submitted ticket");
    assert_eq!(open.resolution, None);
    assert_eq!(open.closed_at, None);
}

#[tokio::test]
async fn a_ticket_is_filed_read_and_edited_with_if_match() {
    let app = spawn_app().await;
    let response = post(&app, &filing(), None).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().expect("ascii").to_owned();
    assert_eq!(etag_of(&response), "\"v1\"");
    let filed: BarrierResponse = response.json().await.expect("ticket");
    assert_eq!(location, format!("{TICKETS}/{}", filed.id));
    assert_eq!(filed.status, "submitted", "a new ticket starts submitted");
    assert_eq!(filed.resolution, None);
    assert_eq!(filed.region_code, "twente");
    assert_eq!(filed.filed_on, "2024-02-01");
    assert_eq!(filed.version, 1);

    let response = app.get(&location).await;
    assert_eq!(response.status(), 200);
    assert_eq!(etag_of(&response), "\"v1\"");
    let read: BarrierResponse = response.json().await.expect("ticket");
    assert_eq!(read, filed);

    let body = BarrierFieldsRequest {
        title: "Leerwerkplekken in de wijkverpleging".into(),
        category: BarrierCategory::LabourMarket,
        ..barrier_fields(&read)
    };
    let response = put(&app, &filed.id, &body, Some("\"v1\"")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(etag_of(&response), "\"v2\"");
    let updated: BarrierResponse = response.json().await.expect("ticket");
    assert_eq!(updated.title, "Leerwerkplekken in de wijkverpleging");
    assert_eq!(updated.category, "labour_market");
    assert_eq!(updated.status, "submitted", "an edit does not move the ticket");
    assert_eq!(updated.version, 2);
    assert_eq!(updated.region_code, "twente", "region stays as filed");
    assert_eq!(updated.filed_on, "2024-02-01", "filing date stays");
    let reread: BarrierResponse = app.get(&location).await.json().await.expect("ticket");
    assert_eq!(reread, updated);

    let stale = put(&app, &filed.id, &body, Some("\"v1\"")).await;
    expect_problem(stale, 412).await;
    let missing = put(&app, &filed.id, &body, None).await;
    expect_problem(missing, 428).await;
    let reread: BarrierResponse = app.get(&location).await.json().await.expect("ticket");
    assert_eq!(reread.version, 2, "refused edits change nothing");
}

#[tokio::test]
async fn filing_without_ministry_or_date_defaults_sensibly() {
    let app = spawn_app().await;
    let body = CreateBarrierRequest {
        ministry: None,
        filed_on: None,
        ..filing()
    };
    let filed = file(&app, &body).await;
    assert_eq!(filed.ministry, None);
    let today = chrono::Utc::now().date_naive().to_string();
    assert_eq!(filed.filed_on, today);
}

#[tokio::test]
async fn unknown_tickets_are_not_found() {
    let app = spawn_app().await;
    let body = expect_problem(app.get(&format!("{TICKETS}/no-such-ticket")).await, 404).await;
    assert!(body["detail"].as_str().expect("detail").contains("no-such-ticket"));
    let ticket = file(&app, &filing()).await;
    let update = barrier_fields(&ticket);
    expect_problem(put(&app, "no-such-ticket", &update, Some("*")).await, 404).await;
}

#[tokio::test]
async fn each_filter_narrows_the_list() {
    let app = spawn_app().await;
    let noord = list(&app, "region=noord").await;
    assert_eq!(titles(&noord).len(), 1);
    assert!(noord.items[0].title.contains("ketenstage"));

    let closed = list(&app, "status=closed").await;
    assert_eq!(closed.items.len(), 7);
    assert!(closed.items.iter().all(|t| t.status == "closed"));

    let szw = list(&app, "ministry=SZW").await;
    assert_eq!(szw.items.len(), 2);
    assert!(szw.items.iter().all(|t| t.ministry.map(|c| c.as_str()) == Some("SZW")));

    let funding = list(&app, "category=funding").await;
    assert_eq!(funding.items.len(), 2);
    assert!(funding.items.iter().all(|t| t.category == "funding"));

    let vws_closed = list(&app, "ministry=VWS&status=closed").await;
    assert_eq!(vws_closed.items.len(), 3, "filters combine");

    assert!(list(&app, "region=achterhoek").await.items.is_empty());
}

#[tokio::test]
async fn free_text_search_ignores_case_and_takes_wildcards_literally() {
    let app = spawn_app().await;
    let chain = list(&app, "q=KETENSTAGE").await;
    assert_eq!(chain.items.len(), 1, "{:?}", titles(&chain));
    assert_eq!(chain.items[0].region_code, "noord");

    // Found in the description only ("minutenregistratie voor de declaratie").
    let declaration = list(&app, "q=Declaratie").await;
    assert_eq!(declaration.items.len(), 1, "{:?}", titles(&declaration));
    assert_eq!(declaration.items[0].region_code, "limburg");

    let internship = list(&app, "q=stage").await;
    assert!(internship.items.len() >= 2, "{:?}", titles(&internship));

    assert!(
        list(&app, "q=%25").await.items.is_empty(),
        "% matches only a percent sign"
    );
    assert!(list(&app, "q=st_ge").await.items.is_empty(), "_ is literal");

    let body = CreateBarrierRequest {
        title: "Maximaal 100% van de stagevergoeding gesubsidieerd".into(),
        ..filing()
    };
    let filed = file(&app, &body).await;
    let percent = list(&app, "q=100%25").await;
    assert_eq!(titles(&percent), [filed.title.as_str()]);
    assert!(list(&app, "q=100%25%20stage").await.items.is_empty());

    let all = list(&app, "q=%20%20").await;
    assert_eq!(all.items.len(), DEMO_TICKETS + 1, "a blank search finds everything");
}

#[tokio::test]
async fn bad_filter_values_name_the_parameter() {
    let app = spawn_app().await;
    let long = "x".repeat(201);
    for (query, parameter) in [
        ("status=open", "status"),
        ("ministry=vws", "ministry"),
        ("category=weather", "category"),
        ("region=Twente", "region"),
        ("limit=0", "limit"),
        ("limit=many", "limit"),
        ("cursor=!!", "cursor"),
        (&format!("q={long}") as &str, "q"),
    ] {
        let problem = expect_problem(app.get(&format!("{TICKETS}?{query}")).await, 400).await;
        assert_eq!(pointers(&problem), [parameter], "{query}");
    }
}

#[tokio::test]
async fn pages_walk_every_ticket_once() {
    let app = spawn_app().await;
    for (filter, expected) in [("", DEMO_TICKETS), ("status=closed&", 7)] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let query = match &cursor {
                Some(c) => format!("{filter}limit=2&cursor={c}"),
                None => format!("{filter}limit=2"),
            };
            let page = list(&app, &query).await;
            assert!(page.items.len() <= 2);
            seen.extend(page.items.into_iter().map(|t| t.id));
            pages += 1;
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
            assert!(pages < 20, "pagination does not end");
        }
        assert_eq!(seen.len(), expected, "{filter}");
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), expected, "no duplicates with {filter}");
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(seen, sorted, "stable order across pages");
    }
}

#[tokio::test]
async fn filing_errors_point_at_the_field() {
    let app = spawn_app().await;
    let good = filing();
    // Each with the code the app translates.
    let cases = [
        (changed(&good, |b| b.title = "  ".into()), "/title required"),
        (changed(&good, |b| b.title = "x".repeat(201)), "/title too_long 200"),
        (
            changed(&good, |b| b.description = String::new()),
            "/description required",
        ),
        (
            changed(&good, |b| b.region_code = "atlantis".into()),
            "/region_code unknown_reference",
        ),
        (
            changed(&good, |b| b.region_code = "Twente".into()),
            "/region_code invalid_format",
        ),
        (
            changed(&good, |b| b.filed_on = Some("2099-01-01".into())),
            "/filed_on out_of_range",
        ),
        (
            changed(&good, |b| b.filed_on = Some("14-03-2017".into())),
            "/filed_on invalid_format",
        ),
        // What the body's type cannot hold: unknown codes, wrong types.
        (
            with_fields(&good, json!({"category": "weather"})),
            "/category unknown_code",
        ),
        (with_fields(&good, json!({"ministry": "EZK"})), "/ministry unknown_code"),
        (with_fields(&good, json!({"title": 5})), "/title invalid_type"),
        (
            with_fields(&good, json!({"ministry": ["OCW"]})),
            "/ministry invalid_type",
        ),
    ];
    for (body, expected) in cases {
        let problem = expect_problem(post(&app, &body, None).await, 422).await;
        assert_eq!(coded(&problem), [expected], "{body}");
    }

    let body = with_fields(&good, json!({"status": "closed"}));
    let problem = expect_problem(post(&app, &body, None).await, 422).await;
    assert_eq!(coded(&problem), ["/status not_allowed"], "an unknown field is named");

    let mut body = serde_json::to_value(&good).expect("JSON");
    body.as_object_mut().expect("object").remove("title");
    let problem = expect_problem(post(&app, &body, None).await, 422).await;
    assert_eq!(coded(&problem), ["/title required"], "a missing field is named");

    // An unknown code is refused by the body's type, before the fields are checked.
    let several = CreateBarrierRequest {
        description: String::new(),
        category: BarrierCategory::Funding,
        ..new_barrier("twente", None, "")
    };
    let unknown = with_fields(&several, json!({"category": "x"}));
    let problem = expect_problem(post(&app, &unknown, None).await, 422).await;
    assert_eq!(pointers(&problem), ["/category"], "an unknown code");
    let problem = expect_problem(post(&app, &several, None).await, 422).await;
    assert_eq!(
        pointers(&problem),
        ["/title", "/description"],
        "every bad field at once"
    );
    assert_eq!(list(&app, "").await.items.len(), DEMO_TICKETS, "nothing was filed");
}

#[tokio::test]
async fn malformed_requests_are_refused_cleanly() {
    let app = spawn_app().await;
    let not_json = app
        .client
        .post(app.url(TICKETS))
        .header("content-type", "application/json")
        .body("{\"title\": ")
        .send()
        .await
        .expect("request");
    expect_problem(not_json, 400).await;
    let bad_utf8 = app
        .client
        .post(app.url(TICKETS))
        .header("content-type", "application/json")
        .body(vec![b'{', 0xff, 0xfe, b'}'])
        .send()
        .await
        .expect("request");
    expect_problem(bad_utf8, 400).await;
    let text = app
        .client
        .post(app.url(TICKETS))
        .header("content-type", "text/plain")
        .body(serde_json::to_string(&filing()).expect("JSON"))
        .send()
        .await
        .expect("request");
    expect_problem(text, 415).await;
    let huge = CreateBarrierRequest {
        description: "x".repeat(10_001),
        ..filing()
    };
    let problem = expect_problem(post(&app, &huge, None).await, 422).await;
    assert_eq!(pointers(&problem), ["/description"]);
}

#[tokio::test]
async fn update_errors_point_at_the_field() {
    let app = spawn_app().await;
    let ticket = file(&app, &filing()).await;
    let good = barrier_fields(&ticket);
    let cases = [
        (changed(&good, |b| b.title = String::new()), "/title"),
        // What the edit's type cannot hold: a status (read only to point to the
        // workflow), an unknown code, fields that are not the edit's.
        (with_fields(&good, json!({"status": "closed"})), "/status"),
        (with_fields(&good, json!({"status": 3})), "/status"),
        (with_fields(&good, json!({"category": "weather"})), "/category"),
        (
            with_fields(&good, json!({"resolution": "within_existing_rules"})),
            "/resolution",
        ),
        (with_fields(&good, json!({"ministry": "VWS"})), "/ministry"),
    ];
    for (body, pointer) in cases {
        let problem = expect_problem(put(&app, &ticket.id, &body, Some("\"v1\"")).await, 422).await;
        assert_eq!(pointers(&problem), [pointer], "{body}");
    }
    let body = with_fields(&good, json!({"region_code": "noord"}));
    let problem = expect_problem(put(&app, &ticket.id, &body, Some("\"v1\"")).await, 422).await;
    assert_eq!(
        coded(&problem),
        ["/region_code not_allowed"],
        "the region cannot be changed"
    );
    let unchanged: BarrierResponse = app
        .get(&format!("{TICKETS}/{}", ticket.id))
        .await
        .json()
        .await
        .expect("ticket");
    assert_eq!(unchanged, ticket);
}

#[tokio::test]
async fn a_status_in_an_edit_points_to_the_workflow() {
    let app = spawn_app().await;
    let ticket = file(&app, &filing()).await;
    // `status` is not a field of the edit's type: the server reads it only to say so.
    let body = with_fields(&barrier_fields(&ticket), json!({"status": "answered"}));
    let problem = expect_problem(put(&app, &ticket.id, &body, Some("\"v1\"")).await, 422).await;
    let reason = problem["errors"][0]["reason"].as_str().expect("a reason");
    assert!(
        reason.contains(&format!("POST /api/v1/barrier-tickets/{}/transitions", ticket.id)),
        "{problem}"
    );
    let unchanged: BarrierResponse = app
        .get(&format!("{TICKETS}/{}", ticket.id))
        .await
        .json()
        .await
        .expect("ticket");
    assert_eq!(unchanged, ticket);
}

#[tokio::test]
async fn a_retried_filing_with_the_same_key_files_once() {
    let app = spawn_app().await;
    let first = post(&app, &filing(), Some("barrier-retry-1")).await;
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first_location = first.headers()["location"].clone();
    let first_etag = etag_of(&first);
    let first_body = first.text().await.expect("body");

    let again = post(&app, &filing(), Some("barrier-retry-1")).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.headers()["location"], first_location);
    assert_eq!(etag_of(&again), first_etag);
    assert_eq!(again.text().await.expect("body"), first_body);
    assert_eq!(list(&app, "").await.items.len(), DEMO_TICKETS + 1, "filed once");

    let other = CreateBarrierRequest {
        title: "Een andere belemmering".into(),
        ..filing()
    };
    let problem = expect_problem(post(&app, &other, Some("barrier-retry-1")).await, 422).await;
    assert_eq!(pointers(&problem), ["Idempotency-Key"]);
    assert_eq!(list(&app, "").await.items.len(), DEMO_TICKETS + 1);
}

#[tokio::test]
async fn the_contract_documents_the_barrier_tickets() {
    let app = spawn_app().await;
    let spec: Value = app.get("/api/v1/openapi.json").await.json().await.expect("spec");
    let paths = &spec["paths"];
    for (path, method) in [
        (TICKETS, "get"),
        (TICKETS, "post"),
        ("/api/v1/barrier-tickets/{id}", "get"),
        ("/api/v1/barrier-tickets/{id}", "put"),
        ("/api/v1/barrier-tickets/{id}/transitions", "get"),
        ("/api/v1/barrier-tickets/{id}/transitions", "post"),
        ("/api/v1/barrier-tickets/{id}/timeline", "get"),
    ] {
        let operation = &paths[path][method];
        assert_eq!(operation["tags"][0], "barrier-tickets", "{method} {path}");
    }
    let filters: Vec<&str> = paths[TICKETS]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        filters,
        ["region", "status", "ministry", "category", "q", "limit", "cursor"]
    );
}
