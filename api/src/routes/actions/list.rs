//! `GET /api/v1/actions`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::action::ActionListResponse;
use zorgpact_db::actions::{self, ActionFilter};
use zorgpact_domain::action::{ActionLine, ActionStatus, Theme};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{Validator, text};

use super::convert::{action_response, moment};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, ListErrors};

/// Longest accepted search text (`q`, `owner`).
const SEARCH_MAX: usize = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListActionsQuery {
    /// Only actions of this region (code, e.g. `twente`).
    #[param(min_length = 2, max_length = 60, pattern = r"^[a-z](-?[a-z0-9])+$")]
    region: Option<String>,
    /// Only actions of this action line.
    action_line: Option<ActionLine>,
    /// Only actions with this theme.
    theme: Option<Theme>,
    /// Only actions with this status.
    status: Option<ActionStatus>,
    /// Only actions whose owner contains this text, ignoring case (`roc` finds `ROC Rijn IJssel`).
    #[param(max_length = 200)]
    owner: Option<String>,
    /// Only actions whose title or description contains this text, ignoring case
    /// (on SQLite only ASCII letters are folded).
    #[param(max_length = 200)]
    q: Option<String>,
    /// Only actions changed at or after this moment: a date (`2024-05-01`, midnight
    /// UTC) or an RFC 3339 date-time (`2024-05-01T12:00:00Z`, `…+02:00`; without an
    /// offset UTC is meant).
    updated_since: Option<String>,
    /// `true` lists only archived actions; by default (`false`) they are hidden.
    archived: Option<bool>,
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

impl ListActionsQuery {
    fn filter(&self) -> Result<ActionFilter, ApiError> {
        let mut v = Validator::new();
        let search = |s: &str| text::required(s, SEARCH_MAX);
        let filter = ActionFilter {
            region: v
                .optional("region", self.region.as_deref(), RegionCode::parse)
                .flatten(),
            action_line: self.action_line,
            theme: self.theme,
            status: self.status,
            owner: v.optional("owner", self.owner.as_deref(), search).flatten(),
            text: v.optional("q", self.q.as_deref(), search).flatten(),
            updated_since: v
                .optional("updated_since", self.updated_since.as_deref(), moment)
                .flatten(),
            archived: self.archived.unwrap_or(false),
        };
        v.finish().map_err(ApiError::InvalidParameters)?;
        Ok(filter)
    }
}

/// Lists the actions of the regional agendas, ordered by id (stable while actions
/// are added), with filters that combine. Archived actions are hidden unless
/// `archived=true`. Roles: every signed-in role; partner systems with
/// `actions:read` or `actions:write`.
#[utoipa::path(
    tag = "actions",
    params(ListActionsQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of actions", body = ActionListResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/actions")]
pub async fn list_actions(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListActionsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadActions)?;
    let filter = query.filter()?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = state
        .with_conn(move |conn| actions::list_page(conn, &filter, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, |a| a.row.id.clone());
    Ok(HttpResponse::Ok().json(ActionListResponse {
        items: rows.into_iter().map(action_response).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
