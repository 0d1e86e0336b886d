//! Leading projects (*Kopgroep*) and coalitions: the catalogue with its filters
//! and full-text search (each backend's own engine, as for barrier tickets: see
//! [`crate::fulltext`]), similar projects, and counts per care domain and province.

use std::collections::HashMap;

use chrono::{NaiveDateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zorgpact_domain::action::Theme;
use zorgpact_domain::auth::DraftScope;
use zorgpact_domain::leading_project::{
    CareDomain, EducationLevel, LeadingProjectFields, ProjectStatus, Province, SIMILAR_MAX, similarity,
};
use zorgpact_domain::search::SearchQuery;
use zorgpact_domain::{InvalidValue, ValidationErrors};

use crate::audit::{self, Actor};
use crate::fulltext::{fts5_query, tsquery};
use crate::schema::{
    coalitions, leading_project_coalitions, leading_project_domains, leading_project_levels, leading_project_themes,
    leading_projects, regions,
};
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = leading_projects)]
pub struct ProjectRow {
    pub id: String,
    pub name: String,
    pub region_code: Option<String>,
    pub province: Option<String>,
    /// JSON array of names.
    pub partners: String,
    pub story: String,
    pub results: String,
    pub contact: String,
    /// JSON array of names.
    pub support_tracks: String,
    /// JSON array of [`StoredFunding`].
    pub funding: String,
    pub status: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = coalitions)]
pub struct CoalitionRow {
    pub id: String,
    pub name: String,
    pub aim: String,
    pub created_at: NaiveDateTime,
}

/// One funding line as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFunding {
    pub scheme: String,
    pub label: String,
    pub amount_eur: Option<i64>,
    pub from_year: i32,
    pub to_year: Option<i32>,
}

/// A project with its lists, as read (and as the audit trail records it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectView {
    pub row: ProjectRow,
    pub care_domains: Vec<String>,
    pub themes: Vec<String>,
    pub education_levels: Vec<String>,
    pub partners: Vec<String>,
    pub support_tracks: Vec<String>,
    pub funding: Vec<StoredFunding>,
    /// (id, name), by name.
    pub coalitions: Vec<(String, String)>,
}

/// Which projects a catalogue page shows.
#[derive(Debug, Clone)]
pub struct ProjectFilter {
    /// Words that must all occur (as prefixes) in the name, story, results or partners.
    pub text: Option<SearchQuery>,
    pub care_domain: Option<CareDomain>,
    pub theme: Option<Theme>,
    pub province: Option<Province>,
    pub education_level: Option<EducationLevel>,
    /// Published projects are for everyone; other statuses only within `drafts`.
    pub status: ProjectStatus,
    pub drafts: DraftScope,
}

fn from_json<T: for<'de> Deserialize<'de>>(what: &str, stored: &str) -> Result<T, DbError> {
    serde_json::from_str(stored).map_err(|e| DbError::Internal(format!("stored {what} {stored:?}: {e}")))
}

fn to_json(value: &impl Serialize) -> Result<String, DbError> {
    serde_json::to_string(value).map_err(|e| DbError::Internal(format!("to JSON: {e}")))
}

/// The most full-text hits read; the catalogue's filters apply to them afterwards.
const CANDIDATES: i64 = 500;

#[derive(Debug, QueryableByName)]
struct Hit {
    #[diesel(sql_type = Text)]
    doc_id: String,
}

/// The ids of the projects whose text holds every word of `query`.
fn text_hits(conn: &mut DbConnection, query: &SearchQuery) -> Result<Vec<String>, DbError> {
    let hits: Vec<Hit> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT doc_id FROM leading_project_index WHERE leading_project_index MATCH ? \
             ORDER BY rank LIMIT ?",
        )
        .bind::<Text, _>(fts5_query(query, false))
        .bind::<BigInt, _>(CANDIDATES)
        .load(c)?,
        DbConnection::Postgres(c) => diesel::sql_query(
            "SELECT id AS doc_id FROM leading_projects \
             WHERE zp_leading_project_document(name, story, results, partners) @@ to_tsquery('dutch', $1) \
             LIMIT $2",
        )
        .bind::<Text, _>(tsquery(query, false))
        .bind::<BigInt, _>(CANDIDATES)
        .load(c)?,
    };
    Ok(hits.into_iter().map(|h| h.doc_id).collect())
}

