//! Factsheets: questions the ministries answer once for everyone, written and
//! revised as a draft by officials and published as numbered versions that anyone
//! may read.

use crate::action::{Theme, distinct_themes};
use crate::barrier::Ministry;
use crate::code_enum::code_enum;
use crate::regulation::id_list;
use crate::{ValidationErrors, Validator, at, text};

code_enum! {
    /// Whether a factsheet has ever been published.
    FactsheetStatus {
        /// Only the draft exists: officials and the programme team read it.
        Draft => "draft",
        /// At least one version is published and readable without logging in.
        Published => "published",
    }
}

pub const QUESTION_MAX: usize = 500;
pub const ANSWER_MAX: usize = 20_000;

/// What a factsheet says: the draft as officials write it, and each published version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactsheetFields {
    pub question: String,
    pub answer: String,
    pub ministry: Ministry,
    pub themes: Vec<Theme>,
    /// Rules of the register it concerns.
    pub regulation_ids: Vec<String>,
    /// Barrier tickets it answers.
    pub ticket_ids: Vec<String>,
}

/// Raw input for [`FactsheetFields::parse`].
pub struct FactsheetInput<'a> {
    pub question: &'a str,
    pub answer: &'a str,
    pub ministry: Ministry,
    pub themes: &'a [Theme],
    pub regulation_ids: &'a [String],
    pub ticket_ids: &'a [String],
}

impl FactsheetFields {
    /// Checks every field, reporting each rejected one under its JSON pointer.
    /// Whether the named rules and tickets exist is the store's to check.
    pub fn parse(input: &FactsheetInput<'_>) -> Result<Self, ValidationErrors> {
        let question = at("/question", text::required(input.question, QUESTION_MAX));
        let answer = at("/answer", text::required(input.answer, ANSWER_MAX));
        let regulations = id_list("/regulation_ids", input.regulation_ids);
        let tickets = id_list("/ticket_ids", input.ticket_ids);
        let (question, answer, regulation_ids, ticket_ids) = Validator::all((question, answer, regulations, tickets))?;
        Ok(Self {
            question,
            answer,
            ministry: input.ministry,
            themes: distinct_themes(input.themes),
            regulation_ids,
            ticket_ids,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_factsheet_reports_every_bad_field() {
        let ids = vec![String::from("r1"), String::from("r1")];
        let long = "x".repeat(QUESTION_MAX + 1);
        let errors = FactsheetFields::parse(&FactsheetInput {
            question: &long,
            answer: " ",
            ministry: Ministry::Ocw,
            themes: &[],
            regulation_ids: &ids,
            ticket_ids: &[],
        })
        .expect_err("invalid");
        let pointers: Vec<String> = errors.0.into_iter().map(|e| e.pointer).collect();
        assert_eq!(pointers, ["/question", "/answer", "/regulation_ids/1"]);
    }

    #[test]
    fn themes_are_kept_once() {
        let fields = FactsheetFields::parse(&FactsheetInput {
            question: "Mag een ketenstage met één contract?",
            answer: "Ja.",
            ministry: Ministry::Ocw,
            themes: &[Theme::LerenInDePraktijk, Theme::LerenInDePraktijk],
            regulation_ids: &[],
            ticket_ids: &[],
        })
        .expect("valid");
        assert_eq!(fields.themes, [Theme::LerenInDePraktijk]);
    }
}
