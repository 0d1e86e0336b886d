//! `cargo xtask long`: the long forms of the checks whose short forms run in
//! `cargo xtask test` (`.ci/run`), one after the other, each printing its figures:
//! the soak for 3 minutes on the release build, 20 crash rounds of 50 000-row
//! imports killed with SIGKILL on SQLite and on PostgreSQL, the API's property
//! fuzzing with 5 000 cases per property, and schemathesis' long form for every
//! role (stateful phase included). It takes an hour or more on two cores.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;

use crate::cargo::{check, named_tests};
use crate::{postgres, schemathesis, soak};

const CRASH_ROUNDS: &str = "20";
const CRASH_ROWS: &str = "50000";
const FUZZ_CASES: &str = "5000";
const CRASH_TEST: &str = "resilience::an_import_killed_with_sigkill_is_all_there_or_absent";

pub fn run(root: &Path, target: &Path) -> Result<()> {
    let started = Instant::now();
    soak::run(root, target, &["--full".to_owned()])?;

    let mut sqlite = named_tests(root, "zorgpact-api", "api", CRASH_TEST);
    sqlite
        .env("ZORGPACT_TEST_BACKEND", "sqlite")
        .env("ZORGPACT_CRASH_ROUNDS", CRASH_ROUNDS)
        .env("ZORGPACT_CRASH_ROWS", CRASH_ROWS);
    check(sqlite, "crash rounds on SQLite (20 × 50 000 rows)")?;

    let pg = postgres::TestServer::start(root)?;
    let mut postgres = named_tests(root, "zorgpact-api", "api", CRASH_TEST);
    postgres
        .env("ZORGPACT_TEST_BACKEND", "postgres")
        .env("ZORGPACT_TEST_POSTGRES_URL", pg.url())
        .env("ZORGPACT_CRASH_ROUNDS", CRASH_ROUNDS)
        .env("ZORGPACT_CRASH_ROWS", CRASH_ROWS);
    check(postgres, "crash rounds on PostgreSQL (20 × 50 000 rows)")?;
    drop(pg);

    let mut fuzz = named_tests(root, "zorgpact-api", "api", "fuzz::");
    fuzz.env("ZORGPACT_TEST_BACKEND", "sqlite")
        .env("ZORGPACT_FUZZ_CASES", FUZZ_CASES);
    check(fuzz, "property fuzzing of the API (5 000 cases per property)")?;

    schemathesis::run(root, target, &["--full".to_owned()])?;
    eprintln!("long runs passed in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}
