//! The workflow of a barrier ticket, from a region's question to a ministry's
//! answer: which step leads from which status to which, which party takes it,
//! what it needs, and what it changes on the ticket. Who a caller is (which party)
//! is decided in [`crate::auth::authorize`]; the order of refusals is: a step that
//! does not exist from the current status (409), a caller who may not take it
//! (403), a step out of time (409), then the step's data (422).

use chrono::{Days, NaiveDateTime};

use super::{BarrierLocation, BarrierStatus, Ministry, Resolution};
use crate::code_enum::code_enum;
use crate::{InvalidValue, Parsed, ValidationErrors, Validator, at, text};

use BarrierStatus as S;
use Party::{Ministry as MinistryParty, ProgrammeTeam, Region};
use StepField as F;

/// Who takes a step, seen from the ticket. Admins act as every party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The programme team: triages and assigns.
    ProgrammeTeam,
    /// An official of the ministry the ticket is assigned to.
    Ministry,
    /// A coordinator of the region that filed the ticket.
    Region,
}

impl Party {
    /// Who that is, for a sentence such as "that step is for …".
    pub fn described(self) -> &'static str {
        match self {
            Party::ProgrammeTeam => "the programme team",
            Party::Ministry => "an official of the ticket's ministry",
            Party::Region => "a coordinator of the ticket's region",
        }
    }
}

code_enum! {
    /// A field of a step besides its target status. A note is always accepted;
    /// some steps require one (a question, the information asked for, why an
    /// answer does not do).
    StepField {
        Note => "note",
        Ministry => "ministry",
        /// The id of the official the ticket is assigned to.
        Official => "official",
        Answer => "answer",
        Resolution => "resolution",
        Location => "location",
        Reason => "reason",
        /// Whether every region may read the answer.
        Public => "public",
    }
}

/// One kind of step: from which statuses, to which, by whom, needing what.
#[derive(Debug, PartialEq, Eq)]
pub struct StepRule {
    pub from: &'static [BarrierStatus],
    pub to: BarrierStatus,
    pub by: &'static [Party],
    /// Required fields.
    pub needs: &'static [StepField],
    /// Fields accepted but not required.
    pub may: &'static [StepField],
}

/// The workflow. A ticket may be rejected until it is answered; an answer is
/// confirmed (closed) or reopened by the region; a reopened ticket goes back to
/// the ministry, or to the programme team for another ministry.
pub const STEPS: &[StepRule] = &[
    StepRule {
        from: &[S::Submitted, S::Reopened],
        to: S::Triaged,
        by: &[ProgrammeTeam],
        needs: &[F::Ministry, F::Official],
        may: &[F::Note],
    },
    StepRule {
        from: &[S::Triaged, S::Reopened],
        to: S::InAnalysis,
        by: &[MinistryParty],
        needs: &[],
        may: &[F::Note],
    },
    StepRule {
        from: &[S::Triaged, S::InAnalysis],
        to: S::WaitingForRegion,
        by: &[MinistryParty],
        needs: &[F::Note],
        may: &[],
    },
    StepRule {
        from: &[S::WaitingForRegion],
        to: S::InAnalysis,
        by: &[Region, MinistryParty],
        needs: &[F::Note],
        may: &[],
    },
    StepRule {
        from: &[S::Triaged, S::InAnalysis],
        to: S::Answered,
        by: &[MinistryParty],
        needs: &[F::Answer, F::Resolution, F::Location],
        may: &[F::Note, F::Public],
    },
    StepRule {
        from: &[
            S::Submitted,
            S::Triaged,
            S::InAnalysis,
            S::WaitingForRegion,
            S::Reopened,
        ],
        to: S::Rejected,
        by: &[MinistryParty, ProgrammeTeam],
        needs: &[F::Reason],
        may: &[F::Note],
    },
    StepRule {
        from: &[S::Answered],
        to: S::Closed,
        by: &[Region],
        needs: &[],
        may: &[F::Note],
    },
    StepRule {
        from: &[S::Answered],
        to: S::Reopened,
        by: &[Region],
        needs: &[F::Note],
        may: &[],
    },
];

