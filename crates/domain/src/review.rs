//! Progress reviews (*Volgspot*, *bestuurlijke voortgangsgesprekken*): the
//! programme team's structured dialogue with a region, in rounds, recorded in the
//! five parts of the analysis frame and judged on the committee's reference frame.
//!
//! A review is drafted by the programme team, shared with the region, then made
//! final. A final review never changes: a correction is a new version (a draft
//! again) and the final one stays in the history.

use chrono::NaiveDate;

use crate::action::{ActionFields, ActionInput, ActionLine, ActionStatus};
use crate::code_enum::code_enum;
use crate::{InvalidValue, ValidationErrors, Validator, text};

code_enum! {
    /// The round of a review: what its dialogue is about.
    ReviewRound {
        /// Round 1: sharpen the overarching question.
        SharpenQuestion => "sharpen_question",
        /// Round 2: cooperation and innovation.
        CooperationInnovation => "cooperation_innovation",
        /// Round 3: what is needed to realise and secure the results.
        RealiseAndSecure => "realise_and_secure",
    }
}

impl ReviewRound {
    /// 1, 2 or 3.
    pub fn number(self) -> u8 {
        match self {
            ReviewRound::SharpenQuestion => 1,
            ReviewRound::CooperationInnovation => 2,
            ReviewRound::RealiseAndSecure => 3,
        }
    }
}

code_enum! {
    /// Where a review stands: the programme team's draft, shared with the
    /// region, or final (read-only; corrected by a new version).
    ReviewStatus {
        Draft => "draft",
        Shared => "shared",
        Final => "final",
    }
}

code_enum! {
    /// The phase of the innovation cycle a region is in (*het proces*).
    InnovationPhase {
        /// *Verkennen*: exploring what is going on and who takes part.
        Exploring => "exploring",
        /// *Richten*: directing the effort, choosing goals.
        Directing => "directing",
        /// *Inrichten*: organising the cooperation and the actions.
        Organising => "organising",
        /// *Verrichten*: carrying the actions out.
        Executing => "executing",
        /// *Borgen*: securing the results.
        Securing => "securing",
    }
}

code_enum! {
    /// The three aspects of a region's plan the committee judges.
    ScoredAspect {
        /// *Regiovisie*.
        RegionalVision => "regional_vision",
        /// *Actieplan*.
        ActionPlan => "action_plan",
        /// *Governance*.
        Governance => "governance",
    }
}

code_enum! {
    /// The committee's axis, in the order a region moves along it.
    ScoreLevel {
        /// *Verstevigen*: strengthen what is there.
        Strengthen => "strengthen",
        /// *Verbreden*: broaden it to more partners and themes.
        Broaden => "broaden",
        /// *Verduurzamen*: make it last.
        Sustain => "sustain",
    }
}

code_enum! {
    /// How a region's score on an aspect changed from its previous round.
    ScoreMovement {
        /// Further along the axis.
        Forward => "forward",
        Same => "same",
        /// Back along the axis.
        Back => "back",
    }
}

impl ScoreLevel {
    fn rank(self) -> u8 {
        match self {
            ScoreLevel::Strengthen => 1,
            ScoreLevel::Broaden => 2,
            ScoreLevel::Sustain => 3,
        }
    }

    /// The movement from `earlier` to this level.
    pub fn moved_from(self, earlier: ScoreLevel) -> ScoreMovement {
        match self.rank().cmp(&earlier.rank()) {
            std::cmp::Ordering::Greater => ScoreMovement::Forward,
            std::cmp::Ordering::Equal => ScoreMovement::Same,
            std::cmp::Ordering::Less => ScoreMovement::Back,
        }
    }
}

pub const PART_MAX: usize = 10_000;
pub const INTENTION_MAX: usize = 1_000;
pub const INTENTIONS_MAX: usize = 50;
pub const MOTIVATION_MAX: usize = 1_000;
pub const TICKETS_MAX: usize = 50;

