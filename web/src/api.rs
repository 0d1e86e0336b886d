//! The typed API client: one function per endpoint, answering with the contract's types.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use zorgpact_contract::{Problem, RegionListResponse};

/// Same origin as the app: the API serves the built app itself.
const API_BASE: &str = "/api/v1";

/// Why a call failed. `Clone` because resources hand their value to every reader.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No response: the server is down or the network is gone.
    Network(String),
    /// The server answered with an error status, with its problem details when it sent them.
    Status { status: u16, problem: Option<Problem> },
    /// A success status whose body is not what the contract says.
    Decode(String),
}

/// `GET /api/v1/regions`: all regions, ordered by name.
pub async fn list_regions() -> Result<RegionListResponse, ApiError> {
    get_json(&format!("{API_BASE}/regions")).await
}

async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let response = Request::get(url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    if !response.ok() {
        // Error bodies are RFC 9457 problem details; a proxy's HTML error page is not.
        let problem = response.json::<Problem>().await.ok();
        return Err(ApiError::Status {
            status: response.status(),
            problem,
        });
    }
    response
        .json::<T>()
        .await
        .map_err(|error| ApiError::Decode(error.to_string()))
}
