//! Storage on the backend under test (`ZORGPACT_TEST_BACKEND`): migrations, demo
//! data, and the integrity rules the database itself enforces.

use chrono::Utc;
use diesel::prelude::*;
use zorgpact_db::schema::{indicator_values, indicators, partners, regions};
use zorgpact_db::testing::{Contents, TestDatabase, backend_under_test};
use zorgpact_db::{
    Backend, DbConnection, DbError, regions as region_repo, revert_all_migrations, run_migrations, seed,
};

fn count(conn: &mut zorgpact_db::DbConnection) -> (i64, i64, i64, i64) {
    (
        regions::table.count().get_result(conn).expect("count regions"),
        partners::table.count().get_result(conn).expect("count partners"),
        indicators::table.count().get_result(conn).expect("count indicators"),
        indicator_values::table.count().get_result(conn).expect("count values"),
    )
}

#[test]
fn migrations_go_up_and_down_and_up_again() {
    let test_db = TestDatabase::new(Contents::Nothing);
    let db = test_db.connect();
    assert_eq!(db.backend(), backend_under_test());
    let mut conn = db.conn().expect("connection");

    let applied = run_migrations(&mut conn).expect("up");
    assert!(!applied.is_empty(), "a fresh database gets every migration");
    assert!(
        run_migrations(&mut conn).expect("up again").is_empty(),
        "nothing is applied twice"
    );
    assert_eq!(count(&mut conn).0, 0);

    let reverted = revert_all_migrations(&mut conn).expect("down");
    assert_eq!(reverted.len(), applied.len());
    assert!(
        regions::table.count().get_result::<i64>(&mut conn).is_err(),
        "the tables are gone after reverting"
    );

    assert_eq!(run_migrations(&mut conn).expect("up after down").len(), applied.len());
    assert_eq!(count(&mut conn).0, 0);
}

#[test]
fn demo_data_loads_once_and_a_second_load_changes_nothing() {
    let test_db = TestDatabase::new(Contents::Schema);
    let mut conn = test_db.connect().conn().expect("connection");

    let first = seed::load_demo_data(&mut conn).expect("first load");
    assert_eq!(first.regions, 17, "the 17 regional Zorgpacts");
    assert!(first.indicators >= 18, "the monitor's indicator catalogue");
    assert!(first.values > 1_000, "several years of values: {}", first.values);
    assert!(first.targets > 0 && first.actions > 0 && first.barriers > 0);
    let after_first = count(&mut conn);
    let regions_before = region_repo::list(&mut conn).expect("regions");

    let second = seed::load_demo_data(&mut conn).expect("second load");
    assert_eq!(second.total(), 0, "nothing inserted twice: {second:?}");
    assert_eq!(count(&mut conn), after_first);
    assert_eq!(
        region_repo::list(&mut conn).expect("regions"),
        regions_before,
        "existing rows untouched"
    );
}

#[test]
fn regions_are_listed_by_name_with_their_partners() {
    let test_db = TestDatabase::new(Contents::DemoData);
    let mut conn = test_db.connect().conn().expect("connection");
    let all = region_repo::list(&mut conn).expect("regions");
    let names: Vec<&str> = all.iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.contains(&"Twente"), "{names:?}");
    let partners = region_repo::partners_of(&mut conn, "midden-en-zuid-gelderland").expect("partners");
    assert!(partners.len() >= 3);
}

#[test]
fn the_database_refuses_a_partner_of_an_unknown_region() {
    let test_db = TestDatabase::new(Contents::Schema);
    let mut conn = test_db.connect().conn().expect("connection");
    let result: Result<usize, DbError> = diesel::insert_into(partners::table)
        .values((
            partners::id.eq("p1"),
            partners::region_code.eq("atlantis"),
            partners::organisation.eq("ROC Atlantis"),
            partners::sector.eq("mbo"),
            partners::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(&mut conn)
        .map_err(DbError::from);
    assert!(
        matches!(result, Err(DbError::MissingReference(_))),
        "foreign keys are on: {result:?}"
    );
}

/// A session that ends under a checked-out connection (a database restart, a
/// failover) fails as a lost connection, which the API answers 503, and the pool
/// hands out a working connection next.
#[test]
fn a_connection_lost_in_use_is_a_connection_error_and_is_replaced() {
    if backend_under_test() != Backend::Postgres {
        return; // SQLite has no server session to lose
    }
    #[derive(QueryableByName)]
    struct Pid {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        pid: i32,
    }
    let test_db = TestDatabase::new(Contents::Schema);
    let db = test_db.connect();
    let (mut lost, mut other) = (db.conn().expect("a connection"), db.conn().expect("another"));
    let (DbConnection::Postgres(lost_pg), DbConnection::Postgres(other_pg)) = (&mut *lost, &mut *other) else {
        panic!("PostgreSQL connections");
    };
    let pid: Pid = diesel::sql_query("SELECT pg_backend_pid() AS pid")
        .get_result(lost_pg)
        .expect("own pid");
    diesel::sql_query(format!("SELECT pg_terminate_backend({})", pid.pid))
        .execute(other_pg)
        .expect("terminate");
    let failed = regions::table.count().get_result::<i64>(&mut *lost);
    let error = DbError::from(failed.expect_err("the session is gone"));
    assert!(matches!(error, DbError::Connection(_)), "{error:?}");
    drop((lost, other));
    let mut next = db.conn().expect("a connection");
    assert_eq!(regions::table.count().get_result::<i64>(&mut *next).ok(), Some(0));
}
