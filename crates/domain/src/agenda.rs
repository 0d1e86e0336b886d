//! A region's agenda at a glance: how many actions it has per status and action
//! line, how far they are on average, and how many barrier tickets are still open.
//! Public: the programme published its regions' agendas, so anyone may see the
//! counts; the actions themselves stay with those who may read them.

use std::collections::BTreeMap;

use crate::action::{ActionLine, ActionStatus};
use crate::barrier::BarrierStatus;

/// Actions of one region with one status and action line (archived ones left out).
#[derive(Debug, Clone, PartialEq)]
pub struct ActionGroup {
    pub region: String,
    pub status: ActionStatus,
    pub action_line: ActionLine,
    pub actions: u32,
    /// The sum of their progress percentages.
    pub progress_sum: i64,
}

/// Barrier tickets of one region with one status.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketGroup {
    pub region: String,
    pub status: BarrierStatus,
    pub tickets: u32,
}

/// One region's agenda summary.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaSummary {
    pub region: String,
    pub actions: u32,
    /// Every status, in the code list's order, zeros included.
    pub by_status: Vec<(ActionStatus, u32)>,
    /// Every action line, in the code list's order, zeros included.
    pub by_action_line: Vec<(ActionLine, u32)>,
    /// The mean progress in percent over the region's actions; `None` without actions.
    pub mean_progress: Option<f64>,
    pub open_barriers: u32,
}

/// The summary of each region in `regions` (in that order), also of those with
/// no actions or tickets: an empty agenda is worth showing.
pub fn summarise(regions: &[String], actions: &[ActionGroup], tickets: &[TicketGroup]) -> Vec<AgendaSummary> {
    let mut by_region: BTreeMap<&str, (Vec<&ActionGroup>, u32)> = BTreeMap::new();
    for group in actions {
        by_region.entry(&group.region).or_default().0.push(group);
    }
    for group in tickets.iter().filter(|g| g.status.is_open()) {
        by_region.entry(&group.region).or_default().1 += group.tickets;
    }
    regions
        .iter()
        .map(|region| {
            let (groups, open_barriers) = by_region.remove(region.as_str()).unwrap_or_default();
            let count =
                |keep: &dyn Fn(&ActionGroup) -> bool| groups.iter().filter(|g| keep(g)).map(|g| g.actions).sum::<u32>();
            let total = count(&|_| true);
            let progress: i64 = groups.iter().map(|g| g.progress_sum).sum();
            AgendaSummary {
                region: region.clone(),
                actions: total,
                by_status: ActionStatus::ALL
                    .iter()
                    .map(|&status| (status, count(&|g| g.status == status)))
                    .collect(),
                by_action_line: ActionLine::ALL
                    .iter()
                    .map(|&line| (line, count(&|g| g.action_line == line)))
                    .collect(),
                mean_progress: (total > 0).then(|| progress as f64 / f64::from(total)),
                open_barriers,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(
        region: &str,
        status: ActionStatus,
        action_line: ActionLine,
        actions: u32,
        progress_sum: i64,
    ) -> ActionGroup {
        ActionGroup {
            region: region.to_owned(),
            status,
            action_line,
            actions,
            progress_sum,
        }
    }

    fn tickets(region: &str, status: BarrierStatus, tickets: u32) -> TicketGroup {
        TicketGroup {
            region: region.to_owned(),
            status,
            tickets,
        }
    }

    #[test]
    fn counts_per_status_and_line_with_the_mean_progress() {
        let regions = ["twente".to_owned(), "zeeland".to_owned()];
        let actions = [
            group("twente", ActionStatus::InProgress, ActionLine::Choose, 2, 90),
            group("twente", ActionStatus::InProgress, ActionLine::Learn, 1, 30),
            group("twente", ActionStatus::Completed, ActionLine::Learn, 1, 100),
        ];
        let barriers = [
            tickets("twente", BarrierStatus::Submitted, 2),
            tickets("twente", BarrierStatus::Closed, 5),
            tickets("zeeland", BarrierStatus::Answered, 1),
        ];
        let [twente, zeeland]: [AgendaSummary; 2] = summarise(&regions, &actions, &barriers)
            .try_into()
            .expect("two regions");
        assert_eq!(twente.actions, 4);
        assert_eq!(twente.mean_progress, Some(55.0));
        assert!(twente.by_status.contains(&(ActionStatus::InProgress, 3)));
        assert!(twente.by_status.contains(&(ActionStatus::Completed, 1)));
        assert!(twente.by_status.contains(&(ActionStatus::Planned, 0)));
        assert_eq!(twente.by_action_line.len(), ActionLine::ALL.len());
        assert!(twente.by_action_line.contains(&(ActionLine::Learn, 2)));
        assert!(twente.by_action_line.contains(&(ActionLine::Work, 0)));
        // Closed tickets are not open; answered ones still wait for closing.
        assert_eq!(twente.open_barriers, 2);
        assert_eq!(zeeland.actions, 0);
        assert_eq!(zeeland.mean_progress, None);
        assert_eq!(zeeland.open_barriers, 1);
    }
}
