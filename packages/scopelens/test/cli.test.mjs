// `npx scopelens` prints what the Rust CLI prints and exits with the same
// status: fixtures of every verdict in every format, the other commands,
// and the usage errors.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";
import { gzipSync } from "node:zlib";
import { contextArgs, FIXTURES, manifest, npx, rust } from "./helpers.mjs";

function same(args, input) {
  const expected = rust(args, input);
  const actual = npx(args, input);
  assert.equal(actual.stdout, expected.stdout, `stdout of scopelens ${args.join(" ")}`);
  assert.equal(actual.status, expected.status, `status of scopelens ${args.join(" ")}: ${actual.stderr}`);
  return actual;
}

// One fixture per verdict, so every exit status is seen.
function fixturePerVerdict() {
  const chosen = new Map();
  for (const fixture of manifest()) {
    if (!chosen.has(fixture.expect.verdict)) chosen.set(fixture.expect.verdict, fixture);
  }
  return [...chosen.values()];
}

for (const fixture of fixturePerVerdict()) {
  test(`diagnose ${fixture.file} (${fixture.expect.verdict}) prints and exits as the Rust CLI does in every format`, () => {
    const file = join(FIXTURES, fixture.file);
    const statuses = new Set();
    for (const format of ["text", "json", "markdown"]) {
      statuses.add(same(["diagnose", file, "--format", format, ...contextArgs(fixture.context)]).status);
    }
    assert.equal(statuses.size, 1);
  });
}

test("diagnose reads standard input when no file is named, and intents and kinds as loosely as the Rust CLI", () => {
  const text = readFileSync(join(FIXTURES, "debug_token/expired_463.json"), "utf8");
  same(["diagnose", "--now=1760000000", "--intent", "send_messages"], text);
  same(["diagnose", "--now=1760000000", "--intent", "Send-Messages", "--kind", "Graph Error", "--format", "json"], text);
  assert.equal(same(["diagnose", "--kind", "unknown"], text).status, 2);
});

test("explain prints as the Rust CLI does for a known code, an unknown one and a malformed one", () => {
  same(["explain", "190/463"]);
  same(["explain", "190/463", "--format", "markdown"]);
  assert.equal(same(["explain", "131999", "--format", "json"]).status, 1);
  assert.equal(same(["explain", "abc"]).status, 2);
});

test("endpoint prints as the Rust CLI does for a match, no match and no path", () => {
  same(["endpoint", "POST /v24.0/1234567890/messages"]);
  same(["endpoint", "GET /v24.0/1234/phone_numbers", "--format", "json"]);
  assert.equal(same(["endpoint", "GET /v24.0/1234/no_such_edge_here"]).status, 1);
  assert.equal(same(["endpoint", ""]).status, 2);
});

test("share prints the Rust CLI's link, and open reads it back as the Rust CLI does", () => {
  const file = join(FIXTURES, "debug_token/expired_463.json");
  const shared = same(["share", file, "--now", "1760000000", "--base", "https://scopelens.example/"]);
  const link = shared.stdout.trim();
  assert.ok(link.startsWith("https://scopelens.example/#"));
  same(["open", link]);
  same(["open", link, "--format", "json"]);
  assert.equal(same(["open", "https://scopelens.example/#garbage"]).status, 2);
});

test("triage prints the Rust CLI's report in every format, for plain and gzip logs", () => {
  const dir = mkdtempSync(join(tmpdir(), "scopelens-triage-"));
  const failed = (code, phone, time) => JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "111", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp", metadata: { phone_number_id: phone },
      statuses: [{ id: "wamid.x", status: "failed", timestamp: String(time), recipient_id: "1",
        errors: [{ code, title: "failed" }] }] } }] }],
  });
  const lines = [];
  for (let i = 0; i < 40; i++) lines.push(failed([131026, 131047, 130429][i % 3], String(200 + (i % 2)), 1700000000 + i * 3600));
  lines.push("2024-01-01T00:00:00Z ERROR {'error': {'code': 190, 'type': 'OAuthException', 'message': 'x'}}", "{broken");
  const plain = join(dir, "webhooks.jsonl");
  writeFileSync(plain, `${lines.join("\n")}\n`);
  const gz = join(dir, "webhooks.jsonl.gz");
  writeFileSync(gz, gzipSync(readFileSync(plain)));
  for (const format of ["text", "json", "markdown", "csv"]) {
    same(["triage", plain, gz, "--by", "code", "--by", "phone", "--format", format]);
  }
  same(["triage", "--by", "day", "--format", "csv"], readFileSync(plain, "utf8"));
  assert.equal(same(["triage", join(dir, "missing.jsonl"), "--format", "json"]).status, 2);
  assert.equal(same(["triage", plain, "--by", "planet"]).status, 2);
});

test("usage errors exit with the Rust CLI's status, and check says it is Rust-only", () => {
  for (const args of [["diagnose", "--format", "yaml"], ["diagnose", "--bogus"], ["explain"], ["fly"], ["diagnose", "--now", "soon"]]) {
    assert.equal(npx(args).status, rust(args).status, args.join(" "));
  }
  const check = npx(["check"]);
  assert.equal(check.status, 2);
  assert.match(check.stderr, /Rust CLI only/);
});
