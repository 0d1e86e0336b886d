//! Bulk imports of values and targets (CSV and JSON): all or nothing, idempotent,
//! dry runs, warnings, external region codes, region-scoped rights, the CSV round
//! trip, and the revision history of corrected values.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::helpers::{
    TestApp, Who, coded, expect_problem, final_value, pointers, region_fields, spawn_app, targets_upload, value_of,
};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::Digest as _;
use zorgpact_contract::codes::FieldErrorCode;
use zorgpact_contract::imports::{ImportItem, ImportReport, ImportRequest};
use zorgpact_contract::indicator::{
    IndicatorTargetListResponse, IndicatorTargetResponse, IndicatorValueListResponse, IndicatorValueRequest,
    IndicatorValueResponse,
};
use zorgpact_contract::revision::RevisionListResponse;
use zorgpact_domain::analytics::tidy::{TidyRow, write_table};
use zorgpact_domain::indicator::{Direction, IndicatorCode, Unit, ValueStatus};
use zorgpact_domain::period::Period;
use zorgpact_domain::region::RegionCode;

const IMPORT: &str = "/api/v1/imports/indicator-values";

async fn import_csv(app: &TestApp, client: &reqwest::Client, csv: &str, query: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("{IMPORT}{query}")))
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .expect("import")
}

async fn import_json(app: &TestApp, client: &reqwest::Client, body: &impl Serialize, query: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("{IMPORT}{query}")))
        .json(body)
        .send()
        .await
        .expect("import")
}

/// A row of a JSON import for `region`, with neither value nor target yet.
fn row(indicator: &str, region: &str, period: &str) -> ImportItem {
    ImportItem {
        indicator: indicator.into(),
        region: Some(region.into()),
        regioplus_code: None,
        cbs_code: None,
        period: period.into(),
        value: None,
        target: None,
        status: None,
        source: None,
    }
}

/// A row of a JSON import with a value.
fn value_row(indicator: &str, region: &str, period: &str, value: f64) -> ImportItem {
    ImportItem {
        value: Some(value),
        ..row(indicator, region, period)
    }
}

async fn report(response: reqwest::Response) -> ImportReport {
    let status = response.status();
    let text = response.text().await.expect("body");
    assert_eq!(status, 200, "import: {text}");
    serde_json::from_str(&text).expect("report")
}

async fn value(app: &TestApp, key: &str) -> Option<IndicatorValueResponse> {
    let response = app.get(&format!("/api/v1/indicator-values/{key}")).await;
    match response.status().as_u16() {
        200 => Some(response.json().await.expect("value")),
        404 => None,
        other => panic!("GET value {key}: {other}"),
    }
}

async fn target(app: &TestApp, key: &str) -> Option<IndicatorTargetResponse> {
    let response = app.get(&format!("/api/v1/indicator-targets/{key}")).await;
    match response.status().as_u16() {
        200 => Some(response.json().await.expect("target")),
        404 => None,
        other => panic!("GET target {key}: {other}"),
    }
}

fn counts(report: &ImportReport) -> [u64; 6] {
    [
        report.values.created,
        report.values.changed,
        report.values.unchanged,
        report.targets.created,
        report.targets.changed,
        report.targets.unchanged,
    ]
}

#[tokio::test]
async fn one_bad_row_refuses_the_whole_file_and_names_it() {
    let app = spawn_app().await;
    let csv = "indicator,region,period,value,target\n\
               employees,twente,2026,72000,\n\
               employees,twente,2027,abc,\n\
               side_entrants,twente,2026,,2000\n\
               hard_to_fill_vacancies,twente,2026,120,\n\
               open_vacancies,twente,2026,10,\n\
               employees,atlantis,2026,1,\n";
    let problem = expect_problem(import_csv(&app, &app.client, csv, "").await, 422).await;
    assert_eq!(
        coded(&problem),
        [
            "/rows/2/value invalid_format",
            "/rows/4/value out_of_range 100",
            "/rows/5/period inconsistent",
            "/rows/6/region unknown_reference"
        ]
    );
    assert!(
        problem["errors"][0]["reason"]
            .as_str()
            .expect("reason")
            .contains("(line 3)"),
        "{problem}"
    );
    // The good rows of the same file are not stored.
    assert!(value(&app, "employees/twente/2026").await.is_none());
    assert!(target(&app, "side_entrants/twente/2026").await.is_none());

    // JSON: the same rules, items counted from 0.
    let mut items: Vec<ImportItem> = (2026..2032)
        .map(|y| value_row("employees", "twente", &y.to_string(), 70000.0))
        .collect();
    items.push(value_row("employees", "twente", "2040", -5.0));
    let problem = expect_problem(import_json(&app, &app.client, &ImportRequest { items }, "").await, 422).await;
    assert_eq!(coded(&problem), ["/items/6/value out_of_range 0"]);
    assert!(value(&app, "employees/twente/2026").await.is_none());
}

