//! Who may read, file and edit barrier tickets: every endpoint called as anonymous
//! and as each identity, and the audit trail of filings and edits.

use crate::helpers::{TestApp, Who, expect_problem, json_body, spawn_app};
use serde_json::{Value, json};
use zorgpact_contract::barrier::BarrierResponse;

const TICKETS: &str = "/api/v1/barrier-tickets";
const GELDERLAND: &str = "midden-en-zuid-gelderland";

/// An identity of the matrix: `None` is an anonymous caller.
type Identity = Option<Who>;

fn identities() -> Vec<Identity> {
    std::iter::once(None).chain(Who::ALL.into_iter().map(Some)).collect()
}

fn client(app: &TestApp, who: Identity) -> reqwest::Client {
    match who {
        Some(who) => app.client_as(who),
        None => app.anonymous.clone(),
    }
}

fn filing(region: &str, ministry: Option<&str>, title: &str) -> Value {
    json!({
        "region_code": region,
        "title": title,
        "description": "De regeling past niet bij hoe de regio leerlingen opleidt.",
        "category": "education",
        "ministry": ministry,
    })
}

/// The editable fields of `ticket` as an update body, changed by `changes`.
fn edit(ticket: &BarrierResponse, changes: Value) -> Value {
    let mut body = json!({
        "title": ticket.title,
        "description": ticket.description,
        "category": ticket.category,
        "ministry": ticket.ministry,
        "status": ticket.status,
        "resolution": ticket.resolution,
        "resolution_note": ticket.resolution_note,
    });
    for (field, value) in changes.as_object().expect("object") {
        body[field] = value.clone();
    }
    body
}

/// A fresh ticket filed by the admin, then brought to `status` (an answer gets a
/// resolution).
async fn ticket(app: &TestApp, region: &str, ministry: Option<&str>, status: &str) -> BarrierResponse {
    let response = app
        .client
        .post(app.url(TICKETS))
        .json(&filing(
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
        json!({ "status": status })
    } else {
        json!({ "status": status, "resolution": "within_existing_rules" })
    };
    let response = app
        .client
        .put(app.url(&format!("{TICKETS}/{}", filed.id)))
        .header("If-Match", "*")
        .json(&edit(&filed, changes))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "the admin moves the ticket to {status}");
    response.json().await.expect("ticket")
}

async fn put_as(app: &TestApp, who: Identity, ticket: &BarrierResponse, body: &Value) -> reqwest::Response {
    client(app, who)
        .put(app.url(&format!("{TICKETS}/{}", ticket.id)))
        .header("If-Match", "*")
        .json(body)
        .send()
        .await
        .expect("request")
}

fn status_of(who: Identity, allowed: &[Who], ok: u16) -> u16 {
    match who {
        None => 401,
        Some(who) if allowed.contains(&who) => ok,
        Some(_) => 403,
    }
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
    let mut cases = 0;

    // Reads: everyone but partner systems; anonymous callers must log in.
    let demo = ticket(&app, "twente", Some("VWS"), "submitted").await;
    for who in identities() {
        let expected = status_of(who, &READERS, 200);
        let list = client(&app, who).get(app.url(TICKETS)).send().await.expect("request");
        assert_eq!(list.status().as_u16(), expected, "list as {who:?}");
        let one = client(&app, who)
            .get(app.url(&format!("{TICKETS}/{}", demo.id)))
            .send()
            .await
            .expect("request");
        assert_eq!(one.status().as_u16(), expected, "get as {who:?}");
        cases += 2;
    }

    // Filing for Twente: the admin and Twente's own coordinator.
    for who in identities() {
        let body = filing("twente", Some("OCW"), &format!("Knelpunt gemeld door {who:?}"));
        let response = client(&app, who)
            .post(app.url(TICKETS))
            .json(&body)
            .send()
            .await
            .expect("request");
        let expected = status_of(who, &[Who::Admin, Who::CoordinatorTwente], 201);
        assert_eq!(response.status().as_u16(), expected, "file for twente as {who:?}");
        cases += 1;
    }

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
        for who in identities() {
            let response = put_as(&app, who, &stored, &edit(&stored, json!({}))).await;
            let expected = status_of(who, allowed, 200);
            assert_eq!(
                response.status().as_u16(),
                expected,
                "edit a {status} {ministry:?} ticket of {region} as {who:?}"
            );
            cases += 1;
        }
    }
    eprintln!("barrier tickets: {cases} (endpoint × identity) cases checked");
}

