//! Locked periods: the programme team locks an approved period; every way of
//! changing its values and targets (single PUT, bulk upload, import) is refused
//! with 409 naming the lock, until an admin reopens it. Reading stays allowed.

use crate::helpers::{
    TestApp, Who, expect_problem, json_body, spawn_app, target_of, targets_upload, value_of, values_upload, with_fields,
};
use serde_json::{Value, json};
use zorgpact_contract::indicator::{IndicatorValueRequest, IndicatorValueResponse};
use zorgpact_contract::period_lock::{CreatePeriodLockRequest, PeriodLockListResponse, PeriodLockResponse};

const LOCKS: &str = "/api/v1/period-locks";

/// A lock of `period`, of every indicator unless one is named.
fn period_lock(period: &str, indicator: Option<&str>, note: Option<&str>) -> CreatePeriodLockRequest {
    CreatePeriodLockRequest {
        period: period.into(),
        indicator: indicator.map(Into::into),
        note: note.map(Into::into),
    }
}

async fn lock(app: &TestApp, body: &CreatePeriodLockRequest) -> PeriodLockResponse {
    let response = app.post_json(LOCKS, body).await;
    assert_eq!(response.status(), 201, "lock {body:?}");
    response.json().await.expect("lock")
}

async fn reopen(app: &TestApp, client: &reqwest::Client, id: &str) -> reqwest::Response {
    client
        .delete(app.url(&format!("{LOCKS}/{id}")))
        .header("if-match", "*")
        .send()
        .await
        .expect("reopen")
}

async fn import(app: &TestApp, csv: &str, query: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/imports/indicator-values{query}")))
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .expect("import")
}

async fn value(app: &TestApp, key: &str) -> IndicatorValueResponse {
    let response = app.get(&format!("/api/v1/indicator-values/{key}")).await;
    assert_eq!(response.status(), 200, "reading stays allowed: {key}");
    response.json().await.expect("value")
}

/// A 409 whose detail names the lock.
async fn refused_by(response: reqwest::Response, lock: &PeriodLockResponse) -> String {
    let problem = expect_problem(response, 409).await;
    let detail = problem["detail"].as_str().expect("detail").to_owned();
    assert!(detail.contains(&lock.id), "names the lock: {detail}");
    assert!(
        detail.contains(&format!("period {} is locked", lock.period)),
        "{detail}"
    );
    detail
}

#[tokio::test]
async fn a_lock_is_created_listed_read_and_deleted() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url(LOCKS))
        .json(&period_lock("2024", None, Some("Jaarcijfers vastgesteld")))
        .send()
        .await
        .expect("lock");
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().expect("location").to_owned();
    assert_eq!(response.headers()["etag"], "\"v1\"");
    let created: PeriodLockResponse = response.json().await.expect("lock");
    assert_eq!(location, format!("{LOCKS}/{}", created.id));
    assert_eq!(
        (
            created.period.as_str(),
            created.indicator.as_deref(),
            created.note.as_str()
        ),
        ("2024", None, "Jaarcijfers vastgesteld")
    );
    assert!(created.locked_by.starts_with("user:admin"), "{}", created.locked_by);
    assert!(created.locked_at.ends_with('Z'));
    let one = lock(&app, &period_lock("2023-Q4", Some("sick_leave"), None)).await;

    let read = app.get(&location).await;
    assert_eq!(read.status(), 200);
    assert_eq!(read.headers()["etag"], "\"v1\"");
    assert_eq!(read.json::<PeriodLockResponse>().await.expect("lock"), created);
    let page: PeriodLockListResponse = app.get(&format!("{LOCKS}?limit=1")).await.json().await.expect("list");
    assert_eq!(page.items, std::slice::from_ref(&created));
    let rest: PeriodLockListResponse = app
        .get(&format!("{LOCKS}?limit=1&cursor={}", page.next_cursor.expect("more")))
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(rest.items, std::slice::from_ref(&one));
    assert!(rest.next_cursor.is_none());

    // The same lock twice is a conflict naming the first.
    let twice = expect_problem(app.post_json(LOCKS, &period_lock("2024", None, None)).await, 409).await;
    assert!(twice["detail"].as_str().expect("detail").contains(&created.id));

    let without_if_match = app.client.delete(app.url(&location)).send().await.expect("delete");
    expect_problem(without_if_match, 428).await;
    let stale = app
        .client
        .delete(app.url(&location))
        .header("if-match", "\"v2\"")
        .send()
        .await
        .expect("delete");
    expect_problem(stale, 412).await;
    assert_eq!(reopen(&app, &app.client, &created.id).await.status(), 204);
    expect_problem(app.get(&location).await, 404).await;
    expect_problem(reopen(&app, &app.client, &created.id).await, 404).await;

    // Both changes are in the audit trail.
    let audit: Value = app
        .get(&format!(
            "/api/v1/audit?resource_type=period_lock&resource_id={}",
            created.id
        ))
        .await
        .json()
        .await
        .expect("audit");
    let entries = audit["items"].as_array().expect("items");
    let operations: Vec<&str> = entries.iter().map(|e| e["operation"].as_str().expect("op")).collect();
    assert_eq!(operations, ["create", "delete"]);
    assert_eq!(entries[0]["after"]["period"], "2024");
    assert_eq!(entries[1]["before"]["note"], "Jaarcijfers vastgesteld");
    assert!(entries[1]["after"].is_null());
}

