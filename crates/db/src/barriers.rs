//! Barrier tickets and the steps of their workflow.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::auth::BarrierScope;
use zorgpact_domain::barrier::duplicate;
use zorgpact_domain::barrier::workflow::{Deadlines, Step, StepChange, WorkflowFields};
use zorgpact_domain::barrier::{BarrierCategory, BarrierFields, BarrierStatus, Ministry, NewBarrier};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::user::{Assignable, check_official_of};
use zorgpact_domain::webhook::{BarrierTransitioned, WebhookEventType};
use zorgpact_domain::{Code, InvalidValue, ValidationErrors};

use crate::audit::{self, Actor};
use crate::schema::{barrier_steps, barrier_tickets, users};
use crate::search::{contains_pattern, lower};
use crate::{DbConnection, DbError, in_transaction, regions, webhooks};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = barrier_tickets)]
pub struct BarrierRow {
    pub id: String,
    pub region_code: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub ministry: Option<String>,
    pub status: String,
    pub resolution: Option<String>,
    pub answer: Option<String>,
    pub filed_on: NaiveDate,
    pub closed_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub official_id: Option<String>,
    pub location: Option<String>,
    pub public: bool,
    pub rejection_reason: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
    /// The ticket this one asks again; it follows that one's resolution.
    pub duplicate_of: Option<String>,
}

/// A ticket with the name of the official it is assigned to and its timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredBarrier {
    pub row: BarrierRow,
    pub official_name: Option<String>,
    /// Oldest first, the filing first.
    pub steps: Vec<StepRow>,
    /// For a duplicate: the ticket at the top of its chain of originals, whose
    /// resolution it follows.
    pub original: Option<TicketRef>,
    /// The tickets marked as duplicates of this one.
    pub duplicates: Vec<TicketRef>,
}

/// Another ticket, as a ticket refers to it.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = barrier_tickets)]
pub struct TicketRef {
    pub id: String,
    pub title: String,
    pub status: String,
    pub resolution: Option<String>,
    pub answer: Option<String>,
    pub duplicate_of: Option<String>,
}

/// One recorded step; the filing is the first, from no status.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = barrier_steps)]
pub struct StepRow {
    pub id: String,
    pub ticket_id: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_id: String,
    pub actor_name: String,
    pub note: Option<String>,
    pub taken_at: NaiveDateTime,
}

/// The audit trail's name for a ticket.
pub(crate) const RESOURCE: &str = "barrier_ticket";

/// Which tickets a list shows; `None` means no restriction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarrierFilter {
    /// What the caller may read at all.
    pub scope: BarrierScope,
    pub region: Option<RegionCode>,
    pub status: Option<BarrierStatus>,
    pub ministry: Option<Ministry>,
    pub category: Option<BarrierCategory>,
    /// Free text, found case-insensitively in the title or the description.
    pub text: Option<String>,
}

impl BarrierFilter {
    /// Every ticket the scope allows.
    pub fn within(scope: BarrierScope) -> Self {
        Self {
            scope,
            region: None,
            status: None,
            ministry: None,
            category: None,
            text: None,
        }
    }
}

/// A stored code read back as the domain's enum; a code the domain does not know
/// means a broken database.
pub(crate) fn stored<T: Code>(what: &str, code: &str) -> Result<T, DbError> {
    T::parse(code).map_err(|e| DbError::Internal(format!("stored {what} {code:?}: {e}")))
}

pub(crate) fn stored_optional<T: Code>(what: &str, code: Option<&str>) -> Result<Option<T>, DbError> {
    code.map(|code| stored(what, code)).transpose()
}

impl BarrierRow {
    /// The ticket's place in the workflow, as the domain sees it.
    pub fn workflow(&self) -> Result<WorkflowFields, DbError> {
        Ok(WorkflowFields {
            status: stored("barrier status", &self.status)?,
            ministry: stored_optional("ministry", self.ministry.as_deref())?,
            official: self.official_id.clone(),
            answer: self.answer.clone(),
            resolution: stored_optional("resolution", self.resolution.as_deref())?,
            location: stored_optional("barrier location", self.location.as_deref())?,
            public: self.public,
            rejection_reason: self.rejection_reason.clone(),
            answered_at: self.answered_at,
            closed_at: self.closed_at,
        })
    }
}

#[derive(AsChangeset)]
#[diesel(table_name = barrier_tickets, treat_none_as_null = true)]
struct WorkflowChanges<'a> {
    status: &'a str,
    ministry: Option<&'a str>,
    official_id: Option<&'a str>,
    answer: Option<&'a str>,
    resolution: Option<&'a str>,
    location: Option<&'a str>,
    public: bool,
    rejection_reason: Option<&'a str>,
    answered_at: Option<NaiveDateTime>,
    closed_at: Option<NaiveDateTime>,
}

