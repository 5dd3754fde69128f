// The package through `require()`, as a CommonJS program uses it: every
// function is there at once and gives what the ES module entry gives, from
// the same wasm file.
"use strict";

const assert = require("node:assert/strict");
const { readdirSync } = require("node:fs");
const { dirname, join, relative } = require("node:path");
const { Readable } = require("node:stream");
const test = require("node:test");
const scopelens = require("scopelens");

const TOKEN = "EAAGm0PX4ZCpsBAKZBq6ZCZAxyzABCDEFGHIJKLMNOPqrstuvwxyz0123456789";
const GRAPH_ERROR = '{"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":463}}';
const LOG = `${GRAPH_ERROR}\n{"error":{"code":131005,"message":"(#131005) Access denied"}}\nINFO started\n{"error": {\n`;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function messageOf(call) {
  try {
    call();
  } catch (error) {
    return error.message;
  }
  throw new Error(`${call} did not throw`);
}

test("require() gets the CommonJS entry, and the package has one wasm file for both entries", () => {
  const entry = require.resolve("scopelens");
  const packageDir = dirname(require.resolve("scopelens/package.json"));
  assert.equal(relative(packageDir, entry), "index.cjs");
  const wasm = filesUnder(packageDir).filter((file) => file.endsWith(".wasm"));
  assert.deepEqual(wasm.map((file) => relative(packageDir, file)), [join("wasm", "scopelens_bg.wasm")]);
  for (const name of ["diagnose", "explain", "endpoint", "redact", "shareLink", "openLink", "triage", "LogTriage"]) {
    assert.equal(typeof scopelens[name], "function", name);
  }
});

test("every required function returns and throws what the ES module entry's does", async () => {
  const esm = await import("scopelens");
  const returning = [
    (m) => m.diagnose(GRAPH_ERROR, { now: 1760000000, intents: ["send_messages"], waba: "1", appId: "2" }),
    (m) => m.diagnose(`Authorization: Bearer ${TOKEN}`, { now: 1 }),
    (m) => m.diagnose("", { now: 1 }),
    (m) => m.explain("190/463"),
    (m) => m.explain(190, 463),
    (m) => m.explain(131999),
    (m) => m.endpoint("POST /v24.0/1234567890/messages"),
    (m) => m.redact(`token=${TOKEN}`),
    (m) => m.shareLink(`${GRAPH_ERROR}\n${TOKEN}`, "https://scopelens.example/", { now: 1760000000 }),
    (m) => m.openLink(m.shareLink(GRAPH_ERROR, "https://scopelens.example/", { now: 1760000000 })),
  ];
  for (const call of returning) {
    assert.deepEqual(call(scopelens), call(esm), String(call));
  }
  const throwing = [
    (m) => m.diagnose("{}", { intents: ["fly"] }),
    (m) => m.explain("abc"),
    (m) => m.endpoint(""),
    (m) => m.redact(),
    (m) => m.openLink("https://example.com/#nothing-here"),
  ];
  for (const call of throwing) {
    const message = messageOf(() => call(esm));
    assert.throws(() => call(scopelens), (e) => e instanceof Error && e.message === message, String(call));
  }
  const today = scopelens.diagnose(GRAPH_ERROR);
  assert.ok(Math.abs(today.now - Date.now() / 1000) < 60);
  assert.ok(!scopelens.shareLink(TOKEN, "https://scopelens.example/").includes(TOKEN));
});

test("the required triage reads a Node stream, an async iterable, a web stream and one string as the ES module's does", async () => {
  const esm = await import("scopelens");
  const expected = await esm.triage(LOG, { by: ["code"] });
  assert.equal(expected.total_errors, 2);
  async function* pieces() {
    for (const c of LOG) yield c;
  }
  assert.deepEqual(await scopelens.triage(LOG, { by: ["code"] }), expected);
  assert.deepEqual(await scopelens.triage(Readable.from([Buffer.from(LOG.slice(0, 50)), Buffer.from(LOG.slice(50))])), expected);
  assert.deepEqual(await scopelens.triage(pieces()), expected);
  assert.deepEqual(await scopelens.triage(new Blob([LOG]).stream()), expected);
  await assert.rejects(scopelens.triage(42), TypeError);
  await assert.rejects(scopelens.triage("", { by: ["planet"] }), (e) => e instanceof Error && /planet/.test(e.message));
  const reader = new scopelens.LogTriage();
  reader.push(LOG);
  assert.deepEqual(reader.finish(), expected);
  assert.throws(() => reader.push("more"), (e) => e instanceof Error && /finished/.test(e.message));
  reader.free();
});
