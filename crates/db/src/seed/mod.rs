//! Demo data drawn from the programme's documents: the 17 regional Zorgpacts, the
//! monitor's indicator catalogue, real actions and barriers, and plausible
//! indicator values and targets so charts have something to show.
//!
//! Every record passes the same domain rules as user input. Loading is idempotent:
//! records are keyed by natural keys (or ids derived from them), and only missing
//! ones are inserted, all in one transaction.

pub mod accounts;
mod barriers;
mod file;
mod leading_projects;
mod register;
mod reviews;
mod values;

use std::collections::{BTreeSet, HashSet};

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::indicator_values::{IndicatorTargetRow, IndicatorValueRow, SeriesTable};
use crate::schema::{
    action_indicators, action_partners, action_themes, action_updates, actions, barrier_comments, barrier_contacts,
    barrier_steps, barrier_tickets, indicators, partners, regions,
};
use crate::{DbConnection, DbError};

pub use file::DemoData;

/// What one load inserted (all zero when the data was already there).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub regions: usize,
    pub partners: usize,
    pub indicators: usize,
    pub actions: usize,
    pub barriers: usize,
    pub values: usize,
    pub targets: usize,
    pub accounts: usize,
    pub regulations: usize,
    pub factsheets: usize,
    pub reviews: usize,
    /// Leading projects and coalitions.
    pub leading_projects: usize,
}

impl SeedReport {
    pub fn total(&self) -> usize {
        self.regions
            + self.partners
            + self.indicators
            + self.actions
            + self.barriers
            + self.values
            + self.targets
            + self.accounts
            + self.regulations
            + self.factsheets
            + self.reviews
            + self.leading_projects
    }
}

/// Namespace for ids derived from natural keys, so the same record gets the same id
/// on every load and every machine.
const DEMO_NAMESPACE: Uuid = Uuid::from_u128(0x5a0f_9c1e_7d4b_4e2a_9b61_2f3c_8d7e_a001);

pub(crate) fn demo_id(kind: &str, key: &str) -> String {
    Uuid::new_v5(&DEMO_NAMESPACE, format!("{kind}:{key}").as_bytes()).to_string()
}

/// The demo's points not stored yet. Only the demo's own indicators, regions and
/// periods are looked up: a database with millions of values must not be read
/// into memory at every start.
fn unstored<S: SeriesTable>(conn: &mut DbConnection, rows: Vec<S>) -> Result<Vec<S>, DbError> {
    type Key = (String, String, String);
    let key_of = |row: &S| -> Key {
        let (indicator, region, period) = row.key();
        (indicator.to_owned(), region.to_owned(), period.to_owned())
    };
    let keys: Vec<Key> = rows.iter().map(key_of).collect();
    let distinct = |part: fn(&Key) -> &String| -> Vec<String> {
        let set: BTreeSet<&String> = keys.iter().map(part).collect();
        set.into_iter().cloned().collect()
    };
    let (indicators, regions, periods) = (distinct(|k| &k.0), distinct(|k| &k.1), distinct(|k| &k.2));
    let stored: HashSet<Key> = S::among(conn, &indicators, &regions, &periods)?
        .iter()
        .map(key_of)
        .collect();
    Ok(rows.into_iter().filter(|row| !stored.contains(&key_of(row))).collect())
}

/// Loads the demo data, inserting whatever is missing.
pub fn load_demo_data(conn: &mut DbConnection) -> Result<SeedReport, DbError> {
    let data = DemoData::parse()?;
    let now = Utc::now().naive_utc();
    crate::in_transaction(conn, |conn| insert_missing(conn, &data, now))
}

