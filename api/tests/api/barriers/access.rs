//! Who may read, file and edit barrier tickets: every endpoint called as anonymous
//! and as each identity, what each role's lists show, and the audit trail of
//! filings, edits and steps. Who takes which workflow step is in `workflow`.

use std::collections::HashSet;

use crate::helpers::{
    Access, TestApp, Who, allowed_or, barrier_fields, check_access, expect_problem, identities, new_barrier,
    service_targets, spawn_app,
};
use reqwest::Method;
use serde_json::Value;
use zorgpact_contract::barrier::{BarrierFieldsRequest, BarrierListResponse, BarrierResponse};

use super::{TICKETS, complete_step, ticket};

const GELDERLAND: &str = "midden-en-zuid-gelderland";

/// An identity of the matrix: `None` is an anonymous caller.
type Identity = Option<Who>;

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

/// Those who list barrier tickets: everyone but partner systems.
const LISTERS: [Who; 6] = [
    Who::Admin,
    Who::CoordinatorTwente,
    Who::CoordinatorGelderland,
    Who::OfficialVws,
    Who::OfficialOcw,
    Who::Analyst,
];

/// Whether `who` may read a ticket of `region` and `ministry` that is not public:
/// the admin and analysts, the region's coordinator, the ministry's official.
fn reads(who: Who, region: &str, ministry: Option<&str>) -> bool {
    match who {
        Who::Admin | Who::Analyst => true,
        Who::CoordinatorTwente => region == "twente",
        Who::CoordinatorGelderland => region == GELDERLAND,
        Who::OfficialVws => ministry == Some("VWS"),
        Who::OfficialOcw => ministry == Some("OCW"),
        Who::PartnerTwente | Who::PartnerNoScopes => false,
    }
}

/// The status `who` gets acting on such a ticket when `allowed` may: 401 without
/// a token, 403 for partners (who read no tickets at all), 404 for those who may
/// not see the ticket, then `ok` or 403.
fn on_ticket(who: Identity, region: &str, ministry: Option<&str>, allowed: &[Who], ok: u16) -> u16 {
    match who {
        None => 401,
        Some(Who::PartnerTwente | Who::PartnerNoScopes) => 403,
        Some(who) if !reads(who, region, ministry) => 404,
        Some(who) => allowed_or(Some(who), allowed, ok),
    }
}

#[tokio::test]
async fn every_endpoint_answers_each_identity_as_the_rules_say() {
    let app = spawn_app().await;
    let demo = ticket(&app, "twente", Some("VWS"), "submitted").await;
    let readers = |who| on_ticket(who, "twente", Some("VWS"), &LISTERS, 200);
    let mut matrix = vec![
        Access::get(TICKETS, |who| allowed_or(who, &LISTERS, 200)),
        Access::get(&format!("{TICKETS}/{}", demo.id), readers),
        Access::get(&format!("{TICKETS}/{}/timeline", demo.id), readers),
        Access::get(&format!("{TICKETS}/{}/transitions", demo.id), readers),
        Access::get("/api/v1/service-targets", |who| allowed_or(who, &LISTERS, 200)),
        Access::new(Method::PUT, "/api/v1/service-targets/SZW", |who| {
            allowed_or(who, &[Who::Admin], 200)
        })
        .body(&service_targets(5, 20)),
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

    // Editing what a ticket says depends on the stored ticket: its region, its
    // ministry and its status. Each identity sends the unchanged ticket, so an
    // allowed edit keeps it as it was.
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
        ("twente", Some("VWS"), "closed", &[Who::Admin, Who::OfficialVws]),
        // Not yet assigned: no official sees it.
        ("twente", None, "submitted", &[Who::Admin, Who::CoordinatorTwente]),
    ];
    for (region, ministry, status, allowed) in scenarios {
        let stored = ticket(&app, region, ministry, status).await;
        // A ticket past triage is assigned to a ministry (VWS when none was named).
        let assigned = if status == "submitted" {
            ministry
        } else {
            ministry.or(Some("VWS"))
        };
        matrix.push(
            Access::new(Method::PUT, &format!("{TICKETS}/{}", stored.id), move |who| {
                on_ticket(who, region, assigned, allowed, 200)
            })
            .body(&barrier_fields(&stored)),
        );
    }
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("barrier tickets: {cases} (endpoint × identity) cases checked");
}

