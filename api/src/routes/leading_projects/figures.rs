//! `GET /api/v1/leading-projects/figures`.

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::codes::{CareDomain, Province};
use zorgpact_contract::leading_project::{DomainCount, LeadingProjectFiguresResponse, ProgrammeFigures, ProvinceCount};
use zorgpact_db::leading_projects;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::leading_project::programme_figures;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::problem_responses::ListErrors;

/// Counts over the published projects of the catalogue: in all, per care domain
/// (a project counts in each of its domains) and per province, every domain and
/// province listed. Beside them, as `programme`, the figures the programme
/// itself published in 2018 (80 projects in all 12 provinces; GGZ 31, elderly
/// and home care 58, …), stated as published. Open to everyone.
#[utoipa::path(
    tag = "leading-projects",
    responses(
        (status = 200, description = "The figures", body = LeadingProjectFiguresResponse),
        ListErrors
    )
)]
#[get("/leading-projects/figures")]
pub async fn leading_project_figures(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let figures = state.with_conn(leading_projects::figures).await?;
    let count = |code: &str, counts: &[(String, i64)]| counts.iter().find(|(c, _)| c == code).map_or(0, |(_, n)| *n);
    let by_province: Vec<ProvinceCount> = Province::ALL
        .iter()
        .map(|p| ProvinceCount {
            province: *p,
            projects: count(p.as_str(), &figures.by_province),
        })
        .collect();
    Ok(HttpResponse::Ok().json(LeadingProjectFiguresResponse {
        projects: figures.projects,
        provinces: by_province.iter().filter(|p| p.projects > 0).count() as i64,
        by_care_domain: CareDomain::ALL
            .iter()
            .map(|d| DomainCount {
                care_domain: *d,
                projects: count(d.as_str(), &figures.by_care_domain),
            })
            .collect(),
        by_province,
        programme: ProgrammeFigures {
            source: programme_figures::SOURCE.to_owned(),
            projects: programme_figures::PROJECTS,
            provinces: programme_figures::PROVINCES,
            by_care_domain: programme_figures::BY_DOMAIN
                .iter()
                .map(|(care_domain, projects)| DomainCount {
                    care_domain: *care_domain,
                    projects: *projects,
                })
                .collect(),
            support_tracks: programme_figures::SUPPORT_TRACKS,
            coalitions: programme_figures::COALITIONS,
            meetings: programme_figures::MEETINGS,
            rif_grants: programme_figures::RIF_GRANTS,
        },
    }))
}
