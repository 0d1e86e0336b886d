//! The streaming export of indicator values through HTTP: what an analyst pulling
//! the whole table would notice going wrong (rows missing or twice across pages,
//! figures differing from the API's own lists, a format that does not parse).

use std::collections::HashSet;

use crate::helpers::{TestApp, Who, expect_problem, spawn_app, value_item};
use serde_json::Value;
use zorgpact_contract::codes::{Direction, IndicatorGroup, PeriodType, Rollup, Unit, ValueStatus};
use zorgpact_contract::indicator::{
    BulkIndicatorValuesRequest, CreateIndicatorRequest, IndicatorTargetListResponse, IndicatorValueItem,
    IndicatorValueListResponse, IndicatorValueResponse,
};
use zorgpact_domain::analytics::csv;
use zorgpact_domain::analytics::tidy::EXPORT_COLUMNS;

const EXPORT: &str = "/api/v1/exports/indicator-values";
/// Rows per page of the export (see the handler): the tests cross its boundaries.
const PAGE_ROWS: usize = 5_000;

/// The CSV export, as a table of named fields.
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn column(&self, name: &str) -> usize {
        EXPORT_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("column {name}"))
    }

    fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        &row[self.column(name)]
    }

    fn keys(&self) -> Vec<(String, String, String)> {
        self.rows
            .iter()
            .map(|r| {
                (
                    self.get(r, "indicator").to_owned(),
                    self.get(r, "region").to_owned(),
                    self.get(r, "period").to_owned(),
                )
            })
            .collect()
    }
}

async fn export(client: &reqwest::Client, app: &TestApp, query: &str) -> reqwest::Response {
    client
        .get(app.url(&format!("{EXPORT}?{query}")))
        .send()
        .await
        .expect("request")
}

async fn csv_export(app: &TestApp, query: &str) -> Table {
    let response = export(&app.client, app, &format!("format=csv&{query}")).await;
    assert_eq!(response.status(), 200, "export?{query}");
    assert_eq!(content_type(&response), "text/csv; charset=utf-8");
    let text = response.text().await.expect("body");
    let mut records = csv::read(&text, ',');
    let header = records.next().expect("header").expect("header parses");
    assert_eq!(header.fields, EXPORT_COLUMNS, "header row");
    let rows: Vec<Vec<String>> = records.map(|r| r.expect("row parses").fields).collect();
    for row in &rows {
        assert_eq!(row.len(), EXPORT_COLUMNS.len(), "fields of {row:?}");
    }
    Table { rows }
}

async fn ndjson_export(app: &TestApp, query: &str) -> Vec<Value> {
    let response = export(&app.client, app, &format!("format=ndjson&{query}")).await;
    assert_eq!(response.status(), 200, "export?{query}");
    assert_eq!(content_type(&response), "application/x-ndjson");
    ndjson_lines(&response.text().await.expect("body"))
}

fn ndjson_lines(text: &str) -> Vec<Value> {
    assert!(text.is_empty() || text.ends_with('\n'), "every line ends");
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("line {line:?}: {e}")))
        .collect()
}

fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

/// Every value `GET /indicator-values` lists for the query, page after page.
async fn listed(app: &TestApp, query: &str) -> Vec<IndicatorValueResponse> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let after = cursor.as_ref().map(|c| format!("&cursor={c}")).unwrap_or_default();
        let response = app
            .get(&format!("/api/v1/indicator-values?limit=200&{query}{after}"))
            .await;
        assert_eq!(response.status(), 200, "list?{query}");
        let page: IndicatorValueListResponse = response.json().await.expect("page");
        items.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return items,
        }
    }
}

fn number(text: &str) -> Option<f64> {
    (!text.is_empty()).then(|| text.parse().expect("a number"))
}

#[tokio::test]
async fn a_csv_export_holds_exactly_the_listed_values_with_targets_and_region_codes() {
    let app = spawn_app().await;
    let filter = "indicator=sick_leave&region=twente&from=2021&to=2024-Q2";
    let expected = listed(&app, filter).await;
    assert!(expected.len() >= 10, "demo data has a series: {}", expected.len());
    let table = csv_export(&app, "indicators=sick_leave&regions=twente&from=2021&to=2024-Q2").await;
    assert_eq!(table.rows.len(), expected.len(), "same number of rows");

    let targets: IndicatorTargetListResponse = app
        .get("/api/v1/indicator-targets?indicator=sick_leave&region=twente&limit=200")
        .await
        .json()
        .await
        .expect("targets");
    let region: Value = app.get("/api/v1/regions/twente").await.json().await.expect("region");
    let mut with_target = 0;
    for (row, value) in table.rows.iter().zip(&expected) {
        assert_eq!(table.get(row, "indicator"), value.indicator);
        assert_eq!(table.get(row, "region"), value.region);
        assert_eq!(table.get(row, "period"), value.period, "same order");
        assert_eq!(number(table.get(row, "value")), Some(value.value));
        assert_eq!(table.get(row, "status"), value.status.as_str());
        assert_eq!(table.get(row, "source"), value.source);
        assert_eq!(table.get(row, "unit"), "percent");
        assert_eq!(table.get(row, "direction"), "lower_is_better");
        assert_eq!(
            table.get(row, "regioplus_code"),
            region["regioplus_code"].as_str().unwrap_or("")
        );
        assert_eq!(table.get(row, "cbs_code"), region["cbs_code"].as_str().unwrap_or(""));
        let target = targets.items.iter().find(|t| t.period == value.period).map(|t| t.value);
        assert_eq!(number(table.get(row, "target")), target, "target of {}", value.period);
        assert_eq!(
            number(table.get(row, "gap")),
            target.map(|t| value.value - t),
            "gap of {}",
            value.period
        );
        with_target += usize::from(target.is_some());
    }
    assert!(with_target > 0, "the demo series has a target in the window");
}

