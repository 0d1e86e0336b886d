//! Barrier tickets (*belemmeringen*, "Ruimte in de regels"): obstacles in laws and
//! rules that a region files and a ministry analyses and answers.

use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::code_enum::code_enum;
use crate::region::RegionCode;
use crate::{InvalidValue, ValidationErrors, Validator, text};

code_enum! {
    /// The ministry responsible for answering a barrier.
    Ministry {
        /// Onderwijs, Cultuur en Wetenschap.
        Ocw => "OCW",
        /// Volksgezondheid, Welzijn en Sport.
        Vws => "VWS",
        /// Sociale Zaken en Werkgelegenheid.
        Szw => "SZW",
    }
}

code_enum! {
    /// What kind of rule a barrier ticket is about.
    BarrierCategory {
        LawsAndRegulations => "laws_and_regulations",
        Funding => "funding",
        /// Often the barrier sits in an institution's own rules.
        InstitutionalRules => "institutional_rules",
        Education => "education",
        LabourMarket => "labour_market",
    }
}

code_enum! {
    /// Where a barrier ticket is in its handling: filed, picked up by a ministry, answered, closed.
    BarrierStatus {
        Submitted => "submitted",
        InAnalysis => "in_analysis",
        Answered => "answered",
        Closed => "closed",
    }
}

code_enum! {
    /// How a barrier was resolved (outcomes seen in the programme).
    Resolution {
        WithinExistingRules => "within_existing_rules",
        OtherRegionalApproach => "other_regional_approach",
        RuleChange => "rule_change",
        NotResolved => "not_resolved",
    }
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const RESOLUTION_NOTE_MAX: usize = 10_000;

impl BarrierStatus {
    /// A ticket is open, waiting for someone, until it is closed.
    pub fn is_open(self) -> bool {
        self != BarrierStatus::Closed
    }

    /// Answered and closed tickets carry an outcome; open ones do not yet.
    pub fn has_outcome(self) -> bool {
        matches!(self, BarrierStatus::Answered | BarrierStatus::Closed)
    }
}

/// A resolution belongs to an answered or closed ticket, and a closed ticket has one.
pub fn check_resolution(status: BarrierStatus, resolution: Option<Resolution>) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    v.check(
        resolution.is_none() || status.has_outcome(),
        "/resolution",
        "can only be set once the ticket is answered or closed",
    );
    v.check(
        status != BarrierStatus::Closed || resolution.is_some(),
        "/resolution",
        "is required to close a ticket",
    );
    v.finish()
}

/// Who handles a ticket must be known once someone is working on it: a ticket in
/// analysis, answered or closed names its ministry; only a new one may leave it open.
pub fn check_ministry(status: BarrierStatus, ministry: Option<Ministry>) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    v.check(
        status == BarrierStatus::Submitted || ministry.is_some(),
        "/ministry",
        "is required once the ticket is in analysis, answered or closed",
    );
    v.finish()
}

/// When a ticket was closed: the moment it became closed, kept while it stays
/// closed, and cleared when it is reopened. `previous` is the stored value.
pub fn closed_at(status: BarrierStatus, previous: Option<NaiveDateTime>, now: NaiveDateTime) -> Option<NaiveDateTime> {
    (status == BarrierStatus::Closed).then(|| previous.unwrap_or(now))
}

/// The date a ticket was filed: an ISO date, not in the future. One day of grace
/// because the filer's calendar (Dutch time) may already be a day ahead of `today`
/// (UTC).
pub fn filed_on(input: &str, today: NaiveDate) -> Result<NaiveDate, InvalidValue> {
    let date = text::date(input)?;
    let latest = today.checked_add_days(Days::new(1)).unwrap_or(today);
    if date > latest {
        return Err(InvalidValue::new("must not be in the future"));
    }
    Ok(date)
}

/// The editable facts of a barrier ticket, validated together (each field and the
/// rules between status, resolution and ministry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarrierFields {
    pub title: String,
    pub description: String,
    pub category: BarrierCategory,
    /// May stay open while the ticket is only submitted.
    pub ministry: Option<Ministry>,
    pub status: BarrierStatus,
    pub resolution: Option<Resolution>,
    /// The answer, in words.
    pub resolution_note: Option<String>,
}

