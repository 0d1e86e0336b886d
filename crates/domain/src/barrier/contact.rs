//! The contact log: the meetings, phone calls and e-mails a barrier took. The
//! programme counted them (9 meetings, 213 calls, 307 e-mails) to show the work.

use chrono::NaiveDate;

use crate::code_enum::code_enum;
use crate::text;
use crate::{InvalidValue, ValidationErrors, Validator, at, optional_at};

code_enum! {
    /// How the contact took place.
    ContactKind {
        Meeting => "meeting",
        PhoneCall => "phone_call",
        Email => "email",
    }
}

pub const PARTICIPANTS_MAX: usize = 500;
pub const CONTACT_NOTE_MAX: usize = 2_000;

/// One contact as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub kind: ContactKind,
    pub contact_on: NaiveDate,
    /// Who took part, as free text ("regiocoördinator, beleidsmedewerker OCW").
    pub participants: String,
    pub note: Option<String>,
}

/// Raw input for [`NewContact::parse`].
pub struct ContactInput<'a> {
    pub kind: ContactKind,
    pub contact_on: &'a str,
    pub participants: &'a str,
    pub note: Option<&'a str>,
}

/// A contact is logged afterwards: its date is not in the future (one day of
/// grace for the Dutch calendar being ahead of UTC).
fn contact_date(input: &str, today: NaiveDate) -> Result<NaiveDate, InvalidValue> {
    super::filed_on(input, today)
}

impl NewContact {
    pub fn parse(input: &ContactInput<'_>, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let (contact_on, participants, note) = Validator::all((
            at("/contact_on", contact_date(input.contact_on, today)),
            at("/participants", text::required(input.participants, PARTICIPANTS_MAX)),
            optional_at("/note", input.note, |note| text::bounded(note, CONTACT_NOTE_MAX)),
        ))?;
        Ok(Self {
            kind: input.kind,
            contact_on,
            participants,
            note: note.filter(|note| !note.is_empty()),
        })
    }
}

/// How many contacts of each kind, and in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContactCounts {
    pub meetings: u32,
    pub phone_calls: u32,
    pub emails: u32,
}

impl ContactCounts {
    pub fn of(kinds: impl IntoIterator<Item = ContactKind>) -> Self {
        let mut counts = Self::default();
        for kind in kinds {
            match kind {
                ContactKind::Meeting => counts.meetings += 1,
                ContactKind::PhoneCall => counts.phone_calls += 1,
                ContactKind::Email => counts.emails += 1,
            }
        }
        counts
    }

    pub fn total(&self) -> u32 {
        self.meetings + self.phone_calls + self.emails
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        text::date(s).expect("date")
    }

    #[test]
    fn a_contact_reports_every_bad_field() {
        let input = ContactInput {
            kind: ContactKind::PhoneCall,
            contact_on: "2031-01-01",
            participants: " ",
            note: Some(&"x".repeat(CONTACT_NOTE_MAX + 1)),
        };
        let errors = NewContact::parse(&input, day("2024-06-15")).expect_err("invalid");
        let pointers: Vec<_> = errors.0.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/contact_on", "/participants", "/note"]);
    }

    #[test]
    fn an_empty_note_is_no_note() {
        let input = ContactInput {
            kind: ContactKind::Meeting,
            contact_on: "2024-06-14",
            participants: "Regio Twente, OCW",
            note: Some("  "),
        };
        let contact = NewContact::parse(&input, day("2024-06-15")).expect("valid");
        assert_eq!(contact.note, None);
        assert_eq!(contact.contact_on, day("2024-06-14"));
    }

    #[test]
    fn counts_per_kind_add_up() {
        use ContactKind::*;
        let counts = ContactCounts::of([Email, PhoneCall, Email, Meeting, Email]);
        assert_eq!((counts.meetings, counts.phone_calls, counts.emails), (1, 1, 3));
        assert_eq!(counts.total(), 5);
    }
}