#[tokio::test]
async fn several_indicators_and_regions_come_in_the_order_of_the_list() {
    let app = spawn_app().await;
    let mut expected = Vec::new();
    // The list's order: indicator, region, period.
    for indicator in ["employees", "sick_leave"] {
        for region in ["limburg", "twente"] {
            expected.extend(listed(&app, &format!("indicator={indicator}&region={region}&status=final")).await);
        }
    }
    let table = csv_export(
        &app,
        "indicators=sick_leave,employees&regions=twente,limburg&status=final",
    )
    .await;
    let got: Vec<(String, String, String)> = table.keys();
    let want: Vec<(String, String, String)> = expected
        .iter()
        .map(|v| (v.indicator.clone(), v.region.clone(), v.period.clone()))
        .collect();
    assert_eq!(got, want);
    assert!(table.rows.iter().all(|r| table.get(r, "status") == "final"));

    // No filter at all: every stored value, as the list shows them.
    let everything = csv_export(&app, "").await;
    let all = listed(&app, "").await;
    assert_eq!(everything.rows.len(), all.len(), "whole table");
    let want: Vec<(String, String, String)> = all.into_iter().map(|v| (v.indicator, v.region, v.period)).collect();
    assert_eq!(everything.keys(), want);
}

#[tokio::test]
async fn ndjson_lines_parse_and_carry_the_csv_rows() {
    let app = spawn_app().await;
    let query = "indicators=sick_leave,open_vacancies&regions=twente";
    let table = csv_export(&app, query).await;
    let lines = ndjson_export(&app, query).await;
    assert_eq!(lines.len(), table.rows.len());
    assert!(!lines.is_empty());
    for (line, row) in lines.iter().zip(&table.rows) {
        let object = line.as_object().expect("one object per line");
        let names: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(names.len(), EXPORT_COLUMNS.len(), "{names:?}");
        for name in EXPORT_COLUMNS {
            let field = table.get(row, name);
            match &line[name] {
                Value::Null => assert_eq!(field, "", "{name}"),
                Value::Number(n) => assert_eq!(n.as_f64(), number(field), "{name}"),
                Value::String(s) => assert_eq!(s, field, "{name}"),
                other => panic!("{name} is {other}"),
            }
        }
    }

    // The Accept header chooses too; `format` wins over it.
    let by_accept = app
        .client
        .get(app.url(&format!("{EXPORT}?{query}")))
        .header("Accept", "application/x-ndjson")
        .send()
        .await
        .expect("request");
    assert_eq!(content_type(&by_accept), "application/x-ndjson");
    assert!(
        by_accept
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("indicator-values.ndjson"))
    );
    assert_eq!(ndjson_lines(&by_accept.text().await.expect("body")), lines);
    let overridden = app
        .client
        .get(app.url(&format!("{EXPORT}?format=csv&{query}")))
        .header("Accept", "application/x-ndjson")
        .send()
        .await
        .expect("request");
    assert_eq!(content_type(&overridden), "text/csv; charset=utf-8");
    let by_default = export(&app.client, &app, query).await;
    assert_eq!(content_type(&by_default), "text/csv; charset=utf-8", "CSV by default");
}