/// The five parts of the analysis frame.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewParts {
    /// *Het waarom*: the overarching question.
    pub why_question: String,
    /// *Het waarom*: the intended transition.
    pub why_transition: String,
    /// *Het wat*: themes.
    pub what_themes: String,
    /// *Het wat*: focus areas.
    pub what_focus_areas: String,
    /// *Het hoe*: the kind of cooperation.
    pub how_cooperation: String,
    pub how_partners: String,
    pub how_success_factors: String,
    pub how_barriers: String,
    /// The region's barrier tickets the barriers refer to.
    pub barrier_ticket_ids: Vec<String>,
    /// *Het proces*.
    pub process_phase: Option<InnovationPhase>,
    pub process_notes: String,
    /// *De voortgang*: results so far.
    pub progress_results: String,
    /// *De voortgang*: intentions, each of which may become an action.
    pub intentions: Vec<String>,
}

/// Raw input for [`ReviewParts::parse`].
#[derive(Debug, Clone, Copy)]
pub struct ReviewPartsInput<'a> {
    pub why_question: &'a str,
    pub why_transition: &'a str,
    pub what_themes: &'a str,
    pub what_focus_areas: &'a str,
    pub how_cooperation: &'a str,
    pub how_partners: &'a str,
    pub how_success_factors: &'a str,
    pub how_barriers: &'a str,
    pub barrier_ticket_ids: &'a [String],
    pub process_phase: Option<InnovationPhase>,
    pub process_notes: &'a str,
    pub progress_results: &'a str,
    pub intentions: &'a [String],
}

impl ReviewParts {
    /// Checks every part; a part may be empty while the review is being drafted.
    pub fn parse(input: &ReviewPartsInput<'_>) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let mut part =
            |pointer: &str, value: &str| v.field(pointer, text::bounded(value, PART_MAX)).unwrap_or_default();
        let mut parts = ReviewParts {
            why_question: part("/why_question", input.why_question),
            why_transition: part("/why_transition", input.why_transition),
            what_themes: part("/what_themes", input.what_themes),
            what_focus_areas: part("/what_focus_areas", input.what_focus_areas),
            how_cooperation: part("/how_cooperation", input.how_cooperation),
            how_partners: part("/how_partners", input.how_partners),
            how_success_factors: part("/how_success_factors", input.how_success_factors),
            how_barriers: part("/how_barriers", input.how_barriers),
            barrier_ticket_ids: input.barrier_ticket_ids.to_vec(),
            process_phase: input.process_phase,
            process_notes: part("/process_notes", input.process_notes),
            progress_results: part("/progress_results", input.progress_results),
            intentions: Vec::with_capacity(input.intentions.len()),
        };
        v.check(
            input.intentions.len() <= INTENTIONS_MAX,
            "/intentions",
            InvalidValue::too_many(INTENTIONS_MAX, "a review records at most 50 intentions"),
        );
        for (n, intention) in input.intentions.iter().enumerate() {
            parts
                .intentions
                .extend(v.field(&format!("/intentions/{n}"), text::required(intention, INTENTION_MAX)));
        }
        v.check(
            input.barrier_ticket_ids.len() <= TICKETS_MAX,
            "/barrier_ticket_ids",
            InvalidValue::too_many(TICKETS_MAX, "at most 50 tickets"),
        );
        for (n, id) in input.barrier_ticket_ids.iter().enumerate() {
            v.check(
                !input.barrier_ticket_ids[..n].contains(id),
                &format!("/barrier_ticket_ids/{n}"),
                InvalidValue::listed_twice(),
            );
        }
        v.finish()?;
        Ok(parts)
    }
}

/// A new review: its round and date, and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReview {
    pub round: ReviewRound,
    pub review_date: NaiveDate,
    pub parts: ReviewParts,
}

/// One aspect's score with the committee's short motivation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub aspect: ScoredAspect,
    pub level: ScoreLevel,
    pub motivation: String,
}

