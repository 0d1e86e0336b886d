//! Actions between the contract's JSON and the domain.

use chrono::{DateTime, NaiveDateTime};
use zorgpact_contract::action::{
    ActionFieldsRequest, ActionIndicatorRequest, ActionIndicatorResponse, ActionPartnerResponse, ActionResponse,
    ActionSourceReview, CreateActionRequest, CreateProgressUpdateRequest, ProgressUpdateResponse,
};
use zorgpact_db::actions::{ActionDetails, ProgressUpdateRow};
use zorgpact_domain::action::{
    AUTHOR_MAX, ActionFields, ActionInput, IndicatorLinkInput, ProgressUpdate, ProgressUpdateInput,
};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator, text};

use crate::http::timestamp::timestamp;
use crate::routes::stored;
use zorgpact_db::DbError;

fn links(indicators: &[ActionIndicatorRequest]) -> Vec<IndicatorLinkInput<'_>> {
    indicators
        .iter()
        .map(|i| IndicatorLinkInput {
            code: &i.code,
            expected_effect: i.expected_effect.as_deref(),
        })
        .collect()
}

pub fn new_action(dto: &CreateActionRequest) -> Result<(RegionCode, ActionFields), ValidationErrors> {
    let mut v = Validator::new();
    let region = v.field("/region_code", RegionCode::parse(&dto.region_code));
    let indicators = links(&dto.indicators);
    let fields = ActionFields::parse(
        &ActionInput {
            title: &dto.title,
            description: &dto.description,
            action_line: dto.action_line,
            themes: &dto.themes,
            status: dto.status,
            progress: dto.progress,
            owner: &dto.owner,
            partner_ids: &dto.partner_ids,
            indicators: &indicators,
            start_date: dto.start_date.as_deref(),
            end_date: dto.end_date.as_deref(),
        },
        &mut v,
    );
    v.finish()?;
    match (region, fields) {
        (Some(region), Some(fields)) => Ok((region, fields)),
        _ => Err(ValidationErrors::single("", InvalidValue::invalid("invalid action"))),
    }
}

pub fn action_fields(dto: &ActionFieldsRequest) -> Result<ActionFields, ValidationErrors> {
    let mut v = Validator::new();
    let indicators = links(&dto.indicators);
    let fields = ActionFields::parse(
        &ActionInput {
            title: &dto.title,
            description: &dto.description,
            action_line: dto.action_line,
            themes: &dto.themes,
            status: dto.status,
            progress: dto.progress,
            owner: &dto.owner,
            partner_ids: &dto.partner_ids,
            indicators: &indicators,
            start_date: dto.start_date.as_deref(),
            end_date: dto.end_date.as_deref(),
        },
        &mut v,
    );
    v.finish()?;
    fields.ok_or_else(|| ValidationErrors::single("", InvalidValue::invalid("invalid action")))
}

/// A timeline entry by `author` (the caller's name); the body's own `author` is
/// ignored.
pub fn progress_update(dto: &CreateProgressUpdateRequest, author: &str) -> Result<ProgressUpdate, ValidationErrors> {
    let author = author_name(author);
    let mut v = Validator::new();
    let update = ProgressUpdate::parse(
        &ProgressUpdateInput {
            date: &dto.date,
            progress: dto.progress,
            status: dto.status,
            note: &dto.note,
            author: &author,
        },
        &mut v,
    );
    v.finish()?;
    update.ok_or_else(|| ValidationErrors::single("", InvalidValue::invalid("invalid progress update")))
}

/// A caller's name as a timeline author: within the domain's bounds, whatever the
/// account's name is, so an odd name never turns into a field error the client
/// cannot fix.
fn author_name(name: &str) -> String {
    let printable: String = name.chars().filter(|c| !c.is_control()).collect();
    match printable.trim() {
        "" => "unknown".to_owned(),
        name => name.chars().take(AUTHOR_MAX).collect(),
    }
}

