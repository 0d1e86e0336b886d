//! `POST /api/v1/factsheets`.

use actix_web::http::header;
use actix_web::{HttpResponse, post, web};
use zorgpact_contract::factsheet::{FactsheetFieldsRequest, FactsheetResponse};
use zorgpact_db::factsheets;
use zorgpact_domain::auth::Permission;

use super::{factsheet_response, fields};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::concurrency::etag;
use crate::http::extract::Body;
use crate::problem_responses::{AuthErrors, CreateErrors};
use crate::routes::regulations::readable_scope;

/// Writes a new factsheet as a draft (not public until published). Unknown
/// rules or tickets are a 422 at `/regulation_ids/N` or `/ticket_ids/N`. Roles:
/// admin; an official, for the official's own ministry.
#[utoipa::path(
    tag = "factsheets",
    request_body = FactsheetFieldsRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The draft", body = FactsheetResponse,
            headers(("Location" = String, description = "URL of the new factsheet"), ("ETag" = String)),
            links(
                ("GetFactsheet" = (operation_id = "get_factsheet", parameters(("id" = "$response.body#/id")))),
                ("UpdateFactsheet" = (operation_id = "update_factsheet", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag")))),
                ("PublishFactsheet" = (operation_id = "publish_factsheet", parameters(("id" = "$response.body#/id")))),
                ("ListVersions" = (operation_id = "list_versions", parameters(("id" = "$response.body#/id"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/factsheets")]
pub async fn create_factsheet(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<FactsheetFieldsRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::WriteFactsheet {
        ministry: body.value.ministry,
    })?;
    let fields = fields(&body.value)?;
    let actor = caller.actor();
    let view = state
        .with_conn(move |conn| factsheets::create(conn, &actor, &fields))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/factsheets/{}", view.id)))
        .insert_header((header::ETAG, etag(view.version)))
        .json(factsheet_response(view, &readable_scope(&caller))?))
}
