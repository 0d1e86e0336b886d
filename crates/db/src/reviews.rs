//! Progress reviews (Volgspot): each version of a review with its barrier
//! tickets, intentions (and the actions they became) and scores; and the
//! region's figures and actions as of a review's date, for its report.
//!
//! The rules (which step from which status, final is read-only, an intention
//! becomes an action once) are the domain's; they are checked here inside the
//! transaction of the change, so two writers cannot both pass them.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::action::ActionFields;
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::review::{
    NewReview, ReviewParts, ReviewRefused, ReviewRound, ReviewStatus, Score, check_correction, check_editable,
    check_intention_to_action, check_step,
};
use zorgpact_domain::version::Precondition;
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator};

use crate::actions::{self, ActionDetails};
use crate::audit::{self, Actor};
use crate::schema::{
    action_updates, actions as actions_table, barrier_tickets, indicator_value_revisions, indicator_values, indicators,
    progress_review_intentions, progress_review_scores, progress_review_tickets, progress_reviews, regions,
};
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = progress_reviews, treat_none_as_null = true)]
pub struct ReviewRow {
    pub id: String,
    pub region_code: String,
    pub review_round: String,
    pub review_date: NaiveDate,
    pub status: String,
    pub number: i64,
    pub previous_id: Option<String>,
    pub superseded_by: Option<String>,
    pub why_question: String,
    pub why_transition: String,
    pub what_themes: String,
    pub what_focus_areas: String,
    pub how_cooperation: String,
    pub how_partners: String,
    pub how_success_factors: String,
    pub how_barriers: String,
    pub process_phase: Option<String>,
    pub process_notes: String,
    pub progress_results: String,
    pub shared_at: Option<NaiveDateTime>,
    pub finalised_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = progress_review_intentions)]
pub struct IntentionRow {
    pub review_id: String,
    pub position: i64,
    pub body: String,
    pub action_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = progress_review_scores)]
pub struct ScoreRow {
    pub review_id: String,
    pub aspect: String,
    pub level: String,
    pub motivation: String,
}

/// The action an intention became, as it stands now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedAction {
    pub id: String,
    pub title: String,
    pub status: String,
    pub progress: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredIntention {
    #[serde(flatten)]
    pub row: IntentionRow,
    #[serde(skip)]
    pub action: Option<LinkedAction>,
}

/// A review with its links; in the audit trail one flat object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredReview {
    #[serde(flatten)]
    pub row: ReviewRow,
    pub ticket_ids: Vec<String>,
    pub intentions: Vec<StoredIntention>,
    pub scores: Vec<ScoreRow>,
    /// The tickets named, as stored (for the API to filter by who may read them).
    #[serde(skip)]
    pub tickets: Vec<crate::barriers::BarrierRow>,
}

impl StoredReview {
    pub fn status(&self) -> Result<ReviewStatus, DbError> {
        ReviewStatus::parse(&self.row.status)
            .map_err(|e| DbError::Internal(format!("stored review status {:?}: {e}", self.row.status)))
    }
}

fn refused(error: ReviewRefused) -> DbError {
    DbError::Conflict(error.0)
}