/// The separator of a cursor's name and id: a control character no name holds.
const CURSOR_SEPARATOR: char = '\u{1f}';

/// The sort key of a project in the catalogue (name, then id), as a cursor names it.
pub fn sort_key(view: &ProjectView) -> String {
    format!("{}{CURSOR_SEPARATOR}{}", view.row.name, view.row.id)
}

/// A page of the catalogue, by name, after the project `after` (a [`sort_key`]).
pub fn list_page(
    conn: &mut DbConnection,
    filter: &ProjectFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<ProjectView>, DbError> {
    let mut query = leading_projects::table
        .filter(leading_projects::status.eq(filter.status.as_str()))
        .order((leading_projects::name.asc(), leading_projects::id.asc()))
        .limit(limit)
        .select(ProjectRow::as_select())
        .into_boxed();
    if filter.status != ProjectStatus::Published {
        match &filter.drafts {
            DraftScope::All => {}
            DraftScope::Regions(regions) => {
                query = query.filter(leading_projects::region_code.eq_any(regions.clone()));
            }
            DraftScope::None => return Ok(Vec::new()),
        }
    }
    if let Some(after) = after {
        let (name, id) = after.split_once(CURSOR_SEPARATOR).unwrap_or((after, ""));
        query = query.filter(
            leading_projects::name.gt(name.to_owned()).or(leading_projects::name
                .eq(name.to_owned())
                .and(leading_projects::id.gt(id.to_owned()))),
        );
    }
    if let Some(province) = filter.province {
        query = query.filter(leading_projects::province.eq(province.as_str()));
    }
    if let Some(domain) = filter.care_domain {
        query = query.filter(
            leading_projects::id.eq_any(
                leading_project_domains::table
                    .filter(leading_project_domains::care_domain.eq(domain.as_str()))
                    .select(leading_project_domains::project_id),
            ),
        );
    }
    if let Some(theme) = filter.theme {
        query = query.filter(
            leading_projects::id.eq_any(
                leading_project_themes::table
                    .filter(leading_project_themes::theme.eq(theme.as_str()))
                    .select(leading_project_themes::project_id),
            ),
        );
    }
    if let Some(level) = filter.education_level {
        query = query.filter(
            leading_projects::id.eq_any(
                leading_project_levels::table
                    .filter(leading_project_levels::education_level.eq(level.as_str()))
                    .select(leading_project_levels::project_id),
            ),
        );
    }
    if let Some(text) = &filter.text {
        let hits = text_hits(conn, text)?;
        query = query.filter(leading_projects::id.eq_any(hits));
    }
    let rows = query.load(conn)?;
    views(conn, rows)
}

/// The lists of each row, read in one query per list.
fn views(conn: &mut DbConnection, rows: Vec<ProjectRow>) -> Result<Vec<ProjectView>, DbError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let grouped = |pairs: Vec<(String, String)>| {
        let mut by_project: HashMap<String, Vec<String>> = HashMap::new();
        for (project, code) in pairs {
            by_project.entry(project).or_default().push(code);
        }
        by_project
    };
    let mut domains = grouped(
        leading_project_domains::table
            .filter(leading_project_domains::project_id.eq_any(&ids))
            .select((
                leading_project_domains::project_id,
                leading_project_domains::care_domain,
            ))
            .load(conn)?,
    );
    let mut themes = grouped(
        leading_project_themes::table
            .filter(leading_project_themes::project_id.eq_any(&ids))
            .select((leading_project_themes::project_id, leading_project_themes::theme))
            .load(conn)?,
    );
    let mut levels = grouped(
        leading_project_levels::table
            .filter(leading_project_levels::project_id.eq_any(&ids))
            .select((
                leading_project_levels::project_id,
                leading_project_levels::education_level,
            ))
            .load(conn)?,
    );
    let memberships: Vec<(String, String, String)> = leading_project_coalitions::table
        .inner_join(coalitions::table)
        .filter(leading_project_coalitions::project_id.eq_any(&ids))
        .order(coalitions::name.asc())
        .select((leading_project_coalitions::project_id, coalitions::id, coalitions::name))
        .load(conn)?;
    let in_order = |codes: Vec<String>, all: &[&str]| -> Vec<String> {
        let mut codes = codes;
        codes.sort_by_key(|c| all.iter().position(|a| a == c));
        codes
    };
    let domain_codes: Vec<&str> = CareDomain::ALL.iter().map(|d| d.as_str()).collect();
    let theme_codes: Vec<&str> = Theme::ALL.iter().map(|t| t.as_str()).collect();
    let level_codes: Vec<&str> = EducationLevel::ALL.iter().map(|l| l.as_str()).collect();
    rows.into_iter()
        .map(|row| {
            Ok(ProjectView {
                care_domains: in_order(domains.remove(&row.id).unwrap_or_default(), &domain_codes),
                themes: in_order(themes.remove(&row.id).unwrap_or_default(), &theme_codes),
                education_levels: in_order(levels.remove(&row.id).unwrap_or_default(), &level_codes),
                partners: from_json("partners", &row.partners)?,
                support_tracks: from_json("support tracks", &row.support_tracks)?,
                funding: from_json("funding", &row.funding)?,
                coalitions: memberships
                    .iter()
                    .filter(|(project, _, _)| *project == row.id)
                    .map(|(_, id, name)| (id.clone(), name.clone()))
                    .collect(),
                row,
            })
        })
        .collect()
}

