//! A ticket's service clock, in working days (see [`crate::working_days`]): from the
//! filing to the first response (triage or rejection), and the time the ticket
//! spent with the programme and the ministry before its answer. The clock pauses
//! while the ticket waits for the region and stops at an answer; a reopening
//! starts it again.

use chrono::{NaiveDate, NaiveDateTime};

use super::{BarrierStatus, Ministry};
use crate::working_days::working_days_between;
use crate::{InvalidValue, ValidationErrors, Validator, at};

use BarrierStatus as S;

/// One step of a ticket's timeline, as the clock reads it; the filing comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockStep {
    pub from: Option<BarrierStatus>,
    pub to: BarrierStatus,
    pub at: NaiveDateTime,
}

/// A ticket's clock on a given day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServiceClock {
    /// Working days from the filing to the first response; until today while
    /// there is none (then `responded` is false).
    pub to_first_response: u32,
    pub responded: bool,
    /// Working days the ticket was with the programme and the ministry, without
    /// those it waited for the region: until its answer, or until today while the
    /// clock runs.
    pub handling: u32,
    /// Whether the clock runs: the ticket is neither answered, waiting for the
    /// region, closed nor rejected.
    pub running: bool,
}

/// Whether the clock runs while a ticket has this status.
fn runs_in(status: BarrierStatus) -> bool {
    matches!(status, S::Submitted | S::Triaged | S::InAnalysis | S::Reopened)
}

/// The clock of a ticket with these steps (oldest first, the filing first) on `today`.
pub fn service_clock(steps: &[ClockStep], today: NaiveDate) -> ServiceClock {
    let Some(filing) = steps.first() else {
        return ServiceClock::default();
    };
    let filed = filing.at.date();
    let first_response = steps.iter().find(|step| step.from == Some(S::Submitted));
    let (to_first_response, responded) = match first_response {
        Some(step) => (working_days_between(filed, step.at.date()), true),
        None => (working_days_between(filed, today), false),
    };
    let mut handling = 0;
    let mut running_since = runs_in(filing.to).then_some(filed);
    for step in &steps[1..] {
        match (running_since, runs_in(step.to)) {
            (Some(since), false) => {
                handling += working_days_between(since, step.at.date());
                running_since = None;
            }
            (None, true) => running_since = Some(step.at.date()),
            _ => {}
        }
    }
    if let Some(since) = running_since {
        handling += working_days_between(since, today);
    }
    ServiceClock {
        to_first_response,
        responded,
        handling,
        running: running_since.is_some(),
    }
}

/// How many working days a ministry has for a first response and for an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceTargets {
    pub first_response_days: u32,
    pub answer_days: u32,
}

impl Default for ServiceTargets {
    fn default() -> Self {
        Self {
            first_response_days: 10,
            answer_days: 30,
        }
    }
}

/// The most working days a target may allow: a year.
pub const TARGET_DAYS_MAX: i64 = 260;

impl ServiceTargets {
    /// Both targets in working days, 1 to [`TARGET_DAYS_MAX`]; errors point at the fields.
    pub fn parse(first_response_days: i64, answer_days: i64) -> Result<Self, ValidationErrors> {
        let days = |value: i64| {
            u32::try_from(value)
                .ok()
                .filter(|days| (1..=TARGET_DAYS_MAX).contains(&i64::from(*days)))
                .ok_or_else(|| {
                    InvalidValue::out_of_range(
                        1..=TARGET_DAYS_MAX,
                        value as f64,
                        format!("must be a number of working days from 1 to {TARGET_DAYS_MAX}"),
                    )
                })
        };
        let (first_response_days, answer_days) = Validator::all((
            at("/first_response_days", days(first_response_days)),
            at("/answer_days", days(answer_days)),
        ))?;
        Ok(Self {
            first_response_days,
            answer_days,
        })
    }
}

/// A ministry's targets from a moment on, until the next change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetPeriod {
    pub ministry: Ministry,
    pub valid_from: NaiveDateTime,
    pub targets: ServiceTargets,
}

/// The targets of a ticket: those of its ministry in force when it was filed (the
/// latest set before then), else the defaults. A later change does not move the
/// goalposts of tickets already filed.
pub fn targets_for(history: &[TargetPeriod], ministry: Option<Ministry>, filed_at: NaiveDateTime) -> ServiceTargets {
    history
        .iter()
        .filter(|period| Some(period.ministry) == ministry && period.valid_from <= filed_at)
        .max_by_key(|period| period.valid_from)
        .map(|period| period.targets)
        .unwrap_or_default()
}

impl ServiceClock {
    /// Past a target: no first response in time, or handled longer than allowed.
    pub fn overdue(&self, targets: &ServiceTargets) -> bool {
        self.to_first_response > targets.first_response_days || self.handling > targets.answer_days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{s} 10:00"), "%Y-%m-%d %H:%M").expect("time")
    }

