//! What values and targets share: list filters and cursors, reading one point,
//! writing one point, and bulk uploads, written once over [`SeriesResource`].
//! [`series_endpoints!`] writes the handlers of a series with their OpenAPI
//! entries, so `values.rs` and `targets.rs` hold only what is their own: how their
//! fields are checked and shown, and the words of their documentation.

use std::collections::BTreeSet;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use zorgpact_contract::indicator::BulkWriteResponse;
use zorgpact_db::audit::Actor;
use zorgpact_db::indicator_values::{self, SeriesCursor, SeriesFilter, SeriesTable, StoredKey, Written};
use zorgpact_db::{DbConnection, DbError};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::indicator::{
    IndicatorCode, KeyInput, Measure, PlannedItem, RegionInput, ValueStatus, parse_batch, plan_write,
};
use zorgpact_domain::period::{Period, PeriodRange};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator, optional_at};

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::{etag, required_precondition};
use crate::http::idempotent;
use crate::http::pagination::PageRequest;

/// A series as the API shows it: its URL, its JSON, and how its own fields are
/// checked (the key is checked the same way for both).
pub trait SeriesResource: SeriesTable {
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

/// The list parameters of every series.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SeriesQuery {
    /// Only this indicator, e.g. `open_vacancies`.
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

/// A series' own list parameters beside [`SeriesQuery`]'s.
pub trait ListFilter {
    fn status(&self) -> Option<ValueStatus>;
}

/// Checks the list filters; each bad one is named (400).
fn filter(query: &SeriesQuery, status: Option<ValueStatus>) -> Result<SeriesFilter, ApiError> {
    let (indicator, region, from, to) = Validator::all((
        optional_at("indicator", query.indicator.as_deref(), IndicatorCode::parse),
        optional_at("region", query.region.as_deref(), RegionCode::parse),
        optional_at("from", query.from.as_deref(), Period::parse),
        optional_at("to", query.to.as_deref(), Period::parse),
    ))
    .map_err(ApiError::InvalidParameters)?;
    let range = PeriodRange::new(from, to).map_err(|e| ApiError::InvalidParameters(e.at("to").into()))?;
    Ok(SeriesFilter {
        indicator: indicator.map(|c| c.as_str().to_owned()),
        region: region.map(|c| c.as_str().to_owned()),
        range,
        status,
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

/// One page of points, in the order indicator, region, period, and the cursor
/// of the next page.
pub async fn list<S: SeriesResource>(
    state: &AppState,
    query: &SeriesQuery,
    status: Option<ValueStatus>,
) -> Result<(Vec<S::Response>, Option<String>), ApiError> {
    let filter = filter(query, status)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let after = match page.after.as_deref() {
        None => None,
        Some(after) => Some(parse_cursor(after).ok_or_else(|| {
            ApiError::InvalidParameters(ValidationErrors::single(
                "cursor",
                InvalidValue::invalid_format("is not a cursor of this list"),
            ))
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

/// A point's key as sent in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PointPath {
    /// Indicator code, e.g. `open_vacancies`
    #[param(
        min_length = 2,
        max_length = 60,
        pattern = r"^[a-z](_?[a-z0-9])+$",
        example = "employees"
    )]
    pub indicator: String,
    /// Region code, e.g. `twente`
    #[param(
        min_length = 2,
        max_length = 60,
        pattern = r"^[a-z](-?[a-z0-9])+$",
        example = "twente"
    )]
    pub region: String,
    /// `2024`, `2024-Q3` or `2024-07`, per the indicator's period type
    #[param(
        pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)(-Q[1-4]|-0[1-9]|-1[0-2])?$",
        example = "2023"
    )]
    pub period: String,
}

impl PointPath {
    fn stored(&self) -> StoredKey<'_> {
        StoredKey {
            indicator: &self.indicator,
            region: &self.region,
            period: &self.period,
        }
    }
}

/// Reads one point, checked to exist (404 naming it otherwise), and with the same
/// connection what `then` reads about it.
pub async fn with_point<S: SeriesResource, T: Send + 'static>(
    state: &AppState,
    path: PointPath,
    then: impl FnOnce(&mut DbConnection, &StoredKey<'_>, S) -> Result<T, DbError> + Send + 'static,
) -> Result<T, ApiError> {
    Period::parse(&path.period).map_err(|e| ApiError::InvalidParameters(e.at("period").into()))?;
    let what = format!(
        "{} of indicator {} for region {} in {}",
        S::KIND,
        path.indicator,
        path.region,
        path.period
    );
    state
        .with_conn(move |conn| {
            let key = path.stored();
            let row = indicator_values::get::<S>(conn, &key)?;
            then(conn, &key, row)
        })
        .await
        .map_err(|e| e.or_not_found(what))
}

/// One point, with its version as `ETag`.
pub async fn get<S: SeriesResource>(state: &AppState, path: PointPath) -> Result<HttpResponse, ApiError> {
    let row = with_point::<S, S>(state, path, |_, _, row| Ok(row)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(row.version())))
        .json(S::response(row)?))
}

/// A point's key as sent, with the region by its code.
pub fn point_key<'a>(indicator: &'a str, region: &'a str, period: &'a str) -> KeyInput<'a> {
    KeyInput {
        indicator,
        region: RegionInput::Code(region),
        period,
    }
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
        point_key(&self.path.indicator, &self.path.region, &self.path.period)
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
    collection: &'static str,
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
            let PointPath { indicator, region, .. } = &path;
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
                let location = format!("{collection}/{}/{}/{}", key.indicator, key.region, key.period);
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

