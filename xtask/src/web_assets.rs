//! The web app's files as browsers should fetch them: each asset (module, glue,
//! boot script, stylesheet) under `assets/` with its content hash in its name, so
//! the server can let browsers keep it for a year (a new build gets new names),
//! and stored precompressed beside it (`.br`, `.gz`), so the server sends the
//! smallest form a browser accepts without compressing on every request.
//! `index.html` names the hashed files and is the one file revalidated each time.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, ensure};
use sha2::{Digest, Sha256};

/// The folder under the output dir that the server serves as immutable.
pub const ASSETS_DIR: &str = "assets";

/// Hex digits of the content hash in a file name: enough to never collide
/// between two builds of one app.
const HASH_CHARS: usize = 16;

/// A file's size as stored and in its compressed forms.
#[derive(Clone, Copy)]
pub struct Size {
    pub bytes: u64,
    pub gzip_bytes: u64,
    pub brotli_bytes: u64,
}

/// What one build published, for the size report.
pub struct Published {
    /// The main module: what every first page load downloads.
    pub main: Size,
    /// The lazily loaded parts, by their name before hashing.
    pub parts: BTreeMap<String, Size>,
}

/// The parts split off the main module (see `web_split.rs`): in `dir`, the
/// loader script and the parts' files.
pub struct SplitParts<'a> {
    pub dir: &'a Path,
    pub loader: &'a str,
    pub files: &'a [String],
}

/// Publishes the bindgen output, the split parts and the static files of
/// `out_dir` into `out_dir/assets/` and rewrites `out_dir/index.html` to name them.
///
/// `glue` and `wasm` are the bindgen output's file names. References are
/// rewritten to the hashed names before a file is hashed itself: the loader
/// names the parts, the boot script the glue and the module. The glue and the
/// loader import each other, so both carry the hash of the two together.
pub fn publish(out_dir: &Path, glue: &str, wasm: &str, split: &SplitParts) -> Result<Published> {
    let assets = out_dir.join(ASSETS_DIR);
    // Old builds' assets go: only what this index names is served.
    if assets.exists() {
        fs::remove_dir_all(&assets).with_context(|| format!("clearing {}", assets.display()))?;
    }
    fs::create_dir_all(&assets)?;

    let wasm_url = store(&assets, wasm, &read(&out_dir.join(wasm))?)?;
    let mut loader = String::from_utf8(read(&split.dir.join(split.loader))?)?;
    let mut parts = BTreeMap::new();
    for part in split.files {
        let url = store(&assets, part, &read(&split.dir.join(part))?)?;
        let hashed = url.rsplit('/').next().unwrap_or_default();
        loader = replace_once(&loader, &[(&format!("\"./{part}\""), &format!("\"./{hashed}\""))])
            .with_context(|| format!("{}: the part {part}", split.loader))?;
        parts.insert(part.clone(), size_of(&assets, hashed)?);
    }
    let glue_text = String::from_utf8(read(&out_dir.join(glue))?)?;
    let pair_hash = short_hash(format!("{glue_text}{loader}").as_bytes());
    let hashed_glue = hashed_name(glue, &pair_hash)?;
    let hashed_loader = hashed_name(split.loader, &pair_hash)?;
    // The glue imports the loader once per function the module takes from it;
    // the module's own import names (the keys of its imports object) stay.
    let loader_import = format!("from \"./{}\"", split.loader);
    ensure!(
        glue_text.contains(&loader_import),
        "the glue {glue} does not import {loader_import}"
    );
    let glue_text = glue_text.replace(&loader_import, &format!("from \"./{hashed_loader}\""));
    let loader = replace_once(&loader, &[(&format!("\"./{glue}\""), &format!("\"./{hashed_glue}\""))])
        .with_context(|| format!("{}: its import of the glue", split.loader))?;
    let glue_url = store_as(&assets, &hashed_glue, glue_text.as_bytes())?;
    store_as(&assets, &hashed_loader, loader.as_bytes())?;

    let style_url = store(&assets, "style.css", &read(&out_dir.join("style.css"))?)?;
    let boot = replace_once(
        &String::from_utf8(read(&out_dir.join("boot.js"))?)?,
        &[
            (&format!("\"/{glue}\""), &format!("\"{glue_url}\"")),
            ("init()", &format!("init({{ module_or_path: \"{wasm_url}\" }})")),
        ],
    )
    .context("boot.js")?;
    let boot_url = store(&assets, "boot.js", boot.as_bytes())?;

    let index_path = out_dir.join("index.html");
    let index = replace_once(
        &fs::read_to_string(&index_path)?,
        &[
            ("\"/style.css\"", &format!("\"{style_url}\"")),
            (&format!("\"/{glue}\""), &format!("\"{glue_url}\"")),
            ("\"/boot.js\"", &format!("\"{boot_url}\"")),
        ],
    )
    .context("index.html")?;
    fs::write(&index_path, index)?;

    Ok(Published {
        main: size_of(&assets, wasm_url.rsplit('/').next().unwrap_or_default())?,
        parts,
    })
}

