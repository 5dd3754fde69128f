// Every function of the installed package, from a program's point of view:
// what it returns, and the Error it throws for bad input.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import test from "node:test";
import {
  diagnose,
  endpoint,
  explain,
  LogTriage,
  openLink,
  redact,
  shareLink,
  triage,
} from "scopelens";
import { FIXTURES } from "./helpers.mjs";

const TOKEN = "EAAGm0PX4ZCpsBAKZBq6ZCZAxyzABCDEFGHIJKLMNOPqrstuvwxyz0123456789";
const EXPIRED = readFileSync(join(FIXTURES, "debug_token/expired_463.json"), "utf8");
const FAILED_STATUS = JSON.stringify({
  object: "whatsapp_business_account",
  entry: [{ id: "111", changes: [{ field: "messages", value: {
    messaging_product: "whatsapp",
    metadata: { phone_number_id: "222" },
    statuses: [{ id: "wamid.1", status: "failed", timestamp: "1700000000", recipient_id: "1",
      errors: [{ code: 131026, title: "Message undeliverable" }] }],
  } }] }],
});

test("a Graph API error is diagnosed with its code, verdict and schema", () => {
  const d = diagnose(
    '{"error":{"message":"(#131005) Access denied","type":"OAuthException","code":131005,"fbtrace_id":"A1"}}',
    { now: 1760000000 },
  );
  assert.equal(d.schema, "scopelens/diagnosis/v1");
  assert.equal(d.input.kind, "graph_error");
  assert.equal(d.verdict, "action_required");
  assert.ok(d.findings.some((f) => f.code === 131005));
  assert.equal(d.now, 1760000000);
});

test("the options change the diagnosis and default to now", () => {
  const asOf = diagnose(EXPIRED, { now: 1, intents: ["send_messages"], waba: "102290129340398", appId: "1" });
  assert.equal(asOf.now, 1);
  const today = diagnose(EXPIRED);
  assert.ok(Math.abs(today.now - Date.now() / 1000) < 60);
  const forced = diagnose(EXPIRED, { now: 1, kind: "graph_error" });
  assert.equal(forced.input.kind, "graph_error");
  assert.equal(forced.input.detected, "debug_token");
  const loose = diagnose(EXPIRED, { now: 1, intents: ["Manage-Templates"], kind: "Graph Error" });
  assert.deepEqual(loose, diagnose(EXPIRED, { now: 1, intents: ["manage_templates"], kind: "graph_error" }));
});

test("a mistaken option is an Error that names it", () => {
  assert.throws(() => diagnose("{}", { intents: ["fly"] }), (e) => e instanceof Error && /fly/.test(e.message));
  assert.throws(() => diagnose("{}", { app_id: "1" }), (e) => e instanceof Error && /app_id/.test(e.message));
  assert.throws(() => diagnose("{}", { kind: "unknown" }), (e) => e instanceof Error && /kind/.test(e.message));
  assert.throws(() => diagnose("{}", { now: "soon" }), Error);
});

test("an unreadable paste is a diagnosis with the verdict invalid_input, not an Error", () => {
  const d = diagnose("", { now: 1 });
  assert.equal(d.verdict, "invalid_input");
  assert.equal(d.input.error.reason, "empty");
});

test("a token in the input never comes back in the diagnosis", () => {
  const d = diagnose(`Authorization: Bearer ${TOKEN}\n{"error":{"code":190,"error_subcode":463,"message":"expired"}}`, { now: 1 });
  assert.ok(!JSON.stringify(d).includes(TOKEN));
  assert.ok(d.input.secrets_redacted >= 1);
});

test("a code is explained by number, by text and with a separate subcode", () => {
  const byText = explain("190/463");
  assert.equal(byText.known, true);
  assert.equal(byText.label, "190/463");
  assert.equal(byText.entry.code, 190);
  assert.deepEqual(explain(190, 463), byText);
  const unknown = explain(131999);
  assert.equal(unknown.known, false);
  assert.equal(typeof unknown.family.name, "string");
});

