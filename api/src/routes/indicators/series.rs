//! What values and targets share: list filters and cursors, reading one point,
//! writing one point, and bulk uploads, written once over [`SeriesResource`].
//! `values.rs` and `targets.rs` hold only the handlers and their OpenAPI entries.

use std::collections::BTreeSet;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Serialize;
use zorgpact_contract::indicator::BulkWriteResponse;
use zorgpact_db::audit::Actor;
use zorgpact_db::indicator_values::{self, Series, SeriesCursor, SeriesFilter, StoredKey, Written};
use zorgpact_db::{DbConnection, DbError, indicators, regions};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::{Catalogue, IndicatorCode, KeyInput, Measure, SeriesKey, ValueStatus, parse_batch};
use zorgpact_domain::period::{Period, PeriodRange};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{FieldError, ValidationErrors, Validator};

use super::convert::measure;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::created;
use crate::http::pagination::PageRequest;
use crate::routes::imports::check::DERIVED_REASON;

/// A series as the API shows it: its URL, its JSON, and how its own fields are
/// checked (the key is checked the same way for both).
pub trait SeriesResource: Series {
    /// Collection path under `/api/v1`, e.g. `indicator-values`.
    const PATH: &'static str;
    /// What one point is called in messages: `value`, `target`.
    const NOUN: &'static str;
    type Response: Serialize;
    /// The body of a single `PUT`.
    type Request;
    /// One item of a bulk upload.
    type Item: Send + 'static;

    fn response(self) -> Result<Self::Response, DbError>;
    /// Checks a `PUT` body (errors under `/value` and so on).
    fn parse_request(measure: Measure, body: &Self::Request, v: &mut Validator) -> Option<Self::Input>;
    fn item_key(item: &Self::Item) -> KeyInput<'_>;
    /// Checks a bulk item's own fields (errors under `{at}/value` and so on).
    fn parse_item(measure: Option<Measure>, item: &Self::Item, v: &mut Validator, at: &str) -> Option<Self::Input>;
}

/// The list filters, as sent.
pub struct ListParams<'a> {
    pub indicator: Option<&'a str>,
    pub region: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    /// Values only.
    pub status: Option<ValueStatus>,
}

/// Checks the list filters; each bad one is named (400). An empty parameter is
/// no filter.
pub fn filter(params: &ListParams<'_>) -> Result<SeriesFilter, ApiError> {
    let mut v = Validator::new();
    let indicator = v.optional("indicator", given(params.indicator), IndicatorCode::parse);
    let region = v.optional("region", given(params.region), RegionCode::parse);
    let from = v.optional("from", given(params.from), Period::parse);
    let to = v.optional("to", given(params.to), Period::parse);
    let status = Some(params.status);
    let range = match (from, to) {
        (Some(from), Some(to)) => v.field("to", PeriodRange::new(from, to)),
        _ => None,
    };
    v.finish().map_err(ApiError::InvalidParameters)?;
    match (indicator, region, range, status) {
        (Some(indicator), Some(region), Some(range), Some(status)) => Ok(SeriesFilter {
            indicator: indicator.map(|c| c.as_str().to_owned()),
            region: region.map(|c| c.as_str().to_owned()),
            range,
            status,
        }),
        _ => Err(ApiError::Internal("validated filter missing".into())),
    }
}

fn given(param: Option<&str>) -> Option<&str> {
    param.filter(|s| !s.is_empty())
}

/// The cursor names the last point of a page by its sort key.
fn cursor_of<S: Series>(row: &S) -> String {
    let (indicator, region, _) = row.key();
    format!("{indicator}|{region}|{}", row.period_start())
}

fn parse_cursor(after: &str) -> Option<SeriesCursor> {
    let mut parts = after.splitn(3, '|');
    let (indicator, region, start) = (parts.next()?, parts.next()?, parts.next()?);
    Some(SeriesCursor {
        indicator: indicator.to_owned(),
        region: region.to_owned(),
        period_start: NaiveDate::parse_from_str(start, "%Y-%m-%d").ok()?,
    })
}

