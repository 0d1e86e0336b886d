//! The web app's files as browsers should fetch them: each asset (module, glue,
//! boot script, stylesheet) under `assets/` with its content hash in its name, so
//! the server can let browsers keep it for a year (a new build gets new names),
//! and stored precompressed beside it (`.br`, `.gz`), so the server sends the
//! smallest form a browser accepts without compressing on every request.
//! `index.html` names the hashed files and is the one file revalidated each time.

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

/// What one build published, for the size report.
pub struct Published {
    pub wasm_bytes: u64,
    pub wasm_gzip_bytes: u64,
    pub wasm_brotli_bytes: u64,
}

/// Publishes the bindgen output and the static files of `out_dir` into
/// `out_dir/assets/` and rewrites `out_dir/index.html` to name them.
///
/// `glue` and `wasm` are the bindgen output's file names. The boot script imports
/// the glue and hands it the module's URL, so both are rewritten to the hashed
/// names before the boot script itself is hashed.
pub fn publish(out_dir: &Path, glue: &str, wasm: &str) -> Result<Published> {
    let assets = out_dir.join(ASSETS_DIR);
    // Old builds' assets go: only what this index names is served.
    if assets.exists() {
        fs::remove_dir_all(&assets).with_context(|| format!("clearing {}", assets.display()))?;
    }
    fs::create_dir_all(&assets)?;

    let wasm_url = store(&assets, wasm, &read(&out_dir.join(wasm))?)?;
    let glue_url = store(&assets, glue, &read(&out_dir.join(glue))?)?;
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

    let size = |suffix: &str| -> Result<u64> {
        let file = out_dir.join(format!("{}{suffix}", wasm_url.trim_start_matches('/')));
        Ok(fs::metadata(&file)
            .with_context(|| format!("reading {}", file.display()))?
            .len())
    };
    Ok(Published {
        wasm_bytes: size("")?,
        wasm_gzip_bytes: size(".gz")?,
        wasm_brotli_bytes: size(".br")?,
    })
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Writes `bytes` as `assets/<stem>-<hash>.<ext>` with its `.br` and `.gz`
/// forms, and returns its URL path.
fn store(assets: &Path, name: &str, bytes: &[u8]) -> Result<String> {
    let (stem, ext) = name
        .rsplit_once('.')
        .with_context(|| format!("{name} has no extension"))?;
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let hashed = format!("{stem}-{}.{ext}", &hash[..HASH_CHARS]);
    let path = assets.join(&hashed);
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
