//! The stack end to end through HTTP: health (liveness, readiness), the regions list, the API docs, and
//! problem+json for paths that do not exist.

use crate::helpers::{expect_problem, spawn_app};
use zorgpact_contract::{HealthResponse, LivenessResponse, RegionListResponse};
use zorgpact_db::testing::backend_under_test;

#[tokio::test]
async fn health_reports_version_and_backend() {
    let app = spawn_app().await;
    let response = app.get("/health").await;
    assert_eq!(response.status(), 200);
    let health: HealthResponse = response.json().await.expect("health body");
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(health.database, backend_under_test().as_str());
}

#[tokio::test]
async fn liveness_and_readiness_answer_for_orchestrators() {
    let app = spawn_app().await;
    let live = app.anonymous.get(app.url("/health/live")).send().await.expect("live");
    assert_eq!(live.status(), 200);
    let live: LivenessResponse = live.json().await.expect("liveness body");
    assert_eq!(
        (live.status.as_str(), live.version.as_str()),
        ("ok", env!("CARGO_PKG_VERSION"))
    );

    let ready = app.anonymous.get(app.url("/health/ready")).send().await.expect("ready");
    assert_eq!(ready.status(), 200);
    let ready: HealthResponse = ready.json().await.expect("readiness body");
    assert_eq!(ready.database, backend_under_test().as_str());
    // Readiness while the database is away: see `server_faults`.
}

#[tokio::test]
async fn regions_list_holds_the_17_pacts_by_name() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/regions").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("application/json")
    );
    let list: RegionListResponse = response.json().await.expect("regions body");
    assert_eq!(list.items.len(), 17);
    let names: Vec<&str> = list.items.iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "ordered by name");
    for expected in [
        "Twente",
        "Zeeland",
        "Limburg",
        "Midden- en Zuid-Gelderland",
        "Achterhoek",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
}

#[tokio::test]
async fn unknown_api_paths_answer_problem_json() {
    let app = spawn_app().await;
    let body = expect_problem(app.get("/api/v1/no-such-thing").await, 404).await;
    assert_eq!(body["instance"], "/api/v1/no-such-thing");
    expect_problem(app.get("/api/v2/regions").await, 404).await;
}

#[tokio::test]
async fn the_contract_and_offline_docs_are_served() {
    let app = spawn_app().await;
    let spec: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.expect("spec");
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/api/v1/regions"]["get"].is_object());

    let docs = app.get("/api/docs/").await;
    assert_eq!(docs.status(), 200);
    let html = docs.text().await.expect("docs page");
    assert!(html.contains("swagger-ui"), "Swagger UI page");
    let init = app
        .get("/api/docs/swagger-initializer.js")
        .await
        .text()
        .await
        .expect("initializer");
    assert!(init.contains("/api/v1/openapi.json"), "docs load our own spec");
    assert!(!html.contains("https://"), "no assets from a CDN");
}

#[tokio::test]
async fn non_api_paths_fall_back_to_the_web_app() {
    let app = spawn_app().await;
    let response = app.get("/regio/twente").await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.expect("html").contains("<html"));
}
