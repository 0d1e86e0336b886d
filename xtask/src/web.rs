//! `build-web`: compiles the Leptos app to WASM and lays out the folder the API serves
//! (`index.html`, `style.css`, `boot.js`, the wasm-bindgen JS glue and the `.wasm`).
//!
//! wasm-bindgen runs as a library, so its version is the one pinned in Cargo.lock and
//! always matches the app's `wasm-bindgen` crate; nothing is downloaded.

use std::env;
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{web_assets, web_split};
use anyhow::{Context, Result, bail};
use wasm_bindgen_cli_support::Bindgen;

use crate::npm;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
const PACKAGE: &str = "zorgpact-web";
/// The library's file stem, and the stem of the generated `.js` / `_bg.wasm`.
const OUT_NAME: &str = "zorgpact_web";
/// Copied from `web/` next to the generated module on every build.
const STATIC_FILES: &[&str] = &["index.html", "style.css", "boot.js"];
/// Older binaryen (Debian ships 108) emits modules that fail in the browser.
const MIN_WASM_OPT_VERSION: u32 = 116;
/// Features rustc enables by default for wasm32; wasm-opt must accept them in its input.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];
/// Records what the current output was made from, to skip bindgen and wasm-opt next time.
const STAMP_FILE: &str = ".build-stamp";
/// Part of the stamp: bump it when the bindgen or wasm-opt settings here change.
const STAMP_SETTINGS: u32 = 3;

/// Builds the web app into `out_dir` (created if missing). Cargo caches the compile; the
/// bindgen and wasm-opt steps are skipped when the compiled module has not changed.
pub fn build_web(workspace_root: &Path, out_dir: &Path) -> Result<()> {
    let started = Instant::now();
    ensure_wasm_target(workspace_root)?;
    let wasm = compile(workspace_root)?;

    fs::create_dir_all(out_dir).with_context(|| format!("creating the output folder {}", out_dir.display()))?;
    let wasm_opt = usable_wasm_opt(workspace_root);
    let stamp = stamp_for(&wasm, wasm_opt.as_ref().map(|w| w.version))?;
    let stamp_path = out_dir.join(STAMP_FILE);
    let js_path = out_dir.join(format!("{OUT_NAME}.js"));
    let out_wasm = out_dir.join(format!("{OUT_NAME}_bg.wasm"));

    let split_dir = out_dir.join(SPLIT_DIR);
    let parts_path = split_dir.join(PARTS_FILE);

    let fresh = fs::read_to_string(&stamp_path).is_ok_and(|old| old == stamp)
        && js_path.is_file()
        && out_wasm.is_file()
        && parts_path.is_file();
    let parts: Parts = if fresh {
        println!("web: module unchanged since the last build, keeping the bindgen output");
        serde_json::from_slice(&fs::read(&parts_path)?).with_context(|| format!("reading {}", parts_path.display()))?
    } else {
        // A build that stops half-way must not look fresh next time.
        remove_if_present(&stamp_path)?;
        let split = web_split::split(&wasm, &split_dir, &format!("{OUT_NAME}.js"))?;
        run_bindgen(&split.main, out_dir)?;
        if let Some(wasm_opt) = &wasm_opt {
            run_wasm_opt(&out_wasm, wasm_opt)?;
            // Most parts are a few hundred bytes, where wasm-opt (a node program
            // here) gains nothing and costs a second and a half each.
            for part in &split.parts {
                let path = split_dir.join(part);
                if fs::metadata(&path)?.len() >= MIN_PART_TO_OPTIMISE {
                    run_wasm_opt(&path, wasm_opt)?;
                }
            }
        }
        let parts = Parts {
            files: split.parts,
            by_page: split.parts_by_page,
        };
        fs::write(&parts_path, serde_json::to_vec_pretty(&parts)?)?;
        fs::write(&stamp_path, &stamp).with_context(|| format!("writing {}", stamp_path.display()))?;
        parts
    };

    copy_static_files(&workspace_root.join("web"), out_dir)?;
    let published = web_assets::publish(
        out_dir,
        &format!("{OUT_NAME}.js"),
        &format!("{OUT_NAME}_bg.wasm"),
        &web_assets::SplitParts {
            dir: &split_dir,
            loader: web_split::LOADER,
            files: &parts.files,
        },
    )?;

    println!(
        "web: the main module is {} KB ({} KB gzip, {} KB brotli){}; {}; built into {} in {:.1} s",
        published.main.bytes.div_ceil(1024),
        published.main.gzip_bytes.div_ceil(1024),
        published.main.brotli_bytes.div_ceil(1024),
        if wasm_opt.is_some() { " after wasm-opt -Oz" } else { "" },
        parts_summary(&published, &parts),
        out_dir.display(),
        started.elapsed().as_secs_f64(),
    );
    Ok(())
}

