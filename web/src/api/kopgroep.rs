//! The Kopgroep calls of a signed-in user: proposing a leading project, moving
//! it in the catalogue, and reading the unpublished ones the user may see. What
//! everyone reads is in `public.rs`.

use gloo_net::http::Method;
use zorgpact_contract::codes::ProjectStatus;
use zorgpact_contract::leading_project::{
    LeadingProjectFieldsRequest, LeadingProjectListResponse, LeadingProjectResponse, ProjectStatusRequest,
};

use super::auth::AuthorizedApi;
use super::calls::{Versioned, versioned};
use super::error::ApiError;
use super::transport::{Call, body, encode};

impl AuthorizedApi {
    /// `POST /leading-projects`: a new draft of the user's region.
    pub async fn create_leading_project(
        self,
        request: LeadingProjectFieldsRequest,
    ) -> Result<Versioned<LeadingProjectResponse>, ApiError> {
        versioned(
            Call::new(Method::POST, "/leading-projects")
                .json(&request)?
                .send()
                .await?,
        )
        .await
    }

    /// `PUT /leading-projects/{id}/status` with `If-Match`: propose, take back, publish.
    pub async fn move_leading_project(
        self,
        id: String,
        etag: String,
        status: ProjectStatus,
    ) -> Result<Versioned<LeadingProjectResponse>, ApiError> {
        let call = Call::new(Method::PUT, &format!("/leading-projects/{}/status", encode(&id)))
            .header("If-Match", etag)
            .json(&ProjectStatusRequest { status })?;
        versioned(call.send().await?).await
    }

    /// `GET /leading-projects?status=…`: the unpublished projects the user may read.
    pub async fn leading_projects_with_status(
        self,
        status: ProjectStatus,
    ) -> Result<Vec<LeadingProjectResponse>, ApiError> {
        let path = format!("/leading-projects?status={}&limit=200", status.as_str());
        let list: LeadingProjectListResponse = body(Call::get(&path).send().await?).await?;
        Ok(list.items)
    }
}