#[tokio::test]
async fn derived_indicators_take_no_values() {
    let app = spawn_app().await;
    let derived = "side_entrants_per_1000_employees";
    let csv = format!("indicator,region,period,value\nemployees,twente,2026,1\n{derived},twente,2026,21\n");
    let problem = expect_problem(import_csv(&app, &app.client, &csv, "").await, 422).await;
    assert_eq!(coded(&problem), ["/rows/2/indicator not_allowed"]);
    assert!(
        problem["errors"][0]["reason"]
            .as_str()
            .expect("reason")
            .contains("derived")
    );
    let put = app
        .client
        .put(app.url(&format!("/api/v1/indicator-values/{derived}/twente/2026")))
        .json(&value_of(21.0))
        .send()
        .await
        .expect("put");
    // The same rule as in a bulk upload and an import: 422 under the field.
    let problem = expect_problem(put, 422).await;
    assert_eq!(pointers(&problem), ["/indicator"]);
    let bulk = app
        .client
        .post(app.url("/api/v1/indicator-targets/bulk"))
        .json(&targets_upload(&[
            ("employees", "twente", "2026", -1.0),
            (derived, "twente", "2026", 21.0),
        ]))
        .send()
        .await
        .expect("bulk");
    let problem = expect_problem(bulk, 422).await;
    assert_eq!(
        coded(&problem),
        ["/items/0/value out_of_range 0", "/items/1/indicator not_allowed"]
    );
}

#[tokio::test]
async fn the_same_file_twice_changes_nothing() {
    let app = spawn_app().await;
    let before = value(&app, "employees/twente/2023").await.expect("demo value");
    let csv = format!(
        "indicator,region,period,value,target,status,source\n\
         employees,twente,2026,72000,71000,provisional,CBS\n\
         employees,twente,2023,{},,,\n\
         open_vacancies,limburg,2025-Q1,1500,,,\n\
         employees,twente,2022,70500,,final,CBS\n",
        before.value
    );
    let first = report(import_csv(&app, &app.client, &csv, "").await).await;
    assert!(!first.dry_run);
    assert_eq!(first.rows, 4);
    assert_eq!(counts(&first), [2, 1, 1, 1, 0, 0], "{first:?}");
    let changed = value(&app, "employees/twente/2022").await.expect("changed");
    assert_eq!((changed.value, changed.version), (70500.0, 2));

    let second = report(import_csv(&app, &app.client, &csv, "").await).await;
    assert_eq!(counts(&second), [0, 0, 4, 0, 0, 1], "{second:?}");
    assert!(second.changes.is_empty());
    let again = value(&app, "employees/twente/2022").await.expect("value");
    assert_eq!(again.version, 2, "no version bump");
    assert_eq!(
        value(&app, "employees/twente/2023").await.expect("value").version,
        before.version
    );
    assert_eq!(target(&app, "employees/twente/2026").await.expect("target").version, 1);
}