/// Checks a full set of scores: each aspect at most once, each with a motivation.
pub fn parse_scores(given: &[(ScoredAspect, ScoreLevel, &str)]) -> Result<Vec<Score>, ValidationErrors> {
    let mut v = Validator::new();
    let mut scores: Vec<Score> = Vec::with_capacity(given.len());
    for (n, (aspect, level, motivation)) in given.iter().enumerate() {
        v.check(
            !given[..n].iter().any(|(a, _, _)| a == aspect),
            &format!("/scores/{n}/aspect"),
            InvalidValue::listed_twice(),
        );
        if let Some(motivation) = v.field(
            &format!("/scores/{n}/motivation"),
            text::required(motivation, MOTIVATION_MAX),
        ) {
            scores.push(Score {
                aspect: *aspect,
                level: *level,
                motivation,
            });
        }
    }
    v.finish()?;
    scores.sort_by_key(|s| s.aspect);
    Ok(scores)
}

/// Why a change of a review is refused in its present state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ReviewRefused(pub String);

/// Its parts and scores change while it is a draft or shared; a final review is read-only.
pub fn check_editable(status: ReviewStatus) -> Result<(), ReviewRefused> {
    match status {
        ReviewStatus::Draft | ReviewStatus::Shared => Ok(()),
        ReviewStatus::Final => Err(ReviewRefused(
            "a final review is read-only; correct it with POST .../corrections, which starts a new version".into(),
        )),
    }
}

/// The steps of the workflow: share a draft with the region, then make it final.
pub fn check_step(from: ReviewStatus, to: ReviewStatus) -> Result<(), ReviewRefused> {
    match (from, to) {
        (ReviewStatus::Draft, ReviewStatus::Shared) | (ReviewStatus::Shared, ReviewStatus::Final) => Ok(()),
        (from, ReviewStatus::Final) => Err(ReviewRefused(format!(
            "only a shared review can be made final; this one is {from}"
        ))),
        (from, to) => Err(ReviewRefused(format!("a review that is {from} cannot become {to}"))),
    }
}

/// Only the current final version is corrected: a draft or shared review is
/// simply edited, and an older version already has its correction.
pub fn check_correction(status: ReviewStatus, superseded: bool) -> Result<(), ReviewRefused> {
    if superseded {
        return Err(ReviewRefused(
            "this version was corrected already; correct the newest version".into(),
        ));
    }
    match status {
        ReviewStatus::Final => Ok(()),
        other => Err(ReviewRefused(format!(
            "a review that is {other} is edited, not corrected"
        ))),
    }
}

/// An intention becomes an action once, and not before the region has seen the
/// review (while it is a draft, its text may still change).
pub fn check_intention_to_action(status: ReviewStatus, existing_action: Option<&str>) -> Result<(), ReviewRefused> {
    if let Some(action) = existing_action {
        return Err(ReviewRefused(format!("this intention became action {action} already")));
    }
    match status {
        ReviewStatus::Draft => Err(ReviewRefused(
            "share the review with the region before turning its intentions into actions".into(),
        )),
        ReviewStatus::Shared | ReviewStatus::Final => Ok(()),
    }
}

/// The title of the action an intention becomes: the intention's text, cut to
/// the length of an action title at a word boundary.
pub fn action_title(intention: &str) -> String {
    let max = crate::action::TITLE_MAX;
    if intention.chars().count() <= max {
        return intention.to_owned();
    }
    let cut: String = intention.chars().take(max - 1).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|n| *n > max / 2)
        .map_or(cut.as_str(), |n| &cut[..n]);
    format!("{}…", at_word.trim_end())
}

