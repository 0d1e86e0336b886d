//! Loading one ticket for a caller: tickets the caller may not read are answered
//! as missing, so nobody learns which tickets exist in other regions or ministries.

use zorgpact_db::barriers::{self, StoredBarrier};
use zorgpact_db::service_targets;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::barrier::clock::TargetPeriod;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;

/// A ticket the caller may read, with the service targets' history its clock is
/// read against.
pub struct Visible {
    pub ticket: StoredBarrier,
    pub targets: Vec<TargetPeriod>,
}

pub async fn visible_ticket(state: &AppState, caller: &Caller, id: &str) -> Result<Visible, ApiError> {
    caller.require(&Permission::ReadBarriers)?;
    let not_found = || ApiError::NotFound(format!("barrier ticket {id}"));
    let (ticket, targets) = state
        .with_conn({
            let id = id.to_owned();
            move |conn| Ok((barriers::get(conn, &id)?, service_targets::periods(conn)?))
        })
        .await
        .map_err(|e| e.or_not_found(format!("barrier ticket {id}")))?;
    let row = &ticket.row;
    let readable = caller.require(&Permission::ReadBarrier {
        region: &row.region_code,
        ministry: row.workflow()?.ministry,
        public: row.public,
    });
    readable.map_err(|_| not_found())?;
    Ok(Visible { ticket, targets })
}
