//! Users, partner credentials and audit entries between the contract's JSON and
//! the domain.

use zorgpact_contract::admin::{
    AuditEntryResponse, CreatePartnerClientRequest, CreateUserRequest, CreatedPartnerClientResponse,
    PartnerClientResponse, UpdateUserRequest, UserResponse,
};
use zorgpact_db::audit::AuditRow;
use zorgpact_db::partner_clients::PartnerClientRecord;
use zorgpact_db::users::{UserFields, UserRecord};
use zorgpact_domain::user::{
    Email, NewPartnerClient, PartnerClientInput, Password, UserFields as DomainUserFields, UserInput,
};
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator};

use crate::http::timestamp::{normalise, timestamp};
use crate::routes::stored;
use zorgpact_db::DbError;

/// The stored before/after states are JSON text; a state that is not JSON (never
/// written by this server) is shown as a string rather than hidden. Their moments
/// are written like every other timestamp.
fn state(stored: Option<String>) -> Option<serde_json::Value> {
    stored.map(|text| match serde_json::from_str(&text) {
        Ok(mut state) => {
            normalise(&mut state);
            state
        }
        Err(_) => serde_json::Value::String(text),
    })
}

pub fn audit_entry_response(row: AuditRow) -> AuditEntryResponse {
    AuditEntryResponse {
        id: row.id,
        occurred_at: timestamp(row.occurred_at),
        actor: row.actor,
        operation: row.operation,
        resource_type: row.resource_type,
        resource_id: row.resource_id,
        before: state(row.before_state),
        after: state(row.after_state),
    }
}

/// A new account: its e-mail address, password and fields.
pub struct NewUser {
    pub email: Email,
    pub password: Password,
    pub fields: UserFields,
}

pub fn new_user(dto: &CreateUserRequest) -> Result<NewUser, ValidationErrors> {
    let mut v = Validator::new();
    let email = v.field("/email", Email::parse(&dto.email));
    let fields = DomainUserFields::parse(
        &UserInput {
            display_name: &dto.display_name,
            role: dto.role,
            ministry: dto.ministry,
            regions: &dto.regions,
            active: true,
        },
        &mut v,
    );
    let password = v.field("/password", Password::parse(&dto.password));
    v.finish()?;
    match (email, fields, password) {
        (Some(email), Some(fields), Some(password)) => Ok(NewUser {
            email,
            password,
            fields: storable(fields),
        }),
        _ => Err(ValidationErrors::single("", InvalidValue::invalid("invalid user"))),
    }
}

/// The fields of an update, and the new password when one is sent.
pub fn user_update(dto: &UpdateUserRequest) -> Result<(UserFields, Option<Password>), ValidationErrors> {
    let mut v = Validator::new();
    let fields = DomainUserFields::parse(
        &UserInput {
            display_name: &dto.display_name,
            role: dto.role,
            ministry: dto.ministry,
            regions: &dto.regions,
            active: dto.active,
        },
        &mut v,
    );
    let password = v.optional("/password", dto.password.as_deref(), Password::parse);
    v.finish()?;
    match (fields, password) {
        (Some(fields), Some(password)) => Ok((storable(fields), password)),
        _ => Err(ValidationErrors::single("", InvalidValue::invalid("invalid user"))),
    }
}

fn storable(fields: DomainUserFields) -> UserFields {
    UserFields {
        display_name: fields.display_name,
        role: fields.role.as_str().to_owned(),
        ministry: fields.ministry.map(|m| m.as_str().to_owned()),
        regions: fields.regions.iter().map(|r| r.as_str().to_owned()).collect(),
        active: fields.active,
    }
}

pub fn user_response(record: UserRecord) -> Result<UserResponse, DbError> {
    let user = record.user;
    Ok(UserResponse {
        role: stored::code("role", &user.role)?,
        ministry: stored::optional("ministry", user.ministry.as_deref())?,
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        regions: record.regions,
        active: user.active,
        created_at: timestamp(user.created_at),
        updated_at: timestamp(user.updated_at),
        version: user.version,
    })
}

pub fn new_partner_client(dto: &CreatePartnerClientRequest) -> Result<NewPartnerClient, ValidationErrors> {
    let mut v = Validator::new();
    let client = NewPartnerClient::parse(
        &PartnerClientInput {
            client_id: &dto.client_id,
            name: &dto.name,
            scopes: &dto.scopes,
            regions: &dto.regions,
        },
        &mut v,
    );
    v.finish()?;
    client.ok_or_else(|| ValidationErrors::single("", InvalidValue::invalid("invalid partner client")))
}

pub fn partner_client_response(record: PartnerClientRecord) -> Result<PartnerClientResponse, DbError> {
    let client = record.client;
    Ok(PartnerClientResponse {
        scopes: client
            .scopes
            .split_whitespace()
            .map(|s| stored::code("scope", s))
            .collect::<Result<_, _>>()?,
        id: client.id,
        client_id: client.client_id,
        name: client.name,
        regions: record.regions,
        active: client.active,
        created_at: timestamp(client.created_at),
        updated_at: timestamp(client.updated_at),
        version: client.version,
    })
}

/// The create response: the credential and, this once, its secret.
pub fn created_partner_client_response(
    record: PartnerClientRecord,
    secret: String,
) -> Result<CreatedPartnerClientResponse, DbError> {
    let client = partner_client_response(record)?;
    Ok(CreatedPartnerClientResponse {
        id: client.id,
        client_id: client.client_id,
        name: client.name,
        scopes: client.scopes,
        regions: client.regions,
        active: client.active,
        created_at: client.created_at,
        updated_at: client.updated_at,
        version: client.version,
        client_secret: secret,
    })
}
