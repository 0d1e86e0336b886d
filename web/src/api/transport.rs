//! One request to the API: headers, the bearer token (refreshed when it expired) and
//! the problem+json body of a failure.

use gloo_net::http::{Method, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use zorgpact_contract::Problem;

use super::error::ApiError;
use super::tokens;

/// Same origin as the app: the API serves the built app itself.
pub const API_BASE: &str = "/api/v1";

/// A request that can be sent twice (once more after refreshing the token).
pub struct Call {
    method: Method,
    url: String,
    body: Option<String>,
    headers: Vec<(&'static str, String)>,
}

impl Call {
    pub fn new(method: Method, path: &str) -> Self {
        Self {
            method,
            url: format!("{API_BASE}{path}"),
            body: None,
            headers: Vec::new(),
        }
    }

    pub fn get(path: &str) -> Self {
        Self::new(Method::GET, path)
    }

    pub fn json<B: Serialize>(mut self, body: &B) -> Result<Self, ApiError> {
        let text = serde_json::to_string(body).map_err(|error| ApiError::Decode(error.to_string()))?;
        self.body = Some(text);
        self.headers.push(("Content-Type", "application/json".to_owned()));
        Ok(self)
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    fn builder(&self, token: Option<&str>) -> Result<gloo_net::http::Request, ApiError> {
        let mut builder = RequestBuilder::new(&self.url)
            .method(self.method.clone())
            .header("Accept", "application/json");
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if let Some(token) = token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match &self.body {
            Some(body) => builder.body(body.as_str()),
            None => builder.build(),
        };
        request.map_err(|error| ApiError::Network(error.to_string()))
    }

    async fn send_once(&self, token: Option<&str>) -> Result<Response, ApiError> {
        self.builder(token)?
            .send()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))
    }

    /// Sends without a token (logging in, public reads before login).
    pub async fn send_anonymous(&self) -> Result<Response, ApiError> {
        checked(self.send_once(None).await?).await
    }

    /// Sends as the signed-in user. A 401 means the access token expired early (or was
    /// revoked): refresh once and retry; when that fails too, the session is over.
    pub async fn send(&self) -> Result<Response, ApiError> {
        let token = tokens::access_token().await?;
        let response = self.send_once(Some(&token)).await?;
        if response.status() != 401 {
            return checked(response).await;
        }
        let token = tokens::refresh_after_rejection(&token).await?;
        let response = self.send_once(Some(&token)).await?;
        if response.status() == 401 {
            tokens::end_session();
            return Err(ApiError::SessionExpired);
        }
        checked(response).await
    }
}

/// Turns an error status into [`ApiError::Status`] with its problem details.
async fn checked(response: Response) -> Result<Response, ApiError> {
    if response.ok() {
        return Ok(response);
    }
    // Error bodies are RFC 9457 problem details; a proxy's HTML error page is not.
    let problem = response.json::<Problem>().await.ok().map(Box::new);
    Err(ApiError::Status {
        status: response.status(),
        problem,
    })
}

/// Reads a success body as the contract's type.
pub async fn body<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response
        .json::<T>()
        .await
        .map_err(|error| ApiError::Decode(error.to_string()))
}

/// Percent-encodes one query or path component.
pub fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}
