//! `GET /api/v1/me`: who the caller is and what they may do, so the web app offers
//! only what the API will allow.

use actix_web::{HttpResponse, get};
use zorgpact_contract::Problem;
use zorgpact_contract::auth::{Grant, MeResponse};
use zorgpact_domain::auth::{Permission, Principal, authorize};
use zorgpact_domain::barrier::BarrierStatus;

use crate::auth::Caller;
use crate::error::ApiError;

/// Who you are and what you may do (`grants`, with the regions where they hold).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = MeResponse),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn me(caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Authenticated)?;
    let principal = caller
        .principal()
        .ok_or_else(|| ApiError::Unauthenticated(zorgpact_domain::auth::NEEDS_TOKEN.into()))?;
    Ok(HttpResponse::Ok().json(MeResponse {
        id: principal.id.clone(),
        name: principal.name.clone(),
        role: principal.role,
        regions: principal.regions.clone(),
        ministry: principal.ministry,
        scopes: principal.scopes.clone(),
        grants: grants(principal),
    }))
}

/// A region no caller works for: passing a check for it means "everywhere".
const ANY_OTHER_REGION: &str = "~any-other-region";

fn grants(p: &Principal) -> Vec<Grant> {
    let allows = |permission: &Permission<'_>| authorize(Some(p), permission).is_ok();
    let mut grants = Vec::new();
    let everywhere = |name: &str, ok: bool, grants: &mut Vec<Grant>| {
        if ok {
            grants.push(Grant {
                permission: name.into(),
                regions: None,
            });
        }
    };
    everywhere("regions:manage", allows(&Permission::ManageRegions), &mut grants);
    everywhere(
        "indicators:manage",
        allows(&Permission::ManageIndicatorCatalogue),
        &mut grants,
    );
    everywhere("actions:read", allows(&Permission::ReadActions), &mut grants);
    everywhere(
        "indicator-data:read",
        allows(&Permission::ReadIndicatorData),
        &mut grants,
    );
    everywhere("barrier-tickets:read", allows(&Permission::ReadBarriers), &mut grants);
    everywhere("administer", allows(&Permission::Administer), &mut grants);

    type Regional = for<'a> fn(&'a str) -> Permission<'a>;
    let regional: [(&str, Regional); 6] = [
        ("partners:manage", |region| Permission::ManagePartners { region }),
        ("actions:write", |region| Permission::WriteActions { region }),
        ("indicator-values:write", |region| Permission::WriteIndicatorValues {
            region,
        }),
        ("indicator-targets:write", |region| Permission::WriteIndicatorTargets {
            region,
        }),
        ("barrier-tickets:file", |region| Permission::FileBarrier { region }),
        ("barrier-tickets:edit", |region| Permission::EditBarrier {
            region,
            ministry: p_ministry(),
            status: BarrierStatus::Submitted,
        }),
    ];
    for (name, permission) in regional {
        if allows(&permission(ANY_OTHER_REGION)) {
            grants.push(Grant {
                permission: name.into(),
                regions: None,
            });
            continue;
        }
        let regions: Vec<String> = p.regions.iter().filter(|r| allows(&permission(r))).cloned().collect();
        if !regions.is_empty() {
            grants.push(Grant {
                permission: name.into(),
                regions: Some(regions),
            });
        }
    }
    // Officials edit the tickets of their ministry in any region.
    if p.ministry.is_some()
        && allows(&Permission::EditBarrier {
            region: ANY_OTHER_REGION,
            ministry: p.ministry,
            status: BarrierStatus::InAnalysis,
        })
        && !grants.iter().any(|g| g.permission == "barrier-tickets:edit")
    {
        grants.push(Grant {
            permission: "barrier-tickets:edit".into(),
            regions: None,
        });
    }
    grants
}

/// Ticket ministry for the regional edit check: unassigned (submitted tickets).
fn p_ministry() -> Option<zorgpact_domain::barrier::Ministry> {
    None
}
