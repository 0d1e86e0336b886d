//! Schema migrations, embedded in the binary: one folder per backend, the same
//! migration names in both.

use diesel::migration::MigrationSource;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::{DbConnection, DbError};

const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Applies pending migrations; returns the names of those applied.
pub fn run_migrations(conn: &mut DbConnection) -> Result<Vec<String>, DbError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE),
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES),
    }
    .map_err(|e| DbError::Migration(e.to_string()))?;
    let applied: Vec<String> = applied.iter().map(ToString::to_string).collect();
    if applied.iter().any(|version| version == AUDIT_CHAIN) {
        crate::audit::chain::chain_existing_entries(conn)?;
    }
    Ok(applied)
}

/// The migration that adds the audit trail's hash chain: the entries written
/// before it are chained right after it runs.
const AUDIT_CHAIN: &str = "20261208000010";

/// Reverts every migration (down to an empty schema); used by tests and operators.
pub fn revert_all_migrations(conn: &mut DbConnection) -> Result<Vec<String>, DbError> {
    let reverted = match conn {
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE),
        DbConnection::Postgres(c) => c.revert_all_migrations(POSTGRES),
    }
    .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(reverted.iter().map(ToString::to_string).collect())
}

/// Reverts the latest migration; returns its name. For tests of a migration.
pub fn revert_last_migration(conn: &mut DbConnection) -> Result<String, DbError> {
    match conn {
        DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE),
        DbConnection::Postgres(c) => c.revert_last_migration(POSTGRES),
    }
    .map(|version| version.to_string())
    .map_err(|e| DbError::Migration(e.to_string()))
}

/// How a database's migrations compare with this version's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationState {
    /// This version's migrations not applied to the database.
    pub pending: Vec<String>,
    /// Migrations applied to the database that this version does not know.
    pub unknown: Vec<String>,
}

pub fn migration_state(conn: &mut DbConnection) -> Result<MigrationState, DbError> {
    fn compare<DB: diesel::backend::Backend>(
        harness: &mut impl MigrationHarness<DB>,
        source: &EmbeddedMigrations,
    ) -> diesel::migration::Result<MigrationState>
    where
        EmbeddedMigrations: MigrationSource<DB>,
    {
        let applied: Vec<String> = harness.applied_migrations()?.iter().map(ToString::to_string).collect();
        let known: Vec<String> = MigrationSource::<DB>::migrations(source)?
            .iter()
            .map(|m| m.name().version().to_string())
            .collect();
        Ok(MigrationState {
            pending: known.iter().filter(|v| !applied.contains(v)).cloned().collect(),
            unknown: applied.iter().filter(|v| !known.contains(v)).cloned().collect(),
        })
    }
    match conn {
        DbConnection::Sqlite(c) => compare(c, &SQLITE),
        DbConnection::Postgres(c) => compare(c, &POSTGRES),
    }
    .map_err(|e| DbError::Migration(e.to_string()))
}