async fn listed(app: &TestApp, who: Who) -> Vec<BarrierResponse> {
    let response = app
        .client_as(who)
        .get(app.url(&format!("{TICKETS}?limit=200")))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let page: BarrierListResponse = response.json().await.expect("page");
    page.items
}

#[tokio::test]
async fn each_role_lists_the_tickets_it_may_read_and_no_other() {
    let app = spawn_app().await;
    let vws = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let ocw = ticket(&app, GELDERLAND, Some("OCW"), "triaged").await;
    let everything: HashSet<String> = listed(&app, Who::Admin).await.into_iter().map(|t| t.id).collect();
    assert_eq!(
        listed(&app, Who::Analyst).await.len(),
        everything.len(),
        "analysts read every ticket"
    );
    for who in [
        Who::CoordinatorTwente,
        Who::CoordinatorGelderland,
        Who::OfficialVws,
        Who::OfficialOcw,
    ] {
        let seen = listed(&app, who).await;
        assert!(!seen.is_empty());
        for t in &seen {
            let own = reads(who, &t.region_code, t.ministry.map(|m| m.as_str()));
            assert!(t.public || own, "{who:?} must not list {}", t.title);
        }
        let ids: HashSet<&str> = seen.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids.contains(vws.id.as_str()),
            reads(who, "twente", Some("VWS")),
            "{who:?}"
        );
        assert_eq!(
            ids.contains(ocw.id.as_str()),
            reads(who, GELDERLAND, Some("OCW")),
            "{who:?}"
        );
        let public = everything.len() - seen.len();
        assert!(public > 0, "{who:?} does not see every ticket");
    }
    // What a list shows, a read allows, and the other way round.
    let hidden = app
        .client_as(Who::OfficialOcw)
        .get(app.url(&format!("{TICKETS}/{}", vws.id)))
        .send()
        .await
        .expect("request");
    expect_problem(hidden, 404).await;
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

    // Once the programme team has triaged it, the coordinator can no longer change it.
    let step = complete_step(&app, "triaged", "VWS").await;
    assert_eq!(app.take_step(Who::Admin, &twente.id, &step).await.status(), 201);
    let taken: BarrierResponse = app
        .get(&format!("{TICKETS}/{}", twente.id))
        .await
        .json()
        .await
        .expect("ticket");
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
async fn each_step_is_recorded_with_before_and_after() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let answer = complete_step(&app, "answered", "VWS").await;
    assert_eq!(app.take_step(Who::OfficialVws, &stored.id, &answer).await.status(), 201);
    let refused = app.take_step(Who::OfficialOcw, &stored.id, &answer).await;
    expect_problem(refused, 404).await;

    let entries = app.audit_trail("barrier_ticket", &stored.id).await;
    let operations: Vec<&str> = entries.iter().map(|e| e["operation"].as_str().expect("op")).collect();
    assert_eq!(
        operations,
        ["create", "transition", "transition", "transition"],
        "filing, triage, analysis and the official's answer; nothing for the refusal"
    );
    let answer = &entries[3];
    assert!(
        answer["actor"].as_str().expect("actor").contains("official-vws"),
        "{answer}"
    );
    assert_eq!(answer["before"]["status"], "in_analysis");
    assert_eq!(answer["before"]["resolution"], Value::Null);
    assert_eq!(answer["after"]["status"], "answered");
    assert_eq!(answer["after"]["resolution"], "within_existing_rules");
    assert_eq!(answer["after"]["version"], stored.version + 1);
}
