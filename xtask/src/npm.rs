//! Tools that come as npm packages (wasm-opt, axe-core), installed once into the
//! build cache at `<target>/tools/<folder>` with the machine's own `npm`. npm is a
//! package registry like crates.io; no tool is fetched from anywhere else, and
//! each is pinned to an exact version so every run checks with the same one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// A pinned npm package and the folder under `<target>/tools/` it goes into.
pub struct Package {
    pub name: &'static str,
    pub version: &'static str,
    pub folder: &'static str,
}

impl Package {
    /// The install prefix: the package itself is at `node_modules/<name>` in it.
    pub fn prefix(&self, target_dir: &Path) -> PathBuf {
        target_dir.join("tools").join(self.folder)
    }

    /// Installs the package unless the pinned version is there already, and
    /// returns the prefix.
    pub fn ensure(&self, target_dir: &Path) -> Result<PathBuf> {
        let prefix = self.prefix(target_dir);
        if installed_version(&prefix, self.name).as_deref() == Some(self.version) {
            return Ok(prefix);
        }
        let spec = format!("{}@{}", self.name, self.version);
        println!("npm: installing {spec} into {}", prefix.display());
        let status = Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--save-exact",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(&spec)
            .status()
            .context("starting npm (Debian's `npm` package)")?;
        if !status.success() {
            bail!("`npm install {spec}` failed with {status}");
        }
        match installed_version(&prefix, self.name) {
            Some(version) if version == self.version => Ok(prefix),
            other => bail!("npm installed {} as version {other:?}, not {}", self.name, self.version),
        }
    }
}

/// The `version` of `node_modules/<name>/package.json` under `prefix`, if any.
fn installed_version(prefix: &Path, name: &str) -> Option<String> {
    let manifest = fs::read_to_string(prefix.join("node_modules").join(name).join("package.json")).ok()?;
    let manifest: serde_json::Value = serde_json::from_str(&manifest).ok()?;
    manifest["version"].as_str().map(str::to_owned)
}
