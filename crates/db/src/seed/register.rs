//! The demo register of rules (`register.json`): the schemes and laws the
//! programme's documents name, linked to the demo tickets that concern them, and
//! factsheets answered from those documents (published, and one draft). Every
//! record passes the domain's rules; only missing ones are inserted.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use serde::Deserialize;
use zorgpact_domain::action::Theme;
use zorgpact_domain::barrier::Ministry;
use zorgpact_domain::factsheet::{FactsheetFields, FactsheetInput};
use zorgpact_domain::regulation::{NewRegulation, RegulationInput, RegulationKind};

use super::accounts::DEMO_USERS;
use super::demo_id;
use crate::factsheets::{self, FactsheetRow};
use crate::regulations::RegulationRow;
use crate::schema::{barrier_regulations, factsheets as factsheet_table, regulations};
use crate::{DbConnection, DbError};

const REGISTER_JSON: &str = include_str!("register.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Register {
    regulations: Vec<DemoRegulation>,
    factsheets: Vec<DemoFactsheet>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRegulation {
    name: String,
    kind: String,
    ministry: Option<String>,
    url: Option<String>,
    description: String,
    /// Demo tickets as `region:title`.
    tickets: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFactsheet {
    key: String,
    question: String,
    answer: String,
    ministry: String,
    themes: Vec<String>,
    /// Rules by name.
    regulations: Vec<String>,
    /// Demo tickets as `region:title`.
    tickets: Vec<String>,
    /// A demo official's e-mail address.
    written_by: String,
    /// When it was published; none for a draft.
    published_on: Option<NaiveDate>,
}

/// What one load inserted.
pub struct Inserted {
    pub regulations: usize,
    pub factsheets: usize,
}

fn bad(what: &str, error: impl std::fmt::Display) -> DbError {
    DbError::Seed(format!("{what}: {error}"))
}

fn regulation_id(name: &str) -> String {
    demo_id("regulation", name)
}

fn ticket_id(key: &str) -> String {
    demo_id("barrier", key)
}

fn parse_regulation(demo: &DemoRegulation) -> Result<NewRegulation, DbError> {
    let what = format!("rule {}", demo.name);
    let kind = RegulationKind::parse(&demo.kind).map_err(|e| bad(&what, e))?;
    let ministry = demo
        .ministry
        .as_deref()
        .map(Ministry::parse)
        .transpose()
        .map_err(|e| bad(&what, e))?;
    NewRegulation::parse(&RegulationInput {
        name: &demo.name,
        kind,
        ministry,
        url: demo.url.as_deref(),
        description: Some(&demo.description),
    })
    .map_err(|e| bad(&what, e))
}

fn parse_factsheet(demo: &DemoFactsheet) -> Result<FactsheetFields, DbError> {
    let what = format!("factsheet {}", demo.key);
    let themes = demo
        .themes
        .iter()
        .map(|t| Theme::parse(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(&what, e))?;
    let regulation_ids: Vec<String> = demo.regulations.iter().map(|n| regulation_id(n)).collect();
    let ticket_ids: Vec<String> = demo.tickets.iter().map(|k| ticket_id(k)).collect();
    FactsheetFields::parse(&FactsheetInput {
        question: &demo.question,
        answer: &demo.answer,
        ministry: Ministry::parse(&demo.ministry).map_err(|e| bad(&what, e))?,
        themes: &themes,
        regulation_ids: &regulation_ids,
        ticket_ids: &ticket_ids,
    })
    .map_err(|e| bad(&what, e))
}

fn at_ten(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) + chrono::TimeDelta::hours(10)
}

/// Inserts the rules, their ticket links and the factsheets that are missing.
pub fn insert_missing(conn: &mut DbConnection, now: NaiveDateTime) -> Result<Inserted, DbError> {
    let register: Register = serde_json::from_str(REGISTER_JSON).map_err(|e| bad("register.json", e))?;
    let mut inserted = Inserted {
        regulations: 0,
        factsheets: 0,
    };
    let existing: HashSet<String> = regulations::table
        .select(regulations::id)
        .load(conn)?
        .into_iter()
        .collect();
    for demo in &register.regulations {
        let id = regulation_id(&demo.name);
        if existing.contains(&id) {
            continue;
        }
        let row = RegulationRow::new(id.clone(), &parse_regulation(demo)?, now);
        diesel::insert_into(regulations::table).values(&row).execute(conn)?;
        for ticket in &demo.tickets {
            diesel::insert_into(barrier_regulations::table)
                .values((
                    barrier_regulations::ticket_id.eq(ticket_id(ticket)),
                    barrier_regulations::regulation_id.eq(&id),
                ))
                .execute(conn)
                .map_err(|e| bad(&format!("rule {} names ticket {ticket}", demo.name), e))?;
        }
        inserted.regulations += 1;
    }
    let existing: HashSet<String> = factsheet_table::table
        .select(factsheet_table::id)
        .load(conn)?
        .into_iter()
        .collect();
    for demo in &register.factsheets {
        let id = demo_id("factsheet", &demo.key);
        if existing.contains(&id) {
            continue;
        }
        let author = DEMO_USERS
            .iter()
            .find(|u| u.email == demo.written_by)
            .ok_or_else(|| bad(&demo.key, format!("no demo account {}", demo.written_by)))?;
        let written = demo.published_on.map_or(now, at_ten);
        let row: FactsheetRow = factsheets::insert_draft(conn, &id, &parse_factsheet(demo)?, written)?;
        if demo.published_on.is_some() {
            factsheets::insert_version(conn, &row, author.display_name, written)?;
        }
        inserted.factsheets += 1;
    }
    Ok(inserted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_record_passes_the_domain_rules() {
        let register: Register = serde_json::from_str(REGISTER_JSON).expect("register.json");
        for demo in &register.regulations {
            parse_regulation(demo).expect("a valid rule");
        }
        for demo in &register.factsheets {
            let fields = parse_factsheet(demo).expect("a valid factsheet");
            assert_eq!(fields.regulation_ids.len(), demo.regulations.len());
        }
    }
}
