//! Who may read, file and edit barrier tickets: every endpoint called as anonymous
//! and as each identity, and the audit trail of filings and edits.

use crate::helpers::{
    Access, TestApp, Who, allowed_or, barrier_fields, check_access, expect_problem, identities, new_barrier, spawn_app,
};
use reqwest::Method;
use serde_json::Value;
use zorgpact_contract::barrier::{BarrierFieldsRequest, BarrierResponse};
use zorgpact_contract::codes::{BarrierStatus, Ministry, Resolution};

const TICKETS: &str = "/api/v1/barrier-tickets";
const GELDERLAND: &str = "midden-en-zuid-gelderland";

/// An identity of the matrix: `None` is an anonymous caller.
type Identity = Option<Who>;

/// `ticket` moved to `status`, with `resolution`.
fn moved(ticket: &BarrierResponse, status: &str, resolution: Option<&str>) -> BarrierFieldsRequest {
    BarrierFieldsRequest {
        status: BarrierStatus::parse(status).expect("a barrier status"),
        resolution: resolution.map(|r| Resolution::parse(r).expect("a resolution")),
        ..barrier_fields(ticket)
    }
}

/// A fresh ticket filed by the admin, then brought to `status` (an answer gets a
/// resolution).
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
    let filed: BarrierResponse = response.json().await.expect("ticket");
    if status == "submitted" {
        return filed;
    }
    let changes = if status == "in_analysis" {
        moved(&filed, status, None)
    } else {
        moved(&filed, status, Some("within_existing_rules"))
    };
    let response = app
        .client
        .put(app.url(&format!("{TICKETS}/{}", filed.id)))
        .header("If-Match", "*")
        .json(&changes)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "the admin moves the ticket to {status}");
    response.json().await.expect("ticket")
}

async fn put_as(
    app: &TestApp,
    who: Identity,
    ticket: &BarrierResponse,
    body: &BarrierFieldsRequest,
) -> reqwest::Response {
    app.client_for(who)
        .put(app.url(&format!("{TICKETS}/{}", ticket.id)))
        .header("If-Match", "*")
        .json(body)
        .send()
        .await
        .expect("request")
}

const READERS: [Who; 6] = [
    Who::Admin,
    Who::CoordinatorTwente,
    Who::CoordinatorGelderland,
    Who::OfficialVws,
    Who::OfficialOcw,
    Who::Analyst,
];

#[tokio::test]
async fn every_endpoint_answers_each_identity_as_the_rules_say() {
    let app = spawn_app().await;
    // Reads: everyone but partner systems; anonymous callers must log in.
    let demo = ticket(&app, "twente", Some("VWS"), "submitted").await;
    let readers = |who| allowed_or(who, &READERS, 200);
    let mut matrix = vec![
        Access::get(TICKETS, readers),
        Access::get(&format!("{TICKETS}/{}", demo.id), readers),
        // Filing for Twente: the admin and Twente's own coordinator.
        Access::new(Method::POST, TICKETS, |who| {
            allowed_or(who, &[Who::Admin, Who::CoordinatorTwente], 201)
        })
        .body_per_caller(|n| {
            new_barrier(
                "twente",
                Some("OCW"),
                &format!("Knelpunt gemeld door {:?}", identities()[n]),
            )
        }),
    ];

    // Editing depends on the stored ticket: its region, ministry and status. Each
    // identity sends the unchanged ticket, so an allowed edit keeps it as it was.
    let scenarios: [(&str, Option<&str>, &str, &[Who]); 6] = [
        (
            "twente",
            Some("VWS"),
            "submitted",
            &[Who::Admin, Who::CoordinatorTwente, Who::OfficialVws],
        ),
        ("twente", Some("OCW"), "answered", &[Who::Admin, Who::OfficialOcw]),
        ("twente", Some("VWS"), "in_analysis", &[Who::Admin, Who::OfficialVws]),
        (
            GELDERLAND,
            Some("OCW"),
            "submitted",
            &[Who::Admin, Who::CoordinatorGelderland, Who::OfficialOcw],
        ),
        ("twente", Some("SZW"), "closed", &[Who::Admin]),
        // Only a submitted ticket may lack a ministry; any official may pick it up.
        (
            "twente",
            None,
            "submitted",
            &[Who::Admin, Who::CoordinatorTwente, Who::OfficialVws, Who::OfficialOcw],
        ),
    ];
    for (region, ministry, status, allowed) in scenarios {
        let stored = ticket(&app, region, ministry, status).await;
        matrix.push(
            Access::new(Method::PUT, &format!("{TICKETS}/{}", stored.id), |who| {
                allowed_or(who, allowed, 200)
            })
            .body(&barrier_fields(&stored)),
        );
    }
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("barrier tickets: {cases} (endpoint × identity) cases checked");
}