/// The rule for a step from `from` to `to`, if the workflow has one.
pub fn rule(from: BarrierStatus, to: BarrierStatus) -> Option<&'static StepRule> {
    STEPS.iter().find(|rule| rule.to == to && rule.from.contains(&from))
}

/// The steps the workflow offers from `from`, whoever may take them.
pub fn steps_from(from: BarrierStatus) -> impl Iterator<Item = &'static StepRule> {
    STEPS.iter().filter(move |rule| rule.from.contains(&from))
}

/// Terminal statuses: no step leads out of them.
pub fn is_final(status: BarrierStatus) -> bool {
    steps_from(status).next().is_none()
}

/// The periods the workflow counts in days (configurable per installation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    /// An answer the region neither confirms nor reopens is closed after this many days.
    pub auto_close_days: u32,
    /// The region may reopen an answer for this many days.
    pub reopen_days: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            auto_close_days: 14,
            reopen_days: 30,
        }
    }
}

impl Deadlines {
    fn after(answered_at: NaiveDateTime, days: u32) -> NaiveDateTime {
        answered_at
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDateTime::MAX)
    }

    /// Whether the region may still reopen an answer given at `answered_at`.
    pub fn may_reopen(&self, answered_at: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
        answered_at.is_some_and(|answered| now <= Self::after(answered, self.reopen_days))
    }

    /// Whether an answer given at `answered_at` is closed for lack of reaction by `now`.
    pub fn auto_close_due(&self, answered_at: NaiveDateTime, now: NaiveDateTime) -> bool {
        now >= Self::after(answered_at, self.auto_close_days)
    }

    /// The answers given before this moment are due to be closed at `now`.
    pub fn auto_close_before(&self, now: NaiveDateTime) -> NaiveDateTime {
        now.checked_sub_days(Days::new(u64::from(self.auto_close_days)))
            .unwrap_or(NaiveDateTime::MIN)
    }
}

/// Why a step is refused before its data is looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepRefused {
    /// The workflow has no such step from the current status: 409.
    NoSuchStep { from: BarrierStatus, to: BarrierStatus },
    /// The step exists but its time has passed (reopening): 409.
    TooLate { days: u32 },
}

impl std::fmt::Display for StepRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepRefused::NoSuchStep { from, to } if is_final(*from) => {
                write!(f, "A {from} ticket takes no further steps; {to} is not possible.")
            }
            StepRefused::NoSuchStep { from, to } => {
                let offered: Vec<&str> = steps_from(*from).map(|rule| rule.to.as_str()).collect();
                write!(
                    f,
                    "A {from} ticket cannot go to {to}; the workflow allows: {}.",
                    offered.join(", ")
                )
            }
            StepRefused::TooLate { days } => write!(
                f,
                "An answer can be reopened for {days} days after it was given; that period has passed."
            ),
        }
    }
}

/// The facts of a ticket a step depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketState {
    pub status: BarrierStatus,
    pub answered_at: Option<NaiveDateTime>,
}

/// The step's rule if the workflow allows it now; who takes it is checked apart
/// (in `authorize`, with the rule's parties).
pub fn allowed_now(
    ticket: TicketState,
    to: BarrierStatus,
    deadlines: &Deadlines,
    now: NaiveDateTime,
) -> Result<&'static StepRule, StepRefused> {
    let rule = rule(ticket.status, to).ok_or(StepRefused::NoSuchStep {
        from: ticket.status,
        to,
    })?;
    if to == S::Reopened && !deadlines.may_reopen(ticket.answered_at, now) {
        return Err(StepRefused::TooLate {
            days: deadlines.reopen_days,
        });
    }
    Ok(rule)
}

pub const NOTE_MAX: usize = 2_000;
pub const ANSWER_MAX: usize = 10_000;
pub const REASON_MAX: usize = 2_000;
/// User ids are UUIDs; this bounds what is looked up.
pub const OFFICIAL_ID_MAX: usize = 64;

