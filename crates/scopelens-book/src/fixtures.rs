//! The fixture corpus (`tests/fixtures/manifest.json`): the only place the
//! guide's examples may come from, so that every payload a reader sees is one
//! the test suite checks.

use scopelens_core::kb::IntentId;
use scopelens_core::{diagnose, Context};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One manifest entry: a file, the context it is diagnosed in, and what the
/// diagnosis must say.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixture {
    pub file: String,
    pub note: String,
    pub source: String,
    pub now: i64,
    pub intents: Vec<String>,
    pub waba_id: Option<String>,
    pub app_id: Option<String>,
    pub expect_kind: String,
    pub expect_verdict: String,
}

impl Fixture {
    /// The diagnosis context this entry is checked in.
    pub fn context(&self) -> Result<Context, String> {
        let intents = self
            .intents
            .iter()
            .map(|s| {
                IntentId::parse(s).ok_or_else(|| format!("unknown intent `{s}` in the manifest"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Context {
            now: self.now,
            intents,
            waba_id: self.waba_id.clone(),
            app_id: self.app_id.clone(),
            kind: None,
        })
    }
}

/// The manifest and the directory it lives in.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub dir: PathBuf,
    pub fixtures: Vec<Fixture>,
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

impl Corpus {
    /// Reads `<dir>/manifest.json`.
    pub fn load(dir: &Path) -> Result<Corpus, String> {
        let path = dir.join("manifest.json");
        let raw = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let json: Value = serde_json::from_str(&raw)
            .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
        let entries = json["fixtures"]
            .as_array()
            .ok_or_else(|| format!("{} has no `fixtures` array", path.display()))?;
        let mut fixtures = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let ctx = &entry["context"];
            let expect = &entry["expect"];
            let missing = |what: &str| format!("manifest entry {i} has no {what}");
            fixtures.push(Fixture {
                file: text(entry, "file").ok_or_else(|| missing("file"))?,
                note: text(entry, "note").unwrap_or_default(),
                source: text(entry, "source").unwrap_or_default(),
                now: ctx["now"].as_i64().ok_or_else(|| missing("context.now"))?,
                intents: ctx["intents"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect(),
                waba_id: text(ctx, "waba_id"),
                app_id: text(ctx, "app_id"),
                expect_kind: text(expect, "kind").ok_or_else(|| missing("expect.kind"))?,
                expect_verdict: text(expect, "verdict").ok_or_else(|| missing("expect.verdict"))?,
            });
        }
        Ok(Corpus {
            dir: dir.to_path_buf(),
            fixtures,
        })
    }

    /// The `n`-th manifest entry (1-based) for `file`.
    pub fn entry(&self, file: &str, n: usize) -> Result<&Fixture, String> {
        let all: Vec<&Fixture> = self.fixtures.iter().filter(|f| f.file == file).collect();
        if all.is_empty() {
            return Err(format!(
                "`{file}` is not in the fixture manifest: the guide shows only payloads the tests check"
            ));
        }
        all.get(n.wrapping_sub(1)).copied().ok_or_else(|| {
            format!(
                "`{file}` has {} manifest entr{}, not {n}",
                all.len(),
                if all.len() == 1 { "y" } else { "ies" }
            )
        })
    }

    /// The file's text, verbatim.
    pub fn read(&self, file: &str) -> Result<String, String> {
        let relative = Path::new(file);
        if relative.is_absolute()
            || relative
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(format!(
                "`{file}` is not a plain path inside the fixture directory"
            ));
        }
        let path = self.dir.join(relative);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }

    /// Reads the entry's file and checks that today's core still gives the
    /// manifest's kind and verdict for it, so the guide never shows an
    /// example whose stated outcome is wrong.
    pub fn checked_text(&self, fixture: &Fixture) -> Result<String, String> {
        let text = self.read(&fixture.file)?;
        let d = diagnose(&text, &fixture.context()?);
        let (kind, verdict) = (d.kind().id(), d.verdict.id());
        if kind != fixture.expect_kind || verdict != fixture.expect_verdict {
            return Err(format!(
                "`{}` gives {kind}/{verdict}, but the manifest expects {}/{}; fix the core or the manifest first",
                fixture.file, fixture.expect_kind, fixture.expect_verdict
            ));
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn corpus() -> Corpus {
        Corpus::load(&crate::default_fixture_dir()).expect("the fixture manifest loads")
    }

    #[test]
    fn finds_entries_and_refuses_unknown_files() {
        let c = corpus();
        let first = c.entry("debug_token/system_user_never.json", 1).unwrap();
        assert_eq!(first.expect_verdict, "ok");
        assert!(c.entry("debug_token/system_user_never.json", 0).is_err());
        assert!(c.entry("debug_token/system_user_never.json", 99).is_err());
        assert!(c.entry("debug_token/not_there.json", 1).is_err());
        assert!(c.read("../manifest.json").is_err());
        assert!(c.read("/etc/passwd").is_err());
    }

    #[test]
    fn checked_text_matches_the_manifest() {
        let c = corpus();
        let f = c.entry("debug_token/embedded_signup_user.json", 1).unwrap();
        assert!(c.checked_text(f).unwrap().contains("target_ids"));
    }
}
