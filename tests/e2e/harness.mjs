// The one browser-test harness, on Node's own runner (`node --test`), shared
// by the app's tests (tests/e2e/*.test.mjs), the guide's (tests/e2e/book.mjs)
// and the browser benchmark (tests/bench/browser.mjs): the static server, the
// Chromium launch, a page that records what must never happen, and `test`.
//
// The static server is server.mjs's, serving the built site on a free port.
//
// Run by `cargo xtask e2e [FILTER]` and `cargo xtask book`, which build the
// site and set NODE_PATH (and SCOPELENS_FAKE_GRAPH for the live check).
// Against a site that is already built:
//   NODE_PATH=~/.cache/scopelens/tools/e2e-playwright-1.64.1/node_modules \
//     node --test --test-concurrency=1 tests/e2e/            # the app
//   ... node --test tests/e2e/book.mjs                       # the guide
//   ... node --test --test-name-pattern=triage tests/e2e/    # some tests
// Environment: SCOPELENS_DIST (what to serve; default target/dist),
// SCOPELENS_FAKE_GRAPH (the fake Graph API's origin, added to the served
// page's connect-src), CHROMIUM (default /usr/bin/chromium).
//
// Uses playwright-core with Debian's Chromium: nothing is downloaded.

import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { test as nodeTest, after } from "node:test";
import strict from "node:assert/strict";
import { serve, allowConnect } from "./server.mjs";

export { serve, allowConnect };

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES = join(ROOT, "tests", "fixtures");
export const fixture = (path) => readFileSync(join(FIXTURES, path), "utf8");
export const manifest = JSON.parse(fixture("manifest.json")).fixtures;

/** The built site (the app at its root, the guide under guide/). */
export const DIST = resolve(process.env.SCOPELENS_DIST || join(ROOT, "target", "dist"));
/** The fake Graph API the live-check tests call, if one runs. */
export const FAKE_GRAPH = process.env.SCOPELENS_FAKE_GRAPH || "";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium with the flags every test and benchmark uses. */
export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

if (!existsSync(DIST)) {
  throw new Error(`${DIST} does not exist: run \`cargo xtask dist\`, or point SCOPELENS_DIST at a built site`);
}
const site = await serve(DIST, { connectSrc: FAKE_GRAPH ? [FAKE_GRAPH] : [] });

/** The served site's address, ending in `/` (the guide is at `${BASE}guide/`). */
export const BASE = site.url;
/** The browser every test of this file shares; launched before the first test runs. */
export let browser;
/** Console errors, page errors, CSP violations, foreign requests: each fails the test it happens in. */
export const problems = [];

let closesAfterTests = false;
/** Closes the browser and the server once this file's tests are done. */
function closeAfterTests() {
  if (closesAfterTests) return;
  closesAfterTests = true;
  after(async () => {
    await browser?.close();
    await site.close();
  });
}

// ---------------------------------------------------------------------------
// Assertions (node:assert/strict, with the message saying what differs)

export function assert(cond, message) {
  strict.ok(cond, message);
}
export function eq(actual, expected, what) {
  strict.equal(actual, expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// ---------------------------------------------------------------------------
// Tests

const setups = [];
let setUp;
/**
 * Runs `setup` once, before the first of this file's tests runs: unlike
 * node:test's `before`, not at all when a name filter leaves none to run.
 */
export const beforeFirstTest = (setup) => setups.push(setup);

/**
 * Registers a test with node:test. The browser is up and the file's
 * `beforeFirstTest` setups have run when `fn` runs, and anything recorded in
 * `problems` while it ran fails it. `options` are node:test's (`timeout`,
 * `skip`, ...).
 */
export function test(name, fn, options = {}) {
  closeAfterTests();
  nodeTest(name, { timeout: 10 * 60_000, ...options }, async (t) => {
    setUp ||= (async () => {
      browser = await launchBrowser();
      for (const setup of setups) await setup();
    })();
    await setUp;
    const before = problems.length;
    await fn(t);
    const added = problems.slice(before);
    strict.equal(added.length, 0, `problems while the test ran:\n  ${added.join("\n  ")}`);
  });
}

/** Resolves once the page has drawn `n` more frames: renders and events that were due have happened. */
export const nextFrames = (page, n = 2) =>
  page.evaluate(
    (n) =>
      new Promise((done) => {
        const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : setTimeout(done));
        step(n);
      }),
    n,
  );

// ---------------------------------------------------------------------------
// The app's pages

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
/**
 * The policy of a page's `<meta http-equiv="Content-Security-Policy">`,
 * however the page writes its attributes (the release build's minifier
 * reorders them and drops quotes it does not need).
 */
export function pageCsp(html) {
  for (const [tag] of html.matchAll(/<meta\s[^>]*>/gi)) {
    if (!/http-equiv=["']?Content-Security-Policy/i.test(tag)) continue;
    const content = tag.match(/\scontent=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i);
    if (content) return content[1] ?? content[2] ?? content[3];
  }
  throw new Error("the page has no Content-Security-Policy meta tag");
}

/**
 * Opens the share preview and waits until it shows what the link carries
 * (the diagnose view asks the tools module for that).
 */
export async function openSharePreview(page) {
  await page.click("button.share-toggle");
  await page.locator(".share-preview .share-contents").waitFor();
}

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
