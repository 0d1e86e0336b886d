//! Where the things under test are, and a clear failure when one is missing.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The server binary: `ZORGPACT_E2E_SERVER`, else the `zorgpact` next to this test's
/// own profile folder (`target/debug/deps/<test>` → `target/debug/zorgpact`).
pub fn server_binary() -> anyhow::Result<PathBuf> {
    let path = match std::env::var_os("ZORGPACT_E2E_SERVER") {
        Some(path) => PathBuf::from(path),
        None => profile_dir()?.join("zorgpact"),
    };
    if !path.is_file() {
        bail!(
            "the server binary {} is missing: build it with `cargo build -p zorgpact-api --bin zorgpact` \
             (or run `cargo xtask e2e`, which builds everything the browser tests need)",
            path.display()
        );
    }
    Ok(path)
}

/// axe-core's `axe.min.js`: `ZORGPACT_E2E_AXE`, else where `cargo xtask e2e`
/// installs it from npm, `<target>/tools/axe-core/node_modules/axe-core/`.
pub fn axe_script() -> anyhow::Result<PathBuf> {
    let path = match std::env::var_os("ZORGPACT_E2E_AXE") {
        Some(path) => PathBuf::from(path),
        None => {
            let target = profile_dir()?
                .parent()
                .context("the test binary is not in a cargo target folder")?
                .to_path_buf();
            target.join("tools/axe-core/node_modules/axe-core/axe.min.js")
        }
    };
    if !path.is_file() {
        bail!(
            "axe-core ({}) is missing, so the accessibility checks cannot run: `cargo xtask e2e` \
             installs it from npm, or set ZORGPACT_E2E_AXE to an axe.min.js",
            path.display()
        );
    }
    Ok(path)
}

/// The cargo profile folder this test binary was built into (`target/debug`):
/// tests live in `<profile>/deps`, binaries in `<profile>`.
fn profile_dir() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe().context("locating the test binary")?;
    let mut dir = exe.parent().context("the test binary has no folder")?;
    if dir.file_name().is_some_and(|name| name == "deps") {
        dir = dir
            .parent()
            .context("the test binary is not in a cargo target folder")?;
    }
    Ok(dir.to_path_buf())
}

/// The built web app: `ZORGPACT_WEB_DIR`, else `web/dist`.
pub fn web_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::var_os("ZORGPACT_WEB_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("web/dist"));
    for file in ["index.html", "zorgpact_web.js", "zorgpact_web_bg.wasm"] {
        if !dir.join(file).is_file() {
            bail!(
                "the web app is not built ({} has no {file}): run `cargo xtask build-web` (or `cargo xtask e2e`)",
                dir.display()
            );
        }
    }
    Ok(dir)
}

/// A program the tests need, from `var` or its Debian path.
pub fn program(var: &str, default: &str, package: &str) -> anyhow::Result<PathBuf> {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    if !path.is_file() {
        bail!(
            "{} is missing, so the browser tests cannot run: install Debian's `{package}` \
             (`apt-get install -y chromium chromium-driver`, which `cargo xtask e2e` does), or set {var}",
            path.display()
        );
    }
    Ok(path)
}
