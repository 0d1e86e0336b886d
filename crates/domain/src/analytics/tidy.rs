//! The tidy table analysts use: one row per indicator × region × period, written as
//! CSV for export and read back for import, so that an exported file imports
//! without change.
//!
//! Export columns: see [`EXPORT_COLUMNS`]. An import needs a header row naming at
//! least `indicator`, `period`, a region key (`region`, or `regioplus_code` or
//! `cbs_code` for files keyed by external codes) and `value` or `target`; it may add
//! `status` and `source`. Column names are matched ignoring case and surrounding
//! spaces, in any order. The export's derived columns (`gap`, `unit`, `direction`)
//! are skipped; any other column is skipped and named in
//! [`ImportTable::ignored_columns`] so a misspelt column does not go unnoticed.
//!
//! Files from a Dutch spreadsheet often use `;` between fields and a decimal comma:
//! the delimiter (`,`, `;` or tab) is taken from the header row, and with `;` or tab
//! a number may be written `12,5`.

use std::fmt;

use super::csv;
use super::progress::gap;
use crate::indicator::{Direction, IndicatorCode, SOURCE_MAX, Unit, ValueStatus};
use crate::period::Period;
use crate::region::{EXTERNAL_CODE_MAX, RegionCode};
use crate::{InvalidValue, text};

/// The export's columns, in order.
pub const EXPORT_COLUMNS: [&str; 12] = [
    "indicator",
    "region",
    "period",
    "value",
    "target",
    "gap",
    "status",
    "source",
    "unit",
    "direction",
    "regioplus_code",
    "cbs_code",
];

/// Export columns that an import skips: derived from others, or catalogue facts.
const DERIVED_COLUMNS: [&str; 3] = ["gap", "unit", "direction"];

/// One row of the exported table.
#[derive(Debug, Clone, PartialEq)]
pub struct TidyRow {
    pub indicator: IndicatorCode,
    pub region: RegionCode,
    pub period: Period,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// The value's status; `None` without a value.
    pub status: Option<ValueStatus>,
    /// The value's source; empty when unknown.
    pub source: String,
    pub unit: Unit,
    pub direction: Direction,
    pub regioplus_code: Option<String>,
    pub cbs_code: Option<String>,
}

impl TidyRow {
    /// value − target, when both are there.
    pub fn gap(&self) -> Option<f64> {
        Some(gap(self.value?, self.target?))
    }

    /// The row's fields in [`EXPORT_COLUMNS`] order; an absent figure is empty.
    pub fn fields(&self) -> [String; 12] {
        [
            self.indicator.to_string(),
            self.region.to_string(),
            self.period.to_string(),
            format_number(self.value),
            format_number(self.target),
            format_number(self.gap()),
            self.status.map(|s| s.to_string()).unwrap_or_default(),
            self.source.clone(),
            self.unit.to_string(),
            self.direction.to_string(),
            self.regioplus_code.clone().unwrap_or_default(),
            self.cbs_code.clone().unwrap_or_default(),
        ]
    }

    /// The row as one CSV line, CRLF included, for streaming after [`header_line`].
    pub fn csv_line(&self) -> String {
        csv::record_line(&self.fields())
    }
}

/// The header line of the export, CRLF included.
pub fn header_line() -> String {
    csv::record_line(&EXPORT_COLUMNS)
}

/// The whole table: header and rows.
pub fn write_table(rows: &[TidyRow]) -> String {
    let mut out = header_line();
    for row in rows {
        out.push_str(&row.csv_line());
    }
    out
}

/// Shortest text that reads back as the same number (Rust's `Display` for `f64`
/// never uses an exponent and round-trips exactly); empty for none.
fn format_number(value: Option<f64>) -> String {
    value
        .filter(|v| v.is_finite())
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// How an imported row names its region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionKey {
    /// Zorgpact's own region code (the `region` column).
    Code(RegionCode),
    /// The RegioPlus labour-market region code (the `regioplus_code` column).
    Regioplus(String),
    /// The CBS region code (the `cbs_code` column).
    Cbs(String),
}

