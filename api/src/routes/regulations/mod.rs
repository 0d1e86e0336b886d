//! `/api/v1/regulations`: the register of laws, subsidy schemes and agreements
//! that barrier tickets and factsheets concern, and which rules a ticket concerns.

mod create;
mod get;
mod list;
mod tickets;

use utoipa_actix_web::service_config::ServiceConfig;
use zorgpact_contract::regulation::{RegulationResponse, TicketRef};
use zorgpact_db::DbError;
use zorgpact_db::barriers::BarrierRow;
use zorgpact_db::regulations::RegulationRow;
use zorgpact_domain::auth::{BarrierScope, barrier_scope};

use crate::auth::Caller;
use crate::routes::stored;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list::list_regulations)
        .service(create::create_regulation)
        .service(get::get_regulation)
        .service(tickets::get_ticket_regulations)
        .service(tickets::set_ticket_regulations);
}

pub fn regulation_response(row: RegulationRow) -> Result<RegulationResponse, DbError> {
    Ok(RegulationResponse {
        kind: stored::code("regulation kind", &row.kind)?,
        ministry: stored::optional("ministry", row.ministry.as_deref())?,
        id: row.id,
        name: row.name,
        url: row.url,
        description: row.description,
    })
}

/// The tickets a caller may read: anonymous callers none (tickets need a token).
pub fn readable_scope(caller: &Caller) -> BarrierScope {
    caller.principal().map_or(BarrierScope::None, barrier_scope)
}

/// The tickets of `rows` the scope lets through, as references.
pub fn ticket_refs(scope: &BarrierScope, rows: &[BarrierRow]) -> Result<Vec<TicketRef>, DbError> {
    let mut refs = Vec::new();
    for row in rows {
        if scope.includes(&row.region_code, row.workflow()?.ministry, row.public) {
            refs.push(TicketRef {
                id: row.id.clone(),
                region_code: row.region_code.clone(),
                title: row.title.clone(),
                status: stored::code("barrier status", &row.status)?,
                resolution: stored::optional("resolution", row.resolution.as_deref())?,
            });
        }
    }
    Ok(refs)
}
