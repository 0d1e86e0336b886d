//! Throwaway databases for tests: every test gets its own, so tests run in
//! parallel with no shared state and no clean-up between them.
//!
//! The backend is chosen by `ZORGPACT_TEST_BACKEND` (`sqlite`, the default, or
//! `postgres`). PostgreSQL needs `ZORGPACT_TEST_POSTGRES_URL`, a URL of a role that
//! may create databases (`cargo xtask test` starts such a server). Each PostgreSQL
//! test database is cloned from a template that is migrated and seeded once.

use std::path::PathBuf;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::{Backend, Database, DatabaseUrl, DbConnection, run_migrations, seed};

/// What a fresh test database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// No tables at all.
    Nothing,
    /// Migrated, no rows.
    Schema,
    /// Migrated and loaded with the demo data.
    DemoData,
}

/// A database that exists for one test and is removed when dropped.
pub struct TestDatabase {
    pub url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

/// The backend the test run is for.
pub fn backend_under_test() -> Backend {
    match std::env::var("ZORGPACT_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        Ok("sqlite") | Err(_) => Backend::Sqlite,
        Ok(other) => panic!("ZORGPACT_TEST_BACKEND={other}: expected sqlite or postgres"),
    }
}

impl TestDatabase {
    pub fn new(contents: Contents) -> Self {
        match backend_under_test() {
            Backend::Sqlite => Self::sqlite(contents),
            Backend::Postgres => Self::postgres(contents),
        }
    }

    /// A pool on this database.
    pub fn connect(&self) -> Database {
        Database::connect(&self.url, 4).expect("connect to the test database")
    }

    /// The URL as `DATABASE_URL` would hold it.
    pub fn url_string(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }

    /// Runs `sql` beside the app, as anyone with access to the database could;
    /// returns how many rows it changed.
    pub fn execute(&self, sql: &str) -> usize {
        diesel::sql_query(sql)
            .execute(&mut *self.connect().conn().expect("connection"))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The number `sql` (a `SELECT COUNT(*) AS n ...`) counts, read beside the app.
    pub fn count(&self, sql: &str) -> i64 {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        diesel::sql_query(sql)
            .get_result::<Count>(&mut *self.connect().conn().expect("connection"))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .n
    }

    /// The id of audit entry number `seq`.
    pub fn audit_entry_id(&self, seq: i64) -> String {
        use crate::schema::audit_log;
        audit_log::table
            .filter(audit_log::seq.eq(seq))
            .select(audit_log::id)
            .first(&mut *self.connect().conn().expect("connection"))
            .expect("an audit entry")
    }

    /// A PostgreSQL database when the run has a PostgreSQL server
    /// (`ZORGPACT_TEST_POSTGRES_URL`), whichever backend is under test.
    pub fn postgres_if_available(contents: Contents) -> Option<Self> {
        std::env::var_os("ZORGPACT_TEST_POSTGRES_URL").map(|_| Self::postgres(contents))
    }

    /// An SQLite database, whichever backend is under test.
    pub fn sqlite(contents: Contents) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path: PathBuf = dir.path().join("test.db");
        let db = Self {
            url: DatabaseUrl::Sqlite(path),
            cleanup: Cleanup::Sqlite(dir),
        };
        prepare(&mut db.connect().conn().expect("connection"), contents);
        db
    }

