//! Indicator analytics through HTTP: series, national roll-ups, the tidy table in
//! JSON and CSV, progress, derived indicators and conditional GETs, checked against
//! figures computed by hand from a small fixture stored through the bulk endpoint.

use crate::helpers::{Point, TestApp, Who, expect_problem, json_body, spawn_app, targets_upload, values_upload};
use chrono::Datelike;
use serde_json::{Value, json};
use zorgpact_contract::codes::{Direction, IndicatorGroup, PeriodType, Rollup, Unit, ValueStatus};
use zorgpact_contract::indicator::{CreateIndicatorRequest, IndicatorFieldsRequest};
use zorgpact_domain::analytics::csv;

/// The demo data has the 17 regional Zorgpacts; the nation is all of them.
const REGIONS: u64 = 17;

fn close(actual: &Value, expected: f64) -> bool {
    actual
        .as_f64()
        .is_some_and(|a| (a - expected).abs() < 1e-9 * expected.abs().max(1.0))
}

fn assert_close(actual: &Value, expected: f64, what: &str) {
    assert!(close(actual, expected), "{what}: expected {expected}, got {actual}");
}

/// A yearly count of persons, summed over regions; tests change what they need.
fn test_indicator(code: &str) -> CreateIndicatorRequest {
    CreateIndicatorRequest {
        code: code.into(),
        name: format!("Test {code}"),
        description: "Analytics test indicator.".into(),
        group: IndicatorGroup::Work,
        unit: Unit::Persons,
        direction: Direction::HigherIsBetter,
        period_type: Some(PeriodType::Year),
        rollup: Rollup::Sum,
        weight_indicator: None,
        formula: None,
    }
}

/// A derived test indicator, computed by `formula`.
fn derived(code: &str, formula: &str) -> CreateIndicatorRequest {
    CreateIndicatorRequest {
        formula: Some(formula.into()),
        ..test_indicator(code)
    }
}

/// A quarterly count, summed over regions.
fn quarterly_count(code: &str) -> CreateIndicatorRequest {
    CreateIndicatorRequest {
        unit: Unit::Count,
        period_type: Some(PeriodType::Quarter),
        ..test_indicator(code)
    }
}

/// A sick-leave percentage per `period_type`, weighted by `t_staff`.
fn leave(code: &str, period_type: PeriodType) -> CreateIndicatorRequest {
    CreateIndicatorRequest {
        unit: Unit::Percent,
        direction: Direction::LowerIsBetter,
        period_type: Some(period_type),
        rollup: Rollup::WeightedMean,
        weight_indicator: Some("t_staff".into()),
        ..test_indicator(code)
    }
}

async fn create_indicator(app: &TestApp, body: &CreateIndicatorRequest) -> reqwest::Response {
    app.post_json("/api/v1/indicators", body).await
}

async fn indicator(app: &TestApp, body: &CreateIndicatorRequest) {
    let response = create_indicator(app, body).await;
    assert_eq!(
        response.status(),
        201,
        "create {}: {}",
        body.code,
        json_body(response).await
    );
}

