//! Loading one ticket for a caller: tickets the caller may not read are answered
//! as missing, so nobody learns which tickets exist in other regions or ministries.

use zorgpact_db::barriers::{self, StoredBarrier};
use zorgpact_domain::auth::Permission;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::stored;

pub async fn visible_ticket(state: &AppState, caller: &Caller, id: &str) -> Result<StoredBarrier, ApiError> {
    caller.require(&Permission::ReadBarriers)?;
    let not_found = || ApiError::NotFound(format!("barrier ticket {id}"));
    let ticket = state
        .with_conn({
            let id = id.to_owned();
            move |conn| barriers::get(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("barrier ticket {id}")))?;
    let row = &ticket.row;
    let readable = caller.require(&Permission::ReadBarrier {
        region: &row.region_code,
        ministry: stored::optional("ministry", row.ministry.as_deref())?,
        public: row.public,
    });
    readable.map_err(|_| not_found())?;
    Ok(ticket)
}