fn load(conn: &mut DbConnection, rows: Vec<ReviewRow>) -> Result<Vec<StoredReview>, DbError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let tickets: Vec<(String, String)> = progress_review_tickets::table
        .filter(progress_review_tickets::review_id.eq_any(&ids))
        .order(progress_review_tickets::ticket_id.asc())
        .select((progress_review_tickets::review_id, progress_review_tickets::ticket_id))
        .load(conn)?;
    let ticket_ids: Vec<String> = tickets.iter().map(|(_, t)| t.clone()).collect();
    let ticket_rows: Vec<crate::barriers::BarrierRow> = barrier_tickets::table
        .filter(barrier_tickets::id.eq_any(&ticket_ids))
        .select(crate::barriers::BarrierRow::as_select())
        .load(conn)?;
    let intentions: Vec<IntentionRow> = progress_review_intentions::table
        .filter(progress_review_intentions::review_id.eq_any(&ids))
        .order(progress_review_intentions::position.asc())
        .select(IntentionRow::as_select())
        .load(conn)?;
    let action_ids: Vec<String> = intentions.iter().filter_map(|i| i.action_id.clone()).collect();
    let linked: Vec<(String, String, String, i32)> = actions_table::table
        .filter(actions_table::id.eq_any(&action_ids))
        .select((
            actions_table::id,
            actions_table::title,
            actions_table::status,
            actions_table::progress,
        ))
        .load(conn)?;
    let scores: Vec<ScoreRow> = progress_review_scores::table
        .filter(progress_review_scores::review_id.eq_any(&ids))
        .order(progress_review_scores::aspect.asc())
        .select(ScoreRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let own_tickets: Vec<String> = tickets
                .iter()
                .filter(|(r, _)| *r == row.id)
                .map(|(_, t)| t.clone())
                .collect();
            StoredReview {
                tickets: ticket_rows
                    .iter()
                    .filter(|t| own_tickets.contains(&t.id))
                    .cloned()
                    .collect(),
                ticket_ids: own_tickets,
                intentions: intentions
                    .iter()
                    .filter(|i| i.review_id == row.id)
                    .map(|i| StoredIntention {
                        row: i.clone(),
                        action: linked.iter().find(|(id, ..)| Some(id) == i.action_id.as_ref()).map(
                            |(id, title, status, progress)| LinkedAction {
                                id: id.clone(),
                                title: title.clone(),
                                status: status.clone(),
                                progress: *progress,
                            },
                        ),
                    })
                    .collect(),
                scores: scores.iter().filter(|s| s.review_id == row.id).cloned().collect(),
                row,
            }
        })
        .collect())
}

/// One review (any version).
pub fn get(conn: &mut DbConnection, id: &str) -> Result<StoredReview, DbError> {
    let row = progress_reviews::table
        .find(id)
        .select(ReviewRow::as_select())
        .first(conn)?;
    load(conn, vec![row])?.pop().ok_or(DbError::NotFound)
}

/// Every review of a region, every version, newest review date first.
pub fn of_region(conn: &mut DbConnection, region: &str) -> Result<Vec<StoredReview>, DbError> {
    crate::regions::get(conn, region)?;
    let rows = progress_reviews::table
        .filter(progress_reviews::region_code.eq(region))
        .order((
            progress_reviews::review_date.desc(),
            progress_reviews::number.desc(),
            progress_reviews::id.desc(),
        ))
        .select(ReviewRow::as_select())
        .load(conn)?;
    load(conn, rows)
}

/// Every review of a round (all regions, every version), with the regions' names.
pub fn of_round(conn: &mut DbConnection, round: ReviewRound) -> Result<Vec<(StoredReview, String)>, DbError> {
    let rows = progress_reviews::table
        .filter(progress_reviews::review_round.eq(round.as_str()))
        .order((
            progress_reviews::region_code.asc(),
            progress_reviews::review_date.desc(),
            progress_reviews::number.desc(),
            progress_reviews::id.desc(),
        ))
        .select(ReviewRow::as_select())
        .load(conn)?;
    let names: Vec<(String, String)> = regions::table.select((regions::code, regions::name)).load(conn)?;
    Ok(load(conn, rows)?
        .into_iter()
        .map(|review| {
            let name = names
                .iter()
                .find(|(code, _)| *code == review.row.region_code)
                .map_or_else(String::new, |(_, name)| name.clone());
            (review, name)
        })
        .collect())
}

/// Checks that the named tickets exist and are the region's.
fn check_tickets(conn: &mut DbConnection, region: &str, ids: &[String]) -> Result<(), DbError> {
    let found: Vec<(String, String)> = barrier_tickets::table
        .filter(barrier_tickets::id.eq_any(ids))
        .select((barrier_tickets::id, barrier_tickets::region_code))
        .load(conn)?;
    let mut v = Validator::new();
    for (n, id) in ids.iter().enumerate() {
        v.check(
            found.iter().any(|(t, r)| t == id && r == region),
            &format!("/parts/barrier_ticket_ids/{n}"),
            InvalidValue::unknown_reference(format!("is not a barrier ticket of region {region}")),
        );
    }
    v.finish().map_err(DbError::Invalid)
}