/// Stores final values from `Testbron`.
async fn store(app: &TestApp, values: &[Point<'_>]) {
    let mut upload = values_upload(values);
    for item in &mut upload.items {
        item.status = Some(ValueStatus::Final);
        item.source = Some("Testbron".into());
    }
    let response = app.post_json("/api/v1/indicator-values/bulk", &upload).await;
    assert_eq!(response.status(), 200, "bulk: {}", json_body(response).await);
}

async fn store_targets(app: &TestApp, targets: &[Point<'_>]) {
    let response = app
        .post_json("/api/v1/indicator-targets/bulk", &targets_upload(targets))
        .await;
    assert_eq!(response.status(), 200, "bulk targets: {}", json_body(response).await);
}

async fn get_json(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    json_body(response).await
}

/// The fixture: counts, a weight, a rate weighted by it, a derived rate and
/// quarterly indicators, in a handful of regions (the other 13 or so are missing).
///
/// | 2023      | t_staff | t_entrants | t_leave |
/// |-----------|---------|------------|---------|
/// | twente    | 100     | 10         | 4.0     |
/// | zeeland   | 300     | 20         | 6.0     |
/// | rotterdam | 600     | 30         | 5.0     |
/// | limburg   | —       | 5          | 8.0     |
async fn fixture(app: &TestApp) {
    indicator(app, &test_indicator("t_staff")).await;
    indicator(app, &test_indicator("t_entrants")).await;
    indicator(app, &leave("t_leave", PeriodType::Year)).await;
    let rate = CreateIndicatorRequest {
        unit: Unit::Index,
        rollup: Rollup::Mean,
        ..derived("t_rate", "t_entrants / t_staff * 1000")
    };
    indicator(app, &rate).await;
    indicator(app, &quarterly_count("t_vacancies")).await;
    indicator(app, &leave("t_q_leave", PeriodType::Quarter)).await;
    let mut values = vec![
        ("t_staff", "twente", "2023", 100.0),
        ("t_staff", "zeeland", "2023", 300.0),
        ("t_staff", "rotterdam", "2023", 600.0),
        ("t_entrants", "twente", "2021", 8.0),
        ("t_entrants", "twente", "2022", 9.0),
        ("t_entrants", "twente", "2023", 10.0),
        ("t_entrants", "zeeland", "2023", 20.0),
        ("t_entrants", "rotterdam", "2023", 30.0),
        ("t_entrants", "limburg", "2023", 5.0),
        ("t_leave", "twente", "2023", 4.0),
        ("t_leave", "zeeland", "2023", 6.0),
        ("t_leave", "rotterdam", "2023", 5.0),
        ("t_leave", "limburg", "2023", 8.0),
        ("t_vacancies", "twente", "2024-Q1", 5.0),
    ];
    for (q, twente, zeeland) in [(1, 10.0, 1.0), (2, 20.0, 1.0), (3, 30.0, 1.0), (4, 40.0, 1.0)] {
        let period: &'static str = Box::leak(format!("2023-Q{q}").into_boxed_str());
        values.push(("t_vacancies", "twente", period, twente));
        values.push(("t_vacancies", "zeeland", period, zeeland));
        values.push(("t_q_leave", "twente", period, 4.0));
        values.push(("t_q_leave", "zeeland", period, 6.0));
    }
    store(app, &values).await;
    store_targets(
        app,
        &[
            ("t_entrants", "twente", "2023", 12.0),
            ("t_entrants", "twente", "2024", 12.0),
        ],
    )
    .await;
}

fn point<'a>(points: &'a Value, period: &str) -> &'a Value {
    points
        .as_array()
        .expect("points")
        .iter()
        .find(|p| p["period"] == period)
        .unwrap_or_else(|| panic!("no point for {period} in {points}"))
}

fn region<'a>(series: &'a Value, code: &str) -> &'a Value {
    series["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .find(|r| r["region"] == code)
        .unwrap_or_else(|| panic!("no region {code}"))
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("code").to_owned())
        .collect()
}

