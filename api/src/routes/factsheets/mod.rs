//! `/api/v1/factsheets`: questions the ministries answer once for everyone.
//! Officials write and revise a draft and publish it as numbered versions;
//! everyone reads the latest published version, without logging in.

mod create;
mod get;
mod list;
mod publish;
mod update;
mod versions;

use utoipa_actix_web::service_config::ServiceConfig;
use zorgpact_contract::codes::FactsheetStatus;
use zorgpact_contract::factsheet::{
    FactsheetFieldsRequest, FactsheetResponse, FactsheetVersionResponse, RegulationRef,
};
use zorgpact_contract::regulation::TicketRef;
use zorgpact_db::DbError;
use zorgpact_db::factsheets::{self, Content, Edition, FactsheetView, VersionRow};
use zorgpact_domain::ValidationErrors;
use zorgpact_domain::auth::{BarrierScope, Permission};
use zorgpact_domain::barrier::Ministry;
use zorgpact_domain::factsheet::{FactsheetFields, FactsheetInput};

use super::regulations::ticket_refs;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::timestamp::timestamp;
use crate::routes::stored;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list::list_factsheets)
        .service(create::create_factsheet)
        .service(get::get_factsheet)
        .service(update::update_factsheet)
        .service(publish::publish_factsheet)
        .service(versions::list_versions)
        .service(versions::get_version);
}

/// The draft of factsheet `id` for a caller who may change it: 403 for callers
/// who may not read drafts (before anything is looked up), 404 when missing, 403
/// for officials of another ministry.
pub async fn editable_draft(state: &AppState, caller: &Caller, id: &str) -> Result<FactsheetView, ApiError> {
    caller.require(&Permission::ReadFactsheetDrafts)?;
    let draft = state
        .with_conn({
            let id = id.to_owned();
            move |conn| factsheets::get(conn, &id, Edition::Draft)
        })
        .await
        .map_err(|e| e.or_not_found(format!("factsheet {id}")))?;
    caller.require(&Permission::WriteFactsheet {
        ministry: stored::code("ministry", &draft.content.ministry)?,
    })?;
    Ok(draft)
}

/// Officials and the programme team read drafts; everyone else what is published.
pub fn edition(caller: &Caller) -> Edition {
    match caller.require(&Permission::ReadFactsheetDrafts) {
        Ok(()) => Edition::Draft,
        Err(_) => Edition::Published,
    }
}

pub fn fields(dto: &FactsheetFieldsRequest) -> Result<FactsheetFields, ValidationErrors> {
    FactsheetFields::parse(&FactsheetInput {
        question: &dto.question,
        answer: &dto.answer,
        ministry: dto.ministry,
        themes: &dto.themes,
        regulation_ids: &dto.regulation_ids,
        ticket_ids: &dto.ticket_ids,
    })
}

/// What a factsheet (or one version) says, as the API shows it to a caller of `scope`.
struct Shown {
    ministry: Ministry,
    themes: Vec<zorgpact_contract::codes::Theme>,
    regulations: Vec<RegulationRef>,
    tickets: Vec<TicketRef>,
}

fn shown(content: &Content, scope: &BarrierScope) -> Result<Shown, DbError> {
    Ok(Shown {
        ministry: stored::code("ministry", &content.ministry)?,
        themes: stored::list("theme", &content.themes)?,
        regulations: content
            .regulations
            .iter()
            .map(|r| RegulationRef {
                id: r.id.clone(),
                name: r.name.clone(),
            })
            .collect(),
        tickets: ticket_refs(scope, &content.tickets)?,
    })
}

pub fn factsheet_response(view: FactsheetView, scope: &BarrierScope) -> Result<FactsheetResponse, DbError> {
    let Shown {
        ministry,
        themes,
        regulations,
        tickets,
    } = shown(&view.content, scope)?;
    Ok(FactsheetResponse {
        status: match view.published_version {
            Some(_) => FactsheetStatus::Published,
            None => FactsheetStatus::Draft,
        },
        id: view.id,
        question: view.content.question,
        answer: view.content.answer,
        ministry,
        themes,
        regulations,
        tickets,
        published_version: view.published_version,
        published_at: view.published_at.map(timestamp),
        unpublished_changes: view.unpublished_changes,
        updated_at: timestamp(view.updated_at),
        version: view.version,
    })
}

pub fn version_response(
    row: VersionRow,
    content: &Content,
    scope: &BarrierScope,
) -> Result<FactsheetVersionResponse, DbError> {
    let Shown {
        ministry,
        themes,
        regulations,
        tickets,
    } = shown(content, scope)?;
    Ok(FactsheetVersionResponse {
        factsheet_id: row.factsheet_id,
        number: row.number,
        question: row.question,
        answer: row.answer,
        ministry,
        themes,
        regulations,
        tickets,
        published_at: timestamp(row.published_at),
        published_by: row.published_by,
    })
}
