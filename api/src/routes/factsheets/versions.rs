//! `GET /api/v1/factsheets/{id}/versions` and `.../versions/{number}`: every
//! published version, kept as it was published.

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::factsheet::{FactsheetVersionListResponse, FactsheetVersionResponse};
use zorgpact_db::factsheets;
use zorgpact_domain::auth::Permission;

use super::{edition, version_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::problem_responses::ReadErrors;
use crate::routes::regulations::readable_scope;

/// Every published version of a factsheet, oldest first. Public; a factsheet never
/// published is 404 except for officials and the programme team (an empty list).
#[utoipa::path(
    tag = "factsheets",
    params(("id" = String, Path, description = "Factsheet id")),
    responses(
        (status = 200, description = "The versions", body = FactsheetVersionListResponse),
        ReadErrors
    )
)]
#[get("/factsheets/{id}/versions")]
pub async fn list_versions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let id = id.into_inner();
    let edition = edition(&caller);
    let versions = state
        .with_conn({
            let id = id.clone();
            move |conn| {
                factsheets::get(conn, &id, edition)?;
                let mut versions = Vec::new();
                for version in factsheets::versions(conn, &id)? {
                    let content = factsheets::version_content(conn, &version)?;
                    versions.push((version, content));
                }
                Ok(versions)
            }
        })
        .await
        .map_err(|e| e.or_not_found(format!("factsheet {id}")))?;
    let scope = readable_scope(&caller);
    Ok(HttpResponse::Ok().json(FactsheetVersionListResponse {
        items: versions
            .into_iter()
            .map(|(version, content)| version_response(version, &content, &scope))
            .collect::<Result<_, _>>()?,
    }))
}

/// One published version of a factsheet. Public.
#[utoipa::path(
    tag = "factsheets",
    params(
        ("id" = String, Path, description = "Factsheet id"),
        ("number" = i64, Path, minimum = 1, description = "Version number, 1 for the first publication"),
    ),
    responses(
        (status = 200, description = "The version", body = FactsheetVersionResponse),
        ReadErrors
    )
)]
#[get("/factsheets/{id}/versions/{number}")]
pub async fn get_version(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let (id, number) = path.into_inner();
    let not_found = || ApiError::NotFound(format!("version {number} of factsheet {id}"));
    let Some(n) = number.parse::<i64>().ok().filter(|n| *n >= 1) else {
        return Err(not_found());
    };
    let found = state
        .with_conn({
            let id = id.clone();
            move |conn| {
                let version = factsheets::version(conn, &id, n)?;
                let content = factsheets::version_content(conn, &version)?;
                Ok((version, content))
            }
        })
        .await;
    let (version, content) = found.map_err(|e| match e {
        ApiError::NotFound(_) => not_found(),
        other => other,
    })?;
    Ok(HttpResponse::Ok().json(version_response(version, &content, &readable_scope(&caller))?))
}
