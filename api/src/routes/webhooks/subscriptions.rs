//! Subscribing, listing, reading and removing webhook subscriptions.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::webhook::{
    CreateWebhookSubscriptionRequest, CreatedWebhookSubscriptionResponse, WebhookSubscriptionListResponse,
};
use zorgpact_db::webhooks;
use zorgpact_domain::webhook::{NewSubscription, SECRET_BYTES, SubscriptionInput, WebhookSecret};

use super::{reach, subscriber, subscription_response};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::{Body, Params};
use crate::http::pagination::PageRequest;
use crate::problem_responses::{AuthErrors, CreateErrors, ListErrors, ReadErrors};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1 to 200 (larger values are capped); default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 683, pattern = r"^[A-Za-z0-9_-]+$")]
    pub cursor: Option<String>,
}

/// Subscribes a receiver to events. Every event is POSTed to `url` as JSON,
/// signed in the manner of Standard Webhooks (`webhook-id`, `webhook-timestamp`,
/// `webhook-signature`) with the `secret` of this response, which is not shown
/// again. The URL must be `https` to a public host. Roles: admin, partner systems
/// with the `webhooks:manage` scope.
#[utoipa::path(
    tag = "webhooks",
    request_body = CreateWebhookSubscriptionRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Subscribed; the only response that shows the secret", body = CreatedWebhookSubscriptionResponse,
            headers(("Location" = String, description = "URL of the new subscription")),
            links(
                ("GetWebhookSubscription" = (operation_id = "get_webhook_subscription", parameters(("id" = "$response.body#/id")))),
                ("ListWebhookDeliveries" = (operation_id = "list_webhook_deliveries", parameters(("id" = "$response.body#/id")))),
                ("DeleteWebhookSubscription" = (operation_id = "delete_webhook_subscription", parameters(("id" = "$response.body#/id"))))
            )),
        CreateErrors,
        AuthErrors
    )
)]
#[post("/webhook-subscriptions")]
pub async fn create_webhook_subscription(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<CreateWebhookSubscriptionRequest>,
) -> Result<HttpResponse, ApiError> {
    let principal = subscriber(&caller)?;
    let request = &body.value;
    let new = NewSubscription::parse(
        &SubscriptionInput {
            url: &request.url,
            event_types: &request.event_types,
            description: request.description.as_deref(),
        },
        state.webhooks.allow_loopback,
    )
    .into_result()?;
    let mut random = [0u8; SECRET_BYTES];
    getrandom::fill(&mut random).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let secret = WebhookSecret::from_random(random);
    let actor = caller.actor();
    let row = state
        .with_conn({
            let secret = secret.clone();
            move |conn| webhooks::create(conn, &actor, &principal.id, &new, &secret)
        })
        .await?;
    let location = format!("/api/v1/webhook-subscriptions/{}", row.id);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(CreatedWebhookSubscriptionResponse {
            subscription: subscription_response(row)?,
            secret: secret.encoded(),
        }))
}

/// The caller's subscriptions (an admin's: everyone's), ordered by id, without
/// their secrets. Roles: admin, partner systems with the `webhooks:manage` scope.
#[utoipa::path(
    tag = "webhooks",
    params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of subscriptions", body = WebhookSubscriptionListResponse),
        ListErrors,
        AuthErrors
    )
)]
#[get("/webhook-subscriptions")]
pub async fn list_webhook_subscriptions(
    state: web::Data<AppState>,
    caller: Caller,
    Params(query): Params<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let principal = subscriber(&caller)?;
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = state
        .with_conn(move |conn| webhooks::list_page(conn, reach(&principal), after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = page.finish(rows, |r| r.id.clone());
    Ok(HttpResponse::Ok().json(WebhookSubscriptionListResponse {
        items: rows.into_iter().map(subscription_response).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

/// One subscription, without its secret. Another caller's subscription is 404
/// (admins reach all). Roles: admin, partner systems with the `webhooks:manage` scope.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "Subscription id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The subscription", body = zorgpact_contract::webhook::WebhookSubscriptionResponse),
        ReadErrors,
        AuthErrors
    )
)]
#[get("/webhook-subscriptions/{id}")]
pub async fn get_webhook_subscription(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let principal = subscriber(&caller)?;
    let id = id.into_inner();
    let row = state
        .with_conn({
            let id = id.clone();
            move |conn| webhooks::get(conn, reach(&principal), &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("webhook subscription {id}")))?;
    Ok(HttpResponse::Ok().json(subscription_response(row)?))
}

/// Removes a subscription: no more deliveries are made to it, pending ones are
/// dropped with its delivery log. Roles: admin, partner systems with the
/// `webhooks:manage` scope (their own subscriptions).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "Subscription id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"), ReadErrors, AuthErrors)
)]
#[delete("/webhook-subscriptions/{id}")]
pub async fn delete_webhook_subscription(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let principal = subscriber(&caller)?;
    let actor = caller.actor();
    let id = id.into_inner();
    state
        .with_conn({
            let id = id.clone();
            move |conn| webhooks::delete(conn, &actor, reach(&principal), &id)
        })
        .await
        .map_err(|e| e.or_not_found(format!("webhook subscription {id}")))?;
    Ok(HttpResponse::NoContent().finish())
}