fn insert_missing(conn: &mut DbConnection, data: &DemoData, now: NaiveDateTime) -> Result<SeedReport, DbError> {
    let mut report = SeedReport::default();

    let existing: HashSet<String> = regions::table.select(regions::code).load(conn)?.into_iter().collect();
    for region in data
        .region_rows(now)
        .into_iter()
        .filter(|r| !existing.contains(&r.code))
    {
        diesel::insert_into(regions::table).values(&region).execute(conn)?;
        report.regions += 1;
    }

    let existing: HashSet<String> = partners::table.select(partners::id).load(conn)?.into_iter().collect();
    for partner in data.partner_rows(now).into_iter().filter(|p| !existing.contains(&p.id)) {
        diesel::insert_into(partners::table).values(&partner).execute(conn)?;
        report.partners += 1;
    }

    // Weight indicators first: a weighted indicator references its weight.
    let existing: HashSet<String> = indicators::table
        .select(indicators::code)
        .load(conn)?
        .into_iter()
        .collect();
    let mut catalogue = data.indicator_rows(now);
    catalogue.sort_by_key(|i| i.weight_indicator.is_some());
    for indicator in catalogue.into_iter().filter(|i| !existing.contains(&i.code)) {
        diesel::insert_into(indicators::table)
            .values(&indicator)
            .execute(conn)?;
        report.indicators += 1;
    }

    let existing: HashSet<String> = actions::table.select(actions::id).load(conn)?.into_iter().collect();
    for action in data.actions(now).into_iter().filter(|a| !existing.contains(&a.row.id)) {
        diesel::insert_into(actions::table).values(&action.row).execute(conn)?;
        for theme in &action.themes {
            diesel::insert_into(action_themes::table)
                .values((
                    action_themes::action_id.eq(&action.row.id),
                    action_themes::theme.eq(theme),
                ))
                .execute(conn)?;
        }
        for partner_id in &action.partner_ids {
            diesel::insert_into(action_partners::table)
                .values((
                    action_partners::action_id.eq(&action.row.id),
                    action_partners::partner_id.eq(partner_id),
                ))
                .execute(conn)?;
        }
        for code in &action.indicator_codes {
            diesel::insert_into(action_indicators::table)
                .values((
                    action_indicators::action_id.eq(&action.row.id),
                    action_indicators::indicator_code.eq(code),
                    action_indicators::expected_effect.eq(None::<String>),
                ))
                .execute(conn)?;
        }
        for update in &action.updates {
            diesel::insert_into(action_updates::table)
                .values(update)
                .execute(conn)?;
        }
        report.actions += 1;
    }

    let existing: HashSet<String> = barrier_tickets::table
        .select(barrier_tickets::id)
        .load(conn)?
        .into_iter()
        .collect();
    // Tickets name their officials: the demo accounts come first.
    report.accounts = accounts::insert_missing(conn, now)?;
    for barrier in data
        .barrier_rows()?
        .into_iter()
        .filter(|b| !existing.contains(&b.ticket.id))
    {
        diesel::insert_into(barrier_tickets::table)
            .values(&barrier.ticket)
            .execute(conn)?;
        for step in &barrier.steps {
            diesel::insert_into(barrier_steps::table).values(step).execute(conn)?;
        }
        for comment in &barrier.comments {
            diesel::insert_into(barrier_comments::table)
                .values(comment)
                .execute(conn)?;
        }
        for contact in &barrier.contacts {
            diesel::insert_into(barrier_contacts::table)
                .values(contact)
                .execute(conn)?;
        }
        report.barriers += 1;
    }

    // The register names demo tickets: they come first.
    let register = register::insert_missing(conn, now)?;
    report.regulations = register.regulations;
    report.factsheets = register.factsheets;
    report.reviews = reviews::insert_missing(conn)?;
    report.leading_projects = leading_projects::insert_missing(conn, now)?;

    let rows = unstored(conn, values::value_rows(data, now))?;
    report.values = rows.len();
    IndicatorValueRow::insert(conn, &rows)?;
    let rows = unstored(conn, values::target_rows(data, now))?;
    report.targets = rows.len();
    IndicatorTargetRow::insert(conn, &rows)?;

    Ok(report)
}