#[tokio::test]
async fn a_bad_lock_is_refused_with_its_fields_named() {
    let app = spawn_app().await;
    let problem = expect_problem(
        app.post_json(
            LOCKS,
            &period_lock("2024-Q5", Some("Bad Code"), Some(&"x".repeat(1001))),
        )
        .await,
        422,
    )
    .await;
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["pointer"].as_str().expect("pointer"))
        .collect();
    assert_eq!(pointers, ["/period", "/indicator", "/note"]);
    let unknown = expect_problem(
        app.post_json(LOCKS, &period_lock("2024", Some("nope"), None)).await,
        422,
    )
    .await;
    assert_eq!(unknown["errors"][0]["pointer"], "/indicator");
    // Employees are counted per year: a month lock would hold none of its values.
    let finer = expect_problem(
        app.post_json(LOCKS, &period_lock("2024-07", Some("employees"), None))
            .await,
        422,
    )
    .await;
    assert_eq!(finer["errors"][0]["pointer"], "/period");
    expect_problem(
        app.post_json(
            LOCKS,
            &with_fields(&period_lock("2024", None, None), json!({"until": "2025"})),
        )
        .await,
        422,
    )
    .await;
}

#[tokio::test]
async fn a_locked_period_refuses_every_change_until_it_is_reopened() {
    let app = spawn_app().await;
    let year = lock(&app, &period_lock("2024", None, Some("Vastgesteld"))).await;
    let stored = value(&app, "employees/twente/2024").await;

    // A single PUT, of a value and of a target, also in a quarter of the year.
    let detail = refused_by(
        app.put_json(
            "/api/v1/indicator-values/employees/twente/2024",
            Some("*"),
            &value_of(1.0),
        )
        .await,
        &year,
    )
    .await;
    assert!(detail.contains("employees/twente/2024"), "{detail}");
    refused_by(
        app.put_json(
            "/api/v1/indicator-values/open_vacancies/twente/2024-Q3",
            Some("*"),
            &value_of(1.0),
        )
        .await,
        &year,
    )
    .await;
    let new_target = app
        .client
        .put(app.url("/api/v1/indicator-targets/side_entrants/twente/2024"))
        .json(&target_of(1.0))
        .send()
        .await
        .expect("put");
    refused_by(new_target, &year).await;
    // Bulk uploads, whole: the unlocked item is not stored either.
    let items = [
        ("returners", "twente", "2025", 1.0),
        ("returners", "twente", "2024", 1.0),
    ];
    refused_by(
        app.post_json("/api/v1/indicator-values/bulk", &values_upload(&items))
            .await,
        &year,
    )
    .await;
    refused_by(
        app.post_json("/api/v1/indicator-targets/bulk", &targets_upload(&items))
            .await,
        &year,
    )
    .await;
    // Imports, and their dry runs.
    let csv = "indicator,region,period,value\nreturners,twente,2025,1\nsick_leave,zeeland,2024-Q1,5\n";
    refused_by(import(&app, csv, "").await, &year).await;
    refused_by(import(&app, csv, "?dry_run=true").await, &year).await;
    expect_problem(app.get("/api/v1/indicator-values/returners/twente/2025").await, 404).await;

    // Reading stays allowed, and sending a value exactly as stored changes nothing.
    let same = IndicatorValueRequest {
        value: stored.value,
        status: Some(stored.status),
        source: Some(stored.source),
    };
    let unchanged = app
        .put_json("/api/v1/indicator-values/employees/twente/2024", Some("*"), &same)
        .await;
    assert_eq!(unchanged.status(), 200);
    assert_eq!(value(&app, "employees/twente/2024").await.version, stored.version);
    // Other periods stay open.
    let open = app
        .put_json(
            "/api/v1/indicator-values/employees/twente/2023",
            Some("*"),
            &value_of(70000.0),
        )
        .await;
    assert_eq!(open.status(), 200);

    // Only an admin reopens it.
    let coordinator = app.client_as(Who::CoordinatorTwente);
    expect_problem(reopen(&app, &coordinator, &year.id).await, 403).await;
    assert_eq!(reopen(&app, &app.client, &year.id).await.status(), 204);
    let reopened = app
        .put_json(
            "/api/v1/indicator-values/employees/twente/2024",
            Some("*"),
            &value_of(1.0),
        )
        .await;
    assert_eq!(reopened.status(), 200);
    let report = json_body(import(&app, csv, "").await).await;
    assert_eq!(
        (&report["values"]["created"], &report["values"]["changed"]),
        (&json!(1), &json!(1))
    );
}

