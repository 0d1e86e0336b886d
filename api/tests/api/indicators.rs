//! The indicator catalogue, values and targets through HTTP: what a coordinator,
//! partner system or analyst would notice going wrong.

mod access;

use std::collections::HashSet;

use crate::helpers::{
    self, TestApp, coded, expect_problem, final_value, header, pointers, spawn_app, target_of, targets_upload,
    value_item, value_of, values_upload, with_fields,
};
use serde::Serialize;
use serde_json::json;
use zorgpact_contract::codes::{Direction, IndicatorGroup, PeriodType, Rollup, Unit};
use zorgpact_contract::indicator::{
    BulkIndicatorValuesRequest, BulkWriteResponse, CreateIndicatorRequest, IndicatorFieldsRequest,
    IndicatorListResponse, IndicatorResponse, IndicatorTargetListResponse, IndicatorTargetRequest,
    IndicatorTargetResponse, IndicatorValueItem, IndicatorValueListResponse, IndicatorValueResponse,
};

/// Years 2017-2024 per yearly indicator, quarters 2021-2024 per quarterly one.
const TWENTE_DEMO_VALUES: usize = 17 * 8 + 2 * 16;

async fn values(app: &TestApp, query: &str) -> IndicatorValueListResponse {
    let response = app.get(&format!("/api/v1/indicator-values?{query}")).await;
    assert_eq!(response.status(), 200, "values?{query}");
    response.json().await.expect("values")
}

fn periods_of(list: &IndicatorValueListResponse) -> Vec<&str> {
    list.items.iter().map(|v| v.period.as_str()).collect()
}

/// The fields of short sick leave, a percentage.
fn sick_leave_fields(period_type: PeriodType, rollup: Rollup, weight: Option<&str>) -> IndicatorFieldsRequest {
    IndicatorFieldsRequest {
        name: "Kort verzuim".into(),
        description: "Verzuim korter dan een week.".into(),
        group: IndicatorGroup::Work,
        unit: Unit::Percent,
        direction: Direction::LowerIsBetter,
        period_type,
        rollup,
        weight_indicator: weight.map(Into::into),
        formula: None,
    }
}

/// Short sick leave per quarter as a new indicator.
fn new_indicator(code: &str, rollup: Rollup, weight: Option<&str>) -> CreateIndicatorRequest {
    CreateIndicatorRequest {
        rollup,
        weight_indicator: weight.map(Into::into),
        ..helpers::new_indicator(code)
    }
}

#[tokio::test]
async fn catalogue_is_listed_by_code_page_by_page_and_by_group() {
    let app = spawn_app().await;
    let mut codes = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("?limit=5&cursor={c}"),
            None => "?limit=5".into(),
        };
        let page: IndicatorListResponse = app
            .get(&format!("/api/v1/indicators{query}"))
            .await
            .json()
            .await
            .expect("page");
        assert!(page.items.len() <= 5);
        codes.extend(page.items.into_iter().map(|i| i.code));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(
        codes.len(),
        21,
        "the monitor's 19 indicators and 2 derived ones: {codes:?}"
    );
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "ordered by code, no duplicates");

    let work: IndicatorListResponse = app
        .get("/api/v1/indicators?group=work")
        .await
        .json()
        .await
        .expect("work");
    assert!(work.items.iter().any(|i| i.code == "sick_leave"));
    assert!(work.items.iter().all(|i| i.group.as_str() == "work"));
    assert_eq!(work.items.len(), 5);

    let problem = expect_problem(app.get("/api/v1/indicators?group=money").await, 400).await;
    assert_eq!(pointers(&problem), ["group"]);
}

#[tokio::test]
async fn one_indicator_carries_its_version_as_etag() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/indicators/sick_leave").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v1\"");
    let indicator: IndicatorResponse = response.json().await.expect("indicator");
    assert_eq!(indicator.period_type.as_str(), "quarter");
    assert_eq!(indicator.rollup.as_str(), "weighted_mean");
    assert_eq!(indicator.weight_indicator.as_deref(), Some("employees"));
    expect_problem(app.get("/api/v1/indicators/no_such_thing").await, 404).await;
}

