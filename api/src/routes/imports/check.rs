//! Checks imported rows against the catalogue: the region exists (or its external
//! code names exactly one region), the indicator exists and is not derived, the
//! period has the indicator's period type, the figures fit its unit, and no point
//! comes twice. Yields the points to write, split into values and targets.

use std::collections::{BTreeSet, HashMap, HashSet};

use zorgpact_db::indicator_values::{TargetInput, ValueInput, write_catalogue};
use zorgpact_db::regions;
use zorgpact_db::{DbConnection, DbError};
use zorgpact_domain::analytics::tidy::RegionKey;
use zorgpact_domain::indicator::write_plan::{KeyInput, PlannedItem, RegionInput, WriteCatalogue, plan_writes};
use zorgpact_domain::indicator::{Measure, SeriesKey};
use zorgpact_domain::region::RegionCode;
use zorgpact_domain::{FieldError, InvalidValue, Validator};

use super::rows::{Row, item_field};

/// What an import is checked against, read once per import: the catalogue every
/// write is checked against, and the regions' external codes. Compared again
/// inside the write's transaction: the points are written against the very
/// catalogue they were checked against, or not at all.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportCatalogue {
    regions: RegionIndex,
    catalogue: WriteCatalogue,
}

/// Every region's code, found by its code or an external code (RegioPlus, CBS;
/// those ignoring case, and several regions may share one). Hashed: an import of
/// 50 000 rows looks a region up 50 000 times, against thousands of regions.
#[derive(Debug, Clone, PartialEq, Default)]
struct RegionIndex {
    codes: HashSet<String>,
    regioplus: HashMap<String, Vec<String>>,
    cbs: HashMap<String, Vec<String>>,
}

impl RegionIndex {
    /// From each region's code, RegioPlus code and CBS code.
    fn build(regions: impl IntoIterator<Item = (String, Option<String>, Option<String>)>) -> Self {
        let mut index = Self::default();
        for (code, regioplus, cbs) in regions {
            for (external, codes) in [(regioplus, &mut index.regioplus), (cbs, &mut index.cbs)] {
                if let Some(external) = external {
                    codes
                        .entry(external.trim().to_ascii_lowercase())
                        .or_default()
                        .push(code.clone());
                }
            }
            index.codes.insert(code);
        }
        index
    }

    /// The regions with this external code, ignoring case.
    fn with<'a>(codes: &'a HashMap<String, Vec<String>>, external: &str) -> &'a [String] {
        codes.get(&external.to_ascii_lowercase()).map_or(&[], Vec::as_slice)
    }
}

impl ImportCatalogue {
    pub fn load(conn: &mut DbConnection) -> Result<Self, DbError> {
        Ok(Self {
            regions: RegionIndex::build(
                regions::list(conn)?
                    .into_iter()
                    .map(|r| (r.code, r.regioplus_code, r.cbs_code)),
            ),
            catalogue: write_catalogue(conn, None)?,
        })
    }

    /// The region a row names, by its code or an external code.
    fn resolve(&self, key: &RegionKey) -> Result<RegionCode, InvalidValue> {
        let index = &self.regions;
        let (matching, what): (&[String], &str) = match key {
            RegionKey::Code(code) if index.codes.contains(code.as_str()) => return Ok(code.clone()),
            RegionKey::Code(_) => (&[], "code"),
            RegionKey::Regioplus(code) => (RegionIndex::with(&index.regioplus, code), "RegioPlus code"),
            RegionKey::Cbs(code) => (RegionIndex::with(&index.cbs, code), "CBS code"),
        };
        match matching {
            [one] => RegionCode::parse(one),
            [] => Err(InvalidValue::unknown_reference(format!(
                "names no region: no region has this {what}"
            ))),
            many => Err(InvalidValue::inconsistent(format!(
                "is the {what} of several regions ({}): name the region by its code in the region column",
                many.join(", ")
            ))),
        }
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

/// A row for the write plan, its region resolved.
struct ImportPoint<'a> {
    row: &'a Row,
    region: Result<RegionCode, InvalidValue>,
    period: String,
}

/// What one row writes: a value, a target or both.
struct RowPayload {
    at: String,
    value: Option<ValueInput>,
    target: Option<TargetInput>,
}

impl PlannedItem for ImportPoint<'_> {
    type Payload = RowPayload;

