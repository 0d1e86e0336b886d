//! What the barrier figures are computed from, read in one snapshot.

use zorgpact_domain::auth::BarrierScope;
use zorgpact_domain::barrier::clock::TargetPeriod;
use zorgpact_domain::barrier::contact::ContactCounts;

use crate::barriers::{self, BarrierFilter, StoredBarrier};
use crate::{DbConnection, DbError, barrier_contacts, read_snapshot, service_targets};

/// Every ticket with its timeline, the ministries' target history and the
/// contacts counted by kind.
pub struct FigureInputs {
    pub tickets: Vec<StoredBarrier>,
    pub targets: Vec<TargetPeriod>,
    pub contacts: ContactCounts,
}

/// Tickets are read a page at a time, so a large programme never binds more
/// parameters than a statement takes.
const PAGE: i64 = 500;

pub fn load(conn: &mut DbConnection) -> Result<FigureInputs, DbError> {
    read_snapshot(conn, |conn| {
        let all = BarrierFilter::within(BarrierScope::All);
        let mut tickets: Vec<StoredBarrier> = Vec::new();
        loop {
            let after = tickets.last().map(|t| t.row.id.clone());
            let page = barriers::list_page(conn, &all, after.as_deref(), PAGE)?;
            let done = page.len() < PAGE as usize;
            tickets.extend(page);
            if done {
                break;
            }
        }
        Ok(FigureInputs {
            tickets,
            targets: service_targets::periods(conn)?,
            contacts: barrier_contacts::counts(conn)?,
        })
    })
}