    fn postgres(contents: Contents) -> Self {
        let admin_url = std::env::var("ZORGPACT_TEST_POSTGRES_URL")
            .expect("ZORGPACT_TEST_BACKEND=postgres needs ZORGPACT_TEST_POSTGRES_URL (run `cargo xtask test`)");
        let mut admin = PgConnection::establish(&admin_url).expect("connect to the PostgreSQL test server");
        let name = format!("zp_test_{}", Uuid::now_v7().simple());
        let create = match contents {
            Contents::DemoData => format!(
                "CREATE DATABASE {name} TEMPLATE {}",
                demo_template(&mut admin, &admin_url)
            ),
            _ => format!("CREATE DATABASE {name}"),
        };
        admin.batch_execute(&create).expect("create the test database");
        let url = DatabaseUrl::Postgres(with_database(&admin_url, &name));
        let db = Self {
            url,
            cleanup: Cleanup::Postgres { admin_url, name },
        };
        if contents == Contents::Schema {
            prepare(&mut db.connect().conn().expect("connection"), contents);
        }
        db
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup
            && let Ok(mut admin) = PgConnection::establish(admin_url)
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

fn prepare(conn: &mut DbConnection, contents: Contents) {
    if contents != Contents::Nothing {
        run_migrations(conn).expect("migrations");
    }
    if contents == Contents::DemoData {
        seed::load_demo_data(conn).expect("demo data");
    }
}

/// Replaces the database name (the path) of a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// The name of a database holding schema and demo data, created once per content
/// version; concurrent test processes wait on an advisory lock while one builds it.
fn demo_template(admin: &mut PgConnection, admin_url: &str) -> String {
    let name = format!("zp_template_{}", content_hash());
    admin.batch_execute("SELECT pg_advisory_lock(7270001)").expect("lock");
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let found: Found = diesel::sql_query(format!(
        "SELECT COUNT(*) AS n FROM pg_database WHERE datname = '{name}'"
    ))
    .get_result(admin)
    .expect("look up template");
    if found.n == 0 {
        let building = format!("{name}_building");
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {building}"))
            .expect("drop a half-built template");
        admin
            .batch_execute(&format!("CREATE DATABASE {building}"))
            .expect("create template");
        {
            let url = DatabaseUrl::Postgres(with_database(admin_url, &building));
            let db = Database::connect(&url, 1).expect("connect template");
            prepare(&mut db.conn().expect("connection"), Contents::DemoData);
        }
        admin
            .batch_execute(&format!("ALTER DATABASE {building} RENAME TO {name}"))
            .expect("publish template");
    }
    admin
        .batch_execute("SELECT pg_advisory_unlock(7270001)")
        .expect("unlock");
    name
}

// What a seeded database is made from, listed by build.rs: the migrations' SQL of
// both backends, the demo data and the code that loads it.
include!(concat!(env!("OUT_DIR"), "/template_inputs.rs"));

/// Names the template: changes when anything it is made from changes.
fn content_hash() -> String {
    hash_inputs(TEMPLATE_INPUTS)
}

/// FNV-1a over each input's name and contents, each prefixed with its length so
/// that no two different lists run together into the same bytes.
fn hash_inputs(inputs: &[(&str, &str)]) -> String {
    let hash = inputs
        .iter()
        .flat_map(|(name, contents)| [name.as_bytes(), contents.as_bytes()])
        .flat_map(|part| {
            (part.len() as u64)
                .to_le_bytes()
                .into_iter()
                .chain(part.iter().copied())
        })
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::{TEMPLATE_INPUTS, hash_inputs, with_database};

    #[test]
    fn the_template_hash_follows_the_migrations_sql() {
        let up = "CREATE TABLE regions (code TEXT PRIMARY KEY);";
        let inputs = [
            ("migrations/postgres/0001_core/up.sql", up),
            ("migrations/postgres/0001_core/down.sql", "DROP TABLE regions;"),
            ("crates/db/src/seed/demo.json", "{}"),
        ];
        let hash = hash_inputs(&inputs);
        assert_eq!(hash, hash_inputs(&inputs), "deterministic");
        let mut edited = inputs;
        edited[0].1 = "CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT);";
        assert_ne!(hash_inputs(&edited), hash, "edited up.sql");
        let mut edited = inputs;
        edited[1].1 = "DROP TABLE IF EXISTS regions;";
        assert_ne!(hash_inputs(&edited), hash, "edited down.sql");
        let mut edited = inputs;
        edited[2].1 = r#"{"regions": []}"#;
        assert_ne!(hash_inputs(&edited), hash, "edited demo data");
        // Text moved from one file to the next is a different input.
        let mut moved = inputs;
        moved[0] = (
            "migrations/postgres/0001_core/up.sql",
            "CREATE TABLE regions (code TEXT PRIMARY KEY);DROP",
        );
        moved[1].1 = " TABLE regions;";
        assert_ne!(hash_inputs(&moved), hash, "moved text");
    }

    #[test]
    fn the_template_inputs_are_the_migrations_and_the_demo_data() {
        let names: Vec<&str> = TEMPLATE_INPUTS.iter().map(|(name, _)| *name).collect();
        for backend in ["sqlite", "postgres"] {
            for file in ["up.sql", "down.sql"] {
                let wanted = format!("migrations/{backend}/2026-12-01-000001_create_core/{file}");
                assert!(names.contains(&wanted.as_str()), "{wanted} in {names:?}");
            }
        }
        assert!(names.contains(&"crates/db/src/seed/demo.json"), "{names:?}");
        let sql = TEMPLATE_INPUTS
            .iter()
            .find(|(name, _)| name.ends_with("create_core/up.sql"));
        assert!(
            sql.is_some_and(|(_, contents)| contents.contains("CREATE TABLE")),
            "the SQL itself"
        );
    }

    #[test]
    fn replaces_the_database_of_a_url() {
        assert_eq!(
            with_database("postgres://u@127.0.0.1:5432/postgres", "t1"),
            "postgres://u@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u@h:1/postgres?sslmode=disable", "t"),
            "postgres://u@h:1/t?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h:1", "t"), "postgres://u@h:1/t");
    }
}