/// One well-formed imported row. The indicator, region and period are well-formed
/// but not yet checked against the catalogue (does the indicator exist, does the
/// period have its type, does the value fit its unit): that needs the database.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// 1-based number among the data rows (the header is not counted).
    pub row: usize,
    /// 1-based line of the file where the row starts.
    pub line: usize,
    pub indicator: IndicatorCode,
    /// From the first non-empty of the `region`, `regioplus_code` and `cbs_code` cells.
    pub region: RegionKey,
    pub period: Period,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// Only with a value; `None` means the default status.
    pub status: Option<ValueStatus>,
    /// Only with a value.
    pub source: Option<String>,
}

/// Why an imported row was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based number among the data rows.
    pub row: usize,
    /// 1-based line of the file where the row starts.
    pub line: usize,
    /// The column at fault; `None` when the row as a whole is (bad CSV, wrong
    /// number of fields).
    pub column: Option<String>,
    pub error: InvalidValue,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {} (line {})", self.row, self.line)?;
        if let Some(column) = &self.column {
            write!(f, ", {column}")?;
        }
        write!(f, ": {}", self.error)
    }
}

/// A parsed import: the good rows and an error for each bad one. Whether one bad
/// row stops the whole import is the caller's rule (Zorgpact's: it does).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportTable {
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
    /// Header names of columns that were skipped, as written.
    pub ignored_columns: Vec<String>,
    /// The field delimiter found in the header row.
    pub delimiter: char,
}

/// Parses an import file (see the module documentation). A file that cannot be
/// read at all (empty, bad header, required columns missing) is an error; bad
/// rows are reported in [`ImportTable::errors`], each with every fault it has.
pub fn parse_import(text: &str) -> Result<ImportTable, InvalidValue> {
    let delimiter = detect_delimiter(text);
    let mut records = csv::read(text, delimiter);
    let header = match records.next() {
        None => {
            return Err(InvalidValue::missing(
                "is empty: a header row naming the columns is required",
            ));
        }
        Some(Err(e)) => {
            return Err(InvalidValue::invalid_format(format!(
                "has a header row that is not valid CSV ({e})"
            )));
        }
        Some(Ok(header)) => header,
    };
    let columns = Columns::from_header(&header.fields)?;
    let mut table = ImportTable {
        rows: Vec::new(),
        errors: Vec::new(),
        ignored_columns: columns.ignored.clone(),
        delimiter,
    };
    for (index, record) in records.enumerate() {
        let row = index + 1;
        let parsed = match record {
            Err(e) => Err(vec![RowError {
                row,
                line: e.line,
                column: None,
                error: InvalidValue::invalid_format(e.reason),
            }]),
            Ok(record) => columns.row(row, &record, delimiter),
        };
        match parsed {
            Ok(row) => table.rows.push(row),
            Err(errors) => table.errors.extend(errors),
        }
    }
    Ok(table)
}

/// The delimiter used most in the first line, of `,`, `;` and tab (`,` on a tie).
fn detect_delimiter(text: &str) -> char {
    let first_line = text.lines().next().unwrap_or("");
    let count = |d: char| first_line.chars().filter(|c| *c == d).count();
    [',', ';', '\t']
        .into_iter()
        .rev()
        .max_by_key(|d| count(*d))
        .unwrap_or(',')
}

