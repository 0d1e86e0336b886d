//! The barrier workflow through HTTP: a ticket from filing to closing with each
//! party, every step tried by every identity (exact statuses), the steps each
//! caller is offered, and refusals that say why and change nothing.

use serde_json::Value;
use zorgpact_contract::barrier::{AvailableTransitionsResponse, BarrierResponse, TimelineResponse, TransitionRequest};
use zorgpact_contract::codes::{BarrierLocation, BarrierStatus, Ministry, Resolution, StepField};
use zorgpact_domain::barrier::workflow::{Deadlines, STEPS};

use super::{TICKETS, complete_step, ticket};
use crate::helpers::{TestApp, Who, coded, expect_problem, spawn_app, spawn_app_with_deadlines, step_to};

async fn read(app: &TestApp, id: &str) -> BarrierResponse {
    app.get(&format!("{TICKETS}/{id}")).await.json().await.expect("ticket")
}

async fn timeline(app: &TestApp, id: &str) -> TimelineResponse {
    app.get(&format!("{TICKETS}/{id}/timeline"))
        .await
        .json()
        .await
        .expect("timeline")
}

async fn offered(app: &TestApp, who: Who, id: &str) -> Vec<BarrierStatus> {
    let response = app
        .client_as(who)
        .get(app.url(&format!("{TICKETS}/{id}/transitions")))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "{who:?} lists the steps");
    let body: AvailableTransitionsResponse = response.json().await.expect("transitions");
    body.transitions.into_iter().map(|t| t.to).collect()
}

/// Takes a step that must succeed; returns the ticket after it.
async fn step(app: &TestApp, who: Who, id: &str, request: &TransitionRequest) -> BarrierResponse {
    let response = app.take_step(who, id, request).await;
    assert_eq!(response.status(), 201, "{who:?} takes the step to {}", request.to);
    let body: Value = response.json().await.expect("step");
    serde_json::from_value(body["ticket"].clone()).expect("ticket")
}

fn with_note(to: &str, note: &str) -> TransitionRequest {
    TransitionRequest {
        note: Some(note.into()),
        ..step_to(to)
    }
}

fn statuses(names: &[&str]) -> Vec<BarrierStatus> {
    names
        .iter()
        .map(|n| BarrierStatus::parse(n).expect("a status"))
        .collect()
}

#[tokio::test]
async fn a_ticket_goes_from_filing_to_closing_with_each_party() {
    let app = spawn_app().await;
    let response = app
        .client_as(Who::CoordinatorTwente)
        .post(app.url(TICKETS))
        .json(&crate::helpers::new_barrier(
            "twente",
            None,
            "Stagevergoeding voor zij-instromers",
        ))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    let filed: BarrierResponse = response.json().await.expect("ticket");
    let id = filed.id.as_str();

    assert_eq!(offered(&app, Who::CoordinatorTwente, id).await, statuses(&[]));
    assert_eq!(offered(&app, Who::Admin, id).await, statuses(&["triaged", "rejected"]));
    let official = app.official_id("VWS").await;
    let triage = TransitionRequest {
        ministry: Some(Ministry::Vws),
        official: Some(official.clone()),
        ..step_to("triaged")
    };
    let triaged = step(&app, Who::Admin, id, &triage).await;
    assert_eq!(triaged.ministry, Some(Ministry::Vws));
    assert_eq!(
        triaged.official.as_ref().map(|o| o.id.as_str()),
        Some(official.as_str())
    );

    assert_eq!(
        offered(&app, Who::OfficialVws, id).await,
        statuses(&["in_analysis", "waiting_for_region", "answered", "rejected"])
    );
    step(&app, Who::OfficialVws, id, &step_to("in_analysis")).await;
    let question = "Gaat het om bbl- of bol-studenten?";
    step(&app, Who::OfficialVws, id, &with_note("waiting_for_region", question)).await;
    assert_eq!(
        offered(&app, Who::CoordinatorTwente, id).await,
        statuses(&["in_analysis"])
    );
    step(
        &app,
        Who::CoordinatorTwente,
        id,
        &with_note("in_analysis", "Om bbl-studenten in hun eerste jaar."),
    )
    .await;
    let answer = TransitionRequest {
        answer: Some("De stagevergoeding mag uit het Stagefonds Zorg komen.".into()),
        resolution: Some(Resolution::WithinExistingRules),
        location: Some(BarrierLocation::SubsidyScheme),
        public: Some(true),
        ..step_to("answered")
    };
    let answered = step(&app, Who::OfficialVws, id, &answer).await;
    assert_eq!(answered.resolution, Some(Resolution::WithinExistingRules));
    assert!(answered.public && answered.answered_at.is_some());
    assert_eq!(
        offered(&app, Who::CoordinatorTwente, id).await,
        statuses(&["closed", "reopened"])
    );
    assert_eq!(offered(&app, Who::OfficialVws, id).await, statuses(&[]));
    let closed = step(&app, Who::CoordinatorTwente, id, &step_to("closed")).await;
    assert_eq!(closed.status, "closed");
    assert!(closed.closed_at.is_some());
    assert_eq!(offered(&app, Who::Admin, id).await, statuses(&[]), "closed is final");

    let history = timeline(&app, id).await;
    eprintln!(
        "timeline of {id}:\n{}",
        serde_json::to_string_pretty(&history).expect("json")
    );
    let moves: Vec<(Option<&str>, &str, &str)> = history
        .steps
        .iter()
        .map(|s| (s.from.map(|f| f.as_str()), s.to.as_str(), s.actor.as_str()))
        .collect();
    assert_eq!(
        moves,
        [
            (None, "submitted", "CoordinatorTwente"),
            (Some("submitted"), "triaged", "Admin"),
            (Some("triaged"), "in_analysis", "OfficialVws"),
            (Some("in_analysis"), "waiting_for_region", "OfficialVws"),
            (Some("waiting_for_region"), "in_analysis", "CoordinatorTwente"),
            (Some("in_analysis"), "answered", "OfficialVws"),
            (Some("answered"), "closed", "CoordinatorTwente"),
        ]
    );
    assert_eq!(history.steps[3].note.as_deref(), Some(question));
    let times: Vec<&str> = history.steps.iter().map(|s| s.at.as_str()).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "oldest first");
}