fn write_parts(row: &mut ReviewRow, parts: &ReviewParts) {
    row.why_question.clone_from(&parts.why_question);
    row.why_transition.clone_from(&parts.why_transition);
    row.what_themes.clone_from(&parts.what_themes);
    row.what_focus_areas.clone_from(&parts.what_focus_areas);
    row.how_cooperation.clone_from(&parts.how_cooperation);
    row.how_partners.clone_from(&parts.how_partners);
    row.how_success_factors.clone_from(&parts.how_success_factors);
    row.how_barriers.clone_from(&parts.how_barriers);
    row.process_phase = parts.process_phase.map(|p| p.as_str().to_owned());
    row.process_notes.clone_from(&parts.process_notes);
    row.progress_results.clone_from(&parts.progress_results);
}

fn replace_tickets(conn: &mut DbConnection, id: &str, ticket_ids: &[String]) -> Result<(), DbError> {
    diesel::delete(progress_review_tickets::table.filter(progress_review_tickets::review_id.eq(id))).execute(conn)?;
    for ticket in ticket_ids {
        diesel::insert_into(progress_review_tickets::table)
            .values((
                progress_review_tickets::review_id.eq(id),
                progress_review_tickets::ticket_id.eq(ticket),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Replaces the intentions. An intention that became an action keeps its text
/// and place: changing or dropping it is refused at its pointer.
fn replace_intentions(conn: &mut DbConnection, id: &str, given: &[String]) -> Result<(), DbError> {
    let existing: Vec<IntentionRow> = progress_review_intentions::table
        .filter(progress_review_intentions::review_id.eq(id))
        .select(IntentionRow::as_select())
        .load(conn)?;
    let mut v = Validator::new();
    for kept in existing.iter().filter(|i| i.action_id.is_some()) {
        let n = kept.position - 1;
        v.check(
            usize::try_from(n).ok().and_then(|n| given.get(n)) == Some(&kept.body),
            &format!("/parts/intentions/{n}"),
            InvalidValue::not_allowed("this intention became an action; its text and place are kept"),
        );
    }
    v.finish().map_err(DbError::Invalid)?;
    diesel::delete(progress_review_intentions::table.filter(progress_review_intentions::review_id.eq(id)))
        .execute(conn)?;
    for (n, body) in given.iter().enumerate() {
        let position = i64::try_from(n).map_err(|e| DbError::Internal(e.to_string()))? + 1;
        let action_id = existing
            .iter()
            .find(|i| i.position == position && &i.body == body)
            .and_then(|i| i.action_id.clone());
        diesel::insert_into(progress_review_intentions::table)
            .values(&IntentionRow {
                review_id: id.to_owned(),
                position,
                body: body.clone(),
                action_id,
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Drafts a review of an existing region.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    region: &RegionCode,
    new: &NewReview,
) -> Result<StoredReview, DbError> {
    in_transaction(conn, |conn| {
        crate::regions::get(conn, region.as_str())?;
        let id = Uuid::now_v7().to_string();
        insert_new(conn, &id, region.as_str(), new, Utc::now().naive_utc())?;
        let created = get(conn, &id)?;
        audit::record(
            conn,
            actor,
            "create",
            "progress_review",
            &id,
            None::<&StoredReview>,
            Some(&created),
        )?;
        Ok(created)
    })
}

/// Stores a new draft (the demo data's path too, without audit).
pub(crate) fn insert_new(
    conn: &mut DbConnection,
    id: &str,
    region: &str,
    new: &NewReview,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    check_tickets(conn, region, &new.parts.barrier_ticket_ids)?;
    let mut row = ReviewRow {
        id: id.to_owned(),
        region_code: region.to_owned(),
        review_round: new.round.as_str().to_owned(),
        review_date: new.review_date,
        status: ReviewStatus::Draft.as_str().to_owned(),
        number: 1,
        previous_id: None,
        superseded_by: None,
        why_question: String::new(),
        why_transition: String::new(),
        what_themes: String::new(),
        what_focus_areas: String::new(),
        how_cooperation: String::new(),
        how_partners: String::new(),
        how_success_factors: String::new(),
        how_barriers: String::new(),
        process_phase: None,
        process_notes: String::new(),
        progress_results: String::new(),
        shared_at: None,
        finalised_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    write_parts(&mut row, &new.parts);
    diesel::insert_into(progress_reviews::table)
        .values(&row)
        .execute(conn)?;
    replace_tickets(conn, id, &new.parts.barrier_ticket_ids)?;
    replace_intentions(conn, id, &new.parts.intentions)
}

/// Sets a stored review's status and the moments of its steps as given (the
/// demo data's path, for a review that went through its steps in the past).
pub(crate) fn settle(
    conn: &mut DbConnection,
    id: &str,
    status: ReviewStatus,
    shared_at: Option<NaiveDateTime>,
    finalised_at: Option<NaiveDateTime>,
) -> Result<(), DbError> {
    diesel::update(progress_reviews::table.find(id))
        .set((
            progress_reviews::status.eq(status.as_str()),
            progress_reviews::shared_at.eq(shared_at),
            progress_reviews::finalised_at.eq(finalised_at),
            progress_reviews::updated_at.eq(finalised_at.or(shared_at).unwrap_or_else(|| Utc::now().naive_utc())),
        ))
        .execute(conn)?;
    Ok(())
}

/// Writes `row` back with its version one more, if it is still at `row.version`.
fn save(conn: &mut DbConnection, mut row: ReviewRow, now: NaiveDateTime) -> Result<(), DbError> {
    let version = row.version;
    row.version += 1;
    row.updated_at = now;
    let changed = diesel::update(
        progress_reviews::table
            .find(&row.id)
            .filter(progress_reviews::version.eq(version)),
    )
    .set(&row)
    .execute(conn)?;
    if changed == 1 {
        Ok(())
    } else {
        Err(DbError::PreconditionFailed)
    }
}

/// What a change of a draft or shared review replaces.
#[derive(Debug, Clone, Default)]
pub struct ReviewChange {
    pub round: Option<ReviewRound>,
    pub review_date: Option<NaiveDate>,
    pub parts: Option<ReviewParts>,
}

/// Applies `change` to a review that is still at a version the precondition admits.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    precondition: &Precondition,
    change: &ReviewChange,
) -> Result<StoredReview, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        if !precondition.admits(before.row.version) {
            return Err(DbError::PreconditionFailed);
        }
        check_editable(before.status()?).map_err(refused)?;
        let mut row = before.row.clone();
        if let Some(round) = change.round {
            row.review_round = round.as_str().to_owned();
        }
        if let Some(date) = change.review_date {
            row.review_date = date;
        }
        if let Some(parts) = &change.parts {
            check_tickets(conn, &row.region_code, &parts.barrier_ticket_ids)?;
            write_parts(&mut row, parts);
            replace_tickets(conn, id, &parts.barrier_ticket_ids)?;
            replace_intentions(conn, id, &parts.intentions)?;
        }
        save(conn, row, Utc::now().naive_utc())?;
        let after = get(conn, id)?;
        audit::record(
            conn,
            actor,
            "update",
            "progress_review",
            id,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// Replaces the scores of a draft or shared review.
pub fn set_scores(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    precondition: &Precondition,
    scores: &[Score],
) -> Result<StoredReview, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        if !precondition.admits(before.row.version) {
            return Err(DbError::PreconditionFailed);
        }
        check_editable(before.status()?).map_err(refused)?;
        write_scores(conn, id, scores)?;
        save(conn, before.row.clone(), Utc::now().naive_utc())?;
        let after = get(conn, id)?;
        audit::record(conn, actor, "score", "progress_review", id, Some(&before), Some(&after))?;
        Ok(after)
    })
}

pub(crate) fn write_scores(conn: &mut DbConnection, id: &str, scores: &[Score]) -> Result<(), DbError> {
    diesel::delete(progress_review_scores::table.filter(progress_review_scores::review_id.eq(id))).execute(conn)?;
    for score in scores {
        diesel::insert_into(progress_review_scores::table)
            .values(&ScoreRow {
                review_id: id.to_owned(),
                aspect: score.aspect.as_str().to_owned(),
                level: score.level.as_str().to_owned(),
                motivation: score.motivation.clone(),
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Shares a draft with the region, or makes a shared review final.
pub fn take_step(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    precondition: &Precondition,
    to: ReviewStatus,
) -> Result<StoredReview, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        if !precondition.admits(before.row.version) {
            return Err(DbError::PreconditionFailed);
        }
        check_step(before.status()?, to).map_err(refused)?;
        let now = Utc::now().naive_utc();
        let mut row = before.row.clone();
        row.status = to.as_str().to_owned();
        match to {
            ReviewStatus::Shared => row.shared_at = Some(now),
            ReviewStatus::Final => row.finalised_at = Some(now),
            ReviewStatus::Draft => {}
        }
        save(conn, row, now)?;
        let after = get(conn, id)?;
        let operation = match to {
            ReviewStatus::Final => "finalise",
            _ => "share",
        };
        audit::record(
            conn,
            actor,
            operation,
            "progress_review",
            id,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// Starts the correction of the current final version: a new version (a draft
/// with the same parts, intentions and scores); the corrected one stays final,
/// as history.
pub fn correct(conn: &mut DbConnection, actor: &Actor, id: &str) -> Result<StoredReview, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        check_correction(before.status()?, before.row.superseded_by.is_some()).map_err(refused)?;
        let now = Utc::now().naive_utc();
        let new_id = Uuid::now_v7().to_string();
        let row = ReviewRow {
            id: new_id.clone(),
            status: ReviewStatus::Draft.as_str().to_owned(),
            number: before.row.number + 1,
            previous_id: Some(id.to_owned()),
            superseded_by: None,
            shared_at: None,
            finalised_at: None,
            version: 1,
            created_at: now,
            updated_at: now,
            ..before.row.clone()
        };
        diesel::insert_into(progress_reviews::table)
            .values(&row)
            .execute(conn)?;
        replace_tickets(conn, &new_id, &before.ticket_ids)?;
        for intention in &before.intentions {
            diesel::insert_into(progress_review_intentions::table)
                .values(&IntentionRow {
                    review_id: new_id.clone(),
                    ..intention.row.clone()
                })
                .execute(conn)?;
        }
        for score in &before.scores {
            diesel::insert_into(progress_review_scores::table)
                .values(&ScoreRow {
                    review_id: new_id.clone(),
                    ..score.clone()
                })
                .execute(conn)?;
        }
        let mut old = before.row.clone();
        old.superseded_by = Some(new_id.clone());
        save(conn, old, now)?;
        let created = get(conn, &new_id)?;
        audit::record(
            conn,
            actor,
            "correct",
            "progress_review",
            &new_id,
            Some(&before),
            Some(&created),
        )?;
        Ok(created)
    })
}

/// Turns intention `number` (from 1) into an action of the region's agenda, once;
/// the intention keeps the action's id.
pub fn intention_to_action(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    number: i64,
    make_fields: impl FnOnce(&str, NaiveDate) -> Result<ActionFields, ValidationErrors>,
) -> Result<(ActionDetails, StoredReview), DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        let intention = before
            .intentions
            .iter()
            .find(|i| i.row.position == number)
            .ok_or(DbError::NotFound)?;
        check_intention_to_action(before.status()?, intention.row.action_id.as_deref()).map_err(refused)?;
        let fields = make_fields(&intention.row.body, before.row.review_date).map_err(DbError::Invalid)?;
        let region = RegionCode::parse(&before.row.region_code)
            .map_err(|e| DbError::Internal(format!("stored region code: {e}")))?;
        let action = actions::create_from(conn, actor, &region, &fields, Some((id, number)))?;
        diesel::update(
            progress_review_intentions::table
                .filter(progress_review_intentions::review_id.eq(id))
                .filter(progress_review_intentions::position.eq(number)),
        )
        .set(progress_review_intentions::action_id.eq(&action.row.id))
        .execute(conn)?;
        let after = get(conn, id)?;
        audit::record(
            conn,
            actor,
            "intention_to_action",
            "progress_review",
            id,
            Some(&before),
            Some(&after),
        )?;
        Ok((action, after))
    })
}

/// An indicator's stored figures for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSeries {
    pub code: String,
    pub name: String,
    pub unit: String,
    /// (period, value), by period start.
    pub points: Vec<(String, f64)>,
}

/// An action as it stood on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionAsOf {
    pub id: String,
    pub title: String,
    pub action_line: String,
    /// The latest timeline entry dated on or before the date: (date, status, progress).
    pub reported: Option<(NaiveDate, String, i32)>,
}

/// The region's stored indicator values of the periods that began on or before
/// `date`, each as it stood at `cutoff`: a value changed after `cutoff` shows
/// the value its first later revision replaced.
pub fn figures_as_of(
    conn: &mut DbConnection,
    region: &str,
    date: NaiveDate,
    cutoff: NaiveDateTime,
) -> Result<Vec<ReportSeries>, DbError> {
    // Every indicator, named: values are stored by (indicator, region, period
    // start), so this is one seek per indicator instead of a walk over all values.
    let values: Vec<(String, String, f64)> = indicator_values::table
        .filter(indicator_values::indicator_code.eq_any(indicators::table.select(indicators::code)))
        .filter(indicator_values::region_code.eq(region))
        .filter(indicator_values::period_start.le(date))
        .order((
            indicator_values::indicator_code.asc(),
            indicator_values::period_start.asc(),
        ))
        .select((
            indicator_values::indicator_code,
            indicator_values::period,
            indicator_values::value,
        ))
        .load(conn)?;
    let later: Vec<(String, String, f64)> = indicator_value_revisions::table
        .filter(indicator_value_revisions::region_code.eq(region))
        .filter(indicator_value_revisions::changed_at.gt(cutoff))
        .order(indicator_value_revisions::id.asc())
        .select((
            indicator_value_revisions::indicator_code,
            indicator_value_revisions::period,
            indicator_value_revisions::old_value,
        ))
        .load(conn)?;
    let codes: Vec<String> = values.iter().map(|(c, ..)| c.clone()).collect();
    let catalogue: Vec<(String, String, String)> = indicators::table
        .filter(indicators::code.eq_any(&codes))
        .order(indicators::code.asc())
        .select((indicators::code, indicators::name, indicators::unit))
        .load(conn)?;
    Ok(catalogue
        .into_iter()
        .map(|(code, name, unit)| ReportSeries {
            points: values
                .iter()
                .filter(|(c, ..)| *c == code)
                .map(|(_, period, value)| {
                    // Revisions are time-ordered: the first one after the cutoff
                    // replaced the value that stood at the cutoff.
                    let then = later
                        .iter()
                        .find(|(c, p, _)| *c == code && p == period)
                        .map_or(*value, |(.., old)| *old);
                    (period.clone(), then)
                })
                .collect(),
            code,
            name,
            unit,
        })
        .collect())
}

/// The region's actions with their state on `date`, from their timelines: those
/// with a timeline entry by then, recorded before `cutoff`, or started by `date`.
pub fn actions_as_of(
    conn: &mut DbConnection,
    region: &str,
    date: NaiveDate,
    cutoff: NaiveDateTime,
) -> Result<Vec<ActionAsOf>, DbError> {
    let all: Vec<(String, String, String, NaiveDateTime, Option<NaiveDate>)> = actions_table::table
        .filter(actions_table::region_code.eq(region))
        .order(actions_table::id.asc())
        .select((
            actions_table::id,
            actions_table::title,
            actions_table::action_line,
            actions_table::created_at,
            actions_table::start_date,
        ))
        .load(conn)?;
    let ids: Vec<String> = all.iter().map(|(id, ..)| id.clone()).collect();
    let entries: Vec<(String, NaiveDate, String, i32)> = action_updates::table
        .filter(action_updates::action_id.eq_any(&ids))
        .filter(action_updates::update_date.le(date))
        .order((action_updates::update_date.asc(), action_updates::id.asc()))
        .select((
            action_updates::action_id,
            action_updates::update_date,
            action_updates::status,
            action_updates::progress,
        ))
        .load(conn)?;
    Ok(all
        .into_iter()
        .filter(|(id, _, _, created, start)| {
            *created <= cutoff || start.is_some_and(|s| s <= date) || entries.iter().any(|(a, ..)| a == id)
        })
        .map(|(id, title, action_line, ..)| ActionAsOf {
            reported: entries
                .iter()
                .rev()
                .find(|(a, ..)| *a == id)
                .map(|(_, date, status, progress)| (*date, status.clone(), *progress)),
            id,
            title,
            action_line,
        })
        .collect())
}

/// The moment a review's report takes its figures at: the end of its date, or
/// when it was made final if that came first.
pub fn report_cutoff(row: &ReviewRow) -> NaiveDateTime {
    let end_of_day = row
        .review_date
        .succ_opt()
        .unwrap_or(row.review_date)
        .and_time(NaiveTime::MIN);
    match row.finalised_at {
        Some(finalised) if finalised < end_of_day => finalised,
        _ => end_of_day,
    }
}