/// Where each known column is in the file.
struct Columns {
    width: usize,
    indicator: usize,
    period: usize,
    /// `region`, `regioplus_code`, `cbs_code`, those present, in that order.
    region_keys: Vec<(&'static str, usize)>,
    value: Option<usize>,
    target: Option<usize>,
    status: Option<usize>,
    source: Option<usize>,
    ignored: Vec<String>,
}

impl Columns {
    fn from_header(names: &[String]) -> Result<Self, InvalidValue> {
        const READ: [&str; 9] = [
            "indicator",
            "region",
            "regioplus_code",
            "cbs_code",
            "period",
            "value",
            "target",
            "status",
            "source",
        ];
        let mut found: Vec<(&'static str, usize)> = Vec::new();
        let mut ignored = Vec::new();
        for (index, raw) in names.iter().enumerate() {
            let name = raw.trim().to_ascii_lowercase();
            if let Some(known) = READ.iter().find(|k| **k == name) {
                if let Some((_, first)) = found.iter().find(|(k, _)| k == known) {
                    return Err(InvalidValue::duplicate(format!(
                        "names the column '{known}' twice (columns {} and {})",
                        first + 1,
                        index + 1
                    )));
                }
                found.push((*known, index));
            } else if name.is_empty() {
                ignored.push(format!("(unnamed column {})", index + 1));
            } else if !DERIVED_COLUMNS.contains(&name.as_str()) {
                ignored.push(raw.trim().to_owned());
            }
        }
        let at = |name: &str| found.iter().find(|(k, _)| *k == name).map(|(_, i)| *i);
        let region_keys: Vec<(&'static str, usize)> = ["region", "regioplus_code", "cbs_code"]
            .into_iter()
            .filter_map(|k| Some((k, at(k)?)))
            .collect();
        let mut missing = Vec::new();
        for (present, what) in [
            (at("indicator").is_some(), "indicator"),
            (!region_keys.is_empty(), "region (or regioplus_code or cbs_code)"),
            (at("period").is_some(), "period"),
            (at("value").is_some() || at("target").is_some(), "value (or target)"),
        ] {
            if !present {
                missing.push(what);
            }
        }
        match (at("indicator"), at("period")) {
            (Some(indicator), Some(period)) if missing.is_empty() => Ok(Self {
                width: names.len(),
                indicator,
                period,
                region_keys,
                value: at("value"),
                target: at("target"),
                status: at("status"),
                source: at("source"),
                ignored,
            }),
            _ => Err(InvalidValue::missing(format!(
                "lacks the column{} {} in its header row",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ))),
        }
    }

    fn row(&self, row: usize, record: &csv::Record, delimiter: char) -> Result<ImportRow, Vec<RowError>> {
        let mut check = RowCheck {
            row,
            line: record.line,
            errors: Vec::new(),
        };
        let fields = &record.fields;
        if fields.len() < self.width || fields[self.width..].iter().any(|f| !f.trim().is_empty()) {
            check.fail(
                None,
                InvalidValue::invalid_format(format!(
                    "has {} fields, but the header row has {}",
                    fields.len(),
                    self.width
                )),
            );
            return Err(check.errors);
        }
        let cell = |index: usize| fields[index].trim();
        let optional = |index: Option<usize>| index.map(cell).filter(|c| !c.is_empty());

        let indicator = check.field(
            "indicator",
            required(cell(self.indicator)).and_then(IndicatorCode::parse),
        );
        let region = match self.region_keys.iter().find(|(_, i)| !cell(*i).is_empty()) {
            None => {
                let column = self.region_keys.first().map_or("region", |(name, _)| *name);
                check.fail(
                    Some(column),
                    InvalidValue::missing("is required: the region's code, RegioPlus code or CBS code"),
                );
                None
            }
            Some((column, index)) => {
                let key = cell(*index);
                let parsed = match *column {
                    "region" => RegionCode::parse(key).map(RegionKey::Code),
                    "regioplus_code" => text::bounded(key, EXTERNAL_CODE_MAX).map(RegionKey::Regioplus),
                    _ => text::bounded(key, EXTERNAL_CODE_MAX).map(RegionKey::Cbs),
                };
                check.field(column, parsed)
            }
        };
        let period = check.field("period", required(cell(self.period)).and_then(Period::parse));
        let value = check.field("value", parse_number(optional(self.value), delimiter));
        let target = check.field("target", parse_number(optional(self.target), delimiter));
        let status = check.field(
            "status",
            optional(self.status)
                .map(|s| ValueStatus::parse(&s.to_ascii_lowercase()))
                .transpose(),
        );
        let source = check.field("source", text::optional(optional(self.source), SOURCE_MAX));

        if let (Some(None), Some(None)) = (value, target) {
            let column = if self.value.is_some() { "value" } else { "target" };
            check.fail(
                Some(column),
                InvalidValue::missing("is empty: a row needs a value or a target"),
            );
        }
        if matches!(value, Some(None)) {
            for (column, given) in [
                ("status", matches!(status, Some(Some(_)))),
                ("source", matches!(source, Some(Some(_)))),
            ] {
                if given {
                    check.fail(
                        Some(column),
                        InvalidValue::not_allowed("belongs to a value, but the row has none"),
                    );
                }
            }
        }
        if !check.errors.is_empty() {
            return Err(check.errors);
        }
        match (indicator, region, period, value, target, status, source) {
            (Some(indicator), Some(region), Some(period), Some(value), Some(target), Some(status), Some(source)) => {
                Ok(ImportRow {
                    row,
                    line: record.line,
                    indicator,
                    region,
                    period,
                    value,
                    target,
                    status,
                    source,
                })
            }
            _ => Err(check.errors),
        }
    }
}

/// Collects a row's errors, like [`crate::Validator`] does for a request.
struct RowCheck {
    row: usize,
    line: usize,
    errors: Vec<RowError>,
}

impl RowCheck {
    fn field<T>(&mut self, column: &str, result: Result<T, InvalidValue>) -> Option<T> {
        result.map_err(|e| self.fail(Some(column), e)).ok()
    }

    fn fail(&mut self, column: Option<&str>, error: InvalidValue) {
        self.errors.push(RowError {
            row: self.row,
            line: self.line,
            column: column.map(str::to_owned),
            error,
        });
    }
}

fn required(cell: &str) -> Result<&str, InvalidValue> {
    if cell.is_empty() {
        Err(InvalidValue::required())
    } else {
        Ok(cell)
    }
}

/// A finite number; with a `;` or tab delimiter a decimal comma is accepted too.
fn parse_number(cell: Option<&str>, delimiter: char) -> Result<Option<f64>, InvalidValue> {
    let Some(cell) = cell else { return Ok(None) };
    let decimal_comma = delimiter != ',' && !cell.contains('.');
    let normalized = if decimal_comma {
        cell.replace(',', ".")
    } else {
        cell.to_owned()
    };
    let plain = normalized
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match normalized.parse::<f64>() {
        Ok(v) if plain && v.is_finite() => Ok(Some(v)),
        _ if delimiter != ',' => Err(InvalidValue::invalid_format("must be a number like 12.5 or 12,5")),
        _ => Err(InvalidValue::invalid_format("must be a number like 12.5")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(indicator: &str, region: &str, period: Period, value: Option<f64>, target: Option<f64>) -> TidyRow {
        TidyRow {
            indicator: IndicatorCode::parse(indicator).expect("indicator"),
            region: RegionCode::parse(region).expect("region"),
            period,
            value,
            target,
            status: value.map(|_| ValueStatus::Final),
            source: String::new(),
            unit: Unit::Percent,
            direction: Direction::LowerIsBetter,
            regioplus_code: None,
            cbs_code: None,
        }
    }

    #[test]
    fn exports_the_tidy_columns_with_the_gap() {
        let mut sick_leave = row("sick_leave", "twente", Period::Year(2023), Some(6.4), Some(5.5));
        sick_leave.source = "Vernet, \"Verzuim\" 2023".into();
        sick_leave.regioplus_code = Some("RP12".into());
        let target_only = row("sick_leave", "twente", Period::Year(2025), None, Some(5.0));
        let text = write_table(&[sick_leave, target_only]);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "indicator,region,period,value,target,gap,status,source,unit,direction,regioplus_code,cbs_code"
        );
        // 6.4 − 5.5 in binary floating point is 0.9000000000000004: written exactly.
        assert_eq!(
            lines[1],
            "sick_leave,twente,2023,6.4,5.5,0.9000000000000004,final,\"Vernet, \"\"Verzuim\"\" 2023\",percent,\
             lower_is_better,RP12,"
        );
        assert_eq!(lines[2], "sick_leave,twente,2025,,5,,,,percent,lower_is_better,,");
        assert_eq!(lines[3], "");
    }

    #[test]
    fn imports_a_minimal_file() {
        let text = "indicator,region,period,value,status,source\n\
                    open_vacancies,twente,2024-Q1,1200,final,UWV\n\
                    open_vacancies,rotterdam,2024-Q1,3400,,\n";
        let table = parse_import(text).expect("readable");
        assert!(table.errors.is_empty(), "{:?}", table.errors);
        assert_eq!(table.rows.len(), 2);
        let first = &table.rows[0];
        assert_eq!((first.row, first.line), (1, 2));
        assert_eq!(first.indicator.as_str(), "open_vacancies");
        assert_eq!(
            first.region,
            RegionKey::Code(RegionCode::parse("twente").expect("region"))
        );
        assert_eq!(first.period, Period::Quarter(2024, 1));
        assert_eq!((first.value, first.target), (Some(1200.0), None));
        assert_eq!(first.status, Some(ValueStatus::Final));
        assert_eq!(first.source.as_deref(), Some("UWV"));
        assert_eq!((table.rows[1].status, table.rows[1].source.clone()), (None, None));
        assert_eq!(table.delimiter, ',');
    }

    #[test]
    fn reports_every_bad_cell_with_row_line_and_column() {
        let text = "Indicator , Region,Period,Value,Status\r\n\
                    Sick_Leave,twente,2024,abc,final\r\n\
                    sick_leave,,2024-13,5,maybe\r\n\
                    \r\n\
                    sick_leave,twente,2024\r\n\
                    sick_leave,twente,2024,,final\r\n\
                    sick_leave,twente,2024,\"5\"x,final\r\n\
                    sick_leave,twente,2023,inf,\r\n";
        let table = parse_import(text).expect("readable");
        assert!(table.rows.is_empty());
        let got: Vec<(usize, usize, Option<&str>)> = table
            .errors
            .iter()
            .map(|e| (e.row, e.line, e.column.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 2, Some("indicator")),
                (1, 2, Some("value")),
                (2, 3, Some("region")),
                (2, 3, Some("period")),
                (2, 3, Some("status")),
                (3, 5, None),
                (4, 6, Some("value")),
                (4, 6, Some("status")),
                (5, 7, None),
                (6, 8, Some("value")),
            ]
        );
        assert_eq!(table.errors[1].error.reason, "must be a number like 12.5");
        assert_eq!(table.errors[5].error.reason, "has 3 fields, but the header row has 5");
        assert_eq!(
            table.errors[6].to_string(),
            "row 4 (line 6), value: is empty: a row needs a value or a target"
        );
        assert_eq!(table.errors[7].error.reason, "belongs to a value, but the row has none");
        assert!(
            table.errors[4].error.reason.contains("provisional"),
            "lists the statuses"
        );
    }

    #[test]
    fn file_level_problems_are_one_error() {
        assert!(parse_import("").expect_err("empty").reason.contains("header row"));
        assert!(parse_import("\u{feff}\r\n\r\n").is_err());
        let missing = parse_import("indicator,value\nx,1\n").expect_err("missing");
        assert_eq!(
            missing.reason,
            "lacks the columns region (or regioplus_code or cbs_code), period in its header row"
        );
        let twice = parse_import("indicator,region,period,value,VALUE\n").expect_err("twice");
        assert_eq!(twice.reason, "names the column 'value' twice (columns 4 and 5)");
        assert!(
            parse_import("\"indicator,region\n").is_err(),
            "unclosed quote in the header"
        );
    }

    #[test]
    fn dutch_spreadsheets_external_keys_and_extra_columns() {
        let text = "\u{feff}indicator;cbs_code;periode;period;target;opmerking;\r\n\
                    sick_leave;GM0153;x;2025;5,5;let op;\r\n\
                    sick_leave;GM0363;;2025;1.234,5;;\r\n";
        let table = parse_import(text).expect("readable");
        assert_eq!(table.delimiter, ';');
        assert_eq!(
            table.ignored_columns,
            vec!["periode", "opmerking", "(unnamed column 7)"]
        );
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].region, RegionKey::Cbs("GM0153".into()));
        assert_eq!(table.rows[0].target, Some(5.5));
        assert_eq!(table.rows[0].value, None);
        assert_eq!(table.errors.len(), 1);
        assert_eq!(table.errors[0].column.as_deref(), Some("target"));
        assert_eq!(table.errors[0].error.reason, "must be a number like 12.5 or 12,5");

        // The first non-empty region key wins, in the order region, regioplus_code, cbs_code.
        let text = "indicator,region,regioplus_code,cbs_code,period,value\n\
                    employees,,RP07,GM0153,2024,100\n\
                    employees,twente,RP07,,2024,100\n\
                    employees,,,,2024,100\n";
        let table = parse_import(text).expect("readable");
        assert_eq!(table.rows[0].region, RegionKey::Regioplus("RP07".into()));
        assert_eq!(
            table.rows[1].region,
            RegionKey::Code(RegionCode::parse("twente").expect("region"))
        );
        assert_eq!(table.errors.len(), 1);
        assert_eq!(table.errors[0].column.as_deref(), Some("region"));
    }

