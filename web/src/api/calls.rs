//! The endpoints the app uses, one method each, on the contract's types.

use gloo_net::http::{Method, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use zorgpact_contract::action::{
    ActionFieldsRequest, ActionListResponse, ActionResponse, CreateActionRequest, CreateProgressUpdateRequest,
    ProgressUpdateListResponse, ProgressUpdateResponse,
};
use zorgpact_contract::admin::{UserListResponse, UserResponse};
use zorgpact_contract::barrier::{
    AvailableTransitionsResponse, BarrierListResponse, BarrierResponse, CommentRequest, CommentResponse,
    CommentsResponse, ContactRequest, ContactResponse, ContactsResponse, CreateBarrierRequest, DuplicateOfRequest,
    TimelineResponse, TransitionRequest, TransitionResponse,
};
use zorgpact_contract::codes::{ActionLine, ActionStatus, BarrierStatus, Ministry, Theme};
use zorgpact_contract::indicator::{
    IndicatorListResponse, IndicatorResponse, IndicatorTargetListResponse, IndicatorTargetRequest,
    IndicatorTargetResponse, IndicatorValueListResponse, IndicatorValueRequest, IndicatorValueResponse,
};
use zorgpact_contract::{RegionListResponse, RegionResponse};

use super::auth::AuthorizedApi;
use super::error::ApiError;
use super::transport::{Call, body, encode};

/// The largest page the API serves; lists are read whole, page after page.
const PAGE_SIZE: u32 = 200;

/// A resource with the `ETag` of the version read, for `If-Match` on its update.
#[derive(Debug, Clone, PartialEq)]
pub struct Versioned<T> {
    pub value: T,
    pub etag: String,
}

/// The filters of the action list (`GET /actions`); empty strings are no filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionFilter {
    pub region: String,
    pub action_line: Option<ActionLine>,
    pub theme: Option<Theme>,
    pub status: Option<ActionStatus>,
    pub owner: String,
    pub q: String,
    /// The archive instead of the agenda.
    pub archived: bool,
}

/// The filters of the barrier list (`GET /barrier-tickets`); empty or `None` is no filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BarrierFilter {
    pub region: String,
    pub ministry: Option<Ministry>,
    pub status: Option<BarrierStatus>,
}

/// A page of a list response.
pub(super) trait Page: DeserializeOwned {
    type Item;
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>);
}

macro_rules! page {
    ($list:ty, $item:ty) => {
        impl Page for $list {
            type Item = $item;
            fn into_parts(self) -> (Vec<$item>, Option<String>) {
                (self.items, self.next_cursor)
            }
        }
    };
}
page!(RegionListResponse, RegionResponse);
page!(ActionListResponse, ActionResponse);
page!(ProgressUpdateListResponse, ProgressUpdateResponse);
page!(IndicatorListResponse, IndicatorResponse);
page!(IndicatorValueListResponse, IndicatorValueResponse);
page!(IndicatorTargetListResponse, IndicatorTargetResponse);
page!(BarrierListResponse, BarrierResponse);
page!(UserListResponse, UserResponse);

/// Reads every page of a list as the signed-in user; `query` holds the filters,
/// already encoded.
async fn all_pages<P: Page>(path: &str, query: &[(&str, &str)]) -> Result<Vec<P::Item>, ApiError> {
    pages_as::<P>(path, query, true).await
}

/// Reads every page of a public list, without a token.
pub(super) async fn public_pages<P: Page>(path: &str) -> Result<Vec<P::Item>, ApiError> {
    pages_as::<P>(path, &[], false).await
}

async fn pages_as<P: Page>(path: &str, query: &[(&str, &str)], signed_in: bool) -> Result<Vec<P::Item>, ApiError> {
    let mut params: Vec<String> = query
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect();
    params.push(format!("limit={PAGE_SIZE}"));
    let base = format!("{path}?{}", params.join("&"));
    let mut items = Vec::new();
    let mut url = base.clone();
    loop {
        let call = Call::get(&url);
        let response = if signed_in {
            call.send().await?
        } else {
            call.send_anonymous().await?
        };
        let page: P = body(response).await?;
        let (mut found, next) = page.into_parts();
        items.append(&mut found);
        match next {
            Some(cursor) => url = format!("{base}&cursor={}", encode(&cursor)),
            None => return Ok(items),
        }
    }
}

/// Appends `from` and `to` (when set) to a URL that already has its `?`.
pub(super) fn push_range(url: &mut String, (from, to): &(String, String)) {
    for (name, value) in [("from", from), ("to", to)] {
        if !value.is_empty() {
            if !url.ends_with('?') {
                url.push('&');
            }
            url.push_str(&format!("{name}={}", encode(value)));
        }
    }
}

/// A point of an indicator series: indicator, region and period.
pub type PointKey = (String, String, String);