#[tokio::test]
async fn programme_team_adds_an_indicator() {
    let app = spawn_app().await;
    let body = new_indicator("short_sick_leave", Rollup::WeightedMean, Some("employees"));
    let response = app.post_json("/api/v1/indicators", &body).await;
    assert_eq!(response.status(), 201);
    assert_eq!(header(&response, "location"), "/api/v1/indicators/short_sick_leave");
    assert_eq!(header(&response, "etag"), "\"v1\"");
    let stored: IndicatorResponse = app
        .get("/api/v1/indicators/short_sick_leave")
        .await
        .json()
        .await
        .expect("stored");
    assert_eq!(stored.name, "Kort verzuim");
    assert_eq!(stored.period_type.as_str(), "quarter");

    let taken = app.post_json("/api/v1/indicators", &body).await;
    expect_problem(taken, 409).await;

    let yearly = CreateIndicatorRequest {
        unit: Unit::Persons,
        period_type: None,
        ..new_indicator("yearly_default", Rollup::Sum, None)
    };
    let created: IndicatorResponse = app
        .post_json("/api/v1/indicators", &yearly)
        .await
        .json()
        .await
        .expect("created");
    assert_eq!(created.period_type.as_str(), "year", "yearly unless said otherwise");
}

#[tokio::test]
async fn an_indicator_with_bad_rollup_rules_is_refused() {
    let app = spawn_app().await;
    let no_weight = new_indicator("short_sick_leave", Rollup::WeightedMean, None);
    let problem = expect_problem(app.post_json("/api/v1/indicators", &no_weight).await, 422).await;
    assert_eq!(pointers(&problem), ["/weight_indicator"]);

    let unknown_weight = new_indicator("short_sick_leave", Rollup::WeightedMean, Some("nurses"));
    let problem = expect_problem(app.post_json("/api/v1/indicators", &unknown_weight).await, 422).await;
    assert_eq!(pointers(&problem), ["/weight_indicator"]);

    // Unknown codes are refused by the body's type, the first one named.
    let unknown = with_fields(
        &new_indicator("Bad Code", Rollup::Mean, None),
        json!({"rollup": "median", "unit": "euro"}),
    );
    let problem = expect_problem(app.post_json("/api/v1/indicators", &unknown).await, 422).await;
    assert_eq!(pointers(&problem), ["/rollup"]);
    let many = new_indicator("Bad Code", Rollup::WeightedMean, Some("Nurses"));
    let problem = expect_problem(app.post_json("/api/v1/indicators", &many).await, 422).await;
    assert_eq!(pointers(&problem), ["/code", "/weight_indicator"]);

    expect_problem(app.get("/api/v1/indicators/short_sick_leave").await, 404).await;
}

#[tokio::test]
async fn creating_an_indicator_twice_with_one_idempotency_key_creates_it_once() {
    let app = spawn_app().await;
    let body = new_indicator("short_sick_leave", Rollup::Mean, None);
    let first = app
        .post_json_with_key("/api/v1/indicators", "create-ssl-1", &body)
        .await;
    assert_eq!(first.status(), 201);
    let retry = app
        .post_json_with_key("/api/v1/indicators", "create-ssl-1", &body)
        .await;
    assert_eq!(retry.status(), 201, "the first answer, not a conflict");
    assert_eq!(header(&retry, "idempotent-replayed"), "true");
}

