//! Compressed sizes and files, as served: gzip at its best level and brotli
//! at quality 11 (what `dist` precompresses and `bench` measures).

use std::io::Write;
use std::path::{Path, PathBuf};

pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = std::io::Write::write_all(&mut enc, bytes);
    enc.finish().map_or(0, |v| v.len() as u64)
}

pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

/// Extensions worth compressing ahead of time.
const COMPRESSIBLE: [&str; 6] = ["html", "js", "css", "wasm", "svg", "json"];

/// Writes `.br` and `.gz` beside every compressible file under `dir`, for
/// static hosts and for the test server (`tests/e2e/server.mjs`).
pub fn precompress(dir: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            written += precompress(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let mut br = path.as_os_str().to_owned();
        br.push(".br");
        std::fs::write(PathBuf::from(br), brotli_bytes(&bytes))?;
        let mut gz = path.as_os_str().to_owned();
        gz.push(".gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&bytes)?;
        std::fs::write(PathBuf::from(gz), enc.finish()?)?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_wasm_get_brotli_and_gzip_copies_beside_them() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("guide")).unwrap();
        let text = "console.log('hello');".repeat(50);
        std::fs::write(dir.join("guide").join("app.js"), &text).unwrap();
        std::fs::write(dir.join("photo.png"), [0u8; 16]).unwrap();
        assert_eq!(precompress(&dir).unwrap(), 1);
        let br = std::fs::read(dir.join("guide").join("app.js.br")).unwrap();
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unpacked).unwrap();
        assert_eq!(unpacked, text.as_bytes());
        assert!(dir.join("guide").join("app.js.gz").is_file());
        assert!(!dir.join("photo.png.br").exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
