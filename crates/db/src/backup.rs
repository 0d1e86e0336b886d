//! Backup, restore and copy of a whole installation, on either backend.
//!
//! One format for every backup: an SQLite file with this app's schema, so a
//! backup of either backend restores into either. On SQLite it is made with
//! `VACUUM INTO` (SQLite's own consistent online copy); on PostgreSQL by reading
//! every table in one REPEATABLE READ snapshot into a fresh SQLite file.
//!
//! [`TABLES`] is made from the schema's one list of tables (`for_each_table!`
//! in `schema.rs`), in foreign-key order; the copy refuses a database holding a
//! table it does not name, so a new table cannot be forgotten.

use std::path::{Path, PathBuf};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::connection::{insert_batches, open};
use crate::transfer::{Assign, Natural, parents_first};
use crate::{DatabaseUrl, DbConnection, DbError, in_transaction, read_snapshot, run_migrations};

/// The rows one table holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: &'static str,
    pub rows: i64,
}

/// The SQL types of a table's columns, and the Rust values a row is moved as.
type SqlRow<T> = diesel::dsl::SqlTypeOf<<T as Table>::AllColumns>;
type RowOf<T> = <SqlRow<T> as Natural>::Value;

/// How many rows a copy holds in memory at a time. (Small enough that the demo
/// data's indicator values take two pages, so the tests cover paging.)
const PAGE: i64 = 2_000;

/// A page of the rows of `$table` by primary key, from `$offset`. A table that
/// refers to itself names its key and parent column and comes whole, parents
/// first, as the first page.
macro_rules! load {
    ($conn:expr, $table:ident, $offset:expr) => {{
        use crate::schema::$table as t;
        t::table
            .select(t::all_columns)
            .order_by(Table::primary_key(&t::table))
            .limit(PAGE)
            .offset($offset)
            .load::<RowOf<t::table>>($conn)?
    }};
    ($conn:expr, $table:ident ($key:ident -> $parent:ident), $offset:expr) => {{
        use crate::schema::$table as t;
        if $offset > 0 {
            Vec::new()
        } else {
            parents_first(
                t::table
                    .select((t::$key, t::$parent, t::all_columns))
                    .order_by(t::$key)
                    .load::<(String, Option<String>, RowOf<t::table>)>($conn)?,
            )
        }
    }};
}

/// Runs `$body` on each page of `$table` (see [`load!`]) in turn; returns the
/// number of rows.
macro_rules! each_page {
    ($conn:expr, $table:ident $(($key:ident -> $parent:ident))?, |$rows:ident| $body:block) => {{
        let mut offset = 0_i64;
        loop {
            let $rows = load!($conn, $table $(($key -> $parent))?, offset);
            let page = $rows.len() as i64;
            $body
            offset += page;
            if page < PAGE {
                break offset;
            }
        }
    }};
}

/// Declares the tables in the order a copy writes them (a table after those it
/// refers to), with the operations that visit each.
macro_rules! tables {
    ($($table:ident $(($key:ident -> $parent:ident))?),+ $(,)?) => {
        /// Every table of the schema, in foreign-key order.
        pub const TABLES: &[&str] = &[$(stringify!($table)),+];

        /// Copies every row of every table; `target` must be empty.
        fn copy_tables(source: &mut DbConnection, target: &mut DbConnection) -> Result<Vec<TableCount>, DbError> {
            let mut counts = Vec::with_capacity(TABLES.len());
            $({
                use crate::schema::$table as t;
                let columns = <SqlRow<t::table> as Natural>::COLUMNS;
                let copied = each_page!(source, $table $(($key -> $parent))?, |rows| {
                    let rows: Vec<_> = rows.into_iter().map(|row| t::all_columns.assign(row)).collect();
                    insert_batches!(target, t::table, rows, columns);
                });
                counts.push(TableCount { table: stringify!($table), rows: copied });
            })+
            Ok(counts)
        }

        /// The rows of every table, each written out in full and
        /// sorted: what two databases are compared by, row by row.
        pub fn table_rows(conn: &mut DbConnection) -> Result<Vec<(&'static str, Vec<String>)>, DbError> {
            read_snapshot(conn, |conn| {
                let mut tables = Vec::with_capacity(TABLES.len());
                $({
                    use crate::schema::$table as t;
                    let mut rows: Vec<String> = Vec::new();
                    each_page!(conn, $table, |page| {
                        rows.extend(page.iter().map(|row| {
                            let mut text = String::new();
                            <SqlRow<t::table> as Natural>::write(row, &mut text);
                            text
                        }));
                    });
                    rows.sort();
                    tables.push((stringify!($table), rows));
                })+
                Ok(tables)
            })
        }

        /// How many rows each table holds.
        pub fn row_counts(conn: &mut DbConnection) -> Result<Vec<TableCount>, DbError> {
            read_snapshot(conn, |conn| {
                Ok(vec![$(TableCount {
                    table: stringify!($table),
                    rows: crate::schema::$table::table.count().get_result(conn)?,
                }),+])
            })
        }
    };
}

