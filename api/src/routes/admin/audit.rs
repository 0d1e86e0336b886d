//! `GET /api/v1/audit`: the audit trail.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::admin::AuditListResponse;
use zorgpact_db::audit::{self, AuditFilter};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::{Validator, text};

use super::convert::audit_entry_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, ListErrors};

/// Longest accepted filter value.
const FILTER_MAX: usize = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListAuditQuery {
    /// Only changes of this kind of resource, e.g. `region`, `action`, `user`, `partner_client`,
    /// `indicator_import` (one entry per imported file).
    #[param(max_length = 200)]
    resource_type: Option<String>,
    /// Only changes of the resource with this id (its code for regions).
    #[param(max_length = 200)]
    resource_id: Option<String>,
    /// Only changes by actors whose label starts with this text, ignoring case
    /// (e.g. `user:`, `partner:dashboard-twente`).
    #[param(max_length = 200)]
    actor: Option<String>,
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

impl ListAuditQuery {
    fn filter(&self) -> Result<AuditFilter, ApiError> {
        let mut v = Validator::new();
        let value = |s: &str| text::required(s, FILTER_MAX);
        let filter = AuditFilter {
            resource_type: v
                .optional("resource_type", self.resource_type.as_deref(), value)
                .flatten(),
            resource_id: v.optional("resource_id", self.resource_id.as_deref(), value).flatten(),
            actor: v.optional("actor", self.actor.as_deref(), value).flatten(),
        };
        v.finish().map_err(ApiError::InvalidParameters)?;
        Ok(filter)
    }
}

/// The audit trail: every change with who made it, when, and the state before and
/// after, oldest first (newest last). Secrets and password hashes are never
/// recorded. Role: admin.
#[utoipa::path(
    tag = "admin",
    params(ListAuditQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the audit trail", body = AuditListResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListAuditQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Administer)?;
    let filter = query.filter()?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = state
        .with_conn(move |conn| audit::list_page(conn, &filter, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.id.clone());
    Ok(HttpResponse::Ok().json(AuditListResponse {
        items: rows.into_iter().map(audit_entry_response).collect(),
        next_cursor,
    }))
}
