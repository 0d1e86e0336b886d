//! The API contract: the JSON bodies of `/api/v1`, one definition shared by the
//! server (which generates `openapi.yaml` from them) and the web app, so a contract
//! change that breaks the app breaks its build.
//!
//! Fields are plain strings and numbers; turning them into domain types (and
//! rejecting bad input) is the server's job.

pub mod action;
pub mod admin;
pub mod analytics;
pub mod auth;
pub mod barrier;
pub mod health;
pub mod imports;
pub mod indicator;
pub mod problem;
pub mod region;

pub use health::HealthResponse;
pub use problem::{FieldProblem, Problem};
pub use region::{
    CreatePartnerRequest, CreateRegionRequest, PartnerListResponse, PartnerResponse, RegionFieldsRequest,
    RegionListResponse, RegionResponse,
};
