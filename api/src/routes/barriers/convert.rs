//! Barrier tickets between the contract's JSON and the domain.

use chrono::NaiveDate;
use zorgpact_contract::barrier::{
    AvailableTransition, BarrierFieldsRequest, BarrierResponse, CreateBarrierRequest, OfficialRef, OriginalRef,
    ServiceClockResponse, StepResponse, TicketLink, TransitionRequest,
};
use zorgpact_db::DbError;
use zorgpact_db::barriers::{BarrierFilter, StepRow, StoredBarrier, TicketRef};
use zorgpact_domain::auth::BarrierScope;
use zorgpact_domain::barrier::clock::{
    ClockStep, ServiceClock, ServiceTargets, TargetPeriod, service_clock, targets_for,
};
use zorgpact_domain::barrier::workflow::{StepField, StepInput, StepRule};
use zorgpact_domain::barrier::{
    BarrierCategory, BarrierFields, BarrierInput, BarrierStatus, Ministry, NewBarrier, NewBarrierInput,
};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{InvalidValue, Parsed, ValidationErrors, Validator, at, optional_at, text};

use crate::http::timestamp::timestamp;
use crate::routes::stored;

/// Longest accepted free-text search (blank means no search).
const SEARCH_MAX: usize = 200;

pub fn new_barrier(dto: &CreateBarrierRequest, today: NaiveDate) -> Result<NewBarrier, ValidationErrors> {
    NewBarrier::parse(
        &NewBarrierInput {
            region_code: &dto.region_code,
            title: &dto.title,
            description: &dto.description,
            category: dto.category,
            ministry: dto.ministry,
            filed_on: dto.filed_on.as_deref(),
        },
        today,
    )
}

/// What a ticket says; a status in the body is refused with the way to change it.
pub fn barrier_fields(dto: &BarrierFieldsRequest, id: &str) -> Result<BarrierFields, ValidationErrors> {
    let fields = BarrierFields::parse(&BarrierInput {
        title: &dto.title,
        description: &dto.description,
        category: dto.category,
    });
    let status = Parsed::from(match dto.status {
        Some(_) => Err(ValidationErrors::single(
            "/status",
            InvalidValue::not_allowed(format!(
                "changes only through the workflow: POST /api/v1/barrier-tickets/{id}/transitions"
            )),
        )),
        None => Ok(()),
    });
    Validator::all((fields, status)).map(|(fields, ())| fields)
}

/// A step's data as the domain reads it.
pub fn step_input(dto: &TransitionRequest) -> StepInput<'_> {
    StepInput {
        note: dto.note.as_deref(),
        ministry: dto.ministry,
        official: dto.official.as_deref(),
        answer: dto.answer.as_deref(),
        resolution: dto.resolution,
        location: dto.location,
        reason: dto.reason.as_deref(),
        public: dto.public,
    }
}

/// A step as offered to a caller: what it requires and what else it takes.
pub fn available(rule: &StepRule) -> AvailableTransition {
    let requires = rule.needs.to_vec();
    let accepts = StepField::ALL
        .iter()
        .copied()
        .filter(|field| !requires.contains(field) && (rule.may.contains(field) || *field == StepField::Note))
        .collect();
    AvailableTransition {
        to: rule.to,
        requires,
        accepts,
    }
}

/// The raw filters of a list; each error is reported under the parameter's name.
pub struct FilterInput<'a> {
    pub region: Option<&'a str>,
    pub status: Option<BarrierStatus>,
    pub ministry: Option<Ministry>,
    pub category: Option<BarrierCategory>,
    pub q: Option<&'a str>,
}

pub fn list_filter(input: &FilterInput<'_>, scope: BarrierScope) -> Result<BarrierFilter, ValidationErrors> {
    let region = optional_at("region", input.region, RegionCode::parse);
    let search = at("q", text::optional(input.q, SEARCH_MAX));
    let (region, search) = Validator::all((region, search))?;
    Ok(BarrierFilter {
        scope,
        region,
        status: input.status,
        ministry: input.ministry,
        category: input.category,
        text: search,
    })
}