crate::schema::for_each_table!(tables);

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Reference {
    #[diesel(sql_type = diesel::sql_types::Text)]
    from_table: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    to_table: String,
}

/// The tables the database holds (the app's own; not diesel's migration list,
/// SQLite's internal tables or the full-text index, which triggers rebuild).
pub fn tables_in_database(conn: &mut DbConnection) -> Result<Vec<String>, DbError> {
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
               AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations' ORDER BY name"
        }
        DbConnection::Postgres(_) => {
            "SELECT table_name::text AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
               AND table_name <> '__diesel_schema_migrations' ORDER BY name"
        }
    };
    let names: Vec<Name> = diesel::sql_query(sql).load(conn)?;
    Ok(names.into_iter().map(|n| n.name).collect())
}

/// Every foreign key as (table, the table it refers to).
pub fn foreign_keys(conn: &mut DbConnection) -> Result<Vec<(String, String)>, DbError> {
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS from_table, f.\"table\" AS to_table
             FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'"
        }
        DbConnection::Postgres(_) => {
            "SELECT conrelid::regclass::text AS from_table, confrelid::regclass::text AS to_table
             FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
        }
    };
    let references: Vec<Reference> = diesel::sql_query(sql).load(conn)?;
    Ok(references.into_iter().map(|r| (r.from_table, r.to_table)).collect())
}

/// Refuses a database (`what`) whose tables are not exactly [`TABLES`].
fn check_table_list(conn: &mut DbConnection, what: &str) -> Result<(), DbError> {
    let present = tables_in_database(conn)?;
    if let Some(unlisted) = present.iter().find(|t| !TABLES.contains(&t.as_str())) {
        return Err(DbError::Internal(format!(
            "{what} holds a table {unlisted} that is not in the copy list \
             (`for_each_table!` in crates/db/src/schema.rs)"
        )));
    }
    if let Some(missing) = TABLES.iter().find(|t| !present.iter().any(|p| p == *t)) {
        return Err(DbError::Internal(format!("{what} has no table {missing}")));
    }
    Ok(())
}

/// Refuses a database whose schema is not this version's.
fn check_schema_is_current(conn: &mut DbConnection, what: &str) -> Result<(), DbError> {
    let state = crate::migrate::migration_state(conn)?;
    if !state.unknown.is_empty() {
        return Err(DbError::Migration(format!(
            "{what} was made by a newer zorgpact (migrations {:?} are unknown to this one)",
            state.unknown
        )));
    }
    if !state.pending.is_empty() {
        return Err(DbError::Migration(format!(
            "{what} lacks migrations {:?}: run `zorgpact migrate` first",
            state.pending
        )));
    }
    Ok(())
}

/// Copies a whole database into another, which is migrated first and must hold
/// no rows. The source is read in one snapshot, the target written in one
/// transaction: it ends up with all rows, ids and timestamps kept, or none.
pub fn copy_database(source: &mut DbConnection, target: &mut DbConnection) -> Result<Vec<TableCount>, DbError> {
    check_schema_is_current(source, "the source database")?;
    run_migrations(target)?;
    check_table_list(source, "the source database")?;
    check_table_list(target, "the target database")?;
    read_snapshot(source, |source| {
        in_transaction(target, |target| {
            if let Some(full) = row_counts(target)?.into_iter().find(|c| c.rows > 0) {
                return Err(DbError::Conflict(format!(
                    "the target database already holds data ({} rows in {}); restore and copy only fill an empty database",
                    full.rows, full.table
                )));
            }
            let counts = copy_tables(source, target)?;
            reset_sequences(target)?;
            Ok(counts)
        })
    })
}

/// Sets every PostgreSQL sequence (serial or identity column) past the highest
/// value copied. Today every key is text, so there are none; a later table with
/// one is covered without anyone remembering this step.
fn reset_sequences(conn: &mut DbConnection) -> Result<(), DbError> {
    if let DbConnection::Postgres(pg) = conn {
        pg.batch_execute(
            "DO $$ DECLARE c record; BEGIN
               FOR c IN SELECT table_name, column_name FROM information_schema.columns
                        WHERE table_schema = current_schema()
                          AND (column_default LIKE 'nextval(%' OR is_identity = 'YES') LOOP
                 EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE(MAX(%I), 0) + 1, false) FROM %I',
                                c.table_name, c.column_name, c.column_name, c.table_name);
               END LOOP;
             END $$",
        )?;
    }
    Ok(())
}

/// What a backup file holds, checked after writing it.
#[derive(Debug)]
pub struct BackupReport {
    pub file: PathBuf,
    /// SQLite's `PRAGMA integrity_check`: `ok` for a sound file.
    pub integrity: String,
    pub counts: Vec<TableCount>,
}

