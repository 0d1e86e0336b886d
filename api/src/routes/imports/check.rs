//! Checks imported rows against the catalogue: the region exists (or its external
//! code names exactly one region), the indicator exists and is not derived, the
//! period has the indicator's period type, the figures fit its unit, and no point
//! comes twice. Yields the points to write, split into values and targets.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use zorgpact_db::indicator_values::{TargetInput, ValueInput};
use zorgpact_db::{DbConnection, DbError, indicators, regions};
use zorgpact_domain::analytics::tidy::RegionKey;
use zorgpact_domain::indicator::{Measure, SeriesKey, Unit};
use zorgpact_domain::period::PeriodType;
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{FieldError, InvalidValue, Validator};

use super::rows::Row;

/// Where a derived indicator's values are sent: an error for each such row.
pub const DERIVED_REASON: &str =
    "is a derived indicator: its values are computed from other indicators on read and cannot be stored";

/// What the checks need to know of the catalogue, read once per import. Compared
/// again inside the write's transaction: the points are written against the very
/// catalogue they were checked against, or not at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Code, RegioPlus code, CBS code of every region.
    regions: Vec<(String, Option<String>, Option<String>)>,
    measures: BTreeMap<String, Measure>,
    derived: BTreeSet<String>,
}

impl Snapshot {
    pub fn load(conn: &mut DbConnection) -> Result<Self, DbError> {
        let regions = regions::list(conn)?
            .into_iter()
            .map(|r| (r.code, r.regioplus_code, r.cbs_code))
            .collect();
        let mut measures = BTreeMap::new();
        for row in indicators::list(conn)? {
            // Stored rows passed the same rules: a failure here is a bug.
            let invalid = |e: InvalidValue| DbError::Internal(format!("stored indicator {} is invalid: {e}", row.code));
            let measure = Measure {
                unit: Unit::parse(&row.unit).map_err(invalid)?,
                period_type: PeriodType::parse(&row.period_type).map_err(invalid)?,
            };
            measures.insert(row.code, measure);
        }
        let derived = indicators::derived_codes(conn)?.into_iter().collect();
        Ok(Self {
            regions,
            measures,
            derived,
        })
    }

    /// The region a row names, by its code or an external code.
    fn resolve(&self, key: &RegionKey) -> Result<RegionCode, InvalidValue> {
        let (matching, what): (Vec<&str>, &str) = match key {
            RegionKey::Code(code) => (
                self.regions
                    .iter()
                    .filter(|(c, ..)| c == code.as_str())
                    .map(|(c, ..)| c.as_str())
                    .collect(),
                "code",
            ),
            RegionKey::Regioplus(external) => (self.with_code(external, |(_, rp, _)| rp.as_deref()), "RegioPlus code"),
            RegionKey::Cbs(external) => (self.with_code(external, |(.., cbs)| cbs.as_deref()), "CBS code"),
        };
        match matching.as_slice() {
            [one] => RegionCode::parse(one),
            [] => Err(InvalidValue::new(format!("names no region: no region has this {what}"))),
            many => Err(InvalidValue::new(format!(
                "is the {what} of several regions ({}): name the region by its code in the region column",
                many.join(", ")
            ))),
        }
    }

    /// Regions whose external code (ignoring case) is `external`.
    fn with_code(
        &self,
        external: &str,
        code_of: impl Fn(&(String, Option<String>, Option<String>)) -> Option<&str>,
    ) -> Vec<&str> {
        self.regions
            .iter()
            .filter(|r| code_of(r).is_some_and(|c| c.trim().eq_ignore_ascii_case(external)))
            .map(|(code, ..)| code.as_str())
            .collect()
    }
}

/// The points of an import, each with the row it came from.
#[derive(Debug, Default)]
pub struct Points {
    pub values: Vec<(SeriesKey, ValueInput)>,
    /// `at` of each value, in the same order.
    pub value_rows: Vec<String>,
    pub targets: Vec<(SeriesKey, TargetInput)>,
    pub target_rows: Vec<String>,
}

/// What the rows ask to write, and where.
#[derive(Debug, Default)]
pub struct Checked {
    pub points: Points,
    /// Regions whose values the file writes (every row whose region resolves).
    pub value_regions: BTreeSet<String>,
    /// Regions whose targets the file writes.
    pub target_regions: BTreeSet<String>,
    pub errors: Vec<FieldError>,
}

