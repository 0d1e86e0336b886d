//! The public knowledge of the programme: published factsheets (readable before
//! login too) and the search behind the suggestions while filing.

use zorgpact_contract::factsheet::{FactsheetListResponse, FactsheetResponse};
use zorgpact_contract::search::{SearchHit, SearchResponse};

use super::auth::{AuthorizedApi, UnauthorizedApi};
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
}