/// A ticket's clock on `today`, and the targets in force when it was filed.
pub fn ticket_clock(
    stored_barrier: &StoredBarrier,
    targets: &[TargetPeriod],
    today: NaiveDate,
) -> Result<(ServiceClock, ServiceTargets), DbError> {
    let steps = stored_barrier
        .steps
        .iter()
        .map(|step| {
            Ok(ClockStep {
                from: stored::optional("barrier status", step.from_status.as_deref())?,
                to: stored::code("barrier status", &step.to_status)?,
                at: step.taken_at,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let ministry = stored::optional("ministry", stored_barrier.row.ministry.as_deref())?;
    let targets = targets_for(targets, ministry, stored_barrier.row.created_at);
    Ok((service_clock(&steps, today), targets))
}

fn clock_response(clock: ServiceClock, targets: ServiceTargets) -> ServiceClockResponse {
    ServiceClockResponse {
        first_response_days: clock.to_first_response,
        responded: clock.responded,
        handling_days: clock.handling,
        running: clock.running,
        target_first_response_days: targets.first_response_days,
        target_answer_days: targets.answer_days,
        overdue: clock.overdue(&targets),
    }
}

fn original_ref(original: TicketRef) -> Result<OriginalRef, DbError> {
    Ok(OriginalRef {
        status: stored::code("barrier status", &original.status)?,
        resolution: stored::optional("resolution", original.resolution.as_deref())?,
        id: original.id,
        title: original.title,
        answer: original.answer,
    })
}

/// A ticket as the API shows it, its clock read on `today` against `targets`
/// (the ministries' target history).
pub fn barrier_response(
    stored_barrier: StoredBarrier,
    targets: &[TargetPeriod],
    today: NaiveDate,
) -> Result<BarrierResponse, DbError> {
    let (clock, targets) = ticket_clock(&stored_barrier, targets, today)?;
    let StoredBarrier {
        row,
        official_name,
        original,
        duplicates,
        ..
    } = stored_barrier;
    let original = original.map(original_ref).transpose()?;
    // A duplicate follows its original's resolution until it has its own.
    let own_resolution = stored::optional("resolution", row.resolution.as_deref())?;
    let resolution = own_resolution.or(original.as_ref().and_then(|o| o.resolution));
    Ok(BarrierResponse {
        clock: clock_response(clock, targets),
        duplicate_of: original,
        duplicates: duplicates
            .into_iter()
            .map(|d| TicketLink {
                id: d.id,
                title: d.title,
            })
            .collect(),
        category: stored::code("barrier category", &row.category)?,
        ministry: stored::optional("ministry", row.ministry.as_deref())?,
        status: stored::code("barrier status", &row.status)?,
        resolution,
        location: stored::optional("barrier location", row.location.as_deref())?,
        official: match (row.official_id, official_name) {
            (Some(id), Some(name)) => Some(OfficialRef { id, name }),
            (Some(id), None) => {
                return Err(DbError::Internal(format!(
                    "ticket {}: official {id} has no account",
                    row.id
                )));
            }
            (None, _) => None,
        },
        id: row.id,
        region_code: row.region_code,
        title: row.title,
        description: row.description,
        answer: row.answer,
        public: row.public,
        rejection_reason: row.rejection_reason,
        filed_on: row.filed_on.to_string(),
        answered_at: row.answered_at.map(timestamp),
        closed_at: row.closed_at.map(timestamp),
        version: row.version,
    })
}

pub fn step_response(row: StepRow) -> Result<StepResponse, DbError> {
    Ok(StepResponse {
        from: stored::optional("barrier status", row.from_status.as_deref())?,
        to: stored::code("barrier status", &row.to_status)?,
        id: row.id,
        actor: row.actor_name,
        at: timestamp(row.taken_at),
        note: row.note,
    })
}