/// Raw input for [`BarrierFields::parse`].
pub struct BarrierInput<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub category: BarrierCategory,
    pub ministry: Option<Ministry>,
    pub status: BarrierStatus,
    pub resolution: Option<Resolution>,
    pub resolution_note: Option<&'a str>,
}

impl BarrierFields {
    /// Checks every field, reporting each rejected one under its JSON pointer, then
    /// the rules that span fields.
    pub fn parse(input: &BarrierInput<'_>, v: &mut Validator) -> Option<Self> {
        let title = v.field("/title", text::required(input.title, TITLE_MAX));
        let description = v.field("/description", text::required(input.description, DESCRIPTION_MAX));
        let (category, ministry, status, resolution) = (input.category, input.ministry, input.status, input.resolution);
        let resolution_note = v.field(
            "/resolution_note",
            text::optional(input.resolution_note, RESOLUTION_NOTE_MAX),
        );
        if let Err(errors) = check_resolution(status, resolution) {
            v.extend(errors);
        }
        if let Err(errors) = check_ministry(status, ministry) {
            v.extend(errors);
        }
        Some(Self {
            title: title?,
            description: description?,
            category,
            ministry,
            status,
            resolution,
            resolution_note: resolution_note?,
        })
    }
}

/// A ticket as a region files it: new, unanswered, for one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBarrier {
    pub region_code: RegionCode,
    pub filed_on: NaiveDate,
    pub fields: BarrierFields,
}

/// Raw input for [`NewBarrier::parse`].
pub struct NewBarrierInput<'a> {
    pub region_code: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub category: BarrierCategory,
    pub ministry: Option<Ministry>,
    /// Absent means `today`.
    pub filed_on: Option<&'a str>,
}