/// An ISO 8601 date (meaning its midnight, UTC) or date-time: with an offset, or
/// without one meaning UTC. An unencoded `+` of an offset arrives as a space and
/// is read as `+`.
pub fn moment(input: &str) -> Result<NaiveDateTime, InvalidValue> {
    let input = input.trim().replace(' ', "+");
    if input.len() == 10 {
        return text::date(&input).map(|d| d.and_time(chrono::NaiveTime::MIN));
    }
    DateTime::parse_from_rfc3339(&input)
        .map(|d| d.naive_utc())
        .or_else(|_| NaiveDateTime::parse_from_str(&input, "%Y-%m-%dT%H:%M:%S%.f"))
        .map_err(|_| {
            InvalidValue::invalid_format("must be a date like 2024-03-31 or a date-time like 2024-03-31T12:00:00Z")
        })
}

fn percent(progress: i32) -> u8 {
    u8::try_from(progress).unwrap_or_default()
}

pub fn action_response(details: ActionDetails) -> Result<ActionResponse, DbError> {
    let row = details.row;
    Ok(ActionResponse {
        action_line: stored::code("action line", &row.action_line)?,
        themes: stored::list("theme", &details.themes)?,
        status: stored::code("action status", &row.status)?,
        id: row.id,
        region_code: row.region_code,
        title: row.title,
        description: row.description,
        progress: percent(row.progress),
        owner: row.owner,
        partners: details
            .partners
            .into_iter()
            .map(|p| ActionPartnerResponse {
                id: p.id,
                organisation: p.organisation,
            })
            .collect(),
        indicators: details
            .indicators
            .into_iter()
            .map(|i| ActionIndicatorResponse {
                code: i.code,
                name: i.name,
                expected_effect: i.expected_effect,
            })
            .collect(),
        start_date: row.start_date.map(|d| d.to_string()),
        end_date: row.end_date.map(|d| d.to_string()),
        archived: row.archived,
        version: row.version,
        created_at: timestamp(row.created_at),
        updated_at: timestamp(row.updated_at),
        source_review: row
            .source_review_id
            .zip(row.source_intention)
            .map(|(review_id, intention_number)| ActionSourceReview {
                review_id,
                intention_number,
            }),
    })
}

pub fn progress_update_response(row: ProgressUpdateRow) -> Result<ProgressUpdateResponse, DbError> {
    Ok(ProgressUpdateResponse {
        status: stored::code("action status", &row.status)?,
        id: row.id,
        action_id: row.action_id,
        date: row.update_date.to_string(),
        progress: percent(row.progress),
        note: row.note,
        author: row.author,
        created_at: timestamp(row.created_at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_caller_name_makes_a_valid_author() {
        assert_eq!(author_name(" Coördinator Twente "), "Coördinator Twente");
        assert_eq!(author_name("a\u{0}b"), "ab");
        assert_eq!(author_name(" \n "), "unknown");
        assert_eq!(author_name(&"é".repeat(500)).chars().count(), AUTHOR_MAX);
    }

    #[test]
    fn moments_are_dates_or_date_times() {
        let at = |s: &str| moment(s).map(|m| m.to_string());
        assert_eq!(at("2024-05-01").as_deref(), Ok("2024-05-01 00:00:00"));
        assert_eq!(at("2024-05-01T10:00:00Z").as_deref(), Ok("2024-05-01 10:00:00"));
        assert_eq!(at("2024-05-01T10:00:00+02:00").as_deref(), Ok("2024-05-01 08:00:00"));
        assert_eq!(at("2024-05-01T10:00:00 02:00").as_deref(), Ok("2024-05-01 08:00:00"));
        assert_eq!(at("2024-05-01T10:00:00.5").as_deref(), Ok("2024-05-01 10:00:00.500"));
        for bad in ["", "yesterday", "2024-13-01", "2024-05-01T25:00:00Z", "01-05-2024"] {
            assert!(moment(bad).is_err(), "{bad:?}");
        }
    }
}
