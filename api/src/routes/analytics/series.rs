//! `GET /api/v1/indicators/{code}/series`.

use std::collections::BTreeSet;

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::analytics::{RegionSeries, SeriesResponse};
use zorgpact_db::analytics::{RegionKeys, Selection};
use zorgpact_domain::analytics::figures::{Dataset, fetch_window};
use zorgpact_domain::analytics::relative::RelativePeriod;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::period::{Period, PeriodType};

use super::convert::series_point;
use super::params::{self, When, Window};
use super::snapshot::{self, AnalyticsCatalogue, Loaded};
use super::{cache, json_bytes, today};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::problem_responses::ReadErrors;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SeriesQuery {
    /// Region codes, comma-separated (`twente,zeeland`), or `all` (the default).
    #[param(pattern = r"^[a-z](-?[a-z0-9])+(,[a-z](-?[a-z0-9])+)*$")]
    regions: Option<String>,
    /// Points whose period starts on or after the start of this period (`2019`,
    /// `2024-Q3`, `2024-07`, of any type).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    from: Option<String>,
    /// Points whose period starts on or before the end of this period.
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    to: Option<String>,
    /// Instead of `from`/`to`: `LAST_12_MONTHS`, `LAST_4_QUARTERS` (the completed
    /// months or quarters before the current one), `THIS_YEAR` or `LAST_5_YEARS`
    /// (the five years before this one), resolved against today (UTC).
    #[param(inline)]
    relative: Option<RelativePeriod>,
    /// `year`, `quarter` or `month`: the indicator's own (the default) or a coarser
    /// one, aggregated by the indicator's roll-up rule with completeness flags.
    period_type: Option<PeriodType>,
}

/// An indicator's time series per region: per period the value, the region's
/// target, the gap (value − target, and `signed_gap`, positive when better than
/// target), and the value's status and source. A coarser `period_type` aggregates
/// the values by the indicator's rule (sum for counts, weighted mean by the weight
/// indicator, plain mean), flagging periods that lack sub-periods (`complete:
/// false`, `missing`). A derived indicator's figures are computed from its inputs
/// (named under `indicator.inputs`). Figures are computed on read, so they are
/// current the moment a value is stored; the `ETag` is a hash of the body, and
/// `If-None-Match` with it answers 304.
/// Public: the programme publishes its figures, so no login is needed.
#[utoipa::path(
    tag = "analytics",
    params(
        ("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", example = "side_entrants", description = "Indicator code, e.g. `side_entrants`"),
        SeriesQuery,
        ("If-None-Match" = Option<String>, Header, description = "The `ETag` of a copy you hold: 304 if it is still current"),
    ),
    responses(
        (status = 200, description = "The series", body = SeriesResponse, headers(
            ("ETag" = String, description = "Strong tag: a hash of the body"),
            ("Last-Modified" = String, description = "The latest change of the values, targets and indicator read"))),
        (status = 304, description = "Not modified: the copy named in `If-None-Match` is current", headers(
            ("ETag" = String), ("Last-Modified" = String))),
        ReadErrors
    )
)]
#[get("/indicators/{code}/series")]
pub async fn get_indicator_series(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    code: web::Path<String>,
    Params(query): Params<SeriesQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let when = When::from_params(query.from.as_deref(), query.to.as_deref(), query.relative)?;
    let code = code.into_inner();
    let answer = snapshot::answer(&state, &req, "application/json", move |conn| {
        let catalogue = AnalyticsCatalogue::load(conn)?;
        let indicator = catalogue
            .indicator(&code)
            .ok_or_else(|| ApiError::NotFound(format!("indicator {code}")))?;
        let own_type = indicator.period_type;
        let period_type = params::period_type(query.period_type, own_type)?;
        let regions = params::regions(query.regions.as_deref(), &catalogue)?;
        let window = when.resolve(period_type, today());
        let (first_start, last_start) = fetch_window(&[window.range]);
        let selection = Selection {
            indicators: catalogue
                .rules
                .closure(std::slice::from_ref(&code), period_type != own_type),
            regions: Some(regions.iter().map(|r| r.code.clone()).collect()),
            first_start,
            last_start,
            limit: None,
        };
        let loaded = Loaded::load(conn, &catalogue, &selection)?;
        let last_modified = loaded.last_modified;
        let data = loaded.dataset(&catalogue);
        let response = series(&catalogue, &data, &code, period_type, &regions, window)?;
        Ok((json_bytes(&response)?, last_modified))
    })
    .await?;
    Ok(cache::respond(&req, &answer))
}

fn series(
    catalogue: &AnalyticsCatalogue,
    data: &Dataset<'_>,
    code: &str,
    period_type: PeriodType,
    regions: &[RegionKeys],
    window: Window,
) -> Result<SeriesResponse, ApiError> {
    let indicator = catalogue.rules_of(code)?;
    let regions = regions
        .iter()
        .map(|region| {
            let figures = data.regional(code, &region.code, period_type);
            let targets = data.targets(code, &region.code, period_type);
            let periods: BTreeSet<Period> = figures
                .keys()
                .chain(targets.keys())
                .copied()
                .filter(|p| window.range.contains(*p))
                .collect();
            RegionSeries {
                region: region.code.clone(),
                name: region.name.clone(),
                points: periods
                    .into_iter()
                    .map(|p| series_point(p, figures.get(&p), targets.get(&p).copied(), indicator.direction))
                    .collect(),
            }
        })
        .collect();
    Ok(SeriesResponse {
        indicator: catalogue.meta(code)?,
        period_type,
        from: window.from,
        to: window.to,
        regions,
    })
}