#[tokio::test]
async fn national_roll_ups_match_hand_computed_figures() {
    let app = spawn_app().await;
    fixture(&app).await;

    // Sum: 10 + 20 + 30 + 5 = 65, from 4 of 17 regions.
    let entrants = get_json(&app, "/api/v1/indicators/t_entrants/national?from=2023&to=2023").await;
    assert_eq!(entrants["method"], "sum of the regions' values");
    let p = point(&entrants["points"], "2023");
    assert_close(&p["value"], 65.0, "sum");
    assert_eq!(p["coverage"]["expected"], REGIONS);
    assert_eq!(p["coverage"]["reported"], 4);
    assert_eq!(p["coverage"]["contributing"], 4);
    let missing = codes(&p["coverage"]["missing"]);
    assert_eq!(missing.len(), 13);
    assert!(missing.contains(&"noord".to_owned()) && !missing.contains(&"limburg".to_owned()));
    assert_eq!(p["complete"], false, "a partial sum says so");
    assert_eq!(p["status"], "final");
    assert_eq!(p["sources"], json!(["Testbron"]));
    assert_eq!(
        entrants["points"].as_array().expect("points").len(),
        1,
        "from/to hold 2023 only"
    );

    // Weighted mean by t_staff: (4·100 + 6·300 + 5·600) / 1000 = 5.2; limburg has
    // a value but no weight, so it cannot count and is named.
    let leave = get_json(&app, "/api/v1/indicators/t_leave/national").await;
    let p = point(&leave["points"], "2023");
    assert_close(&p["value"], 5.2, "weighted mean");
    assert_eq!(p["coverage"]["reported"], 4);
    assert_eq!(p["coverage"]["contributing"], 3);
    assert_eq!(p["coverage"]["without_weight"], json!(["limburg"]));
    assert_eq!(codes(&p["coverage"]["missing"]).len(), 13);
    assert_eq!(
        leave["method"],
        "weighted mean of the regions' values, weighted by t_staff"
    );

    // Derived: the formula on the national inputs over the regions with both
    // inputs: (10 + 20 + 30) / (100 + 300 + 600) · 1000 = 60. Limburg lacks staff.
    let rate = get_json(&app, "/api/v1/indicators/t_rate/national").await;
    assert_eq!(rate["indicator"]["formula"], "t_entrants / t_staff * 1000");
    assert_eq!(rate["indicator"]["inputs"], json!(["t_entrants", "t_staff"]));
    let p = point(&rate["points"], "2023");
    assert_close(&p["value"], 60.0, "derived national");
    assert_eq!(p["coverage"]["reported"], 3);
    assert!(codes(&p["coverage"]["missing"]).contains(&"limburg".to_owned()));

    // A quarterly rate weighted by a yearly weight takes the weight of the year
    // holding the quarter: (4·100 + 6·300) / 400 = 5.5, per quarter and per year.
    let q_leave = get_json(&app, "/api/v1/indicators/t_q_leave/national").await;
    assert_close(&point(&q_leave["points"], "2023-Q2")["value"], 5.5, "quarter");
    let yearly = get_json(&app, "/api/v1/indicators/t_q_leave/national?period_type=year").await;
    assert_eq!(yearly["period_type"], "year");
    let p = point(&yearly["points"], "2023");
    assert_close(&p["value"], 5.5, "year of quarters");
    assert_eq!(p["coverage"]["contributing"], 2);
}

#[tokio::test]
async fn quarters_aggregate_into_years_with_completeness() {
    let app = spawn_app().await;
    fixture(&app).await;

    // Twente: 10 + 20 + 30 + 40 = 100 for 2023; 2024 has only Q1 (5): a partial sum.
    let series = get_json(
        &app,
        "/api/v1/indicators/t_vacancies/series?regions=twente,zeeland&period_type=year",
    )
    .await;
    assert_eq!(series["period_type"], "year");
    assert_eq!(series["indicator"]["period_type"], "quarter");
    let twente = &region(&series, "twente")["points"];
    let full = point(twente, "2023");
    assert_close(&full["value"], 100.0, "2023");
    assert_eq!(full["complete"], true);
    assert_eq!(full["missing"], json!([]));
    assert_eq!(full["status"], "final");
    assert_eq!(full["source"], "Testbron");
    let partial = point(twente, "2024");
    assert_close(&partial["value"], 5.0, "2024");
    assert_eq!(partial["complete"], false);
    assert_eq!(partial["missing"], json!(["2024-Q2", "2024-Q3", "2024-Q4"]));
    assert_eq!(series["regions"].as_array().expect("regions").len(), 2);

    // The national yearly figure: every region's year first, then the sum: 100 + 4.
    let national = get_json(&app, "/api/v1/indicators/t_vacancies/national?period_type=year").await;
    assert_close(&point(&national["points"], "2023")["value"], 104.0, "national year");
    assert!(
        national["method"]
            .as_str()
            .expect("method")
            .contains("first aggregated into years")
    );

    // Quarterly, unaggregated, as stored.
    let quarterly = get_json(
        &app,
        "/api/v1/indicators/t_vacancies/series?regions=twente&from=2023-Q2&to=2023-Q3",
    )
    .await;
    let points = region(&quarterly, "twente")["points"]
        .as_array()
        .expect("points")
        .clone();
    let periods: Vec<&str> = points.iter().map(|p| p["period"].as_str().expect("period")).collect();
    assert_eq!(periods, ["2023-Q2", "2023-Q3"]);
}

