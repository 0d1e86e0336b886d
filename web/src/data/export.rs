//! The indicator explorer's downloads: CSV for spreadsheets, JSON for programs.

use serde::Serialize;
use wasm_bindgen::JsValue;
use zorgpact_contract::analytics::{IndicatorMeta, NationalPoint, NationalResponse, RegionSeries, SeriesResponse};
use zorgpact_contract::codes::ValueStatus;

/// The JSON download: the catalogue entry, the regions' series shown and the
/// national figure with its coverage, as the API gave them.
#[derive(Debug, Serialize)]
pub struct ExportDocument<'a> {
    pub indicator: &'a IndicatorMeta,
    pub from: &'a str,
    pub to: &'a str,
    pub regions: &'a [RegionSeries],
    /// How the national figure is made from the regions' values.
    pub national_method: &'a str,
    pub national: &'a [NationalPoint],
}

pub fn json(range: (&str, &str), series: Option<&SeriesResponse>, national: &NationalResponse) -> String {
    let document = ExportDocument {
        indicator: &national.indicator,
        from: range.0,
        to: range.1,
        regions: series.map_or(&[][..], |s| &s.regions),
        national_method: &national.method,
        national: &national.points,
    };
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The CSV header: the first six columns as before, then the target and, for the
/// national rows, how many regions reported of how many expected.
const CSV_HEADER: &str = "indicator,region,period,value,status,source,target,regions_reported,regions_expected\n";

/// One row per region and period, then the national rows (region `national`).
pub fn csv(series: Option<&SeriesResponse>, national: &NationalResponse) -> String {
    let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let code = national.indicator.code.as_str();
    let mut out = String::from(CSV_HEADER);
    for region in series.map_or(&[][..], |s| &s.regions) {
        for point in &region.points {
            let row = [
                code,
                &region.region,
                &point.period,
                &number(point.value),
                point.status.map_or("", ValueStatus::as_str),
                point.source.as_deref().unwrap_or_default(),
                &number(point.target),
                "",
                "",
            ];
            push_row(&mut out, &row);
        }
    }
    for point in &national.points {
        let row = [
            code,
            "national",
            &point.period,
            &number(point.value),
            point.status.map_or("", ValueStatus::as_str),
            &point.sources.join("; "),
            "",
            &point.coverage.reported.to_string(),
            &point.coverage.expected.to_string(),
        ];
        push_row(&mut out, &row);
    }
    out
}

fn push_row(out: &mut String, cells: &[&str]) {
    let quoted: Vec<String> = cells.iter().map(|cell| quote(cell)).collect();
    out.push_str(&quoted.join(","));
    out.push('\n');
}

/// RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled.
fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// Lets the browser save `content` as a file.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // The browser reads the blob after this returns; free it once it surely has.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_cells_that_need_it() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
