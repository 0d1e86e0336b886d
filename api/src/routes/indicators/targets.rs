//! `/api/v1/indicator-targets`: the regions' targets (*ambities*) per indicator
//! and period.

use zorgpact_contract::indicator::{BulkIndicatorTargetsRequest, IndicatorTargetListResponse};
use zorgpact_contract::indicator::{IndicatorTargetItem, IndicatorTargetRequest, IndicatorTargetResponse};
use zorgpact_db::DbError;
use zorgpact_db::indicator_values::{IndicatorTargetRow, TargetInput};
use zorgpact_domain::Validator;
use zorgpact_domain::indicator::{KeyInput, Measure, Target};

use super::convert::target_response;
use super::series::{SeriesResource, point_key, series_endpoints};

impl SeriesResource for IndicatorTargetRow {
    type Response = IndicatorTargetResponse;
    type Request = IndicatorTargetRequest;
    type Item = IndicatorTargetItem;

    fn response(self) -> Result<Self::Response, DbError> {
        Ok(target_response(self))
    }

    fn parse_request(measure: Option<Measure>, body: &Self::Request, v: &mut Validator) -> Option<Self::Input> {
        Target::parse(measure, body.value, body.note.as_deref(), v, "").map(input)
    }

    fn item_key(item: &Self::Item) -> KeyInput<'_> {
        point_key(&item.indicator, &item.region, &item.period)
    }

    fn parse_item(measure: Option<Measure>, item: &Self::Item, v: &mut Validator, at: &str) -> Option<Self::Input> {
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

series_endpoints! {
    row: IndicatorTargetRow, write: WriteIndicatorTargets,
    paths: ("/indicator-targets", "/indicator-targets/{indicator}/{region}/{period}", "/indicator-targets/bulk"),
    words: (page: "A page of targets", one: "The target", version: "The target's version",
        if_match: "Required to replace an existing target: its ETag, or `*`", location: "URL of the target"),
    /// Lists targets, ordered by indicator, region and period. Roles: every signed-in
    /// caller; partner systems with `indicator-values:read` or `indicator-values:write`.
    list: list_indicator_targets -> IndicatorTargetListResponse,
    /// One target. The `ETag` header is its version, for `If-Match` on updates. Roles:
    /// every signed-in caller; partner systems with `indicator-values:read` or
    /// `indicator-values:write`.
    get: get_indicator_target -> IndicatorTargetResponse,
    /// Sets a region's target for one period. Creates it (201) when absent; replacing
    /// an existing target needs `If-Match` with its ETag. The period must have the
    /// indicator's period type and the value must fit its unit; like a value's, these
    /// rules answer 422 under `/indicator`, `/period`, `/value` (an indicator or
    /// region that does not exist is 404). A target in a locked
    /// period cannot change (409 naming the lock). Roles: admin,
    /// coordinator of the region, partner system of the region with
    /// `indicator-targets:write`.
    put: put_indicator_target(IndicatorTargetRequest),
    /// Sets many targets at once, keyed by indicator, region and period: all of them,
    /// or, if any item is invalid, none (422 listing every bad item under
    /// `/items/N/...`). If any target that would change lies in a locked period,
    /// nothing is stored (409 naming the lock). Roles: admin, coordinator of every region named, partner
    /// system with `indicator-targets:write` for every region named: an item in any
    /// other region refuses the whole upload (403).
    bulk: bulk_indicator_targets(BulkIndicatorTargetsRequest),
}
