//! Zorgpact's storage. The only crate that knows SQL and which backend is in use:
//! one diesel schema and one set of queries run on SQLite (the embedded default) and
//! PostgreSQL, through [`DbConnection`], a diesel `MultiConnection`.

pub mod actions;
pub mod agenda;
pub mod analytics;
pub mod audit;
pub mod backup;
pub mod barrier_comments;
pub mod barrier_contacts;
pub mod barrier_duplicates;
pub mod barrier_figures;
pub mod barriers;
mod connection;
mod error;
pub mod exports;
pub mod factsheets;
pub mod fulltext;
pub mod idempotency;
pub mod import_audit;
pub mod indicator_values;
pub mod indicators;
pub mod leading_projects;
mod migrate;
pub mod partner_clients;
pub mod period_locks;
pub mod regions;
pub mod regulations;
pub mod reviews;
pub mod revisions;
pub mod schema;
mod search;
pub mod seed;
pub mod service_targets;
pub mod sessions;
#[cfg(feature = "test-support")]
pub mod testing;
mod transfer;
pub mod users;
pub mod webhooks;

pub use connection::{Backend, Database, DatabaseUrl, DbConnection, PoolSettings, in_transaction, ping, read_snapshot};
pub use error::DbError;
pub use migrate::{MigrationState, migration_state, revert_all_migrations, revert_last_migration, run_migrations};