#[tokio::test]
async fn a_lock_for_one_indicator_and_quarter_leaves_the_rest_open() {
    let app = spawn_app().await;
    let quarter = lock(&app, &period_lock("2024-Q3", Some("open_vacancies"), None)).await;
    refused_by(
        app.put_json(
            "/api/v1/indicator-values/open_vacancies/twente/2024-Q3",
            Some("*"),
            &value_of(1.0),
        )
        .await,
        &quarter,
    )
    .await;
    for open in [
        "/api/v1/indicator-values/open_vacancies/twente/2024-Q4",
        "/api/v1/indicator-values/sick_leave/twente/2024-Q3",
        "/api/v1/indicator-values/employees/twente/2024",
    ] {
        assert_eq!(
            app.put_json(open, Some("*"), &value_of(1.0)).await.status(),
            200,
            "{open}"
        );
    }
}

#[tokio::test]
async fn only_admins_lock_and_reopen_and_signed_in_callers_read() {
    let app = spawn_app().await;
    let existing = lock(&app, &period_lock("2020", None, None)).await;
    let mut cases = 0;
    for who in Who::ALL {
        let client = app.client_as(who);
        let created = client
            .post(app.url(LOCKS))
            .json(&period_lock("2019", None, Some(&format!("{who:?}"))))
            .send()
            .await
            .expect("lock");
        let list = client.get(app.url(LOCKS)).send().await.expect("list");
        let one = client
            .get(app.url(&format!("{LOCKS}/{}", existing.id)))
            .send()
            .await
            .expect("one");
        let reads = if who == Who::PartnerNoScopes { 403 } else { 200 };
        assert_eq!(list.status(), reads, "{who:?} lists");
        assert_eq!(one.status(), reads, "{who:?} reads");
        if who == Who::Admin {
            assert_eq!(created.status(), 201);
            let lock: PeriodLockResponse = created.json().await.expect("lock");
            assert_eq!(reopen(&app, &client, &lock.id).await.status(), 204);
        } else {
            assert_eq!(created.status(), 403, "{who:?} locks");
            assert_eq!(
                reopen(&app, &client, &existing.id).await.status(),
                403,
                "{who:?} reopens"
            );
        }
        cases += 4;
    }
    for response in [
        app.anonymous.get(app.url(LOCKS)).send().await.expect("list"),
        app.anonymous
            .post(app.url(LOCKS))
            .json(&period_lock("2019", None, None))
            .send()
            .await
            .expect("lock"),
        reopen(&app, &app.anonymous, &existing.id).await,
    ] {
        expect_problem(response, 401).await;
        cases += 1;
    }
    eprintln!("{cases} (endpoint × identity) cases checked");
}
