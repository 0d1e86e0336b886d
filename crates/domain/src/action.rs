//! Actions (*acties*) of a region's agenda: who does what, by when, on which action
//! line and themes, and how far along it is.

use chrono::NaiveDate;

use crate::code_enum::code_enum;
use crate::indicator::IndicatorCode;
use crate::{InvalidValue, ValidationErrors, Validator, text};

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
    /// Where an action stands: a completed action has progress 100, a planned one less.
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
            .ok_or_else(|| {
                InvalidValue::out_of_range(0..=100, percent as f64, "must be a whole percentage from 0 to 100")
            })
    }

    pub fn percent(self) -> u8 {
        self.0
    }
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const OWNER_MAX: usize = 200;
pub const NOTE_MAX: usize = 4_000;
pub const EXPECTED_EFFECT_MAX: usize = 500;
pub const AUTHOR_MAX: usize = 200;
/// More partners or indicators than this on one action is a mistake, not a plan.
pub const PARTNERS_MAX: usize = 100;
pub const INDICATORS_MAX: usize = 50;
const PARTNER_ID_MAX: usize = 64;

/// The themes as given, each once: a repeat is dropped, the order kept.
pub fn distinct_themes(given: &[Theme]) -> Vec<Theme> {
    let mut themes = Vec::with_capacity(given.len());
    for theme in given {
        if !themes.contains(theme) {
            themes.push(*theme);
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
        InvalidValue::inconsistent("a completed action has progress 100"),
    );
    v.check(
        status != ActionStatus::Planned || progress.percent() < 100,
        "/progress",
        InvalidValue::inconsistent("a planned action cannot be at 100; mark it completed"),
    );
    if let (Some(start), Some(end)) = (start, end) {
        v.check(
            end >= start,
            "/end_date",
            InvalidValue::inconsistent("must not be before start_date"),
        );
    }
    v.finish()
}

/// Taking an action off the agenda into the archive, or back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archiving {
    Archive,
    Restore,
}

/// Restoring an action that is not archived: there is nothing to restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotArchived;

impl Archiving {
    /// The name of the change in the audit trail.
    pub fn operation(self) -> &'static str {
        match self {
            Archiving::Archive => "archive",
            Archiving::Restore => "restore",
        }
    }

    /// Whether the change has anything to do for an action that is `archived`
    /// (`Ok(true)`) or is already done (`Ok(false)`). Archiving twice is harmless,
    /// so a repeated archive is no change; restoring an action that is on the
    /// agenda is refused, so a client learns its view was out of date.
    pub fn applies_to(self, archived: bool) -> Result<bool, NotArchived> {
        match (self, archived) {
            (Archiving::Archive, archived) => Ok(!archived),
            (Archiving::Restore, true) => Ok(true),
            (Archiving::Restore, false) => Err(NotArchived),
        }
    }

    /// Whether the action is archived after the change.
    pub fn archived_after(self) -> bool {
        self == Archiving::Archive
    }
}

/// An indicator an action means to move, and the effect it expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorLink {
    pub code: IndicatorCode,
    /// Free text, e.g. "+20 side-entrants per year".
    pub expected_effect: Option<String>,
}

/// Raw input for one [`IndicatorLink`].
pub struct IndicatorLinkInput<'a> {
    pub code: &'a str,
    pub expected_effect: Option<&'a str>,
}

/// The editable facts of an action, validated together. Whether the partners
/// belong to the action's region and the indicators exist is for storage to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFields {
    pub title: String,
    pub description: String,
    pub action_line: ActionLine,
    pub themes: Vec<Theme>,
    pub status: ActionStatus,
    pub progress: Progress,
    /// The *kartrekker*: who drives the action.
    pub owner: String,
    /// Ids of partners of the action's region, each once, in the order given.
    pub partner_ids: Vec<String>,
    pub indicators: Vec<IndicatorLink>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

/// Raw input for [`ActionFields::parse`].
pub struct ActionInput<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub action_line: ActionLine,
    pub themes: &'a [Theme],
    pub status: ActionStatus,
    pub progress: i64,
    pub owner: &'a str,
    pub partner_ids: &'a [String],
    pub indicators: &'a [IndicatorLinkInput<'a>],
    pub start_date: Option<&'a str>,
    pub end_date: Option<&'a str>,
}

impl ActionFields {
    /// Checks every field, reporting each rejected one under its JSON pointer, then
    /// the rules that tie status, progress and dates together.
    pub fn parse(input: &ActionInput<'_>, v: &mut Validator) -> Option<Self> {
        let title = v.field("/title", text::required(input.title, TITLE_MAX));
        let description = v.field("/description", text::bounded(input.description, DESCRIPTION_MAX));
        let status = input.status;
        let progress = v.field("/progress", Progress::parse(input.progress));
        let owner = v.field("/owner", text::required(input.owner, OWNER_MAX));
        let partner_ids = parse_partner_ids(input.partner_ids, v);
        let indicators = parse_indicators(input.indicators, v);
        let start_date = v.optional("/start_date", input.start_date, text::date);
        let end_date = v.optional("/end_date", input.end_date, text::date);
        let (progress, start_date, end_date) = (progress?, start_date?, end_date?);
        if let Err(errors) = check_consistency(status, progress, start_date, end_date) {
            v.extend(errors);
            return None;
        }
        Some(Self {
            title: title?,
            description: description?,
            action_line: input.action_line,
            themes: distinct_themes(input.themes),
            status,
            progress,
            owner: owner?,
            partner_ids: partner_ids?,
            indicators: indicators?,
            start_date,
            end_date,
        })
    }
}

