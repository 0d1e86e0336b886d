//! Comments on a ticket: the region and the ministry talk in the open; officials
//! and the programme team also keep internal notes the region does not see.

use crate::text;
use crate::{ValidationErrors, at};

pub const COMMENT_MAX: usize = 5_000;

/// A comment as written: its text and whether it is an internal note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    pub body: String,
    /// Visible to officials of the ticket's ministry and the programme team only.
    pub internal: bool,
}

impl NewComment {
    pub fn parse(body: &str, internal: bool) -> Result<Self, ValidationErrors> {
        let body = at("/body", text::required(body, COMMENT_MAX)).into_result()?;
        Ok(Self { body, internal })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_needs_text_within_the_limit() {
        assert_eq!(
            NewComment::parse("  Zie bijlage. ", true),
            Ok(NewComment {
                body: "Zie bijlage.".into(),
                internal: true
            })
        );
        let empty = NewComment::parse(" ", false).expect_err("empty");
        assert_eq!(empty.0[0].pointer, "/body");
        assert!(NewComment::parse(&"x".repeat(COMMENT_MAX + 1), false).is_err());
    }
}
