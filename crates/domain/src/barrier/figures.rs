//! The programme's barrier figures: how many tickets, how they ended, where the
//! barriers sat, how fast each ministry answered and how much contact it took.
//! Computed from already-read tickets; nothing here knows where they came from.

use super::clock::{ServiceClock, ServiceTargets};
use super::contact::ContactCounts;
use super::{BarrierCategory, BarrierLocation, BarrierStatus, Ministry, Resolution};
use crate::analytics::stats::{median, nearest_rank};

/// What the figures need of one ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFacts {
    pub region: String,
    pub status: BarrierStatus,
    pub resolution: Option<Resolution>,
    pub ministry: Option<Ministry>,
    pub category: BarrierCategory,
    pub location: Option<BarrierLocation>,
    /// Read on the day of the figures.
    pub clock: ServiceClock,
    /// The targets of its ministry when it was filed.
    pub targets: ServiceTargets,
    /// Whether the ministry has answered it (now or before a reopening).
    pub answered: bool,
    /// Marked as a duplicate of another ticket.
    pub duplicate: bool,
}

/// Working days over a group of tickets: how many, the median and the 90th
/// percentile (nearest rank). Without tickets both are absent, not 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DaySpread {
    pub tickets: u32,
    pub median: Option<f64>,
    pub p90: Option<u32>,
}

impl DaySpread {
    fn of(days: &[u32]) -> Self {
        let as_f64: Vec<f64> = days.iter().map(|&d| f64::from(d)).collect();
        Self {
            tickets: count(days.len()),
            median: median(&as_f64),
            p90: nearest_rank(days, 90),
        }
    }
}

