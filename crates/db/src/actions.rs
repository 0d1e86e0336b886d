//! Actions of the regional agendas, their themes, partners and indicators, and
//! their progress timelines.

use std::collections::HashSet;

use crate::search::{contains_pattern, lower};
use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::dsl::max;
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::action::{ActionFields, ActionLine, ActionStatus, Archiving, ProgressUpdate, Theme};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::version::Precondition;
use zorgpact_domain::webhook::{ActionChanged, WebhookEventType};
use zorgpact_domain::{InvalidValue, Validator};

use crate::audit::{self, Actor};
use crate::schema::{action_indicators, action_partners, action_themes, action_updates, actions, indicators, partners};
use crate::{DbConnection, DbError, in_transaction, regions, webhooks};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = actions)]
pub struct ActionRow {
    pub id: String,
    pub region_code: String,
    pub title: String,
    pub description: String,
    pub action_line: String,
    pub status: String,
    pub progress: i32,
    pub owner: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub archived: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The progress review whose intention the action was made from.
    pub source_review_id: Option<String>,
    /// That intention's number, from 1.
    pub source_intention: Option<i64>,
}

/// A partner taking part in an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionPartner {
    pub id: String,
    pub organisation: String,
}

/// An indicator an action means to move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionIndicator {
    pub code: String,
    pub name: String,
    pub expected_effect: Option<String>,
}

/// An action with its links: themes by code, partners by organisation, indicators
/// by code. In the audit trail it is one flat object: the row's fields and the links.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionDetails {
    #[serde(flatten)]
    pub row: ActionRow,
    pub themes: Vec<String>,
    pub partners: Vec<ActionPartner>,
    pub indicators: Vec<ActionIndicator>,
}

/// An entry of an action's progress timeline.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = action_updates)]
pub struct ProgressUpdateRow {
    pub id: String,
    pub action_id: String,
    pub update_date: NaiveDate,
    pub progress: i32,
    pub status: String,
    pub note: String,
    pub author: String,
    pub created_at: NaiveDateTime,
}

/// Which actions a list shows; `None` means no restriction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    pub region: Option<RegionCode>,
    pub action_line: Option<ActionLine>,
    pub theme: Option<Theme>,
    pub status: Option<ActionStatus>,
    /// Found case-insensitively anywhere in the owner.
    pub owner: Option<String>,
    /// Found case-insensitively in the title or the description.
    pub text: Option<String>,
    /// Only actions changed at or after this moment (UTC).
    pub updated_since: Option<NaiveDateTime>,
    /// Archived actions only (`true`) or the others only (`false`).
    pub archived: bool,
}

#[derive(AsChangeset, Insertable)]
#[diesel(table_name = actions, treat_none_as_null = true, treat_none_as_default_value = false)]
struct ActionChanges<'a> {
    title: &'a str,
    description: &'a str,
    action_line: &'a str,
    status: &'a str,
    progress: i32,
    owner: &'a str,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
}

impl<'a> From<&'a ActionFields> for ActionChanges<'a> {
    fn from(f: &'a ActionFields) -> Self {
        Self {
            title: &f.title,
            description: &f.description,
            action_line: f.action_line.as_str(),
            status: f.status.as_str(),
            progress: i32::from(f.progress.percent()),
            owner: &f.owner,
            start_date: f.start_date,
            end_date: f.end_date,
        }
    }
}