/// The folder of the output dir where the module is split (its parts are then
/// published under `assets/` like every other file).
const SPLIT_DIR: &str = "split";
/// Parts smaller than this are published as the splitter wrote them.
const MIN_PART_TO_OPTIMISE: u64 = 16 * 1024;
/// Records the parts of the last split, for a build that reuses it.
const PARTS_FILE: &str = "parts.json";

/// The parts a split produced and which of them each lazy page needs.
#[derive(serde::Serialize, serde::Deserialize)]
struct Parts {
    files: Vec<String>,
    by_page: std::collections::BTreeMap<String, Vec<String>>,
}

/// What a visitor downloads beyond the main module: the parts in all, the first
/// page's (the overview) and the largest page's.
fn parts_summary(published: &web_assets::Published, parts: &Parts) -> String {
    let kb = |bytes: u64| bytes.div_ceil(1024);
    let total = |files: &mut dyn Iterator<Item = &String>| -> (u64, u64) {
        files
            .filter_map(|file| published.parts.get(file))
            .fold((0, 0), |(bytes, gzip), size| {
                (bytes + size.bytes, gzip + size.gzip_bytes)
            })
    };
    // `__region_view_<hash>` → `region`.
    let page_name = |split: &str| -> String {
        let name = split.trim_start_matches('_');
        name.split("_view_").next().unwrap_or(name).to_owned()
    };
    let pages: Vec<(String, (u64, u64))> = parts
        .by_page
        .iter()
        .map(|(split, files)| (page_name(split), total(&mut files.iter())))
        .collect();
    let (all, all_gzip) = total(&mut published.parts.keys());
    let mut summary = format!(
        "{} lazily loaded parts, {} KB in all ({} KB gzip)",
        published.parts.len(),
        kb(all),
        kb(all_gzip)
    );
    for (label, page) in [
        ("the overview", pages.iter().find(|(name, _)| name == "overview")),
        ("the largest page", pages.iter().max_by_key(|(_, (bytes, _))| *bytes)),
    ] {
        if let Some((name, (bytes, gzip))) = page {
            summary += &format!("; {label} ({name}) adds {} KB ({} KB gzip)", kb(*bytes), kb(*gzip));
        }
    }
    summary
}

/// A web build running beside other work: see [`build_in_background`].
pub struct BackgroundBuild {
    /// Taken by [`BackgroundBuild::finish`]; a build still here when dropped (a
    /// step before it failed) is stopped.
    child: Option<std::process::Child>,
    log: PathBuf,
    started: Instant,
}