/// Writes a consistent backup of the database at `url` to `file` (which must
/// not exist), while the server may go on serving. The file appears only once
/// complete and checked.
pub fn backup(url: &DatabaseUrl, file: &Path) -> Result<BackupReport, DbError> {
    if file.exists() {
        return Err(DbError::Conflict(format!(
            "{} exists; choose a new file",
            file.display()
        )));
    }
    let partial = PathBuf::from(format!("{}.partial", file.display()));
    let _ = std::fs::remove_file(&partial);
    let written = write_backup(url, &partial).and_then(|()| {
        let mut copy = open(&DatabaseUrl::Sqlite(partial.clone()))?;
        // One self-contained file, no WAL beside it.
        copy.batch_execute("PRAGMA journal_mode = DELETE")?;
        Ok(BackupReport {
            file: file.to_owned(),
            integrity: integrity_check(&mut copy)?,
            counts: row_counts(&mut copy)?,
        })
    });
    match written {
        Ok(report) if report.integrity == "ok" => {
            std::fs::rename(&partial, file)
                .map_err(|e| DbError::Internal(format!("cannot rename to {}: {e}", file.display())))?;
            Ok(report)
        }
        Ok(report) => {
            let _ = std::fs::remove_file(&partial);
            Err(DbError::Internal(format!(
                "the backup failed its integrity check: {}",
                report.integrity
            )))
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

fn write_backup(url: &DatabaseUrl, partial: &Path) -> Result<(), DbError> {
    let mut source = open(url)?;
    match &mut source {
        // SQLite's own online copy: one read transaction, so one consistent state.
        DbConnection::Sqlite(sqlite) => {
            let path = partial.to_string_lossy().replace('\'', "''");
            sqlite.batch_execute(&format!("VACUUM INTO '{path}'"))?;
        }
        DbConnection::Postgres(_) => {
            let mut copy = open(&DatabaseUrl::Sqlite(partial.to_owned()))?;
            copy_database(&mut source, &mut copy)?;
        }
    }
    Ok(())
}

/// SQLite's verdict on a file: `ok`, or the problems it found. Covers
/// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` (every reference
/// resolves).
pub fn integrity_check(conn: &mut DbConnection) -> Result<String, DbError> {
    #[derive(QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    #[derive(QueryableByName)]
    struct Violation {
        #[diesel(sql_type = diesel::sql_types::Text)]
        table: String,
    }
    let mut problems: Vec<String> = diesel::sql_query("PRAGMA integrity_check")
        .load::<Check>(conn)?
        .into_iter()
        .map(|l| l.integrity_check)
        .filter(|l| l != "ok")
        .collect();
    let violations: Vec<Violation> = diesel::sql_query("PRAGMA foreign_key_check").load(conn)?;
    problems.extend(
        violations
            .into_iter()
            .map(|v| format!("a row of {} refers to a missing row", v.table)),
    );
    Ok(if problems.is_empty() {
        "ok".into()
    } else {
        problems.join("; ")
    })
}

/// Restores a backup `file` into the (empty) database at `url`. A backup of an
/// older version is migrated first, on a temporary copy: the file stays as it is.
pub fn restore(file: &Path, url: &DatabaseUrl) -> Result<Vec<TableCount>, DbError> {
    if !file.is_file() {
        return Err(DbError::NotFound);
    }
    let work = std::env::temp_dir().join(format!("zorgpact-restore-{}.db", std::process::id()));
    std::fs::copy(file, &work).map_err(|e| DbError::Internal(format!("cannot copy {}: {e}", file.display())))?;
    let restored = restore_from(&work, url);
    let _ = std::fs::remove_file(&work);
    restored
}

fn restore_from(work: &Path, url: &DatabaseUrl) -> Result<Vec<TableCount>, DbError> {
    let mut backup = open(&DatabaseUrl::Sqlite(work.to_owned()))?;
    let check = integrity_check(&mut backup)?;
    if check != "ok" {
        return Err(DbError::Internal(format!("the backup file is damaged: {check}")));
    }
    run_migrations(&mut backup)?;
    check_schema_is_current(&mut backup, "the backup")?;
    let mut target = crate::Database::connect(url, 1)?.conn()?;
    copy_database(&mut backup, &mut target)
}

/// Copies the database at `from` into the empty one at `to` (e.g. an SQLite
/// installation into PostgreSQL).
pub fn copy(from: &DatabaseUrl, to: &DatabaseUrl) -> Result<Vec<TableCount>, DbError> {
    if from == to {
        return Err(DbError::BadUrl("the target is the source database".into()));
    }
    let mut source = crate::Database::connect(from, 1)?.conn()?;
    let mut target = crate::Database::connect(to, 1)?.conn()?;
    copy_database(&mut source, &mut target)
}