#[tokio::test]
async fn series_points_carry_targets_gaps_status_and_source() {
    let app = spawn_app().await;
    fixture(&app).await;

    let series = get_json(&app, "/api/v1/indicators/t_entrants/series?regions=twente").await;
    let points = &region(&series, "twente")["points"];
    let p2023 = point(points, "2023");
    assert_close(&p2023["value"], 10.0, "value");
    assert_close(&p2023["target"], 12.0, "target");
    assert_close(&p2023["gap"], -2.0, "gap");
    assert_close(&p2023["signed_gap"], -2.0, "signed gap");
    // A target without a value yet still shows.
    let p2024 = point(points, "2024");
    assert_eq!(p2024["value"], Value::Null);
    assert_close(&p2024["target"], 12.0, "future target");

    // A derived indicator per region, with its inputs named: 20 / 300 · 1000.
    let rate = get_json(&app, "/api/v1/indicators/t_rate/series?regions=zeeland,limburg").await;
    let zeeland = point(&region(&rate, "zeeland")["points"], "2023");
    assert_close(&zeeland["value"], 20.0 / 300.0 * 1000.0, "derived regional");
    assert_eq!(zeeland["source"], "computed: t_entrants / t_staff * 1000");
    assert_eq!(zeeland["status"], "final");
    assert_eq!(
        region(&rate, "limburg")["points"],
        json!([]),
        "no staff in Limburg: no figure is made up"
    );
}

#[tokio::test]
async fn relative_periods_resolve_against_today() {
    let app = spawn_app().await;
    indicator(&app, &test_indicator("t_recent")).await;
    indicator(&app, &quarterly_count("t_recent_q")).await;
    let today = chrono::Utc::now().date_naive();
    let year = today.year();
    let quarter = today.month0() / 3 + 1;
    let quarters: Vec<String> = (0..8)
        .map(|back| {
            let index = year * 4 + quarter as i32 - 1 - back;
            format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
        })
        .collect();
    let years: Vec<String> = (0..=6).map(|back| (year - back).to_string()).collect();
    let mut values: Vec<(&str, &str, &str, f64)> =
        years.iter().map(|y| ("t_recent", "twente", y.as_str(), 1.0)).collect();
    values.extend(quarters.iter().map(|q| ("t_recent_q", "twente", q.as_str(), 1.0)));
    store(&app, &values).await;

    let periods = |series: &Value| -> Vec<String> {
        region(series, "twente")["points"]
            .as_array()
            .expect("points")
            .iter()
            .map(|p| p["period"].as_str().expect("period").to_owned())
            .collect()
    };
    let last5 = get_json(
        &app,
        "/api/v1/indicators/t_recent/series?regions=twente&relative=LAST_5_YEARS",
    )
    .await;
    let expected: Vec<String> = (1..=5).rev().map(|back| (year - back).to_string()).collect();
    assert_eq!(periods(&last5), expected, "the five completed years");
    assert_eq!(last5["from"], json!((year - 5).to_string()));
    assert_eq!(last5["to"], json!((year - 1).to_string()));

    let this_year = get_json(
        &app,
        "/api/v1/indicators/t_recent/series?regions=twente&relative=THIS_YEAR",
    )
    .await;
    assert_eq!(periods(&this_year), [year.to_string()]);

    let last4 = get_json(
        &app,
        "/api/v1/indicators/t_recent_q/series?regions=twente&relative=LAST_4_QUARTERS",
    )
    .await;
    let expected: Vec<String> = quarters[1..=4].iter().rev().cloned().collect();
    assert_eq!(periods(&last4), expected, "the four completed quarters before this one");

    // The table resolves the window per indicator's period type.
    let table = get_json(
        &app,
        "/api/v1/analytics?indicators=t_recent,t_recent_q&regions=twente&relative=LAST_12_MONTHS",
    )
    .await;
    let rows = table["rows"].as_array().expect("rows");
    assert_eq!(
        rows.iter().filter(|r| r["indicator"] == "t_recent").count(),
        1,
        "one whole year"
    );
    assert_eq!(rows.iter().filter(|r| r["indicator"] == "t_recent_q").count(), 4);
}

fn csv_records(text: &str) -> Vec<Vec<String>> {
    csv::read(text, ',')
        .map(|record| record.expect("valid CSV").fields)
        .collect()
}