    #[test]
    fn trailing_empty_fields_are_tolerated() {
        let table = parse_import("indicator,region,period,value\nemployees,twente,2024,100,,\n").expect("readable");
        assert_eq!(table.rows.len(), 1);
        let table = parse_import("indicator,region,period,value\nemployees,twente,2024,100,x\n").expect("readable");
        assert_eq!(table.errors.len(), 1);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(Some("12.5"), ','), Ok(Some(12.5)));
        assert_eq!(parse_number(Some("-3"), ','), Ok(Some(-3.0)));
        assert_eq!(parse_number(Some("1e3"), ','), Ok(Some(1000.0)));
        assert_eq!(parse_number(Some("12,5"), ';'), Ok(Some(12.5)));
        assert_eq!(parse_number(None, ','), Ok(None));
        for bad in ["NaN", "inf", "infinity", "12 500", "€5", "1,234.5", "0x10"] {
            assert!(parse_number(Some(bad), ',').is_err(), "{bad}");
            assert!(parse_number(Some(bad), ';').is_err(), "{bad}");
        }
        assert!(
            parse_number(Some("1.234,5"), ';').is_err(),
            "thousands separators are ambiguous"
        );
    }

    fn code_text(sep: &'static str) -> impl Strategy<Value = String> {
        ("[a-z]{2,8}", proptest::option::of("[a-z0-9]{1,4}"))
            .prop_map(move |(a, b)| b.map_or(a.clone(), |b| format!("{a}{sep}{b}")))
    }