/// A step as the caller asks for it, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepInput<'a> {
    pub note: Option<&'a str>,
    pub ministry: Option<Ministry>,
    pub official: Option<&'a str>,
    pub answer: Option<&'a str>,
    pub resolution: Option<Resolution>,
    pub location: Option<BarrierLocation>,
    pub reason: Option<&'a str>,
    pub public: Option<bool>,
}

impl StepInput<'_> {
    fn given(&self, field: StepField) -> bool {
        match field {
            F::Note => self.note.is_some(),
            F::Ministry => self.ministry.is_some(),
            F::Official => self.official.is_some(),
            F::Answer => self.answer.is_some(),
            F::Resolution => self.resolution.is_some(),
            F::Location => self.location.is_some(),
            F::Reason => self.reason.is_some(),
            F::Public => self.public.is_some(),
        }
    }
}

/// What a step changes on the ticket besides its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepChange {
    None,
    /// Assigned to a ministry and one of its officials (a user id, checked
    /// against the stored users by the caller of [`parse_step`]).
    Assign {
        ministry: Ministry,
        official: String,
    },
    Answer {
        answer: String,
        resolution: Resolution,
        location: BarrierLocation,
        public: bool,
    },
    Reject {
        reason: String,
    },
}

/// A checked step, ready to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub to: BarrierStatus,
    pub note: Option<String>,
    pub change: StepChange,
}

/// Checks a step's data against its rule: every field it needs is there and
/// valid, and no field it does not take is sent (a refused step changes nothing,
/// so nothing is silently dropped either). Errors point at the request's fields:
/// first the missing or invalid ones, then the foreign ones.
pub fn parse_step(rule: &StepRule, input: &StepInput<'_>) -> Result<Step, ValidationErrors> {
    let to = rule.to;
    let needed = |field: StepField| rule.needs.contains(&field);
    let note = if needed(F::Note) {
        at(
            "/note",
            given(input.note, to)
                .and_then(|note| text::required(note, NOTE_MAX))
                .map(Some),
        )
    } else {
        at("/note", text::optional(input.note, NOTE_MAX))
    };
    let change = match to {
        S::Triaged => assign(input, to),
        S::Answered => answer(input, to),
        S::Rejected => reject(input, to),
        _ => Parsed::from(Ok(StepChange::None)),
    };
    let foreign: Vec<_> = StepField::ALL
        .iter()
        .filter(|field| input.given(**field) && !needed(**field) && !rule.may.contains(field))
        .map(|field| InvalidValue::not_allowed(format!("is not part of the step to {to}")).at(pointer(*field)))
        .collect();
    match (Validator::all((note, change)), foreign.is_empty()) {
        (Ok((note, change)), true) => Ok(Step { to, note, change }),
        (Ok(_), false) => Err(ValidationErrors(foreign)),
        (Err(mut errors), _) => {
            errors.0.extend(foreign);
            Err(errors)
        }
    }
}

fn pointer(field: StepField) -> String {
    format!("/{field}")
}

/// A field the step needs: present, or the reason it is missing.
fn given<T>(value: Option<T>, to: BarrierStatus) -> Result<T, InvalidValue> {
    value.ok_or_else(|| InvalidValue::missing(format!("is required for the step to {to}")))
}

fn assign(input: &StepInput<'_>, to: BarrierStatus) -> Parsed<StepChange> {
    let ministry = at("/ministry", given(input.ministry, to));
    let official = at(
        "/official",
        given(input.official, to).and_then(|id| text::required(id, OFFICIAL_ID_MAX)),
    );
    Parsed::from(
        Validator::all((ministry, official)).map(|(ministry, official)| StepChange::Assign { ministry, official }),
    )
}

fn answer(input: &StepInput<'_>, to: BarrierStatus) -> Parsed<StepChange> {
    let answer = at(
        "/answer",
        given(input.answer, to).and_then(|answer| text::required(answer, ANSWER_MAX)),
    );
    let resolution = at("/resolution", given(input.resolution, to));
    let location = at("/location", given(input.location, to));
    Parsed::from(
        Validator::all((answer, resolution, location)).map(|(answer, resolution, location)| StepChange::Answer {
            answer,
            resolution,
            location,
            public: input.public.unwrap_or(false),
        }),
    )
}