#[tokio::test]
async fn the_table_in_csv_holds_the_same_numbers_as_in_json() {
    let app = spawn_app().await;
    fixture(&app).await;
    let query = "indicators=t_entrants,t_leave,t_rate&regions=twente,zeeland,rotterdam,limburg&from=2022&to=2024";
    let table = get_json(&app, &format!("/api/v1/analytics?{query}")).await;
    let metas = table["indicators"].as_array().expect("indicators");
    assert_eq!(metas.len(), 3);
    assert_eq!(metas[0]["code"], "t_entrants", "in the order asked");
    assert_eq!(metas[2]["formula"], "t_entrants / t_staff * 1000");
    assert_eq!(metas[1]["direction"], "lower_is_better");
    let rows = table["rows"].as_array().expect("rows").clone();
    // t_entrants: twente 2022, 2023, 2024 (target only), zeeland, rotterdam, limburg 2023;
    // t_leave: 4 regions; t_rate: 3 regions (limburg has no staff).
    assert_eq!(rows.len(), 6 + 4 + 3, "{rows:?}");
    let twente_2024 = rows
        .iter()
        .find(|r| r["indicator"] == "t_entrants" && r["region"] == "twente" && r["period"] == "2024")
        .expect("target-only row");
    assert_eq!(twente_2024["value"], Value::Null);
    assert_eq!(twente_2024["status"], Value::Null);

    for csv_request in [
        app.client
            .get(app.url(&format!("/api/v1/analytics?{query}&format=csv"))),
        app.client
            .get(app.url(&format!("/api/v1/analytics?{query}")))
            .header("Accept", "text/csv"),
    ] {
        let response = csv_request.send().await.expect("request");
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"].to_str().expect("ascii").to_owned();
        assert!(content_type.starts_with("text/csv"), "{content_type}");
        let text = response.text().await.expect("text");
        let records = csv_records(&text);
        assert_eq!(
            records[0],
            [
                "indicator",
                "region",
                "period",
                "value",
                "target",
                "gap",
                "status",
                "source",
                "unit",
                "direction",
                "regioplus_code",
                "cbs_code"
            ]
        );
        assert_eq!(records.len() - 1, rows.len());
        for (record, row) in records[1..].iter().zip(&rows) {
            assert_eq!(record[0], row["indicator"].as_str().expect("indicator"));
            assert_eq!(record[1], row["region"].as_str().expect("region"));
            assert_eq!(record[2], row["period"].as_str().expect("period"));
            for (index, field) in [(3, "value"), (4, "target"), (5, "gap")] {
                match row[field].as_f64() {
                    None => assert_eq!(record[index], "", "{field} of {row}"),
                    Some(number) => {
                        let parsed: f64 = record[index].parse().expect("number");
                        assert_eq!(parsed, number, "{field} of {row}: exactly the same number");
                    }
                }
            }
            assert_eq!(record[6], row["status"].as_str().unwrap_or(""));
            assert_eq!(record[7], row["source"].as_str().unwrap_or(""));
            let meta = metas.iter().find(|m| m["code"] == row["indicator"]).expect("meta");
            assert_eq!(record[8], meta["unit"].as_str().expect("unit"));
        }
    }
}

