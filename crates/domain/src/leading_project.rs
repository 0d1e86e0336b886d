//! Leading projects (*Kopgroep*, *koplopers*): exemplary cooperation projects of
//! care and welfare, education and government, in a public catalogue. A region's
//! coordinator proposes its projects; the programme team publishes them. Also the
//! coalitions projects take part in, and the figures the programme published.

use crate::action::{Theme, distinct_themes};
use crate::code_enum::code_enum;
use crate::region::RegionCode;
use crate::regulation::id_list;
use crate::{InvalidValue, Parsed, ValidationErrors, Validator, at, optional_at, text};

code_enum! {
    /// A care domain (*zorgdomein*) a project works in; a project may have several.
    CareDomain {
        /// Mental health care (*GGZ*).
        MentalHealth => "mental_health",
        /// Elderly and home care (*ouderen- en thuiszorg*).
        ElderlyAndHomeCare => "elderly_and_home_care",
        /// Hospital care (*ziekenhuiszorg*).
        Hospital => "hospital",
        /// Primary care (*eerstelijnszorg*).
        PrimaryCare => "primary_care",
        /// Youth care (*jeugdzorg*).
        YouthCare => "youth_care",
        /// Welfare (*welzijn*).
        Welfare => "welfare",
    }
}

code_enum! {
    /// A level of vocational and higher education a project trains for.
    EducationLevel {
        Vmbo => "vmbo",
        Mbo1 => "mbo_1",
        Mbo2 => "mbo_2",
        Mbo3 => "mbo_3",
        Mbo4 => "mbo_4",
        Hbo => "hbo",
        Wo => "wo",
    }
}

code_enum! {
    /// Where a leading project stands in the catalogue.
    ProjectStatus {
        /// Being written by its region; not public.
        Draft => "draft",
        /// Proposed by its region to the programme team; not public.
        Proposed => "proposed",
        /// In the public catalogue.
        Published => "published",
    }
}

code_enum! {
    /// The twelve provinces of the Netherlands.
    Province {
        Groningen => "groningen",
        Friesland => "friesland",
        Drenthe => "drenthe",
        Overijssel => "overijssel",
        Flevoland => "flevoland",
        Gelderland => "gelderland",
        Utrecht => "utrecht",
        NoordHolland => "noord_holland",
        ZuidHolland => "zuid_holland",
        Zeeland => "zeeland",
        NoordBrabant => "noord_brabant",
        Limburg => "limburg",
    }
}

code_enum! {
    /// Where a project's funding comes from.
    FundingScheme {
        /// The Regional Investment Fund mbo (*Regionaal Investeringsfonds mbo*, OCW).
        Rif => "rif",
        /// Another grant or scheme, named in the funding's label.
        Other => "other",
    }
}

pub const NAME_MAX: usize = 200;
pub const STORY_MAX: usize = 20_000;
pub const RESULTS_MAX: usize = 10_000;
pub const CONTACT_MAX: usize = 500;
pub const ITEM_MAX: usize = 200;
/// Partners, support tracks and funding lines, each.
pub const LIST_MAX: usize = 50;
pub const YEAR_MIN: i32 = 2000;
pub const YEAR_MAX: i32 = 2100;
/// Euros; more than any grant the programme knew (the whole RIF 2019–2022 was 100 million).
pub const AMOUNT_MAX: i64 = 1_000_000_000;

/// One grant or other funding of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funding {
    pub scheme: FundingScheme,
    /// What the funding is, e.g. `RIF-subsidie 2015`.
    pub label: String,
    /// Whole euros, when known.
    pub amount_eur: Option<i64>,
    pub from_year: i32,
    /// The last year; none for a single year or an open end.
    pub to_year: Option<i32>,
}

/// Raw input for one [`Funding`].
pub struct FundingInput<'a> {
    pub scheme: FundingScheme,
    pub label: &'a str,
    pub amount_eur: Option<i64>,
    pub from_year: i64,
    pub to_year: Option<i64>,
}

fn year(value: i64) -> Result<i32, InvalidValue> {
    i32::try_from(value)
        .ok()
        .filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y))
        .ok_or_else(|| {
            InvalidValue::out_of_range(
                i64::from(YEAR_MIN)..=i64::from(YEAR_MAX),
                value as f64,
                format!("must be a year from {YEAR_MIN} to {YEAR_MAX}"),
            )
        })
}

fn amount(value: i64) -> Result<i64, InvalidValue> {
    if (0..=AMOUNT_MAX).contains(&value) {
        Ok(value)
    } else {
        Err(InvalidValue::out_of_range(
            0..=AMOUNT_MAX,
            value as f64,
            format!("must be whole euros from 0 to {AMOUNT_MAX}"),
        ))
    }
}

