// Browser tests of how the app loads its tool views' module
// (site/bundle-loader.js, site/init.js): fetched once the page is idle so a
// first switch does not wait, never with Save-Data on, a failed load that
// offers "Try again", and the links of every view still opening.

import { deflateSync } from "node:zlib";
import { assert, eq, open, finish, fixture, problems, BASE } from "./harness.mjs";
import { test } from "./harness.mjs";

const TOOLS_WASM = /scopelens_tools_bg\.wasm/;
const TOOLS_FILE = /scopelens_tools(_bg\.wasm|\.js)$/;

/** A share link's fragment as the app writes one (zlib, base64url). */
const shareFragment = (state) => "#v2=" + deflateSync(Buffer.from(JSON.stringify(state))).toString("base64url");

/** Records whether "Loading this view…" is ever shown in the page from now on. */
async function watchForLoadingText(page) {
  await page.evaluate(() => {
    window.__loadingShown = false;
    const seen = () => {
      if (document.body.textContent.includes("Loading this view")) window.__loadingShown = true;
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
    seen();
  });
}

/** Drops the browser's own console error for a request a test failed on purpose. */
function expectFailedLoads(before) {
  const added = problems.splice(before);
  problems.push(...added.filter((x) => !x.includes("Failed to load resource")));
}

test("the tool views' module is fetched once the page is idle, so the first switch shows the view without a loading message", async () => {
  const p = await open("", { prefetch: true });
  // No view is opened, so only the idle prefetch can make the module ready.
  // (A resource entry is recorded when its response ends, so waiting on the
  // request instead would race with a prefetch already in flight.)
  await p.page.waitForFunction(() => document.documentElement.dataset.tools === "ready", null, { timeout: 30000 });
  const prefetched = await p.page.evaluate(() =>
    performance.getEntriesByType("resource").some((e) => /scopelens_tools_bg\.wasm/.test(e.name)));
  eq(prefetched, true, "the tool views' module fetched while idle");
  const fetched = [];
  p.page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await watchForLoadingText(p.page);
  await p.page.click("a[data-view=lookup]");
  await p.page.locator("input.sl-code").waitFor();
  await p.page.fill("input.sl-code", "190");
  eq(await p.page.getAttribute(".lookup-result .error-entry", "data-label"), "190", "lookup after the switch");
  eq(await p.page.evaluate(() => window.__loadingShown), false, "\"Loading this view…\" was shown");
  eq(fetched.filter((f) => TOOLS_FILE.test(f)).length, 0, "tool files fetched again on the switch");
  await finish(p);
});

test("with Save-Data on, the tool views' module is fetched only when a view is opened", async () => {
  const p = await open(); // the harness turns Save-Data on unless asked not to
  const fetched = [];
  p.page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  // Once an idle callback asked for now has run, the page's own (asked for
  // at start) has run too.
  await p.page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(), { timeout: 5000 })));
  const early = await p.page.evaluate(() =>
    performance.getEntriesByType("resource").filter((e) => /scopelens_tools/.test(e.name)).length);
  eq(early, 0, "tool files fetched before a view was opened");
  await p.page.click("a[data-view=wizard]");
  await p.page.locator("input[name=sl-accounts]").first().waitFor();
  eq(fetched.filter((f) => TOOLS_FILE.test(f)).sort().join(" "), "/scopelens_tools.js /scopelens_tools_bg.wasm", "tool files fetched on opening");
  await finish(p);
});

test("a tool view whose module failed to load offers Try again, which loads it", async () => {
  const before = problems.length;
  const p = await open();
  let failing = true;
  await p.page.route(TOOLS_WASM, (route) => (failing ? route.abort() : route.continue()));
  await p.page.click("a[data-view=lookup]");
  const retry = p.page.locator("main.tool-host[role=alert] button.retry");
  await retry.waitFor();
  const message = await p.page.textContent("main.tool-host");
  assert(message.includes("could not load") && message.includes("Nothing you pasted left this page"), `failure message: ${message}`);
  failing = false;
  await retry.click();
  await p.page.locator("input.sl-code").waitFor();
  await p.page.fill("input.sl-code", "190");
  eq(await p.page.getAttribute(".lookup-result .error-entry", "data-label"), "190", "lookup after Try again");
  eq(await p.page.locator("main.tool-host[role=alert]").count(), 0, "the alert stayed after the view loaded");
  await p.page.unroute(TOOLS_WASM);
  expectFailedLoads(before);
  await finish(p);
});

test("the live check whose module failed to load offers Try again, which loads it", async () => {
  const before = problems.length;
  const p = await open("", { now: 1760000000 });
  let failing = true;
  await p.page.route(TOOLS_WASM, (route) => (failing ? route.abort() : route.continue()));
  await p.page.click("details.live-check > summary");
  const retry = p.page.locator(".live-host[role=alert] button.retry");
  await retry.waitFor();
  failing = false;
  await retry.click();
  await p.page.locator("input.sl-live-token").waitFor();
  await p.page.unroute(TOOLS_WASM);
  expectFailedLoads(before);
  await finish(p);
});

test("the links of every view still open it (view links and old share links), the tool views' module rendering outside the app's root", async () => {
  const views = {
    diagnose: "textarea.sl-input",
    wizard: "input[name=sl-accounts]",
    lookup: "input.sl-code",
    endpoint: "input.sl-request",
    triage: "input.sl-triage-file",
  };
  const failures = [];
  const check = async (hash, view) => {
    const p = await open(hash);
    try {
      await p.page.locator(views[view]).first().waitFor({ timeout: 30000 });
      const shown = await p.page.getAttribute("main:not([hidden])", "data-view");
      if (shown !== view) failures.push(`${hash}: shows ${shown}, not ${view}`);
      if ((await p.page.locator("main:not([hidden])").count()) !== 1) failures.push(`${hash}: not exactly one main`);
    } catch (e) {
      failures.push(`${hash}: ${e.message.split("\n")[0]}`);
    }
    await finish(p);
  };
  for (const view of Object.keys(views)) await check(`#${view}`, view);
  // Share links as made before this layout, for each view.
  await check(shareFragment({ i: fixture("graph_error/oauth_190_session_expired.json").trim() }), "diagnose");
  await check(shareFragment({ v: "wizard", x: "" }), "wizard");
  await check(shareFragment({ v: "lookup", x: "" }), "lookup");
  await check(shareFragment({ v: "endpoint", x: "GET /me" }), "endpoint");
  await check(shareFragment({ v: "triage", x: "" }), "triage");
  assert(failures.length === 0, failures.join("\n  "));
  // The endpoint link keeps its request.
  const e = await open(shareFragment({ v: "endpoint", x: "GET /me" }));
  await e.page.locator("input.sl-request").waitFor();
  eq(await e.page.inputValue("input.sl-request"), "GET /me", "the endpoint link's request");
  await finish(e);
  assert(BASE, "served");
});