#[tokio::test]
async fn progress_judges_latest_value_target_and_trend() {
    let app = spawn_app().await;
    fixture(&app).await;
    let progress = get_json(&app, "/api/v1/progress?indicators=t_entrants,t_rate&regions=twente").await;
    let items = progress["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    // 8, 9, 10 against 12: 83.3% achieved, rising 1 a year, so moving toward it.
    let entrants = &items[0];
    assert_eq!(entrants["indicator"], "t_entrants");
    assert_eq!(entrants["latest"]["period"], "2023");
    assert_close(&entrants["latest"]["value"], 10.0, "latest");
    assert_eq!(entrants["latest"]["status"], "final");
    assert_eq!(entrants["latest"]["source"], "Testbron");
    assert_eq!(entrants["target"], json!({"period": "2023", "value": 12.0}));
    assert_close(&entrants["achieved_pct"], 10.0 / 12.0 * 100.0, "achieved");
    assert_close(&entrants["gap"], -2.0, "gap");
    assert_eq!(entrants["trend"]["movement"], "rising");
    assert_close(&entrants["trend"]["slope"], 1.0, "slope");
    assert_eq!(entrants["trend"]["points"], 3);
    assert_eq!(entrants["on_track"], true);
    assert_eq!(entrants["verdict"], "moving_toward_target");
    // The derived rate has one value: no trend, no judgement.
    assert_eq!(items[1]["indicator"], "t_rate");
    assert_close(&items[1]["latest"]["value"], 100.0, "derived latest");
    assert_eq!(items[1]["verdict"], "not_enough_data");
    assert_eq!(items[1]["on_track"], Value::Null);
}

#[tokio::test]
async fn conditional_gets_answer_304_until_a_value_changes() {
    let app = spawn_app().await;
    fixture(&app).await;
    for path in [
        "/api/v1/indicators/t_rate/series?regions=twente",
        "/api/v1/indicators/t_rate/national",
        "/api/v1/analytics?indicators=t_rate&regions=twente",
        "/api/v1/progress?indicators=t_rate&regions=twente",
    ] {
        let first = app.get(path).await;
        assert_eq!(first.status(), 200, "{path}");
        let etag = first.headers()["etag"].to_str().expect("etag").to_owned();
        assert!(etag.starts_with('"') && !etag.starts_with("W/"), "strong: {etag}");
        let modified = first.headers()["last-modified"].to_str().expect("date").to_owned();
        assert!(modified.ends_with(" GMT"), "HTTP-date: {modified}");
        let again = app
            .client
            .get(app.url(path))
            .header("If-None-Match", &etag)
            .send()
            .await
            .expect("request");
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["etag"].to_str().expect("etag"), etag);
        assert!(again.bytes().await.expect("body").is_empty(), "304 has no body");
        let other = app
            .client
            .get(app.url(path))
            .header("If-None-Match", "\"something-else\"")
            .send()
            .await
            .expect("request");
        assert_eq!(other.status(), 200);
    }

    // A stored value changes the derived figure at once, and so the tag.
    let path = "/api/v1/indicators/t_rate/series?regions=twente";
    let before = app.get(path).await;
    let etag = before.headers()["etag"].to_str().expect("etag").to_owned();
    store(&app, &[("t_staff", "twente", "2023", 200.0)]).await;
    let after = app
        .client
        .get(app.url(path))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("request");
    assert_eq!(after.status(), 200, "the figure changed");
    assert_ne!(after.headers()["etag"].to_str().expect("etag"), etag);
    let body = json_body(after).await;
    assert_close(
        &point(&region(&body, "twente")["points"], "2023")["value"],
        50.0,
        "10 / 200 · 1000",
    );
}

/// Figures are kept in memory between requests, per instance; every kind of write
/// that changes one shows at the next read, on the instance that wrote it and on
/// another one on the same database.
#[tokio::test]
async fn kept_figures_follow_every_write_on_every_instance() {
    let first = spawn_app().await;
    fixture(&first).await;
    let second = first.second_instance();
    let national = "/api/v1/indicators/t_rate/national?from=2023&to=2023";
    let progress = "/api/v1/progress?indicators=t_entrants&regions=twente";
    let rate = |body: &Value| body["points"][0]["value"].clone();
    for app in [&first, &second] {
        // twente, zeeland and rotterdam have both inputs: 60 entrants per 1 000 staff.
        assert_close(&rate(&get_json(app, national).await), 60.0, "national rate");
        assert_close(
            &get_json(app, progress).await["items"][0]["target"]["value"],
            12.0,
            "target",
        );
    }
    let tag = first.get(national).await.headers()["etag"]
        .to_str()
        .expect("etag")
        .to_owned();

    // A value stored through the first instance.
    store(&first, &[("t_staff", "twente", "2023", 200.0)]).await;
    for app in [&first, &second] {
        assert_close(
            &rate(&get_json(app, national).await),
            60.0 / 1100.0 * 1000.0,
            "after a value",
        );
        let stale = app
            .client
            .get(app.url(national))
            .header("If-None-Match", &tag)
            .send()
            .await
            .expect("request");
        assert_eq!(stale.status(), 200, "the held copy is stale");
    }

    // The indicator's rule changed through the second instance.
    let indicator = get_json(&second, "/api/v1/indicators/t_rate").await;
    let mut fields = crate::helpers::indicator_fields(&indicator);
    fields.formula = Some("t_entrants / t_staff * 100".into());
    let changed = second.put_json("/api/v1/indicators/t_rate", Some("*"), &fields).await;
    assert_eq!(changed.status(), 200, "{}", json_body(changed).await);
    for app in [&first, &second] {
        assert_close(
            &rate(&get_json(app, national).await),
            60.0 / 1100.0 * 100.0,
            "after a rule",
        );
    }

    // A target stored through the first instance.
    store_targets(&first, &[("t_entrants", "twente", "2023", 15.0)]).await;
    for app in [&first, &second] {
        assert_close(
            &get_json(app, progress).await["items"][0]["target"]["value"],
            15.0,
            "after a target",
        );
    }

    // A new region joins the nation through the second instance.
    let expected = |body: &Value| body["points"][0]["coverage"]["expected"].as_u64();
    assert_eq!(expected(&get_json(&first, national).await), Some(REGIONS));
    let region = crate::helpers::new_region("nieuwland", "Nieuwland", "Zorgpact Nieuwland");
    let created = second.post_json("/api/v1/regions", &region).await;
    assert_eq!(created.status(), 201, "{}", json_body(created).await);
    for app in [&first, &second] {
        assert_eq!(
            expected(&get_json(app, national).await),
            Some(REGIONS + 1),
            "after a region"
        );
    }
}

