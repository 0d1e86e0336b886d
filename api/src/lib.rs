//! The Zorgpact server: startup, configuration, the `/api/v1` routes, the OpenAPI
//! document they generate, and the web app's files.

pub mod auth;
pub mod config;
#[cfg(feature = "contract-check")]
pub mod contract_check;
pub mod error;
mod extractors;
pub mod http;
pub mod openapi;
pub mod operator;
mod problem_bodies;
pub mod problem_responses;
mod routes;
pub mod startup;
mod state;
mod web_app;
pub mod webhooks;

pub use state::AppState;
