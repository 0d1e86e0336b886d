//! Factsheets: the working draft officials revise, and every published version,
//! kept unchanged. Anyone reads the latest published version; the draft is for
//! officials and the programme team.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::ValidationErrors;
use zorgpact_domain::factsheet::FactsheetFields;
use zorgpact_domain::webhook::{FactsheetPublished, WebhookEventType};

use crate::audit::{self, Actor};
use crate::barriers::BarrierRow;
use crate::regulations::{self, RegulationRow};
use crate::schema::{barrier_tickets, factsheet_regulations, factsheet_tickets, factsheet_versions, factsheets};
use crate::{DbConnection, DbError, in_transaction, webhooks};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = factsheets)]
pub struct FactsheetRow {
    pub id: String,
    pub question: String,
    pub answer: String,
    pub ministry: String,
    /// JSON array of theme codes.
    pub themes: String,
    pub version: i64,
    pub published_version: Option<i64>,
    pub published_revision: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = factsheet_versions)]
pub struct VersionRow {
    pub factsheet_id: String,
    pub number: i64,
    pub question: String,
    pub answer: String,
    pub ministry: String,
    pub themes: String,
    pub regulation_ids: String,
    pub ticket_ids: String,
    pub published_at: NaiveDateTime,
    pub published_by: String,
}

/// Which text of a factsheet a reader gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// The working draft (officials and the programme team).
    Draft,
    /// The latest published version (everyone); never-published factsheets are missing.
    Published,
}

/// What a factsheet says, with the rules and tickets it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub question: String,
    pub answer: String,
    pub ministry: String,
    pub themes: Vec<String>,
    pub regulations: Vec<RegulationRow>,
    pub tickets: Vec<BarrierRow>,
}

/// A factsheet as one edition shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FactsheetView {
    pub id: String,
    pub content: Content,
    /// The draft's version, for `If-Match`.
    pub version: i64,
    pub published_version: Option<i64>,
    pub published_at: Option<NaiveDateTime>,
    /// The draft changed since its latest publication (or was never published).
    pub unpublished_changes: bool,
    pub updated_at: NaiveDateTime,
}

/// Which factsheets a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactsheetFilter {
    pub edition: Edition,
    /// `Some(true)`: only published ones; `Some(false)`: only never-published drafts.
    pub published: Option<bool>,
}

fn json_list(what: &str, stored: &str) -> Result<Vec<String>, DbError> {
    serde_json::from_str(stored).map_err(|e| DbError::Internal(format!("stored {what} {stored:?}: {e}")))
}

fn to_json(list: &[String]) -> Result<String, DbError> {
    serde_json::to_string(list).map_err(|e| DbError::Internal(format!("list to JSON: {e}")))
}

fn theme_codes(fields: &FactsheetFields) -> Vec<String> {
    fields.themes.iter().map(|t| t.as_str().to_owned()).collect()
}