impl Funding {
    fn parse(pointer: &str, input: &FundingInput<'_>) -> Parsed<Funding> {
        let parsed = Validator::all((
            at(&format!("{pointer}/label"), text::required(input.label, ITEM_MAX)),
            optional_at(&format!("{pointer}/amount_eur"), input.amount_eur, amount),
            at(&format!("{pointer}/from_year"), year(input.from_year)),
            optional_at(&format!("{pointer}/to_year"), input.to_year, year),
        ));
        Parsed::from(match parsed {
            Err(errors) => Err(errors),
            Ok((_, _, from, Some(to))) if to < from => Err(ValidationErrors::single(
                format!("{pointer}/to_year"),
                InvalidValue::inconsistent("must not be before from_year"),
            )),
            Ok((label, amount_eur, from_year, to_year)) => Ok(Funding {
                scheme: input.scheme,
                label,
                amount_eur,
                from_year,
                to_year,
            }),
        })
    }
}

/// What a leading project says, validated together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadingProjectFields {
    pub name: String,
    /// The region that proposes it; none for a project across regions.
    pub region: Option<RegionCode>,
    pub province: Option<Province>,
    pub care_domains: Vec<CareDomain>,
    pub themes: Vec<Theme>,
    pub education_levels: Vec<EducationLevel>,
    /// Partner organisations by name.
    pub partners: Vec<String>,
    pub story: String,
    pub results: String,
    pub contact: String,
    /// The support tracks (*maatwerktrajecten*) it took part in, by name.
    pub support_tracks: Vec<String>,
    /// Ids of the coalitions it takes part in.
    pub coalition_ids: Vec<String>,
    pub funding: Vec<Funding>,
}

/// Raw input for [`LeadingProjectFields::parse`].
pub struct LeadingProjectInput<'a> {
    pub name: &'a str,
    pub region: Option<&'a str>,
    pub province: Option<Province>,
    pub care_domains: &'a [CareDomain],
    pub themes: &'a [Theme],
    pub education_levels: &'a [EducationLevel],
    pub partners: &'a [String],
    pub story: &'a str,
    pub results: &'a str,
    pub contact: &'a str,
    pub support_tracks: &'a [String],
    pub coalition_ids: &'a [String],
    pub funding: &'a [FundingInput<'a>],
}

/// Names (partners, support tracks), each given once, at most [`LIST_MAX`].
fn names(pointer: &str, given: &[String]) -> Parsed<Vec<String>> {
    Validator::run(|v| {
        v.check(
            given.len() <= LIST_MAX,
            pointer,
            InvalidValue::too_many(LIST_MAX, format!("must name at most {LIST_MAX}")),
        );
        let mut seen: Vec<String> = Vec::with_capacity(given.len());
        for (n, name) in given.iter().enumerate() {
            let here = format!("{pointer}/{n}");
            if let Some(name) = v.field(&here, text::required(name, ITEM_MAX)) {
                v.check(!seen.contains(&name), &here, InvalidValue::duplicate("is named twice"));
                seen.push(name);
            }
        }
        Some(seen)
    })
}

fn distinct<T: PartialEq + Copy>(given: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(given.len());
    for value in given {
        if !out.contains(value) {
            out.push(*value);
        }
    }
    out
}

