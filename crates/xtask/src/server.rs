//! A tiny std-only static file server for `target/dist/` (local preview and
//! the end-to-end tests). GET and HEAD only, no directory listings, no path
//! traversal, correct MIME types (including `application/wasm`).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;

/// Binds `addr` (port 0 picks a free one) and serves `root` on background
/// threads. Returns the bound address.
pub fn start(root: PathBuf, addr: &str) -> std::io::Result<std::net::SocketAddr> {
    let listener = TcpListener::bind(addr)?;
    let local = listener.local_addr()?;
    let root = Arc::new(root);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = Arc::clone(&root);
            thread::spawn(move || {
                let _ = handle(stream, &root);
            });
        }
    });
    Ok(local)
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request path to a file under `root`, refusing anything that could
/// leave it.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

/// The best precompressed copy of `file` the client accepts.
fn precompressed(file: &Path, accepts: &str) -> Option<(&'static str, Vec<u8>)> {
    [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .find_map(|(encoding, ext)| {
            if !accepts
                .split(',')
                .any(|a| a.trim().split(';').next() == Some(encoding))
            {
                return None;
            }
            let mut name = file.as_os_str().to_owned();
            name.push(format!(".{ext}"));
            std::fs::read(PathBuf::from(name))
                .ok()
                .map(|b| (encoding, b))
        })
}

/// Extensions worth compressing ahead of time.
const COMPRESSIBLE: [&str; 6] = ["html", "js", "css", "wasm", "svg", "json"];

/// Writes `.br` and `.gz` beside every compressible file under `dir`, for
/// static hosts and for [`start`].
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
        std::fs::write(PathBuf::from(br), crate::compress::brotli_bytes(&bytes))?;
        let mut gz = path.as_os_str().to_owned();
        gz.push(".gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&bytes)?;
        std::fs::write(PathBuf::from(gz), enc.finish()?)?;
        written += 1;
    }
    Ok(written)
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Only Accept-Encoding matters among the headers.
    let mut accepts = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accepts = value.trim().to_ascii_lowercase();
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let plain = |s: &str| {
        vec![
            ("Content-Type", "text/plain; charset=utf-8".to_string()),
            ("Allow", s.to_string()),
        ]
    };
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            &plain("GET, HEAD"),
            b"method not allowed\n",
            false,
        );
    }
    let head_only = method == "HEAD";
    match resolve(root, target).and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((file, body)) => {
            let mut headers = vec![
                ("Content-Type", mime(&file).to_string()),
                ("Cache-Control", "no-cache".to_string()),
                ("X-Content-Type-Options", "nosniff".to_string()),
                ("Referrer-Policy", "no-referrer".to_string()),
                ("Vary", "Accept-Encoding".to_string()),
            ];
            // `cargo xtask dist` writes .br and .gz beside each text and wasm file.
            let body = match precompressed(&file, &accepts) {
                Some((encoding, packed)) => {
                    headers.push(("Content-Encoding", encoding.to_string()));
                    packed
                }
                None => body,
            };
            respond(&mut stream, "200 OK", &headers, &body, head_only)
        }
        None => respond(
            &mut stream,
            "404 Not Found",
            &plain("GET, HEAD"),
            b"not found\n",
            head_only,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("x.js")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("index.html")), "text/html; charset=utf-8");
    }

    #[test]
    fn serves_brotli_when_accepted() {
        let dir = std::env::temp_dir().join(format!("xtask-server-br-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("app.js"), "console.log('hello');".repeat(50)).unwrap();
        assert_eq!(precompress(&dir).unwrap(), 1);
        let addr = start(dir.clone(), "127.0.0.1:0").unwrap();
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET /app.js HTTP/1.1\r\nAccept-Encoding: gzip, br\r\n\r\n")
            .unwrap();
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut s, &mut body).unwrap();
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("Content-Encoding: br"), "{text}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn traversal_is_refused() {
        let root = std::env::temp_dir();
        assert!(resolve(&root, "/../etc/passwd").is_none());
        assert!(resolve(&root, "/%2e%2e/etc/passwd").is_none());
        assert!(resolve(&root, "/a/../../b").is_none());
    }

    #[test]
    fn serves_a_file_over_http() {
        let dir = std::env::temp_dir().join(format!("xtask-server-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        let addr = start(dir.clone(), "127.0.0.1:0").unwrap();
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET /?x=1 HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut body = String::new();
        std::io::Read::read_to_string(&mut s, &mut body).unwrap();
        assert!(body.starts_with("HTTP/1.1 200 OK"), "{body}");
        assert!(body.contains("text/html"));
        assert!(body.ends_with("<p>hi</p>"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