/// One project, whatever its status (the caller decides who may see it).
pub fn get(conn: &mut DbConnection, id: &str) -> Result<ProjectView, DbError> {
    let row = leading_projects::table
        .find(id)
        .select(ProjectRow::as_select())
        .first(conn)?;
    views(conn, vec![row])?.pop().ok_or(DbError::NotFound)
}

fn codes<T: std::str::FromStr<Err = InvalidValue>>(what: &str, stored: &[String]) -> Result<Vec<T>, DbError> {
    stored
        .iter()
        .map(|c| {
            c.parse()
                .map_err(|e| DbError::Internal(format!("stored {what} {c:?}: {e}")))
        })
        .collect()
}

/// The published projects most like `view` (sharing themes and care domains),
/// most alike first, then by name; never the project itself.
pub fn similar(conn: &mut DbConnection, view: &ProjectView) -> Result<Vec<ProjectView>, DbError> {
    let themes: Vec<Theme> = codes("theme", &view.themes)?;
    let domains: Vec<CareDomain> = codes("care domain", &view.care_domains)?;
    let rows = leading_projects::table
        .filter(leading_projects::status.eq(ProjectStatus::Published.as_str()))
        .filter(leading_projects::id.ne(&view.row.id))
        .order((leading_projects::name.asc(), leading_projects::id.asc()))
        .select(ProjectRow::as_select())
        .load(conn)?;
    let mut scored = Vec::new();
    for other in views(conn, rows)? {
        let other_themes: Vec<Theme> = codes("theme", &other.themes)?;
        let other_domains: Vec<CareDomain> = codes("care domain", &other.care_domains)?;
        let score = similarity((&themes, &domains), (&other_themes, &other_domains));
        if score > 0 {
            scored.push((score, other));
        }
    }
    // Stable: equal scores stay in name order.
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    Ok(scored.into_iter().take(SIMILAR_MAX).map(|(_, v)| v).collect())
}

/// Published projects: in all, per care domain (code, count) and per province.
pub struct Figures {
    pub projects: i64,
    pub by_care_domain: Vec<(String, i64)>,
    pub by_province: Vec<(String, i64)>,
}

