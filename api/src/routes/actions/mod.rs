//! `/api/v1/actions`: the action agendas of the regions, with their progress
//! timelines.

mod archive;
pub(crate) mod convert;
mod create;
mod get;
mod list;
mod timeline;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;
use zorgpact_db::actions;
use zorgpact_domain::auth::Permission;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;

pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list::list_actions)
        .service(create::create_action)
        .service(get::get_action)
        .service(update::update_action)
        .service(archive::archive_action)
        .service(archive::restore_action)
        .service(timeline::list_progress_updates)
        .service(timeline::add_progress_update)
        .service(timeline::get_progress_update);
}

/// 404 for an unknown action, 409 for an archived one. The change itself checks
/// again in its transaction; this check gives the common case a clear message.
async fn refuse_archived(state: &AppState, id: &str) -> Result<(), ApiError> {
    let archived = state
        .with_conn({
            let id = id.to_owned();
            move |conn| actions::is_archived(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("action {id}")))?;
    if archived {
        return Err(ApiError::Conflict(format!(
            "action {id} is archived and can no longer change"
        )));
    }
    Ok(())
}

/// Passes when the caller may change action `id`, which is decided by the action's
/// region: 404 for an unknown action. Callers who may not even read actions
/// (anonymous, partners without an actions scope) are refused first, so they learn
/// nothing about which actions exist.
async fn require_write(state: &AppState, caller: &Caller, id: &str) -> Result<(), ApiError> {
    caller.require(&Permission::ReadActions)?;
    let region = state
        .with_conn({
            let id = id.to_owned();
            move |conn| actions::region_of(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("action {id}")))?;
    caller.require(&Permission::WriteActions { region: &region })
}
