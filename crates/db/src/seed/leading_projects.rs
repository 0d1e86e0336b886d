//! The demo Kopgroep (`leading_projects.json`): the leading projects the
//! programme's documents describe, with what those documents say of them (no
//! invented figures), and the three coalitions with their aims. The documents
//! name no coalition members, so none are linked. Only missing records are
//! inserted; every project passes the domain's rules.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use zorgpact_domain::Code;
use zorgpact_domain::leading_project::{
    FundingInput, FundingScheme, LeadingProjectFields, LeadingProjectInput, ProjectStatus,
};

use super::demo_id;
use crate::leading_projects::{self, CoalitionRow};
use crate::schema::{coalitions, leading_projects as projects};
use crate::{DbConnection, DbError};

const LEADING_PROJECTS_JSON: &str = include_str!("leading_projects.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kopgroep {
    coalitions: Vec<DemoCoalition>,
    projects: Vec<DemoProject>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCoalition {
    name: String,
    aim: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoProject {
    name: String,
    region: Option<String>,
    province: Option<String>,
    care_domains: Vec<String>,
    themes: Vec<String>,
    education_levels: Vec<String>,
    partners: Vec<String>,
    story: String,
    results: String,
    funding: Vec<DemoFunding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFunding {
    scheme: String,
    label: String,
    amount_eur: Option<i64>,
    from_year: i64,
    to_year: Option<i64>,
}

fn bad(what: &str, error: impl std::fmt::Display) -> DbError {
    DbError::Seed(format!("{what}: {error}"))
}

fn parse_codes<T: Code>(what: &str, codes: &[String]) -> Result<Vec<T>, DbError> {
    codes.iter().map(|c| T::parse(c).map_err(|e| bad(what, e))).collect()
}

fn parse_project(demo: &DemoProject) -> Result<LeadingProjectFields, DbError> {
    let what = format!("leading project {}", demo.name);
    let schemes: Vec<FundingScheme> = demo
        .funding
        .iter()
        .map(|f| FundingScheme::parse(&f.scheme).map_err(|e| bad(&what, e)))
        .collect::<Result<_, _>>()?;
    let funding: Vec<FundingInput<'_>> = demo
        .funding
        .iter()
        .zip(schemes)
        .map(|(f, scheme)| FundingInput {
            scheme,
            label: &f.label,
            amount_eur: f.amount_eur,
            from_year: f.from_year,
            to_year: f.to_year,
        })
        .collect();
    LeadingProjectFields::parse(&LeadingProjectInput {
        name: &demo.name,
        region: demo.region.as_deref(),
        province: demo
            .province
            .as_deref()
            .map(Code::parse)
            .transpose()
            .map_err(|e| bad(&what, e))?,
        care_domains: &parse_codes(&what, &demo.care_domains)?,
        themes: &parse_codes(&what, &demo.themes)?,
        education_levels: &parse_codes(&what, &demo.education_levels)?,
        partners: &demo.partners,
        story: &demo.story,
        results: &demo.results,
        contact: "",
        support_tracks: &[],
        coalition_ids: &[],
        funding: &funding,
    })
    .map_err(|e| bad(&what, e))
}

/// Inserts the coalitions and projects that are missing; returns how many.
pub fn insert_missing(conn: &mut DbConnection, now: NaiveDateTime) -> Result<usize, DbError> {
    let kopgroep: Kopgroep =
        serde_json::from_str(LEADING_PROJECTS_JSON).map_err(|e| bad("leading_projects.json", e))?;
    let mut inserted = 0;
    let existing: HashSet<String> = coalitions::table
        .select(coalitions::id)
        .load(conn)?
        .into_iter()
        .collect();
    for demo in &kopgroep.coalitions {
        let id = demo_id("coalition", &demo.name);
        if !existing.contains(&id) {
            leading_projects::insert_coalition(
                conn,
                &CoalitionRow {
                    id,
                    name: demo.name.clone(),
                    aim: demo.aim.clone(),
                    created_at: now,
                },
            )?;
            inserted += 1;
        }
    }
    let existing: HashSet<String> = projects::table.select(projects::id).load(conn)?.into_iter().collect();
    for demo in &kopgroep.projects {
        let id = demo_id("leading_project", &demo.name);
        if !existing.contains(&id) {
            leading_projects::insert(conn, &id, &parse_project(demo)?, ProjectStatus::Published, now)?;
            inserted += 1;
        }
    }
    Ok(inserted)
}