impl NewBarrier {
    /// Checks a filing; the ticket starts as `submitted` without a resolution.
    pub fn parse(input: &NewBarrierInput<'_>, today: NaiveDate, v: &mut Validator) -> Option<Self> {
        let region_code = v.field("/region_code", RegionCode::parse(input.region_code));
        let fields = BarrierFields::parse(
            &BarrierInput {
                title: input.title,
                description: input.description,
                category: input.category,
                ministry: input.ministry,
                status: BarrierStatus::Submitted,
                resolution: None,
                resolution_note: None,
            },
            v,
        );
        let filed_on = v.optional("/filed_on", input.filed_on, |d| filed_on(d, today));
        Some(Self {
            region_code: region_code?,
            filed_on: filed_on?.unwrap_or(today),
            fields: fields?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_closed_ticket_is_no_longer_open() {
        let open: Vec<_> = BarrierStatus::ALL.iter().filter(|s| s.is_open()).collect();
        assert_eq!(
            open,
            [
                &BarrierStatus::Submitted,
                &BarrierStatus::InAnalysis,
                &BarrierStatus::Answered
            ]
        );
    }

    #[test]
    fn ministries_use_their_abbreviations() {
        assert_eq!(Ministry::parse("VWS"), Ok(Ministry::Vws));
        assert!(Ministry::parse("vws").is_err());
    }

    #[test]
    fn resolution_only_with_an_outcome() {
        assert!(check_resolution(BarrierStatus::Submitted, None).is_ok());
        assert!(check_resolution(BarrierStatus::Submitted, Some(Resolution::RuleChange)).is_err());
        assert!(check_resolution(BarrierStatus::Answered, Some(Resolution::WithinExistingRules)).is_ok());
        assert!(check_resolution(BarrierStatus::Closed, None).is_err());
    }

    fn input(status: &str, resolution: Option<&str>) -> BarrierInput<'static> {
        BarrierInput {
            title: "Standaard stagecontract past niet bij een ketenstage",
            description: "Drie instellingen, één contract.",
            category: BarrierCategory::InstitutionalRules,
            ministry: Some(Ministry::Ocw),
            status: BarrierStatus::parse(status).expect("status"),
            resolution: resolution.map(|r| Resolution::parse(r).expect("resolution")),
            resolution_note: None,
        }
    }

    fn pointers(input: &BarrierInput<'_>) -> Vec<String> {
        let mut v = Validator::new();
        let parsed = BarrierFields::parse(input, &mut v);
        match v.finish() {
            Ok(()) => {
                assert!(parsed.is_some(), "no errors means a value");
                Vec::new()
            }
            Err(errors) => errors.0.into_iter().map(|e| e.pointer).collect(),
        }
    }

    #[test]
    fn barrier_fields_report_every_bad_field() {
        let bad = BarrierInput {
            title: "  ",
            description: "",
            category: BarrierCategory::Funding,
            ministry: None,
            status: BarrierStatus::Closed,
            resolution: None,
            resolution_note: Some("\u{7}"),
        };
        assert_eq!(
            pointers(&bad),
            ["/title", "/description", "/resolution_note", "/resolution", "/ministry"]
        );
        assert!(pointers(&input("answered", Some("within_existing_rules"))).is_empty());
    }

    #[test]
    fn barrier_fields_apply_the_resolution_rules() {
        assert_eq!(pointers(&input("submitted", Some("rule_change"))), ["/resolution"]);
        assert_eq!(pointers(&input("closed", None)), ["/resolution"]);
        assert!(pointers(&input("closed", Some("not_resolved"))).is_empty());
        assert!(pointers(&input("in_analysis", None)).is_empty());
    }

    #[test]
    fn only_a_submitted_ticket_may_lack_a_ministry() {
        let mut submitted = input("submitted", None);
        submitted.ministry = None;
        assert!(pointers(&submitted).is_empty());
        for status in ["in_analysis", "answered"] {
            let mut open = input(status, None);
            open.ministry = None;
            assert_eq!(pointers(&open), ["/ministry"], "{status}");
        }
    }

    #[test]
    fn a_blank_resolution_note_is_no_note() {
        let mut answered = input("answered", Some("within_existing_rules"));
        answered.resolution_note = Some("  ");
        let mut v = Validator::new();
        let fields = BarrierFields::parse(&answered, &mut v).expect("valid");
        assert_eq!(fields.resolution_note, None);
    }

    fn day(s: &str) -> NaiveDate {
        text::date(s).expect("date")
    }

    #[test]
    fn closed_at_is_kept_while_closed_and_cleared_on_reopening() {
        let first = day("2024-03-01").and_hms_opt(9, 0, 0).expect("time");
        let later = day("2024-04-01").and_hms_opt(9, 0, 0).expect("time");
        assert_eq!(closed_at(BarrierStatus::Closed, None, later), Some(later));
        assert_eq!(closed_at(BarrierStatus::Closed, Some(first), later), Some(first));
        assert_eq!(closed_at(BarrierStatus::Answered, Some(first), later), None);
        assert_eq!(closed_at(BarrierStatus::Submitted, None, later), None);
    }

    #[test]
    fn filed_on_is_not_in_the_future() {
        let today = day("2024-06-15");
        assert_eq!(filed_on("2017-03-14", today), Ok(day("2017-03-14")));
        assert!(filed_on("2024-06-16", today).is_ok(), "a day of grace");
        assert!(filed_on("2024-06-17", today).is_err());
        assert!(filed_on("14-03-2017", today).is_err());
    }

    #[test]
    fn a_filing_starts_submitted_and_defaults_to_today() {
        let today = day("2024-06-15");
        let mut v = Validator::new();
        let filed = NewBarrier::parse(
            &NewBarrierInput {
                region_code: "twente",
                title: " Sensoren ",
                description: "Investering en besparing vallen in verschillende budgetten.",
                category: BarrierCategory::Funding,
                ministry: None,
                filed_on: None,
            },
            today,
            &mut v,
        )
        .expect("valid filing");
        assert!(v.finish().is_ok());
        assert_eq!(filed.filed_on, today);
        assert_eq!(filed.fields.title, "Sensoren");
        assert_eq!(filed.fields.status, BarrierStatus::Submitted);
        assert_eq!(filed.fields.resolution, None);

        let mut v = Validator::new();
        let rejected = NewBarrier::parse(
            &NewBarrierInput {
                region_code: "Twente",
                title: "",
                description: "x",
                category: BarrierCategory::Funding,
                ministry: Some(Ministry::Ocw),
                filed_on: Some("2030-01-01"),
            },
            today,
            &mut v,
        );
        assert!(rejected.is_none());
        let pointers: Vec<String> = v
            .finish()
            .expect_err("errors")
            .0
            .into_iter()
            .map(|e| e.pointer)
            .collect();
        assert_eq!(pointers, ["/region_code", "/title", "/filed_on"]);
    }
}
