//! The knowledge of the programme: factsheets (the published ones readable before
//! login too; officials and the programme team write, revise and publish drafts),
//! the register of rules, and the search behind the suggestions while filing.

use gloo_net::http::Method;
use zorgpact_contract::codes::FactsheetStatus;
use zorgpact_contract::factsheet::{
    FactsheetFieldsRequest, FactsheetListResponse, FactsheetResponse, FactsheetVersionResponse,
};
use zorgpact_contract::regulation::{RegulationListResponse, RegulationResponse};
use zorgpact_contract::search::{SearchHit, SearchResponse};

use super::auth::{AuthorizedApi, UnauthorizedApi};
use super::calls::{Versioned, versioned};
use super::error::ApiError;
use super::transport::{Call, body, encode};

/// Suggestions shown while filing.
const SUGGESTIONS: u32 = 5;

impl UnauthorizedApi {
    /// `GET /factsheets`: the published factsheets.
    pub async fn factsheets(self) -> Result<Vec<FactsheetResponse>, ApiError> {
        let list: FactsheetListResponse = body(Call::get("/factsheets").send_anonymous().await?).await?;
        Ok(list.items)
    }

    /// `GET /factsheets/{id}`: the latest published version.
    pub async fn factsheet(self, id: String) -> Result<FactsheetResponse, ApiError> {
        body(
            Call::get(&format!("/factsheets/{}", encode(&id)))
                .send_anonymous()
                .await?,
        )
        .await
    }
}

impl AuthorizedApi {
    /// `GET /search?answered=true&words=any`: earlier answers (answered tickets and
    /// published factsheets) sharing words with `text`, best first.
    pub async fn earlier_answers(self, text: String) -> Result<Vec<SearchHit>, ApiError> {
        let path = format!(
            "/search?answered=true&words=any&limit={SUGGESTIONS}&q={}",
            encode(&text)
        );
        let found: SearchResponse = body(Call::get(&path).send().await?).await?;
        Ok(found.items)
    }

    /// `GET /factsheets?status=…` as an official or the programme team: each
    /// factsheet as its draft, with its publication status.
    pub async fn factsheet_drafts(self, status: FactsheetStatus) -> Result<Vec<FactsheetResponse>, ApiError> {
        let path = format!("/factsheets?status={}", status.as_str());
        let list: FactsheetListResponse = body(Call::get(&path).send().await?).await?;
        Ok(list.items)
    }

    /// `GET /factsheets/{id}` as an official or the programme team: the draft, with
    /// the `ETag` for `If-Match` on its revision.
    pub async fn factsheet_draft(self, id: String) -> Result<Versioned<FactsheetResponse>, ApiError> {
        versioned(Call::get(&format!("/factsheets/{}", encode(&id))).send().await?).await
    }

    /// `POST /factsheets`: a new draft.
    pub async fn create_factsheet(self, request: FactsheetFieldsRequest) -> Result<FactsheetResponse, ApiError> {
        let call = Call::new(Method::POST, "/factsheets").json(&request)?;
        body(call.send().await?).await
    }

    /// `PUT /factsheets/{id}` with `If-Match`: a 412 means someone else saved first.
    pub async fn update_factsheet(
        self,
        id: String,
        etag: String,
        request: FactsheetFieldsRequest,
    ) -> Result<Versioned<FactsheetResponse>, ApiError> {
        let call = Call::new(Method::PUT, &format!("/factsheets/{}", encode(&id)))
            .header("If-Match", etag)
            .json(&request)?;
        versioned(call.send().await?).await
    }

    /// `POST /factsheets/{id}/publish`: the draft becomes the next version; a 409
    /// means nothing changed since the last publication.
    pub async fn publish_factsheet(self, id: String) -> Result<FactsheetVersionResponse, ApiError> {
        let call = Call::new(Method::POST, &format!("/factsheets/{}/publish", encode(&id)));
        body(call.send().await?).await
    }

    /// `GET /barrier-tickets/{id}/regulations`: the rules a ticket concerns.
    pub async fn ticket_regulations(self, id: String) -> Result<Vec<RegulationResponse>, ApiError> {
        let path = format!("/barrier-tickets/{}/regulations", encode(&id));
        let list: RegulationListResponse = body(Call::get(&path).send().await?).await?;
        Ok(list.items)
    }

    /// `GET /regulations`: the register of rules, by name.
    pub async fn regulations(self) -> Result<Vec<RegulationResponse>, ApiError> {
        let list: RegulationListResponse = body(Call::get("/regulations").send().await?).await?;
        Ok(list.items)
    }
}
