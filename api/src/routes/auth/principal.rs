//! Callers as the tokens describe them, built from stored accounts.

use zorgpact_db::partner_clients::PartnerClientRecord;
use zorgpact_db::users::UserRecord;
use zorgpact_domain::auth::{Principal, Scope};
use zorgpact_domain::barrier::Ministry;
use zorgpact_domain::user::Role;

use crate::error::ApiError;

pub fn from_user(record: &UserRecord) -> Result<Principal, ApiError> {
    let user = &record.user;
    Ok(Principal {
        id: format!("user:{}", user.id),
        name: user.display_name.clone(),
        role: Role::parse(&user.role).map_err(|e| ApiError::Internal(format!("stored role: {e}")))?,
        regions: record.regions.clone(),
        ministry: user
            .ministry
            .as_deref()
            .map(Ministry::parse)
            .transpose()
            .map_err(|e| ApiError::Internal(format!("stored ministry: {e}")))?,
        scopes: Vec::new(),
    })
}

pub fn from_partner(record: &PartnerClientRecord) -> Result<Principal, ApiError> {
    let scopes = record
        .client
        .scopes
        .split_whitespace()
        .map(Scope::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::Internal(format!("stored scope: {e}")))?;
    Ok(Principal {
        id: format!("partner:{}", record.client.client_id),
        name: record.client.name.clone(),
        role: Role::Partner,
        regions: record.regions.clone(),
        ministry: None,
        scopes,
    })
}
