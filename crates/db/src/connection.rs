//! Connecting: which backend a URL means, the pooled connection type, and the
//! per-connection settings SQLite needs to be a good server database.

use std::path::PathBuf;
use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;

use crate::DbError;

/// A connection to either backend. Queries are written once against this type.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A parsed `DATABASE_URL`: `postgres://…`/`postgresql://…`, or `sqlite://PATH`
/// (a bare path also means SQLite).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    Sqlite(PathBuf),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self, DbError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_owned()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            Self::sqlite_path(path)
        } else if url.contains("://") {
            Err(DbError::BadUrl(format!(
                "unsupported scheme in {url:?}: use postgres:// or sqlite://"
            )))
        } else {
            Self::sqlite_path(url)
        }
    }

    fn sqlite_path(path: &str) -> Result<Self, DbError> {
        if path.is_empty() {
            return Err(DbError::BadUrl("empty SQLite path".into()));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Postgres(_) => Backend::Postgres,
            Self::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// How long a SQLite writer waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

/// Opens one connection of the backend the URL names, with the settings every
/// connection needs.
pub(crate) fn open(url: &DatabaseUrl) -> Result<DbConnection, DbError> {
    match url {
        DatabaseUrl::Postgres(url) => PgConnection::establish(url)
            .map(DbConnection::Postgres)
            .map_err(|e| DbError::Connection(e.to_string())),
        DatabaseUrl::Sqlite(path) => {
            let mut conn =
                SqliteConnection::establish(&path.to_string_lossy()).map_err(|e| DbError::Connection(e.to_string()))?;
            // Foreign keys are off by default in SQLite and must be enabled on
            // every connection. WAL is the file's, set once in `Database::connect`.
            conn.batch_execute(&format!(
                "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS};
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;"
            ))?;
            Ok(DbConnection::Sqlite(conn))
        }
    }
}

/// Opens connections of the backend the URL names. (diesel's derived `establish`
/// tries each backend in turn and hides the real error; choosing by URL does not.)
#[derive(Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    losses: LostConnections,
}

/// How long after a connection was found lost every connection is checked
/// (`SELECT 1`) before use. A lost connection usually means the server
/// restarted and took the pool's idle connections with it; checked, they are
/// replaced before a request meets them. Otherwise connections go unchecked:
/// on PostgreSQL the check is a round trip, as long as answering a figure kept
/// in memory.
const CHECK_AFTER_LOSS: Duration = Duration::from_secs(30);

/// When a connection was last found lost; shared by the pool's manager and
/// [`Database::run`], which finds them.
#[derive(Debug, Clone, Default)]
struct LostConnections {
    last: std::sync::Arc<std::sync::Mutex<Option<std::time::Instant>>>,
}

impl LostConnections {
    fn found_one(&self) {
        *self.lock() = Some(std::time::Instant::now());
    }

    fn check_before_use(&self) -> bool {
        self.lock().is_some_and(|at| at.elapsed() < CHECK_AFTER_LOSS)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<std::time::Instant>> {
        self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = DbError;

    fn connect(&self) -> Result<DbConnection, DbError> {
        open(&self.url)
    }

    /// Called before each use; see [`CHECK_AFTER_LOSS`].
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), DbError> {
        if self.losses.check_before_use() {
            conn.batch_execute("SELECT 1")?;
        }
        Ok(())
    }

    /// A connection whose transaction could not be ended (its server went away
    /// mid-transaction, usually), or that [`Database::run`] found lost, goes
    /// rather than back into the pool.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        type Manager = <DbConnection as Connection>::TransactionManager;
        std::thread::panicking()
            || !matches!(
                Manager::transaction_manager_status_mut(conn).transaction_depth(),
                Ok(None)
            )
    }
}

/// Runs `work` in a transaction: all of it is stored, or none.
///
/// On SQLite the outermost transaction starts with `BEGIN IMMEDIATE`: it takes the
/// write lock up front (waiting up to the busy timeout), because a transaction that
/// reads first and writes later fails at once with "database is locked" when
/// another writer got in between. Nested calls become savepoints.
pub fn in_transaction<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, DbError>,
) -> Result<T, DbError> {
    type Manager = <DbConnection as Connection>::TransactionManager;
    let outermost = Manager::transaction_manager_status_mut(conn)
        .transaction_depth()?
        .is_none();
    match conn {
        DbConnection::Sqlite(sqlite) if outermost => {
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
            match work(conn) {
                Ok(value) => {
                    Manager::commit_transaction(conn)?;
                    Ok(value)
                }
                Err(error) => {
                    Manager::rollback_transaction(conn)?;
                    Err(error)
                }
            }
        }
        _ => conn.transaction(work),
    }
}