/// Every identity but these readers gets 404 (it may not see a Twente ticket of
/// VWS that is not public), partners 403, anonymous callers 401.
const READERS: [Who; 4] = [Who::Admin, Who::CoordinatorTwente, Who::OfficialVws, Who::Analyst];

/// Who takes each step of a Twente ticket assigned to VWS; the other readers get 403.
fn takers(from: &str, to: &str) -> &'static [Who] {
    match (from, to) {
        ("submitted" | "reopened", "triaged") => &[Who::Admin],
        ("triaged" | "reopened", "in_analysis") => &[Who::Admin, Who::OfficialVws],
        ("waiting_for_region", "in_analysis") => &[Who::Admin, Who::OfficialVws, Who::CoordinatorTwente],
        (_, "waiting_for_region" | "answered" | "rejected") => &[Who::Admin, Who::OfficialVws],
        ("answered", "closed" | "reopened") => &[Who::Admin, Who::CoordinatorTwente],
        other => panic!("no step {other:?} in the matrix"),
    }
}

fn expected(who: Option<Who>, from: &str, to: &str) -> u16 {
    match who {
        None => 401,
        Some(Who::PartnerTwente | Who::PartnerNoScopes) => 403,
        Some(who) if !READERS.contains(&who) => 404,
        Some(who) if takers(from, to).contains(&who) => 201,
        Some(_) => 403,
    }
}

#[tokio::test]
async fn every_step_answers_each_identity_as_the_matrix_says() {
    let app = spawn_app().await;
    let mut cases = 0;
    for rule in STEPS {
        for from in rule.from {
            let (from, to) = (from.as_str(), rule.to.as_str());
            // One ticket for all refusals (which must change nothing), a fresh one
            // for each identity that may take the step.
            let shared = ticket(&app, "twente", Some("VWS"), from).await;
            let request = complete_step(&app, to, "VWS").await;
            for who in crate::helpers::identities() {
                let status = expected(who, from, to);
                let target = if status == 201 {
                    ticket(&app, "twente", Some("VWS"), from).await
                } else {
                    shared.clone()
                };
                let response = app
                    .client_for(who)
                    .post(app.url(&format!("{TICKETS}/{}/transitions", target.id)))
                    .json(&request)
                    .send()
                    .await
                    .expect("request");
                assert_eq!(response.status(), status, "{who:?}: {from} -> {to}");
                cases += 1;
            }
            assert_eq!(
                read(&app, &shared.id).await,
                shared,
                "refusals of {from} -> {to} change nothing"
            );
        }
    }
    // Steps the workflow does not have are a conflict, even for the admin.
    for (from, to) in [
        ("submitted", "closed"),
        ("submitted", "answered"),
        ("in_analysis", "triaged"),
        ("answered", "in_analysis"),
        ("closed", "reopened"),
        ("rejected", "triaged"),
        ("waiting_for_region", "answered"),
    ] {
        let stored = ticket(&app, "twente", Some("VWS"), from).await;
        let request = complete_step(&app, to, "VWS").await;
        let problem = expect_problem(app.take_step(Who::Admin, &stored.id, &request).await, 409).await;
        let detail = problem["detail"].as_str().expect("detail");
        assert!(detail.starts_with(&format!("A {from} ticket")), "{detail}");
        assert_eq!(read(&app, &stored.id).await, stored);
        cases += 1;
    }
    eprintln!("barrier workflow: {cases} (step × identity) cases checked");
}

