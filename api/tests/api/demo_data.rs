//! The demo data gives every demo account work to do: the coordinator of Twente,
//! signed in with the documented demo password, finds Twente's agenda across the
//! three action lines, each action with the progress timeline that led to it.

use std::collections::BTreeSet;

use crate::helpers::{TestApp, spawn_app};
use zorgpact_contract::action::{ActionListResponse, ProgressUpdateListResponse};
use zorgpact_contract::auth::TokenResponse;
use zorgpact_contract::codes::ActionLine;

async fn demo_login(app: &TestApp, username: &str, password: &str) -> String {
    let response = app.log_in(username, password).await;
    assert_eq!(response.status(), 200, "the demo account {username} logs in");
    let tokens: TokenResponse = response.json().await.expect("token response");
    format!("Bearer {}", tokens.access_token)
}

async fn get_as<T: serde::de::DeserializeOwned>(app: &TestApp, bearer: &str, path: &str) -> T {
    let response = app
        .anonymous
        .get(app.url(path))
        .header("Authorization", bearer)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.expect("body")
}

#[tokio::test]
async fn the_demo_coordinator_of_twente_finds_twente_actions_with_their_timelines() {
    let app = spawn_app().await;
    let bearer = demo_login(&app, "coordinator.twente@zorgpact.demo", "demo-coordinator-2026").await;

    let actions: ActionListResponse = get_as(&app, &bearer, "/api/v1/actions?region=twente").await;
    assert!(
        actions.items.len() >= 4,
        "several Twente actions, got {}",
        actions.items.len()
    );
    let lines: BTreeSet<ActionLine> = actions.items.iter().map(|a| a.action_line).collect();
    assert_eq!(lines.len(), ActionLine::ALL.len(), "every action line: {lines:?}");

    let mut with_history = 0;
    for action in &actions.items {
        let path = format!("/api/v1/actions/{}/updates", action.id);
        let timeline: ProgressUpdateListResponse = get_as(&app, &bearer, &path).await;
        let Some(latest) = timeline.items.last() else { continue };
        with_history += 1;
        let dates: Vec<&str> = timeline.items.iter().map(|u| u.date.as_str()).collect();
        assert!(dates.is_sorted(), "{}: entries in date order: {dates:?}", action.title);
        assert_eq!(
            (latest.status, latest.progress),
            (action.status, action.progress),
            "{}: the latest entry is the action's state",
            action.title
        );
    }
    assert!(
        with_history >= 4,
        "Twente actions with a progress history: {with_history}"
    );
}
