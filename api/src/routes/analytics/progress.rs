//! `GET /api/v1/progress`.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::analytics::{LatestValue, ProgressItem, ProgressResponse, TargetPoint, TrendFit};
use zorgpact_db::analytics::{RegionKeys, Selection};
use zorgpact_domain::analytics::Series;
use zorgpact_domain::analytics::figures::Dataset;
use zorgpact_domain::analytics::progress::progress;
use zorgpact_domain::analytics::trend::TrendRule;
use zorgpact_domain::auth::Permission;

use super::params::{self};
use super::snapshot::{self, AnalyticsCatalogue, Loaded};
use super::{cache, json_bytes};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::problem_responses::ListErrors;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// Indicator codes, comma-separated; every indicator of the catalogue by default.
    #[param(
        pattern = r"^[a-z](_?[a-z0-9])+(,[a-z](_?[a-z0-9])+)*$",
        example = "employees,sick_leave"
    )]
    indicators: Option<String>,
    /// Region codes, comma-separated, or `all` (the default).
    #[param(pattern = r"^[a-z](-?[a-z0-9])+(,[a-z](-?[a-z0-9])+)*$", example = "twente,zeeland")]
    regions: Option<String>,
}

/// Progress per region and indicator: the latest value (with its status and
/// source), the target it is judged against (the one for the latest value's
/// period, else the nearest later one), how much of it is achieved
/// (`achieved_pct`: 100 is on target and more is better, whatever the direction),
/// the gap, the trend over the last periods (3 years, 4 quarters or 6 months:
/// `rising`, `falling` or `flat` within ±1% of the mean per period, with the
/// slope), and whether the region is on track, judged by the indicator's direction
/// (`verdict` says why). Derived indicators are computed from their inputs.
/// Figures are computed on read; `If-None-Match` with the `ETag` answers 304.
/// Public: the programme publishes its figures, so no login is needed.
#[utoipa::path(
    tag = "analytics",
    params(
        ProgressQuery,
        ("If-None-Match" = Option<String>, Header, description = "The `ETag` of a copy you hold: 304 if it is still current"),
    ),
    responses(
        (status = 200, description = "Progress per indicator and region", body = ProgressResponse, headers(
            ("ETag" = String, description = "Strong tag: a hash of the body"),
            ("Last-Modified" = String, description = "The latest change of the values, targets and indicators read"))),
        (status = 304, description = "Not modified: the copy named in `If-None-Match` is current", headers(
            ("ETag" = String), ("Last-Modified" = String))),
        ListErrors
    )
)]
#[get("/progress")]
pub async fn get_progress(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    Params(query): Params<ProgressQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let answer = snapshot::answer(&state, &req, "application/json", move |conn| {
        let catalogue = AnalyticsCatalogue::load(conn)?;
        let codes = match params::indicators(query.indicators.as_deref(), &catalogue)? {
            Some(codes) => codes,
            None => catalogue.rules.indicators.keys().cloned().collect(),
        };
        let regions = params::regions(query.regions.as_deref(), &catalogue)?;
        let selection = Selection {
            indicators: catalogue.rules.closure(&codes, false),
            regions: Some(regions.iter().map(|r| r.code.clone()).collect()),
            first_start: None,
            last_start: None,
            limit: None,
        };
        let loaded = Loaded::load(conn, &catalogue, &selection)?;
        let last_modified = loaded.last_modified;
        let data = loaded.dataset(&catalogue);
        let response = progress_of(&catalogue, &data, &codes, &regions)?;
        Ok((json_bytes(&response)?, last_modified))
    })
    .await?;
    Ok(cache::respond(&req, &answer))
}

fn progress_of(
    catalogue: &AnalyticsCatalogue,
    data: &Dataset<'_>,
    codes: &[String],
    regions: &[RegionKeys],
) -> Result<ProgressResponse, ApiError> {
    let mut indicators = Vec::new();
    let mut items = Vec::new();
    for code in codes {
        let indicator = catalogue.rules_of(code)?;
        indicators.push(catalogue.meta(code)?);
        for region in regions {
            let figures = data.regional(code, &region.code, indicator.period_type);
            let values: Series = figures.iter().map(|(p, f)| (*p, f.value)).collect();
            let targets = data.targets(code, &region.code, indicator.period_type);
            let p = progress(
                &values,
                &targets,
                indicator.direction,
                TrendRule::for_period_type(indicator.period_type),
            );
            items.push(ProgressItem {
                indicator: code.clone(),
                region: region.code.clone(),
                latest: p.latest.and_then(|l| {
                    let figure = figures.get(&l.period)?;
                    Some(LatestValue {
                        period: l.period.to_string(),
                        value: l.value,
                        status: figure.status,
                        source: figure.source(),
                    })
                }),
                target: p.target.map(|t| TargetPoint {
                    period: t.period.to_string(),
                    value: t.value,
                }),
                achieved_pct: p.achieved_pct,
                gap: p.gap,
                signed_gap: p.signed_gap,
                target_met: p.target_met,
                trend: p.trend.map(|t| TrendFit {
                    movement: t.trend,
                    slope: t.slope,
                    relative_slope: t.relative_slope,
                    points: u32::try_from(t.points).unwrap_or(u32::MAX),
                    from: t.from.to_string(),
                    to: t.to.to_string(),
                }),
                on_track: p.on_track,
                verdict: p.verdict,
            });
        }
    }
    Ok(ProgressResponse { indicators, items })
}