impl<'a> WorkflowChanges<'a> {
    fn new(f: &'a WorkflowFields) -> Self {
        Self {
            status: f.status.as_str(),
            ministry: f.ministry.map(Ministry::as_str),
            official_id: f.official.as_deref(),
            answer: f.answer.as_deref(),
            resolution: f.resolution.map(|r| r.as_str()),
            location: f.location.map(|l| l.as_str()),
            public: f.public,
            rejection_reason: f.rejection_reason.as_deref(),
            answered_at: f.answered_at,
            closed_at: f.closed_at,
        }
    }
}

type WithOfficial = (BarrierRow, Option<String>);

/// Tickets with the name of their official: one query for a page.
macro_rules! with_official {
    () => {
        barrier_tickets::table
            .left_join(users::table.on(users::id.nullable().eq(barrier_tickets::official_id)))
            .select((BarrierRow::as_select(), users::display_name.nullable()))
    };
}

/// The tickets with their timelines (one query for all their steps) and their
/// duplicates (one query), and each duplicate's original.
fn with_steps(conn: &mut DbConnection, found: Vec<WithOfficial>) -> Result<Vec<StoredBarrier>, DbError> {
    let ids: Vec<&str> = found.iter().map(|(row, _)| row.id.as_str()).collect();
    let mut steps: Vec<StepRow> = Vec::new();
    let mut duplicates: Vec<TicketRef> = Vec::new();
    // Bound parameters are limited; a page is at most a few hundred tickets.
    for chunk in ids.chunks(500) {
        steps.extend(
            barrier_steps::table
                .filter(barrier_steps::ticket_id.eq_any(chunk))
                .order((barrier_steps::taken_at.asc(), barrier_steps::id.asc()))
                .select(StepRow::as_select())
                .load(conn)?,
        );
        duplicates.extend(
            barrier_tickets::table
                .filter(barrier_tickets::duplicate_of.eq_any(chunk))
                .order(barrier_tickets::id.asc())
                .select(TicketRef::as_select())
                .load(conn)?,
        );
    }
    found
        .into_iter()
        .map(|(row, official_name)| {
            let steps = steps.iter().filter(|s| s.ticket_id == row.id).cloned().collect();
            let own_duplicates = duplicates
                .iter()
                .filter(|d| d.duplicate_of.as_deref() == Some(row.id.as_str()))
                .cloned()
                .collect();
            let original = match &row.duplicate_of {
                Some(original) => Some(top_of_chain(conn, original)?),
                None => None,
            };
            Ok(StoredBarrier {
                row,
                official_name,
                steps,
                original,
                duplicates: own_duplicates,
            })
        })
        .collect()
}

/// The tickets above `id` in its chain of originals, nearest first, `id` included.
pub(crate) fn chain_from(conn: &mut DbConnection, id: &str) -> Result<Vec<TicketRef>, DbError> {
    let mut chain: Vec<TicketRef> = Vec::new();
    let mut next = Some(id.to_owned());
    while let Some(id) = next.take() {
        // Cycles are refused when marking; the bound guards a database edited by hand.
        if chain.len() > duplicate::CHAIN_MAX || chain.iter().any(|t| t.id == id) {
            return Err(DbError::Internal(format!("ticket {id}: the chain of duplicates loops")));
        }
        let found: TicketRef = barrier_tickets::table
            .find(&id)
            .select(TicketRef::as_select())
            .first(conn)?;
        next.clone_from(&found.duplicate_of);
        chain.push(found);
    }
    Ok(chain)
}

/// The original a duplicate of `original` follows: the top of the chain.
fn top_of_chain(conn: &mut DbConnection, original: &str) -> Result<TicketRef, DbError> {
    chain_from(conn, original)?
        .pop()
        .ok_or_else(|| DbError::Internal(format!("ticket {original}: empty chain")))
}

