//! `Caller`: who sent the request, from its `Authorization: Bearer` token. No
//! header means anonymous; a bad token is refused (401) even on public endpoints,
//! so a client learns at once that its token is broken.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use zorgpact_db::audit::Actor;
use zorgpact_domain::auth::{Denied, Permission, Principal, authorize};

use crate::AppState;
use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct Caller(pub Option<Principal>);

impl Caller {
    /// Passes when the caller may do what `permission` names: 401 for anonymous
    /// callers, 403 for callers without the right.
    pub fn require(&self, permission: &Permission<'_>) -> Result<(), ApiError> {
        authorize(self.0.as_ref(), permission).map_err(|denied| match denied {
            Denied::Unauthenticated => ApiError::Unauthenticated("this request needs a bearer token".into()),
            Denied::Forbidden => ApiError::Forbidden(format!("your role may not do this ({permission:?})")),
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
        ready(identify(req))
    }
}

fn identify(req: &HttpRequest) -> Result<Caller, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(Caller(None));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .ok_or_else(|| ApiError::Unauthenticated("expected `Authorization: Bearer <token>`".into()))?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let principal = state
        .tokens
        .verify(token)
        .map_err(|reason| ApiError::Unauthenticated(format!("the token is not valid ({reason})")))?;
    Ok(Caller(Some(principal)))
}
