//! `GET /api/v1/reviews/{id}/report`: what the printable report shows.

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::review::{ReportAction, ReportIndicator, ReportPoint, ReviewReportResponse};
use zorgpact_db::{regions, reviews};

use super::{readable, review_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::timestamp::timestamp;
use crate::problem_responses::{AuthErrors, ReadErrors};
use crate::routes::regulations::readable_scope;
use crate::routes::stored;

/// A review with the region's indicator figures and actions as they stood on its
/// date. Figures: the periods that began on or before the review date, each
/// value as it stood at `as_of` (the end of the review date, or the moment the
/// review was made final if earlier): a value corrected later shows the value
/// that correction replaced, from the values' revision history. Actions: each
/// action's status and progress from its latest timeline entry dated on or
/// before the review date. Who may read it: as for the review.
#[utoipa::path(
    tag = "reviews",
    params(("id" = String, Path, description = "Review id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report", body = ReviewReportResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/reviews/{id}/report")]
pub async fn get_review_report(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let review = readable(&state, &caller, &id).await?;
    let cutoff = reviews::report_cutoff(&review.row);
    let (region, date) = (review.row.region_code.clone(), review.row.review_date);
    let (region_row, figures, actions) = state
        .with_conn(move |conn| {
            Ok((
                regions::get(conn, &region)?,
                reviews::figures_as_of(conn, &region, date, cutoff)?,
                reviews::actions_as_of(conn, &region, date, cutoff)?,
            ))
        })
        .await?;
    let indicators = figures
        .into_iter()
        .map(|series| {
            Ok(ReportIndicator {
                unit: stored::code("unit", &series.unit)?,
                code: series.code,
                name: series.name,
                points: series
                    .points
                    .into_iter()
                    .map(|(period, value)| ReportPoint { period, value })
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, zorgpact_db::DbError>>()?;
    let actions = actions
        .into_iter()
        .map(|a| {
            Ok(ReportAction {
                action_line: stored::code("action line", &a.action_line)?,
                status: stored::optional("action status", a.reported.as_ref().map(|(_, s, _)| s.as_str()))?,
                progress: a.reported.as_ref().map(|(_, _, p)| i64::from(*p)),
                reported_on: a.reported.as_ref().map(|(d, ..)| d.to_string()),
                id: a.id,
                title: a.title,
            })
        })
        .collect::<Result<Vec<_>, zorgpact_db::DbError>>()?;
    Ok(HttpResponse::Ok().json(ReviewReportResponse {
        review: review_response(review, &readable_scope(&caller))?,
        region_name: region_row.name,
        as_of: timestamp(cutoff),
        indicators,
        actions,
    }))
}