fn reject(input: &StepInput<'_>, to: BarrierStatus) -> Parsed<StepChange> {
    let reason = at(
        "/reason",
        given(input.reason, to).and_then(|reason| text::required(reason, REASON_MAX)),
    );
    Parsed::from(reason.into_result().map(|reason| StepChange::Reject { reason }))
}

/// The ticket's workflow fields, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowFields {
    pub status: BarrierStatus,
    pub ministry: Option<Ministry>,
    pub official: Option<String>,
    pub answer: Option<String>,
    pub resolution: Option<Resolution>,
    pub location: Option<BarrierLocation>,
    pub public: bool,
    pub rejection_reason: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
}

impl WorkflowFields {
    /// The ticket after `step`, taken at `now`. Reopening keeps the earlier answer
    /// (the timeline shows it) until a new one replaces it; a closed or rejected
    /// ticket records when.
    pub fn after(&self, step: &Step, now: NaiveDateTime) -> WorkflowFields {
        let mut next = self.clone();
        next.status = step.to;
        match &step.change {
            StepChange::None => {}
            StepChange::Assign { ministry, official } => {
                next.ministry = Some(*ministry);
                next.official = Some(official.clone());
            }
            StepChange::Answer {
                answer,
                resolution,
                location,
                public,
            } => {
                next.answer = Some(answer.clone());
                next.resolution = Some(*resolution);
                next.location = Some(*location);
                next.public = *public;
                next.answered_at = Some(now);
            }
            StepChange::Reject { reason } => next.rejection_reason = Some(reason.clone()),
        }
        next.closed_at = matches!(step.to, S::Closed | S::Rejected).then_some(now);
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn at_time(s: &str) -> NaiveDateTime {
        text::date(s).expect("date").and_hms_opt(12, 0, 0).expect("time")
    }

    #[test]
    fn every_status_but_closed_and_rejected_has_a_way_on() {
        for status in BarrierStatus::ALL {
            let terminal = matches!(status, S::Closed | S::Rejected);
            assert_eq!(is_final(*status), terminal, "{status}");
        }
    }

    #[test]
    fn every_non_final_status_is_reachable_from_submitted() {
        let mut reached = vec![S::Submitted];
        let mut next = 0;
        while next < reached.len() {
            for rule in steps_from(reached[next]) {
                if !reached.contains(&rule.to) {
                    reached.push(rule.to);
                }
            }
            next += 1;
        }
        for status in BarrierStatus::ALL {
            assert!(reached.contains(status), "{status} cannot be reached");
        }
    }

    #[test]
    fn steps_are_unambiguous() {
        for from in BarrierStatus::ALL {
            for to in BarrierStatus::ALL {
                let rules = STEPS.iter().filter(|r| r.to == *to && r.from.contains(from)).count();
                assert!(rules <= 1, "{from} -> {to} has {rules} rules");
            }
        }
    }

    #[test]
    fn a_step_the_workflow_lacks_is_refused_with_the_ways_it_offers() {
        let ticket = TicketState {
            status: S::Submitted,
            answered_at: None,
        };
        let refused = allowed_now(ticket, S::Closed, &Deadlines::default(), at_time("2024-01-01"))
            .expect_err("no step from submitted to closed");
        assert_eq!(
            refused.to_string(),
            "A submitted ticket cannot go to closed; the workflow allows: triaged, rejected."
        );
        let closed = TicketState {
            status: S::Closed,
            answered_at: None,
        };
        let refused = allowed_now(closed, S::Submitted, &Deadlines::default(), at_time("2024-01-01"))
            .expect_err("closed is final");
        assert_eq!(
            refused.to_string(),
            "A closed ticket takes no further steps; submitted is not possible."
        );
    }

    #[test]
    fn an_answer_can_be_reopened_within_the_period_only() {
        let deadlines = Deadlines {
            auto_close_days: 14,
            reopen_days: 30,
        };
        let ticket = TicketState {
            status: S::Answered,
            answered_at: Some(at_time("2024-03-01")),
        };
        assert!(allowed_now(ticket, S::Reopened, &deadlines, at_time("2024-03-31")).is_ok());
        assert_eq!(
            allowed_now(ticket, S::Reopened, &deadlines, at_time("2024-04-01")),
            Err(StepRefused::TooLate { days: 30 })
        );
        assert!(!deadlines.auto_close_due(at_time("2024-03-01"), at_time("2024-03-14")));
        assert!(deadlines.auto_close_due(at_time("2024-03-01"), at_time("2024-03-15")));
    }

    fn pointers(result: Result<Step, ValidationErrors>) -> Vec<String> {
        result.expect_err("refused").0.into_iter().map(|e| e.pointer).collect()
    }

    fn rule_to(from: BarrierStatus, to: BarrierStatus) -> &'static StepRule {
        rule(from, to).expect("a rule")
    }

