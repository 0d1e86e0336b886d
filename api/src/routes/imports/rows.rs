//! The rows of an import file, CSV or JSON, read into one shape: the well-formed
//! rows and a problem (pointer and reason) for each fault of the others. Nothing
//! here knows the catalogue; [`super::check`] does.

use zorgpact_contract::imports::{ImportItem, ImportRequest};
use zorgpact_domain::analytics::tidy::{self, RegionKey};
use zorgpact_domain::indicator::{IndicatorCode, SOURCE_MAX, ValueStatus};
use zorgpact_domain::period::Period;
use zorgpact_domain::region::{EXTERNAL_CODE_MAX, RegionCode};
use zorgpact_domain::{FieldError, InvalidValue, ValidationErrors, Validator, text};

/// The most rows one import may hold: every value and target of every region and
/// indicator for decades.
pub const MAX_ROWS: usize = 50_000;

/// One well-formed row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Where the row is, the start of its pointers: `/rows/7` (CSV, the 1-based
    /// data row) or `/items/6` (JSON, the 0-based item).
    pub at: String,
    pub indicator: IndicatorCode,
    pub region: RegionKey,
    pub period: Period,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// With a value only; `None`: settled against the stored value.
    pub status: Option<ValueStatus>,
    /// With a value only; `None`: the stored source stays.
    pub source: Option<String>,
}

impl Row {
    /// The field that named the region, for pointers.
    pub fn region_field(&self) -> &'static str {
        match self.region {
            RegionKey::Code(_) => "region",
            RegionKey::Regioplus(_) => "regioplus_code",
            RegionKey::Cbs(_) => "cbs_code",
        }
    }
}

/// A whole file, read.
#[derive(Debug, Default)]
pub struct Sheet {
    /// Rows read, well-formed or not.
    pub count: usize,
    pub rows: Vec<Row>,
    /// Every fault of the malformed rows, in file order.
    pub errors: Vec<FieldError>,
    /// CSV columns skipped, as written.
    pub ignored_columns: Vec<String>,
    /// `/rows` or `/items`: where problems of the file as a whole point.
    pub root: &'static str,
}

/// Reads a CSV file in the analysts' tidy format ([`tidy::parse_import`]). A file
/// that cannot be read at all is one problem under `/header`; too many or no data
/// rows one under `/rows`.
pub fn from_csv(text: &str) -> Result<Sheet, ValidationErrors> {
    let table = tidy::parse_import(text).map_err(|e| ValidationErrors::single("/header", e))?;
    let count = table.rows.len() + count_rows(&table.errors);
    limits(
        "/rows",
        count,
        "holds no data rows: the header row must be followed by at least one row",
    )?;
    let errors = table
        .errors
        .into_iter()
        .map(|e| {
            let pointer = match &e.column {
                Some(column) => format!("/rows/{}/{column}", e.row),
                None => format!("/rows/{}", e.row),
            };
            let reason = format!("{} (line {})", e.error.reason, e.line);
            InvalidValue { reason, ..e.error }.at(pointer)
        })
        .collect();
    let rows = table
        .rows
        .into_iter()
        .map(|r| Row {
            at: format!("/rows/{}", r.row),
            indicator: r.indicator,
            region: r.region,
            period: r.period,
            value: r.value,
            target: r.target,
            status: r.status,
            source: r.source,
        })
        .collect();
    Ok(Sheet {
        count,
        rows,
        errors,
        ignored_columns: table.ignored_columns,
        root: "/rows",
    })
}

/// Rows with at least one error: the errors of one row are adjacent.
fn count_rows(errors: &[tidy::RowError]) -> usize {
    let mut rows: Vec<usize> = errors.iter().map(|e| e.row).collect();
    rows.dedup();
    rows.len()
}

fn limits(root: &str, count: usize, empty: &str) -> Result<(), ValidationErrors> {
    if count == 0 {
        return Err(ValidationErrors::single(root, InvalidValue::missing(empty)));
    }
    if count > MAX_ROWS {
        return Err(ValidationErrors::single(
            root,
            InvalidValue::too_many(
                MAX_ROWS,
                format!("holds {count} rows, more than the {MAX_ROWS} one import may hold: split the file"),
            ),
        ));
    }
    Ok(())
}

/// A non-empty text, trimmed.
fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Reads the items of a JSON import, with the same rules as a CSV row.
pub fn from_json(request: ImportRequest) -> Result<Sheet, ValidationErrors> {
    let count = request.items.len();
    limits("/items", count, "must hold at least one item")?;
    let mut sheet = Sheet {
        count,
        root: "/items",
        ..Sheet::default()
    };
    for (index, item) in request.items.iter().enumerate() {
        let at = format!("/items/{index}");
        let mut v = Validator::new();
        if let Some(row) = item_row(item, &at, &mut v) {
            sheet.rows.push(row);
        }
        if let Err(errors) = v.finish() {
            sheet.errors.extend(errors.0);
        }
    }
    Ok(sheet)
}

