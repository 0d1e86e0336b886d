//! The service clock through HTTP: working days (weekends and Dutch holidays
//! excluded) on each ticket, and the ministries' targets with their history.

use serde_json::{Value, json};
use zorgpact_contract::barrier::{BarrierListResponse, BarrierResponse, ServiceTargetsResponse};

use super::{TICKETS, ticket};
use crate::helpers::{Who, expect_problem, pointers, service_targets, spawn_app};

const TARGETS: &str = "/api/v1/service-targets";

#[tokio::test]
async fn a_tickets_clock_skips_the_easter_holidays() {
    let app = spawn_app().await;
    let page: BarrierListResponse = app
        .get(&format!("{TICKETS}?q=numerus"))
        .await
        .json()
        .await
        .expect("page");
    let [fixus] = page.items.as_slice() else {
        panic!("one numerus fixus ticket: {:?}", page.items);
    };
    // Filed Tuesday 20 March 2018, triaged on the 23rd, answered on 16 April:
    // Good Friday (30 March) and Easter Monday (2 April) do not count.
    let clock = &fixus.clock;
    assert_eq!(clock.first_response_days, 3);
    assert!(clock.responded);
    assert_eq!(clock.handling_days, 17);
    assert!(!clock.running && !clock.overdue);
    assert_eq!((clock.target_first_response_days, clock.target_answer_days), (10, 30));
}

#[tokio::test]
async fn a_new_ticket_starts_its_clock_at_zero() {
    let app = spawn_app().await;
    let filed = ticket(&app, "twente", Some("VWS"), "submitted").await;
    assert_eq!(filed.clock.first_response_days, 0);
    assert!(!filed.clock.responded && filed.clock.running && !filed.clock.overdue);
}

#[tokio::test]
async fn targets_change_from_now_on_and_keep_their_history() {
    let app = spawn_app().await;
    let before = ticket(&app, "twente", Some("VWS"), "submitted").await;
    let targets: ServiceTargetsResponse = app.get(TARGETS).await.json().await.expect("targets");
    let vws = |t: &ServiceTargetsResponse| {
        t.current
            .iter()
            .find(|c| c.ministry == "VWS")
            .map(|c| (c.first_response_days, c.answer_days))
    };
    assert_eq!(vws(&targets), Some((10, 30)), "the defaults");
    assert!(targets.history.is_empty());

    let response = app
        .put_json(&format!("{TARGETS}/VWS"), None, &service_targets(5, 20))
        .await;
    assert_eq!(response.status(), 200);
    let targets: ServiceTargetsResponse = app.get(TARGETS).await.json().await.expect("targets");
    assert_eq!(vws(&targets), Some((5, 20)));
    assert_eq!(targets.history.len(), 1);
    assert_eq!(targets.history[0].set_by.as_deref(), Some("Admin"));

    let after = ticket(&app, "twente", Some("VWS"), "submitted").await;
    assert_eq!(after.clock.target_answer_days, 20, "a ticket filed after the change");
    let reread: BarrierResponse = app
        .get(&format!("{TICKETS}/{}", before.id))
        .await
        .json()
        .await
        .expect("ticket");
    assert_eq!(
        reread.clock.target_answer_days, 30,
        "a ticket filed before keeps its targets"
    );
}

#[tokio::test]
async fn only_the_programme_team_sets_targets_and_they_are_checked() {
    let app = spawn_app().await;
    let body = service_targets(5, 20);
    for who in [Who::OfficialVws, Who::CoordinatorTwente, Who::Analyst] {
        let response = app
            .client_as(who)
            .put(app.url(&format!("{TARGETS}/VWS")))
            .json(&body)
            .send()
            .await
            .expect("request");
        expect_problem(response, 403).await;
    }
    let anonymous = app
        .anonymous
        .put(app.url(&format!("{TARGETS}/VWS")))
        .json(&body)
        .send()
        .await
        .expect("request");
    expect_problem(anonymous, 401).await;
    let bad = app
        .put_json(&format!("{TARGETS}/VWS"), None, &service_targets(0, 261))
        .await;
    assert_eq!(
        pointers(&expect_problem(bad, 422).await),
        ["/first_response_days", "/answer_days"]
    );
    expect_problem(app.put_json(&format!("{TARGETS}/EZK"), None, &body).await, 404).await;
    let unchanged: Value = app.get(TARGETS).await.json().await.expect("targets");
    assert_eq!(unchanged["history"], json!([]), "refusals change nothing");
}
