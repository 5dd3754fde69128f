//! What the live check's browser tests need: the fake Graph API
//! (`scopelens-fakegraph`, run on a free port inside this process, so it
//! ends with it). The tests' server adds its origin to the served page's
//! Content-Security-Policy; the production build in `target/dist/` is never
//! changed: its `connect-src` stays `'self' https://graph.facebook.com`.

/// Starts the fake Graph API on 127.0.0.1; returns its URL (`http://127.0.0.1:PORT`).
pub fn start() -> Result<String, String> {
    let server = scopelens_fakegraph::FakeGraph::start()
        .map_err(|e| format!("cannot start the fake Graph API: {e}"))?;
    Ok(server.url())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fake_graph_answers() {
        let url = start().unwrap();
        assert!(url.starts_with("http://127.0.0.1:"));
    }
}
