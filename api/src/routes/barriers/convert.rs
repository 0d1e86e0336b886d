//! Barrier tickets between the contract's JSON and the domain.

use chrono::NaiveDate;
use zorgpact_contract::barrier::{BarrierFieldsRequest, BarrierResponse, CreateBarrierRequest};
use zorgpact_db::barriers::{BarrierFilter, BarrierRow};
use zorgpact_domain::barrier::{
    BarrierCategory, BarrierFields, BarrierInput, BarrierStatus, Ministry, NewBarrier, NewBarrierInput,
};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{ValidationErrors, Validator, text};

use crate::error::ApiError;
use crate::http::timestamp::timestamp;
use crate::routes::stored;
use zorgpact_db::DbError;

/// Longest accepted free-text search (blank means no search).
const SEARCH_MAX: usize = 200;

pub fn new_barrier(dto: &CreateBarrierRequest, today: NaiveDate) -> Result<NewBarrier, ValidationErrors> {
    let mut v = Validator::new();
    let barrier = NewBarrier::parse(
        &NewBarrierInput {
            region_code: &dto.region_code,
            title: &dto.title,
            description: &dto.description,
            category: dto.category,
            ministry: dto.ministry,
            filed_on: dto.filed_on.as_deref(),
        },
        today,
        &mut v,
    );
    v.finish()?;
    barrier.ok_or_else(|| ValidationErrors::single("", "invalid barrier ticket"))
}

pub fn barrier_fields(dto: &BarrierFieldsRequest) -> Result<BarrierFields, ValidationErrors> {
    let mut v = Validator::new();
    let fields = BarrierFields::parse(
        &BarrierInput {
            title: &dto.title,
            description: &dto.description,
            category: dto.category,
            ministry: dto.ministry,
            status: dto.status,
            resolution: dto.resolution,
            resolution_note: dto.resolution_note.as_deref(),
        },
        &mut v,
    );
    v.finish()?;
    fields.ok_or_else(|| ValidationErrors::single("", "invalid barrier ticket"))
}

/// The raw filters of a list; each error is reported under the parameter's name.
pub struct FilterInput<'a> {
    pub region: Option<&'a str>,
    pub status: Option<BarrierStatus>,
    pub ministry: Option<Ministry>,
    pub category: Option<BarrierCategory>,
    pub q: Option<&'a str>,
}

pub fn list_filter(input: &FilterInput<'_>) -> Result<BarrierFilter, ValidationErrors> {
    let mut v = Validator::new();
    let region = v.optional("region", input.region, RegionCode::parse);
    let search = v.field("q", text::optional(input.q, SEARCH_MAX));
    v.finish()?;
    Ok(BarrierFilter {
        region: region.flatten(),
        status: input.status,
        ministry: input.ministry,
        category: input.category,
        text: search.flatten(),
    })
}

/// The stored ministry and status of a ticket, which decide who may edit it.
pub fn stored_ministry_and_status(row: &BarrierRow) -> Result<(Option<Ministry>, BarrierStatus), ApiError> {
    let broken = |e| ApiError::Internal(format!("stored barrier ticket {}: {e}", row.id));
    let ministry = row
        .ministry
        .as_deref()
        .map(Ministry::parse)
        .transpose()
        .map_err(broken)?;
    let status = BarrierStatus::parse(&row.status).map_err(broken)?;
    Ok((ministry, status))
}

pub fn barrier_response(row: BarrierRow) -> Result<BarrierResponse, DbError> {
    Ok(BarrierResponse {
        category: stored::code("barrier category", &row.category)?,
        ministry: stored::optional("ministry", row.ministry.as_deref())?,
        status: stored::code("barrier status", &row.status)?,
        resolution: stored::optional("resolution", row.resolution.as_deref())?,
        id: row.id,
        region_code: row.region_code,
        title: row.title,
        description: row.description,
        resolution_note: row.resolution_note,
        filed_on: row.filed_on.to_string(),
        closed_at: row.closed_at.map(timestamp),
        version: row.version,
    })
}