/// The action an intention becomes: planned, not started, on the region's
/// agenda, its description saying which review it came from.
pub fn intention_action(
    intention: &str,
    review_date: NaiveDate,
    action_line: ActionLine,
    owner: &str,
) -> Result<ActionFields, ValidationErrors> {
    let description = format!("Voornemen uit het voortgangsgesprek (Volgspot) van {review_date}: {intention}");
    let title = action_title(intention);
    let mut v = Validator::new();
    let fields = ActionFields::parse(
        &ActionInput {
            title: &title,
            description: &description,
            action_line,
            themes: &[],
            status: ActionStatus::Planned,
            progress: 0,
            owner,
            partner_ids: &[],
            indicators: &[],
            start_date: None,
            end_date: None,
        },
        &mut v,
    );
    v.finish()?;
    fields.ok_or_else(|| ValidationErrors::single("", InvalidValue::invalid("is invalid")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(intentions: &'a [String], tickets: &'a [String]) -> ReviewPartsInput<'a> {
        ReviewPartsInput {
            why_question: "Het volwaardig functioneren van mensen ondersteunen",
            why_transition: "Zorg dichter naar de burger",
            what_themes: "",
            what_focus_areas: "",
            how_cooperation: "",
            how_partners: "",
            how_success_factors: "",
            how_barriers: "",
            barrier_ticket_ids: tickets,
            process_phase: Some(InnovationPhase::Directing),
            process_notes: "",
            progress_results: "",
            intentions,
        }
    }

    #[test]
    fn parts_report_every_bad_field() {
        let intentions = vec![String::from("Een plan maken"), String::from("  ")];
        let tickets = vec![String::from("t1"), String::from("t1")];
        let errors = ReviewParts::parse(&input(&intentions, &tickets)).expect_err("invalid");
        let pointers: Vec<String> = errors.0.into_iter().map(|e| e.pointer).collect();
        assert_eq!(pointers, ["/intentions/1", "/barrier_ticket_ids/1"]);
        let long = "x".repeat(PART_MAX + 1);
        let mut bad = input(&[], &[]);
        bad.how_barriers = &long;
        let errors = ReviewParts::parse(&bad).expect_err("too long");
        assert_eq!(errors.0[0].pointer, "/how_barriers");
    }

    #[test]
    fn the_workflow_goes_draft_shared_final_and_final_is_read_only() {
        assert!(check_step(ReviewStatus::Draft, ReviewStatus::Shared).is_ok());
        assert!(check_step(ReviewStatus::Shared, ReviewStatus::Final).is_ok());
        assert!(check_step(ReviewStatus::Draft, ReviewStatus::Final).is_err());
        assert!(check_step(ReviewStatus::Final, ReviewStatus::Shared).is_err());
        assert!(check_editable(ReviewStatus::Shared).is_ok());
        assert!(check_editable(ReviewStatus::Final).is_err());
        assert!(check_correction(ReviewStatus::Final, false).is_ok());
        assert!(check_correction(ReviewStatus::Final, true).is_err());
        assert!(check_correction(ReviewStatus::Shared, false).is_err());
    }

    #[test]
    fn an_intention_becomes_an_action_once_after_sharing() {
        assert!(check_intention_to_action(ReviewStatus::Draft, None).is_err());
        assert!(check_intention_to_action(ReviewStatus::Shared, None).is_ok());
        assert!(check_intention_to_action(ReviewStatus::Final, Some("a1")).is_err());
    }

    #[test]
    fn scores_name_each_aspect_once_with_a_motivation() {
        let scores = parse_scores(&[
            (ScoredAspect::Governance, ScoreLevel::Broaden, "Focusgroep als aanjager"),
            (
                ScoredAspect::RegionalVision,
                ScoreLevel::Strengthen,
                "Visie aangescherpt",
            ),
        ])
        .expect("valid");
        assert_eq!(scores[0].aspect, ScoredAspect::RegionalVision);
        let errors = parse_scores(&[
            (ScoredAspect::Governance, ScoreLevel::Broaden, "ok"),
            (ScoredAspect::Governance, ScoreLevel::Sustain, " "),
        ])
        .expect_err("invalid");
        let pointers: Vec<String> = errors.0.into_iter().map(|e| e.pointer).collect();
        assert_eq!(pointers, ["/scores/1/aspect", "/scores/1/motivation"]);
    }

    #[test]
    fn movement_follows_the_axis() {
        assert_eq!(
            ScoreLevel::Sustain.moved_from(ScoreLevel::Broaden),
            ScoreMovement::Forward
        );
        assert_eq!(ScoreLevel::Broaden.moved_from(ScoreLevel::Broaden), ScoreMovement::Same);
        assert_eq!(
            ScoreLevel::Strengthen.moved_from(ScoreLevel::Sustain),
            ScoreMovement::Back
        );
    }

    #[test]
    fn long_intentions_make_titles_cut_at_a_word() {
        let long = "woord ".repeat(60);
        let title = action_title(&long);
        assert!(title.chars().count() <= crate::action::TITLE_MAX);
        assert!(title.ends_with("woord…"), "{title}");
        assert_eq!(action_title("Kort"), "Kort");
    }
}