#[tokio::test]
async fn a_step_names_each_missing_and_each_foreign_field() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let half = TransitionRequest {
        answer: Some("  ".into()),
        reason: Some("Niet van toepassing.".into()),
        ..step_to("answered")
    };
    let problem = expect_problem(app.take_step(Who::OfficialVws, &stored.id, &half).await, 422).await;
    assert_eq!(
        coded(&problem),
        [
            "/answer required",
            "/resolution required",
            "/location required",
            "/reason not_allowed"
        ]
    );
    let ask = step_to("waiting_for_region");
    let problem = expect_problem(app.take_step(Who::OfficialVws, &stored.id, &ask).await, 422).await;
    assert_eq!(coded(&problem), ["/note required"]);
    let unknown = app
        .client_as(Who::OfficialVws)
        .post(app.url(&format!("{TICKETS}/{}/transitions", stored.id)))
        .json(&serde_json::json!({"to": "done"}))
        .send()
        .await
        .expect("request");
    assert_eq!(coded(&expect_problem(unknown, 422).await), ["/to unknown_code"]);
    assert_eq!(read(&app, &stored.id).await, stored, "refused steps change nothing");
    assert_eq!(timeline(&app, &stored.id).await.steps.len(), 3);
}

#[tokio::test]
async fn triage_names_an_active_official_of_the_ministry() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", None, "submitted").await;
    let ocw_official = app.official_id("OCW").await;
    for (official, reason, code) in [
        (
            ocw_official.as_str(),
            "must be an official of VWS",
            "/official inconsistent",
        ),
        ("no-such-user", "no user has this id", "/official unknown_reference"),
    ] {
        let triage = TransitionRequest {
            ministry: Some(Ministry::Vws),
            official: Some(official.into()),
            ..step_to("triaged")
        };
        let problem = expect_problem(app.take_step(Who::Admin, &stored.id, &triage).await, 422).await;
        assert_eq!(coded(&problem), [code]);
        assert_eq!(problem["errors"][0]["reason"], reason);
    }
    assert_eq!(read(&app, &stored.id).await, stored);
}

#[tokio::test]
async fn a_step_on_a_version_that_moved_on_is_refused() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", Some("VWS"), "triaged").await;
    let stale = app
        .client_as(Who::OfficialVws)
        .post(app.url(&format!("{TICKETS}/{}/transitions", stored.id)))
        .header("If-Match", format!("\"v{}\"", stored.version - 1))
        .json(&step_to("in_analysis"))
        .send()
        .await
        .expect("request");
    expect_problem(stale, 412).await;
    let current = app
        .client_as(Who::OfficialVws)
        .post(app.url(&format!("{TICKETS}/{}/transitions", stored.id)))
        .header("If-Match", format!("\"v{}\"", stored.version))
        .json(&step_to("in_analysis"))
        .send()
        .await
        .expect("request");
    assert_eq!(current.status(), 201);
    assert_eq!(
        current.headers()["etag"].to_str().expect("etag"),
        format!("\"v{}\"", stored.version + 1)
    );
}

#[tokio::test]
async fn an_answer_can_be_reopened_only_within_the_period() {
    let app = spawn_app().await;
    let answered = ticket(&app, "twente", Some("VWS"), "answered").await;
    let reopen = with_note("reopened", "Het antwoord gaat niet over bbl-studenten.");
    let reopened = step(&app, Who::CoordinatorTwente, &answered.id, &reopen).await;
    assert_eq!(reopened.status, "reopened");
    assert_eq!(
        offered(&app, Who::OfficialVws, &answered.id).await,
        statuses(&["in_analysis", "rejected"])
    );

    let strict = spawn_app_with_deadlines(Deadlines {
        auto_close_days: 14,
        reopen_days: 0,
    })
    .await;
    let late = ticket(&strict, "twente", Some("VWS"), "answered").await;
    assert_eq!(
        offered(&strict, Who::CoordinatorTwente, &late.id).await,
        statuses(&["closed"])
    );
    let problem = expect_problem(strict.take_step(Who::CoordinatorTwente, &late.id, &reopen).await, 409).await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("period has passed")),
        "{problem}"
    );
}

#[tokio::test]
async fn the_steps_offered_name_what_they_need() {
    let app = spawn_app().await;
    let stored = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let body: AvailableTransitionsResponse = app
        .client_as(Who::OfficialVws)
        .get(app.url(&format!("{TICKETS}/{}/transitions", stored.id)))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("transitions");
    assert_eq!(body.status, "in_analysis");
    let answer = body
        .transitions
        .iter()
        .find(|t| t.to == "answered")
        .expect("answering is offered");
    assert_eq!(
        answer.requires,
        [StepField::Answer, StepField::Resolution, StepField::Location]
    );
    assert_eq!(answer.accepts, [StepField::Note, StepField::Public]);
    for who in [Who::Analyst, Who::CoordinatorTwente] {
        assert_eq!(
            offered(&app, who, &stored.id).await,
            statuses(&[]),
            "{who:?} only reads"
        );
    }
}