    #[test]
    fn an_empty_step_is_refused_for_exactly_the_fields_its_rule_needs() {
        for rule in STEPS {
            let needed: Vec<String> = rule.needs.iter().map(|f| pointer(*f)).collect();
            match parse_step(rule, &StepInput::default()) {
                Ok(_) => assert!(needed.is_empty(), "{:?} -> {}", rule.from, rule.to),
                Err(errors) => {
                    let mut got: Vec<String> = errors.0.into_iter().map(|e| e.pointer).collect();
                    got.sort();
                    let mut needed = needed;
                    needed.sort();
                    assert_eq!(got, needed, "{:?} -> {}", rule.from, rule.to);
                }
            }
        }
    }

    #[test]
    fn a_step_names_each_missing_and_each_foreign_field() {
        let answer = rule_to(S::InAnalysis, S::Answered);
        let input = StepInput {
            reason: Some("buiten de scope"),
            ..StepInput::default()
        };
        assert_eq!(
            pointers(parse_step(answer, &input)),
            ["/answer", "/resolution", "/location", "/reason"]
        );
        let close = rule_to(S::Answered, S::Closed);
        let input = StepInput {
            official: Some("u1"),
            ..StepInput::default()
        };
        assert_eq!(pointers(parse_step(close, &input)), ["/official"]);
    }

    #[test]
    fn a_question_to_the_region_needs_a_note_that_is_not_blank() {
        let ask = rule_to(S::InAnalysis, S::WaitingForRegion);
        let blank = StepInput {
            note: Some("   "),
            ..StepInput::default()
        };
        assert_eq!(pointers(parse_step(ask, &blank)), ["/note"]);
        let asked = StepInput {
            note: Some(" Welke instellingen doen mee? "),
            ..StepInput::default()
        };
        let step = parse_step(ask, &asked).expect("valid");
        assert_eq!(step.note.as_deref(), Some("Welke instellingen doen mee?"));
        assert_eq!(step.change, StepChange::None);
    }

    #[test]
    fn answering_sets_the_answer_and_closing_records_when() {
        let answer = rule_to(S::InAnalysis, S::Answered);
        let step = parse_step(
            answer,
            &StepInput {
                answer: Some("Een gecombineerd contract volstaat."),
                resolution: Some(Resolution::WithinExistingRules),
                location: Some(BarrierLocation::InstitutionalRules),
                public: Some(true),
                ..StepInput::default()
            },
        )
        .expect("valid answer");
        let before = WorkflowFields {
            status: S::InAnalysis,
            ministry: Some(Ministry::Ocw),
            official: Some("u-ocw".into()),
            answer: None,
            resolution: None,
            location: None,
            public: false,
            rejection_reason: None,
            answered_at: None,
            closed_at: None,
        };
        let answered_at = at_time("2024-05-01");
        let answered = before.after(&step, answered_at);
        assert_eq!(answered.status, S::Answered);
        assert_eq!(answered.resolution, Some(Resolution::WithinExistingRules));
        assert!(answered.public);
        assert_eq!(answered.answered_at, Some(answered_at));
        assert_eq!(answered.closed_at, None);

        let close = parse_step(rule_to(S::Answered, S::Closed), &StepInput::default()).expect("valid");
        let closed = answered.after(&close, at_time("2024-05-03"));
        assert_eq!(closed.closed_at, Some(at_time("2024-05-03")));
        assert_eq!(closed.answer, answered.answer);
    }
}