/// Writers that must not interleave on PostgreSQL, each queueing on its own
/// transaction-scoped advisory lock (SQLite lets one writer in at a time, see
/// [`in_transaction`]). The numbers are this app's: 7270001 is the test
/// databases' template lock (`testing.rs`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum WriterQueue {
    /// Appending to the audit trail's hash chain.
    AuditChain = 7_270_002,
    /// Writing indicator values and targets.
    Series = 7_270_003,
}

/// Waits, inside the current transaction, until no other transaction holds
/// `queue`; the lock is released at commit or rollback. A no-op on SQLite.
pub(crate) fn queue_writers(conn: &mut DbConnection, queue: WriterQueue) -> Result<(), DbError> {
    if let DbConnection::Postgres(pg) = conn {
        diesel::RunQueryDsl::execute(
            diesel::sql_query(format!("SELECT pg_advisory_xact_lock({})", queue as i64)),
            pg,
        )?;
    }
    Ok(())
}

/// Runs the reads of `work` on one snapshot of the database, so everything one
/// answer shows stems from one state, however many queries it takes.
///
/// On SQLite a deferred `BEGIN` takes its snapshot at the first read and, in WAL
/// mode, keeps it while writers commit beside it. On PostgreSQL the default READ
/// COMMITTED would give each statement its own snapshot: REPEATABLE READ READ ONLY
/// keeps the first one. Nested calls run inside the outer transaction.
pub fn read_snapshot<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, DbError>,
) -> Result<T, DbError> {
    type Manager = <DbConnection as Connection>::TransactionManager;
    let outermost = Manager::transaction_manager_status_mut(conn)
        .transaction_depth()?
        .is_none();
    if !outermost {
        return work(conn);
    }
    match conn {
        DbConnection::Sqlite(sqlite) => AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN DEFERRED")?,
        DbConnection::Postgres(pg) => {
            AnsiTransactionManager::begin_transaction_sql(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?
        }
    }
    let result = work(conn);
    // Nothing was written: ending the transaction either way releases the snapshot.
    match &result {
        Ok(_) => Manager::commit_transaction(conn)?,
        Err(_) => Manager::rollback_transaction(conn)?,
    }
    result
}

/// The most bound parameters one statement may carry: SQLite's limit (32 766),
/// below PostgreSQL's (65 535).
pub const MAX_BIND_PARAMETERS: usize = 32_766;

/// Inserts `rows` (a slice of `Insertable` rows of `columns` columns each) into
/// `table` in multi-row statements, as many rows each as the parameter limit
/// allows. diesel's `MultiConnection` has no batch insert, so each backend's
/// connection gets the same statement.
macro_rules! insert_batches {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for chunk in $rows.chunks($crate::connection::MAX_BIND_PARAMETERS / $columns) {
            match &mut *$conn {
                $crate::DbConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                $crate::DbConnection::Postgres(c) => diesel::insert_into($table).values(chunk).execute(c)?,
            };
        }
    };
}
pub(crate) use insert_batches;

/// Inserts many rows of one table, as fast as each backend takes them: on SQLite
/// one single-row INSERT per row, which the statement cache prepares once (a
/// multi-row INSERT is SQL to build and parse anew for every batch, which cost
/// more than storing the rows); on PostgreSQL one binary COPY, a single round
/// trip. The rows' struct must derive `Insertable` with
/// `treat_none_as_default_value = false`, as COPY has no defaults.
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {
        match &mut *$conn {
            $crate::DbConnection::Sqlite(c) => {
                for row in $rows {
                    diesel::insert_into($table).values(row).execute(c)?;
                }
            }
            $crate::DbConnection::Postgres(c) => {
                if !$rows.is_empty() {
                    diesel::copy_from($table).from_insertable($rows).execute(c)?;
                }
            }
        }
    };
}
pub(crate) use insert_many;

/// Checks that the database answers.
pub fn ping(conn: &mut DbConnection) -> Result<(), DbError> {
    Ok(conn.batch_execute("SELECT 1")?)
}

pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

/// How the pool hands out connections.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    /// Connections open at most.
    pub max_size: u32,
    /// How long a request waits for a connection before it gives up. Short, so
    /// that while the database is away requests fail fast (the API answers 503
    /// with `Retry-After`) instead of piling up.
    pub checkout_timeout: Duration,
}

impl PoolSettings {
    pub const DEFAULT_CHECKOUT_TIMEOUT: Duration = Duration::from_millis(500);

    pub fn new(max_size: u32) -> Self {
        Self {
            max_size,
            checkout_timeout: Self::DEFAULT_CHECKOUT_TIMEOUT,
        }
    }
}

