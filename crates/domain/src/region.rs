//! Regions (*regio's*): a cooperation of care and welfare employers, schools and
//! government that signs a regional pact, and its partners.

use chrono::NaiveDate;

use crate::code_enum::code_enum;
use crate::{InvalidValue, Validator, text};

/// A region's stable identifier, a slug such as `midden-en-zuid-gelderland`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

impl RegionCode {
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        text::code(input, '-', 2, 60).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RegionCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

code_enum! {
    /// The sector a partner organisation belongs to ("the four O's" and more).
    Sector {
        Care => "care",
        Welfare => "welfare",
        Vmbo => "vmbo",
        Mbo => "mbo",
        Hbo => "hbo",
        Municipality => "municipality",
        Province => "province",
        Uwv => "uwv",
        Insurer => "insurer",
        /// The works council (*OR*), "the 4th O".
        WorksCouncil => "works_council",
        Other => "other",
    }
}

code_enum! {
    /// The role a region gives its agenda.
    AgendaRole {
        /// Coordinates joint projects.
        Projecttrekker => "projecttrekker",
        /// Organises exchange between partners.
        Platform => "platform",
        /// Shows regional initiatives.
        Podium => "podium",
    }
}

pub const NAME_MAX: usize = 200;
pub const AMBITION_MAX: usize = 4000;
pub const EXTERNAL_CODE_MAX: usize = 40;

/// The editable facts of a region, validated together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionFields {
    pub name: String,
    pub pact_name: String,
    pub signed_on: Option<NaiveDate>,
    pub ambition: String,
    pub agenda_role: Option<AgendaRole>,
    /// RegioPlus labour-market region code, for joins with public statistics.
    pub regioplus_code: Option<String>,
    /// CBS region code.
    pub cbs_code: Option<String>,
}

/// Raw input for [`RegionFields::parse`].
pub struct RegionInput<'a> {
    pub name: &'a str,
    pub pact_name: &'a str,
    pub signed_on: Option<&'a str>,
    pub ambition: &'a str,
    pub agenda_role: Option<AgendaRole>,
    pub regioplus_code: Option<&'a str>,
    pub cbs_code: Option<&'a str>,
}

impl RegionFields {
    /// Checks every field, reporting each rejected one under its JSON pointer.
    pub fn parse(input: &RegionInput<'_>, v: &mut Validator) -> Option<Self> {
        let name = v.field("/name", text::required(input.name, NAME_MAX));
        let pact_name = v.field("/pact_name", text::required(input.pact_name, NAME_MAX));
        let signed_on = v.optional("/signed_on", input.signed_on, text::date);
        let ambition = v.field("/ambition", text::bounded(input.ambition, AMBITION_MAX));
        let regioplus_code = v.field(
            "/regioplus_code",
            text::optional(input.regioplus_code, EXTERNAL_CODE_MAX),
        );
        let cbs_code = v.field("/cbs_code", text::optional(input.cbs_code, EXTERNAL_CODE_MAX));
        Some(Self {
            name: name?,
            pact_name: pact_name?,
            signed_on: signed_on?,
            ambition: ambition?,
            agenda_role: input.agenda_role,
            regioplus_code: regioplus_code?,
            cbs_code: cbs_code?,
        })
    }
}

/// A partner organisation of a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub organisation: String,
    pub sector: Sector,
}

impl Partner {
    pub fn new(organisation: &str, sector: Sector) -> Result<Self, InvalidValue> {
        Ok(Self {
            organisation: text::required(organisation, NAME_MAX)?,
            sector,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes_are_slugs() {
        assert!(RegionCode::parse("midden-en-zuid-gelderland").is_ok());
        assert!(RegionCode::parse("Midden-Brabant").is_err());
        assert!(RegionCode::parse("twente ").is_err());
    }

    #[test]
    fn region_fields_report_every_bad_field() {
        let input = RegionInput {
            name: " ",
            pact_name: "Zorgpact Twente",
            signed_on: Some("2016-13-01"),
            ambition: "",
            agenda_role: Some(AgendaRole::Platform),
            regioplus_code: None,
            cbs_code: Some(""),
        };
        let mut v = Validator::new();
        assert!(RegionFields::parse(&input, &mut v).is_none());
        let pointers: Vec<String> = v
            .finish()
            .expect_err("errors")
            .0
            .into_iter()
            .map(|e| e.pointer)
            .collect();
        assert_eq!(pointers, ["/name", "/signed_on"]);
    }

    #[test]
    fn sectors_round_trip_through_their_codes() {
        for sector in Sector::ALL {
            assert_eq!(Sector::parse(sector.as_str()), Ok(*sector));
        }
        let error = Sector::parse("school").expect_err("unknown sector");
        assert!(error.reason.contains("mbo"), "lists the accepted codes: {error}");
    }
}
