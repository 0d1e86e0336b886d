//! The demo data file (`demo.json`), checked against the domain rules and turned
//! into rows.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use zorgpact_domain::InvalidValue;
use zorgpact_domain::Validator;
use zorgpact_domain::action::{self, ActionLine, ActionStatus, Progress, ProgressUpdate, ProgressUpdateInput, Theme};
use zorgpact_domain::analytics::formula::Formula;
use zorgpact_domain::indicator::{Direction, IndicatorCode, IndicatorGroup, Rollup, RollupRule, Unit};
use zorgpact_domain::period::PeriodType;
use zorgpact_domain::region::{AgendaRole, Partner, RegionCode, Sector};

use super::barriers::{DemoBarrier, DemoBarrierRows};
use super::demo_id;
use crate::DbError;
use crate::actions::{ActionRow, ProgressUpdateRow};
use crate::indicators::IndicatorRow;
use crate::regions::{PartnerRow, RegionRow};

const DEMO_JSON: &str = include_str!("demo.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoData {
    pub regions: Vec<DemoRegion>,
    pub indicators: Vec<DemoIndicator>,
    pub actions: Vec<DemoAction>,
    pub barriers: Vec<DemoBarrier>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoRegion {
    pub code: String,
    pub name: String,
    pub pact_name: String,
    pub signed_on: Option<NaiveDate>,
    pub ambition: String,
    pub agenda_role: Option<String>,
    pub regioplus_code: Option<String>,
    /// Relative size of the region's workforce (average region = 1.0), for values.
    pub size_factor: f64,
    pub partners: Vec<DemoPartner>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoPartner {
    pub organisation: String,
    pub sector: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoIndicator {
    pub code: String,
    pub name: String,
    pub description: String,
    pub group: String,
    pub unit: String,
    pub direction: String,
    pub period_type: String,
    pub rollup: String,
    pub weight_indicator: Option<String>,
    /// A derived indicator's formula over other indicators of the same period
    /// type; its values are computed on read, so none are generated.
    #[serde(default)]
    pub formula: Option<String>,
    /// A plausible value for an average region in 2019.
    pub demo_baseline: f64,
    /// Relative change per year of the generated values.
    pub demo_trend_per_year: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoAction {
    pub region: String,
    pub title: String,
    pub description: String,
    pub action_line: String,
    pub themes: Vec<String>,
    pub status: String,
    pub progress: i64,
    pub owner: String,
    pub partners: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub indicators: Vec<String>,
    /// The progress timeline, oldest first; the last entry is the action's
    /// current status and progress (checked by `validate`).
    #[serde(default)]
    pub updates: Vec<DemoProgressUpdate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoProgressUpdate {
    pub date: NaiveDate,
    pub progress: i64,
    pub status: String,
    #[serde(default)]
    pub note: String,
    pub author: String,
}

/// An action row with its link rows and its progress timeline.
pub struct DemoActionRows {
    pub row: ActionRow,
    pub themes: Vec<String>,
    pub partner_ids: Vec<String>,
    pub indicator_codes: Vec<String>,
    pub updates: Vec<ProgressUpdateRow>,
}

fn bad(what: &str, error: impl std::fmt::Display) -> DbError {
    DbError::Seed(format!("{what}: {error}"))
}

fn check<T>(what: &str, result: Result<T, InvalidValue>) -> Result<T, DbError> {
    result.map_err(|e| bad(what, e))
}

impl DemoData {
    /// Parses the embedded file and checks every record against the domain rules.
    pub fn parse() -> Result<Self, DbError> {
        let data: DemoData = serde_json::from_str(DEMO_JSON).map_err(|e| bad("demo.json", e))?;
        data.validate()?;
        Ok(data)
    }

    fn validate(&self) -> Result<(), DbError> {
        let region_codes: Vec<&str> = self.regions.iter().map(|r| r.code.as_str()).collect();
        let indicator_codes: Vec<&str> = self.indicators.iter().map(|i| i.code.as_str()).collect();
        for region in &self.regions {
            let what = format!("region {}", region.code);
            check(&what, RegionCode::parse(&region.code))?;
            if let Some(role) = &region.agenda_role {
                check(&what, AgendaRole::parse(role))?;
            }
            for partner in &region.partners {
                check(
                    &what,
                    Sector::parse(&partner.sector).and_then(|s| Partner::new(&partner.organisation, s)),
                )?;
            }
        }
        for indicator in &self.indicators {
            let what = format!("indicator {}", indicator.code);
            let code = check(&what, IndicatorCode::parse(&indicator.code))?;
            check(&what, IndicatorGroup::parse(&indicator.group))?;
            check(&what, Unit::parse(&indicator.unit))?;
            check(&what, Direction::parse(&indicator.direction))?;
            check(&what, PeriodType::parse(&indicator.period_type))?;
            let rollup = check(&what, Rollup::parse(&indicator.rollup))?;
            let weight = match &indicator.weight_indicator {
                Some(w) if !indicator_codes.contains(&w.as_str()) => {
                    return Err(bad(&what, "unknown weight indicator"));
                }
                Some(w) => Some(check(&what, IndicatorCode::parse(w))?),
                None => None,
            };
            RollupRule::new(&code, rollup, weight).map_err(|e| bad(&what, e))?;
            if let Some(formula) = &indicator.formula {
                let formula = Formula::parse(formula).map_err(|e| bad(&what, e))?;
                for input in formula.inputs() {
                    let same_type = self.indicators.iter().any(|i| {
                        i.code == input.as_str() && i.period_type == indicator.period_type && i.formula.is_none()
                    });
                    if !same_type {
                        return Err(bad(
                            &what,
                            format!("formula input {input} is no measured indicator of the same period type"),
                        ));
                    }
                }
            }
        }
        for action in &self.actions {
            let what = format!("action {}", action.title);
            if !region_codes.contains(&action.region.as_str()) {
                return Err(bad(&what, "unknown region"));
            }
            check(&what, ActionLine::parse(&action.action_line))?;
            for theme in &action.themes {
                check(&what, Theme::parse(theme))?;
            }
            let status = check(&what, ActionStatus::parse(&action.status))?;
            let progress = check(&what, Progress::parse(action.progress))?;
            action::check_consistency(status, progress, action.start_date, action.end_date)
                .map_err(|e| bad(&what, e))?;
            if let Some(code) = action
                .indicators
                .iter()
                .find(|c| !indicator_codes.contains(&c.as_str()))
            {
                return Err(bad(&what, format!("unknown indicator {code}")));
            }
            check_timeline(action).map_err(|e| bad(&what, e))?;
            let region = self.regions.iter().find(|r| r.code == action.region);
            for partner in &action.partners {
                if !region.is_some_and(|r| r.partners.iter().any(|p| &p.organisation == partner)) {
                    return Err(bad(&what, format!("{partner} is not a partner of {}", action.region)));
                }
            }
        }
        for barrier in &self.barriers {
            let what = format!("barrier {}", barrier.title);
            if !region_codes.contains(&barrier.region.as_str()) {
                return Err(bad(&what, "unknown region"));
            }
            barrier.replay().map_err(|e| bad(&what, e))?;
        }
        Ok(())
    }

    pub fn region_rows(&self, now: NaiveDateTime) -> Vec<RegionRow> {
        self.regions
            .iter()
            .map(|r| RegionRow {
                code: r.code.clone(),
                name: r.name.clone(),
                pact_name: r.pact_name.clone(),
                signed_on: r.signed_on,
                ambition: r.ambition.clone(),
                agenda_role: r.agenda_role.clone(),
                regioplus_code: r.regioplus_code.clone(),
                cbs_code: None,
                version: 1,
                created_at: now,
                updated_at: now,
            })
            .collect()
    }

    pub fn partner_rows(&self, now: NaiveDateTime) -> Vec<PartnerRow> {
        self.regions
            .iter()
            .flat_map(|r| {
                r.partners.iter().map(move |p| PartnerRow {
                    id: partner_id(&r.code, &p.organisation),
                    region_code: r.code.clone(),
                    organisation: p.organisation.clone(),
                    sector: p.sector.clone(),
                    created_at: now,
                })
            })
            .collect()
    }

    pub fn indicator_rows(&self, now: NaiveDateTime) -> Vec<IndicatorRow> {
        self.indicators
            .iter()
            .map(|i| IndicatorRow {
                code: i.code.clone(),
                name: i.name.clone(),
                description: i.description.clone(),
                indicator_group: i.group.clone(),
                unit: i.unit.clone(),
                direction: i.direction.clone(),
                period_type: i.period_type.clone(),
                rollup: i.rollup.clone(),
                weight_indicator: i.weight_indicator.clone(),
                version: 1,
                created_at: now,
                updated_at: now,
                formula: i
                    .formula
                    .as_deref()
                    .and_then(|f| Formula::parse(f).ok())
                    .map(|f| f.to_string()),
            })
            .collect()
    }

    pub fn actions(&self, now: NaiveDateTime) -> Vec<DemoActionRows> {
        self.actions
            .iter()
            .map(|a| DemoActionRows {
                updates: a
                    .updates
                    .iter()
                    .enumerate()
                    .map(|(n, u)| ProgressUpdateRow {
                        id: demo_id("action-update", &format!("{}:{}:{n}", a.region, a.title)),
                        action_id: demo_id("action", &format!("{}:{}", a.region, a.title)),
                        update_date: u.date,
                        progress: i32::try_from(u.progress).unwrap_or_default(),
                        status: u.status.clone(),
                        note: u.note.clone(),
                        author: u.author.clone(),
                        created_at: now,
                    })
                    .collect(),
                row: ActionRow {
                    id: demo_id("action", &format!("{}:{}", a.region, a.title)),
                    region_code: a.region.clone(),
                    title: a.title.clone(),
                    description: a.description.clone(),
                    action_line: a.action_line.clone(),
                    status: a.status.clone(),
                    progress: i32::try_from(a.progress).unwrap_or_default(),
                    owner: a.owner.clone(),
                    start_date: a.start_date,
                    end_date: a.end_date,
                    archived: false,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                    source_review_id: None,
                    source_intention: None,
                },
                themes: dedup(&a.themes),
                partner_ids: dedup(&a.partners).iter().map(|p| partner_id(&a.region, p)).collect(),
                indicator_codes: dedup(&a.indicators),
            })
            .collect()
    }

    /// The tickets with their timelines (checked by `validate`).
    /// The tickets replayed, in file order; a duplicate names an earlier ticket
    /// by its title, so originals are stored first.
    pub fn barrier_rows(&self) -> Result<Vec<DemoBarrierRows>, DbError> {
        let mut rows: Vec<DemoBarrierRows> = Vec::new();
        for (n, barrier) in self.barriers.iter().enumerate() {
            let mut replayed = barrier
                .replay()
                .map_err(|e| bad(&format!("barrier {}", barrier.title), e))?;
            if let Some(title) = &barrier.duplicate_of {
                let original = self.barriers[..n].iter().find(|b| &b.title == title).ok_or_else(|| {
                    bad(
                        &format!("barrier {}", barrier.title),
                        format!("duplicate_of: no earlier ticket is titled {title:?}"),
                    )
                })?;
                replayed.ticket.duplicate_of = Some(original.id());
            }
            rows.push(replayed);
        }
        Ok(rows)
    }
}

/// Each entry of a demo timeline follows the rules a posted update follows, the
/// dates ascend, and the last entry is the action's current state, as it would
/// be had the updates been posted through the API.
fn check_timeline(action: &DemoAction) -> Result<(), String> {
    let mut previous: Option<NaiveDate> = None;
    for update in &action.updates {
        let status = ActionStatus::parse(&update.status).map_err(|e| format!("update {}: {e}", update.date))?;
        let input = ProgressUpdateInput {
            date: &update.date.to_string(),
            progress: update.progress,
            status,
            note: &update.note,
            author: &update.author,
        };
        if let Err(errors) = Validator::run(|v| ProgressUpdate::parse(&input, v)).into_result() {
            return Err(format!("update {}: {errors:?}", update.date));
        }
        if previous.is_some_and(|p| p > update.date) {
            return Err(format!("update {} is dated before the one above it", update.date));
        }
        previous = Some(update.date);
    }
    match action.updates.last() {
        Some(last) if last.status != action.status || last.progress != action.progress => Err(format!(
            "the last update ({} {}%) is not the action's state ({} {}%)",
            last.status, last.progress, action.status, action.progress
        )),
        _ => Ok(()),
    }
}

fn partner_id(region: &str, organisation: &str) -> String {
    demo_id("partner", &format!("{region}:{organisation}"))
}

fn dedup(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_file_is_complete_and_valid() {
        let data = DemoData::parse().expect("demo.json passes the domain rules");
        assert_eq!(data.regions.len(), 17, "the 17 regional Zorgpacts");
        assert!(data.indicators.len() >= 18, "the monitor's indicator table");
        assert!(
            data.indicators.iter().any(|i| i.formula.is_some()),
            "a derived indicator to show formulas with"
        );
        assert!(data.regions.iter().any(|r| r.code == "midden-en-zuid-gelderland"));
        assert!(data.actions.len() >= 10);
        assert!(
            data.barriers
                .iter()
                .any(|b| b.description.to_lowercase().contains("stage"))
        );
    }
}