pub fn figures(conn: &mut DbConnection) -> Result<Figures, DbError> {
    let published = ProjectStatus::Published.as_str();
    let projects = leading_projects::table
        .filter(leading_projects::status.eq(published))
        .count()
        .get_result(conn)?;
    let by_care_domain = leading_project_domains::table
        .inner_join(leading_projects::table)
        .filter(leading_projects::status.eq(published))
        .group_by(leading_project_domains::care_domain)
        .select((leading_project_domains::care_domain, count_star()))
        .load(conn)?;
    let by_province: Vec<(Option<String>, i64)> = leading_projects::table
        .filter(leading_projects::status.eq(published))
        .filter(leading_projects::province.is_not_null())
        .group_by(leading_projects::province)
        .select((leading_projects::province, count_star()))
        .load(conn)?;
    Ok(Figures {
        projects,
        by_care_domain,
        by_province: by_province
            .into_iter()
            .filter_map(|(province, n)| province.map(|p| (p, n)))
            .collect(),
    })
}

/// Every coalition, by name, with its published members by name.
pub fn coalitions(conn: &mut DbConnection) -> Result<Vec<(CoalitionRow, Vec<ProjectView>)>, DbError> {
    let all = coalitions::table
        .order(coalitions::name.asc())
        .select(CoalitionRow::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(all.len());
    for coalition in all {
        let rows = leading_projects::table
            .filter(leading_projects::status.eq(ProjectStatus::Published.as_str()))
            .filter(
                leading_projects::id.eq_any(
                    leading_project_coalitions::table
                        .filter(leading_project_coalitions::coalition_id.eq(&coalition.id))
                        .select(leading_project_coalitions::project_id),
                ),
            )
            .order((leading_projects::name.asc(), leading_projects::id.asc()))
            .select(ProjectRow::as_select())
            .load(conn)?;
        out.push((coalition, views(conn, rows)?));
    }
    Ok(out)
}

/// Checks that the region and the coalitions exist.
fn check_references(conn: &mut DbConnection, fields: &LeadingProjectFields) -> Result<(), DbError> {
    let mut errors = Vec::new();
    if let Some(region) = &fields.region {
        let found: i64 = regions::table
            .filter(regions::code.eq(region.as_str()))
            .count()
            .get_result(conn)?;
        if found == 0 {
            errors.push(InvalidValue::unknown_reference(format!("no region has the code {region}")).at("/region_code"));
        }
    }
    let known: Vec<String> = coalitions::table
        .filter(coalitions::id.eq_any(&fields.coalition_ids))
        .select(coalitions::id)
        .load(conn)?;
    for (n, id) in fields.coalition_ids.iter().enumerate() {
        if !known.contains(id) {
            errors.push(
                InvalidValue::unknown_reference(format!("no coalition has the id {id}"))
                    .at(format!("/coalition_ids/{n}")),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DbError::Invalid(ValidationErrors(errors)))
    }
}

fn stored_funding(fields: &LeadingProjectFields) -> Vec<StoredFunding> {
    fields
        .funding
        .iter()
        .map(|f| StoredFunding {
            scheme: f.scheme.as_str().to_owned(),
            label: f.label.clone(),
            amount_eur: f.amount_eur,
            from_year: f.from_year,
            to_year: f.to_year,
        })
        .collect()
}

/// Replaces the coded lists and coalition memberships of project `id`.
fn set_lists(conn: &mut DbConnection, id: &str, fields: &LeadingProjectFields) -> Result<(), DbError> {
    diesel::delete(leading_project_domains::table.filter(leading_project_domains::project_id.eq(id))).execute(conn)?;
    diesel::delete(leading_project_themes::table.filter(leading_project_themes::project_id.eq(id))).execute(conn)?;
    diesel::delete(leading_project_levels::table.filter(leading_project_levels::project_id.eq(id))).execute(conn)?;
    diesel::delete(leading_project_coalitions::table.filter(leading_project_coalitions::project_id.eq(id)))
        .execute(conn)?;
    for domain in &fields.care_domains {
        diesel::insert_into(leading_project_domains::table)
            .values((
                leading_project_domains::project_id.eq(id),
                leading_project_domains::care_domain.eq(domain.as_str()),
            ))
            .execute(conn)?;
    }
    for theme in &fields.themes {
        diesel::insert_into(leading_project_themes::table)
            .values((
                leading_project_themes::project_id.eq(id),
                leading_project_themes::theme.eq(theme.as_str()),
            ))
            .execute(conn)?;
    }
    for level in &fields.education_levels {
        diesel::insert_into(leading_project_levels::table)
            .values((
                leading_project_levels::project_id.eq(id),
                leading_project_levels::education_level.eq(level.as_str()),
            ))
            .execute(conn)?;
    }
    for coalition in &fields.coalition_ids {
        diesel::insert_into(leading_project_coalitions::table)
            .values((
                leading_project_coalitions::project_id.eq(id),
                leading_project_coalitions::coalition_id.eq(coalition),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Stores a new project with its lists (the demo data's path too, without audit).
pub(crate) fn insert(
    conn: &mut DbConnection,
    id: &str,
    fields: &LeadingProjectFields,
    status: ProjectStatus,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    check_references(conn, fields)?;
    let row = ProjectRow {
        id: id.to_owned(),
        name: fields.name.clone(),
        region_code: fields.region.as_ref().map(|r| r.as_str().to_owned()),
        province: fields.province.map(|p| p.as_str().to_owned()),
        partners: to_json(&fields.partners)?,
        story: fields.story.clone(),
        results: fields.results.clone(),
        contact: fields.contact.clone(),
        support_tracks: to_json(&fields.support_tracks)?,
        funding: to_json(&stored_funding(fields))?,
        status: status.as_str().to_owned(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(leading_projects::table)
        .values(&row)
        .execute(conn)?;
    set_lists(conn, id, fields)
}

/// A new project, as a draft of its region.
pub fn create(conn: &mut DbConnection, actor: &Actor, fields: &LeadingProjectFields) -> Result<ProjectView, DbError> {
    in_transaction(conn, |conn| {
        let id = Uuid::now_v7().to_string();
        insert(conn, &id, fields, ProjectStatus::Draft, Utc::now().naive_utc())?;
        let created = get(conn, &id)?;
        audit::record(
            conn,
            actor,
            "create",
            "leading_project",
            &id,
            None::<&ProjectView>,
            Some(&created),
        )?;
        Ok(created)
    })
}

/// Replaces what project `id` says if it is still at `version`.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    version: i64,
    fields: &LeadingProjectFields,
) -> Result<ProjectView, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        check_references(conn, fields)?;
        let changed = diesel::update(
            leading_projects::table
                .find(id)
                .filter(leading_projects::version.eq(version)),
        )
        .set((
            leading_projects::name.eq(&fields.name),
            leading_projects::region_code.eq(fields.region.as_ref().map(|r| r.as_str())),
            leading_projects::province.eq(fields.province.map(Province::as_str)),
            leading_projects::partners.eq(to_json(&fields.partners)?),
            leading_projects::story.eq(&fields.story),
            leading_projects::results.eq(&fields.results),
            leading_projects::contact.eq(&fields.contact),
            leading_projects::support_tracks.eq(to_json(&fields.support_tracks)?),
            leading_projects::funding.eq(to_json(&stored_funding(fields))?),
            leading_projects::version.eq(version + 1),
            leading_projects::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        set_lists(conn, id, fields)?;
        let after = get(conn, id)?;
        audit::record(
            conn,
            actor,
            "update",
            "leading_project",
            id,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// Moves project `id` (still at `version`) to `to`; staying put is a conflict.
pub fn set_status(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    version: i64,
    to: ProjectStatus,
) -> Result<ProjectView, DbError> {
    in_transaction(conn, |conn| {
        let before = get(conn, id)?;
        if before.row.status == to.as_str() {
            return Err(DbError::Conflict(format!("the project is {to} already")));
        }
        let changed = diesel::update(
            leading_projects::table
                .find(id)
                .filter(leading_projects::version.eq(version)),
        )
        .set((
            leading_projects::status.eq(to.as_str()),
            leading_projects::version.eq(version + 1),
            leading_projects::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
        if changed != 1 {
            return Err(DbError::PreconditionFailed);
        }
        let after = get(conn, id)?;
        audit::record(
            conn,
            actor,
            to.as_str(),
            "leading_project",
            id,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// Stores a coalition (the demo data's path).
pub(crate) fn insert_coalition(conn: &mut DbConnection, row: &CoalitionRow) -> Result<(), DbError> {
    diesel::insert_into(coalitions::table).values(row).execute(conn)?;
    Ok(())
}