#[tokio::test]
async fn officials_edit_only_tickets_of_their_own_ministry() {
    let app = spawn_app().await;
    let vws = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let ocw = ticket(&app, "twente", Some("OCW"), "in_analysis").await;
    let answer = json!({ "status": "answered", "resolution": "within_existing_rules" });

    let response = put_as(&app, Some(Who::OfficialVws), &vws, &edit(&vws, answer.clone())).await;
    assert_eq!(response.status(), 200, "VWS answers its own ticket");
    let answered: BarrierResponse = response.json().await.expect("ticket");
    assert_eq!(answered.status, "answered");
    expect_problem(
        put_as(&app, Some(Who::OfficialVws), &ocw, &edit(&ocw, answer.clone())).await,
        403,
    )
    .await;

    let response = put_as(&app, Some(Who::OfficialOcw), &ocw, &edit(&ocw, answer.clone())).await;
    assert_eq!(response.status(), 200, "OCW answers its own ticket");
    let vws_now: BarrierResponse = app
        .get(&format!("{TICKETS}/{}", vws.id))
        .await
        .json()
        .await
        .expect("ticket");
    expect_problem(
        put_as(&app, Some(Who::OfficialOcw), &vws_now, &edit(&vws_now, json!({}))).await,
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
        &edit(&open, json!({ "ministry": "OCW", "status": "in_analysis" })),
    )
    .await;
    assert_eq!(response.status(), 200);
    let picked: BarrierResponse = response.json().await.expect("ticket");
    let problem = put_as(&app, Some(Who::OfficialVws), &picked, &edit(&picked, json!({}))).await;
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
        &edit(&twente, json!({ "title": "Leerwerkplekken in de wijkverpleging" })),
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
        &edit(&answered, json!({ "status": "submitted", "resolution": null })),
    )
    .await;
    expect_problem(refused, 403).await;

    let gelderland = ticket(&app, GELDERLAND, Some("VWS"), "submitted").await;
    let refused = put_as(
        &app,
        Some(Who::CoordinatorTwente),
        &gelderland,
        &edit(&gelderland, json!({})),
    )
    .await;
    expect_problem(refused, 403).await;

    // Once an official has taken the ticket up, the coordinator can no longer change it.
    let response = put_as(
        &app,
        Some(Who::OfficialVws),
        &corrected,
        &edit(&corrected, json!({ "status": "in_analysis" })),
    )
    .await;
    assert_eq!(response.status(), 200);
    let taken: BarrierResponse = response.json().await.expect("ticket");
    let refused = put_as(&app, Some(Who::CoordinatorTwente), &taken, &edit(&taken, json!({}))).await;
    expect_problem(refused, 403).await;
}

#[tokio::test]
async fn coordinators_file_only_for_their_own_region() {
    let app = spawn_app().await;
    let gelderland = client(&app, Some(Who::CoordinatorGelderland));
    let own = gelderland
        .post(app.url(TICKETS))
        .json(&filing(GELDERLAND, None, "Stage in de gehandicaptenzorg"))
        .send()
        .await
        .expect("request");
    assert_eq!(own.status(), 201);
    let other = gelderland
        .post(app.url(TICKETS))
        .json(&filing("twente", None, "Stage in de gehandicaptenzorg"))
        .send()
        .await
        .expect("request");
    expect_problem(other, 403).await;
}

#[tokio::test]
async fn refused_callers_learn_nothing_about_missing_tickets() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", Some("VWS"), "submitted").await;
    let body = edit(&stored, json!({}));
    let missing = |who: Identity| {
        client(&app, who)
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

/// The audit entries of one ticket, oldest first.
async fn audit_of(app: &TestApp, id: &str) -> Vec<Value> {
    let response = app
        .get(&format!("/api/v1/audit?resource_type=barrier_ticket&resource_id={id}"))
        .await;
    assert_eq!(response.status(), 200, "audit trail");
    let body = json_body(response).await;
    body["items"].as_array().expect("items").clone()
}

#[tokio::test]
async fn filing_is_recorded_in_the_audit_trail() {
    let app = spawn_app().await;
    let response = app
        .client_as(Who::CoordinatorTwente)
        .post(app.url(TICKETS))
        .json(&filing("twente", Some("VWS"), "Leerwerkplekken in de thuiszorg"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    let filed: BarrierResponse = response.json().await.expect("ticket");

    let entries = audit_of(&app, &filed.id).await;
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
    let answer = json!({ "status": "answered", "resolution": "rule_change" });
    let response = put_as(&app, Some(Who::OfficialVws), &stored, &edit(&stored, answer)).await;
    assert_eq!(response.status(), 200);
    let refused = put_as(&app, Some(Who::OfficialOcw), &stored, &edit(&stored, json!({}))).await;
    expect_problem(refused, 403).await;

    let entries = audit_of(&app, &stored.id).await;
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
