//! Splits the compiled web module at the app's lazy routes (`#[lazy_route]` in
//! `web/src/lazy_pages.rs`), as cargo-leptos does with the same library: the
//! first page downloads the app's frame and only the page it shows; every other
//! page's code comes when it is first visited.
//!
//! The input must be linked with `--emit-relocs` (`.cargo/config.toml`). The
//! output is the main module, which wasm-bindgen then processes as usual, the
//! parts (`*.wasm`, plain modules that import their memory and functions from
//! the main one) and `__wasm_split.js`, which loads them; the glue imports it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail, ensure};

/// The loader's file name, as the main module imports it.
pub const LOADER: &str = "__wasm_split.js";

/// What splitting produced, in `dir`.
pub struct Split {
    /// The main module, for wasm-bindgen.
    pub main: PathBuf,
    /// The parts' file names (in `dir`), as the loader names them.
    pub parts: Vec<String>,
    /// Per lazy function (a page), the parts it needs.
    pub parts_by_page: BTreeMap<String, Vec<String>>,
}

/// Splits `wasm` into `dir` (emptied first). `glue` is the file name of the
/// wasm-bindgen glue that the loader takes the main module's exports from.
pub fn split(wasm: &Path, dir: &Path, glue: &str) -> Result<Split> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    fs::create_dir_all(dir)?;
    let input = fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let main = dir.join("main.wasm");
    let link_name = format!("./{LOADER}");
    let main_module = format!("./{glue}");
    let output = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = dir;
        options.main_out_path = &main;
        options.link_name = &link_name;
        options.main_module = &main_module;
        options
    })
    .map_err(|error| anyhow!("splitting {}: {error:#}", wasm.display()))?;
    let parts = output
        .split_modules
        .iter()
        .map(|path| {
            fs::write(path, without_custom_sections(&fs::read(path)?)?)?;
            path.file_name()
                .and_then(|name| name.to_str())
                .map(str::to_owned)
                .with_context(|| format!("a part without a file name: {}", path.display()))
        })
        .collect::<Result<Vec<_>>>()?;
    let parts_by_page = output
        .prefetch_map
        .into_iter()
        .map(|(page, stems)| (page, stems.into_iter().map(|stem| format!("{stem}.wasm")).collect()))
        .collect();
    Ok(Split {
        main,
        parts,
        parts_by_page,
    })
}

/// The module without its custom sections: the splitter copies the function
/// names into every part, often more bytes than the part's code; browsers need
/// none of them (wasm-bindgen drops the main module's likewise).
fn without_custom_sections(module: &[u8]) -> Result<Vec<u8>> {
    const HEADER: usize = 8;
    ensure!(
        module.len() >= HEADER && module.starts_with(b"\0asm"),
        "not a wasm module"
    );
    let mut out = module[..HEADER].to_vec();
    let mut at = HEADER;
    while at < module.len() {
        let id = module[at];
        let (size, size_len) = leb128_u32(&module[at + 1..])?;
        let end = at + 1 + size_len + size as usize;
        ensure!(end <= module.len(), "a section runs past the end of the module");
        if id != 0 {
            out.extend_from_slice(&module[at..end]);
        }
        at = end;
    }
    Ok(out)
}

/// An unsigned LEB128 number and how many bytes it took.
fn leb128_u32(bytes: &[u8]) -> Result<(u32, usize)> {
    let mut value = 0u32;
    for (index, byte) in bytes.iter().take(5).enumerate() {
        value |= u32::from(byte & 0x7f) << (7 * index);
        if byte & 0x80 == 0 {
            return Ok((value, index + 1));
        }
    }
    bail!("a malformed section size")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_sections_are_dropped_and_the_rest_kept() -> Result<()> {
        let header = b"\0asm\x01\0\0\0";
        let custom = [0u8, 5, 4, b'n', b'a', b'm', b'e'];
        let types = [1u8, 1, 0];
        let module = [&header[..], &types, &custom, &types].concat();
        assert_eq!(
            without_custom_sections(&module)?,
            [&header[..], &types, &types].concat()
        );
        assert!(without_custom_sections(&[&header[..], &[1, 9, 0]].concat()).is_err());
        Ok(())
    }

    #[test]
    fn section_sizes_are_read_as_leb128() -> Result<()> {
        assert_eq!(leb128_u32(&[0x05])?, (5, 1));
        assert_eq!(leb128_u32(&[0xe5, 0x8e, 0x26])?, (624_485, 3));
        assert!(leb128_u32(&[0x80, 0x80]).is_err());
        Ok(())
    }
}