#[tokio::test]
async fn a_dry_run_stores_nothing_and_shows_old_and_new() {
    let app = spawn_app().await;
    let stored = value(&app, "employees/twente/2023").await.expect("demo value");
    assert_eq!(stored.status.as_str(), "final");
    let old_target = target(&app, "employees/twente/2025").await.expect("demo target");
    let body = ImportRequest {
        items: vec![
            value_row("employees", "twente", "2023", stored.value + 100.0),
            ImportItem {
                target: Some(74000.0),
                ..value_row("employees", "twente", "2026", 73000.0)
            },
            // Twente, named by its RegioPlus code.
            ImportItem {
                region: None,
                regioplus_code: Some("Twente".into()),
                target: Some(old_target.value + 1.0),
                ..row("employees", "twente", "2025")
            },
        ],
    };
    let dry = report(import_json(&app, &app.client, &body, "?dry_run=true").await).await;
    assert!(dry.dry_run);
    assert_eq!(counts(&dry), [1, 1, 0, 1, 1, 0]);
    assert_eq!(dry.changes.len(), 2);
    let change = &dry.changes[0];
    assert_eq!(
        (change.at.as_str(), change.field.as_str(), change.old, change.new),
        ("/items/0", "value", stored.value, stored.value + 100.0)
    );
    assert_eq!(
        (
            change.old_status.map(|s| s.as_str()),
            change.new_status.map(|s| s.as_str())
        ),
        (Some("final"), Some("revised"))
    );
    assert_eq!(change.new_source, change.old_source, "source kept");
    let target_change = &dry.changes[1];
    assert_eq!(
        (
            target_change.at.as_str(),
            target_change.region.as_str(),
            target_change.field.as_str()
        ),
        ("/items/2", "twente", "target")
    );
    assert_eq!(
        (target_change.old, target_change.new),
        (old_target.value, old_target.value + 1.0)
    );

    // Nothing was stored.
    let after = value(&app, "employees/twente/2023").await.expect("value");
    assert_eq!((after.value, after.version), (stored.value, stored.version));
    assert!(value(&app, "employees/twente/2026").await.is_none());
    assert_eq!(target(&app, "employees/twente/2025").await.expect("target").version, 1);

    // The real run reports the same, and stores it.
    let real = report(import_json(&app, &app.client, &body, "?dry_run=false").await).await;
    assert!(!real.dry_run);
    assert_eq!(counts(&real), counts(&dry));
    assert_eq!(real.changes, dry.changes);
    let corrected = value(&app, "employees/twente/2023").await.expect("value");
    assert_eq!(corrected.status.as_str(), "revised");
    assert_eq!(corrected.version, stored.version + 1);
    let kept = target(&app, "employees/twente/2025").await.expect("target");
    assert_eq!(kept.note, old_target.note, "a target's note stays");
}

#[tokio::test]
async fn an_outlier_warns_but_does_not_block() {
    let app = spawn_app().await;
    let employees = value(&app, "employees/twente/2024").await.expect("demo").value;
    let sick_leave = value(&app, "sick_leave/twente/2024-Q4").await.expect("demo").value;
    // Employees entered in thousands by mistake: 48 instead of tens of thousands;
    // next to it ordinary growth, in a Dutch spreadsheet's format.
    let csv = format!(
        "indicator;region;period;value\n\
         employees;twente;2025;48\n\
         employees;twente;2026;{}\n\
         sick_leave;twente;2025-Q1;{}\n",
        (employees * 1.02).round(),
        sick_leave.to_string().replace('.', ",")
    );
    let report = report(import_csv(&app, &app.client, &csv, "").await).await;
    assert_eq!(report.values.created, 3);
    assert_eq!(report.warning_count, 1, "{:?}", report.warnings);
    assert_eq!(report.warnings[0].pointer, "/rows/1/value");
    assert_eq!(
        report.warnings[0].code,
        FieldErrorCode::Outlier,
        "a warning has its own code"
    );
    assert!(
        report.warnings[0].reason.contains("far outside this region's history"),
        "{}",
        report.warnings[0].reason
    );
    assert_eq!(value(&app, "employees/twente/2025").await.expect("stored").value, 48.0);
    assert_eq!(
        value(&app, "sick_leave/twente/2025-Q1").await.expect("stored").value,
        sick_leave
    );
}

