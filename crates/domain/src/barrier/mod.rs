//! Barrier tickets (*belemmeringen*, "Ruimte in de regels"): obstacles in laws and
//! rules that a region files and a ministry analyses and answers.

use chrono::{Days, NaiveDate};

pub mod clock;
pub mod comment;
pub mod contact;
pub mod duplicate;
pub mod figures;
pub mod workflow;

use crate::code_enum::code_enum;
use crate::region::RegionCode;
use crate::{InvalidValue, Parsed, ValidationErrors, Validator, at, optional_at, text};

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
    /// Where a barrier ticket is in its handling (see [`workflow`] for the steps).
    BarrierStatus {
        /// Filed by the region, not yet picked up.
        Submitted => "submitted",
        /// The programme team assigned a ministry and an official.
        Triaged => "triaged",
        /// The official is working on it.
        InAnalysis => "in_analysis",
        /// The official asked the region for information; the service clock pauses.
        WaitingForRegion => "waiting_for_region",
        /// The ministry answered; the region confirms or reopens.
        Answered => "answered",
        /// The region confirmed the answer, or did not react in time.
        Closed => "closed",
        /// Out of scope, with a reason.
        Rejected => "rejected",
        /// The region did not find the answer sufficient.
        Reopened => "reopened",
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

code_enum! {
    /// Where a barrier turned out to sit: often not in national law but in an
    /// institution's own rules.
    BarrierLocation {
        NationalLaw => "national_law",
        SubsidyScheme => "subsidy_scheme",
        SectorAgreement => "sector_agreement",
        InstitutionalRules => "institutional_rules",
        Other => "other",
    }
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;

impl BarrierStatus {
    /// A ticket is open, waiting for someone, until it is closed or rejected.
    pub fn is_open(self) -> bool {
        !workflow::is_final(self)
    }
}

/// The date a ticket was filed: an ISO date, not in the future. One day of grace
/// because the filer's calendar (Dutch time) may already be a day ahead of `today`
/// (UTC).
pub fn filed_on(input: &str, today: NaiveDate) -> Result<NaiveDate, InvalidValue> {
    let date = text::date(input)?;
    let latest = today.checked_add_days(Days::new(1)).unwrap_or(today);
    if date > latest {
        return Err(InvalidValue::outside("must not be in the future"));
    }
    Ok(date)
}

/// The editable facts of a barrier ticket: what the barrier is. Its status, its
/// ministry and its answer change only through the workflow's steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarrierFields {
    pub title: String,
    pub description: String,
    pub category: BarrierCategory,
}

/// Raw input for [`BarrierFields::parse`].
pub struct BarrierInput<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub category: BarrierCategory,
}

impl BarrierFields {
    /// Checks every field, reporting each rejected one under its JSON pointer.
    pub fn parse(input: &BarrierInput<'_>) -> Parsed<Self> {
        let title = at("/title", text::required(input.title, TITLE_MAX));
        let description = at("/description", text::required(input.description, DESCRIPTION_MAX));
        Parsed::from(Validator::all((title, description)).map(|(title, description)| Self {
            title,
            description,
            category: input.category,
        }))
    }
}

/// A ticket as a region files it: `submitted`, for one region, perhaps already
/// naming the ministry it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBarrier {
    pub region_code: RegionCode,
    pub filed_on: NaiveDate,
    pub fields: BarrierFields,
    pub ministry: Option<Ministry>,
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
    /// Checks a filing, reporting every rejected field.
    pub fn parse(input: &NewBarrierInput<'_>, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let region_code = at("/region_code", RegionCode::parse(input.region_code));
        let fields = BarrierFields::parse(&BarrierInput {
            title: input.title,
            description: input.description,
            category: input.category,
        });
        let filed = optional_at("/filed_on", input.filed_on, |d| filed_on(d, today));
        let (region_code, fields, filed) = Validator::all((region_code, fields, filed))?;
        Ok(Self {
            region_code,
            filed_on: filed.unwrap_or(today),
            fields,
            ministry: input.ministry,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_closed_and_rejected_tickets_are_no_longer_open() {
        let done: Vec<_> = BarrierStatus::ALL.iter().filter(|s| !s.is_open()).collect();
        assert_eq!(done, [&BarrierStatus::Closed, &BarrierStatus::Rejected]);
    }

    #[test]
    fn ministries_use_their_abbreviations() {
        assert_eq!(Ministry::parse("VWS"), Ok(Ministry::Vws));
        assert!(Ministry::parse("vws").is_err());
    }

    fn pointers(errors: ValidationErrors) -> Vec<String> {
        errors.0.into_iter().map(|e| e.pointer).collect()
    }

    #[test]
    fn barrier_fields_report_every_bad_field() {
        let bad = BarrierInput {
            title: "  ",
            description: "",
            category: BarrierCategory::Funding,
        };
        let errors = BarrierFields::parse(&bad).into_result().expect_err("invalid");
        assert_eq!(pointers(errors), ["/title", "/description"]);
    }

    fn day(s: &str) -> NaiveDate {
        text::date(s).expect("date")
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
    fn a_filing_defaults_to_today_and_reports_every_bad_field() {
        let today = day("2024-06-15");
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
        )
        .expect("valid filing");
        assert_eq!(filed.filed_on, today);
        assert_eq!(filed.fields.title, "Sensoren");

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
        )
        .expect_err("invalid filing");
        assert_eq!(pointers(rejected), ["/region_code", "/title", "/filed_on"]);
    }
}
