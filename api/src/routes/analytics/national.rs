//! `GET /api/v1/indicators/{code}/national`.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::analytics::NationalResponse;
use zorgpact_db::analytics::Selection;
use zorgpact_domain::analytics::figures::{Dataset, fetch_window};
use zorgpact_domain::analytics::relative::RelativePeriod;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::period::PeriodType;
use zorgpact_domain::region::RegionCode;

use super::convert::national_point;
use super::params::{self, When, Window, region_codes};
use super::snapshot::{self, AnalyticsCatalogue, Loaded};
use super::{cache, json_bytes, today};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::problem_responses::ReadErrors;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NationalQuery {
    /// Periods starting on or after the start of this period (`2019`, `2024-Q3`, `2024-07`).
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    from: Option<String>,
    /// Periods starting on or before the end of this period.
    #[param(pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$")]
    to: Option<String>,
    /// Instead of `from`/`to`: `LAST_12_MONTHS`, `LAST_4_QUARTERS`, `THIS_YEAR` or
    /// `LAST_5_YEARS`, resolved against today (UTC).
    #[param(inline)]
    relative: Option<RelativePeriod>,
    /// `year`, `quarter` or `month`: the indicator's own (the default) or a coarser
    /// one; each region's values are aggregated by the indicator's rule first.
    period_type: Option<PeriodType>,
}

/// The national figure per period, rolled up from the regions by the indicator's
/// rule: `sum` adds the regions' values (over fewer regions, a partial sum);
/// `weighted_mean` weighs each region's value by the weight indicator's value for
/// the same period and region (a weight reported per coarser period, e.g. employees
/// per year for quarterly sick leave, is taken from the period holding it); `mean`
/// averages them. A derived indicator's national figure is its formula computed on
/// its inputs' national figures, each rolled up by its own rule over the regions
/// where every input has a value. Each point shows its coverage: the regions
/// expected, those that reported, those missing and those without a weight, so gaps
/// are never hidden. Status is the least final of the contributing values. Figures
/// are computed on read; `If-None-Match` with the `ETag` answers 304.
/// Public: the programme publishes its figures, so no login is needed.
#[utoipa::path(
    tag = "analytics",
    params(
        ("code" = String, Path, min_length = 2, max_length = 60, pattern = r"^[a-z](_?[a-z0-9])+$", example = "sick_leave", description = "Indicator code, e.g. `sick_leave`"),
        NationalQuery,
        ("If-None-Match" = Option<String>, Header, description = "The `ETag` of a copy you hold: 304 if it is still current"),
    ),
    responses(
        (status = 200, description = "The national roll-up", body = NationalResponse, headers(
            ("ETag" = String, description = "Strong tag: a hash of the body"),
            ("Last-Modified" = String, description = "The latest change of the values, targets and indicators read"))),
        (status = 304, description = "Not modified: the copy named in `If-None-Match` is current", headers(
            ("ETag" = String), ("Last-Modified" = String))),
        ReadErrors
    )
)]
#[get("/indicators/{code}/national")]
pub async fn get_indicator_national(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    code: web::Path<String>,
    Params(query): Params<NationalQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let when = When::from_params(query.from.as_deref(), query.to.as_deref(), query.relative)?;
    let code = code.into_inner();
    let answer = snapshot::answer(&state, &req, "application/json", move |conn| {
        let catalogue = AnalyticsCatalogue::load(conn)?;
        let indicator = catalogue
            .indicator(&code)
            .ok_or_else(|| ApiError::NotFound(format!("indicator {code}")))?;
        let period_type = params::period_type(query.period_type, indicator.period_type)?;
        let window = when.resolve(period_type, today());
        let (first_start, last_start) = fetch_window(&[window.range]);
        let selection = Selection {
            indicators: catalogue.rules.closure(std::slice::from_ref(&code), true),
            regions: None,
            first_start,
            last_start,
            limit: None,
        };
        let loaded = Loaded::load(conn, &catalogue, &selection)?;
        let last_modified = loaded.last_modified;
        let data = loaded.dataset(&catalogue);
        let response = national(&catalogue, &data, &code, period_type, window)?;
        Ok((json_bytes(&response)?, last_modified))
    })
    .await?;
    Ok(cache::respond(&req, &answer))
}

fn national(
    catalogue: &AnalyticsCatalogue,
    data: &Dataset<'_>,
    code: &str,
    period_type: PeriodType,
    window: Window,
) -> Result<NationalResponse, ApiError> {
    let indicator = catalogue.rules_of(code)?;
    let nation: Vec<RegionCode> = region_codes(&catalogue.regions);
    let points = data
        .periods(code, &nation, period_type)
        .into_iter()
        .filter(|p| window.range.contains(*p))
        .map(|p| national_point(p, &data.group_figure(code, p, &nation)))
        .collect();
    Ok(NationalResponse {
        indicator: catalogue.meta(code)?,
        period_type,
        method: indicator.national_method(period_type),
        from: window.from,
        to: window.to,
        points,
    })
}