fn funding_lines(given: &[FundingInput<'_>]) -> Parsed<Vec<Funding>> {
    Validator::run(|v| {
        v.check(
            given.len() <= LIST_MAX,
            "/funding",
            InvalidValue::too_many(LIST_MAX, format!("must list at most {LIST_MAX}")),
        );
        let mut lines = Vec::with_capacity(given.len());
        for (n, line) in given.iter().enumerate() {
            match Funding::parse(&format!("/funding/{n}"), line).into_result() {
                Ok(funding) => lines.push(funding),
                Err(errors) => v.extend(errors),
            }
        }
        Some(lines)
    })
}

impl LeadingProjectFields {
    /// Checks every field, reporting each rejected one under its JSON pointer. A
    /// project names at least one care domain. Whether the region and the
    /// coalitions exist is the store's to check.
    pub fn parse(input: &LeadingProjectInput<'_>) -> Result<Self, ValidationErrors> {
        let domains = match input.care_domains.is_empty() {
            true => Err(InvalidValue::missing("must name at least one care domain")),
            false => Ok(distinct(input.care_domains)),
        };
        let texts = Validator::all((
            at("/name", text::required(input.name, NAME_MAX)),
            optional_at("/region_code", input.region, RegionCode::parse),
            at("/care_domains", domains),
            at("/story", text::required(input.story, STORY_MAX)),
            at("/results", text::bounded(input.results, RESULTS_MAX)),
            at("/contact", text::bounded(input.contact, CONTACT_MAX)),
        ));
        let lists = Validator::all((
            names("/partners", input.partners),
            names("/support_tracks", input.support_tracks),
            id_list("/coalition_ids", input.coalition_ids),
            funding_lines(input.funding),
        ));
        let ((name, region, care_domains, story, results, contact), (partners, support_tracks, coalition_ids, funding)) =
            Validator::all((Parsed::from(texts), Parsed::from(lists)))?;
        Ok(Self {
            name,
            region,
            province: input.province,
            care_domains,
            themes: distinct_themes(input.themes),
            education_levels: distinct(input.education_levels),
            partners,
            story,
            results,
            contact,
            support_tracks,
            coalition_ids,
            funding,
        })
    }
}

/// How alike two projects are: the themes and care domains they share. Zero
/// means not similar at all.
pub fn similarity(
    (themes, domains): (&[Theme], &[CareDomain]),
    (other_themes, other_domains): (&[Theme], &[CareDomain]),
) -> usize {
    themes.iter().filter(|t| other_themes.contains(t)).count()
        + domains.iter().filter(|d| other_domains.contains(d)).count()
}

/// How many similar projects a project shows.
pub const SIMILAR_MAX: usize = 5;

/// The figures the programme itself published about the Kopgroep at its end
/// (*Zorgpact: vier jaar beweging*, 2018). Stated as published, not computed:
/// the catalogue holds only the projects entered into it.
pub mod programme_figures {
    use super::CareDomain;

    /// Leading projects (*samenwerkingen*) in the Kopgroep.
    pub const PROJECTS: i64 = 80;
    /// Provinces with leading projects: all of them.
    pub const PROVINCES: i64 = 12;
    /// Projects per care domain; a project may count in several.
    pub const BY_DOMAIN: [(CareDomain, i64); 6] = [
        (CareDomain::MentalHealth, 31),
        (CareDomain::ElderlyAndHomeCare, 58),
        (CareDomain::Hospital, 23),
        (CareDomain::PrimaryCare, 15),
        (CareDomain::YouthCare, 10),
        (CareDomain::Welfare, 21),
    ];
    /// Tailored support tracks (*maatwerktrajecten*).
    pub const SUPPORT_TRACKS: i64 = 15;
    pub const COALITIONS: i64 = 3;
    /// Kopgroep meetings (*Kopgroepbijeenkomsten*).
    pub const MEETINGS: i64 = 9;
    /// RIF grants awarded to care and welfare projects.
    pub const RIF_GRANTS: i64 = 19;
    /// Where the figures come from.
    pub const SOURCE: &str = "Zorgpact: vier jaar beweging (2018)";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(funding: &'a [FundingInput<'a>], domains: &'a [CareDomain]) -> LeadingProjectInput<'a> {
        LeadingProjectInput {
            name: "Samen Slim Zorgen Thuis",
            region: Some("eindhoven-de-kempen"),
            province: Some(Province::NoordBrabant),
            care_domains: domains,
            themes: &[Theme::ZorgEnTechnologie, Theme::ZorgEnTechnologie],
            education_levels: &[EducationLevel::Mbo3, EducationLevel::Mbo3],
            partners: &[],
            story: "Studenten helpen zorgvragers met tablets.",
            results: "",
            contact: "",
            support_tracks: &[],
            coalition_ids: &[],
            funding,
        }
    }

    #[test]
    fn a_project_keeps_codes_once() {
        let fields = LeadingProjectFields::parse(&input(&[], &[CareDomain::ElderlyAndHomeCare])).expect("valid");
        assert_eq!(fields.themes, [Theme::ZorgEnTechnologie]);
        assert_eq!(fields.education_levels, [EducationLevel::Mbo3]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let funding = [
            FundingInput {
                scheme: FundingScheme::Rif,
                label: "RIF",
                amount_eur: Some(-5),
                from_year: 1999,
                to_year: None,
            },
            FundingInput {
                scheme: FundingScheme::Rif,
                label: "RIF",
                amount_eur: None,
                from_year: 2019,
                to_year: Some(2018),
            },
        ];
        let errors = LeadingProjectFields::parse(&input(&funding, &[])).expect_err("invalid");
        let pointers: Vec<String> = errors.0.into_iter().map(|e| e.pointer).collect();
        assert_eq!(
            pointers,
            [
                "/care_domains",
                "/funding/0/amount_eur",
                "/funding/0/from_year",
                "/funding/1/to_year"
            ]
        );
    }

    #[test]
    fn similarity_counts_shared_themes_and_domains() {
        let a = (
            &[Theme::ZorgEnTechnologie, Theme::PermanentLeren][..],
            &[CareDomain::Welfare][..],
        );
        let b = (
            &[Theme::ZorgEnTechnologie][..],
            &[CareDomain::Welfare, CareDomain::Hospital][..],
        );
        assert_eq!(similarity(a, b), 2);
        assert_eq!(similarity(a, (&[], &[CareDomain::YouthCare])), 0);
    }

    #[test]
    fn the_programme_figures_are_those_published() {
        let total: i64 = programme_figures::BY_DOMAIN.iter().map(|(_, n)| n).sum();
        assert_eq!(total, 158, "several domains per project: more than 80");
    }
}