/// Up to `limit` tickets matching `filter` after the one with id `after`, by id.
pub fn list_page(
    conn: &mut DbConnection,
    filter: &BarrierFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<StoredBarrier>, DbError> {
    let mut query = with_official!()
        .order(barrier_tickets::id.asc())
        .limit(limit)
        .into_boxed();
    match &filter.scope {
        BarrierScope::All => {}
        BarrierScope::None => return Ok(Vec::new()),
        BarrierScope::PublicAnd { regions, ministry } => {
            // No ministry (a coordinator) matches no ticket: codes are never empty.
            let own_ministry = ministry.map(Ministry::as_str).unwrap_or_default();
            query = query.filter(
                barrier_tickets::public
                    .eq(true)
                    .or(barrier_tickets::region_code.eq_any(regions.clone()))
                    .or(barrier_tickets::ministry.eq(own_ministry)),
            );
        }
    }
    if let Some(after) = after {
        query = query.filter(barrier_tickets::id.gt(after.to_owned()));
    }
    if let Some(region) = &filter.region {
        query = query.filter(barrier_tickets::region_code.eq(region.as_str().to_owned()));
    }
    if let Some(status) = filter.status {
        query = query.filter(barrier_tickets::status.eq(status.as_str()));
    }
    if let Some(ministry) = filter.ministry {
        query = query.filter(barrier_tickets::ministry.eq(ministry.as_str()));
    }
    if let Some(category) = filter.category {
        query = query.filter(barrier_tickets::category.eq(category.as_str()));
    }
    if let Some(text) = &filter.text {
        let pattern = contains_pattern(text);
        query = query.filter(
            lower(barrier_tickets::title)
                .like(lower(pattern.clone()))
                .escape('\\')
                .or(lower(barrier_tickets::description).like(lower(pattern)).escape('\\')),
        );
    }
    let found = query.load::<WithOfficial>(conn)?;
    with_steps(conn, found)
}

/// `NotFound` unless ticket `id` exists: for what is added to a ticket.
pub(crate) fn require(conn: &mut DbConnection, id: &str) -> Result<(), DbError> {
    barrier_tickets::table
        .find(id)
        .select(barrier_tickets::id)
        .first::<String>(conn)?;
    Ok(())
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<StoredBarrier, DbError> {
    let found: WithOfficial = with_official!().filter(barrier_tickets::id.eq(id)).first(conn)?;
    with_steps(conn, vec![found])?.pop().ok_or(DbError::NotFound)
}

fn record_step(
    conn: &mut DbConnection,
    actor: &Actor,
    ticket_id: &str,
    from: Option<BarrierStatus>,
    to: BarrierStatus,
    note: Option<&str>,
    at: NaiveDateTime,
) -> Result<StepRow, DbError> {
    let step = StepRow {
        id: Uuid::now_v7().to_string(),
        ticket_id: ticket_id.to_owned(),
        from_status: from.map(|s| s.as_str().to_owned()),
        to_status: to.as_str().to_owned(),
        actor_id: actor.id.clone(),
        actor_name: actor.name.clone(),
        note: note.map(str::to_owned),
        taken_at: at,
    };
    diesel::insert_into(barrier_steps::table).values(&step).execute(conn)?;
    Ok(step)
}

/// Files a new ticket for an existing region: `submitted`, its filing the first
/// step of its timeline.
pub fn create(conn: &mut DbConnection, actor: &Actor, barrier: &NewBarrier) -> Result<StoredBarrier, DbError> {
    in_transaction(conn, |conn| {
        if !regions::exists(conn, barrier.region_code.as_str())? {
            return Err(DbError::Invalid(ValidationErrors::single(
                "/region_code",
                InvalidValue::unknown_reference(format!("no region has the code {}", barrier.region_code)),
            )));
        }
        let now = Utc::now().naive_utc();
        let id = Uuid::now_v7().to_string();
        let fields = &barrier.fields;
        diesel::insert_into(barrier_tickets::table)
            .values((
                barrier_tickets::id.eq(&id),
                barrier_tickets::region_code.eq(barrier.region_code.as_str()),
                barrier_tickets::filed_on.eq(barrier.filed_on),
                barrier_tickets::title.eq(&fields.title),
                barrier_tickets::description.eq(&fields.description),
                barrier_tickets::category.eq(fields.category.as_str()),
                barrier_tickets::ministry.eq(barrier.ministry.map(Ministry::as_str)),
                barrier_tickets::status.eq(BarrierStatus::Submitted.as_str()),
                barrier_tickets::public.eq(false),
                barrier_tickets::version.eq(1),
                barrier_tickets::created_at.eq(now),
                barrier_tickets::updated_at.eq(now),
            ))
            .execute(conn)?;
        record_step(conn, actor, &id, None, BarrierStatus::Submitted, None, now)?;
        let created = get(conn, &id)?;
        audit::record(
            conn,
            actor,
            "create",
            RESOURCE,
            &id,
            None::<&BarrierRow>,
            Some(&created.row),
        )?;
        Ok(created)
    })
}

/// Bumps the version of a ticket still at `version`, or fails as stale.
pub(crate) fn bump_version(conn: &mut DbConnection, id: &str, version: i64, now: NaiveDateTime) -> Result<(), DbError> {
    let changed = diesel::update(
        barrier_tickets::table
            .find(id)
            .filter(barrier_tickets::version.eq(version)),
    )
    .set((
        barrier_tickets::version.eq(version + 1),
        barrier_tickets::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 1 {
        Ok(())
    } else {
        Err(DbError::PreconditionFailed)
    }
}

/// Replaces what a ticket says (title, description, category) if it is still at
/// `version`, the version the caller was authorised against.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    version: i64,
    fields: &BarrierFields,
) -> Result<StoredBarrier, DbError> {
    in_transaction(conn, |conn| {
        let current = get(conn, id)?;
        let now = Utc::now().naive_utc();
        bump_version(conn, id, version, now)?;
        diesel::update(barrier_tickets::table.find(id))
            .set((
                barrier_tickets::title.eq(&fields.title),
                barrier_tickets::description.eq(&fields.description),
                barrier_tickets::category.eq(fields.category.as_str()),
            ))
            .execute(conn)?;
        let updated = get(conn, id)?;
        audit::record(
            conn,
            actor,
            "update",
            RESOURCE,
            id,
            Some(&current.row),
            Some(&updated.row),
        )?;
        Ok(updated)
    })
}

/// Takes a checked step on a ticket still at `version` (the version the step was
/// allowed and authorised against): the ticket changes, the step is recorded.
/// Assigning checks the official against the stored accounts.
pub fn take_step(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    version: i64,
    step: &Step,
) -> Result<(StoredBarrier, StepRow), DbError> {
    in_transaction(conn, |conn| {
        let current = get(conn, id)?;
        if let StepChange::Assign { ministry, official } = &step.change {
            check_assignee(conn, *ministry, official)?;
        }
        let now = Utc::now().naive_utc();
        bump_version(conn, id, version, now)?;
        let before = current.row.workflow()?;
        let after = before.after(step, now);
        diesel::update(barrier_tickets::table.find(id))
            .set(WorkflowChanges::new(&after))
            .execute(conn)?;
        let recorded = record_step(conn, actor, id, Some(before.status), step.to, step.note.as_deref(), now)?;
        let updated = get(conn, id)?;
        webhooks::enqueue(
            conn,
            WebhookEventType::BarrierTransitioned,
            &BarrierTransitioned {
                ticket_id: id.to_owned(),
                region_code: updated.row.region_code.clone(),
                from: before.status.as_str().to_owned(),
                to: step.to.as_str().to_owned(),
                version: updated.row.version,
            },
        )?;
        audit::record(
            conn,
            actor,
            "transition",
            RESOURCE,
            id,
            Some(&current.row),
            Some(&updated.row),
        )?;
        Ok((updated, recorded))
    })
}

fn check_assignee(conn: &mut DbConnection, ministry: Ministry, official: &str) -> Result<(), DbError> {
    let account: Option<(String, Option<String>, bool)> = users::table
        .find(official)
        .select((users::role, users::ministry, users::active))
        .first(conn)
        .optional()?;
    let account = match account {
        Some((role, ministry, active)) => Some(Assignable {
            role: stored("role", &role)?,
            ministry: stored_optional("ministry", ministry.as_deref())?,
            active,
        }),
        None => None,
    };
    check_official_of(ministry, account)
        .map_err(|reason| DbError::Invalid(ValidationErrors::from(reason.at("/official"))))
}

/// Closes the answers the regions did not react to within the deadline, as the
/// system; returns how many. Safe to run from several instances at once: each
/// ticket is closed by whichever run bumps its version first.
pub fn close_unconfirmed(conn: &mut DbConnection, deadlines: &Deadlines, now: NaiveDateTime) -> Result<usize, DbError> {
    let due: Vec<(String, i64)> = barrier_tickets::table
        .filter(barrier_tickets::status.eq(BarrierStatus::Answered.as_str()))
        .filter(barrier_tickets::answered_at.le(deadlines.auto_close_before(now)))
        .select((barrier_tickets::id, barrier_tickets::version))
        .load(conn)?;
    let actor = Actor::system("Zorgpact");
    let note = format!(
        "Automatisch gesloten: geen reactie binnen {} dagen na het antwoord.",
        deadlines.auto_close_days
    );
    let step = Step {
        to: BarrierStatus::Closed,
        note: Some(note),
        change: StepChange::None,
    };
    let mut closed = 0;
    for (id, version) in due {
        match take_step(conn, &actor, &id, version, &step) {
            Ok(_) => closed += 1,
            Err(DbError::PreconditionFailed) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(closed)
}
