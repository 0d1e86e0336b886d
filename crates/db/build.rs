//! Lists what a seeded test database is made from (the migrations' SQL of both
//! backends and the demo data with the code that loads it) for `testing.rs`,
//! which names its PostgreSQL template database after a hash of them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .canonicalize()
        .expect("canonical manifest dir");
    let workspace = manifest.join("../..").canonicalize().expect("canonical workspace dir");
    let mut files = Vec::new();
    for backend in ["sqlite", "postgres"] {
        let dir = workspace.join("migrations").join(backend);
        println!("cargo::rerun-if-changed={}", dir.display());
        for migration in entries(&dir) {
            files.extend(
                entries(&migration)
                    .into_iter()
                    .filter(|f| f.extension().is_some_and(|e| e == "sql")),
            );
        }
    }
    let seed = manifest.join("src/seed");
    println!("cargo::rerun-if-changed={}", seed.display());
    files.extend(entries(&seed));

    let mut out = String::from("/// (path in the workspace, contents) of every template input.\n");
    out.push_str("pub(crate) const TEMPLATE_INPUTS: &[(&str, &str)] = &[\n");
    for file in files.iter().filter(|f| f.is_file()) {
        let name = file.strip_prefix(&workspace).expect("inside the workspace");
        writeln!(out, "    ({:?}, include_str!({:?})),", name.display().to_string(), file).expect("write to a String");
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("template_inputs.rs"), out).expect("write template_inputs.rs");
}

/// The entries of a directory in name order.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    entries
}
