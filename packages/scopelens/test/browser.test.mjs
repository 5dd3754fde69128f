// The entry browsers and bundlers get (`exports["."].default`): it fetches
// the wasm from beside itself. Node has no fetch for file URLs, so this test
// gives it one, the way a browser serves the package's files.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import test from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const packageDir = dirname(createRequire(import.meta.url).resolve("scopelens/package.json"));

test("the browser entry fetches its wasm from beside itself and exports every function", async () => {
  const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
  const entry = manifest.exports["."].default;
  const fetched = [];
  const nodeFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    fetched.push(String(url));
    const bytes = await readFile(fileURLToPath(url));
    return new Response(bytes, { headers: { "content-type": "application/wasm" } });
  };
  try {
    const browser = await import(pathToFileURL(join(packageDir, entry)).href);
    assert.deepEqual(fetched, [pathToFileURL(join(packageDir, "wasm/scopelens_bg.wasm")).href]);
    for (const name of ["diagnose", "explain", "endpoint", "redact", "shareLink", "openLink", "triage", "LogTriage"]) {
      assert.equal(typeof browser[name], "function", name);
    }
    assert.equal(browser.diagnose('{"error":{"code":190,"error_subcode":463}}', { now: 1 }).verdict, "action_required");
    assert.equal((await browser.triage('{"error":{"code":190}}\n')).total_errors, 1);
  } finally {
    globalThis.fetch = nodeFetch;
  }
});