#[tokio::test]
async fn external_region_codes_resolve() {
    let app = spawn_app().await;
    // Give Achterhoek a CBS code (the demo data has none).
    let region: Value = app
        .get("/api/v1/regions/achterhoek")
        .await
        .json()
        .await
        .expect("region");
    let mut fields = region_fields(&region);
    fields.cbs_code = Some("LM07".into());
    let updated = app
        .client
        .put(app.url("/api/v1/regions/achterhoek"))
        .header("if-match", "*")
        .json(&fields)
        .send()
        .await
        .expect("update");
    assert_eq!(updated.status(), 200);

    let csv = "indicator,regioplus_code,cbs_code,period,value\n\
               returners,Twente,,2025,900\n\
               returners,,lm07,2025,700\n\
               returners,Atlantis,,2025,1\n";
    let problem = expect_problem(import_csv(&app, &app.client, csv, "").await, 422).await;
    assert_eq!(pointers(&problem), ["/rows/3/regioplus_code"]);
    let csv = csv.lines().take(3).collect::<Vec<_>>().join("\n");
    let report = report(import_csv(&app, &app.client, &csv, "").await).await;
    assert_eq!(report.values.created, 2);
    assert_eq!(value(&app, "returners/twente/2025").await.expect("twente").value, 900.0);
    assert_eq!(
        value(&app, "returners/achterhoek/2025")
            .await
            .expect("achterhoek")
            .value,
        700.0
    );
}

#[tokio::test]
async fn a_partner_pushing_outside_its_regions_is_refused_whole() {
    let app = spawn_app().await;
    let partner = app.client_as(Who::PartnerTwente);
    let csv = "indicator,region,period,value\n\
               returners,twente,2025,900\n\
               returners,zeeland,2025,400\n";
    let problem = expect_problem(import_csv(&app, &partner, csv, "").await, 403).await;
    assert!(
        problem["detail"].as_str().expect("detail").contains("zeeland"),
        "{problem}"
    );
    assert!(value(&app, "returners/twente/2025").await.is_none(), "nothing stored");

    // Its scopes allow values, not targets.
    let targets = "indicator,region,period,target\nreturners,twente,2025,950\n";
    expect_problem(import_csv(&app, &partner, targets, "").await, 403).await;
    // A region named by its external code counts as that region.
    let external = "indicator,regioplus_code,period,value\nreturners,Zeeland,2025,400\n";
    expect_problem(import_csv(&app, &partner, external, "").await, 403).await;
    expect_problem(import_csv(&app, &app.client_as(Who::Analyst), external, "").await, 403).await;
    expect_problem(import_csv(&app, &app.anonymous, external, "").await, 401).await;
    expect_problem(
        import_csv(&app, &app.client_as(Who::CoordinatorGelderland), csv, "").await,
        403,
    )
    .await;

    let own = "indicator,region,period,value\nreturners,twente,2025,900\n";
    let report = report(import_csv(&app, &partner, own, "").await).await;
    assert_eq!(report.values.created, 1);
    let coordinator = app.client_as(Who::CoordinatorTwente);
    let both = "indicator,region,period,value,target\nreturners,twente,2026,910,950\n";
    assert_eq!(
        report_of(import_csv(&app, &coordinator, both, "").await).await,
        [1, 0, 0, 1, 0, 0]
    );
}

async fn report_of(response: reqwest::Response) -> [u64; 6] {
    counts(&report(response).await)
}