/// Partner ids as sent. A repeated id is refused rather than dropped, so that the
/// position of each id in the request stays its position here: storage reports an
/// unknown partner under that index.
fn parse_partner_ids(ids: &[String], v: &mut Validator) -> Option<Vec<String>> {
    if ids.len() > PARTNERS_MAX {
        v.check(
            false,
            "/partner_ids",
            InvalidValue::too_many(PARTNERS_MAX, format!("must list at most {PARTNERS_MAX} partners")),
        );
        return None;
    }
    let mut parsed = Vec::new();
    let mut ok = true;
    for (i, id) in ids.iter().enumerate() {
        let well_formed =
            !id.is_empty() && id.len() <= PARTNER_ID_MAX && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        v.check(
            well_formed,
            &format!("/partner_ids/{i}"),
            InvalidValue::invalid_format("must be a partner id"),
        );
        if !well_formed {
            ok = false;
        } else if parsed.contains(id) {
            v.check(false, &format!("/partner_ids/{i}"), InvalidValue::listed_twice());
            ok = false;
        } else {
            parsed.push(id.clone());
        }
    }
    ok.then_some(parsed)
}

/// Indicator links; the same indicator twice is refused, as the two expected
/// effects might differ.
fn parse_indicators(links: &[IndicatorLinkInput<'_>], v: &mut Validator) -> Option<Vec<IndicatorLink>> {
    if links.len() > INDICATORS_MAX {
        v.check(
            false,
            "/indicators",
            InvalidValue::too_many(INDICATORS_MAX, format!("must list at most {INDICATORS_MAX} indicators")),
        );
        return None;
    }
    let mut parsed: Vec<IndicatorLink> = Vec::new();
    let mut ok = true;
    for (i, link) in links.iter().enumerate() {
        let code = v.field(&format!("/indicators/{i}/code"), IndicatorCode::parse(link.code));
        let effect = v.field(
            &format!("/indicators/{i}/expected_effect"),
            text::optional(link.expected_effect, EXPECTED_EFFECT_MAX),
        );
        match (code, effect) {
            (Some(code), Some(expected_effect)) => {
                if parsed.iter().any(|l| l.code == code) {
                    v.check(false, &format!("/indicators/{i}/code"), InvalidValue::listed_twice());
                    ok = false;
                } else {
                    parsed.push(IndicatorLink { code, expected_effect });
                }
            }
            _ => ok = false,
        }
    }
    ok.then_some(parsed)
}

/// An entry of an action's progress timeline: what its state was on a date, and
/// who said so. Entries are kept, never changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressUpdate {
    pub date: NaiveDate,
    pub progress: Progress,
    pub status: ActionStatus,
    pub note: String,
    pub author: String,
}

/// Raw input for [`ProgressUpdate::parse`].
pub struct ProgressUpdateInput<'a> {
    pub date: &'a str,
    pub progress: i64,
    pub status: ActionStatus,
    pub note: &'a str,
    pub author: &'a str,
}

impl ProgressUpdate {
    /// Checks every field and the status/progress rules of [`check_consistency`].
    pub fn parse(input: &ProgressUpdateInput<'_>, v: &mut Validator) -> Option<Self> {
        let date = v.field("/date", text::date(input.date));
        let progress = v.field("/progress", Progress::parse(input.progress));
        let status = input.status;
        let note = v.field("/note", text::bounded(input.note, NOTE_MAX));
        let author = v.field("/author", text::required(input.author, AUTHOR_MAX));
        let progress = progress?;
        if let Err(errors) = check_consistency(status, progress, None, None) {
            v.extend(errors);
            return None;
        }
        Some(Self {
            date: date?,
            progress,
            status,
            note: note?,
            author: author?,
        })
    }