    fn any_period() -> impl Strategy<Value = Period> {
        prop_oneof![
            (1900i32..=2100).prop_map(Period::Year),
            (1900i32..=2100, 1u8..=4).prop_map(|(y, q)| Period::Quarter(y, q)),
            (1900i32..=2100, 1u8..=12).prop_map(|(y, m)| Period::Month(y, m)),
        ]
    }

    fn any_number() -> impl Strategy<Value = f64> {
        prop_oneof![
            proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
            (-1_000_000i64..1_000_000).prop_map(|n| n as f64 / 100.0),
        ]
    }

    fn any_row() -> impl Strategy<Value = TidyRow> {
        (
            (code_text("_"), code_text("-"), any_period()),
            (
                proptest::option::of(any_number()),
                proptest::option::of(any_number()),
                proptest::option::of(proptest::sample::select(ValueStatus::ALL)),
                "[a-zA-Z0-9 ,;\"é\n]{0,12}",
            ),
            (
                proptest::sample::select(Unit::ALL),
                proptest::sample::select(Direction::ALL),
                proptest::option::of("[A-Z0-9]{1,6}"),
                proptest::option::of("[A-Z0-9]{1,6}"),
            ),
        )
            .prop_filter("a row has a value or a target", |(_, (value, target, ..), _)| {
                value.is_some() || target.is_some()
            })
            .prop_map(
                |((indicator, region, period), (value, target, status, source), (unit, direction, rp, cbs))| TidyRow {
                    indicator: IndicatorCode::parse(&indicator).expect("indicator"),
                    region: RegionCode::parse(&region).expect("region"),
                    period,
                    value,
                    target,
                    status: value.and(status),
                    source: if value.is_some() {
                        source.trim().to_owned()
                    } else {
                        String::new()
                    },
                    unit,
                    direction,
                    regioplus_code: rp,
                    cbs_code: cbs,
                },
            )
    }

