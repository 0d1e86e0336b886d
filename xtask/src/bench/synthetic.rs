//! Deterministic synthetic data, loaded through the product's own API: regions
//! beside the 17 of the demo data, monthly indicators, and 20 years of monthly
//! values imported in files of 50 000 rows (`POST /api/v1/imports/indicator-values`).

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::Result;
use serde_json::{Value, json};

use super::product::Product;

/// The demo data's regions, part of every scale.
const DEMO_REGIONS: u32 = 17;
pub const INDICATORS: u32 = 18;
/// Series end in December 2025.
const LAST_YEAR: u32 = 2025;
/// The largest file the import takes.
const ROWS_PER_FILE: usize = 50_000;

/// How much data: regions × 18 indicators × the months of `years` years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub name: &'static str,
    pub regions: u32,
    pub years: u32,
}

impl Scale {
    pub fn parse(name: &str) -> Option<Self> {
        let (regions, years) = match name {
            // Seconds, on the debug build: the smoke form in CI.
            "XS" => (20, 1),
            "S" => (28, 20),
            "M" => (280, 20),
            // ×100 of S in regions: 2 800 synthetic regions.
            "L" => (2_800, 20),
            _ => return None,
        };
        let name = ["XS", "S", "M", "L"].into_iter().find(|n| *n == name)?;
        Some(Self { name, regions, years })
    }

    pub fn months(self) -> u32 {
        self.years * 12
    }

    pub fn values(self) -> u64 {
        u64::from(self.regions) * u64::from(INDICATORS) * u64::from(self.months())
    }

    /// The month `n` months after the first of the scale's series: `2024-07`.
    pub fn period(self, n: u32) -> String {
        let first_year = LAST_YEAR + 1 - self.years;
        format!("{}-{:02}", first_year + n / 12, n % 12 + 1)
    }
}

pub fn indicator(n: u32) -> String {
    format!("bench_m{n:02}")
}

/// The synthetic regions are `bench-0001` and on; the first 17 of a scale are the
/// demo data's.
pub fn region(n: u32) -> String {
    format!("bench-{n:04}")
}

