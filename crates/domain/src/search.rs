//! Full-text search as the domain sees it: what a query is, how words are folded
//! (case and diacritics: `coördinatie` and `coordinatie` are one word), and the
//! excerpt shown with a hit. The engines themselves are the database's.

use crate::code_enum::code_enum;
use crate::{InvalidValue, text};

code_enum! {
    /// What a search hit is.
    SearchKind {
        /// A barrier ticket (title, description, answer).
        Ticket => "ticket",
        /// The latest published version of a factsheet (question, answer).
        Factsheet => "factsheet",
    }
}

pub const QUERY_MAX: usize = 200;
/// More words than this add nothing but cost.
pub const TERMS_MAX: usize = 12;
/// Characters of an excerpt.
pub const EXCERPT_CHARS: usize = 200;

/// A search: its words, folded, each of ASCII letters and digits only, so no word
/// can carry the syntax of a database's query language and every word is one both
/// engines tokenise alike (Dutch folds to ASCII; other characters separate words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub terms: Vec<String>,
}

impl SearchQuery {
    /// Trimmed, at most [`QUERY_MAX`] characters, with at least one word.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let query = text::required(input, QUERY_MAX)?;
        let mut terms: Vec<String> = Vec::new();
        for word in fold(&query).split(|c: char| !c.is_ascii_alphanumeric()) {
            if !word.is_empty() && !terms.iter().any(|t| t == word) && terms.len() < TERMS_MAX {
                terms.push(word.to_owned());
            }
        }
        if terms.is_empty() {
            return Err(InvalidValue::missing("must contain at least one word"));
        }
        Ok(Self { terms })
    }
}

/// The accented letters of Dutch (and its loanwords) with their plain letter. The
/// PostgreSQL migration folds with the same table (`zp_fold`).
pub const FOLD_FROM: &str = "áàâäãåéèêëíìîïóòôöõúùûüýÿçñ";
pub const FOLD_TO: &str = "aaaaaaeeeeiiiiooooouuuuyycn";

/// Lowercase without diacritics: `Coördinatie` → `coordinatie`.
pub fn fold(input: &str) -> String {
    input
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match FOLD_FROM.chars().position(|f| f == c) {
            Some(n) => FOLD_TO.chars().nth(n).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// About [`EXCERPT_CHARS`] characters of `body` around the first word that starts
/// with a term, with `…` where text was cut.
pub fn excerpt(body: &str, terms: &[String]) -> String {
    let chars: Vec<char> = body.chars().collect();
    let folded: Vec<char> = chars
        .iter()
        .map(|c| fold(&c.to_string()).chars().next().unwrap_or(*c))
        .collect();
    let folded_text: String = folded.iter().collect();
    let hit = terms
        .iter()
        .filter_map(|term| folded_text.find(term.as_str()))
        .min()
        .map_or(0, |byte| folded_text[..byte].chars().count());
    let start = hit.saturating_sub(EXCERPT_CHARS / 4);
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_folded_words() {
        let q = SearchQuery::parse("  Coördinatie, financiële  \"stage\"* coördinatie").expect("valid");
        assert_eq!(q.terms, ["coordinatie", "financiele", "stage"]);
        assert!(SearchQuery::parse("   ").is_err());
        assert!(SearchQuery::parse("*** --").is_err());
        assert!(SearchQuery::parse("² ½ €").is_err(), "no ASCII word");
        let q = SearchQuery::parse("stage:* & 'x' | !y").expect("valid");
        assert_eq!(q.terms, ["stage", "x", "y"], "no query syntax survives");
        assert!(SearchQuery::parse(&"a".repeat(QUERY_MAX + 1)).is_err());
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Ëén CAFÉ, reünie"), "een cafe, reunie");
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
    }

    #[test]
    fn excerpts_show_the_hit() {
        let body = format!("{} de coördinatie van stages {}", "a".repeat(300), "b".repeat(300));
        let cut = excerpt(&body, &["coordinatie".to_owned()]);
        assert!(cut.contains("coördinatie"), "{cut}");
        assert!(cut.starts_with('…') && cut.ends_with('…'));
        assert_eq!(excerpt("kort", &["x".to_owned()]), "kort");
    }
}