fn item_row(item: &ImportItem, at: &str, v: &mut Validator) -> Option<Row> {
    let pointer = |field: &str| format!("{at}/{field}");
    let indicator = item_field(v, at, "indicator", IndicatorCode::parse(&item.indicator));
    let region = match (given(&item.region), given(&item.regioplus_code), given(&item.cbs_code)) {
        (Some(code), _, _) => item_field(v, at, "region", RegionCode::parse(code).map(RegionKey::Code)),
        (None, Some(code), _) => item_field(
            v,
            at,
            "regioplus_code",
            text::bounded(code, EXTERNAL_CODE_MAX).map(RegionKey::Regioplus),
        ),
        (None, None, Some(code)) => item_field(
            v,
            at,
            "cbs_code",
            text::bounded(code, EXTERNAL_CODE_MAX).map(RegionKey::Cbs),
        ),
        (None, None, None) => {
            v.check(
                false,
                &pointer("region"),
                InvalidValue::missing("is required: the region's code, or give regioplus_code or cbs_code"),
            );
            None
        }
    };
    let period = item_field(v, at, "period", Period::parse(&item.period));
    let source = item_field(
        v,
        at,
        "source",
        item.source.as_deref().map(|s| text::bounded(s, SOURCE_MAX)).transpose(),
    );
    if item.value.is_none() {
        v.check(
            item.target.is_some(),
            &pointer("value"),
            InvalidValue::missing("is missing: a row needs a value, a target or both"),
        );
        v.check(
            item.status.is_none(),
            &pointer("status"),
            InvalidValue::not_allowed("belongs to a value, but the row has none"),
        );
        v.check(
            item.source.is_none(),
            &pointer("source"),
            InvalidValue::not_allowed("belongs to a value, but the row has none"),
        );
    }
    if v.has_errors() {
        return None;
    }
    Some(Row {
        at: at.to_owned(),
        indicator: indicator?,
        region: region?,
        period: period?,
        value: item.value,
        target: item.target,
        status: item.status,
        source: source?,
    })
}

/// `result` as the field `field` of the row or item at `at`. The pointer is
/// written only for an error: most rows of a large import have none.
pub fn item_field<T>(v: &mut Validator, at: &str, field: &str, result: Result<T, InvalidValue>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(error) => v.field(&format!("{at}/{field}"), Err(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointers(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.pointer.as_str()).collect()
    }

    #[test]
    fn csv_rows_point_at_their_data_row_and_column() {
        let sheet = from_csv(
            "indicator,region,period,value,target\n\
             employees,twente,2024,100,\n\
             employees,twente,2024-Q5,abc,\n\
             employees,,2025,,1\n",
        )
        .expect("readable");
        assert_eq!(sheet.count, 3);
        assert_eq!(sheet.rows.len(), 1);
        assert_eq!(sheet.rows[0].at, "/rows/1");
        assert_eq!(
            pointers(&sheet.errors),
            ["/rows/2/period", "/rows/2/value", "/rows/3/region"]
        );
        assert!(
            sheet.errors[0].reason.ends_with("(line 3)"),
            "{}",
            sheet.errors[0].reason
        );
    }

    #[test]
    fn files_that_cannot_be_read_are_one_problem() {
        let header = from_csv("indicator,value\n").expect_err("no region column");
        assert_eq!(header.0[0].pointer, "/header");
        let empty = from_csv("indicator,region,period,value\n").expect_err("no rows");
        assert_eq!(empty.0[0].pointer, "/rows");
        let many = format!(
            "indicator,region,period,value\n{}",
            "employees,twente,2024,1\n".repeat(MAX_ROWS + 1)
        );
        assert!(
            from_csv(&many).expect_err("too many").0[0]
                .reason
                .contains("split the file")
        );
        let none = from_json(ImportRequest { items: vec![] }).expect_err("no items");
        assert_eq!(none.0[0].pointer, "/items");
    }

    fn item(region: Option<&str>, regioplus: Option<&str>) -> ImportItem {
        ImportItem {
            indicator: "employees".into(),
            region: region.map(str::to_owned),
            regioplus_code: regioplus.map(str::to_owned),
            cbs_code: None,
            period: "2024".into(),
            value: Some(1.0),
            target: None,
            status: None,
            source: None,
        }
    }

    #[test]
    fn json_items_follow_the_csv_rules() {
        let mut no_figure = item(Some("twente"), None);
        no_figure.value = None;
        no_figure.status = Some(ValueStatus::Final);
        let sheet = from_json(ImportRequest {
            items: vec![
                item(Some("twente"), Some("ignored")),
                item(None, Some("Twente")),
                no_figure,
                item(None, None),
            ],
        })
        .expect("readable");
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].region_field(), "region");
        assert_eq!(sheet.rows[1].region, RegionKey::Regioplus("Twente".into()));
        assert_eq!(
            pointers(&sheet.errors),
            ["/items/2/value", "/items/2/status", "/items/3/region"]
        );
    }
}