#[tokio::test]
async fn updating_an_indicator_needs_its_current_version() {
    let app = spawn_app().await;
    let path = "/api/v1/indicators/work_pressure";
    let fields = sick_leave_fields(PeriodType::Year, Rollup::WeightedMean, Some("employees"));

    expect_problem(app.put_json(path, None, &fields.clone()).await, 428).await;
    let response = app.put_json(path, Some("\"v1\""), &fields.clone()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v2\"");
    let updated: IndicatorResponse = response.json().await.expect("updated");
    assert_eq!(updated.name, "Kort verzuim");

    let stale = app.put_json(path, Some("\"v1\""), &fields.clone()).await;
    expect_problem(stale, 412).await;
    let still: IndicatorResponse = app.get(path).await.json().await.expect("indicator");
    assert_eq!(still.version, 2, "a stale edit changes nothing");

    let no_weight = sick_leave_fields(PeriodType::Year, Rollup::WeightedMean, None);
    let problem = expect_problem(app.put_json(path, Some("\"v2\""), &no_weight).await, 422).await;
    assert_eq!(pointers(&problem), ["/weight_indicator"]);

    expect_problem(
        app.put_json("/api/v1/indicators/nothing_here", Some("*"), &fields)
            .await,
        404,
    )
    .await;
}