/// A monthly test indicator with 6 000 values: three series of 2 000 months, so
/// the export's pages (5 000 rows) end inside a series.
async fn six_thousand_values(app: &TestApp) -> Vec<(String, String, f64)> {
    let indicator = CreateIndicatorRequest {
        code: "export_test".into(),
        name: "Exporttest".into(),
        description: "Maandreeks voor de exporttest.".into(),
        group: IndicatorGroup::Work,
        unit: Unit::Count,
        direction: Direction::HigherIsBetter,
        period_type: Some(PeriodType::Month),
        rollup: Rollup::Sum,
        weight_indicator: None,
        formula: None,
    };
    let created = app.post_json("/api/v1/indicators", &indicator).await;
    assert_eq!(created.status(), 201, "indicator created");
    let mut sent = Vec::new();
    let mut items = Vec::new();
    for region in ["limburg", "rotterdam", "twente"] {
        for month in 0..2_000 {
            let period = format!("{}-{:02}", 1901 + month / 12, month % 12 + 1);
            let value = f64::from(month) + 0.25;
            let status = if month % 2 == 0 {
                ValueStatus::Final
            } else {
                ValueStatus::Provisional
            };
            items.push(IndicatorValueItem {
                status: Some(status),
                ..value_item("export_test", region, &period, value)
            });
            sent.push((region.to_owned(), period, value));
        }
    }
    let stored = app
        .post_json("/api/v1/indicator-values/bulk", &BulkIndicatorValuesRequest { items })
        .await;
    assert_eq!(stored.status(), 200, "bulk upload");
    sent
}

#[tokio::test]
async fn keyset_pages_lose_and_repeat_nothing_across_page_boundaries() {
    let app = spawn_app().await;
    let sent = six_thousand_values(&app).await;
    assert!(sent.len() > PAGE_ROWS);

    let table = csv_export(&app, "indicators=export_test").await;
    assert_eq!(table.rows.len(), 6_000, "every value once");
    let got: Vec<(String, String, f64)> = table
        .rows
        .iter()
        .map(|r| {
            (
                table.get(r, "region").to_owned(),
                table.get(r, "period").to_owned(),
                number(table.get(r, "value")).expect("value"),
            )
        })
        .collect();
    // Sent in key order (region, then month): the export gives them back so.
    assert_eq!(got, sent);

    let lines = ndjson_export(&app, "indicators=export_test").await;
    assert_eq!(lines.len(), 6_000);
    let keys: HashSet<(String, String)> = lines
        .iter()
        .map(|l| (l["region"].to_string(), l["period"].to_string()))
        .collect();
    assert_eq!(keys.len(), 6_000, "no key twice");

    // Filters apply on every page, not just the first.
    let finals = csv_export(&app, "indicators=export_test&status=final&from=1950-01").await;
    let want = sent
        .iter()
        .enumerate()
        .filter(|(i, (_, period, _))| (i % 2_000) % 2 == 0 && period.as_str() >= "1950-01")
        .count();
    assert_eq!(finals.rows.len(), want);
    assert!(finals.rows.iter().all(|r| finals.get(r, "status") == "final"));

    // The export of everything holds these too, between the other indicators.
    let everything = csv_export(&app, "").await;
    let all = listed(&app, "").await;
    assert_eq!(everything.rows.len(), all.len());
    let distinct: HashSet<(String, String, String)> = everything.keys().into_iter().collect();
    assert_eq!(distinct.len(), all.len(), "no row twice in the whole table");
}

#[tokio::test]
async fn an_export_needs_the_right_to_read_indicator_data() {
    let app = spawn_app().await;
    let query = "indicators=sick_leave&regions=twente";
    expect_problem(export(&app.anonymous, &app, query).await, 401).await;
    let problem = expect_problem(export(&app.client_as(Who::PartnerNoScopes), &app, query).await, 403).await;
    assert!(problem["detail"].is_string());
    let mut checked = 2;
    for who in [
        Who::Analyst,
        Who::PartnerTwente,
        Who::OfficialVws,
        Who::CoordinatorGelderland,
    ] {
        let response = export(&app.client_as(who), &app, query).await;
        assert_eq!(response.status(), 200, "{who:?}");
        checked += 1;
    }
    let broken = app
        .anonymous
        .get(app.url(&format!("{EXPORT}?{query}")))
        .header("Authorization", "Bearer not-a-token")
        .send()
        .await
        .expect("request");
    expect_problem(broken, 401).await;
    eprintln!("{} (endpoint × identity) cases checked", checked + 1);
}

#[tokio::test]
async fn bad_parameters_are_refused_by_name() {
    let app = spawn_app().await;
    for (query, parameter) in [
        ("format=xlsx", "format"),
        ("indicators=Sick%20Leave", "indicators"),
        ("indicators=sick_leave,no_such_indicator", "indicators"),
        ("regions=twente,atlantis", "regions"),
        ("regions=-twente", "regions"),
        ("from=2024-13", "from"),
        ("to=next-year", "to"),
        ("from=2024&to=2020", "to"),
        ("status=maybe", "status"),
    ] {
        let problem = expect_problem(export(&app.client, &app, query).await, 400).await;
        let named: Vec<&str> = problem["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["pointer"].as_str())
            .collect();
        assert_eq!(named, vec![parameter], "{query}: {problem}");
    }
    let problem = expect_problem(
        export(&app.client, &app, "indicators=no_such_indicator&regions=atlantis").await,
        400,
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("no_such_indicator")),
        "names the unknown code: {problem}"
    );
    assert_eq!(problem["errors"].as_array().map(Vec::len), Some(2));
}
