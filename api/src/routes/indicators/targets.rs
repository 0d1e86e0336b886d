//! `/api/v1/indicator-targets`: the regions' targets (*ambities*) per indicator
//! and period.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::indicator::{
    BulkIndicatorTargetsRequest, BulkWriteResponse, IndicatorTargetItem, IndicatorTargetListResponse,
    IndicatorTargetRequest, IndicatorTargetResponse,
};
use zorgpact_db::indicator_values::{IndicatorTargetRow, TargetInput};
use zorgpact_domain::Validator;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::{KeyInput, Measure, RegionInput, Target};

use super::convert::target_response;
use super::series::{self, ListParams, PointPath, SeriesResource};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::{Body, Params};
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};
use zorgpact_db::DbError;

impl SeriesResource for IndicatorTargetRow {
    const PATH: &'static str = "indicator-targets";
    const NOUN: &'static str = "target";
    type Response = IndicatorTargetResponse;
    type Request = IndicatorTargetRequest;
    type Item = IndicatorTargetItem;

    fn response(self) -> Result<IndicatorTargetResponse, DbError> {
        Ok(target_response(self))
    }

    fn parse_request(
        measure: Option<Measure>,
        body: &IndicatorTargetRequest,
        v: &mut Validator,
    ) -> Option<TargetInput> {
        Target::parse(measure, body.value, body.note.as_deref(), v, "").map(input)
    }

    fn item_key(item: &IndicatorTargetItem) -> KeyInput<'_> {
        KeyInput {
            indicator: &item.indicator,
            region: RegionInput::Code(&item.region),
            period: &item.period,
        }
    }

    fn parse_item(
        measure: Option<Measure>,
        item: &IndicatorTargetItem,
        v: &mut Validator,
        at: &str,
    ) -> Option<TargetInput> {
        Target::parse(measure, item.value, item.note.as_deref(), v, at).map(input)
    }
}

/// A checked target as written: a note left out is empty (the body replaces the
/// stored one).
fn input(parsed: Target) -> TargetInput {
    TargetInput {
        value: parsed.value,
        note: Some(parsed.note),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListTargetsQuery {
    /// Only this indicator, e.g. `side_entrants`.
    #[param(min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$")]
    indicator: Option<String>,
    /// Only this region, e.g. `twente`.
    #[param(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")]
    region: Option<String>,
    /// Only periods starting on or after the start of this period (`2019`, `2024-Q3`, `2024-07`).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    from: Option<String>,
    /// Only periods starting on or before the end of this period (`2019`, `2024-Q3`, `2024-07`).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    to: Option<String>,
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// Lists targets, ordered by indicator, region and period. Roles: every signed-in
/// caller; partner systems with `indicator-values:read` or `indicator-values:write`.
#[utoipa::path(
    tag = "indicators",
    params(ListTargetsQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of targets", body = IndicatorTargetListResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/indicator-targets")]
pub async fn list_indicator_targets(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListTargetsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    let filter = series::filter(&ListParams {
        indicator: query.indicator.as_deref(),
        region: query.region.as_deref(),
        from: query.from.as_deref(),
        to: query.to.as_deref(),
        status: None,
    })?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (items, next_cursor) = series::page::<IndicatorTargetRow>(&state, filter, page).await?;
    Ok(HttpResponse::Ok().json(IndicatorTargetListResponse { items, next_cursor }))
}

/// One target. The `ETag` header is its version, for `If-Match` on updates. Roles:
/// every signed-in caller; partner systems with `indicator-values:read` or
/// `indicator-values:write`.
#[utoipa::path(
    tag = "indicators",
    params(
        ("indicator" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", description = "Indicator code, e.g. `side_entrants`"),
        ("region" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", description = "Region code, e.g. `twente`"),
        ("period" = String, Path, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$", description = "`2025`, `2025-Q4` or `2025-12`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The target", body = IndicatorTargetResponse,
            headers(("ETag" = String, description = "The target's version"))),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/indicator-targets/{indicator}/{region}/{period}")]
pub async fn get_indicator_target(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<PointPath>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadIndicatorData)?;
    series::get::<IndicatorTargetRow>(&state, path.into_inner()).await
}

/// Sets a region's target for one period. Creates it (201) when absent; replacing
/// an existing target needs `If-Match` with its ETag. The period must have the
/// indicator's period type and the value must fit its unit; like a value's, these
/// rules answer 422 under `/indicator`, `/period`, `/value` (an indicator or
/// region that does not exist is 404). A target in a locked
/// period cannot change (409 naming the lock). Roles: admin,
/// coordinator of the region, partner system of the region with
/// `indicator-targets:write`.
#[utoipa::path(
    tag = "indicators",
    request_body = IndicatorTargetRequest,
    params(
        ("indicator" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", description = "Indicator code"),
        ("region" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$", description = "Region code"),
        ("period" = String, Path, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$", description = "`2025`, `2025-Q4` or `2025-12`, per the indicator's period type"),
        ("If-Match" = Option<String>, Header, description = "Required to replace an existing target: its ETag, or `*`"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced (the version grows only if something changed)",
            body = IndicatorTargetResponse, headers(("ETag" = String))),
        (status = 201, description = "Created", body = IndicatorTargetResponse,
            headers(("Location" = String, description = "URL of the target"), ("ETag" = String))),
        UpdateErrors,
        AuthErrors
    )
)]
#[put("/indicator-targets/{indicator}/{region}/{period}")]
pub async fn put_indicator_target(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<PointPath>,
    body: Body<IndicatorTargetRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::WriteIndicatorTargets { region: &path.1 })?;
    let actor = caller.actor();
    let Body { value, bytes } = body;
    series::put::<IndicatorTargetRow>(&state, actor, &req, path.into_inner(), value, &bytes).await
}

/// Sets many targets at once, keyed by indicator, region and period: all of them,
/// or, if any item is invalid, none (422 listing every bad item under
/// `/items/N/...`). If any target that would change lies in a locked period,
/// nothing is stored (409 naming the lock). Roles: admin, coordinator of every region named, partner
/// system with `indicator-targets:write` for every region named: an item in any
/// other region refuses the whole upload (403).
#[utoipa::path(
    tag = "indicators",
    request_body = BulkIndicatorTargetsRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response instead of writing twice")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored", body = BulkWriteResponse),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/indicator-targets/bulk")]
pub async fn bulk_indicator_targets(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<BulkIndicatorTargetsRequest>,
) -> Result<HttpResponse, ApiError> {
    let Body { value, bytes } = body;
    series::require_every_region::<IndicatorTargetRow>(&caller, &value.items, |region| {
        Permission::WriteIndicatorTargets { region }
    })?;
    series::bulk::<IndicatorTargetRow>(&state, caller.actor(), &req, value.items, &bytes).await
}
