//! What values and targets share: list filters and cursors, reading one point,
//! writing one point, and bulk uploads, written once over [`SeriesResource`].
//! `values.rs` and `targets.rs` hold only the handlers and their OpenAPI entries.

use std::collections::BTreeSet;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Serialize;
use zorgpact_contract::indicator::BulkWriteResponse;
use zorgpact_db::DbError;
use zorgpact_db::audit::Actor;
use zorgpact_db::indicator_values::{self, SeriesCursor, SeriesFilter, SeriesTable, StoredKey, Written};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::{
    IndicatorCode, KeyInput, Measure, PlannedItem, RegionInput, ValueStatus, parse_batch, plan_write,
};
use zorgpact_domain::period::{Period, PeriodRange};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{ValidationErrors, Validator, optional_at};

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::idempotent;
use crate::http::pagination::PageRequest;

/// A series as the API shows it: its URL, its JSON, and how its own fields are
/// checked (the key is checked the same way for both).
pub trait SeriesResource: SeriesTable {
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
    /// Checks a `PUT` body (errors under `/value` and so on), given the measure of
    /// its indicator when values of it can be stored.
    fn parse_request(measure: Option<Measure>, body: &Self::Request, v: &mut Validator) -> Option<Self::Input>;
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

/// Checks the list filters; each bad one is named (400).
pub fn filter(params: &ListParams<'_>) -> Result<SeriesFilter, ApiError> {
    let (indicator, region, from, to) = Validator::all((
        optional_at("indicator", params.indicator, IndicatorCode::parse),
        optional_at("region", params.region, RegionCode::parse),
        optional_at("from", params.from, Period::parse),
        optional_at("to", params.to, Period::parse),
    ))
    .map_err(ApiError::InvalidParameters)?;
    let range = PeriodRange::new(from, to).map_err(|e| ApiError::InvalidParameters(e.at("to").into()))?;
    Ok(SeriesFilter {
        indicator: indicator.map(|c| c.as_str().to_owned()),
        region: region.map(|c| c.as_str().to_owned()),
        range,
        status: params.status,
    })
}

/// The cursor names the last point of a page by its sort key.
fn cursor_of<S: SeriesTable>(row: &S) -> String {
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

/// A single write's point for the [write plan](zorgpact_domain::indicator::write_plan):
/// the key from the path, the payload from the body; errors under `/indicator`,
/// `/region`, `/period`, `/value`….
struct SinglePoint<'a, S: SeriesResource> {
    path: &'a PointPath,
    body: &'a S::Request,
}

impl<S: SeriesResource> PlannedItem for SinglePoint<'_, S> {
    type Payload = S::Input;

    fn at(&self, _: usize) -> String {
        String::new()
    }

    fn key(&self) -> KeyInput<'_> {
        KeyInput {
            indicator: &self.path.0,
            region: RegionInput::Code(&self.path.1),
            period: &self.path.2,
        }
    }

    fn payload(&self, measure: Option<Measure>, v: &mut Validator, _: &str) -> Option<S::Input> {
        S::parse_request(measure, self.body, v)
    }
}

/// A bulk item for the write plan; errors under `/items/N/...`.
struct BulkItem<'a, S: SeriesResource>(&'a S::Item);

impl<S: SeriesResource> PlannedItem for BulkItem<'_, S> {
    type Payload = S::Input;

    fn at(&self, index: usize) -> String {
        format!("/items/{index}")
    }

    fn key(&self) -> KeyInput<'_> {
        S::item_key(self.0)
    }

    fn payload(&self, measure: Option<Measure>, v: &mut Validator, at: &str) -> Option<S::Input> {
        S::parse_item(measure, self.0, v, at)
    }
}

/// Creates a point (201 with `Location`) or, with `If-Match`, replaces it (200).
/// An indicator or region that does not exist is 404 (they are path segments);
/// every other rule of the write plan is 422 under its pointer, as in a bulk
/// upload or an import.
pub async fn put<S: SeriesResource>(
    state: &AppState,
    actor: Actor,
    req: &HttpRequest,
    path: PointPath,
    body: S::Request,
    bytes: &[u8],
) -> Result<HttpResponse, ApiError>
where
    S::Request: Send + 'static,
    S::Input: Send + 'static,
{
    let precondition = match required_precondition(req) {
        Ok(precondition) => Some(precondition),
        Err(ApiError::PreconditionRequired) => None,
        Err(other) => return Err(other),
    };
    let planned = state
        .with_conn(move |conn| {
            let (indicator, region, _) = &path;
            let catalogue = indicator_values::write_catalogue(conn, Some(std::slice::from_ref(region)))?;
            if !IndicatorCode::parse(indicator).is_ok_and(|code| catalogue.indicators.contains_key(&code)) {
                return Ok(Err(ApiError::NotFound(format!("indicator {indicator}"))));
            }
            if !RegionCode::parse(region).is_ok_and(|code| catalogue.regions.contains(&code)) {
                return Ok(Err(ApiError::NotFound(format!("region {region}"))));
            }
            let point = SinglePoint::<S> {
                path: &path,
                body: &body,
            };
            let (key, payload) = match plan_write(&catalogue, &point) {
                Ok(planned) => planned,
                Err(errors) => return Ok(Err(ApiError::Validation(errors))),
            };
            let period = key.period.to_string();
            let stored = StoredKey {
                indicator,
                region,
                period: &period,
            };
            let exists = S::find(conn, &stored)?.is_some();
            Ok(Ok((key, payload, exists)))
        })
        .await?;
    let (key, payload, exists) = planned?;
    if exists && precondition.is_none() {
        return Err(ApiError::PreconditionRequired);
    }
    idempotent::at_most_once(state, req, bytes, move |conn| {
        match indicator_values::put::<S>(conn, &actor, &key, &payload, precondition.as_ref())? {
            Written::Created(row) => {
                let location = format!("/api/v1/{}/{}/{}/{}", S::PATH, key.indicator, key.region, key.period);
                let tag = etag(row.version());
                idempotent::response(201, &S::response(row)?, Some(location), Some(tag))
            }
            Written::Updated(row) | Written::Unchanged(row) => {
                let tag = etag(row.version());
                idempotent::response(200, &S::response(row)?, None, Some(tag))
            }
        }
    })
    .await
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
        .filter_map(|item| match S::item_key(item).region {
            RegionInput::Code(code) => Some(code),
            RegionInput::Resolved { .. } => None,
        })
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
    idempotent::at_most_once(state, req, bytes, move |conn| {
        let named: BTreeSet<String> = items
            .iter()
            .filter_map(|item| match S::item_key(item).region {
                RegionInput::Code(code) => Some(code.to_owned()),
                RegionInput::Resolved { .. } => None,
            })
            .collect();
        let named: Vec<String> = named.into_iter().collect();
        let catalogue = indicator_values::write_catalogue(conn, Some(&named))?;
        let planned: Vec<BulkItem<'_, S>> = items.iter().map(BulkItem).collect();
        let points = parse_batch(&catalogue, &planned).map_err(DbError::Invalid)?;
        let counts = indicator_values::put_all::<S>(conn, &actor, &points)?;
        let body = BulkWriteResponse {
            created: counts.created,
            updated: counts.updated,
            unchanged: counts.unchanged,
        };
        idempotent::response(200, &body, None, None)
    })
    .await
}
