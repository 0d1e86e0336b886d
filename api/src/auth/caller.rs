//! `Caller`: who sent the request, from its `Authorization: Bearer` token. No
//! header means anonymous; a bad token is refused (401) even on public endpoints,
//! so a client learns at once that its token is broken.
//!
//! [`authenticate`] settles this before any handler runs: an operation whose
//! OpenAPI entry declares `security` answers 401 to a caller without a valid token
//! before its body is read, whatever the order of the handler's parameters.

use std::future::{Ready, ready};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use zorgpact_db::audit::Actor;
use zorgpact_domain::auth::{Denied, NEEDS_TOKEN, Permission, Principal, authorize};

use super::tokens::TokenError;
use crate::AppState;
use crate::error::ApiError;
use crate::http::routes_table::RoutesTable;

#[derive(Debug, Clone)]
pub struct Caller(pub Option<Principal>);

impl Caller {
    /// Passes when the caller may do what `permission` names: 401 for anonymous
    /// callers, 403 for callers without the right.
    pub fn require(&self, permission: &Permission<'_>) -> Result<(), ApiError> {
        authorize(self.0.as_ref(), permission).map_err(|denied| match denied {
            Denied::Unauthenticated => ApiError::Unauthenticated(denied.explain(permission)),
            Denied::Forbidden => ApiError::Forbidden(denied.explain(permission)),
        })
    }

    /// The caller as recorded in the audit trail.
    pub fn actor(&self) -> Actor {
        match &self.0 {
            Some(p) => Actor {
                id: p.id.clone(),
                name: p.name.clone(),
            },
            None => Actor::system("anonymous"),
        }
    }

    pub fn principal(&self) -> Option<&Principal> {
        self.0.as_ref()
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let settled = req.extensions().get::<Caller>().cloned();
        ready(settled.map_or_else(|| identify(req), Ok))
    }
}

/// Middleware: for an operation that needs a token, identifies the caller before
/// the handler's extractors run (so before the body is read or parsed) and refuses
/// anonymous callers and bad tokens with 401. The caller is kept for [`Caller`].
pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if RoutesTable::of(req.request()).is_some_and(|table| table.needs_token(req.method().as_str(), req.path())) {
        let caller = match identify(req.request()) {
            Ok(Caller(None)) => Err(ApiError::Unauthenticated(NEEDS_TOKEN.into())),
            other => other,
        };
        match caller {
            Ok(caller) => {
                req.extensions_mut().insert(caller);
            }
            Err(error) => return Ok(req.error_response(error).map_into_right_body()),
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

fn identify(req: &HttpRequest) -> Result<Caller, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(Caller(None));
    };
    let refused = |error: TokenError| ApiError::Unauthenticated(error.to_string());
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .ok_or_else(|| refused(TokenError::NotBearer))?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let principal = state.tokens.verify(token).map_err(refused)?;
    Ok(Caller(Some(principal)))
}