#[tokio::test]
async fn officials_edit_only_tickets_of_their_own_ministry() {
    let app = spawn_app().await;
    let vws = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let ocw = ticket(&app, "twente", Some("OCW"), "in_analysis").await;
    let answer = |ticket| moved(ticket, "answered", Some("within_existing_rules"));

    let response = put_as(&app, Some(Who::OfficialVws), &vws, &answer(&vws)).await;
    assert_eq!(response.status(), 200, "VWS answers its own ticket");
    let answered: BarrierResponse = response.json().await.expect("ticket");
    assert_eq!(answered.status, "answered");
    expect_problem(put_as(&app, Some(Who::OfficialVws), &ocw, &answer(&ocw)).await, 403).await;

    let response = put_as(&app, Some(Who::OfficialOcw), &ocw, &answer(&ocw)).await;
    assert_eq!(response.status(), 200, "OCW answers its own ticket");
    let vws_now: BarrierResponse = app
        .get(&format!("{TICKETS}/{}", vws.id))
        .await
        .json()
        .await
        .expect("ticket");
    expect_problem(
        put_as(&app, Some(Who::OfficialOcw), &vws_now, &barrier_fields(&vws_now)).await,
        403,
    )
    .await;
    let unchanged: BarrierResponse = app
        .get(&format!("{TICKETS}/{}", vws.id))
        .await
        .json()
        .await
        .expect("ticket");
    assert_eq!(unchanged, answered, "a refused edit changes nothing");
}

#[tokio::test]
async fn an_official_picks_up_an_unassigned_ticket_and_then_it_is_theirs() {
    let app = spawn_app().await;
    let open = ticket(&app, "twente", None, "submitted").await;
    let response = put_as(
        &app,
        Some(Who::OfficialOcw),
        &open,
        &BarrierFieldsRequest {
            ministry: Some(Ministry::Ocw),
            ..moved(&open, "in_analysis", None)
        },
    )
    .await;
    assert_eq!(response.status(), 200);
    let picked: BarrierResponse = response.json().await.expect("ticket");
    let problem = put_as(&app, Some(Who::OfficialVws), &picked, &barrier_fields(&picked)).await;
    expect_problem(problem, 403).await;
}

#[tokio::test]
async fn a_coordinator_corrects_only_submitted_tickets_of_their_region() {
    let app = spawn_app().await;
    let twente = ticket(&app, "twente", Some("VWS"), "submitted").await;
    let response = put_as(
        &app,
        Some(Who::CoordinatorTwente),
        &twente,
        &BarrierFieldsRequest {
            title: "Leerwerkplekken in de wijkverpleging".into(),
            ..barrier_fields(&twente)
        },
    )
    .await;
    assert_eq!(response.status(), 200, "a submitted Twente ticket");
    let corrected: BarrierResponse = response.json().await.expect("ticket");
    assert_eq!(corrected.title, "Leerwerkplekken in de wijkverpleging");

    let answered = ticket(&app, "twente", Some("VWS"), "answered").await;
    let refused = put_as(
        &app,
        Some(Who::CoordinatorTwente),
        &answered,
        &moved(&answered, "submitted", None),
    )
    .await;
    expect_problem(refused, 403).await;

    let gelderland = ticket(&app, GELDERLAND, Some("VWS"), "submitted").await;
    let refused = put_as(
        &app,
        Some(Who::CoordinatorTwente),
        &gelderland,
        &barrier_fields(&gelderland),
    )
    .await;
    expect_problem(refused, 403).await;

    // Once an official has taken the ticket up, the coordinator can no longer change it.
    let response = put_as(
        &app,
        Some(Who::OfficialVws),
        &corrected,
        &BarrierFieldsRequest {
            status: BarrierStatus::InAnalysis,
            ..barrier_fields(&corrected)
        },
    )
    .await;
    assert_eq!(response.status(), 200);
    let taken: BarrierResponse = response.json().await.expect("ticket");
    let refused = put_as(&app, Some(Who::CoordinatorTwente), &taken, &barrier_fields(&taken)).await;
    expect_problem(refused, 403).await;
}