/// One ministry's speed: days to the first response over the tickets that had
/// one, days to the answer over the answered tickets.
#[derive(Debug, Clone, PartialEq)]
pub struct MinistryClock {
    pub ministry: Ministry,
    pub first_response: DaySpread,
    pub answer: DaySpread,
    pub overdue: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarrierFigures {
    pub tickets: u32,
    pub duplicates: u32,
    /// Every status, in workflow order, zeros included.
    pub by_status: Vec<(BarrierStatus, u32)>,
    /// Every resolution, then `None` for tickets without one (yet).
    pub by_resolution: Vec<(Option<Resolution>, u32)>,
    /// Every ministry, then `None` for tickets not assigned to one.
    pub by_ministry: Vec<(Option<Ministry>, u32)>,
    pub by_category: Vec<(BarrierCategory, u32)>,
    /// Every place a barrier can sit, then `None` where it is not known (yet).
    pub by_location: Vec<(Option<BarrierLocation>, u32)>,
    /// The regions that filed tickets, by code.
    pub by_region: Vec<(String, u32)>,
    /// Per ministry, over the tickets assigned to it.
    pub clocks: Vec<MinistryClock>,
    /// Tickets past a target of their ministry (first response or answer).
    pub overdue: u32,
    /// Overdue tickets as a share of all tickets (0..=1); absent without tickets.
    pub share_overdue: Option<f64>,
    /// Tickets still open, and how many of those are overdue.
    pub open: u32,
    pub open_overdue: u32,
    pub contacts: ContactCounts,
}

/// Counts fit in `u32`: a programme has thousands of tickets, not billions.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How many of `keys` equal each of `order`, in that order.
fn count_by<K: Copy + PartialEq>(
    keys: impl Fn(&TicketFacts) -> K,
    tickets: &[TicketFacts],
    order: &[K],
) -> Vec<(K, u32)> {
    order
        .iter()
        .map(|&key| (key, count(tickets.iter().filter(|t| keys(t) == key).count())))
        .collect()
}

/// `Some` of every value, then `None`.
fn with_none<K: Copy>(all: &[K]) -> Vec<Option<K>> {
    all.iter().copied().map(Some).chain([None]).collect()
}

fn is_overdue(ticket: &TicketFacts) -> bool {
    ticket.clock.overdue(&ticket.targets)
}

fn clock_of(ministry: Ministry, tickets: &[TicketFacts]) -> MinistryClock {
    let own: Vec<&TicketFacts> = tickets.iter().filter(|t| t.ministry == Some(ministry)).collect();
    let first_response: Vec<u32> = own
        .iter()
        .filter(|t| t.clock.responded)
        .map(|t| t.clock.to_first_response)
        .collect();
    let answer: Vec<u32> = own.iter().filter(|t| t.answered).map(|t| t.clock.handling).collect();
    MinistryClock {
        ministry,
        first_response: DaySpread::of(&first_response),
        answer: DaySpread::of(&answer),
        overdue: count(own.iter().filter(|t| is_overdue(t)).count()),
    }
}

pub fn barrier_figures(tickets: &[TicketFacts], contacts: ContactCounts) -> BarrierFigures {
    let mut regions: Vec<&str> = tickets.iter().map(|t| t.region.as_str()).collect();
    regions.sort_unstable();
    regions.dedup();
    let by_region = regions
        .into_iter()
        .map(|region| {
            (
                region.to_owned(),
                count(tickets.iter().filter(|t| t.region == region).count()),
            )
        })
        .collect();
    let overdue = count(tickets.iter().filter(|t| is_overdue(t)).count());
    let open: Vec<&TicketFacts> = tickets.iter().filter(|t| t.status.is_open()).collect();
    BarrierFigures {
        tickets: count(tickets.len()),
        duplicates: count(tickets.iter().filter(|t| t.duplicate).count()),
        by_status: count_by(|t| t.status, tickets, BarrierStatus::ALL),
        by_resolution: count_by(|t| t.resolution, tickets, &with_none(Resolution::ALL)),
        by_ministry: count_by(|t| t.ministry, tickets, &with_none(Ministry::ALL)),
        by_category: count_by(|t| t.category, tickets, BarrierCategory::ALL),
        by_location: count_by(|t| t.location, tickets, &with_none(BarrierLocation::ALL)),
        by_region,
        clocks: Ministry::ALL.iter().map(|&m| clock_of(m, tickets)).collect(),
        overdue,
        share_overdue: (!tickets.is_empty()).then(|| f64::from(overdue) / tickets.len() as f64),
        open: count(open.len()),
        open_overdue: count(open.iter().filter(|t| is_overdue(t)).count()),
        contacts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BarrierStatus as S;

    fn ticket(
        region: &str,
        status: BarrierStatus,
        ministry: Option<Ministry>,
        first: u32,
        handling: u32,
    ) -> TicketFacts {
        TicketFacts {
            region: region.into(),
            status,
            resolution: (status == S::Closed).then_some(Resolution::WithinExistingRules),
            ministry,
            category: BarrierCategory::Education,
            location: None,
            clock: ServiceClock {
                to_first_response: first,
                responded: status != S::Submitted,
                handling,
                running: status.is_open() && status != S::Answered,
            },
            targets: ServiceTargets::default(),
            answered: matches!(status, S::Answered | S::Closed),
            duplicate: false,
        }
    }

    #[test]
    fn figures_by_hand() {
        let ocw = Some(Ministry::Ocw);
        let tickets = [
            ticket("twente", S::Closed, ocw, 2, 12),
            ticket("twente", S::Closed, ocw, 4, 20),
            ticket("noord", S::Answered, ocw, 11, 35),
            ticket("noord", S::InAnalysis, Some(Ministry::Vws), 3, 8),
            ticket("achterhoek", S::Submitted, None, 14, 14),
        ];
        let figures = barrier_figures(&tickets, ContactCounts::default());
        assert_eq!(figures.tickets, 5);
        assert_eq!(figures.by_status[0], (S::Submitted, 1));
        assert_eq!(figures.by_status.iter().map(|(_, n)| n).sum::<u32>(), 5);
        assert_eq!(
            figures.by_ministry,
            [(ocw, 3), (Some(Ministry::Vws), 1), (Some(Ministry::Szw), 0), (None, 1)]
        );
        assert_eq!(
            figures.by_region,
            [
                ("achterhoek".to_owned(), 1),
                ("noord".to_owned(), 2),
                ("twente".to_owned(), 2)
            ]
        );
        let ocw_clock = &figures.clocks[0];
        // First responses 2, 4, 11: median 4, p90 the 3rd of 3 (11).
        assert_eq!(
            ocw_clock.first_response,
            DaySpread {
                tickets: 3,
                median: Some(4.0),
                p90: Some(11)
            }
        );
        // Answers after 12, 20, 35 days.
        assert_eq!(
            ocw_clock.answer,
            DaySpread {
                tickets: 3,
                median: Some(20.0),
                p90: Some(35)
            }
        );
        assert_eq!(
            ocw_clock.overdue, 1,
            "11 > 10 days to the first response, 35 > 30 handling"
        );
        let szw = &figures.clocks[2];
        assert_eq!(
            szw.first_response,
            DaySpread {
                tickets: 0,
                median: None,
                p90: None
            }
        );
        // Overdue: the noord OCW ticket and the unanswered achterhoek one (14 > 10).
        assert_eq!(figures.overdue, 2);
        assert_eq!(figures.share_overdue, Some(0.4));
        assert_eq!((figures.open, figures.open_overdue), (3, 2));
    }

    #[test]
    fn no_tickets_means_no_share() {
        let figures = barrier_figures(&[], ContactCounts::default());
        assert_eq!(figures.tickets, 0);
        assert_eq!(figures.share_overdue, None);
        assert!(figures.by_status.iter().all(|(_, n)| *n == 0));
    }
}
