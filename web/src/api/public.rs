//! What anyone may read, signed in or not: the regions and their partners and
//! agenda summaries, the indicator catalogue and the figures computed from the
//! values, and the barrier figures. Sent without a token, so a visitor's page and
//! a signed-in user's read the same thing.

use zorgpact_contract::agenda::{AgendaSummaryListResponse, AgendaSummaryResponse};
use zorgpact_contract::analytics::{NationalResponse, SeriesResponse};
use zorgpact_contract::barrier_figures::BarrierFiguresResponse;
use zorgpact_contract::indicator::{IndicatorListResponse, IndicatorResponse};
use zorgpact_contract::leading_project::{
    CoalitionListResponse, CoalitionResponse, LeadingProjectFiguresResponse, LeadingProjectListResponse,
    LeadingProjectResponse,
};
use zorgpact_contract::{PartnerListResponse, PartnerResponse, RegionListResponse, RegionResponse};

use super::auth::UnauthorizedApi;
use super::calls::{public_pages, push_range};
use super::error::ApiError;
use super::transport::{Call, body, encode};

async fn public<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    body(Call::get(path).send_anonymous().await?).await
}

impl UnauthorizedApi {
    pub async fn regions(self) -> Result<Vec<RegionResponse>, ApiError> {
        public_pages::<RegionListResponse>("/regions").await
    }

    pub async fn region(self, code: String) -> Result<RegionResponse, ApiError> {
        public(&format!("/regions/{}", encode(&code))).await
    }

    pub async fn partners(self, region: String) -> Result<Vec<PartnerResponse>, ApiError> {
        let list: PartnerListResponse = public(&format!("/regions/{}/partners", encode(&region))).await?;
        Ok(list.items)
    }

    /// `GET /agenda-summaries`: every region's actions per status and action line,
    /// their mean progress and the open barrier tickets.
    pub async fn agenda_summaries(self) -> Result<Vec<AgendaSummaryResponse>, ApiError> {
        let list: AgendaSummaryListResponse = public("/agenda-summaries").await?;
        Ok(list.items)
    }

    /// One region's agenda in counts (`?region=`), `None` if it has no summary.
    pub async fn agenda_summary(self, region: String) -> Result<Option<AgendaSummaryResponse>, ApiError> {
        let list: AgendaSummaryListResponse = public(&format!("/agenda-summaries?region={}", encode(&region))).await?;
        Ok(list.items.into_iter().next())
    }

    pub async fn indicators(self) -> Result<Vec<IndicatorResponse>, ApiError> {
        public_pages::<IndicatorListResponse>("/indicators").await
    }

    /// `GET /indicators/{code}/series`: per region the value, target, gap, status and
    /// source per period, computed by the API (also for derived indicators). `regions`
    /// empty means all; `from`/`to` empty leave the window open at that end.
    pub async fn indicator_series(
        self,
        code: String,
        regions: Vec<String>,
        range: (String, String),
    ) -> Result<SeriesResponse, ApiError> {
        let regions = if regions.is_empty() {
            "all".to_owned()
        } else {
            regions.iter().map(|r| encode(r)).collect::<Vec<_>>().join(",")
        };
        let mut url = format!("/indicators/{}/series?regions={regions}", encode(&code));
        push_range(&mut url, &range);
        public(&url).await
    }

    /// `GET /indicators/{code}/national`: the national figure per period with its
    /// coverage (regions reported and missing), rolled up by the API.
    pub async fn indicator_national(self, code: String, range: (String, String)) -> Result<NationalResponse, ApiError> {
        let mut url = format!("/indicators/{}/national?", encode(&code));
        push_range(&mut url, &range);
        public(&url).await
    }

    /// The periods with a national figure of an indicator, over the whole time, in
    /// time order: the periods worth choosing.
    pub async fn national_periods(self, code: String) -> Result<Vec<String>, ApiError> {
        let national = self.indicator_national(code, (String::new(), String::new())).await?;
        Ok(national.points.into_iter().map(|p| p.period).collect())
    }

    /// `GET /barrier-figures`: the programme's barrier figures.
    pub async fn barrier_figures(self) -> Result<BarrierFiguresResponse, ApiError> {
        public("/barrier-figures").await
    }

    /// `GET /leading-projects` with a query string such as `?q=…&theme=…`: the
    /// published projects of the Kopgroep catalogue that match (one page of 200).
    pub async fn leading_projects(self, query: String) -> Result<LeadingProjectListResponse, ApiError> {
        let separator = if query.is_empty() { "?" } else { "&" };
        public(&format!("/leading-projects{query}{separator}limit=200")).await
    }

    /// `GET /leading-projects/{id}`, with its similar projects.
    pub async fn leading_project(self, id: String) -> Result<LeadingProjectResponse, ApiError> {
        public(&format!("/leading-projects/{}", encode(&id))).await
    }

    /// `GET /leading-projects/figures`: counts per care domain and province, and
    /// the programme's own published figures.
    pub async fn leading_project_figures(self) -> Result<LeadingProjectFiguresResponse, ApiError> {
        public("/leading-projects/figures").await
    }

    /// `GET /coalitions`, with their published member projects.
    pub async fn coalitions(self) -> Result<Vec<CoalitionResponse>, ApiError> {
        let list: CoalitionListResponse = public("/coalitions").await?;
        Ok(list.items)
    }
}
