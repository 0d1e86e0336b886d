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

/// Sessions that end under the pool (a database restart, a failover) fail one
/// request as a lost connection, which the API answers 503. The pool then checks
/// its connections before use, so the requests after it get working ones.
#[test]
fn a_lost_connection_fails_one_request_and_the_next_get_working_ones() {
    if backend_under_test() != Backend::Postgres {
        return; // SQLite has no server session to lose
    }
    #[derive(QueryableByName)]
    struct Sessions {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        others: i64,
    }
    let test_db = TestDatabase::new(Contents::Schema);
    let db = test_db.connect();
    let count = |conn: &mut DbConnection| Ok(regions::table.count().get_result::<i64>(conn)?);
    // Every connection of the pool open, so that it opens no more.
    let held: Vec<_> = (0..4).map(|_| db.conn().expect("a connection")).collect();
    drop(held);
    assert_eq!(db.run(count).ok(), Some(0));
    let mut own = diesel::PgConnection::establish(&test_db.url_string()).expect("a session of its own");
    diesel::sql_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&mut own)
    .expect("end the pool's sessions");
    // Ending a session is asynchronous: wait until none is left.
    let gone = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        diesel::sql_query(
            "SELECT count(*) AS others FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .get_result::<Sessions>(&mut own)
        .is_ok_and(|s| s.others == 0)
    });
    assert!(gone, "the pool's sessions ended");
    let error = db.run(count).expect_err("the session is gone");
    assert!(matches!(error, DbError::Connection(_)), "{error:?}");
    for attempt in 1..=6 {
        assert_eq!(db.run(count).ok(), Some(0), "request {attempt} after the loss");
    }
}

/// Values name an existing indicator and region (on PostgreSQL checked once per
/// statement, see the migration `series_references_per_statement`), and a region
/// or indicator with values stays.
#[test]
fn values_name_an_existing_indicator_and_region_which_then_stay() {
    let test_db = TestDatabase::new(Contents::DemoData);
    let mut conn = test_db.connect().conn().expect("connection");
    let (indicator, region): (String, String) = indicator_values::table
        .select((indicator_values::indicator_code, indicator_values::region_code))
        .first(&mut conn)
        .expect("a demo value");
    let value_of = |conn: &mut DbConnection, indicator: &str, region: &str| {
        let now = Utc::now().naive_utc();
        diesel::insert_into(indicator_values::table)
            .values((
                indicator_values::indicator_code.eq(indicator.to_owned()),
                indicator_values::region_code.eq(region.to_owned()),
                indicator_values::period.eq("1990"),
                indicator_values::period_start.eq(chrono::NaiveDate::from_ymd_opt(1990, 1, 1).expect("date")),
                indicator_values::value.eq(1.0),
                indicator_values::status.eq("final"),
                indicator_values::source.eq(""),
                indicator_values::version.eq(1_i64),
                indicator_values::created_at.eq(now),
                indicator_values::updated_at.eq(now),
            ))
            .execute(conn)
            .map_err(DbError::from)
    };
    for (indicator, region) in [(indicator.as_str(), "atlantis"), ("no_such_indicator", region.as_str())] {
        let refused = value_of(&mut conn, indicator, region);
        assert!(
            matches!(refused, Err(DbError::MissingReference(_))),
            "{indicator} in {region}: {refused:?}"
        );
    }
    let kept = diesel::delete(regions::table.filter(regions::code.eq(&region)))
        .execute(&mut conn)
        .map_err(DbError::from);
    assert!(matches!(kept, Err(DbError::MissingReference(_))), "{kept:?}");
    let kept = diesel::delete(indicators::table.filter(indicators::code.eq(&indicator)))
        .execute(&mut conn)
        .map_err(DbError::from);
    assert!(matches!(kept, Err(DbError::MissingReference(_))), "{kept:?}");
}