/// One page of points, in the order indicator, region, period.
pub async fn page<S: SeriesResource>(
    state: &AppState,
    filter: SeriesFilter,
    page: PageRequest,
) -> Result<(Vec<S::Response>, Option<String>), ApiError> {
    let after = match page.after.as_deref() {
        None => None,
        Some(after) => Some(parse_cursor(after).ok_or_else(|| {
            ApiError::InvalidParameters(ValidationErrors::single("cursor", "is not a cursor of this list"))
        })?),
    };
    let fetch = page.fetch_limit();
    let rows = state
        .with_conn(move |conn| S::page(conn, &filter, after.as_ref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, cursor_of);
    Ok((
        rows.into_iter().map(S::response).collect::<Result<_, _>>()?,
        next_cursor,
    ))
}

/// The point's key as sent in the path: indicator, region, period.
pub type PointPath = (String, String, String);

fn describe<S: SeriesResource>((indicator, region, period): &PointPath) -> String {
    format!("{} of indicator {indicator} for region {region} in {period}", S::NOUN)
}

/// One point, with its version as `ETag`.
pub async fn get<S: SeriesResource>(state: &AppState, path: PointPath) -> Result<HttpResponse, ApiError> {
    Period::parse(&path.2).map_err(|e| ApiError::InvalidParameters(e.at("period").into()))?;
    let what = describe::<S>(&path);
    let row = state
        .with_conn(move |conn| {
            let (indicator, region, period) = &path;
            indicator_values::get::<S>(
                conn,
                &StoredKey {
                    indicator,
                    region,
                    period,
                },
            )
        })
        .await
        .map_err(|e| e.or_not_found(what))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version())))
        .json(S::response(row)?))
}

/// What a single write needs to know first: how the indicator is measured and
/// whether it is derived, whether the region exists, and whether the point exists.
struct Place {
    measure: Option<Measure>,
    derived: bool,
    region_known: bool,
    point_exists: bool,
}

fn place<S: Series>(conn: &mut DbConnection, path: &PointPath) -> Result<Place, DbError> {
    let (indicator, region, period) = path;
    let measure = match indicators::get(conn, indicator) {
        Ok(row) => Some(measure(&row)?),
        Err(DbError::NotFound) => None,
        Err(e) => return Err(e),
    };
    let derived = indicators::is_derived(conn, indicator)?;
    let region_known = regions::exists(conn, region)?;
    let point_exists = match measure.map(|m| m.period(period)) {
        Some(Ok(period)) => S::find(
            conn,
            &StoredKey {
                indicator,
                region,
                period: &period.to_string(),
            },
        )?
        .is_some(),
        _ => false,
    };
    Ok(Place {
        measure,
        derived,
        region_known,
        point_exists,
    })
}

/// Creates a point (201 with `Location`) or, with `If-Match`, replaces it (200).
pub async fn put<S: SeriesResource>(
    state: &AppState,
    actor: Actor,
    req: &HttpRequest,
    path: PointPath,
    body: &S::Request,
    bytes: &[u8],
) -> Result<HttpResponse, ApiError> {
    let precondition = match required_precondition(req) {
        Ok(precondition) => Some(precondition),
        Err(ApiError::PreconditionRequired) => None,
        Err(other) => return Err(other),
    };
    let place = state
        .with_conn({
            let path = path.clone();
            move |conn| place::<S>(conn, &path)
        })
        .await?;
    let (indicator, region, period) = path;
    let Some(measure) = place.measure else {
        return Err(ApiError::NotFound(format!("indicator {indicator}")));
    };
    if !place.region_known {
        return Err(ApiError::NotFound(format!("region {region}")));
    }
    if place.derived {
        return Err(derived_conflict(&indicator));
    }
    let mut v = Validator::new();
    let period = v.field("period", measure.period(&period));
    let payload = S::parse_request(measure, body, &mut v);
    v.finish()?;
    if place.point_exists && precondition.is_none() {
        return Err(ApiError::PreconditionRequired);
    }
    let (Some(period), Some(payload), Ok(indicator), Ok(region)) = (
        period,
        payload,
        IndicatorCode::parse(&indicator),
        RegionCode::parse(&region),
    ) else {
        return Err(ApiError::Internal("validated point missing".into()));
    };
    let key = SeriesKey {
        indicator,
        region,
        period,
    };
    created::once(state, req, bytes, move |conn| {
        match indicator_values::put::<S>(conn, &actor, &key, &payload, precondition.as_ref())? {
            Written::Created(row) => {
                let location = format!("/api/v1/{}/{}/{}/{}", S::PATH, key.indicator, key.region, key.period);
                let tag = etag(row.version());
                created::response(201, &S::response(row)?, Some(location), Some(tag))
            }
            Written::Updated(row) | Written::Unchanged(row) => {
                let tag = etag(row.version());
                created::response(200, &S::response(row)?, None, Some(tag))
            }
        }
    })
    .await
}

