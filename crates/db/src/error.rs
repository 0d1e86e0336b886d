//! Storage errors, sorted into what callers can act on.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    /// A unique key already exists (e.g. a region code).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A referenced row does not exist (e.g. an unknown region code).
    #[error("reference to a missing row: {0}")]
    MissingReference(String),
    /// Input that breaks a rule only the database can check (e.g. a period that
    /// does not match the indicator's period type).
    #[error("{0}")]
    Invalid(zorgpact_domain::ValidationErrors),
    /// The resource changed since the version the caller based its change on.
    #[error("the resource was changed by someone else")]
    PreconditionFailed,
    #[error("this Idempotency-Key was used before with a different request")]
    IdempotencyKeyReused,
    #[error("a request with this Idempotency-Key is being processed")]
    IdempotencyKeyInFlight,
    #[error("database URL: {0}")]
    BadUrl(String),
    #[error("cannot connect to the database: {0}")]
    Connection(String),
    #[error("connection pool: {0}")]
    Pool(#[from] r2d2::Error),
    /// SQLite: another writer held the database for longer than the busy timeout.
    #[error("the database is busy: {0}")]
    Busy(String),
    #[error("migrations: {0}")]
    Migration(String),
    #[error("demo data: {0}")]
    Seed(String),
    /// A bug, e.g. a response that cannot be serialised.
    #[error("internal: {0}")]
    Internal(String),
    #[error("query failed: {0}")]
    Query(DieselError),
}

impl From<DieselError> for DbError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => DbError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                DbError::Conflict(format!("already exists ({})", info.message()))
            }
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info) => {
                DbError::MissingReference(info.message().to_owned())
            }
            // The server went away under a checked-out connection: the same as not
            // reaching it, and as temporary.
            DieselError::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => DbError::Connection(info.message().to_owned()),
            // What is left of a transaction whose rollback failed, as on a lost connection.
            DieselError::BrokenTransactionManager => {
                DbError::Connection("the connection broke during a transaction".into())
            }
            DieselError::RollbackErrorOnCommit { commit_error, .. } => DbError::from(*commit_error),
            // SQLITE_BUSY past the busy timeout: overload, which passes.
            DieselError::DatabaseError(DatabaseErrorKind::Unknown, info) if info.message() == "database is locked" => {
                DbError::Busy(info.message().to_owned())
            }
            other => DbError::Query(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use diesel::Connection;
    use diesel::connection::SimpleConnection;
    use diesel::sqlite::SqliteConnection;

    use super::*;

    #[test]
    fn a_writer_that_waits_too_long_is_told_the_database_is_busy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("busy.db");
        let open = || SqliteConnection::establish(&path.to_string_lossy()).expect("open");
        let (mut holder, mut waiter) = (open(), open());
        holder.batch_execute("BEGIN IMMEDIATE").expect("the write lock");
        let refused = waiter.batch_execute("PRAGMA busy_timeout = 0; BEGIN IMMEDIATE");
        let error = DbError::from(refused.expect_err("the lock is held"));
        assert!(matches!(error, DbError::Busy(_)), "{error:?}");
    }
}