/// `PUT {collection}/{indicator}/{region}/{period}`: creates the point, or replaces
/// the version `replaces` the user saw (a 412 when it changed since).
async fn put_point<B: Serialize, R: DeserializeOwned>(
    collection: &str,
    (indicator, region, period): PointKey,
    request: &B,
    replaces: Option<i64>,
    idempotency_key: String,
) -> Result<R, ApiError> {
    let path = format!(
        "{collection}/{}/{}/{}",
        encode(&indicator),
        encode(&region),
        encode(&period)
    );
    let mut call = Call::new(Method::PUT, &path).header("Idempotency-Key", idempotency_key);
    if let Some(version) = replaces {
        // The API's ETag is the version (`"v3"`), as its documentation says.
        call = call.header("If-Match", format!("\"v{version}\""));
    }
    body(call.json(request)?.send().await?).await
}

fn etag_of(response: &Response) -> Result<String, ApiError> {
    response
        .headers()
        .get("ETag")
        .ok_or_else(|| ApiError::Decode("the response has no ETag".to_owned()))
}

pub(super) async fn versioned<T: DeserializeOwned>(response: Response) -> Result<Versioned<T>, ApiError> {
    let etag = etag_of(&response)?;
    Ok(Versioned {
        value: body(response).await?,
        etag,
    })
}

/// A fresh `Idempotency-Key`: a form keeps one per submission, so a retried create
/// after a lost answer is not stored twice.
pub fn new_idempotency_key() -> String {
    let mut key = String::with_capacity(32);
    for _ in 0..4 {
        let part = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        key.push_str(&format!("{part:08x}"));
    }
    key
}

impl AuthorizedApi {
    pub async fn actions(self, filter: ActionFilter) -> Result<Vec<ActionResponse>, ApiError> {
        let query = [
            ("region", filter.region.as_str()),
            ("action_line", filter.action_line.map_or("", ActionLine::as_str)),
            ("theme", filter.theme.map_or("", Theme::as_str)),
            ("status", filter.status.map_or("", ActionStatus::as_str)),
            ("owner", filter.owner.as_str()),
            ("q", filter.q.as_str()),
            ("archived", if filter.archived { "true" } else { "" }),
        ];
        all_pages::<ActionListResponse>("/actions", &query).await
    }

    pub async fn action(self, id: String) -> Result<Versioned<ActionResponse>, ApiError> {
        versioned(Call::get(&format!("/actions/{}", encode(&id))).send().await?).await
    }

    pub async fn create_action(
        self,
        request: CreateActionRequest,
        idempotency_key: String,
    ) -> Result<ActionResponse, ApiError> {
        let call = Call::new(Method::POST, "/actions")
            .header("Idempotency-Key", idempotency_key)
            .json(&request)?;
        body(call.send().await?).await
    }

    /// `PUT /actions/{id}` with `If-Match`: a 412 means someone else saved first.
    pub async fn update_action(
        self,
        id: String,
        etag: String,
        request: ActionFieldsRequest,
    ) -> Result<Versioned<ActionResponse>, ApiError> {
        let call = Call::new(Method::PUT, &format!("/actions/{}", encode(&id)))
            .header("If-Match", etag)
            .json(&request)?;
        versioned(call.send().await?).await
    }

    /// `DELETE /actions/{id}` with `If-Match`: the action leaves the agenda.
    pub async fn archive_action(self, id: String, etag: String) -> Result<(), ApiError> {
        let call = Call::new(Method::DELETE, &format!("/actions/{}", encode(&id))).header("If-Match", etag);
        call.send().await?;
        Ok(())
    }

    /// `POST /actions/{id}/restore` with `If-Match`: the action returns to the agenda.
    pub async fn restore_action(self, id: String, etag: String) -> Result<Versioned<ActionResponse>, ApiError> {
        let call = Call::new(Method::POST, &format!("/actions/{}/restore", encode(&id))).header("If-Match", etag);
        versioned(call.send().await?).await
    }

    pub async fn progress_updates(self, action: String) -> Result<Vec<ProgressUpdateResponse>, ApiError> {
        all_pages::<ProgressUpdateListResponse>(&format!("/actions/{}/updates", encode(&action)), &[]).await
    }

    pub async fn add_progress_update(
        self,
        action: String,
        request: CreateProgressUpdateRequest,
        idempotency_key: String,
    ) -> Result<ProgressUpdateResponse, ApiError> {
        let call = Call::new(Method::POST, &format!("/actions/{}/updates", encode(&action)))
            .header("Idempotency-Key", idempotency_key)
            .json(&request)?;
        body(call.send().await?).await
    }

    /// Values, optionally of one indicator and/or one region (empty: all).
    pub async fn indicator_values(
        self,
        indicator: String,
        region: String,
    ) -> Result<Vec<IndicatorValueResponse>, ApiError> {
        let query = [("indicator", indicator.as_str()), ("region", region.as_str())];
        all_pages::<IndicatorValueListResponse>("/indicator-values", &query).await
    }

    /// Stores one value. `replaces` is the version the user saw, if the value existed:
    /// the API then refuses (412) when it changed since.
    pub async fn put_indicator_value(
        self,
        key: PointKey,
        request: IndicatorValueRequest,
        replaces: Option<i64>,
        idempotency_key: String,
    ) -> Result<IndicatorValueResponse, ApiError> {
        put_point("/indicator-values", key, &request, replaces, idempotency_key).await
    }