/// Starts `xtask build-web` as a child process, its output going to a log file
/// under the target dir. The wasm32 build locks its own build directories, so it
/// runs beside the host build instead of after it: on two cores each fills the
/// other's serial stretches (LTO with one codegen unit, linking, wasm-opt).
/// `lint` makes it deny clippy warnings like the host build.
pub fn build_in_background(workspace_root: &Path, lint: bool) -> Result<BackgroundBuild> {
    let log = target_dir(workspace_root).join("web-build.log");
    if let Some(dir) = log.parent() {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let out = fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
    let err = out.try_clone().context("sharing the web build's log")?;
    let mut command = Command::new(std::env::current_exe().context("locating xtask")?);
    command
        .current_dir(workspace_root)
        .arg("build-web")
        .stdout(out)
        .stderr(err);
    if lint {
        command.env(LINT_ENV, "1");
    }
    let child = command.spawn().context("starting the web build")?;
    eprintln!("==> web app (wasm32), in the background; log: {}", log.display());
    Ok(BackgroundBuild {
        child: Some(child),
        log,
        started: Instant::now(),
    })
}

/// Set for a background `build-web` that lints as it compiles.
pub const LINT_ENV: &str = "ZORGPACT_XTASK_LINT";

impl BackgroundBuild {
    /// Waits for the build; on failure its log is printed.
    pub fn finish(mut self) -> Result<()> {
        let mut child = self.child.take().context("the web build was already waited for")?;
        let status = child.wait().context("waiting for the web build")?;
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        if !status.success() {
            eprintln!("{log}");
            bail!(
                "failed ({status}): web app build; its log is above and in {}",
                self.log.display()
            );
        }
        // The summary line (size, time) is the build's last line.
        let summary = log.lines().rev().find(|l| l.starts_with("web: ")).unwrap_or_default();
        eprintln!(
            "    web app: ok, {:.1}s after it started; {summary}",
            self.started.elapsed().as_secs_f64()
        );
        Ok(())
    }
}

impl Drop for BackgroundBuild {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Installs the WASM target with rustup when the active toolchain lacks it.
fn ensure_wasm_target(workspace_root: &Path) -> Result<()> {
    let listed = Command::new("rustup")
        .current_dir(workspace_root)
        .args(["target", "list", "--installed"])
        .output();
    let output = match listed {
        Ok(output) => output,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            println!("web: rustup not found; assuming the {TARGET} target is installed");
            return Ok(());
        }
        Err(error) => return Err(error).context("running `rustup target list --installed`"),
    };
    if !output.status.success() {
        bail!(
            "`rustup target list --installed` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    if String::from_utf8_lossy(&output.stdout)
        .lines()
        .any(|line| line.trim() == TARGET)
    {
        return Ok(());
    }
    println!("web: adding the {TARGET} target with rustup");
    run(Command::new("rustup")
        .current_dir(workspace_root)
        .args(["target", "add", TARGET]))
}

/// Compiles the app's library for the browser and returns the path of the `.wasm`.
fn compile(workspace_root: &Path) -> Result<PathBuf> {
    run(crate::cargo::cargo(workspace_root).args([
        "build",
        "--package",
        PACKAGE,
        "--lib",
        "--target",
        TARGET,
        "--profile",
        PROFILE,
    ]))?;
    let wasm = target_dir(workspace_root)
        .join(TARGET)
        .join(PROFILE)
        .join(format!("{OUT_NAME}.wasm"));
    if !wasm.is_file() {
        bail!("cargo succeeded but {} is missing", wasm.display());
    }
    Ok(wasm)
}

/// Where cargo puts its output: `CARGO_TARGET_DIR` (relative to the workspace, where cargo
/// runs) or `<workspace>/target`.
fn target_dir(workspace_root: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => workspace_root.join(dir),
        None => workspace_root.join("target"),
    }
}

fn run_bindgen(wasm: &Path, out_dir: &Path) -> Result<()> {
    Bindgen::new()
        .input_path(wasm)
        .out_name(OUT_NAME)
        .web(true)?
        // Without the default path, `init()` has no URL for the .wasm and the page fails.
        .omit_default_module_path(false)
        // The parts split off the module import these exports of the main one.
        .keep_lld_exports(true)
        .typescript(false)
        // The name section is ~40% of the module; panics still log their message and
        // source location through console_error_panic_hook, only stack frames lose names.
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out_dir)
        .with_context(|| format!("running wasm-bindgen on {}", wasm.display()))
}

/// A wasm-opt recent enough to trust.
struct WasmOpt {
    program: PathBuf,
    version: u32,
}

/// npm's binaryen package, installed into the build cache when no usable wasm-opt
/// is on PATH (Debian's is too old).
const NPM_BINARYEN: npm::Package = npm::Package {
    name: "binaryen",
    version: "132.0.0",
    folder: "binaryen",
};

/// The `wasm-opt` on PATH if recent enough, else npm's binaryen (installed once into
/// the build cache), else none: the module then stays unoptimised but works.
fn usable_wasm_opt(workspace_root: &Path) -> Option<WasmOpt> {
    if let Some(found) = version_of(Path::new("wasm-opt")) {
        if found >= MIN_WASM_OPT_VERSION {
            return Some(WasmOpt {
                program: PathBuf::from("wasm-opt"),
                version: found,
            });
        }
        println!("web: wasm-opt on PATH is version {found}; versions before {MIN_WASM_OPT_VERSION} break the module");
    }
    let prefix = match NPM_BINARYEN.ensure(&target_dir(workspace_root)) {
        Ok(prefix) => prefix,
        Err(error) => {
            println!("web: npm could not install binaryen ({error:#}); skipping the size optimisation");
            return None;
        }
    };
    let program = prefix.join("node_modules/.bin/wasm-opt");
    match version_of(&program) {
        Some(version) if version >= MIN_WASM_OPT_VERSION => Some(WasmOpt { program, version }),
        _ => {
            println!(
                "web: {} does not report a usable version; skipping wasm-opt",
                program.display()
            );
            None
        }
    }
}

fn version_of(program: &Path) -> Option<u32> {
    let output = Command::new(program)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    parse_wasm_opt_version(&String::from_utf8_lossy(&output.stdout))
}

/// `wasm-opt version 116 (version_116)` → 116.
fn parse_wasm_opt_version(text: &str) -> Option<u32> {
    let rest = &text[text.find("version")? + "version".len()..];
    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Optimises the module in place, through a temporary file so a failure leaves it intact.
fn run_wasm_opt(module: &Path, wasm_opt: &WasmOpt) -> Result<()> {
    let optimised = module.with_extension("opt.wasm");
    println!("web: wasm-opt {} -Oz", wasm_opt.version);
    run(Command::new(&wasm_opt.program)
        .arg("-Oz")
        .args(WASM_OPT_FEATURES)
        .arg(module)
        .arg("-o")
        .arg(&optimised))?;
    fs::rename(&optimised, module).with_context(|| format!("replacing {} with the optimised module", module.display()))
}

fn copy_static_files(web_dir: &Path, out_dir: &Path) -> Result<()> {
    for name in STATIC_FILES {
        let from = web_dir.join(name);
        fs::copy(&from, out_dir.join(name))
            .with_context(|| format!("copying {} to {}", from.display(), out_dir.display()))?;
    }
    Ok(())
}

/// One line naming the compiled module (by content) and the steps applied to it.
fn stamp_for(wasm: &Path, wasm_opt: Option<u32>) -> Result<String> {
    let bytes = fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    // Not stable across Rust releases, which costs at most one extra bindgen run.
    let mut hasher = DefaultHasher::new();
    hasher.write(&bytes);
    let wasm_opt = wasm_opt.map_or_else(|| "none".to_owned(), |v| v.to_string());
    Ok(format!(
        "settings={STAMP_SETTINGS} input={:016x} bytes={} wasm-opt={wasm_opt}\n",
        hasher.finish(),
        bytes.len()
    ))
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != ErrorKind::NotFound => {
            Err(error).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}

fn run(command: &mut Command) -> Result<()> {
    let status = command.status().with_context(|| format!("starting {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_wasm_opt_version;

    #[test]
    fn reads_binaryen_version_lines() {
        assert_eq!(
            parse_wasm_opt_version("wasm-opt version 116 (version_116)\n"),
            Some(116)
        );
        assert_eq!(parse_wasm_opt_version("wasm-opt version 108\n"), Some(108));
        assert_eq!(parse_wasm_opt_version("wasm-opt 1.2"), None);
    }
}
