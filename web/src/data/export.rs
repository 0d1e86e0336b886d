//! The indicator explorer's downloads: CSV for spreadsheets, JSON for programs.

use serde::Serialize;
use wasm_bindgen::JsValue;
use zorgpact_contract::indicator::{IndicatorResponse, IndicatorValueResponse};

use super::rollup::NationalPoint;

/// The JSON download: the catalogue entry, the values shown and the national figure.
#[derive(Debug, Serialize)]
pub struct ExportDocument<'a> {
    pub indicator: &'a IndicatorResponse,
    pub from: &'a str,
    pub to: &'a str,
    pub values: &'a [IndicatorValueResponse],
    pub national: Vec<NationalExport<'a>>,
}

#[derive(Debug, Serialize)]
pub struct NationalExport<'a> {
    pub period: &'a str,
    pub value: f64,
    /// How many regions the figure rests on.
    pub regions: usize,
    /// The catalogue's rule: `sum`, `mean` or `weighted_mean`.
    pub rollup: &'a str,
}

pub fn json(
    indicator: &IndicatorResponse,
    range: (&str, &str),
    values: &[IndicatorValueResponse],
    national: &[NationalPoint],
) -> String {
    let document = ExportDocument {
        indicator,
        from: range.0,
        to: range.1,
        values,
        national: national
            .iter()
            .map(|point| NationalExport {
                period: &point.period,
                value: point.value,
                regions: point.regions,
                rollup: &indicator.rollup,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// One row per value, then the national rows (region `national`, status `computed`).
pub fn csv(indicator: &IndicatorResponse, values: &[IndicatorValueResponse], national: &[NationalPoint]) -> String {
    let mut out = String::from("indicator,region,period,value,status,source\n");
    for value in values {
        let row = [
            value.indicator.as_str(),
            &value.region,
            &value.period,
            &value.value.to_string(),
            &value.status,
            &value.source,
        ];
        push_row(&mut out, &row);
    }
    for point in national {
        let source = format!("{} of {} regions", indicator.rollup, point.regions);
        let row = [
            indicator.code.as_str(),
            "national",
            &point.period,
            &point.value.to_string(),
            "computed",
            &source,
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