#[tokio::test]
async fn bad_requests_are_named() {
    let app = spawn_app().await;
    fixture(&app).await;
    for path in [
        "/api/v1/indicators/no_such_indicator/series",
        "/api/v1/indicators/no_such_indicator/national",
        "/api/v1/indicators/NOT%20A%20CODE/series",
    ] {
        expect_problem(app.get(path).await, 404).await;
    }
    for (path, parameter) in [
        ("/api/v1/indicators/t_entrants/series?from=2023-13", "from"),
        ("/api/v1/indicators/t_entrants/series?from=2024&to=2023", "to"),
        ("/api/v1/indicators/t_entrants/national?to=soon", "to"),
        ("/api/v1/indicators/t_entrants/series?relative=LAST_YEAR", "relative"),
        (
            "/api/v1/indicators/t_entrants/series?relative=THIS_YEAR&from=2020",
            "relative",
        ),
        (
            "/api/v1/indicators/t_entrants/series?period_type=quarter",
            "period_type",
        ),
        (
            "/api/v1/indicators/t_vacancies/national?period_type=week",
            "period_type",
        ),
        (
            "/api/v1/indicators/t_entrants/series?regions=twente,atlantis",
            "regions",
        ),
        ("/api/v1/analytics", "indicators"),
        (
            "/api/v1/analytics?indicators=t_entrants,no_such_indicator",
            "indicators",
        ),
        ("/api/v1/analytics?indicators=t_entrants&format=xlsx", "format"),
        ("/api/v1/progress?regions=Twente!", "regions"),
    ] {
        let problem = expect_problem(app.get(path).await, 400).await;
        assert_eq!(problem["errors"][0]["pointer"], parameter, "{path}: {problem}");
    }
    // The figures are published: anyone reads them, signed in or not. The stored
    // values behind them (with their sources' history) need a login and a scope.
    let figures = [
        "/api/v1/indicators/t_entrants/national",
        "/api/v1/indicators/t_entrants/series",
        "/api/v1/progress?indicators=t_entrants",
    ];
    for path in figures {
        let anonymous = app.anonymous.get(app.url(path)).send().await.expect("request");
        assert_eq!(anonymous.status(), 200, "anonymous {path}");
        for who in [Who::PartnerNoScopes, Who::Analyst, Who::PartnerTwente, Who::OfficialOcw] {
            let response = app.client_as(who).get(app.url(path)).send().await.expect("request");
            assert_eq!(response.status(), 200, "{who:?} {path}");
        }
    }
    let values = "/api/v1/indicator-values?indicator=t_entrants";
    let anonymous = app.anonymous.get(app.url(values)).send().await.expect("request");
    expect_problem(anonymous, 401).await;
    let unscoped = app
        .client_as(Who::PartnerNoScopes)
        .get(app.url(values))
        .send()
        .await
        .expect("request");
    expect_problem(unscoped, 403).await;
}