    /// Whether this entry gives the action its current state: only when no
    /// existing entry is dated later. Filling in an older entry adds history
    /// without turning the action back in time.
    pub fn becomes_current(&self, latest_existing: Option<NaiveDate>) -> bool {
        latest_existing.is_none_or(|latest| self.date >= latest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn archiving_twice_is_harmless_but_restoring_needs_an_archived_action() {
        assert_eq!(Archiving::Archive.applies_to(false), Ok(true));
        assert_eq!(Archiving::Archive.applies_to(true), Ok(false));
        assert_eq!(Archiving::Restore.applies_to(true), Ok(true));
        assert_eq!(Archiving::Restore.applies_to(false), Err(NotArchived));
        assert!(Archiving::Archive.archived_after());
        assert!(!Archiving::Restore.archived_after());
    }

    #[test]
    fn progress_is_a_percentage() {
        assert_eq!(Progress::parse(0).map(Progress::percent), Ok(0));
        assert_eq!(Progress::parse(100).map(Progress::percent), Ok(100));
        let limit = |percent| Progress::parse(percent).map_err(|e| (e.code, e.limit));
        assert_eq!(limit(101), Err((crate::FieldErrorCode::OutOfRange, Some(100))));
        assert_eq!(limit(-1), Err((crate::FieldErrorCode::OutOfRange, Some(0))));
        assert!(Progress::parse(i64::MAX).is_err());
    }

    #[test]
    fn completed_means_fully_done() {
        let p = |n| Progress::parse(n).expect("progress");
        assert!(check_consistency(ActionStatus::Completed, p(100), None, None).is_ok());
        let errors = check_consistency(ActionStatus::Completed, p(80), None, None).expect_err("80%");
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
    fn repeated_themes_are_dropped_in_order() {
        let given = [Theme::PermanentLeren, Theme::ZorgEnTechnologie, Theme::PermanentLeren];
        assert_eq!(
            distinct_themes(&given),
            [Theme::PermanentLeren, Theme::ZorgEnTechnologie]
        );
    }

    fn fields_input<'a>(
        themes: &'a [Theme],
        partner_ids: &'a [String],
        indicators: &'a [IndicatorLinkInput<'a>],
    ) -> ActionInput<'a> {
        ActionInput {
            title: "Zij-instroom via leerwerkbanen",
            description: "",
            action_line: ActionLine::Choose,
            themes,
            status: ActionStatus::InProgress,
            progress: 40,
            owner: "ROC Rijn IJssel",
            partner_ids,
            indicators,
            start_date: Some("2024-01-01"),
            end_date: None,
        }
    }

    fn pointers(v: Validator) -> Vec<String> {
        v.finish()
            .expect_err("errors")
            .0
            .into_iter()
            .map(|e| e.pointer)
            .collect()
    }

    #[test]
    fn action_fields_parse_good_input() {
        let themes = [Theme::ZorgEnTechnologie];
        let partners = ["p-1".to_owned(), "p-2".to_owned()];
        let indicators = [IndicatorLinkInput {
            code: "side_entrants",
            expected_effect: Some(" +20 per jaar "),
        }];
        let mut v = Validator::new();
        let fields = ActionFields::parse(&fields_input(&themes, &partners, &indicators), &mut v).expect("valid");
        assert!(!v.has_errors());
        assert_eq!(fields.partner_ids, ["p-1", "p-2"]);
        assert_eq!(fields.indicators[0].expected_effect.as_deref(), Some("+20 per jaar"));
        assert_eq!(fields.progress.percent(), 40);
    }

    #[test]
    fn action_fields_point_at_each_bad_field() {
        let themes = [Theme::PermanentLeren];
        let partners = ["p-1".to_owned(), String::new(), "p-1".to_owned()];
        let indicators = [
            IndicatorLinkInput {
                code: "side_entrants",
                expected_effect: None,
            },
            IndicatorLinkInput {
                code: "side_entrants",
                expected_effect: None,
            },
            IndicatorLinkInput {
                code: "Bad Code",
                expected_effect: None,
            },
        ];
        let mut input = fields_input(&themes, &partners, &indicators);
        input.title = " ";
        input.progress = 101;
        let mut v = Validator::new();
        assert!(ActionFields::parse(&input, &mut v).is_none());
        assert_eq!(
            pointers(v),
            [
                "/title",
                "/progress",
                "/partner_ids/1",
                "/partner_ids/2",
                "/indicators/1/code",
                "/indicators/2/code"
            ]
        );
    }

    #[test]
    fn action_fields_apply_the_consistency_rules() {
        let mut input = fields_input(&[], &[], &[]);
        input.status = ActionStatus::Completed;
        input.end_date = Some("2023-12-31");
        let mut v = Validator::new();
        assert!(ActionFields::parse(&input, &mut v).is_none());
        assert_eq!(pointers(v), ["/progress", "/end_date"]);
    }

    #[test]
    fn progress_updates_follow_the_same_rules() {
        let input = ProgressUpdateInput {
            date: "2024-06-30",
            progress: 90,
            status: ActionStatus::Completed,
            note: "",
            author: "",
        };
        let mut v = Validator::new();
        assert!(ProgressUpdate::parse(&input, &mut v).is_none());
        assert_eq!(pointers(v), ["/author", "/progress"]);
    }

    #[test]
    fn only_the_latest_entry_sets_the_current_state() {
        let input = ProgressUpdateInput {
            date: "2024-03-31",
            progress: 30,
            status: ActionStatus::InProgress,
            note: "Eerste cohort gestart",
            author: "Projectleider",
        };
        let mut v = Validator::new();
        let update = ProgressUpdate::parse(&input, &mut v).expect("valid");
        assert!(update.becomes_current(None));
        assert!(update.becomes_current(Some(date("2024-03-31"))));
        assert!(!update.becomes_current(Some(date("2024-04-01"))));
    }
}
