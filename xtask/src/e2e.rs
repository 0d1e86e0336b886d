//! `e2e`: the browser tests. They drive Debian's headless Chromium against the real
//! server binary serving the release-built web app, so this step builds both, makes
//! sure chromium and chromedriver are installed (apt-get, via
//! `scripts/ensure-chromium`) and axe-core is in the build cache (npm), and then
//! runs the `zorgpact-e2e` crate on its own.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::cargo::{self, check};
use crate::{npm, target_dir, web};

/// The accessibility engine the browser tests run on every page (WCAG 2.1 A and
/// AA rules): Deque's axe-core, the engine behind most accessibility checkers,
/// published as an npm package; a registry package, unlike a script from a CDN,
/// is something CI may install. Pinned, so a release's new or stricter rules
/// arrive by a deliberate bump, not in the middle of a CI run; the statement at
/// `/toegankelijkheid` names this version and a test holds it to it.
const AXE_CORE: npm::Package = npm::Package {
    name: "axe-core",
    version: "4.14.1",
    folder: "axe-core",
};

/// `cargo xtask e2e`: everything the browser tests need, then the tests.
pub fn run(root: &Path) -> Result<()> {
    web::build_web(root, &root.join("web/dist"))?;
    run_built(root)
}

/// Debian's chromium and chromedriver, installed with apt-get when missing.
pub fn ensure_chromium(root: &Path) -> Result<()> {
    let mut browser = Command::new("bash");
    browser.arg(root.join("scripts/ensure-chromium")).current_dir(root);
    check(browser, "chromium and chromedriver (Debian packages)")
}

/// The browser tests, once the web app is built (as `cargo xtask test` has done).
pub fn run_built(root: &Path) -> Result<()> {
    let server = cargo::debug_server(root, &target_dir(root))?;

    ensure_chromium(root)?;
    let axe = AXE_CORE
        .ensure(&target_dir(root))?
        .join("node_modules/axe-core/axe.min.js");

    // The web app's own unit tests (charts, roll-up, exports, number formats) are
    // plain Rust and run on the host, in the same build as the browser tests.
    let mut tests = cargo::tests_of(root, &["zorgpact-e2e", "zorgpact-web"]);
    tests
        .env("ZORGPACT_WEB_DIR", root.join("web/dist"))
        .env("ZORGPACT_E2E_SERVER", server)
        .env("ZORGPACT_E2E_AXE", axe);
    check(
        tests,
        "web app: unit tests, and browser tests (e2e) in headless Chromium",
    )
}