/// Logs the pool's failures to connect once per outage, and the first connection
/// after one: during an outage the pool retries several times a second in the
/// background, which would otherwise log every attempt.
/// Clones share their state: the pool's error and event handlers are two.
#[derive(Debug, Clone, Default)]
struct OutageLog {
    failing: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl r2d2::HandleError<DbError> for OutageLog {
    fn handle_error(&self, error: DbError) {
        if self.failing.swap(true, std::sync::atomic::Ordering::Relaxed) {
            tracing::debug!(%error, "database connection failed again");
        } else {
            tracing::warn!(%error, "database connection failed; retrying in the background");
        }
    }
}

impl r2d2::HandleEvent for OutageLog {
    fn handle_acquire(&self, _event: r2d2::event::AcquireEvent) {
        if self.failing.swap(false, std::sync::atomic::Ordering::Relaxed) {
            tracing::info!("database connection restored");
        }
    }
}

/// How long the first connection may take when the server starts.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(10);

/// The database: a connection pool and the backend it talks to. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    pool: Pool,
    backend: Backend,
    losses: LostConnections,
}

impl Database {
    /// Connects (creating a SQLite file and its folder when missing) and checks
    /// that one connection works.
    pub fn connect(url: &DatabaseUrl, max_connections: u32) -> Result<Self, DbError> {
        Self::connect_with(url, PoolSettings::new(max_connections))
    }

    /// Like [`Database::connect`], with these pool settings.
    pub fn connect_with(url: &DatabaseUrl, settings: PoolSettings) -> Result<Self, DbError> {
        if let DatabaseUrl::Sqlite(path) = url
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbError::Connection(format!("cannot create {}: {e}", dir.display())))?;
        }
        if let DatabaseUrl::Sqlite(path) = url {
            // WAL lets readers run beside a writer. It is a property of the file,
            // set once here: the pool opens its connections side by side, and
            // switching the journal mode from several at once fails as "database
            // is locked" without waiting for the busy timeout.
            let mut first =
                SqliteConnection::establish(&path.to_string_lossy()).map_err(|e| DbError::Connection(e.to_string()))?;
            first.batch_execute(&format!(
                "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL;"
            ))?;
        }
        // The pool retries lost connections in the background every half
        // checkout timeout at most, so it serves again soon after the database
        // returns. Unchecked, because its own check would give the first
        // connections only the short checkout timeout.
        let log = OutageLog::default();
        let losses = LostConnections::default();
        let pool = r2d2::Pool::builder()
            .max_size(settings.max_size)
            .connection_timeout(settings.checkout_timeout)
            .error_handler(Box::new(log.clone()))
            .event_handler(Box::new(log))
            .build_unchecked(ConnectionManager {
                url: url.clone(),
                losses: losses.clone(),
            });
        drop(pool.get_timeout(STARTUP_TIMEOUT)?);
        Ok(Self {
            pool,
            backend: url.backend(),
            losses,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection from the pool; blocking, so call it off the async executor.
    pub fn conn(&self) -> Result<PooledConnection, DbError> {
        Ok(self.pool.get()?)
    }

    /// Runs `work` on a connection from the pool; blocking. When the work finds
    /// the connection lost, the connection is dropped instead of going back into
    /// the pool, and the pool checks the others before use for a while (see
    /// [`CHECK_AFTER_LOSS`]): one request fails on a lost connection, not one
    /// per connection the pool held.
    pub fn run<T>(&self, work: impl FnOnce(&mut DbConnection) -> Result<T, DbError>) -> Result<T, DbError> {
        let mut conn = self.conn()?;
        let outcome = work(&mut conn);
        if matches!(outcome, Err(DbError::Connection(_))) {
            self.losses.found_one();
            // `has_broken` drops a connection whose transaction manager is in error.
            type Manager = <DbConnection as Connection>::TransactionManager;
            Manager::transaction_manager_status_mut(&mut conn).set_in_error();
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u@h/db").map(|u| u.backend()).ok(),
            Some(Backend::Postgres)
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://u@h/db").map(|u| u.backend()).ok(),
            Some(Backend::Postgres)
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/z.db").ok(),
            Some(DatabaseUrl::Sqlite("data/z.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("./z.db").ok(),
            Some(DatabaseUrl::Sqlite("./z.db".into()))
        );
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("sqlite://").is_err());
    }

    #[test]
    fn every_pooled_sqlite_connection_works_in_wal_mode() {
        use diesel::RunQueryDsl;
        let path = std::env::temp_dir().join(format!("zorgpact-wal-{}.db", std::process::id()));
        let db = Database::connect(&DatabaseUrl::Sqlite(path.clone()), 4).expect("connect");
        let held: Vec<PooledConnection> = (0..4).map(|_| db.conn().expect("a connection")).collect();
        for mut conn in held {
            let DbConnection::Sqlite(sqlite) = &mut *conn else {
                panic!("a SQLite connection");
            };
            #[derive(diesel::QueryableByName)]
            struct Mode {
                #[diesel(sql_type = diesel::sql_types::Text)]
                journal_mode: String,
            }
            let mode: Mode = diesel::sql_query("PRAGMA journal_mode")
                .get_result(sqlite)
                .expect("pragma");
            assert_eq!(mode.journal_mode, "wal");
        }
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
