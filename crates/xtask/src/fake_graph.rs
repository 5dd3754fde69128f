//! What the live check's browser tests need: the fake Graph API
//! (`scopelens-fakegraph`, run on a free port inside this process, so it
//! ends with it) and a copy of the built site whose Content-Security-Policy
//! also lets the page connect to that server (`target/dist-test/run-<pid>/`,
//! removed after the run). The production build in
//! `target/dist/` is never changed: its `connect-src` stays
//! `'self' https://graph.facebook.com`.

use std::path::{Path, PathBuf};

/// Starts the fake Graph API on 127.0.0.1; returns its URL (`http://127.0.0.1:PORT`).
pub fn start() -> Result<String, String> {
    let server = scopelens_fakegraph::FakeGraph::start()
        .map_err(|e| format!("cannot start the fake Graph API: {e}"))?;
    Ok(server.url())
}

/// A copy of the site for the browser tests; removed when dropped.
pub struct TestSite {
    pub dir: PathBuf,
}

impl Drop for TestSite {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Copies `dist` to `target/dist-test/run-<pid>/` (one per run, so runs at
/// the same time, or a rebuild of `dist` during a run, do not disturb each
/// other) and adds `origin` to the copy's `connect-src`.
pub fn test_site(dist: &Path, origin: &str) -> Result<TestSite, String> {
    let out = crate::root()
        .join("target")
        .join("dist-test")
        .join(format!("run-{}", std::process::id()));
    if out.exists() {
        std::fs::remove_dir_all(&out)
            .map_err(|e| format!("cannot remove {}: {e}", out.display()))?;
    }
    let site = TestSite { dir: out.clone() };
    copy_dir(dist, &out)
        .map_err(|e| format!("cannot copy {} to {}: {e}", dist.display(), out.display()))?;
    let index = out.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let patched = allow_connect(&html, origin)?;
    std::fs::write(&index, patched)
        .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    // Precompressed copies (from `dist`) would still carry the old policy.
    for stale in ["index.html.br", "index.html.gz"] {
        let _ = std::fs::remove_file(out.join(stale));
    }
    Ok(site)
}

/// Adds `origin` to the `connect-src` directive of the page's CSP.
fn allow_connect(html: &str, origin: &str) -> Result<String, String> {
    let start = html
        .find("connect-src ")
        .ok_or("the site's index.html has no connect-src directive")?;
    let end = start
        + html[start..]
            .find([';', '"'])
            .ok_or("the site's connect-src directive does not end")?;
    Ok(format!("{} {origin}{}", &html[..end], &html[end..]))
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extends_only_connect_src() {
        let html = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self' https://graph.facebook.com; base-uri 'none'">"#;
        let out = allow_connect(html, "http://127.0.0.1:4711").unwrap();
        assert!(out.contains(
            "connect-src 'self' https://graph.facebook.com http://127.0.0.1:4711; base-uri"
        ));
        assert!(allow_connect("<p>no csp</p>", "http://x").is_err());
    }

    #[test]
    fn the_fake_graph_answers() {
        let url = start().unwrap();
        assert!(url.starts_with("http://127.0.0.1:"));
    }
}