/// A derived indicator's values are computed on read, never stored.
fn derived_conflict(indicator: &str) -> ApiError {
    ApiError::Conflict(format!(
        "indicator {indicator} is derived: its values are computed from other indicators on read and cannot be stored"
    ))
}

/// The indicators and regions a batch may refer to: the whole catalogue (it is
/// small) and those of the named regions that exist.
fn catalogue<'a>(conn: &mut DbConnection, regions: impl Iterator<Item = &'a str>) -> Result<Catalogue, DbError> {
    let mut catalogue = Catalogue::default();
    for row in indicators::list(conn)? {
        let code = IndicatorCode::parse(&row.code)
            .map_err(|e| DbError::Internal(format!("stored indicator {}: {e}", row.code)))?;
        catalogue.indicators.insert(code, measure(&row)?);
    }
    let named: BTreeSet<String> = regions
        .filter(|code| RegionCode::parse(code).is_ok())
        .map(str::to_owned)
        .collect();
    let named: Vec<String> = named.into_iter().collect();
    for code in indicator_values::known_regions(conn, &named)? {
        if let Ok(code) = RegionCode::parse(&code) {
            catalogue.regions.insert(code);
        }
    }
    Ok(catalogue)
}

/// A batch is refused whole (403) unless the caller may write in every region it
/// names, checked before anything is stored. Region codes that do not parse are
/// left to the batch's validation (422).
pub fn require_every_region<S: SeriesResource>(
    caller: &Caller,
    items: &[S::Item],
    permission: fn(&str) -> Permission<'_>,
) -> Result<(), ApiError> {
    // An anonymous caller is refused even when the batch names no region.
    caller.require(&Permission::Authenticated)?;
    let regions: BTreeSet<&str> = items
        .iter()
        .map(|item| S::item_key(item).region)
        .filter(|code| RegionCode::parse(code).is_ok())
        .collect();
    regions
        .into_iter()
        .try_for_each(|region| caller.require(&permission(region)))
}

/// Stores a whole batch in one transaction, or nothing if any item is bad (422,
/// listing every bad item).
pub async fn bulk<S: SeriesResource>(
    state: &AppState,
    actor: Actor,
    req: &HttpRequest,
    items: Vec<S::Item>,
    bytes: &[u8],
) -> Result<HttpResponse, ApiError> {
    created::once(state, req, bytes, move |conn| {
        let catalogue = catalogue(conn, items.iter().map(|i| S::item_key(i).region))?;
        let derived = indicators::derived_codes(conn)?;
        let mut errors: Vec<FieldError> = items
            .iter()
            .enumerate()
            .filter(|(_, item)| derived.iter().any(|code| code == S::item_key(item).indicator))
            .map(|(index, _)| FieldError {
                pointer: format!("/items/{index}/indicator"),
                reason: DERIVED_REASON.into(),
            })
            .collect();
        let points = match parse_batch(&catalogue, &items, S::item_key, S::parse_item) {
            Ok(points) if errors.is_empty() => points,
            Ok(_) => Vec::new(),
            Err(others) => {
                errors.extend(others.0);
                Vec::new()
            }
        };
        if !errors.is_empty() {
            // In the order of the items, as the upload listed them.
            errors.sort_by_key(|e| item_index(&e.pointer));
            return Err(DbError::Invalid(ValidationErrors(errors)));
        }
        let counts = indicator_values::put_all::<S>(conn, &actor, &points)?;
        let body = BulkWriteResponse {
            created: counts.created,
            updated: counts.updated,
            unchanged: counts.unchanged,
        };
        created::response(200, &body, None, None)
    })
    .await
}

/// `6` for `/items/6/value`; errors about the whole upload come first.
fn item_index(pointer: &str) -> Option<usize> {
    pointer.strip_prefix("/items/")?.split('/').next()?.parse().ok()
}
