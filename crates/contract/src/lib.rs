//! The API contract: the JSON bodies of `/api/v1`, one definition shared by the
//! server (which generates `openapi.yaml` from them) and the web app, so a contract
//! change that breaks the app breaks its build.
//!
//! Coded fields are the enums of [`codes`], so an unknown code never gets past
//! deserialisation; free text, identifiers and periods are strings whose limits the
//! schemas state and the server checks.

pub mod action;
pub mod admin;
pub mod agenda;
pub mod analytics;
pub mod auth;
pub mod barrier;
pub mod barrier_figures;
pub mod codes;
pub mod factsheet;
pub mod health;
pub mod imports;
pub mod indicator;
pub mod leading_project;
pub mod period_lock;
pub mod problem;
pub mod region;
pub mod regulation;
pub mod review;
pub mod revision;
pub mod search;
pub mod webhook;

pub use health::{HealthResponse, LivenessResponse};
pub use problem::{FieldProblem, Problem};
pub use region::{
    CreatePartnerRequest, CreateRegionRequest, PartnerListResponse, PartnerResponse, RegionFieldsRequest,
    RegionListResponse, RegionResponse,
};