#[tokio::test]
async fn coordinators_file_only_for_their_own_region() {
    let app = spawn_app().await;
    let gelderland = app.client_as(Who::CoordinatorGelderland);
    let own = gelderland
        .post(app.url(TICKETS))
        .json(&new_barrier(GELDERLAND, None, "Stage in de gehandicaptenzorg"))
        .send()
        .await
        .expect("request");
    assert_eq!(own.status(), 201);
    let other = gelderland
        .post(app.url(TICKETS))
        .json(&new_barrier("twente", None, "Stage in de gehandicaptenzorg"))
        .send()
        .await
        .expect("request");
    expect_problem(other, 403).await;
}

#[tokio::test]
async fn refused_callers_learn_nothing_about_missing_tickets() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", Some("VWS"), "submitted").await;
    let body = barrier_fields(&stored);
    let missing = |who: Identity| {
        app.client_for(who)
            .put(app.url(&format!("{TICKETS}/no-such-ticket")))
            .header("If-Match", "*")
            .json(&body)
            .send()
    };
    expect_problem(missing(None).await.expect("request"), 401).await;
    expect_problem(missing(Some(Who::PartnerTwente)).await.expect("request"), 403).await;
    expect_problem(missing(Some(Who::OfficialOcw)).await.expect("request"), 404).await;
    expect_problem(missing(Some(Who::CoordinatorTwente)).await.expect("request"), 404).await;
}

#[tokio::test]
async fn partners_cannot_read_tickets() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", Some("VWS"), "submitted").await;
    for who in [Who::PartnerTwente, Who::PartnerNoScopes] {
        let list = app.client_as(who).get(app.url(TICKETS)).send().await.expect("request");
        expect_problem(list, 403).await;
        let one = app
            .client_as(who)
            .get(app.url(&format!("{TICKETS}/{}", stored.id)))
            .send()
            .await
            .expect("request");
        expect_problem(one, 403).await;
    }
}

#[tokio::test]
async fn filing_is_recorded_in_the_audit_trail() {
    let app = spawn_app().await;
    let response = app
        .client_as(Who::CoordinatorTwente)
        .post(app.url(TICKETS))
        .json(&new_barrier("twente", Some("VWS"), "Leerwerkplekken in de thuiszorg"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    let filed: BarrierResponse = response.json().await.expect("ticket");

    let entries = app.audit_trail("barrier_ticket", &filed.id).await;
    assert_eq!(entries.len(), 1, "one entry for the filing: {entries:?}");
    let entry = &entries[0];
    assert_eq!(entry["operation"], "create");
    assert_eq!(entry["resource_type"], "barrier_ticket");
    assert_eq!(entry["resource_id"], filed.id.as_str());
    assert!(
        entry["actor"].as_str().expect("actor").contains("coordinator-twente"),
        "the coordinator filed it: {entry}"
    );
    assert_eq!(entry["before"], Value::Null);
    assert_eq!(entry["after"]["title"], "Leerwerkplekken in de thuiszorg");
    assert_eq!(entry["after"]["status"], "submitted");
    assert_eq!(entry["after"]["region_code"], "twente");
}

#[tokio::test]
async fn each_edit_is_recorded_with_before_and_after() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let answer = moved(&stored, "answered", Some("rule_change"));
    let response = put_as(&app, Some(Who::OfficialVws), &stored, &answer).await;
    assert_eq!(response.status(), 200);
    let refused = put_as(&app, Some(Who::OfficialOcw), &stored, &barrier_fields(&stored)).await;
    expect_problem(refused, 403).await;

    let entries = app.audit_trail("barrier_ticket", &stored.id).await;
    let operations: Vec<&str> = entries.iter().map(|e| e["operation"].as_str().expect("op")).collect();
    assert_eq!(
        operations,
        ["create", "update", "update"],
        "filing, the admin's move to analysis and the official's answer; nothing for the refusal"
    );
    let answer = &entries[2];
    assert!(
        answer["actor"].as_str().expect("actor").contains("official-vws"),
        "{answer}"
    );
    assert_eq!(answer["before"]["status"], "in_analysis");
    assert_eq!(answer["before"]["resolution"], Value::Null);
    assert_eq!(answer["after"]["status"], "answered");
    assert_eq!(answer["after"]["resolution"], "rule_change");
    assert_eq!(answer["after"]["version"], stored.version + 1);
}
