//! Which operations of the contract the test suite exercised. Every test server
//! checks each response against the OpenAPI document and records `METHOD path
//! status` in `<target>/tmp/contract-coverage/`; this step fails when an
//! operation of `openapi.yaml` was never answered in a test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

fn dir(target_dir: &Path) -> PathBuf {
    target_dir.join("tmp/contract-coverage")
}

/// Forgets earlier runs.
pub fn reset(target_dir: &Path) {
    let _ = std::fs::remove_dir_all(dir(target_dir));
}

pub fn report(root: &Path, target_dir: &Path) -> Result<()> {
    let operations = operations(&std::fs::read_to_string(root.join("openapi.yaml")).context("read openapi.yaml")?);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for entry in std::fs::read_dir(dir(target_dir)).context("no contract coverage recorded")? {
        seen.extend(std::fs::read_to_string(entry?.path())?.lines().map(str::to_owned));
    }
    let answered: BTreeSet<String> = seen
        .iter()
        .filter_map(|line| line.rsplit_once(' ').map(|(op, _)| op.to_owned()))
        .collect();
    let missing: Vec<&String> = operations.iter().filter(|op| !answered.contains(*op)).collect();
    eprintln!(
        "contract: {} of {} operations answered in tests, {} distinct (operation, status) responses checked against openapi.yaml",
        operations.len() - missing.len(),
        operations.len(),
        seen.len()
    );
    if !missing.is_empty() {
        bail!("operations no test exercised: {missing:?}");
    }
    Ok(())
}

/// `METHOD /path` of every operation, read from the generated YAML's layout.
fn operations(yaml: &str) -> BTreeSet<String> {
    let mut operations = BTreeSet::new();
    let mut in_paths = false;
    let mut path = String::new();
    for line in yaml.lines() {
        if !line.starts_with(' ') {
            in_paths = line == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(p) = line.strip_prefix("  ").filter(|l| l.starts_with('/')) {
            path = p.trim_end_matches(':').to_owned();
        } else if let Some(method) = line.strip_prefix("    ").and_then(|l| l.strip_suffix(':'))
            && ["get", "put", "post", "delete", "patch"].contains(&method)
        {
            operations.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    operations
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_operations_from_the_yaml_layout() {
        let yaml = "openapi: 3.1.0\npaths:\n  /health:\n    get:\n      tags: []\n  /api/v1/x/{id}:\n    put:\n      x: 1\n    delete:\n      x: 1\ncomponents:\n  schemas:\n    get:\n";
        let ops: Vec<String> = operations(yaml).into_iter().collect();
        assert_eq!(ops, ["DELETE /api/v1/x/{id}", "GET /health", "PUT /api/v1/x/{id}"]);
    }
}
