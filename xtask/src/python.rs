//! Python tools from PyPI, each in its own virtualenv in the build cache, installed
//! once per pinned version (the warm run reuses it).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;

use crate::cargo::check;

/// The virtualenv `tools/{name}-venv` of the build cache holding exactly
/// `requirements` (pinned `package==version` lines); created or rebuilt when
/// they differ from what it was made with.
pub fn venv(target_dir: &Path, name: &str, requirements: &[&str]) -> Result<PathBuf> {
    let venv = target_dir.join(format!("tools/{name}-venv"));
    let marker = venv.join(".installed");
    let wanted = requirements.join("\n");
    if std::fs::read_to_string(&marker).is_ok_and(|installed| installed == wanted) {
        return Ok(venv);
    }
    let _ = std::fs::remove_dir_all(&venv);
    let mut create = Command::new("python3");
    create.args(["-m", "venv"]).arg(&venv);
    check(create, &format!("create a Python virtualenv for {name}"))?;
    let mut pip = pip(&venv);
    pip.args(requirements);
    check(pip, &format!("pip install {}", requirements.join(" ")))?;
    std::fs::write(&marker, wanted)?;
    Ok(venv)
}

/// `pip install --quiet` of the virtualenv; add what to install.
pub fn pip(venv: &Path) -> Command {
    let mut pip = Command::new(venv.join("bin/pip"));
    pip.args(["install", "--quiet", "--disable-pip-version-check"]);
    pip
}