fn size_of(assets: &Path, hashed: &str) -> Result<Size> {
    let len = |suffix: &str| -> Result<u64> {
        let file = assets.join(format!("{hashed}{suffix}"));
        Ok(fs::metadata(&file)
            .with_context(|| format!("reading {}", file.display()))?
            .len())
    };
    Ok(Size {
        bytes: len("")?,
        gzip_bytes: len(".gz")?,
        brotli_bytes: len(".br")?,
    })
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Writes `bytes` as `assets/<stem>-<hash>.<ext>` with its `.br` and `.gz`
/// forms, and returns its URL path.
fn store(assets: &Path, name: &str, bytes: &[u8]) -> Result<String> {
    store_as(assets, &hashed_name(name, &short_hash(bytes))?, bytes)
}

/// `name` with `hash` before its extension: `style.css` → `style-<hash>.css`.
fn hashed_name(name: &str, hash: &str) -> Result<String> {
    let (stem, ext) = name
        .rsplit_once('.')
        .with_context(|| format!("{name} has no extension"))?;
    Ok(format!("{stem}-{hash}.{ext}"))
}

fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hash[..HASH_CHARS].to_owned()
}

/// Writes `bytes` as `assets/<hashed>` with its `.br` and `.gz` forms, and
/// returns its URL path.
fn store_as(assets: &Path, hashed: &str, bytes: &[u8]) -> Result<String> {
    let path = assets.join(hashed);
    fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    fs::write(assets.join(format!("{hashed}.gz")), gzip(bytes)?)?;
    fs::write(assets.join(format!("{hashed}.br")), brotli(bytes)?)?;
    Ok(format!("/{ASSETS_DIR}/{hashed}"))
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Each `(from, to)` replaced where `from` occurs exactly once: a template that
/// changed shape fails the build instead of shipping a page naming stale files.
fn replace_once(text: &str, replacements: &[(&str, &str)]) -> Result<String> {
    let mut text = text.to_owned();
    for (from, to) in replacements {
        let count = text.matches(from).count();
        ensure!(count == 1, "expected {from} exactly once, found it {count} times");
        text = text.replacen(from, to, 1);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_that_changed_shape_is_refused() {
        assert_eq!(
            replace_once("a \"/x.js\" b", &[("\"/x.js\"", "\"/assets/x-1.js\"")]).ok(),
            Some("a \"/assets/x-1.js\" b".to_owned())
        );
        assert!(replace_once("no such name", &[("\"/x.js\"", "y")]).is_err());
        assert!(replace_once("\"/x.js\" \"/x.js\"", &[("\"/x.js\"", "y")]).is_err());
    }

    #[test]
    fn assets_are_named_by_content_and_stored_compressed() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("zorgpact-assets-{}", std::process::id()));
        fs::create_dir_all(&dir)?;
        let body = b"body { color: black; } ".repeat(100);
        let url = store(&dir, "style.css", &body)?;
        assert_eq!(url, store(&dir, "style.css", &body)?, "same content, same name");
        assert_ne!(url, store(&dir, "style.css", b"other")?, "other content, other name");
        let name = url.trim_start_matches(&format!("/{ASSETS_DIR}/")).to_owned();
        assert!(name.starts_with("style-") && name.ends_with(".css"), "{name}");

        let mut unzipped = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&fs::read(dir.join(format!("{name}.gz")))?[..]),
            &mut unzipped,
        )?;
        assert_eq!(unzipped, body);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &fs::read(dir.join(format!("{name}.br")))?[..], &mut unbrotli)?;
        assert_eq!(unbrotli, body);
        fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