    fn step(from: Option<BarrierStatus>, to: BarrierStatus, day: &str) -> ClockStep {
        ClockStep { from, to, at: at(day) }
    }

    fn today(s: &str) -> NaiveDate {
        at(s).date()
    }

    #[test]
    fn an_unanswered_ticket_counts_until_today() {
        let steps = [step(None, S::Submitted, "2026-12-01")];
        let clock = service_clock(&steps, today("2026-12-08"));
        assert_eq!(
            clock,
            ServiceClock {
                to_first_response: 5,
                responded: false,
                handling: 5,
                running: true,
            }
        );
        assert!(!clock.overdue(&ServiceTargets::default()));
    }

    #[test]
    fn waiting_for_the_region_pauses_the_clock_across_a_holiday() {
        // Filed Tuesday 1 December 2026, triaged on the 3rd, a question on the 8th,
        // the region's reply on the 17th, the answer on Tuesday 29 December after
        // Christmas (25th Friday, 26th Saturday).
        let steps = [
            step(None, S::Submitted, "2026-12-01"),
            step(Some(S::Submitted), S::Triaged, "2026-12-03"),
            step(Some(S::Triaged), S::InAnalysis, "2026-12-04"),
            step(Some(S::InAnalysis), S::WaitingForRegion, "2026-12-08"),
            step(Some(S::WaitingForRegion), S::InAnalysis, "2026-12-17"),
            step(Some(S::InAnalysis), S::Answered, "2026-12-29"),
        ];
        let clock = service_clock(&steps, today("2027-01-15"));
        assert_eq!(clock.to_first_response, 2);
        assert!(clock.responded);
        // 1 → 8 December: 5 working days; 17 → 29 December: 18, 21, 22, 23, 24,
        // 28, 29 = 7 (the 25th is Christmas).
        assert_eq!(clock.handling, 12);
        assert!(!clock.running, "an answer stops the clock");
    }

    #[test]
    fn a_reopening_starts_the_clock_again() {
        let steps = [
            step(None, S::Submitted, "2026-11-02"),
            step(Some(S::Submitted), S::Triaged, "2026-11-03"),
            step(Some(S::Triaged), S::Answered, "2026-11-05"),
            step(Some(S::Answered), S::Reopened, "2026-11-16"),
        ];
        let clock = service_clock(&steps, today("2026-11-18"));
        assert_eq!(clock.handling, 3 + 2);
        assert!(clock.running);
    }

    #[test]
    fn a_ticket_keeps_the_targets_in_force_when_it_was_filed() {
        let period = |ministry, from: &str, first, answer| TargetPeriod {
            ministry,
            valid_from: at(from),
            targets: ServiceTargets {
                first_response_days: first,
                answer_days: answer,
            },
        };
        let history = [
            period(Ministry::Vws, "2026-01-01", 5, 20),
            period(Ministry::Vws, "2026-06-01", 8, 25),
            period(Ministry::Ocw, "2026-03-01", 15, 40),
        ];
        let vws = Some(Ministry::Vws);
        assert_eq!(targets_for(&history, vws, at("2026-05-31")).answer_days, 20);
        assert_eq!(targets_for(&history, vws, at("2026-06-02")).answer_days, 25);
        assert_eq!(targets_for(&history, vws, at("2025-12-01")), ServiceTargets::default());
        assert_eq!(targets_for(&history, None, at("2026-07-01")), ServiceTargets::default());
        assert_eq!(
            targets_for(&history, Some(Ministry::Ocw), at("2026-07-01")).first_response_days,
            15
        );
    }

    #[test]
    fn targets_are_working_days_within_a_year() {
        assert!(ServiceTargets::parse(10, 30).is_ok());
        let errors = ServiceTargets::parse(0, 261).expect_err("out of range");
        let pointers: Vec<String> = errors.0.into_iter().map(|e| e.pointer).collect();
        assert_eq!(pointers, ["/first_response_days", "/answer_days"]);
    }

    #[test]
    fn late_first_responses_and_long_handling_are_overdue() {
        let targets = ServiceTargets {
            first_response_days: 10,
            answer_days: 30,
        };
        let waiting = [step(None, S::Submitted, "2026-11-02")];
        assert!(
            service_clock(&waiting, today("2026-11-17")).overdue(&targets),
            "11 working days"
        );
        assert!(
            !service_clock(&waiting, today("2026-11-13")).overdue(&targets),
            "9 working days"
        );
        let rejected = [
            step(None, S::Submitted, "2026-11-02"),
            step(Some(S::Submitted), S::Rejected, "2026-11-04"),
        ];
        let clock = service_clock(&rejected, today("2027-06-01"));
        assert!(
            !clock.running && !clock.overdue(&targets),
            "a rejection stops the clock"
        );
    }
}
