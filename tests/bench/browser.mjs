// Browser figures for `cargo xtask bench` (see BENCHMARKS.md), in headless
// Chromium on loopback against the built site:
//   - start-up: navigation → first diagnosis rendered from a share link, over
//     cold loads, next to a static page of the same total size;
//   - keystroke → updated diagnosis for an ordinary payload, 1 MB and 5 MB;
//   - wasm linear memory after load and after the 5 MB paste;
//   - the files the app's first load and a guide page with widgets fetch.
// Writes JSON to $SCOPELENS_BENCH_OUT. Times are reported, never asserted.
// The site (SCOPELENS_DIST, default target/dist) is served and Chromium
// launched by the browser tests' harness (tests/e2e/harness.mjs).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { ROOT, BASE, serve, launchBrowser } from "../e2e/harness.mjs";

const OUT = process.env.SCOPELENS_BENCH_OUT;
const COLD_LOADS = Number(process.env.SCOPELENS_BENCH_LOADS || 21);
const fixture = (p) => readFileSync(join(ROOT, "tests", "fixtures", p), "utf8");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (xs) => ({ runs: xs.length, median_ms: +median(xs).toFixed(2), worst_ms: +Math.max(...xs).toFixed(2), best_ms: +Math.min(...xs).toFixed(2) });

function shareFragment(input, now) {
  const json = JSON.stringify({ i: input, t: now });
  return "#v1=" + deflateSync(Buffer.from(json), { level: 9 }).toString("base64url");
}

// Captures the wasm instance's memory, for the memory figures only.
const CAPTURE_MEMORY = () => {
  const keep = (result) => {
    const instance = result.instance || result;
    if (instance && instance.exports && instance.exports.memory) window.__benchMemory = instance.exports.memory;
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (...a) => streaming(...a).then(keep);
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiate = (...a) => plain(...a).then(keep);
};

async function timeToVerdict(page, url) {
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(() => (document.querySelector("[data-verdict]") ? performance.now() : false), null, { polling: "raf", timeout: 60000 });
  return handle.jsonValue();
}

async function startup(browser, appBytes) {
  const url = BASE + shareFragment(fixture("graph_error/oauth_190_session_expired.json"), 1760000000);
  const app = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    const context = await browser.newContext(); // empty cache: a cold load
    const page = await context.newPage();
    app.push(await timeToVerdict(page, url));
    await context.close();
  }
  // A static page of the same total size, served the same way.
  const padding = "<!-- " + "x".repeat(Math.max(0, appBytes - 200)) + " -->";
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>static</title></head><body>${padding}<div data-verdict="action_required">Action required</div></body></html>`;
  const dir = mkdtempSync(join(tmpdir(), "scopelens-bench-"));
  writeFileSync(join(dir, "index.html"), html);
  const server = await serve(dir);
  const staticUrl = server.url;
  const stat = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    stat.push(await timeToVerdict(page, staticUrl));
    await context.close();
  }
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  return { app: summary(app), static_same_size: summary(stat), ratio: +(median(app) / median(stat)).toFixed(2), static_bytes: html.length };
}

function bigWebhook(bytes, code) {
  const status = `{"id":"wamid.HBgLMTY1MDUwNzY1MjAVAgASGBQzQTcwQzRCMDU4QzUyOUMzRjhBMwA=","status":"failed","timestamp":"1700000000","recipient_id":"16505076520","errors":[{"code":${code},"title":"Failure","message":"Failure","error_data":{"details":"Generated."}}]}`;
  const n = Math.max(1, Math.floor(bytes / (status.length + 1)));
  return `{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"statuses":[${Array(n).fill(status).join(",")}]}}]}]}`;
}

// Sets the textarea and waits for the verdict or the findings to change.
async function keystroke(page, text) {
  return page.evaluate(async (value) => {
    const area = document.querySelector("textarea.sl-input");
    const before = document.querySelector(".findings")?.innerHTML + document.querySelector("[data-verdict]")?.getAttribute("data-verdict");
    const t0 = performance.now();
    area.value = value;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    return new Promise((resolve) => {
      const check = () => {
        const now = document.querySelector(".findings")?.innerHTML + document.querySelector("[data-verdict]")?.getAttribute("data-verdict");
        if (now !== before) resolve(performance.now() - t0);
        else requestAnimationFrame(check);
      };
      check();
    });
  }, text);
}

async function typing(browser) {
  const context = await browser.newContext();
  await context.addInitScript(CAPTURE_MEMORY);
  const page = await context.newPage();
  await page.goto(BASE + "#diagnose");
  await page.waitForSelector("textarea.sl-input");
  const memory = () => page.evaluate(() => (window.__benchMemory ? window.__benchMemory.buffer.byteLength : null));
  const afterLoad = await memory();
  const a = fixture("graph_error/oauth_190_session_expired.json");
  const b = fixture("debug_token/system_user_never.json");
  const ordinary = [];
  for (let i = 0; i < 30; i++) ordinary.push(await keystroke(page, i % 2 ? a : b));
  const sized = {};
  for (const [name, bytes, runs] of [["1mb", 1 << 20, 6], ["5mb", 5 * (1 << 20) - 4096, 4]]) {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      xs.push(await keystroke(page, bigWebhook(bytes, i % 2 ? 131026 : 131047)));
      xs.push(await keystroke(page, b)); // back to small, so the next big paste is a change
    }
    sized[name] = summary(xs.filter((_, i) => i % 2 === 0));
  }
  const after5mb = await memory();
  await context.close();
  return { keystroke: { ordinary: summary(ordinary), ...sized }, memory: { after_load_bytes: afterLoad, after_5mb_paste_bytes: after5mb } };
}

// The files a page fetches: `first` until the network is idle, then `idle`,
// what the app's idle prefetch adds. The prefetch waits for the browser's
// idle callback, which is held back here until the first load is recorded,
// so that the two lists cannot mix on a fast or a slow machine.
async function fetched(browser, url, scroll) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const held = [];
    window.requestIdleCallback = (task) => held.push(task);
    window.__runIdleTasks = () => held.splice(0).forEach((task) => task({ didTimeout: false, timeRemaining: () => 50 }));
  });
  let files = [];
  page.on("response", async (r) => {
    if (r.url().startsWith("http://127.0.0.1")) files.push(new URL(r.url()).pathname);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  if (scroll) {
    const widgets = page.locator(".scopelens-widget");
    for (let i = 0; i < (await widgets.count()); i++) {
      await widgets.nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => el.dataset.mounted === "true", await widgets.nth(i).elementHandle(), { timeout: 30000 });
    }
    await page.waitForLoadState("networkidle");
  }
  const first = [...new Set(files)];
  files = [];
  await page.evaluate(() => window.__runIdleTasks());
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  await context.close();
  return { first, idle: [...new Set(files)] };
}

const browser = await launchBrowser();
const appFiles = await fetched(browser, BASE, false);
const guideFiles = (await fetched(browser, BASE + "guide/checking-tokens.html", true)).first;
const appBytes = Number(process.env.SCOPELENS_BENCH_APP_BYTES || 700000);
const result = { app_first_load_requests: appFiles.first, app_idle_prefetch_requests: appFiles.idle, guide_page_requests: guideFiles, startup: await startup(browser, appBytes), ...(await typing(browser)) };
await browser.close();
writeFileSync(OUT, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