/// Every region code of the scale.
pub fn region_codes(product: &Product, scale: Scale) -> Result<Vec<String>> {
    let listed = product.send(
        product
            .http
            .get(product.url("/api/v1/regions?limit=200"))
            .bearer_auth(&product.token),
        200,
    )?;
    let mut codes: Vec<String> = listed["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["code"].as_str().map(str::to_owned))
        .filter(|c| !c.starts_with("bench-"))
        .collect();
    codes.extend((1..=scale.regions.saturating_sub(DEMO_REGIONS)).map(region));
    Ok(codes)
}

/// A value that moves with the month, the season and the place: a count for odd
/// indicators, a percentage for even ones (see [`indicator_body`]).
fn value(region: usize, indicator: u32, month: u32) -> f64 {
    let place = ((region * 7 + indicator as usize * 13) % 500) as f64;
    let season = f64::from((month * 31 + region as u32 * 17 + indicator) % 11);
    if indicator % 2 == 1 {
        ((100.0 + place) * (1.0 + 0.002 * f64::from(month)) + season).round()
    } else {
        (2.0 + place / 10.0 + season / 10.0).round()
    }
}

/// What loading measured.
pub struct Loaded {
    pub values: u64,
    pub seconds: f64,
}

/// Creates the regions and indicators and imports every value.
pub fn load(product: &Product, scale: Scale) -> Result<Loaded> {
    for n in 1..=scale.regions.saturating_sub(DEMO_REGIONS) {
        let code = region(n);
        product.post(
            "/api/v1/regions",
            &json!({"code": code, "name": format!("Benchregio {n}"), "pact_name": format!("Zorgpact bench {n}")}),
            201,
        )?;
    }
    for n in 1..=INDICATORS {
        product.post("/api/v1/indicators", &indicator_body(&indicator(n), n), 201)?;
    }
    let regions = region_codes(product, scale)?;
    let started = Instant::now();
    let mut rows = Vec::with_capacity(ROWS_PER_FILE);
    let mut values = 0;
    for (r, code) in regions.iter().enumerate() {
        for n in 1..=INDICATORS {
            for month in 0..scale.months() {
                rows.push(json!({
                    "indicator": indicator(n), "region": code, "period": scale.period(month),
                    "value": value(r, n, month), "status": "final", "source": "Bench",
                }));
                if rows.len() == ROWS_PER_FILE {
                    values += import(product, &mut rows)?;
                }
            }
        }
    }
    if !rows.is_empty() {
        values += import(product, &mut rows)?;
    }
    Ok(Loaded {
        values,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn indicator_body(code: &str, n: u32) -> Value {
    // Half are counts summed over regions, half percentages averaged.
    let (unit, rollup) = if n % 2 == 1 {
        ("count", "sum")
    } else {
        ("percent", "mean")
    };
    json!({
        "code": code, "name": format!("Benchindicator {n}"),
        "description": "Synthetic monthly indicator of the benchmark.",
        "group": "work", "unit": unit, "direction": "higher_is_better",
        "period_type": "month", "rollup": rollup,
    })
}

fn import(product: &Product, rows: &mut Vec<Value>) -> Result<u64> {
    let body = json!({ "items": std::mem::take(rows) });
    let report = product.post("/api/v1/imports/indicator-values", &body, 200)?;
    let counts = &report["values"];
    Ok(["created", "changed", "unchanged"]
        .iter()
        .filter_map(|k| counts[k].as_u64())
        .sum())
}

/// One file of 50 000 new values (at XS, as many as it loads), as JSON and as CSV:
/// fresh indicators, as many as the scale's regions and months need to fill the
/// file (eight at S, one at M); yields values per second of each and the values
/// both stored.
pub fn bulk_import(product: &Product, scale: Scale, regions: &[String]) -> Result<(f64, f64, u64)> {
    let mut rates = Vec::new();
    let mut stored = 0;
    let per_indicator = regions.len() * scale.months() as usize;
    let rows = ROWS_PER_FILE.min(usize::try_from(scale.values())?);
    let indicators = rows.div_ceil(per_indicator.max(1));
    for format in ["json", "csv"] {
        let codes: Vec<String> = (1..=indicators).map(|n| format!("bench_import_{format}_{n}")).collect();
        for code in &codes {
            product.post("/api/v1/indicators", &indicator_body(code, 1), 201)?;
        }
        let points: Vec<(&str, String, String, f64)> = codes
            .iter()
            .flat_map(|code| {
                regions.iter().enumerate().flat_map(move |(r, region)| {
                    (0..scale.months()).map(move |m| (code.as_str(), region.clone(), scale.period(m), value(r, 1, m)))
                })
            })
            .take(rows)
            .collect();
        // The file is written before the clock starts: the rate is the import's.
        let (content_type, body) = if format == "json" {
            let items: Vec<Value> = points
                .iter()
                .map(|(code, region, period, value)| {
                    json!({"indicator": code, "region": region, "period": period, "value": value,
                           "status": "final", "source": "Bench"})
                })
                .collect();
            ("application/json", serde_json::to_vec(&json!({ "items": items }))?)
        } else {
            let mut csv = String::from("indicator,region,period,value,status,source\n");
            for (code, region, period, value) in &points {
                writeln!(csv, "{code},{region},{period},{value},final,Bench")?;
            }
            ("text/csv", csv.into_bytes())
        };
        let started = Instant::now();
        let request = product
            .http
            .post(product.url("/api/v1/imports/indicator-values"))
            .bearer_auth(&product.token)
            .header("Content-Type", content_type)
            .body(body);
        product.send(request, 200)?;
        rates.push(points.len() as f64 / started.elapsed().as_secs_f64());
        stored += points.len() as u64;
    }
    Ok((rates[0], rates[1], stored))
}
