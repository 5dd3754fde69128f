// The browser-test harness shared by every tests/e2e/*.mjs file: the server,
// Chromium, a page that records what must never happen, and a tiny runner.
// Test files register tests with `test(name, fn)`; run.mjs runs them all.
//
// Run by `cargo xtask e2e` (and `cargo xtask test`), which builds the site,
// serves it and sets SCOPELENS_E2E_URL and NODE_PATH. Standalone:
//   NODE_PATH=~/.cache/scopelens/tools/e2e-playwright-1.64.1/node_modules \
//     node tests/e2e/run.mjs            # serves target/dist itself
//
// Uses playwright-core with Debian's /usr/bin/chromium: nothing is downloaded.

import { createRequire } from "node:module";
import { readFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES = join(ROOT, "tests", "fixtures");
export const fixture = (path) => readFileSync(join(FIXTURES, path), "utf8");
export const manifest = JSON.parse(fixture("manifest.json")).fixtures;

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// ---------------------------------------------------------------------------
// Server: the one xtask started, or our own over target/dist.

async function baseUrl() {
  if (process.env.SCOPELENS_E2E_URL) return { url: process.env.SCOPELENS_E2E_URL, close: () => {} };
  const dist = join(ROOT, "target", "dist");
  if (!existsSync(join(dist, "index.html"))) throw new Error("target/dist is not built: run `cargo xtask dist`");
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    if (path.includes("..")) return res.writeHead(404).end();
    let file = join(dist, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

// ---------------------------------------------------------------------------
// Harness

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
export function eq(actual, expected, what) {
  assert(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export let BASE;
export let browser;
export const problems = []; // console errors, page errors, CSP violations, foreign requests

/// A fresh context and page that records everything that must not happen.
/// `allowOrigins` (e.g. the fake Graph API of the live-check tests) may be
/// requested, and the browser's own "Failed to load resource" errors for
/// HTTP error answers from them are expected, not problems.
/// The page fetches the tool views' module once it is idle, unless the user
/// has Save-Data on: pages opened here have it on, so that what a test does
/// is what loads the module, unless `prefetch` is true.
export async function open(hash = "", { now, colorScheme, viewport, allowOrigins = [], prefetch = false } = {}) {
  const allowed = (url) => {
    try {
      return allowOrigins.includes(new URL(url).origin);
    } catch {
      return false;
    }
  };
  const context = await browser.newContext({ colorScheme: colorScheme || "light", viewport: viewport || { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(BASE).origin });
  const page = await context.newPage();
  const label = `page ${hash || "/"}`;
  page.on("console", (msg) => {
    const expected = msg.text().startsWith("Failed to load resource") && allowed(msg.location().url);
    if (msg.type() === "error" && !expected) problems.push(`${label}: console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`${label}: page error: ${err.message}`));
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(BASE) && !url.startsWith("data:") && !allowed(url)) problems.push(`${label}: request to ${url}`);
  });
  if (!prefetch) {
    await page.addInitScript(() => Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true }));
  }
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (now !== undefined) await page.clock.setFixedTime(new Date(now * 1000));
  await page.goto(BASE + hash);
  await page.waitForSelector("nav.views");
  return { context, page };
}

export async function finish({ context, page }) {
  const csp = await page.evaluate(() => window.__csp);
  for (const v of csp) problems.push(`CSP violation: ${v}`);
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
  assert(storage.local === 0 && storage.session === 0 && storage.cookie === "", `storage used: ${JSON.stringify(storage)}`);
  assert((await page.evaluate(() => window.__pwned)) === undefined, "window.__pwned was set: pasted HTML ran");
  await context.close();
}

export const paste = (page, text) => page.fill("textarea.sl-input", text);
export const verdict = (page) => page.getAttribute("[data-verdict]", "data-verdict");
export const kind = (page) => page.getAttribute(".detected-kind", "data-kind");
export const findingIds = (page) => page.$$eval(".finding", (els) => els.map((e) => e.dataset.id));

/** Opens the scope check's "Checking for: … (change)" disclosure(s), where the intents and IDs are. */
export async function openScopeCheck(page) {
  await page.locator(".scope-matrix details.scope-intents").first().waitFor();
  await page.evaluate(() => document.querySelectorAll(".scope-matrix details.scope-intents").forEach((d) => (d.open = true)));
}

/**
 * Sets the intents and IDs in the scope check. The check is shown only for
 * pastes that carry permissions: without it nothing is set, and a context
 * that is not the default then fails the test (paste first).
 */
export async function setContext(page, ctx) {
  const wanted = new Set(ctx.intents || []);
  if (!(await page.$(".scope-matrix"))) {
    const plain = wanted.size === 0 && !ctx.waba_id && !ctx.app_id;
    assert(plain, `no scope check on the page to set ${JSON.stringify(ctx)} in: paste something with permissions first`);
    return;
  }
  await openScopeCheck(page);
  for (const box of await page.$$(".scope-matrix input[data-intent]")) {
    const slug = await box.getAttribute("data-intent");
    if ((await box.isChecked()) !== wanted.has(slug)) await box.click();
  }
  await page.fill("input.sl-waba", ctx.waba_id || "");
  await page.fill("input.sl-app", ctx.app_id || "");
}

// ---------------------------------------------------------------------------
// Runner

const tests = [];
export const test = (name, fn) => tests.push({ name, fn });

/** Runs every registered test (or those whose name contains `only`); exits. */
export async function runAll(only) {
  const server = await baseUrl();
  BASE = server.url;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  let failed = 0;
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const before = problems.length;
    const started = Date.now();
    try {
      await t.fn();
      if (problems.length > before) throw new Error(problems.slice(before).join("\n  "));
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}\n  ${e.message}`);
    }
  }
  await browser.close();
  server.close();
  console.log(failed ? `\n${failed} e2e test(s) failed` : `\nall e2e tests passed (${BASE})`);
  process.exit(failed ? 1 : 0);
}