/// Checks every row; each fault is one error under the row's pointer.
pub fn check(snapshot: &Snapshot, rows: &[Row]) -> Checked {
    let mut checked = Checked::default();
    let mut first: HashMap<SeriesKey, &str> = HashMap::new();
    for row in rows {
        let mut v = Validator::new();
        let pointer = |field: &str| format!("{}/{field}", row.at);
        let region = v.field(&pointer(row.region_field()), snapshot.resolve(&row.region));
        if let Some(region) = &region {
            if row.value.is_some() {
                checked.value_regions.insert(region.as_str().to_owned());
            }
            if row.target.is_some() {
                checked.target_regions.insert(region.as_str().to_owned());
            }
        }
        let measure = snapshot.measures.get(row.indicator.as_str()).copied();
        v.check(
            measure.is_some(),
            &pointer("indicator"),
            "names no indicator in the catalogue",
        );
        let derived = snapshot.derived.contains(row.indicator.as_str());
        v.check(!derived, &pointer("indicator"), DERIVED_REASON);
        if let Some(measure) = measure.filter(|_| !derived) {
            v.field(&pointer("period"), measure.period(&row.period.to_string()));
            if let Some(value) = row.value {
                v.field(&pointer("value"), measure.value(value));
            }
            if let Some(target) = row.target {
                v.field(&pointer("target"), measure.value(target));
            }
        }
        let key = region.map(|region| SeriesKey {
            indicator: row.indicator.clone(),
            region,
            period: row.period,
        });
        if let Some(key) = &key {
            match first.get(key) {
                Some(earlier) => v.check(
                    false,
                    &pointer("period"),
                    &format!("repeats the indicator, region and period of {earlier}"),
                ),
                None => {
                    first.insert(key.clone(), &row.at);
                }
            }
        }
        match (v.finish(), key) {
            (Err(errors), _) => checked.errors.extend(errors.0),
            (Ok(()), Some(key)) => add_points(&mut checked.points, row, key),
            (Ok(()), None) => {}
        }
    }
    checked
}

fn add_points(points: &mut Points, row: &Row, key: SeriesKey) {
    if let Some(value) = row.value {
        points.values.push((
            key.clone(),
            ValueInput {
                value,
                status: row.status,
                source: row.source.clone(),
            },
        ));
        points.value_rows.push(row.at.clone());
    }
    if let Some(target) = row.target {
        points.targets.push((
            key,
            TargetInput {
                value: target,
                note: None,
            },
        ));
        points.target_rows.push(row.at.clone());
    }
}

#[cfg(test)]
mod tests {
    use zorgpact_domain::indicator::IndicatorCode;
    use zorgpact_domain::period::Period;

    use super::*;

    fn snapshot() -> Snapshot {
        Snapshot {
            regions: vec![
                ("twente".into(), Some("Twente".into()), Some("GM0153".into())),
                ("achterhoek".into(), Some("Oost".into()), None),
                ("zeeland".into(), Some("Oost".into()), None),
            ],
            measures: [
                (
                    "open_vacancies".to_owned(),
                    Measure {
                        unit: Unit::Count,
                        period_type: PeriodType::Quarter,
                    },
                ),
                (
                    "vacancy_rate".to_owned(),
                    Measure {
                        unit: Unit::Percent,
                        period_type: PeriodType::Quarter,
                    },
                ),
            ]
            .into(),
            derived: ["vacancy_rate".to_owned()].into(),
        }
    }

    fn row(at: &str, indicator: &str, region: RegionKey, period: &str, value: Option<f64>) -> Row {
        Row {
            at: at.into(),
            indicator: IndicatorCode::parse(indicator).expect("code"),
            region,
            period: Period::parse(period).expect("period"),
            value,
            target: Some(5.0),
            status: None,
            source: None,
        }
    }

    fn code(s: &str) -> RegionKey {
        RegionKey::Code(RegionCode::parse(s).expect("region"))
    }

    #[test]
    fn external_codes_resolve_to_one_region() {
        let rows = [
            row(
                "/rows/1",
                "open_vacancies",
                RegionKey::Cbs("gm0153".into()),
                "2024-Q1",
                Some(1.0),
            ),
            row(
                "/rows/2",
                "open_vacancies",
                RegionKey::Regioplus("Oost".into()),
                "2024-Q1",
                None,
            ),
            row(
                "/rows/3",
                "open_vacancies",
                RegionKey::Regioplus("Noord".into()),
                "2024-Q1",
                None,
            ),
        ];
        let checked = check(&snapshot(), &rows);
        assert_eq!(checked.points.values.len(), 1);
        assert_eq!(checked.points.values[0].0.region.as_str(), "twente");
        assert_eq!(checked.points.targets.len(), 1, "the target of row 1");
        let reasons: Vec<(&str, &str)> = checked
            .errors
            .iter()
            .map(|e| (e.pointer.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(reasons[0].0, "/rows/2/regioplus_code");
        assert!(reasons[0].1.contains("achterhoek, zeeland"), "{}", reasons[0].1);
        assert_eq!(
            reasons[1],
            (
                "/rows/3/regioplus_code",
                "names no region: no region has this RegioPlus code"
            )
        );
        assert_eq!(checked.value_regions, ["twente".to_owned()].into());
    }

    #[test]
    fn the_catalogue_decides_period_unit_and_derived_indicators() {
        let rows = [
            row("/items/0", "open_vacancies", code("twente"), "2024", Some(-1.0)),
            row("/items/1", "vacancy_rate", code("twente"), "2024-Q1", Some(2.0)),
            row("/items/2", "unknown_one", code("nowhere"), "2024-Q1", Some(2.0)),
            row("/items/3", "open_vacancies", code("twente"), "2024-Q2", Some(2.0)),
            row("/items/4", "open_vacancies", code("twente"), "2024-Q2", Some(3.0)),
        ];
        let checked = check(&snapshot(), &rows);
        let pointers: Vec<&str> = checked.errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/items/0/period",
                "/items/0/value",
                "/items/1/indicator",
                "/items/2/region",
                "/items/2/indicator",
                "/items/4/period"
            ]
        );
        assert!(checked.errors[5].reason.ends_with("of /items/3"));
        assert_eq!(checked.points.value_rows, ["/items/3"]);
    }
}
