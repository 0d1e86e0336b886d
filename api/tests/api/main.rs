//! The API suite as ONE test binary: each test starts its own server on a free
//! port with a fresh database (see `helpers::spawn_app`) and talks to it over
//! HTTP. One module per resource; `<resource>/access.rs` holds who may do what.
//!
//! Run a part with a filter: `cargo test -p zorgpact-api --test api actions::`.

mod helpers;

mod actions;
mod admin;
mod analytics;
mod auth;
mod auth_first;
mod backup;
mod barriers;
mod demo_data;
mod exports;
mod factsheets;
mod fuzz;
mod health_and_regions;
mod imports;
mod indicators;
mod leading_projects;
mod period_locks;
mod regions;
mod regulations;
mod resilience;
mod reviews;
mod search;
mod security;
mod server_binary;
mod server_faults;
mod sessions;
mod timestamps;
mod web_app;
mod webhooks;