/// Writes the four operations of a series (list, get, put and bulk) as actix
/// handlers with their OpenAPI entries, from the series' row type, write
/// permission, paths, types and documentation.
///
/// A macro, not generic functions, because a handler's route and
/// `#[utoipa::path]` must name literal paths and concrete types: neither
/// attribute can be written once over a type parameter. The macro only names
/// and documents; what a handler does is in the generic functions above. The
/// handlers live in a module of their own (re-exported) so that the route
/// attributes, which utoipa recognises only by their bare names, are in scope.
macro_rules! series_endpoints {
    (
        row: $row:ty, write: $write:ident,
        paths: ($collection:literal, $point:literal, $bulk_path:literal),
        words: (page: $page_words:literal, one: $one:literal, version: $version:literal,
            if_match: $if_match:literal, location: $location:literal),
        $(#[$list_doc:meta])*
        list: $list:ident $(($filter:ty))? -> $page:ident,
        $(#[$get_doc:meta])*
        get: $get:ident -> $response:ty,
        $(#[$put_doc:meta])*
        put: $put:ident($request:ty),
        $(#[$bulk_doc:meta])*
        bulk: $bulk:ident($bulk_request:ty) $(,)?
    ) => {
        pub use series_handlers::{$bulk, $get, $list, $put};

        mod series_handlers {
            use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
            use zorgpact_contract::indicator::BulkWriteResponse;
            use zorgpact_domain::auth::Permission;

            // The types the caller named.
            use super::*;
            use crate::AppState;
            use crate::auth::Caller;
            use crate::error::ApiError;
            use crate::http::extract::{Body, Params};
            use crate::problem_responses::{AuthErrors, CreateErrors, ListErrors, ReadErrors, UpdateErrors};
            use crate::routes::indicators::series::{self, PointPath, SeriesQuery};

            $(#[$list_doc])*
            #[utoipa::path(
                tag = "indicators",
                params(SeriesQuery $(, $filter)?),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = $page_words, body = $page),
                    ListErrors,
                    AuthErrors
                )
            )]
            #[get($collection)]
            pub async fn $list(
                state: web::Data<AppState>,
                caller: Caller,
                Params(query): Params<SeriesQuery>,
                $(Params(own): Params<$filter>,)?
            ) -> Result<HttpResponse, ApiError> {
                caller.require(&Permission::ReadIndicatorData)?;
                let status = None $(.or(<$filter as series::ListFilter>::status(&own)))?;
                let (items, next_cursor) = series::list::<$row>(&state, &query, status).await?;
                Ok(HttpResponse::Ok().json($page { items, next_cursor }))
            }

            $(#[$get_doc])*
            #[utoipa::path(
                tag = "indicators",
                params(PointPath),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = $one, body = $response,
                        headers(("ETag" = String, description = $version))),
                    ReadErrors,
                    AuthErrors
                )
            )]
            #[get($point)]
            pub async fn $get(
                state: web::Data<AppState>,
                caller: Caller,
                path: web::Path<PointPath>,
            ) -> Result<HttpResponse, ApiError> {
                caller.require(&Permission::ReadIndicatorData)?;
                series::get::<$row>(&state, path.into_inner()).await
            }

            $(#[$put_doc])*
            #[utoipa::path(
                tag = "indicators",
                request_body = $request,
                params(
                    PointPath,
                    ("If-Match" = Option<String>, Header, description = $if_match),
                    ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response"),
                ),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "Replaced (the version grows only if something changed)",
                        body = $response, headers(("ETag" = String))),
                    (status = 201, description = "Created", body = $response,
                        headers(("Location" = String, description = $location), ("ETag" = String))),
                    UpdateErrors,
                    AuthErrors
                )
            )]
            #[put($point)]
            pub async fn $put(
                state: web::Data<AppState>,
                caller: Caller,
                req: HttpRequest,
                path: web::Path<PointPath>,
                body: Body<$request>,
            ) -> Result<HttpResponse, ApiError> {
                caller.require(&Permission::$write { region: &path.region })?;
                let Body { value, bytes } = body;
                let collection = concat!("/api/v1", $collection);
                series::put::<$row>(&state, caller.actor(), &req, collection, path.into_inner(), value, &bytes).await
            }

            $(#[$bulk_doc])*
            #[utoipa::path(
                tag = "indicators",
                request_body = $bulk_request,
                params(("Idempotency-Key" = Option<String>, Header,
                    description = "Makes a retry return the first response instead of writing twice")),
                security(("bearer" = [])),
                responses(
                    (status = 200, description = "Stored", body = BulkWriteResponse),
                    CreateErrors,
                    AuthErrors
                )
            )]
            #[post($bulk_path)]
            pub async fn $bulk(
                state: web::Data<AppState>,
                caller: Caller,
                req: HttpRequest,
                body: Body<$bulk_request>,
            ) -> Result<HttpResponse, ApiError> {
                let Body { value, bytes } = body;
                series::require_every_region::<$row>(&caller, &value.items, |region| Permission::$write { region })?;
                series::bulk::<$row>(&state, caller.actor(), &req, value.items, &bytes).await
            }
        }
    };
}
pub(crate) use series_endpoints;