test("a code that is not a number is an Error with the reader's words", () => {
  assert.throws(() => explain("abc"), (e) => e instanceof Error && e.message.startsWith("`abc`"));
  assert.throws(() => explain({}), Error);
});

test("a request is matched to the permission it needs", () => {
  const found = endpoint("POST /v24.0/1234567890/messages");
  assert.equal(found.method, "POST");
  assert.equal(found.version, "v24.0");
  assert.ok(found.candidates[0].permissions.includes("whatsapp_business_messaging"));
  assert.equal(endpoint("GET /v24.0/1234/no_such_edge_here").candidates.length, 0);
});

test("a request without a path is an Error that says what to write", () => {
  assert.throws(() => endpoint(""), (e) => e instanceof Error && /POST \/v24.0/.test(e.message));
  assert.throws(() => endpoint("FLY /v24.0/1"), (e) => e instanceof Error && /FLY/.test(e.message));
});

test("redact removes a token and counts it", () => {
  const r = redact(`token=${TOKEN} and more`);
  assert.ok(!r.text.includes(TOKEN));
  assert.equal(r.count, 1);
  assert.deepEqual(redact("nothing secret"), { text: "nothing secret", count: 0 });
  assert.throws(() => redact(), Error);
});

test("a share link opens to the same diagnosis, without the token", () => {
  const text = `${EXPIRED}\n${TOKEN}`;
  const link = shareLink(text, "https://scopelens.example/#old", { now: 1760000000, waba: "102290129340398" });
  assert.ok(link.startsWith("https://scopelens.example/#"));
  assert.ok(!link.includes(TOKEN));
  const opened = openLink(link);
  assert.equal(opened.now, 1760000000);
  assert.equal(opened.input.kind, "debug_token");
  assert.equal(opened.verdict, diagnose(EXPIRED, { now: 1760000000, waba: "102290129340398" }).verdict);
});

test("a link that is not one, and bad share options, are Errors", () => {
  assert.throws(() => openLink("https://example.com/#nothing-here"), Error);
  assert.throws(() => shareLink("{}", "https://x/", { intents: ["fly"] }), Error);
});

test("triage reads a Node stream, an async iterable, a web stream and one string alike", async () => {
  const log = `${FAILED_STATUS}\n${FAILED_STATUS}\nINFO worker started\n{"error": {"code": \n`;
  const fromStream = await triage(Readable.from([Buffer.from(log.slice(0, 100)), Buffer.from(log.slice(100))]));
  assert.equal(fromStream.schema, "scopelens/triage/v1");
  assert.equal(fromStream.total_errors, 2);
  assert.equal(fromStream.groups[0].key.code, 131026);
  assert.equal(fromStream.lines_without_errors, 1);
  assert.equal(fromStream.unreadable_lines, 1);
  async function* pieces() {
    for (const c of log) yield c;
  }
  assert.deepEqual(await triage(pieces()), fromStream);
  assert.deepEqual(await triage(new Blob([log]).stream()), fromStream);
  assert.deepEqual(await triage(log), fromStream);
  const byPhone = await triage(log, { by: ["phone", "day"] });
  assert.deepEqual(byPhone.by, ["phone", "day"]);
  assert.equal(byPhone.groups[0].key.phone, "222");
});

test("triage of a bad source or grouping rejects with an Error", async () => {
  await assert.rejects(triage(42), TypeError);
  await assert.rejects(triage([{}]), (e) => e instanceof Error && /Uint8Array or a string/.test(e.message));
  await assert.rejects(triage("", { by: ["planet"] }), (e) => e instanceof Error && /planet/.test(e.message));
});

test("LogTriage takes chunks itself and refuses more after finish", () => {
  const reader = new LogTriage({ by: ["code"] });
  reader.push(new TextEncoder().encode(FAILED_STATUS));
  reader.push("\n");
  const report = reader.finish();
  assert.equal(report.total_errors, 1);
  assert.throws(() => reader.push("more"), (e) => e instanceof Error && /finished/.test(e.message));
  reader.free();
});