#[tokio::test]
async fn the_period_type_is_fixed_once_values_exist() {
    let app = spawn_app().await;
    let quarterly = sick_leave_fields(PeriodType::Quarter, Rollup::WeightedMean, Some("employees"));
    // Demo values exist per year.
    let problem = expect_problem(
        app.put_json("/api/v1/indicators/work_pressure", Some("\"v1\""), &quarterly.clone())
            .await,
        409,
    )
    .await;
    assert!(problem["detail"].as_str().expect("detail").contains("period type"));

    // A new indicator without values may still change it.
    let body = new_indicator("short_sick_leave", Rollup::Mean, None);
    assert_eq!(app.post_json("/api/v1/indicators", &body).await.status(), 201);
    let monthly = sick_leave_fields(PeriodType::Month, Rollup::Mean, None);
    let response = app
        .put_json("/api/v1/indicators/short_sick_leave", Some("\"v1\""), &monthly)
        .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn values_filter_by_indicator_region_and_period_range() {
    let app = spawn_app().await;
    let list = values(&app, "indicator=open_vacancies&region=twente&from=2022-Q2&to=2023").await;
    assert_eq!(
        periods_of(&list),
        [
            "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"
        ]
    );
    assert!(
        list.items
            .iter()
            .all(|v| v.indicator == "open_vacancies" && v.region == "twente")
    );
    assert_eq!(list.items[0].period_start, "2022-04-01");
    assert_eq!(list.next_cursor, None);

    // Bounds of another granularity: from the start of May, to the end of February.
    let mixed = values(&app, "indicator=open_vacancies&region=twente&from=2022-05&to=2023-02").await;
    assert_eq!(periods_of(&mixed), ["2022-Q3", "2022-Q4", "2023-Q1"]);
    let yearly = values(&app, "indicator=employees&region=twente&from=2020-Q3&to=2022-Q1").await;
    assert_eq!(periods_of(&yearly), ["2021", "2022"]);

    let provisional = values(&app, "indicator=employees&region=twente&status=provisional").await;
    assert_eq!(periods_of(&provisional), ["2024"]);

    let problem = expect_problem(
        app.get("/api/v1/indicator-values?from=2024-Q5&region=Twente").await,
        400,
    )
    .await;
    assert_eq!(coded(&problem), ["region invalid_format", "from invalid_format"]);
    let problem = expect_problem(app.get("/api/v1/indicator-values?status=maybe").await, 400).await;
    assert_eq!(coded(&problem), ["status unknown_code"]);
    let problem = expect_problem(app.get("/api/v1/indicator-values?from=2024&to=2023-Q4").await, 400).await;
    assert_eq!(coded(&problem), ["to inconsistent"]);
    let problem = expect_problem(app.get("/api/v1/indicator-values?limit=0").await, 400).await;
    assert_eq!(coded(&problem), ["limit out_of_range 1"]);
}

#[tokio::test]
async fn a_page_holds_at_most_200_values_however_many_are_asked() {
    let app = spawn_app().await;
    let page = values(&app, "limit=100000").await;
    assert_eq!(page.items.len(), 200, "the documented cap");
    assert!(page.next_cursor.is_some(), "the rest is on further pages");
}

#[tokio::test]
async fn value_pages_walk_every_value_once_in_order() {
    let app = spawn_app().await;
    let mut seen: Vec<IndicatorValueResponse> = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut query = "region=twente&limit=37".to_owned();
        if let Some(c) = &cursor {
            query.push_str(&format!("&cursor={c}"));
        }
        let page = values(&app, &query).await;
        pages += 1;
        assert!(page.items.len() <= 37);
        seen.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, TWENTE_DEMO_VALUES.div_ceil(37));
    assert_eq!(seen.len(), TWENTE_DEMO_VALUES);
    let keys: HashSet<(String, String)> = seen.iter().map(|v| (v.indicator.clone(), v.period.clone())).collect();
    assert_eq!(keys.len(), seen.len(), "no value twice");
    let order: Vec<(String, String)> = seen
        .iter()
        .map(|v| (v.indicator.clone(), v.period_start.clone()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "ordered by indicator, then period");

    let problem = expect_problem(app.get("/api/v1/indicator-values?cursor=bm9wZQ").await, 400).await;
    assert_eq!(coded(&problem), ["cursor invalid_format"]);
}

#[tokio::test]
async fn a_value_is_created_then_replaced_with_if_match() {
    let app = spawn_app().await;
    let path = "/api/v1/indicator-values/open_vacancies/twente/2025-Q1";
    let created = app.put_json(path, None, &value_of(1800.0)).await;
    assert_eq!(created.status(), 201);
    assert_eq!(header(&created, "location"), path);
    assert_eq!(header(&created, "etag"), "\"v1\"");
    let value: IndicatorValueResponse = created.json().await.expect("value");
    assert_eq!(value.status.as_str(), "provisional");
    assert_eq!(value.period_start, "2025-01-01");

    let read = app.get(path).await;
    assert_eq!(read.status(), 200);
    assert_eq!(header(&read, "etag"), "\"v1\"");

    expect_problem(app.put_json(path, None, &value_of(1850.0)).await, 428).await;
    let replacement = final_value(1850.0, "UWV");
    let updated = app.put_json(path, Some("\"v1\""), &replacement).await;
    assert_eq!(updated.status(), 200);
    assert_eq!(header(&updated, "etag"), "\"v2\"");
    let value: IndicatorValueResponse = updated.json().await.expect("value");
    assert_eq!(
        (value.value, value.status.as_str(), value.source.as_str()),
        (1850.0, "final", "UWV")
    );

    expect_problem(app.put_json(path, Some("\"v1\""), &value_of(1900.0)).await, 412).await;
    let same = app.put_json(path, Some("\"v2\""), &replacement).await;
    assert_eq!(same.status(), 200);
    assert_eq!(header(&same, "etag"), "\"v2\"", "nothing changed, same version");

    let stored: IndicatorValueResponse = app.get(path).await.json().await.expect("value");
    assert_eq!(stored.value, 1850.0);
}

#[tokio::test]
async fn a_value_for_an_unknown_indicator_or_region_is_not_found() {
    let app = spawn_app().await;
    let body = value_of(1.0);
    let problem = expect_problem(
        app.put_json("/api/v1/indicator-values/nurses/twente/2024", None, &body)
            .await,
        404,
    )
    .await;
    assert!(problem["detail"].as_str().expect("detail").contains("nurses"));
    expect_problem(
        app.put_json("/api/v1/indicator-values/employees/atlantis/2024", None, &body)
            .await,
        404,
    )
    .await;
    expect_problem(app.get("/api/v1/indicator-values/employees/twente/2031").await, 404).await;
    expect_problem(app.get("/api/v1/indicator-values/employees/twente/2031-Q9").await, 400).await;
}

#[tokio::test]
async fn a_value_must_fit_the_indicators_period_type_and_unit() {
    let app = spawn_app().await;
    let problem = expect_problem(
        app.put_json(
            "/api/v1/indicator-values/open_vacancies/twente/2025",
            None,
            &value_of(10.0),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(coded(&problem), ["/period inconsistent"]);
    assert!(
        problem["errors"][0]["reason"]
            .as_str()
            .expect("reason")
            .contains("quarter")
    );

    let problem = expect_problem(
        app.put_json(
            "/api/v1/indicator-values/sick_leave/twente/2025-Q1",
            None,
            &with_fields(&value_of(120.0), json!({"status": "guessed"})),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(
        coded(&problem),
        ["/status unknown_code"],
        "an unknown code, refused by the body's type"
    );

    for (body, expected) in [
        (
            with_fields(&value_of(1.0), json!({"value": "many"})),
            "/value invalid_type",
        ),
        (
            with_fields(&value_of(1.0), json!({"colour": "red"})),
            "/colour not_allowed",
        ),
        (json!({}), "/value required"),
    ] {
        let problem = expect_problem(
            app.put_json("/api/v1/indicator-values/employees/twente/2025", None, &body)
                .await,
            422,
        )
        .await;
        assert_eq!(coded(&problem), [expected], "{body}");
    }
    let huge = app
        .client
        .put(app.url("/api/v1/indicator-values/employees/twente/2025"))
        .header("content-type", "application/json")
        .body(r#"{"value": 1e999}"#)
        .send()
        .await
        .expect("request");
    // serde_json reads an out-of-range number as malformed JSON.
    expect_problem(huge, 400).await;
    expect_problem(app.get("/api/v1/indicator-values/employees/twente/2025").await, 404).await;
}

async fn bulk(app: &TestApp, path: &str, body: &impl Serialize, key: Option<&str>) -> reqwest::Response {
    match key {
        Some(key) => app.post_json_with_key(path, key, body).await,
        None => app.post_json(path, body).await,
    }
}

async fn counts(response: reqwest::Response) -> BulkWriteResponse {
    assert_eq!(response.status(), 200, "bulk status");
    response.json().await.expect("counts")
}

#[tokio::test]
async fn a_bulk_upload_stores_everything_and_then_nothing_twice() {
    let app = spawn_app().await;
    let existing: IndicatorValueResponse = app
        .get("/api/v1/indicator-values/employees/twente/2023")
        .await
        .json()
        .await
        .expect("existing");
    let resent = IndicatorValueItem {
        status: Some(existing.status),
        source: Some(existing.source.clone()),
        ..value_item("employees", "twente", "2023", existing.value)
    };
    let mut upload = values_upload(&[
        ("employees", "twente", "2025", 71000.0),
        ("open_vacancies", "twente", "2025-Q1", 1700.0),
        ("open_vacancies", "limburg", "2025-Q1", 1500.0),
        ("employees", "twente", "2024", 12345.0),
    ]);
    upload.items.push(resent);
    let first = counts(bulk(&app, "/api/v1/indicator-values/bulk", &upload, None).await).await;
    assert_eq!(
        first,
        BulkWriteResponse {
            created: 3,
            updated: 1,
            unchanged: 1
        }
    );

    let changed: IndicatorValueResponse = app
        .get("/api/v1/indicator-values/employees/twente/2024")
        .await
        .json()
        .await
        .expect("changed");
    assert_eq!((changed.value, changed.version), (12345.0, 2));
    assert_eq!(changed.status.as_str(), "provisional");
    let untouched: IndicatorValueResponse = app
        .get("/api/v1/indicator-values/employees/twente/2023")
        .await
        .json()
        .await
        .expect("untouched");
    assert_eq!(untouched.version, 1);
    let list = values(&app, "indicator=open_vacancies&from=2025-Q1").await;
    assert_eq!(list.items.len(), 2);

    let again = counts(bulk(&app, "/api/v1/indicator-values/bulk", &upload, None).await).await;
    assert_eq!(
        again,
        BulkWriteResponse {
            created: 0,
            updated: 0,
            unchanged: 5
        }
    );
}

#[tokio::test]
async fn a_bulk_upload_with_one_bad_item_stores_nothing() {
    let app = spawn_app().await;
    let upload = values_upload(&[
        ("employees", "twente", "2025", 71000.0),
        ("open_vacancies", "twente", "2025", 10.0),
        ("employees", "atlantis", "2025", 10.0),
        ("sick_leave", "twente", "2025-Q1", 150.0),
        ("nurses", "twente", "2025", 10.0),
        ("employees", "twente", "2025", 72000.0),
    ]);
    let problem = expect_problem(bulk(&app, "/api/v1/indicator-values/bulk", &upload, None).await, 422).await;
    assert_eq!(
        coded(&problem),
        [
            "/items/1/period inconsistent",
            "/items/2/region unknown_reference",
            "/items/3/value out_of_range 100",
            "/items/4/indicator unknown_reference",
            "/items/5/period duplicate",
        ]
    );
    // An unknown status is refused by the body's type, naming its item.
    let mut bad_status = serde_json::to_value(values_upload(&[
        ("employees", "twente", "2025", 71000.0),
        ("employees", "twente", "2026", 1.0),
    ]))
    .expect("JSON");
    bad_status["items"][1]["status"] = json!("guessed");
    let problem = expect_problem(
        bulk(&app, "/api/v1/indicator-values/bulk", &bad_status, None).await,
        422,
    )
    .await;
    assert_eq!(coded(&problem), ["/items/1/status unknown_code"]);
    expect_problem(app.get("/api/v1/indicator-values/employees/twente/2025").await, 404).await;

    let empty = values_upload(&[]);
    let problem = expect_problem(bulk(&app, "/api/v1/indicator-values/bulk", &empty, None).await, 422).await;
    assert_eq!(coded(&problem), ["/items required"]);
    let mut wrong_type = serde_json::to_value(values_upload(&[("employees", "twente", "2025", 1.0)])).expect("JSON");
    wrong_type["items"][0]["value"] = json!("lots");
    let problem = expect_problem(app.post_json("/api/v1/indicator-values/bulk", &wrong_type).await, 422).await;
    assert_eq!(coded(&problem), ["/items/0/value invalid_type"]);
}

#[tokio::test]
async fn a_bulk_upload_holds_at_most_ten_thousand_items() {
    let app = spawn_app().await;
    let upload = BulkIndicatorValuesRequest {
        items: (0..10_001)
            .map(|i| value_item("employees", "twente", &format!("{}", 1900 + i % 200), 1.0))
            .collect(),
    };
    let problem = expect_problem(bulk(&app, "/api/v1/indicator-values/bulk", &upload, None).await, 422).await;
    assert_eq!(coded(&problem), ["/items too_many 10000"]);
}

#[tokio::test]
async fn a_bulk_upload_retried_with_its_idempotency_key_is_stored_once() {
    let app = spawn_app().await;
    let upload = values_upload(&[
        ("employees", "twente", "2025", 71000.0),
        ("employees", "limburg", "2025", 52000.0),
    ]);
    let first = bulk(&app, "/api/v1/indicator-values/bulk", &upload, Some("upload-2025-1")).await;
    assert_eq!(
        counts(first).await,
        BulkWriteResponse {
            created: 2,
            updated: 0,
            unchanged: 0
        }
    );
    let retry = bulk(&app, "/api/v1/indicator-values/bulk", &upload, Some("upload-2025-1")).await;
    assert_eq!(header(&retry, "idempotent-replayed"), "true");
    assert_eq!(
        counts(retry).await,
        BulkWriteResponse {
            created: 2,
            updated: 0,
            unchanged: 0
        },
        "the first answer again"
    );
    let other = values_upload(&[("employees", "zeeland", "2025", 30000.0)]);
    let reused = bulk(&app, "/api/v1/indicator-values/bulk", &other, Some("upload-2025-1")).await;
    expect_problem(reused, 422).await;
    expect_problem(app.get("/api/v1/indicator-values/employees/zeeland/2025").await, 404).await;
}

#[tokio::test]
async fn targets_are_set_one_by_one_or_in_bulk_and_filtered() {
    let app = spawn_app().await;
    let path = "/api/v1/indicator-targets/side_entrants/twente/2026";
    let created = app
        .put_json(
            path,
            None,
            &IndicatorTargetRequest {
                value: 2000.0,
                note: Some("Actieplan".into()),
            },
        )
        .await;
    assert_eq!(created.status(), 201);
    assert_eq!(header(&created, "location"), path);
    let target: IndicatorTargetResponse = created.json().await.expect("target");
    assert_eq!(
        (target.value, target.note.as_str(), target.version),
        (2000.0, "Actieplan", 1)
    );
    expect_problem(app.put_json(path, None, &target_of(2100.0)).await, 428).await;
    let updated = app.put_json(path, Some("\"v1\""), &target_of(2100.0)).await;
    assert_eq!(updated.status(), 200);
    assert_eq!(header(&updated, "etag"), "\"v2\"");
    let problem = expect_problem(
        app.put_json(
            "/api/v1/indicator-targets/side_entrants/twente/2026-Q1",
            None,
            &target_of(1.0),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(pointers(&problem), ["/period"]);

    let upload = targets_upload(&[
        ("side_entrants", "twente", "2027", 2200.0),
        ("side_entrants", "limburg", "2026", 1900.0),
    ]);
    let first = counts(bulk(&app, "/api/v1/indicator-targets/bulk", &upload, None).await).await;
    assert_eq!(
        first,
        BulkWriteResponse {
            created: 2,
            updated: 0,
            unchanged: 0
        }
    );
    let again = counts(bulk(&app, "/api/v1/indicator-targets/bulk", &upload, None).await).await;
    assert_eq!(
        again,
        BulkWriteResponse {
            created: 0,
            updated: 0,
            unchanged: 2
        }
    );

    let list: IndicatorTargetListResponse = app
        .get("/api/v1/indicator-targets?indicator=side_entrants&region=twente&from=2025")
        .await
        .json()
        .await
        .expect("targets");
    let periods: Vec<&str> = list.items.iter().map(|t| t.period.as_str()).collect();
    assert_eq!(periods, ["2025", "2026", "2027"], "the demo target and ours");
    assert_eq!(list.items[1].value, 2100.0);
}

#[tokio::test]
async fn a_bulk_of_targets_with_one_bad_item_stores_nothing() {
    let app = spawn_app().await;
    let mut upload = targets_upload(&[
        ("side_entrants", "twente", "2027", 2200.0),
        ("hard_to_fill_vacancies", "twente", "2027", -5.0),
        ("side_entrants", "limburg", "2027", 1.0),
    ]);
    upload.items[2].note = Some("x".repeat(1001));
    let problem = expect_problem(bulk(&app, "/api/v1/indicator-targets/bulk", &upload, None).await, 422).await;
    assert_eq!(pointers(&problem), ["/items/1/value", "/items/2/note"]);
    expect_problem(
        app.get("/api/v1/indicator-targets/side_entrants/twente/2027").await,
        404,
    )
    .await;
}

/// The largest upload allowed fits the body limit and one transaction.
#[tokio::test]
async fn a_full_bulk_upload_of_ten_thousand_values_is_stored() {
    let app = spawn_app().await;
    let regions: Vec<String> = app.region_codes().await;
    let indicators = [
        "employees",
        "education_inflow",
        "side_entrants",
        "returners",
        "sector_outflow",
        "bbl_programmes",
    ];
    let upload = BulkIndicatorValuesRequest {
        items: indicators
            .iter()
            .flat_map(|i| regions.iter().map(move |r| (i, r)))
            .flat_map(|(i, r)| (1900..2017).map(move |y| value_item(i, r, &y.to_string(), 1.0)))
            .take(10_000)
            .collect(),
    };
    let first = counts(bulk(&app, "/api/v1/indicator-values/bulk", &upload, None).await).await;
    assert_eq!(first.created, 10_000);
    let again = counts(bulk(&app, "/api/v1/indicator-values/bulk", &upload, None).await).await;
    assert_eq!(again.unchanged, 10_000);
    let twente = values(&app, "indicator=employees&region=twente&to=2016&limit=200").await;
    assert_eq!(twente.items.len(), 117, "1900 to 2016");
}