/// Up to `limit` actions matching `filter` after the one with id `after`, by id.
pub fn list_page(
    conn: &mut DbConnection,
    filter: &ActionFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<ActionDetails>, DbError> {
    let mut query = actions::table
        .filter(actions::archived.eq(filter.archived))
        .order(actions::id.asc())
        .select(ActionRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(actions::id.gt(after.to_owned()));
    }
    if let Some(region) = &filter.region {
        query = query.filter(actions::region_code.eq(region.as_str().to_owned()));
    }
    if let Some(line) = filter.action_line {
        query = query.filter(actions::action_line.eq(line.as_str()));
    }
    if let Some(status) = filter.status {
        query = query.filter(actions::status.eq(status.as_str()));
    }
    if let Some(theme) = filter.theme {
        query = query.filter(
            actions::id.eq_any(
                action_themes::table
                    .filter(action_themes::theme.eq(theme.as_str()))
                    .select(action_themes::action_id),
            ),
        );
    }
    if let Some(owner) = &filter.owner {
        query = query.filter(lower(actions::owner).like(lower(contains_pattern(owner))).escape('\\'));
    }
    if let Some(text) = &filter.text {
        let pattern = contains_pattern(text);
        query = query.filter(
            lower(actions::title)
                .like(lower(pattern.clone()))
                .escape('\\')
                .or(lower(actions::description).like(lower(pattern)).escape('\\')),
        );
    }
    if let Some(since) = filter.updated_since {
        query = query.filter(actions::updated_at.ge(since));
    }
    let rows = query.load(conn)?;
    with_links(conn, rows)
}

/// Loads the links of `rows` in three queries, whatever the number of rows.
fn with_links(conn: &mut DbConnection, rows: Vec<ActionRow>) -> Result<Vec<ActionDetails>, DbError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let themes: Vec<(String, String)> = action_themes::table
        .filter(action_themes::action_id.eq_any(&ids))
        .order((action_themes::action_id.asc(), action_themes::theme.asc()))
        .select((action_themes::action_id, action_themes::theme))
        .load(conn)?;
    let partners: Vec<(String, String, String)> = action_partners::table
        .inner_join(partners::table)
        .filter(action_partners::action_id.eq_any(&ids))
        .order((partners::organisation.asc(), partners::id.asc()))
        .select((action_partners::action_id, partners::id, partners::organisation))
        .load(conn)?;
    let indicators: Vec<(String, String, String, Option<String>)> = action_indicators::table
        .inner_join(indicators::table)
        .filter(action_indicators::action_id.eq_any(&ids))
        .order(action_indicators::indicator_code.asc())
        .select((
            action_indicators::action_id,
            action_indicators::indicator_code,
            indicators::name,
            action_indicators::expected_effect,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| ActionDetails {
            themes: themes
                .iter()
                .filter(|(a, _)| *a == row.id)
                .map(|(_, t)| t.clone())
                .collect(),
            partners: partners
                .iter()
                .filter(|(a, ..)| *a == row.id)
                .map(|(_, id, organisation)| ActionPartner {
                    id: id.clone(),
                    organisation: organisation.clone(),
                })
                .collect(),
            indicators: indicators
                .iter()
                .filter(|(a, ..)| *a == row.id)
                .map(|(_, code, name, effect)| ActionIndicator {
                    code: code.clone(),
                    name: name.clone(),
                    expected_effect: effect.clone(),
                })
                .collect(),
            row,
        })
        .collect())
}

fn get_row(conn: &mut DbConnection, id: &str) -> Result<ActionRow, DbError> {
    Ok(actions::table.find(id).select(ActionRow::as_select()).first(conn)?)
}

/// One action with its links, archived or not.
pub fn get(conn: &mut DbConnection, id: &str) -> Result<ActionDetails, DbError> {
    let row = get_row(conn, id)?;
    with_links(conn, vec![row])?.pop().ok_or(DbError::NotFound)
}

fn archived(id: &str) -> DbError {
    DbError::Conflict(format!("action {id} is archived and can no longer change"))
}