/// Every value and target of some indicators, as the analysts' tidy rows.
async fn tidy_rows(app: &TestApp, indicators: &[&str]) -> Vec<TidyRow> {
    let mut rows: BTreeMap<(String, String, Period), TidyRow> = BTreeMap::new();
    for indicator in indicators {
        let catalogue: Value = app
            .get(&format!("/api/v1/indicators/{indicator}"))
            .await
            .json()
            .await
            .expect("indicator");
        let unit = Unit::parse(catalogue["unit"].as_str().expect("unit")).expect("unit");
        let direction = Direction::parse(catalogue["direction"].as_str().expect("direction")).expect("direction");
        let row = |region: &str, period: &str| TidyRow {
            indicator: IndicatorCode::parse(indicator).expect("indicator"),
            region: RegionCode::parse(region).expect("region"),
            period: Period::parse(period).expect("period"),
            value: None,
            target: None,
            status: None,
            source: String::new(),
            unit,
            direction,
            regioplus_code: None,
            cbs_code: None,
        };
        let mut cursor = String::new();
        loop {
            let page: IndicatorValueListResponse = app
                .get(&format!(
                    "/api/v1/indicator-values?indicator={indicator}&limit=200&cursor={cursor}"
                ))
                .await
                .json()
                .await
                .expect("values");
            for v in page.items {
                let key = (
                    v.indicator.clone(),
                    v.region.clone(),
                    Period::parse(&v.period).expect("period"),
                );
                let entry = rows.entry(key).or_insert_with(|| row(&v.region, &v.period));
                entry.value = Some(v.value);
                entry.status = Some(v.status);
                entry.source = v.source;
            }
            match page.next_cursor {
                Some(next) => cursor = next,
                None => break,
            }
        }
        let targets: IndicatorTargetListResponse = app
            .get(&format!("/api/v1/indicator-targets?indicator={indicator}&limit=200"))
            .await
            .json()
            .await
            .expect("targets");
        assert!(targets.next_cursor.is_none(), "one page of targets");
        for t in targets.items {
            let key = (
                t.indicator.clone(),
                t.region.clone(),
                Period::parse(&t.period).expect("period"),
            );
            rows.entry(key).or_insert_with(|| row(&t.region, &t.period)).target = Some(t.value);
        }
    }
    rows.into_values().collect()
}

#[tokio::test]
async fn an_exported_table_imports_without_change() {
    let app = spawn_app().await;
    // Some variety first: a corrected (revised) value, a value without source.
    let csv = "indicator,region,period,value,source\n\
               employees,twente,2023,70001.5,\n\
               sick_leave,zeeland,2024-Q2,5.25,\"Eigen meting, \"\"voorlopig\"\"\"\n";
    report(import_csv(&app, &app.client, csv, "").await).await;

    let rows = tidy_rows(&app, &["employees", "sick_leave", "side_entrants"]).await;
    assert!(rows.len() > 500, "{} rows", rows.len());
    let table = write_table(&rows);
    let back = report(import_csv(&app, &app.client, &table, "").await).await;
    assert_eq!(back.rows as usize, rows.len());
    assert_eq!(
        back.values.created + back.values.changed,
        0,
        "{:?}",
        back.changes.first()
    );
    assert_eq!(back.targets.created + back.targets.changed, 0);
    assert!(back.changes.is_empty());
    assert!(back.ignored_columns.is_empty());

    // The analytics endpoint's own CSV export imports without change too.
    let export = app
        .client
        .get(app.url(
            "/api/v1/analytics?indicators=employees,sick_leave,open_vacancies&regions=twente,zeeland,achterhoek&format=csv",
        ))
        .send()
        .await
        .expect("export");
    assert_eq!(export.status(), 200);
    let exported = export.text().await.expect("csv");
    let back = report(import_csv(&app, &app.client, &exported, "").await).await;
    assert!(back.rows > 100, "{} rows", back.rows);
    assert_eq!(
        (
            back.values.created,
            back.values.changed,
            back.targets.created,
            back.targets.changed
        ),
        (0, 0, 0, 0),
        "{:?}",
        back.changes.first()
    );
}

#[tokio::test]
async fn a_retried_import_with_its_idempotency_key_is_stored_once() {
    let app = spawn_app().await;
    let csv = "indicator,region,period,value\nreturners,twente,2025,900\n";
    let send = |body: String| {
        app.client
            .post(app.url(IMPORT))
            .header("content-type", "text/csv; charset=utf-8")
            .header("idempotency-key", "import-1")
            .body(body)
            .send()
    };
    let first = report(send(csv.to_owned()).await.expect("first")).await;
    assert_eq!(first.values.created, 1);
    let retry = send(csv.to_owned()).await.expect("retry");
    assert_eq!(
        retry.headers().get("idempotent-replayed").and_then(|v| v.to_str().ok()),
        Some("true")
    );
    assert_eq!(report(retry).await.values.created, 1, "the first report, replayed");
    expect_problem(
        send(format!("{csv}returners,twente,2026,1\n")).await.expect("other"),
        422,
    )
    .await;
}