    proptest! {
        #[test]
        fn export_then_import_gives_the_same_rows(rows in proptest::collection::vec(any_row(), 0..12)) {
            let table = parse_import(&write_table(&rows)).expect("readable");
            prop_assert!(table.errors.is_empty(), "{:?}", table.errors);
            prop_assert!(table.ignored_columns.is_empty());
            prop_assert_eq!(table.rows.len(), rows.len());
            for (i, (back, row)) in table.rows.iter().zip(&rows).enumerate() {
                prop_assert_eq!(back.row, i + 1);
                prop_assert_eq!(&back.indicator, &row.indicator);
                prop_assert_eq!(&back.region, &RegionKey::Code(row.region.clone()));
                prop_assert_eq!(back.period, row.period);
                prop_assert_eq!(back.value, row.value);
                prop_assert_eq!(back.target, row.target);
                prop_assert_eq!(back.status, row.status);
                prop_assert_eq!(back.source.clone(), Some(row.source.clone()).filter(|s| !s.is_empty()));
            }
        }

        #[test]
        fn never_panics(text in "[a-z0-9,;\"\r\n_-]{0,80}") {
            let header = "indicator,region,period,value,target,status,source\n";
            let _ = parse_import(&format!("{header}{text}"));
            let _ = parse_import(&text);
        }
    }
}
