//! `GET /api/v1/leading-projects`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::codes::{CareDomain, EducationLevel, ProjectStatus, Province, Theme};
use zorgpact_contract::leading_project::LeadingProjectListResponse;
use zorgpact_db::leading_projects::{self, ProjectFilter, sort_key};
use zorgpact_domain::auth::{Permission, leading_project_draft_scope};
use zorgpact_domain::search::SearchQuery;
use zorgpact_domain::{Validator, optional_at};

use super::project_response;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::pagination::PageRequest;
use crate::problem_responses::ListErrors;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListLeadingProjectsQuery {
    /// Words that must all occur in the name, story, results or partners (case
    /// and diacritics ignored, each word also as the start of a longer one); up
    /// to 200 characters.
    #[param(max_length = 200)]
    q: Option<String>,
    /// Only projects in this care domain.
    domain: Option<CareDomain>,
    /// Only projects with this theme.
    theme: Option<Theme>,
    /// Only projects in this province.
    province: Option<Province>,
    /// Only projects training for this education level.
    education_level: Option<EducationLevel>,
    /// `published` (the default, for everyone); `draft` or `proposed`: those the
    /// caller may read (a coordinator the own region's, the programme team and
    /// analysts all), for others an empty page.
    status: Option<ProjectStatus>,
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    cursor: Option<String>,
}

/// The catalogue of leading projects, by name, filtered; the filters combine.
/// Open to everyone, without a token.
#[utoipa::path(
    tag = "leading-projects",
    params(ListLeadingProjectsQuery),
    responses(
        (status = 200, description = "A page of leading projects", body = LeadingProjectListResponse),
        ListErrors
    )
)]
#[get("/leading-projects")]
pub async fn list_leading_projects(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<ListLeadingProjectsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let (text,) = Validator::all((optional_at("q", query.q.as_deref(), SearchQuery::parse),))
        .map_err(ApiError::InvalidParameters)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let filter = ProjectFilter {
        text,
        care_domain: query.domain,
        theme: query.theme,
        province: query.province,
        education_level: query.education_level,
        status: query.status.unwrap_or(ProjectStatus::Published),
        drafts: leading_project_draft_scope(caller.principal()),
    };
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let views = state
        .with_conn(move |conn| leading_projects::list_page(conn, &filter, after.as_deref(), fetch))
        .await?;
    let (views, next_cursor) = page.finish(views, sort_key);
    Ok(HttpResponse::Ok().json(LeadingProjectListResponse {
        items: views
            .into_iter()
            .map(|view| project_response(view, &[]))
            .collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