#[tokio::test]
async fn files_the_server_cannot_read_are_refused_clearly() {
    let app = spawn_app().await;
    let plain = app
        .client
        .post(app.url(IMPORT))
        .header("content-type", "text/plain")
        .body("indicator,region,period,value\n")
        .send()
        .await
        .expect("import");
    expect_problem(plain, 415).await;
    let latin1 = app
        .client
        .post(app.url(IMPORT))
        .header("content-type", "text/csv")
        .body(b"indicator,region,period,value,source\nreturners,twente,2025,1,Gemeente \xe9\n".to_vec())
        .send()
        .await
        .expect("import");
    expect_problem(latin1, 400).await;
    let problem = expect_problem(
        import_csv(&app, &app.client, "indicator,value\nreturners,1\n", "").await,
        422,
    )
    .await;
    assert_eq!(coded(&problem), ["/header required"]);
    let problem = expect_problem(
        import_csv(&app, &app.client, "indicator,region,period,value\n", "?dry_run=maybe").await,
        400,
    )
    .await;
    assert_eq!(coded(&problem), ["dry_run invalid_type"]);
    let problem = expect_problem(
        import_json(
            &app,
            &app.client,
            &json!({"items": [{"indicator": "x", "period": 2024}]}),
            "",
        )
        .await,
        422,
    )
    .await;
    assert_eq!(coded(&problem), ["/items/0/period invalid_type"]);
    let too_big = app
        .client
        .post(app.url(IMPORT))
        .header("content-type", "text/csv")
        .body(vec![b'a'; 16 * 1024 * 1024 + 1])
        .send()
        .await
        .expect("import");
    expect_problem(too_big, 413).await;
}

async fn put_value(
    app: &TestApp,
    client: &reqwest::Client,
    key: &str,
    body: &IndicatorValueRequest,
) -> reqwest::Response {
    client
        .put(app.url(&format!("/api/v1/indicator-values/{key}")))
        .header("if-match", "*")
        .json(body)
        .send()
        .await
        .expect("put")
}

async fn history(app: &TestApp, key: &str) -> RevisionListResponse {
    let response = app.get(&format!("/api/v1/indicator-values/{key}/history")).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("history")
}

