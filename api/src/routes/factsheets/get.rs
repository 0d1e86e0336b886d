//! `GET /api/v1/factsheets/{id}`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use zorgpact_contract::factsheet::FactsheetResponse;
use zorgpact_db::factsheets;
use zorgpact_domain::auth::Permission;

use super::{edition, factsheet_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::problem_responses::ReadErrors;
use crate::routes::regulations::readable_scope;

/// One factsheet. Without a token (and for coordinators, analysts and partners):
/// its latest published version; a factsheet never published is 404. Officials
/// and the programme team: the draft, with `ETag` for `If-Match` on revisions.
#[utoipa::path(
    tag = "factsheets",
    params(("id" = String, Path, description = "Factsheet id")),
    responses(
        (status = 200, description = "The factsheet", body = FactsheetResponse,
            headers(("ETag" = String, description = "The draft's version"))),
        ReadErrors
    )
)]
#[get("/factsheets/{id}")]
pub async fn get_factsheet(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let id = id.into_inner();
    let edition = edition(&caller);
    let view = state
        .with_conn({
            let id = id.clone();
            move |conn| factsheets::get(conn, &id, edition)
        })
        .await
        .map_err(|e| e.or_not_found(format!("factsheet {id}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.version)))
        .json(factsheet_response(view, &readable_scope(&caller))?))
}
