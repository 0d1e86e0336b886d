//! Regions between the contract's JSON and the domain.

use zorgpact_contract::{CreateRegionRequest, PartnerResponse, RegionFieldsRequest, RegionResponse};
use zorgpact_db::regions::{PartnerRow, RegionRow};
use zorgpact_domain::region::{RegionCode, RegionFields, RegionInput};
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator};

use crate::routes::stored;
use zorgpact_db::DbError;

pub fn new_region(dto: &CreateRegionRequest) -> Result<(RegionCode, RegionFields), ValidationErrors> {
    let mut v = Validator::new();
    let code = v.field("/code", RegionCode::parse(&dto.code));
    let fields = RegionFields::parse(
        &RegionInput {
            name: &dto.name,
            pact_name: &dto.pact_name,
            signed_on: dto.signed_on.as_deref(),
            ambition: &dto.ambition,
            agenda_role: dto.agenda_role,
            regioplus_code: dto.regioplus_code.as_deref(),
            cbs_code: dto.cbs_code.as_deref(),
        },
        &mut v,
    );
    v.finish()?;
    match (code, fields) {
        (Some(code), Some(fields)) => Ok((code, fields)),
        _ => Err(ValidationErrors::single("", InvalidValue::invalid("invalid region"))),
    }
}

pub fn region_fields(dto: &RegionFieldsRequest) -> Result<RegionFields, ValidationErrors> {
    let mut v = Validator::new();
    let fields = RegionFields::parse(
        &RegionInput {
            name: &dto.name,
            pact_name: &dto.pact_name,
            signed_on: dto.signed_on.as_deref(),
            ambition: &dto.ambition,
            agenda_role: dto.agenda_role,
            regioplus_code: dto.regioplus_code.as_deref(),
            cbs_code: dto.cbs_code.as_deref(),
        },
        &mut v,
    );
    v.finish()?;
    fields.ok_or_else(|| ValidationErrors::single("", InvalidValue::invalid("invalid region")))
}

pub fn region_response(row: RegionRow) -> Result<RegionResponse, DbError> {
    Ok(RegionResponse {
        agenda_role: stored::optional("agenda role", row.agenda_role.as_deref())?,
        code: row.code,
        name: row.name,
        pact_name: row.pact_name,
        signed_on: row.signed_on.map(|d| d.to_string()),
        ambition: row.ambition,
        regioplus_code: row.regioplus_code,
        cbs_code: row.cbs_code,
        version: row.version,
    })
}

pub fn partner_response(row: PartnerRow) -> Result<PartnerResponse, DbError> {
    Ok(PartnerResponse {
        sector: stored::code("sector", &row.sector)?,
        id: row.id,
        region_code: row.region_code,
        organisation: row.organisation,
    })
}