/// The tickets with these ids, in the order given (ids that vanished are skipped).
fn tickets(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<BarrierRow>, DbError> {
    let found: Vec<BarrierRow> = barrier_tickets::table
        .filter(barrier_tickets::id.eq_any(ids))
        .select(BarrierRow::as_select())
        .load(conn)?;
    Ok(ids
        .iter()
        .filter_map(|id| found.iter().find(|t| &t.id == id).cloned())
        .collect())
}

fn regulations_by_id(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<RegulationRow>, DbError> {
    match regulations::existing(conn, "", ids) {
        Err(DbError::Invalid(_)) => Err(DbError::Internal(format!("a factsheet names a missing rule: {ids:?}"))),
        other => other,
    }
}

fn draft_links(conn: &mut DbConnection, id: &str) -> Result<(Vec<String>, Vec<String>), DbError> {
    let regulation_ids = factsheet_regulations::table
        .filter(factsheet_regulations::factsheet_id.eq(id))
        .order(factsheet_regulations::regulation_id.asc())
        .select(factsheet_regulations::regulation_id)
        .load(conn)?;
    let ticket_ids = factsheet_tickets::table
        .filter(factsheet_tickets::factsheet_id.eq(id))
        .order(factsheet_tickets::ticket_id.asc())
        .select(factsheet_tickets::ticket_id)
        .load(conn)?;
    Ok((regulation_ids, ticket_ids))
}

fn latest_version(conn: &mut DbConnection, row: &FactsheetRow) -> Result<Option<VersionRow>, DbError> {
    match row.published_version {
        None => Ok(None),
        Some(number) => version(conn, &row.id, number).map(Some),
    }
}

fn view(conn: &mut DbConnection, row: FactsheetRow, edition: Edition) -> Result<Option<FactsheetView>, DbError> {
    let latest = latest_version(conn, &row)?;
    let content = match (edition, &latest) {
        (Edition::Published, None) => return Ok(None),
        (Edition::Published, Some(v)) => version_content(conn, v)?,
        (Edition::Draft, _) => {
            let (regulation_ids, ticket_ids) = draft_links(conn, &row.id)?;
            Content {
                question: row.question.clone(),
                answer: row.answer.clone(),
                ministry: row.ministry.clone(),
                themes: json_list("themes", &row.themes)?,
                regulations: regulations_by_id(conn, &regulation_ids)?,
                tickets: tickets(conn, &ticket_ids)?,
            }
        }
    };
    let published_at = latest.as_ref().map(|v| v.published_at);
    Ok(Some(FactsheetView {
        updated_at: match edition {
            Edition::Published => published_at.unwrap_or(row.updated_at),
            Edition::Draft => row.updated_at,
        },
        id: row.id,
        content,
        version: row.version,
        published_version: row.published_version,
        published_at,
        unpublished_changes: row.published_revision != Some(row.version),
    }))
}

/// The factsheets a filter shows, by id.
pub fn list(conn: &mut DbConnection, filter: FactsheetFilter) -> Result<Vec<FactsheetView>, DbError> {
    let mut query = factsheets::table
        .order(factsheets::id.asc())
        .select(FactsheetRow::as_select())
        .into_boxed();
    match filter.published {
        Some(true) => query = query.filter(factsheets::published_version.is_not_null()),
        Some(false) => query = query.filter(factsheets::published_version.is_null()),
        None => {}
    }
    let rows = query.load(conn)?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        views.extend(view(conn, row, filter.edition)?);
    }
    Ok(views)
}

/// One factsheet in an edition; a never-published one has no published edition.
pub fn get(conn: &mut DbConnection, id: &str, edition: Edition) -> Result<FactsheetView, DbError> {
    let row = factsheets::table
        .find(id)
        .select(FactsheetRow::as_select())
        .first(conn)?;
    view(conn, row, edition)?.ok_or(DbError::NotFound)
}

/// Checks that the named rules and tickets exist and stores them as the draft's links.
fn set_links(conn: &mut DbConnection, id: &str, fields: &FactsheetFields) -> Result<(), DbError> {
    let rules = regulations::existing(conn, "/regulation_ids", &fields.regulation_ids);
    let found = tickets(conn, &fields.ticket_ids)?;
    let missing: Vec<_> = fields
        .ticket_ids
        .iter()
        .enumerate()
        .filter(|(_, t)| !found.iter().any(|f| &f.id == *t))
        .map(|(n, t)| {
            zorgpact_domain::InvalidValue::unknown_reference(format!("no barrier ticket has the id {t}"))
                .at(format!("/ticket_ids/{n}"))
        })
        .collect();
    match (rules, missing.is_empty()) {
        (Ok(_), true) => {}
        (Ok(_), false) => return Err(DbError::Invalid(ValidationErrors(missing))),
        (Err(DbError::Invalid(mut errors)), _) => {
            errors.0.extend(missing);
            return Err(DbError::Invalid(errors));
        }
        (Err(other), _) => return Err(other),
    }
    diesel::delete(factsheet_regulations::table.filter(factsheet_regulations::factsheet_id.eq(id))).execute(conn)?;
    diesel::delete(factsheet_tickets::table.filter(factsheet_tickets::factsheet_id.eq(id))).execute(conn)?;
    for regulation in &fields.regulation_ids {
        diesel::insert_into(factsheet_regulations::table)
            .values((
                factsheet_regulations::factsheet_id.eq(id),
                factsheet_regulations::regulation_id.eq(regulation),
            ))
            .execute(conn)?;
    }
    for ticket in &fields.ticket_ids {
        diesel::insert_into(factsheet_tickets::table)
            .values((
                factsheet_tickets::factsheet_id.eq(id),
                factsheet_tickets::ticket_id.eq(ticket),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn current_row(conn: &mut DbConnection, id: &str) -> Result<FactsheetRow, DbError> {
    Ok(factsheets::table
        .find(id)
        .select(FactsheetRow::as_select())
        .first(conn)?)
}

/// Writes a new draft, never published.
pub fn create(conn: &mut DbConnection, actor: &Actor, fields: &FactsheetFields) -> Result<FactsheetView, DbError> {
    in_transaction(conn, |conn| {
        let id = Uuid::now_v7().to_string();
        let row = insert_draft(conn, &id, fields, Utc::now().naive_utc())?;
        audit::record(
            conn,
            actor,
            "create",
            "factsheet",
            &id,
            None::<&FactsheetRow>,
            Some(&row),
        )?;
        get(conn, &id, Edition::Draft)
    })
}

/// Stores a new draft with its links (the demo data's path too, without audit).
pub(crate) fn insert_draft(
    conn: &mut DbConnection,
    id: &str,
    fields: &FactsheetFields,
    now: NaiveDateTime,
) -> Result<FactsheetRow, DbError> {
    let row = FactsheetRow {
        id: id.to_owned(),
        question: fields.question.clone(),
        answer: fields.answer.clone(),
        ministry: fields.ministry.as_str().to_owned(),
        themes: to_json(&theme_codes(fields))?,
        version: 1,
        published_version: None,
        published_revision: None,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(factsheets::table).values(&row).execute(conn)?;
    set_links(conn, id, fields)?;
    Ok(row)
}

/// Revises the draft if it is still at `version`.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    version: i64,
    fields: &FactsheetFields,
) -> Result<FactsheetView, DbError> {
    in_transaction(conn, |conn| {
        let before = current_row(conn, id)?;
        let changed = diesel::update(factsheets::table.find(id).filter(factsheets::version.eq(version)))
            .set((
                factsheets::question.eq(&fields.question),
                factsheets::answer.eq(&fields.answer),
                factsheets::ministry.eq(fields.ministry.as_str()),
                factsheets::themes.eq(to_json(&theme_codes(fields))?),
                factsheets::version.eq(version + 1),
                factsheets::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        set_links(conn, id, fields)?;
        let after = current_row(conn, id)?;
        audit::record(conn, actor, "update", "factsheet", id, Some(&before), Some(&after))?;
        get(conn, id, Edition::Draft)
    })
}

/// Publishes the draft as the next version; a draft unchanged since its latest
/// publication is a conflict.
pub fn publish(conn: &mut DbConnection, actor: &Actor, id: &str) -> Result<VersionRow, DbError> {
    in_transaction(conn, |conn| {
        let row = current_row(conn, id)?;
        let published = insert_version(conn, &row, &actor.name, Utc::now().naive_utc())?;
        let announced = FactsheetPublished {
            factsheet_id: id.to_owned(),
            version: published.number,
            ministry: published.ministry.clone(),
            question: published.question.clone(),
        };
        webhooks::enqueue(conn, WebhookEventType::FactsheetPublished, &announced)?;
        audit::record(conn, actor, "publish", "factsheet", id, Some(&row), Some(&published))?;
        Ok(published)
    })
}

/// Stores the draft `row` as its next published version (the demo data's path
/// too, without audit).
pub(crate) fn insert_version(
    conn: &mut DbConnection,
    row: &FactsheetRow,
    published_by: &str,
    now: NaiveDateTime,
) -> Result<VersionRow, DbError> {
    if row.published_revision == Some(row.version) {
        return Err(DbError::Conflict(
            "nothing changed since the latest publication; revise the draft first".into(),
        ));
    }
    let (regulation_ids, ticket_ids) = draft_links(conn, &row.id)?;
    let number = row.published_version.unwrap_or(0) + 1;
    let published = VersionRow {
        factsheet_id: row.id.clone(),
        number,
        question: row.question.clone(),
        answer: row.answer.clone(),
        ministry: row.ministry.clone(),
        themes: row.themes.clone(),
        regulation_ids: to_json(&regulation_ids)?,
        ticket_ids: to_json(&ticket_ids)?,
        published_at: now,
        published_by: published_by.to_owned(),
    };
    diesel::insert_into(factsheet_versions::table)
        .values(&published)
        .execute(conn)?;
    diesel::update(factsheets::table.find(&row.id))
        .set((
            factsheets::published_version.eq(number),
            factsheets::published_revision.eq(row.version),
        ))
        .execute(conn)?;
    Ok(published)
}

/// Every published version, oldest first.
pub fn versions(conn: &mut DbConnection, id: &str) -> Result<Vec<VersionRow>, DbError> {
    Ok(factsheet_versions::table
        .filter(factsheet_versions::factsheet_id.eq(id))
        .order(factsheet_versions::number.asc())
        .select(VersionRow::as_select())
        .load(conn)?)
}

pub fn version(conn: &mut DbConnection, id: &str, number: i64) -> Result<VersionRow, DbError> {
    Ok(factsheet_versions::table
        .find((id, number))
        .select(VersionRow::as_select())
        .first(conn)?)
}

/// What a published version says, with the rules and tickets it named.
pub fn version_content(conn: &mut DbConnection, version: &VersionRow) -> Result<Content, DbError> {
    let regulation_ids = json_list("regulation ids", &version.regulation_ids)?;
    let ticket_ids = json_list("ticket ids", &version.ticket_ids)?;
    Ok(Content {
        question: version.question.clone(),
        answer: version.answer.clone(),
        ministry: version.ministry.clone(),
        themes: json_list("themes", &version.themes)?,
        regulations: regulations_by_id(conn, &regulation_ids)?,
        tickets: tickets(conn, &ticket_ids)?,
    })
}