/// A file is one entry of the audit trail: who, the file's hash, the counts and
/// the keys it created and changed, per kind of point; not an entry per row. The
/// changed value keeps its earlier figure in its history.
#[tokio::test]
async fn an_import_is_one_audit_entry_with_its_file_hash_counts_and_keys() {
    let app = spawn_app().await;
    let csv = "indicator,region,period,value,target\n\
               employees,twente,2022,70200,\n\
               employees,twente,2031,70500,\n\
               employees,twente,2032,70600,\n\
               side_entrants,twente,2031,,2100\n";
    let imported = report(import_csv(&app, &app.client_as(Who::CoordinatorTwente), csv, "").await).await;
    assert_eq!(counts(&imported)[..3], [2, 1, 0], "values created, changed, unchanged");
    let sha256 = format!("{:x}", sha2::Sha256::digest(csv.as_bytes()));

    let entries = app
        .get("/api/v1/audit?resource_type=indicator_import")
        .await
        .json::<Value>()
        .await
        .expect("audit page")["items"]
        .as_array()
        .expect("items")
        .clone();
    assert_eq!(entries.len(), 2, "one for the values, one for the targets: {entries:?}");
    let of_kind = |kind: &str| {
        entries
            .iter()
            .find(|e| e["after"]["kind"] == kind)
            .unwrap_or_else(|| panic!("an entry for the {kind}s: {entries:?}"))
            .clone()
    };
    let values = of_kind("value");
    assert_eq!(values["operation"], "import");
    assert!(
        values["actor"]
            .as_str()
            .is_some_and(|a| a.contains("coordinator-twente")),
        "{values}"
    );
    assert_eq!(
        values["after"],
        json!({
            "kind": "value", "file_sha256": sha256, "created": 2, "changed": 1, "unchanged": 0,
            "created_keys": {"employees": {"twente": ["2031", "2032"]}},
            "changed_keys": {"employees": {"twente": ["2022"]}},
        })
    );
    let targets = of_kind("target");
    assert_eq!(
        targets["after"]["created_keys"],
        json!({"side_entrants": {"twente": ["2031"]}})
    );
    assert!(
        app.audit_trail("indicator_value", "employees/twente/2031")
            .await
            .is_empty()
    );
    assert_eq!(history(&app, "employees/twente/2022").await.items.len(), 1);

    // The same file again changes nothing, and records nothing.
    report(import_csv(&app, &app.client_as(Who::CoordinatorTwente), csv, "").await).await;
    let again = app
        .get("/api/v1/audit?resource_type=indicator_import")
        .await
        .json::<Value>()
        .await
        .expect("page");
    assert_eq!(again["items"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn corrections_keep_the_earlier_values_in_the_history() {
    let app = spawn_app().await;
    let key = "employees/twente/2022";
    let original = value(&app, key).await.expect("demo value");
    assert_eq!(original.status.as_str(), "final");
    assert!(history(&app, key).await.items.is_empty(), "never corrected");

    // First correction by the coordinator, without a status: final becomes revised.
    let coordinator = app.client_as(Who::CoordinatorTwente);
    let correction = IndicatorValueRequest {
        source: Some("CBS".into()),
        ..value_of(70100.0)
    };
    let first = put_value(&app, &coordinator, key, &correction).await;
    assert_eq!(first.status(), 200);
    let first: IndicatorValueResponse = first.json().await.expect("value");
    assert_eq!(first.status.as_str(), "revised");
    // Second correction through an import by the partner system.
    let csv = "indicator,region,period,value\nemployees,twente,2022,70200\n";
    report(import_csv(&app, &app.client_as(Who::PartnerTwente), csv, "").await).await;
    // A status named wins.
    let third = put_value(&app, &app.client, key, &final_value(70200.0, "CBS")).await;
    assert_eq!(third.status(), 200);

    let items = history(&app, key).await.items;
    assert_eq!(items.len(), 3, "{items:?}");
    let steps: Vec<(f64, f64, &str, &str)> = items
        .iter()
        .map(|r| (r.old_value, r.new_value, r.old_status.as_str(), r.new_status.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (original.value, 70100.0, "final", "revised"),
            (70100.0, 70200.0, "revised", "revised"),
            (70200.0, 70200.0, "revised", "final"),
        ]
    );
    assert_eq!(
        (items[0].old_source.as_str(), items[0].new_source.as_str()),
        (original.source.as_str(), "CBS")
    );
    assert!(
        items[0].changed_by.starts_with("user:coordinator-twente"),
        "{}",
        items[0].changed_by
    );
    assert!(
        items[1].changed_by.starts_with("partner:demo-dashboard-twente"),
        "{}",
        items[1].changed_by
    );
    assert!(items[2].changed_by.starts_with("user:admin"), "{}", items[2].changed_by);
    assert!(items[0].changed_at <= items[1].changed_at && items[1].changed_at <= items[2].changed_at);
    assert!(items[0].changed_at.ends_with('Z'));

    // Pages, and who may read.
    let page = app
        .get(&format!("/api/v1/indicator-values/{key}/history?limit=2"))
        .await;
    let page: RevisionListResponse = page.json().await.expect("page");
    assert_eq!(page.items.len(), 2);
    let next = page.next_cursor.expect("more");
    let rest: RevisionListResponse = app
        .get(&format!("/api/v1/indicator-values/{key}/history?limit=2&cursor={next}"))
        .await
        .json()
        .await
        .expect("rest");
    assert_eq!(rest.items, items[2..]);
    let analyst = app
        .client_as(Who::Analyst)
        .get(app.url(&format!("/api/v1/indicator-values/{key}/history")))
        .send()
        .await
        .expect("analyst");
    assert_eq!(analyst.status(), 200);
    let anonymous = app
        .anonymous
        .get(app.url(&format!("/api/v1/indicator-values/{key}/history")))
        .send()
        .await
        .expect("anonymous");
    expect_problem(anonymous, 401).await;
    expect_problem(
        app.get("/api/v1/indicator-values/employees/twente/2031/history").await,
        404,
    )
    .await;
    expect_problem(
        app.get("/api/v1/indicator-values/employees/twente/20x1/history").await,
        400,
    )
    .await;
}

/// The figure the report asks for: how long 10 000 CSV rows take (debug build).
#[tokio::test]
async fn a_file_of_ten_thousand_rows_is_imported_in_one_go() {
    let app = spawn_app().await;
    let regions: Vec<String> = app.region_codes().await;
    let mut csv = String::from("indicator,region,period,value,target,status,source\n");
    let mut rows = 0;
    'fill: for indicator in [
        "employees",
        "education_inflow",
        "side_entrants",
        "returners",
        "sector_outflow",
        "bbl_programmes",
    ] {
        for region in &regions {
            for year in 1900..2017 {
                csv.push_str(&format!("{indicator},{region},{year},{},,final,Archief\n", 1000 + year));
                rows += 1;
                if rows == 10_000 {
                    break 'fill;
                }
            }
        }
    }
    let started = Instant::now();
    let first = report(import_csv(&app, &app.client, &csv, "").await).await;
    let created = started.elapsed();
    assert_eq!(first.values.created, 10_000);
    let started = Instant::now();
    let second = report(import_csv(&app, &app.client, &csv, "").await).await;
    let unchanged = started.elapsed();
    assert_eq!(second.values.unchanged, 10_000);
    let started = Instant::now();
    let dry = report(import_csv(&app, &app.client, &csv, "?dry_run=true").await).await;
    let dry_run = started.elapsed();
    assert_eq!(dry.values.unchanged, 10_000);
    eprintln!(
        "10 000 CSV rows ({} bytes, {}): created in {created:.2?}, re-imported unchanged in {unchanged:.2?}, dry run {dry_run:.2?}",
        csv.len(),
        std::env::var("ZORGPACT_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into())
    );
}

/// The largest file an import takes: 50 000 rows in the export's 12-column format
/// (about 9 MB). Slow in a debug build, so run on demand:
/// `cargo test -p zorgpact-api --test api imports:: -- --ignored`.
#[tokio::test]
#[ignore = "slow: 50 000 rows"]
async fn a_file_of_fifty_thousand_rows_fits() {
    let app = spawn_app().await;
    let regions: Vec<String> = app.region_codes().await;
    let indicators = [
        "employees",
        "education_inflow",
        "education_to_work_inflow",
        "side_entrants",
        "returners",
        "sector_outflow",
        "bbl_programmes",
        "employees_trained_2y",
        "internship_places",
        "numerus_fixus_programmes",
        "image_of_care",
        "work_pressure",
        "completion_rate",
        "contract_size",
        "employee_satisfaction",
        "hard_to_fill_vacancies",
    ];
    let mut rows = Vec::new();
    'fill: for indicator in indicators {
        for region in &regions {
            for year in (1900..2017).chain(2025..=2100) {
                rows.push(TidyRow {
                    indicator: IndicatorCode::parse(indicator).expect("indicator"),
                    region: RegionCode::parse(region).expect("region"),
                    period: Period::Year(year),
                    value: Some(f64::from(year % 90) + 0.5),
                    target: None,
                    status: Some(ValueStatus::Final),
                    source: "Archief, jaarreeks".into(),
                    unit: Unit::Percent,
                    direction: Direction::HigherIsBetter,
                    regioplus_code: None,
                    cbs_code: None,
                });
                if rows.len() == 50_000 {
                    break 'fill;
                }
            }
        }
    }
    assert_eq!(rows.len(), 50_000);
    let csv = write_table(&rows);
    let started = Instant::now();
    let report = report(import_csv(&app, &app.client, &csv, "").await).await;
    assert_eq!(report.values.created, 50_000);
    eprintln!(
        "50 000 CSV rows ({} bytes): imported in {:.2?}",
        csv.len(),
        started.elapsed()
    );
}
