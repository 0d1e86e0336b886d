//! What the agenda summaries are counted from: actions and tickets grouped in the
//! database, so a summary of every region reads a few rows per region.

use diesel::dsl::{count_star, sum};
use diesel::prelude::*;
use zorgpact_domain::agenda::{ActionGroup, TicketGroup};

use crate::barriers::stored;
use crate::schema::{actions, barrier_tickets, regions};
use crate::{DbConnection, DbError, read_snapshot};

/// The regions' codes in code order, with their actions and tickets grouped.
pub struct AgendaInputs {
    pub regions: Vec<String>,
    pub actions: Vec<ActionGroup>,
    pub tickets: Vec<TicketGroup>,
}

/// Every region's groups, or one region's (no regions when it is unknown), read
/// in one snapshot.
pub fn load(conn: &mut DbConnection, region: Option<&str>) -> Result<AgendaInputs, DbError> {
    read_snapshot(conn, |conn| {
        let mut region_query = regions::table.select(regions::code).order(regions::code).into_boxed();
        let mut action_query = actions::table
            .filter(actions::archived.eq(false))
            .group_by((actions::region_code, actions::status, actions::action_line))
            .select((
                actions::region_code,
                actions::status,
                actions::action_line,
                count_star(),
                sum(actions::progress),
            ))
            .into_boxed();
        let mut ticket_query = barrier_tickets::table
            .group_by((barrier_tickets::region_code, barrier_tickets::status))
            .select((barrier_tickets::region_code, barrier_tickets::status, count_star()))
            .into_boxed();
        if let Some(region) = region {
            region_query = region_query.filter(regions::code.eq(region.to_owned()));
            action_query = action_query.filter(actions::region_code.eq(region.to_owned()));
            ticket_query = ticket_query.filter(barrier_tickets::region_code.eq(region.to_owned()));
        }
        let region_codes: Vec<String> = region_query.load(conn)?;
        let action_rows: Vec<(String, String, String, i64, Option<i64>)> = action_query.load(conn)?;
        let ticket_rows: Vec<(String, String, i64)> = ticket_query.load(conn)?;
        let actions = action_rows
            .into_iter()
            .map(|(region, status, line, count, progress)| {
                Ok(ActionGroup {
                    region,
                    status: stored("action status", &status)?,
                    action_line: stored("action line", &line)?,
                    actions: counted(count)?,
                    progress_sum: progress.unwrap_or(0),
                })
            })
            .collect::<Result<_, DbError>>()?;
        let tickets = ticket_rows
            .into_iter()
            .map(|(region, status, count)| {
                Ok(TicketGroup {
                    region,
                    status: stored("barrier status", &status)?,
                    tickets: counted(count)?,
                })
            })
            .collect::<Result<_, DbError>>()?;
        Ok(AgendaInputs {
            regions: region_codes,
            actions,
            tickets,
        })
    })
}

fn counted(count: i64) -> Result<u32, DbError> {
    u32::try_from(count).map_err(|_| DbError::Internal(format!("a count of {count} rows")))
}
