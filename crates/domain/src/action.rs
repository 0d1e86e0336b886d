//! Actions (*acties*) of a region's agenda: who does what, by when, on which action
//! line and themes, and how far along it is.

use chrono::NaiveDate;

use crate::code_enum::code_enum;
use crate::{InvalidValue, ValidationErrors, Validator};

code_enum! {
    /// The three action lines (*actielijnen*) of the national programme.
    ActionLine {
        /// *Meer kiezen voor de zorg*: more people choose care.
        Choose => "choose",
        /// *Beter leren in de zorg*: better learning.
        Learn => "learn",
        /// *Anders werken in de zorg*: working differently.
        Work => "work",
    }
}

code_enum! {
    /// Cross-cutting themes of the regional agendas.
    Theme {
        PermanentLeren => "permanent_leren",
        ZorgEnTechnologie => "zorg_en_technologie",
        LerenInDePraktijk => "leren_in_de_praktijk",
        /// *hbo-isering*: rising qualification requirements.
        ToenemendeOpleidingseisen => "toenemende_opleidingseisen",
        VmboZorgEnWelzijn => "vmbo_zorg_en_welzijn",
    }
}

code_enum! {
    ActionStatus {
        Planned => "planned",
        InProgress => "in_progress",
        Completed => "completed",
        OnHold => "on_hold",
        Cancelled => "cancelled",
    }
}

/// How far an action is, 0 to 100 percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Progress(u8);

impl Progress {
    pub fn parse(percent: i64) -> Result<Self, InvalidValue> {
        u8::try_from(percent)
            .ok()
            .filter(|p| *p <= 100)
            .map(Self)
            .ok_or_else(|| InvalidValue::new("must be a whole percentage from 0 to 100"))
    }

    pub fn percent(self) -> u8 {
        self.0
    }
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const OWNER_MAX: usize = 200;
pub const NOTE_MAX: usize = 4_000;

/// Parses a list of theme codes; duplicates are dropped, order kept.
pub fn parse_themes(codes: &[String], pointer: &str, v: &mut Validator) -> Vec<Theme> {
    let mut themes = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        if let Some(theme) = v.field(&format!("{pointer}/{i}"), Theme::parse(code))
            && !themes.contains(&theme)
        {
            themes.push(theme);
        }
    }
    themes
}

/// Rules that tie status, progress and dates of an action together.
pub fn check_consistency(
    status: ActionStatus,
    progress: Progress,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    v.check(
        status != ActionStatus::Completed || progress.percent() == 100,
        "/progress",
        "a completed action has progress 100",
    );
    v.check(
        status != ActionStatus::Planned || progress.percent() < 100,
        "/progress",
        "a planned action cannot be at 100; mark it completed",
    );
    if let (Some(start), Some(end)) = (start, end) {
        v.check(end >= start, "/end_date", "must not be before start_date");
    }
    v.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn progress_is_a_percentage() {
        assert_eq!(Progress::parse(0).map(Progress::percent), Ok(0));
        assert_eq!(Progress::parse(100).map(Progress::percent), Ok(100));
        assert!(Progress::parse(101).is_err());
        assert!(Progress::parse(-1).is_err());
        assert!(Progress::parse(i64::MAX).is_err());
    }

    #[test]
    fn completed_means_fully_done() {
        let p = |n| Progress::parse(n).expect("progress");
        assert!(check_consistency(ActionStatus::Completed, p(100), None, None).is_ok());
        let errors =
            check_consistency(ActionStatus::Completed, p(80), None, None).expect_err("80%");
        assert_eq!(errors.0[0].pointer, "/progress");
    }

    #[test]
    fn end_not_before_start() {
        let p = Progress::parse(10).expect("progress");
        let errors = check_consistency(
            ActionStatus::InProgress,
            p,
            Some(date("2024-05-01")),
            Some(date("2024-04-30")),
        )
        .expect_err("end before start");
        assert_eq!(errors.0[0].pointer, "/end_date");
        assert!(
            check_consistency(
                ActionStatus::InProgress,
                p,
                Some(date("2024-05-01")),
                Some(date("2024-05-01"))
            )
            .is_ok()
        );
    }

    #[test]
    fn themes_are_checked_one_by_one_and_deduplicated() {
        let mut v = Validator::new();
        let codes = ["permanent_leren", "nonsense", "permanent_leren"].map(String::from);
        let themes = parse_themes(&codes, "/themes", &mut v);
        assert_eq!(themes, vec![Theme::PermanentLeren]);
        assert_eq!(
            v.finish().expect_err("one bad theme").0[0].pointer,
            "/themes/1"
        );
    }
}
