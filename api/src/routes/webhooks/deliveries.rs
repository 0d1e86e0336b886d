//! `GET /api/v1/webhook-subscriptions/{id}/deliveries`: the delivery log.

use actix_web::{HttpResponse, get, web};
use zorgpact_contract::webhook::WebhookDeliveryListResponse;
use zorgpact_db::webhooks;

use super::subscriptions::PageQuery;
use super::{delivery_response, reach, subscriber};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, ReadErrors};

/// The delivery log of a subscription, oldest event first: per event its status
/// (`pending`, `delivered`, `failed`), the attempts made, the last status code
/// and error, and when the next attempt is due. Failed attempts are retried with
/// growing delays (5 s, 30 s, 2 min, 10 min, 1 h, 3 h, 6 h) until the eighth
/// fails. Roles: admin, partner systems with the `webhooks:manage` scope (their
/// own subscriptions).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "Subscription id"), PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the delivery log", body = WebhookDeliveryListResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/webhook-subscriptions/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    Params(query): Params<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let principal = subscriber(&caller)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let id = id.into_inner();
    let rows = state
        .with_conn({
            let id = id.clone();
            move |conn| {
                webhooks::get(conn, reach(&principal), &id)?;
                webhooks::deliveries_page(conn, &id, after.as_deref(), fetch)
            }
        })
        .await
        .map_err(|e| e.or_not_found(format!("webhook subscription {id}")))?;
    let (rows, next_cursor) = page.finish(rows, |r| r.event_id.clone());
    Ok(HttpResponse::Ok().json(WebhookDeliveryListResponse {
        items: rows.into_iter().map(delivery_response).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
