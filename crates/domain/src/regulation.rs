//! The register of rules (*regels*): the laws, subsidy schemes and agreements that
//! barrier tickets and factsheets concern.

use crate::barrier::Ministry;
use crate::code_enum::code_enum;
use crate::{InvalidValue, Parsed, ValidationErrors, Validator, at, text};

code_enum! {
    /// What kind of rule an entry of the register is.
    RegulationKind {
        /// A law (*wet*), e.g. the Wet educatie en beroepsonderwijs.
        Law => "law",
        /// A subsidy scheme (*subsidieregeling*), e.g. Stagefonds Zorg.
        SubsidyScheme => "subsidy_scheme",
        /// An agreement of a sector, e.g. a collective labour agreement.
        SectorAgreement => "sector_agreement",
        /// A ministerial regulation or a policy rule.
        Regulation => "regulation",
        Other => "other",
    }
}

pub const NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 2_000;
pub const URL_MAX: usize = 500;
/// The most rules one ticket or factsheet names.
pub const LINKS_MAX: usize = 50;

/// A web link: `http` or `https`, a host, no spaces.
pub fn url(input: &str) -> Result<String, InvalidValue> {
    let url = text::required(input, URL_MAX)?;
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| InvalidValue::invalid_format("must start with https:// or http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || !host.contains('.') || url.chars().any(char::is_whitespace) {
        return Err(InvalidValue::invalid_format(
            "must be a web address like https://www.rijksoverheid.nl/...",
        ));
    }
    Ok(url)
}

/// A new entry of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegulation {
    pub name: String,
    pub kind: RegulationKind,
    pub ministry: Option<Ministry>,
    pub url: Option<String>,
    pub description: String,
}

/// Raw input for [`NewRegulation::parse`].
pub struct RegulationInput<'a> {
    pub name: &'a str,
    pub kind: RegulationKind,
    pub ministry: Option<Ministry>,
    pub url: Option<&'a str>,
    pub description: Option<&'a str>,
}

impl NewRegulation {
    /// Checks every field, reporting each rejected one under its JSON pointer.
    pub fn parse(input: &RegulationInput<'_>) -> Result<Self, ValidationErrors> {
        let name = at("/name", text::required(input.name, NAME_MAX));
        let link = at(
            "/url",
            match input.url.map(str::trim).filter(|u| !u.is_empty()) {
                Some(u) => url(u).map(Some),
                None => Ok(None),
            },
        );
        let description = at(
            "/description",
            text::bounded(input.description.unwrap_or_default(), DESCRIPTION_MAX),
        );
        let (name, url, description) = Validator::all((name, link, description))?;
        Ok(Self {
            name,
            kind: input.kind,
            ministry: input.ministry,
            url,
            description,
        })
    }
}

/// A list of ids of other records: each a non-empty id, each once, at most
/// [`LINKS_MAX`]; errors point at `{pointer}/N`.
pub fn id_list(pointer: &str, ids: &[String]) -> Parsed<Vec<String>> {
    Validator::run(|v| {
        v.check(
            ids.len() <= LINKS_MAX,
            pointer,
            InvalidValue::too_many(LINKS_MAX, format!("must name at most {LINKS_MAX}")),
        );
        let mut seen: Vec<String> = Vec::with_capacity(ids.len());
        for (n, id) in ids.iter().enumerate() {
            if let Some(id) = v.field(&format!("{pointer}/{n}"), text::required(id, 64)) {
                v.check(
                    !seen.contains(&id),
                    &format!("{pointer}/{n}"),
                    InvalidValue::duplicate("is named twice"),
                );
                seen.push(id);
            }
        }
        Some(seen)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointers(errors: ValidationErrors) -> Vec<String> {
        errors.0.into_iter().map(|e| e.pointer).collect()
    }

    #[test]
    fn urls_are_web_addresses() {
        assert!(url("https://www.rijksoverheid.nl/stagefonds").is_ok());
        assert!(url("http://wetten.overheid.nl").is_ok());
        for bad in [
            "ftp://x.nl",
            "https://",
            "www.x.nl",
            "https://x.nl/a b",
            "javascript:alert(1)",
            "https://localhost",
        ] {
            assert!(url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_regulation_reports_every_bad_field() {
        let ok = NewRegulation::parse(&RegulationInput {
            name: " Stagefonds Zorg ",
            kind: RegulationKind::SubsidyScheme,
            ministry: Some(Ministry::Vws),
            url: Some(""),
            description: None,
        })
        .expect("valid");
        assert_eq!((ok.name.as_str(), ok.url), ("Stagefonds Zorg", None));
        let long = "x".repeat(DESCRIPTION_MAX + 1);
        let bad = NewRegulation::parse(&RegulationInput {
            name: "",
            kind: RegulationKind::Law,
            ministry: None,
            url: Some("wetten.nl"),
            description: Some(&long),
        })
        .expect_err("invalid");
        assert_eq!(pointers(bad), ["/name", "/url", "/description"]);
    }

    #[test]
    fn id_lists_refuse_blanks_and_repeats() {
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            id_list("/ids", &ids(&["a", "b"])).into_result().ok(),
            Some(ids(&["a", "b"]))
        );
        let errors = id_list("/ids", &ids(&["a", " ", "a"]))
            .into_result()
            .expect_err("invalid");
        assert_eq!(pointers(errors), ["/ids/1", "/ids/2"]);
    }
}