    fn at(&self, _: usize) -> String {
        self.row.at.clone()
    }

    fn key(&self) -> KeyInput<'_> {
        KeyInput {
            indicator: self.row.indicator.as_str(),
            region: RegionInput::Resolved {
                field: self.row.region_field(),
                region: self.region.clone(),
            },
            period: &self.period,
        }
    }

    fn payload(&self, measure: Option<Measure>, v: &mut Validator, at: &str) -> Option<RowPayload> {
        let measure = measure?;
        let value = match self.row.value {
            Some(value) => Some(item_field(v, at, "value", measure.value(value))?),
            None => None,
        };
        let target = match self.row.target {
            Some(target) => Some(item_field(v, at, "target", measure.value(target))?),
            None => None,
        };
        Some(RowPayload {
            at: at.to_owned(),
            value: value.map(|value| ValueInput {
                value,
                status: self.row.status,
                source: self.row.source.clone(),
            }),
            target: target.map(|value| TargetInput { value, note: None }),
        })
    }
}

/// Checks every row by the write plan; each fault is one error under the row's pointer.
pub fn check(snapshot: &ImportCatalogue, rows: &[Row]) -> Checked {
    let mut checked = Checked::default();
    let planned: Vec<ImportPoint<'_>> = rows
        .iter()
        .map(|row| ImportPoint {
            row,
            region: snapshot.resolve(&row.region),
            period: row.period.to_string(),
        })
        .collect();
    for point in &planned {
        if let Ok(region) = &point.region {
            if point.row.value.is_some() {
                checked.value_regions.insert(region.as_str().to_owned());
            }
            if point.row.target.is_some() {
                checked.target_regions.insert(region.as_str().to_owned());
            }
        }
    }
    match plan_writes(&snapshot.catalogue, &planned) {
        Err(errors) => checked.errors = errors.0,
        Ok(points) => {
            for (key, payload) in points {
                if let Some(value) = payload.value {
                    checked.points.values.push((key.clone(), value));
                    checked.points.value_rows.push(payload.at.clone());
                }
                if let Some(target) = payload.target {
                    checked.points.targets.push((key, target));
                    checked.points.target_rows.push(payload.at);
                }
            }
        }
    }
    checked
}

#[cfg(test)]
mod tests {
    use zorgpact_domain::indicator::write_plan::IndicatorFacts;
    use zorgpact_domain::indicator::{IndicatorCode, Unit};
    use zorgpact_domain::period::{Period, PeriodType};

    use super::*;

    fn snapshot() -> ImportCatalogue {
        let quarterly = |derived| IndicatorFacts {
            measure: Measure {
                unit: Unit::Count,
                period_type: PeriodType::Quarter,
            },
            derived,
        };
        let mut catalogue = WriteCatalogue::default();
        let code = |c: &str| IndicatorCode::parse(c).expect("code");
        catalogue.indicators.insert(code("open_vacancies"), quarterly(false));
        catalogue.indicators.insert(code("vacancy_rate"), quarterly(true));
        for region in ["twente", "achterhoek", "zeeland"] {
            catalogue.regions.insert(RegionCode::parse(region).expect("region"));
        }
        ImportCatalogue {
            regions: RegionIndex::build([
                ("twente".into(), Some("Twente".into()), Some("GM0153".into())),
                ("achterhoek".into(), Some("Oost".into()), None),
                ("zeeland".into(), Some("Oost".into()), None),
            ]),
            catalogue,
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
        let good = check(&snapshot(), &rows[..1]);
        assert_eq!(good.points.values.len(), 1);
        assert_eq!(good.points.values[0].0.region.as_str(), "twente");
        assert_eq!(good.points.targets.len(), 1, "the target of row 1");
        let checked = check(&snapshot(), &rows);
        assert!(checked.points.values.is_empty(), "a file with bad rows writes nothing");
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
                "/items/2/indicator",
                "/items/2/region",
                "/items/4/period"
            ]
        );
        assert!(checked.errors[5].reason.ends_with("of /items/3"));
        assert_eq!(check(&snapshot(), &rows[3..4]).points.value_rows, ["/items/3"]);
    }
}
