//! The table list of backup, restore and copy, and the audit trail's hash chain,
//! on the backend under test (`ZORGPACT_TEST_BACKEND`).

use diesel::prelude::*;
use zorgpact_db::audit::chain::{ChainReport, verify};
use zorgpact_db::audit::{self, Actor};
use zorgpact_db::backup::{TABLES, foreign_keys, tables_in_database};
use zorgpact_db::testing::{Contents, TestDatabase};
use zorgpact_db::{in_transaction, revert_last_migration, run_migrations};

#[test]
fn the_copy_list_names_every_table_after_those_it_refers_to() {
    let db = TestDatabase::new(Contents::Schema);
    let mut conn = db.connect().conn().expect("connection");
    let mut listed: Vec<&str> = TABLES.to_vec();
    listed.sort_unstable();
    assert_eq!(
        tables_in_database(&mut conn).expect("tables"),
        listed,
        "a table in the database but not in zorgpact_db::backup::TABLES (or the reverse)"
    );
    let place = |table: &str| TABLES.iter().position(|t| *t == table).expect("listed");
    let references = foreign_keys(&mut conn).expect("foreign keys");
    assert!(references.len() > 20, "{references:?}");
    for (table, referenced) in references {
        assert!(
            place(&referenced) <= place(&table),
            "{table} refers to {referenced}, so it must come after it in TABLES"
        );
    }
}

#[test]
fn concurrent_writers_keep_the_audit_chain_one_line() {
    let db = TestDatabase::new(Contents::Schema);
    let pool = db.connect();
    let (writers, each) = (4, 15);
    std::thread::scope(|scope| {
        for writer in 0..writers {
            let pool = pool.clone();
            scope.spawn(move || {
                let actor = Actor::system(&format!("writer {writer}"));
                for n in 0..each {
                    let mut conn = pool.conn().expect("connection");
                    in_transaction(&mut conn, |conn| {
                        audit::record(conn, &actor, "update", "region", "GR", None::<&()>, Some(&n))
                    })
                    .expect("record");
                }
            });
        }
    });
    let report = verify(&mut pool.conn().expect("connection")).expect("verify");
    let ChainReport::Intact { entries, head } = report else {
        panic!("broken: {report:?}");
    };
    assert_eq!(entries, writers * each);
    assert_eq!(head.map(|h| h.len()), Some(64));
}

#[test]
fn entries_from_before_the_chain_are_chained_by_its_migration() {
    let db = TestDatabase::new(Contents::Schema);
    let mut conn = db.connect().conn().expect("connection");
    // Later migrations go first, down to the chain's own.
    let mut reverted = revert_last_migration(&mut conn).expect("revert");
    while reverted.as_str() > "20261208000010" {
        reverted = revert_last_migration(&mut conn).expect("revert");
    }
    assert_eq!(reverted, "20261208000010", "the chain's migration was reverted");
    for n in 1..=3 {
        diesel::sql_query(format!(
            "INSERT INTO audit_log (id, occurred_at, actor, operation, resource_type, resource_id, after_state)
             VALUES ('0193a1e2-7c1d-7000-8000-00000000000{n}', '2026-01-0{n} 10:00:00.123456789',
                     'system (old)', 'create', 'region', 'R{n}', '{{}}')"
        ))
        .execute(&mut conn)
        .expect("an old entry");
    }
    run_migrations(&mut conn).expect("migrate again");
    assert_eq!(
        verify(&mut conn).expect("verify"),
        ChainReport::Intact {
            entries: 3,
            head: Some(
                zorgpact_db::schema::audit_log::table
                    .filter(zorgpact_db::schema::audit_log::seq.eq(3))
                    .select(zorgpact_db::schema::audit_log::hash)
                    .first(&mut conn)
                    .expect("the last entry")
            ),
        }
    );
}

#[test]
fn a_copy_refuses_a_table_it_does_not_know() {
    let source = TestDatabase::new(Contents::Schema);
    source.execute("CREATE TABLE notes (id TEXT PRIMARY KEY)");
    let target = TestDatabase::new(Contents::Nothing);
    let refused = zorgpact_db::backup::copy_database(
        &mut source.connect().conn().expect("source"),
        &mut target.connect().conn().expect("target"),
    )
    .expect_err("an unknown table is not left behind silently");
    assert!(refused.to_string().contains("notes"), "{refused}");
}