    /// A region's targets, of every indicator and period.
    pub async fn indicator_targets(self, region: String) -> Result<Vec<IndicatorTargetResponse>, ApiError> {
        all_pages::<IndicatorTargetListResponse>("/indicator-targets", &[("region", region.as_str())]).await
    }

    /// Stores one target, as [`AuthorizedApi::put_indicator_value`] a value.
    pub async fn put_indicator_target(
        self,
        key: PointKey,
        request: IndicatorTargetRequest,
        replaces: Option<i64>,
        idempotency_key: String,
    ) -> Result<IndicatorTargetResponse, ApiError> {
        put_point("/indicator-targets", key, &request, replaces, idempotency_key).await
    }

    pub async fn barriers(self, region: String) -> Result<Vec<BarrierResponse>, ApiError> {
        self.filtered_barriers(BarrierFilter {
            region,
            ..BarrierFilter::default()
        })
        .await
    }

    /// The tickets that pass `filter` (the API filters; overdue is the app's own).
    pub async fn filtered_barriers(self, filter: BarrierFilter) -> Result<Vec<BarrierResponse>, ApiError> {
        let query = [
            ("region", filter.region.as_str()),
            ("ministry", filter.ministry.map_or("", Ministry::as_str)),
            ("status", filter.status.map_or("", BarrierStatus::as_str)),
        ];
        all_pages::<BarrierListResponse>("/barrier-tickets", &query).await
    }

    pub async fn barrier(self, id: String) -> Result<BarrierResponse, ApiError> {
        body(Call::get(&format!("/barrier-tickets/{}", encode(&id))).send().await?).await
    }

    pub async fn file_barrier(
        self,
        request: CreateBarrierRequest,
        idempotency_key: String,
    ) -> Result<BarrierResponse, ApiError> {
        let call = Call::new(Method::POST, "/barrier-tickets")
            .header("Idempotency-Key", idempotency_key)
            .json(&request)?;
        body(call.send().await?).await
    }

    /// The workflow steps the signed-in user may take on a ticket now.
    pub async fn barrier_transitions(self, id: String) -> Result<AvailableTransitionsResponse, ApiError> {
        let path = format!("/barrier-tickets/{}/transitions", encode(&id));
        body(Call::get(&path).send().await?).await
    }

    /// Takes a step, based on the version shown (`If-Match`): a 412 means the
    /// ticket moved on meanwhile.
    pub async fn take_barrier_step(
        self,
        id: String,
        version: i64,
        request: TransitionRequest,
    ) -> Result<TransitionResponse, ApiError> {
        let call = Call::new(Method::POST, &format!("/barrier-tickets/{}/transitions", encode(&id)))
            .header("If-Match", format!("\"v{version}\""))
            .json(&request)?;
        body(call.send().await?).await
    }

    pub async fn barrier_timeline(self, id: String) -> Result<TimelineResponse, ApiError> {
        let path = format!("/barrier-tickets/{}/timeline", encode(&id));
        body(Call::get(&path).send().await?).await
    }

    /// The comments the user may read, oldest first (the API leaves out internal
    /// notes for those who may not read them).
    pub async fn barrier_comments(self, id: String) -> Result<CommentsResponse, ApiError> {
        let path = format!("/barrier-tickets/{}/comments", encode(&id));
        body(Call::get(&path).send().await?).await
    }

    pub async fn add_barrier_comment(self, id: String, request: CommentRequest) -> Result<CommentResponse, ApiError> {
        let call = Call::new(Method::POST, &format!("/barrier-tickets/{}/comments", encode(&id))).json(&request)?;
        body(call.send().await?).await
    }

    /// The contact log, most recent first, with its counts per kind.
    pub async fn barrier_contacts(self, id: String) -> Result<ContactsResponse, ApiError> {
        let path = format!("/barrier-tickets/{}/contacts", encode(&id));
        body(Call::get(&path).send().await?).await
    }

    pub async fn log_barrier_contact(self, id: String, request: ContactRequest) -> Result<ContactResponse, ApiError> {
        let call = Call::new(Method::POST, &format!("/barrier-tickets/{}/contacts", encode(&id))).json(&request)?;
        body(call.send().await?).await
    }

    /// Marks the ticket as a duplicate of `original` (`Some`) or undoes that (`None`),
    /// based on the version shown (`If-Match`).
    pub async fn set_duplicate_of(
        self,
        id: String,
        version: i64,
        original: Option<String>,
    ) -> Result<BarrierResponse, ApiError> {
        let path = format!("/barrier-tickets/{}/duplicate-of", encode(&id));
        let if_match = format!("\"v{version}\"");
        let call = match original {
            Some(original) => Call::new(Method::PUT, &path)
                .header("If-Match", if_match)
                .json(&DuplicateOfRequest { original })?,
            None => Call::new(Method::DELETE, &path).header("If-Match", if_match),
        };
        body(call.send().await?).await
    }

    /// Every user account (admins only): the officials a ticket can be assigned to.
    pub async fn users(self) -> Result<Vec<UserResponse>, ApiError> {
        all_pages::<UserListResponse>("/users", &[]).await
    }
}
