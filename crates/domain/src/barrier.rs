//! Barrier tickets (*belemmeringen*, "Ruimte in de regels"): obstacles in laws and
//! rules that a region files and a ministry analyses and answers.

use crate::code_enum::code_enum;
use crate::{ValidationErrors, Validator};

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

impl BarrierStatus {
    /// Answered and closed tickets carry an outcome; open ones do not yet.
    pub fn has_outcome(self) -> bool {
        matches!(self, BarrierStatus::Answered | BarrierStatus::Closed)
    }
}

/// A resolution belongs to an answered or closed ticket, and a closed ticket has one.
pub fn check_resolution(
    status: BarrierStatus,
    resolution: Option<Resolution>,
) -> Result<(), ValidationErrors> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ministries_use_their_abbreviations() {
        assert_eq!(Ministry::parse("VWS"), Ok(Ministry::Vws));
        assert!(Ministry::parse("vws").is_err());
    }

    #[test]
    fn resolution_only_with_an_outcome() {
        assert!(check_resolution(BarrierStatus::Submitted, None).is_ok());
        assert!(check_resolution(BarrierStatus::Submitted, Some(Resolution::RuleChange)).is_err());
        assert!(
            check_resolution(
                BarrierStatus::Answered,
                Some(Resolution::WithinExistingRules)
            )
            .is_ok()
        );
        assert!(check_resolution(BarrierStatus::Closed, None).is_err());
    }
}
