//! The operator's commands as an operator runs them: `zorgpact backup`, `restore`,
//! `copy` and `verify-audit`, on the real binary against a database a running
//! server has written to. Contents are compared row by row, in every table.

use std::process::{Command, Output};

use zorgpact_contract::period_lock::CreatePeriodLockRequest;
use zorgpact_db::DatabaseUrl;
use zorgpact_db::backup::{TABLES, integrity_check, table_rows};
use zorgpact_db::testing::{Contents, TestDatabase};

use crate::helpers::{TestApp, new_action, new_barrier, progress_update, spawn_app, spawn_app_on, values_upload};

/// Runs `zorgpact ARGS` with `DATABASE_URL` set to `database`.
fn zorgpact(database: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zorgpact"))
        .args(args)
        .env("DATABASE_URL", database)
        .env_remove("ZORGPACT_DEMO_DATA")
        .output()
        .expect("run zorgpact")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs a command that must succeed and returns what it printed.
fn succeeds(database: &str, args: &[&str]) -> String {
    let output = zorgpact(database, args);
    assert!(
        output.status.success(),
        "zorgpact {args:?} failed:\n{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

/// Writes through the API beyond the demo data: an action with a progress entry,
/// indicator values and a barrier ticket, each with its audit entries.
async fn make_changes(app: &TestApp, label: &str) {
    let created = app
        .create_action(&new_action("twente", &format!("Backup {label}"), &[]))
        .await;
    assert_eq!(created.status(), 201);
    let action: serde_json::Value = created.json().await.expect("action");
    let id = action["id"].as_str().expect("id");
    let update = app
        .post_json(
            &format!("/api/v1/actions/{id}/updates"),
            &progress_update("2025-01-31", 20),
        )
        .await;
    assert_eq!(update.status(), 201);
    let values = values_upload(&[
        ("employees", "twente", "2025", 71_000.5),
        ("open_vacancies", "twente", "2025-Q1", 1_700.0),
    ]);
    assert_eq!(
        app.post_json("/api/v1/indicator-values/bulk", &values).await.status(),
        200
    );
    let ticket = new_barrier("twente", None, &format!("Regel in de weg {label}"));
    assert_eq!(app.post_json("/api/v1/barrier-tickets", &ticket).await.status(), 201);
    let lock = CreatePeriodLockRequest {
        period: "2019".into(),
        indicator: None,
        note: Some(format!("Backup {label}")),
    };
    assert_eq!(app.post_json("/api/v1/period-locks", &lock).await.status(), 201);
    let coordinator = "Coordinator.Twente@zorgpact.demo";
    assert_eq!(app.log_in(coordinator, "demo-coordinator-2026").await.status(), 200);
    assert_eq!(app.log_in(coordinator, "not the password").await.status(), 401);
}

/// Asserts both databases hold the same rows in every table and returns how
/// many rows were compared, printing the count per table.
fn assert_same_rows(left: &TestDatabase, right: &TestDatabase) -> usize {
    let read = |db: &TestDatabase| table_rows(&mut db.connect().conn().expect("connection")).expect("rows");
    let (left, right) = (read(left), read(right));
    assert_eq!(left.len(), TABLES.len(), "every table is compared");
    let mut compared = 0;
    for ((table, a), (_, b)) in left.iter().zip(&right) {
        assert_eq!(a.len(), b.len(), "{table}: row count");
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x, y, "{table}: a row differs");
        }
        println!("  {table:<28}{:>6} rows equal", a.len());
        compared += a.len();
    }
    println!("  {} rows compared in {} tables", compared, left.len());
    compared
}

/// The first line `verify-audit` prints for the database at `url`, and whether it passed.
fn verify_audit(url: &str) -> (bool, String) {
    let output = zorgpact(url, &["verify-audit"]);
    (output.status.success(), stdout(&output))
}

#[tokio::test]
async fn backup_then_restore_gives_the_same_rows_in_every_table() {
    let app = spawn_app().await;
    make_changes(&app, "een").await;
    let source = app.database().url_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("zorgpact-backup.db");
    let file_arg = file.to_str().expect("a UTF-8 path");

    let printed = succeeds(&source, &["backup", file_arg]);
    assert!(printed.contains("integrity check: ok"), "{printed}");
    assert!(printed.contains("audit_log"), "counts per table: {printed}");
    let again = zorgpact(&source, &["backup", file_arg]);
    assert!(!again.status.success(), "an existing file is not overwritten");

    let restored = TestDatabase::new(Contents::Nothing);
    let printed = succeeds(&restored.url_string(), &["restore", file_arg]);
    assert!(printed.contains("in one transaction"), "{printed}");
    println!("backup -> restore ({}):", restored.url.backend().as_str());
    assert!(
        assert_same_rows(app.database(), &restored) > 1_000,
        "the demo data and more"
    );
    assert!(
        verify_audit(&restored.url_string()).0,
        "the restored audit trail verifies"
    );

    let twice = zorgpact(&restored.url_string(), &["restore", file_arg]);
    assert!(!twice.status.success());
    let message = String::from_utf8_lossy(&twice.stderr);
    assert!(message.contains("already holds data"), "{message}");
}

#[tokio::test]
async fn an_sqlite_installation_copies_to_postgres_row_by_row() {
    let Some(target) = TestDatabase::postgres_if_available(Contents::Nothing) else {
        println!("skipped: no PostgreSQL server (ZORGPACT_TEST_POSTGRES_URL)");
        return;
    };
    let app = spawn_app_on(TestDatabase::sqlite(Contents::DemoData)).await;
    make_changes(&app, "twee").await;
    let source = app.database().url_string();

    let printed = succeeds(&source, &["copy", "--to", &target.url_string()]);
    assert!(printed.contains("into the postgres database"), "{printed}");
    assert!(printed.contains("factsheet_versions"), "{printed}");
    println!("copy sqlite -> postgres:");
    assert!(assert_same_rows(app.database(), &target) > 1_000);
    assert!(verify_audit(&target.url_string()).0, "the copied audit trail verifies");

    let twice = zorgpact(&source, &["copy", "--to", &target.url_string()]);
    assert!(!twice.status.success(), "a database with data is not copied into");
}

#[tokio::test]
async fn a_backup_taken_while_the_server_writes_is_consistent() {
    let app = spawn_app().await;
    let source = app.database().url_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("busy.db");
    make_changes(&app, "vooraf").await;
    let backup = {
        let (source, file) = (source.clone(), file.clone());
        tokio::task::spawn_blocking(move || succeeds(&source, &["backup", file.to_str().expect("a UTF-8 path")]))
    };
    // Actions (each with its audit entry) are created until the backup is done.
    let mut writes = 0;
    while !backup.is_finished() {
        let title = format!("Tijdens de backup {writes}");
        assert_eq!(
            app.create_action(&new_action("twente", &title, &[])).await.status(),
            201
        );
        writes += 1;
    }
    let printed = backup.await.expect("backup");
    assert!(writes >= 1, "writes ran beside the backup");
    assert!(printed.contains("integrity check: ok"), "{printed}");

    let url = DatabaseUrl::Sqlite(file.clone());
    let mut copy = zorgpact_db::Database::connect(&url, 1)
        .expect("open the backup")
        .conn()
        .expect("connection");
    assert_eq!(
        integrity_check(&mut copy).expect("integrity_check"),
        "ok",
        "sound, and every reference resolves"
    );
    let (intact, report) = verify_audit(&format!("sqlite://{}", file.display()));
    assert!(intact, "one consistent state: the audit chain is whole ({report})");
    println!("backup beside {writes} writes: {report}");
}

/// Runs `sql` on the app's database, beside the app: it changes one row.
fn tamper(app: &TestApp, sql: &str) {
    assert_eq!(app.database().execute(sql), 1, "{sql}");
}

#[tokio::test]
async fn verify_audit_reports_an_altered_entry() {
    let app = spawn_app().await;
    make_changes(&app, "drie").await;
    let url = app.database().url_string();
    let (intact, report) = verify_audit(&url);
    assert!(intact, "{report}");
    assert!(report.starts_with("audit trail intact: "), "{report}");

    tamper(
        &app,
        r#"UPDATE audit_log SET after_state = '{"title":"Iets anders"}' WHERE seq = 2"#,
    );
    let (intact, report) = verify_audit(&url);
    assert!(!intact, "exit code 1");
    let altered = app.database().audit_entry_id(2);
    assert!(report.contains(&altered) && report.contains("altered"), "{report}");
}

#[tokio::test]
async fn verify_audit_reports_a_deleted_entry() {
    let app = spawn_app().await;
    make_changes(&app, "vier").await;
    let url = app.database().url_string();
    assert!(verify_audit(&url).0);

    let after_gap = app.database().audit_entry_id(3);
    tamper(&app, "DELETE FROM audit_log WHERE seq = 2");
    let (intact, report) = verify_audit(&url);
    assert!(!intact, "exit code 1");
    assert!(report.contains(&after_gap) && report.contains("missing"), "{report}");
}