#[tokio::test]
async fn formulas_are_checked_against_the_catalogue() {
    let app = spawn_app().await;
    fixture(&app).await;
    for (formula, reason) in [
        ("t_entrants / / t_staff", "at position 14"),
        ("t_entrants / nothing_like_it", "names no indicator"),
        ("t_entrants / t_vacancies", "measured per quarter"),
        ("t_self + 1", "itself"),
    ] {
        let response = create_indicator(&app, &derived("t_self", formula)).await;
        let problem = expect_problem(response, 422).await;
        assert_eq!(problem["errors"][0]["pointer"], "/formula", "{formula}");
        let said = problem["errors"][0]["reason"].as_str().expect("reason");
        assert!(said.contains(reason), "{formula}: {said}");
    }

    // a reads t_entrants; b reads a; making a read b closes a cycle.
    indicator(&app, &derived("t_a", "t_entrants * 2")).await;
    indicator(&app, &derived("t_b", "t_a + 1")).await;
    let created = app.get("/api/v1/indicators/t_b").await;
    assert_eq!(json_body(created).await["formula"], "t_a + 1");
    let mut fields = IndicatorFieldsRequest {
        name: "Test t_a".into(),
        description: String::new(),
        group: IndicatorGroup::Work,
        unit: Unit::Persons,
        direction: Direction::HigherIsBetter,
        period_type: PeriodType::Year,
        rollup: Rollup::Sum,
        weight_indicator: None,
        formula: Some("t_b * 2".into()),
    };
    let response = app
        .client
        .put(app.url("/api/v1/indicators/t_a"))
        .header("If-Match", "*")
        .json(&fields)
        .send()
        .await
        .expect("request");
    let problem = expect_problem(response, 422).await;
    assert_eq!(problem["errors"][0]["pointer"], "/formula");
    let said = problem["errors"][0]["reason"].as_str().expect("reason");
    assert!(said.contains("cycle") && said.contains("t_a → t_b → t_a"), "{said}");

    // Derived from a derived indicator works: b = a + 1 = 2 · 10 + 1 for Twente 2023.
    let b = get_json(&app, "/api/v1/indicators/t_b/series?regions=twente&from=2023&to=2023").await;
    assert_close(&point(&region(&b, "twente")["points"], "2023")["value"], 21.0, "b");

    // A measured indicator with values cannot silently become derived.
    fields.formula = Some("t_staff * 2".into());
    let response = app
        .client
        .put(app.url("/api/v1/indicators/t_entrants"))
        .header("If-Match", "*")
        .json(&fields)
        .send()
        .await
        .expect("request");
    expect_problem(response, 409).await;

    // Inputs of derived indicators keep their period type, values or not.
    indicator(&app, &test_indicator("t_base")).await;
    indicator(&app, &derived("t_double", "t_base * 2")).await;
    fields.formula = None;
    fields.period_type = PeriodType::Quarter;
    let response = app
        .client
        .put(app.url("/api/v1/indicators/t_base"))
        .header("If-Match", "*")
        .json(&fields)
        .send()
        .await
        .expect("request");
    let problem = expect_problem(response, 409).await;
    assert!(
        problem["detail"].as_str().expect("detail").contains("t_double"),
        "{problem}"
    );
}

#[tokio::test]
async fn the_demo_derived_indicator_is_computed_nationally() {
    let app = spawn_app().await;
    let national = get_json(
        &app,
        "/api/v1/indicators/side_entrants_per_1000_employees/national?from=2023&to=2023",
    )
    .await;
    let p = point(&national["points"], "2023");
    let entrants = get_json(&app, "/api/v1/indicators/side_entrants/national?from=2023&to=2023").await;
    let employees = get_json(&app, "/api/v1/indicators/employees/national?from=2023&to=2023").await;
    let expected = point(&entrants["points"], "2023")["value"].as_f64().expect("entrants")
        / point(&employees["points"], "2023")["value"]
            .as_f64()
            .expect("employees")
        * 1000.0;
    assert_close(&p["value"], expected, "national ratio of national totals");
    assert_eq!(p["coverage"]["reported"], REGIONS);
    assert_eq!(p["complete"], true);
}
