//! Accessibility checks: Deque's axe-core runs its WCAG 2.0/2.1 level A and AA
//! rules on the page as the user sees it now, and any violation fails the step,
//! named rule by rule with the elements that break it.
//!
//! `axe.min.js` comes from npm (`cargo xtask e2e` installs the pinned version into
//! the build cache and passes its path in `ZORGPACT_E2E_AXE`); it is injected into
//! the page through WebDriver, so the app itself never ships or loads it.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::{Context, bail};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::browser::Page;
use crate::paths;

/// The rule sets that make up WCAG 2.1 level AA, the level the law asks for
/// (EN 301 549, Besluit digitale toegankelijkheid overheid).
const WCAG_21_AA: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// Runs axe in the page and hands its violations (or the error) to the WebDriver
/// callback, the last argument of an asynchronous script.
const RUN_AXE: &str = r"
const [tags, done] = arguments;
axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
  .then(results => done({
    version: axe.version,
    violations: results.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target.map(String), html: n.html, summary: n.failureSummary || '' })),
    })),
  }))
  .catch(error => done({ error: String(error && error.stack || error) }));
";

#[derive(Debug, Deserialize)]
struct Outcome {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    version: String,
    #[serde(default)]
    violations: Vec<Violation>,
}

#[derive(Debug, Deserialize)]
struct Violation {
    id: String,
    impact: Option<String>,
    help: String,
    nodes: Vec<Node>,
}

#[derive(Debug, Deserialize)]
struct Node {
    target: Vec<String>,
    html: String,
    summary: String,
}

impl Page {
    /// Checks the page as it is now against WCAG 2.1 AA with axe-core, once
    /// nothing is loading any more. `state` says what the page shows (`"region
    /// page, filtered"`) for the failure message. Fails naming each violation's
    /// rule, impact and elements (selector and HTML).
    pub async fn check_accessibility(&self, state: &str) -> anyhow::Result<()> {
        self.wait_gone(".loading")
            .await
            .with_context(|| format!("{state}: the page is still loading, so axe cannot check it"))?;
        self.inject_axe().await?;
        let answer = self
            .client()
            .execute_async(RUN_AXE, vec![json!(WCAG_21_AA)])
            .await
            .with_context(|| format!("{state}: running axe"))?;
        let outcome: Outcome =
            serde_json::from_value(answer).with_context(|| format!("{state}: reading axe's results"))?;
        if let Some(error) = outcome.error {
            bail!("{state}: axe failed: {error}");
        }
        self.count_accessibility_check();
        if outcome.violations.is_empty() {
            return Ok(());
        }
        let url = self.url().await.unwrap_or_default();
        bail!("{}", report(state, &url, &outcome));
    }

    /// The version of axe-core in the page (after a check).
    pub async fn axe_version(&self) -> anyhow::Result<String> {
        self.inject_axe().await?;
        let version = self.script("return axe.version", vec![]).await?;
        version
            .as_str()
            .map(str::to_owned)
            .context("axe.version is not a string")
    }

    /// Loads axe into the page unless it is there already (a full page load drops
    /// it; the app's own navigation keeps it).
    async fn inject_axe(&self) -> anyhow::Result<()> {
        let present = self.script("return typeof window.axe === 'object'", vec![]).await?;
        if present == Value::Bool(true) {
            return Ok(());
        }
        self.script(axe_source()?, vec![]).await.context("injecting axe-core")?;
        Ok(())
    }
}

/// Every violation with its elements, for the test's failure.
fn report(state: &str, url: &str, outcome: &Outcome) -> String {
    let mut text = format!(
        "axe-core {} found {} WCAG 2.1 AA violation(s) on {url} ({state}):",
        outcome.version,
        outcome.violations.len()
    );
    for violation in &outcome.violations {
        let impact = violation.impact.as_deref().unwrap_or("unknown impact");
        let _ = write!(text, "\n- {} ({impact}): {}", violation.id, violation.help);
        for node in &violation.nodes {
            let summary = node.summary.replace('\n', " ");
            let _ = write!(
                text,
                "\n    at {}\n       {}\n       {summary}",
                node.target.join(" "),
                node.html
            );
        }
    }
    text
}

/// axe-core's script, read once per test process.
fn axe_source() -> anyhow::Result<&'static str> {
    static SOURCE: OnceLock<String> = OnceLock::new();
    if let Some(source) = SOURCE.get() {
        return Ok(source);
    }
    let path: PathBuf = paths::axe_script()?;
    let source = std::fs::read_to_string(&path).with_context(|| format!("reading axe-core from {}", path.display()))?;
    Ok(SOURCE.get_or_init(|| source))
}