/// Checks what only the database knows: the partners belong to the region and the
/// indicators are in the catalogue. Each failure points at the offending entry.
fn check_references(conn: &mut DbConnection, region_code: &str, fields: &ActionFields) -> Result<(), DbError> {
    let region_partners: HashSet<String> = partners::table
        .filter(partners::region_code.eq(region_code))
        .select(partners::id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let codes: Vec<&str> = fields.indicators.iter().map(|l| l.code.as_str()).collect();
    let known: HashSet<String> = indicators::table
        .filter(indicators::code.eq_any(&codes))
        .select(indicators::code)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut v = Validator::new();
    for (i, id) in fields.partner_ids.iter().enumerate() {
        v.check(
            region_partners.contains(id),
            &format!("/partner_ids/{i}"),
            InvalidValue::unknown_reference(format!("is not a partner of region {region_code}")),
        );
    }
    for (i, code) in codes.iter().enumerate() {
        v.check(
            known.contains(*code),
            &format!("/indicators/{i}/code"),
            InvalidValue::unknown_reference("is not an indicator of the catalogue"),
        );
    }
    v.finish().map_err(DbError::Invalid)
}

/// Replaces the themes, partners and indicators of an action.
fn replace_links(conn: &mut DbConnection, id: &str, fields: &ActionFields) -> Result<(), DbError> {
    diesel::delete(action_themes::table.filter(action_themes::action_id.eq(id))).execute(conn)?;
    diesel::delete(action_partners::table.filter(action_partners::action_id.eq(id))).execute(conn)?;
    diesel::delete(action_indicators::table.filter(action_indicators::action_id.eq(id))).execute(conn)?;
    for theme in &fields.themes {
        diesel::insert_into(action_themes::table)
            .values((action_themes::action_id.eq(id), action_themes::theme.eq(theme.as_str())))
            .execute(conn)?;
    }
    for partner_id in &fields.partner_ids {
        diesel::insert_into(action_partners::table)
            .values((
                action_partners::action_id.eq(id),
                action_partners::partner_id.eq(partner_id),
            ))
            .execute(conn)?;
    }
    for link in &fields.indicators {
        diesel::insert_into(action_indicators::table)
            .values((
                action_indicators::action_id.eq(id),
                action_indicators::indicator_code.eq(link.code.as_str()),
                action_indicators::expected_effect.eq(link.expected_effect.as_deref()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Adds an action to the agenda of an existing region.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    region: &RegionCode,
    fields: &ActionFields,
) -> Result<ActionDetails, DbError> {
    create_from(conn, actor, region, fields, None)
}

/// Creates an action as [`create`] does, linked to the progress review intention
/// `(review id, intention number)` it is made from, if any.
pub fn create_from(
    conn: &mut DbConnection,
    actor: &Actor,
    region: &RegionCode,
    fields: &ActionFields,
    source: Option<(&str, i64)>,
) -> Result<ActionDetails, DbError> {
    in_transaction(conn, |conn| {
        if !regions::exists(conn, region.as_str())? {
            return Err(DbError::Invalid(zorgpact_domain::ValidationErrors::single(
                "/region_code",
                zorgpact_domain::InvalidValue::unknown_reference(format!("no region has the code {region}")),
            )));
        }
        check_references(conn, region.as_str(), fields)?;
        let now = Utc::now().naive_utc();
        let id = Uuid::now_v7().to_string();
        diesel::insert_into(actions::table)
            .values((
                actions::id.eq(&id),
                actions::region_code.eq(region.as_str()),
                ActionChanges::from(fields),
                actions::archived.eq(false),
                actions::version.eq(1),
                actions::created_at.eq(now),
                actions::updated_at.eq(now),
                actions::source_review_id.eq(source.map(|(review, _)| review)),
                actions::source_intention.eq(source.map(|(_, number)| number)),
            ))
            .execute(conn)?;
        replace_links(conn, &id, fields)?;
        let created = get(conn, &id)?;
        announce(conn, WebhookEventType::ActionCreated, &created.row)?;
        audit::record(
            conn,
            actor,
            "create",
            "action",
            &id,
            None::<&ActionDetails>,
            Some(&created),
        )?;
        Ok(created)
    })
}

/// Replaces an action's fields and links if its version meets the precondition.
/// An archived action cannot change.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    precondition: &Precondition,
    fields: &ActionFields,
) -> Result<ActionDetails, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        let current = &before.row;
        if !precondition.admits(current.version) {
            return Err(DbError::PreconditionFailed);
        }
        if current.archived {
            return Err(archived(id));
        }
        check_references(conn, &current.region_code, fields)?;
        let changed = diesel::update(actions::table.find(id).filter(actions::version.eq(current.version)))
            .set((
                ActionChanges::from(fields),
                actions::version.eq(current.version + 1),
                actions::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        replace_links(conn, id, fields)?;
        let updated = get(conn, id)?;
        announce(conn, WebhookEventType::ActionUpdated, &updated.row)?;
        audit::record(conn, actor, "update", "action", id, Some(&before), Some(&updated))?;
        Ok(updated)
    })
}

/// Archives or restores an action if its version meets the precondition, as
/// [`Archiving::applies_to`] rules: archiving an archived action changes nothing
/// (and records nothing in the audit trail); restoring one that is not archived
/// is a conflict.
pub fn set_archived(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    precondition: &Precondition,
    change: Archiving,
) -> Result<ActionDetails, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        let current = &before.row;
        if !precondition.admits(current.version) {
            return Err(DbError::PreconditionFailed);
        }
        let applies = change
            .applies_to(current.archived)
            .map_err(|_| DbError::Conflict(format!("action {id} is not archived")))?;
        if !applies {
            return Ok(before);
        }
        let changed = diesel::update(actions::table.find(id).filter(actions::version.eq(current.version)))
            .set((
                actions::archived.eq(change.archived_after()),
                actions::version.eq(current.version + 1),
                actions::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        let after = get(conn, id)?;
        announce(conn, WebhookEventType::ActionUpdated, &after.row)?;
        audit::record(
            conn,
            actor,
            change.operation(),
            "action",
            id,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// Up to `limit` entries of an action's timeline, by date and then by when they
/// were recorded (ids are time-ordered), after the entry `after` (its date and id).
pub fn updates_page(
    conn: &mut DbConnection,
    action_id: &str,
    after: Option<(NaiveDate, String)>,
    limit: i64,
) -> Result<Vec<ProgressUpdateRow>, DbError> {
    get_row(conn, action_id)?;
    let mut query = action_updates::table
        .filter(action_updates::action_id.eq(action_id.to_owned()))
        .order((action_updates::update_date.asc(), action_updates::id.asc()))
        .select(ProgressUpdateRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some((date, id)) = after {
        query = query.filter(
            action_updates::update_date
                .gt(date)
                .or(action_updates::update_date.eq(date).and(action_updates::id.gt(id))),
        );
    }
    Ok(query.load(conn)?)
}

pub fn get_update(conn: &mut DbConnection, action_id: &str, update_id: &str) -> Result<ProgressUpdateRow, DbError> {
    Ok(action_updates::table
        .find(update_id)
        .filter(action_updates::action_id.eq(action_id))
        .select(ProgressUpdateRow::as_select())
        .first(conn)?)
}

/// Whether an action exists and is archived.
pub fn is_archived(conn: &mut DbConnection, id: &str) -> Result<bool, DbError> {
    Ok(get_row(conn, id)?.archived)
}

/// The region of an action: what decides who may change it.
pub fn region_of(conn: &mut DbConnection, id: &str) -> Result<String, DbError> {
    Ok(actions::table.find(id).select(actions::region_code).first(conn)?)
}

/// Appends an entry to an action's timeline. Unless a later-dated entry exists,
/// it also becomes the action's progress and status (a new version), in the same
/// transaction. Archived actions take no entries. The audit trail records it as a
/// `progress_update` of the action, with the action before and after.
pub fn add_update(
    conn: &mut DbConnection,
    actor: &Actor,
    action_id: &str,
    update: &ProgressUpdate,
) -> Result<ProgressUpdateRow, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, action_id)?;
        if before.row.archived {
            return Err(archived(action_id));
        }
        let latest: Option<NaiveDate> = action_updates::table
            .filter(action_updates::action_id.eq(action_id))
            .select(max(action_updates::update_date))
            .first(conn)?;
        let now = Utc::now().naive_utc();
        let row = ProgressUpdateRow {
            id: Uuid::now_v7().to_string(),
            action_id: action_id.to_owned(),
            update_date: update.date,
            progress: i32::from(update.progress.percent()),
            status: update.status.as_str().to_owned(),
            note: update.note.clone(),
            author: update.author.clone(),
            created_at: now,
        };
        diesel::insert_into(action_updates::table).values(&row).execute(conn)?;
        if update.becomes_current(latest) {
            let changed = diesel::update(actions::table.find(action_id).filter(actions::archived.eq(false)))
                .set((
                    actions::progress.eq(row.progress),
                    actions::status.eq(&row.status),
                    actions::version.eq(actions::version + 1),
                    actions::updated_at.eq(now),
                ))
                .execute(conn)?;
            if changed != 1 {
                return Err(archived(action_id));
            }
        }
        let after = get(conn, action_id)?;
        announce(conn, WebhookEventType::ActionUpdated, &after.row)?;
        audit::record(
            conn,
            actor,
            "progress_update",
            "action",
            action_id,
            Some(&before),
            Some(&after),
        )?;
        Ok(row)
    })
}

/// Tells the webhook subscribers, in the transaction of the change.
fn announce(conn: &mut DbConnection, event_type: WebhookEventType, action: &ActionRow) -> Result<(), DbError> {
    let data = ActionChanged {
        action_id: action.id.clone(),
        region_code: action.region_code.clone(),
        status: action.status.clone(),
        progress: action.progress,
        archived: action.archived,
        version: action.version,
    };
    webhooks::enqueue(conn, event_type, &data).map(|_| ())
}
