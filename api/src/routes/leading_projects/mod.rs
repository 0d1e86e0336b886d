//! `/api/v1/leading-projects` and `/api/v1/coalitions`: the Kopgroep catalogue.
//! Everyone reads the published projects, their figures and the coalitions
//! without logging in; a coordinator writes and proposes the region's projects;
//! the programme team publishes.

mod coalitions;
mod create;
mod figures;
mod get;
mod list;
mod status;
mod update;

use utoipa_actix_web::service_config::ServiceConfig;
use zorgpact_contract::codes::ProjectStatus;
use zorgpact_contract::leading_project::{
    CoalitionRef, Funding, LeadingProjectFieldsRequest, LeadingProjectResponse, ProjectRef,
};
use zorgpact_db::DbError;
use zorgpact_db::leading_projects::{self, ProjectView};
use zorgpact_domain::ValidationErrors;
use zorgpact_domain::auth::{Permission, authorize};
use zorgpact_domain::leading_project::{FundingInput, LeadingProjectFields, LeadingProjectInput};

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::timestamp::timestamp;
use crate::routes::stored;

pub fn register(cfg: &mut ServiceConfig) {
    // `figures` before `{id}`, so it is not taken for an id.
    cfg.service(list::list_leading_projects)
        .service(figures::leading_project_figures)
        .service(create::create_leading_project)
        .service(get::get_leading_project)
        .service(update::update_leading_project)
        .service(status::set_leading_project_status)
        .service(coalitions::list_coalitions);
}

fn status_of(view: &ProjectView) -> Result<ProjectStatus, DbError> {
    stored::code("project status", &view.row.status)
}

/// Project `id` if the caller may read it: a published one for everyone, an
/// unpublished one for those who may read its region's drafts; else 404.
pub async fn readable(state: &AppState, caller: &Caller, id: &str) -> Result<ProjectView, ApiError> {
    let not_found = || ApiError::NotFound(format!("leading project {id}"));
    let view = state
        .with_conn({
            let id = id.to_owned();
            move |conn| leading_projects::get(conn, &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("leading project {id}")))?;
    let draft = Permission::ReadLeadingProjectDraft {
        region: view.row.region_code.as_deref(),
    };
    if status_of(&view)? != ProjectStatus::Published && authorize(caller.principal(), &draft).is_err() {
        return Err(not_found());
    }
    Ok(view)
}

/// Project `id` for a caller who may change it as it stands.
pub async fn editable(state: &AppState, caller: &Caller, id: &str) -> Result<ProjectView, ApiError> {
    caller.require(&Permission::Authenticated)?;
    let view = readable(state, caller, id).await?;
    caller.require(&Permission::WriteLeadingProject {
        region: view.row.region_code.as_deref(),
        status: status_of(&view)?,
    })?;
    Ok(view)
}

pub fn fields(dto: &LeadingProjectFieldsRequest) -> Result<LeadingProjectFields, ValidationErrors> {
    let funding: Vec<FundingInput<'_>> = dto
        .funding
        .iter()
        .map(|f| FundingInput {
            scheme: f.scheme,
            label: &f.label,
            amount_eur: f.amount_eur,
            from_year: f.from_year,
            to_year: f.to_year,
        })
        .collect();
    LeadingProjectFields::parse(&LeadingProjectInput {
        name: &dto.name,
        region: dto.region_code.as_deref(),
        province: dto.province,
        care_domains: &dto.care_domains,
        themes: &dto.themes,
        education_levels: &dto.education_levels,
        partners: &dto.partners,
        story: &dto.story,
        results: &dto.results,
        contact: &dto.contact,
        support_tracks: &dto.support_tracks,
        coalition_ids: &dto.coalition_ids,
        funding: &funding,
    })
}

pub fn project_ref(view: &ProjectView) -> Result<ProjectRef, DbError> {
    Ok(ProjectRef {
        id: view.row.id.clone(),
        name: view.row.name.clone(),
        province: stored::optional("province", view.row.province.as_deref())?,
        care_domains: stored::list("care domain", &view.care_domains)?,
        themes: stored::list("theme", &view.themes)?,
    })
}

pub fn project_response(view: ProjectView, similar: &[ProjectView]) -> Result<LeadingProjectResponse, DbError> {
    Ok(LeadingProjectResponse {
        status: status_of(&view)?,
        province: stored::optional("province", view.row.province.as_deref())?,
        care_domains: stored::list("care domain", &view.care_domains)?,
        themes: stored::list("theme", &view.themes)?,
        education_levels: stored::list("education level", &view.education_levels)?,
        funding: view
            .funding
            .iter()
            .map(|f| {
                Ok(Funding {
                    scheme: stored::code("funding scheme", &f.scheme)?,
                    label: f.label.clone(),
                    amount_eur: f.amount_eur,
                    from_year: i64::from(f.from_year),
                    to_year: f.to_year.map(i64::from),
                })
            })
            .collect::<Result<_, DbError>>()?,
        similar: similar.iter().map(project_ref).collect::<Result<_, _>>()?,
        coalitions: view
            .coalitions
            .into_iter()
            .map(|(id, name)| CoalitionRef { id, name })
            .collect(),
        id: view.row.id,
        name: view.row.name,
        region_code: view.row.region_code,
        partners: view.partners,
        story: view.row.story,
        results: view.row.results,
        contact: view.row.contact,
        support_tracks: view.support_tracks,
        updated_at: timestamp(view.row.updated_at),
        version: view.row.version,
    })
}
