//! `cargo xtask bench`: the indicator figures against an analyst's alternative
//! (Datasette) and the server's own ceiling ([`figures`]); `cargo xtask bench
//! export`: the streaming export ([`export`]).

mod datasette;
mod export;
mod figures;
mod product;
mod report;
mod synthetic;
mod wrk;

use std::path::Path;

use anyhow::Result;

pub fn run(root: &Path, target: &Path, args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("export") => export::run(root, target, &args[1..]),
        _ => figures::run(root, target, args),
    }
}
