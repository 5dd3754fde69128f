// End-to-end tests of the permissions guide (book/, built into
// target/dist/guide/) in headless Chromium, on the shared harness
// (harness.mjs). Run with `cargo xtask book`, which builds the guide and its
// widgets, or against a built one: `node --test tests/e2e/book.mjs`.
//
// The ground truth (catalog labels and anchors, chapter files, the elements'
// table and every guide link the core's findings can carry) is `mdbook-scopelens ground-truth`'s
// output: the file SCOPELENS_BOOK_TRUTH names (xtask writes it), else the
// built preprocessor's answer. The app's own links are followed when the app
// is served next to the guide.
//
// Checks: every page loads without console errors, failed requests or
// requests leaving 127.0.0.1; widgets load lazily, once per page, and every
// placeholder mounts when scrolled into view; decoders show the verdict the
// fixture manifest expects, and the one in "Checking a token" follows edits;
// the other widgets react; the error reference lists exactly the catalog; every
// internal link and anchor resolves, including every guide link the app can
// produce; "Open in scopelens" links decode to the widget's state; widgets
// take their colours from each mdBook theme; and (book-attacks.mjs) hostile
// input in every widget input stays inert, and no secret form put into the
// decoder reaches the page, its "Open in scopelens" link, the address,
// storage or the console.

import { readFileSync, mkdirSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { after } from "node:test";
import { join } from "node:path";
import { attackWidgets } from "./book-attacks.mjs";
import { ROOT, DIST, BASE as SITE, browser, problems, nextFrames, test } from "./harness.mjs";

const BASE = `${SITE}guide/`;
const ORIGIN = new URL(BASE).origin;
const REQUIRE_APP = existsSync(join(DIST, "index.html"));
const SHOTS = join(ROOT, "target", "book-e2e");

/** `mdbook-scopelens ground-truth`'s JSON: from the file xtask wrote, else from the built preprocessor. */
function groundTruth() {
  if (process.env.SCOPELENS_BOOK_TRUTH) return readFileSync(process.env.SCOPELENS_BOOK_TRUTH, "utf8");
  const preprocessor = join(process.env.CARGO_TARGET_DIR || join(ROOT, "target"), "debug", "mdbook-scopelens");
  if (!existsSync(preprocessor)) throw new Error(`${preprocessor} is missing: build it with \`cargo build -p scopelens-book\`, or run \`cargo xtask book\``);
  return execFileSync(preprocessor, ["ground-truth", join(ROOT, "tests", "fixtures")], { encoding: "utf8" });
}
const TRUTH = JSON.parse(groundTruth());
/** The elements' table (tag → bundle, attributes, title) the script is built with. */
const ELEMENTS = TRUTH.elements;

/** Counts a check; a failed one fails the test it is in, which runs on to report every other. */
let passes = 0;
function check(cond, message) {
  if (cond) passes += 1;
  else problems.push(message);
}

/// Opens a guide page and records what must not happen on it.
async function open(path, { theme, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  if (theme) {
    await context.addInitScript((t) => localStorage.setItem("mdbook-theme", t), theme);
  }
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on("console", (m) => m.type() === "error" && log.errors.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => log.errors.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => log.errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && log.errors.push(`HTTP ${r.status()} for ${r.url()}`));
  page.on("request", (r) => {
    log.requests.push(r.url());
    const url = new URL(r.url());
    if (url.origin !== ORIGIN && url.protocol !== "data:" && url.protocol !== "blob:") {
      log.errors.push(`request leaves the machine: ${r.url()}`);
    }
  });
  await page.goto(new URL(path, BASE).href, { waitUntil: "load" });
  return { page, context, log };
}

/// Fetches of widget bundles' wasm, by bundle (`diagnose`, `tools`).
const wasmRequests = (log) => {
  const counts = {};
  for (const u of log.requests) {
    const m = /scopelens_widgets_([a-z]+)_bg\.wasm/.exec(u);
    if (m) counts[m[1]] = (counts[m[1]] || 0) + 1;
  }
  return counts;
};
const WIDGET_FETCHES = { pages: 0, bundles: 0 };

/// Scrolls each placeholder into view and waits for it to mount.
async function mountAll(page, path) {
  const widgets = page.locator(".scopelens-widget");
  const n = await widgets.count();
  for (let i = 0; i < n; i++) {
    const w = widgets.nth(i);
    await w.scrollIntoViewIfNeeded();
    const kind = await w.evaluate((el) => el.localName);
    try {
      await page.waitForFunction(
        (el) => el.getAttribute("data-mounted") === "true" && el.shadowRoot?.querySelector(".sl-widget, .sl-checklist"),
        await w.elementHandle(),
        { timeout: 30000 },
      );
      check(true, "");
    } catch (e) {
      check(false, `${path}: widget ${i} (${kind}) did not mount: ${e.message.split("\n")[0]}`);
      continue;
    }
    check((await w.getAttribute("data-failed")) === null, `${path}: widget ${i} (${kind}) reports a failure`);
    check((await w.locator(".sl-loading").count()) === 0, `${path}: widget ${i} still shows its loading text`);
  }
  return n;
}

/// Decodes a `#v1=` share fragment the way the app does (zlib + base64url).
async function decodeShare(page, href) {
  return page.evaluate(async (href) => {
    const data = href.split(/#v[12]=/)[1];
    const b64 = data.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((data.length + 3) % 4);
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return JSON.parse(await new Response(stream).text());
  }, href);
}

async function checkOpenLinks(page, path) {
  const links = page.locator(".scopelens-widget a.sl-open-link");
  const n = await links.count();
  const widgets = await page.locator(".scopelens-widget").count();
  check(n === widgets, `${path}: ${widgets} widgets but ${n} "Open in scopelens" links`);
  for (let i = 0; i < n; i++) {
    const href = await links.nth(i).getAttribute("href");
    check(href.startsWith(`${SITE}index.html#v2=`), `${path}: open link ${i} is ${href.slice(0, 60)}…`);
    try {
      const state = await decodeShare(page, href);
      check(["diagnose", "wizard", "lookup", "endpoint"].includes(state.v), `${path}: open link ${i} has view ${state.v}`);
      check(!/EAA[A-Za-z0-9]{20,}/.test(JSON.stringify(state)), `${path}: open link ${i} carries a token`);
    } catch (e) {
      check(false, `${path}: open link ${i} does not decode: ${e.message}`);
    }
  }
}

/// Every decoder shows the verdict the fixture manifest expects.
async function checkDecoders(page, path) {
  const decoders = page.locator("scopelens-decoder");
  const n = await decoders.count();
  for (let i = 0; i < n; i++) {
    const d = decoders.nth(i);
    const expected = await d.getAttribute("data-expect-verdict");
    const example = await d.getAttribute("example");
    const verdict = await d.locator(".verdict").first().getAttribute("data-verdict");
    check(verdict === expected, `${path}: decoder for ${example} shows ${verdict}, manifest expects ${expected}`);
    const kind = await d.locator(".detected-kind").first().getAttribute("data-kind");
    const expectedKind = await d.getAttribute("data-expect-kind");
    check(kind === expectedKind, `${path}: decoder for ${example} read ${kind}, manifest expects ${expectedKind}`);
    const text = await d.locator("textarea").first().inputValue();
    const given = await d.getAttribute("input");
    check(text === given, `${path}: decoder for ${example} does not hold its fixture verbatim`);
  }
  return n;
}

// ---------------------------------------------------------------------------

const visited = new Map(); // absolute URL without fragment -> ids on the page
const links = []; // { from, href }

async function visit(path) {
  const url = new URL(path, BASE).href.split("#")[0];
  if (visited.has(url)) return;
  visited.set(url, new Set());
  const rel = url.slice(BASE.length) || "index.html";
  const { page, context, log } = await open(rel);
  // Lazy loading: nothing is fetched for widgets that are far below the fold.
  const firstTop = await page.evaluate(() => {
    const w = document.querySelector(".scopelens-widget");
    return w ? w.getBoundingClientRect().top : null;
  });
  if (firstTop === null || firstTop > 900 + 400) {
    check(Object.keys(wasmRequests(log)).length === 0, `${rel}: the wasm was fetched before any widget came near the viewport`);
  }
  if (rel === "print.html") {
    // The print page keeps the static placeholders: nothing to mount or fetch.
    await page.mouse.wheel(0, 1e6);
    await page.waitForFunction(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2);
    // Frames after the scroll: the loader's visibility checks have run.
    await nextFrames(page, 3);
    const placeholders = await page.$$eval(".scopelens-widget", (ws) => ws.map((w) => [w.dataset.print, w.hasAttribute("data-mounted")]));
    check(placeholders.length > 0 && placeholders.every(([print, mounted]) => print === "true" && !mounted), `print.html: widgets ${JSON.stringify(placeholders)}`);
    check(Object.keys(wasmRequests(log)).length === 0, `print.html: fetched ${JSON.stringify(wasmRequests(log))}`);
  }
  const widgets = rel === "print.html" ? 0 : await mountAll(page, rel);
  // Each bundle at most once, and only the bundles this page's widgets name.
  const fetched = wasmRequests(log);
  const named = rel === "print.html" ? [] : [...new Set((await page.$$eval(".scopelens-widget", (ws) => ws.map((w) => w.localName))).map((tag) => ELEMENTS[tag].bundle))].sort();
  check(JSON.stringify(Object.keys(fetched).sort()) === JSON.stringify(named), `${rel}: fetched bundles ${JSON.stringify(fetched)}, widgets name ${named}`);
  for (const [bundle, n] of Object.entries(fetched)) check(n === 1, `${rel}: the ${bundle} wasm was fetched ${n} times`);
  if (widgets > 0) {
    WIDGET_FETCHES.pages++;
    WIDGET_FETCHES.bundles += Object.keys(fetched).length;
  }
  if (widgets > 0) {
    await checkOpenLinks(page, rel);
    await checkDecoders(page, rel);
  }
  const ids = await page.evaluate(() => Array.from(document.querySelectorAll("[id]"), (e) => e.id));
  visited.set(url, new Set(ids));
  const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll("a[href]"), (a) => a.getAttribute("href")));
  for (const href of hrefs) links.push({ from: url, href });
  await nextFrames(page);
  for (const e of log.errors) check(false, `${rel}: ${e}`);
  await context.close();
}

let crawled;
/** Visits every page once (the link checks need the whole crawl). */
const crawl = () => (crawled ||= crawlAll());
async function crawlAll() {
  const queue = ["index.html", ...TRUTH.chapters, "print.html"];
  for (const p of queue) await visit(p);
  // Follow every internal link to pages not visited yet.
  for (let i = 0; i < links.length; i++) {
    const { from, href } = links[i];
    const url = new URL(href, from);
    if (url.origin === ORIGIN && url.href.startsWith(BASE) && /\.html$|\/$/.test(url.pathname)) {
      await visit(url.href);
    }
  }
}

async function checkLinks() {
  let internal = 0;
  let app = 0;
  let external = 0;
  const appChecked = new Set();
  for (const { from, href } of links) {
    const url = new URL(href, from);
    if (url.protocol === "https:" || url.protocol === "http:" && url.origin !== ORIGIN) {
      external += 1;
      continue;
    }
    if (url.origin !== ORIGIN) {
      check(false, `${from}: link with scheme ${url.protocol} (${href})`);
      continue;
    }
    const page = url.href.split("#")[0];
    if (!url.href.startsWith(BASE)) {
      app += 1;
      if (REQUIRE_APP && !appChecked.has(page)) {
        appChecked.add(page);
        const res = await fetch(page);
        check(res.ok, `${from}: link to the app ${page} gives HTTP ${res.status}`);
      }
      continue;
    }
    internal += 1;
    const ids = visited.get(page);
    if (!ids) {
      const res = await fetch(page, { method: "HEAD" });
      check(res.ok, `${from}: broken link ${href} (HTTP ${res.status})`);
      continue;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment) check(ids.has(fragment), `${from}: link ${href} points at a missing anchor #${fragment}`);
  }
  console.log(`links: ${internal} inside the guide, ${app} to the app, ${external} external (not fetched)`);
}

/// Every page a finding can link to, and every catalog anchor, exists.
function checkGuidePaths() {
  for (const path of TRUTH.guide_paths) {
    const url = new URL(path, BASE);
    const ids = visited.get(url.href.split("#")[0]);
    check(!!ids, `guide path ${path}: page not found`);
    if (ids && url.hash) check(ids.has(url.hash.slice(1)), `guide path ${path}: anchor missing`);
  }
  console.log(`guide paths the app can produce: ${TRUTH.guide_paths.length} checked`);
}

async function checkErrorReference() {
  const { page, context, log } = await open("errors.html");
  const entries = await page.evaluate(() =>
    Array.from(document.querySelectorAll("main h3[id^='error-']"), (h) => ({
      anchor: h.id,
      label: h.querySelector("code")?.textContent ?? "",
    })),
  );
  const want = TRUTH.catalog.map((e) => `${e.label} ${e.anchor}`).sort();
  const got = entries.map((e) => `${e.label} ${e.anchor}`).sort();
  check(got.length === want.length, `error reference: ${got.length} entries, catalog has ${want.length}`);
  check(JSON.stringify(got) === JSON.stringify(want), "error reference: labels and anchors differ from the catalog");
  check(new Set(entries.map((e) => e.anchor)).size === entries.length, "error reference: duplicate anchors");
  // The explainer: its example, then another code typed in.
  await mountAll(page, "errors.html");
  const lookup = page.locator("scopelens-explain");
  check((await lookup.locator('.lookup-result [data-label="190/463"]').count()) === 1, "explainer: 190/463 not shown");
  await lookup.locator("input.sl-code").fill("131047");
  check((await lookup.locator('.lookup-result [data-label="131047"]').count()) === 1, "explainer: typing 131047 did not show it");
  const share = await decodeShare(page, await lookup.locator("a.sl-open-link").getAttribute("href"));
  check(share.v === "lookup" && share.x.includes("q=131047"), `explainer: open link state ${JSON.stringify(share)}`);
  // A deep link lands on its entry.
  await page.goto(new URL("errors.html#error-190-463", BASE).href);
  const top = await page.evaluate(() => document.getElementById("error-190-463").getBoundingClientRect().top);
  check(top >= -5 && top < 200, `errors.html#error-190-463 scrolls to the entry (top ${top})`);
  for (const e of log.errors) check(false, `errors.html: ${e}`);
  console.log(`error reference: ${entries.length} catalog entries rendered`);
  await context.close();
}

async function checkDecoderEdits() {
  const { page, context, log } = await open("checking-tokens.html");
  await mountAll(page, "checking-tokens.html");
  const d = page.locator("scopelens-decoder").first();
  const verdict = () => d.locator(".verdict").first().getAttribute("data-verdict");
  const before = await verdict();
  check(before === (await d.getAttribute("data-expect-verdict")), `decoder: starts at ${before}`);
  const linkBefore = await d.locator("a.sl-open-link").getAttribute("href");
  const area = d.locator("textarea").first();
  const text = await area.inputValue();
  const fixed = text.replace(
    '"whatsapp_business_messaging"\n    ]',
    '"whatsapp_business_messaging",\n      "whatsapp_business_management"\n    ]',
  );
  check(fixed !== text, "decoder: the fixture has the expected shape to edit");
  await area.fill(fixed);
  await page.waitForFunction((el) => el.shadowRoot.querySelector(".verdict")?.dataset.verdict !== "action_required", await d.elementHandle(), { timeout: 10000 }).catch(() => {});
  check((await verdict()) === "ok", `decoder: adding the management scope gives ${await verdict()}, expected ok`);
  const linkAfter = await d.locator("a.sl-open-link").getAttribute("href");
  check(linkAfter !== linkBefore, "decoder: the open link follows the edit");
  const shared = await decodeShare(page, linkAfter);
  check(shared.v === "diagnose" && shared.i.includes("whatsapp_business_management"), "decoder: the open link carries the edited input");
  await area.fill("this is not a payload");
  check((await verdict()) === "invalid_input", `decoder: prose gives ${await verdict()}`);
  await area.fill("");
  check((await d.locator(".verdict").count()) === 0, "decoder: an empty box shows no verdict");
  for (const e of log.errors) check(false, `checking-tokens.html (editing): ${e}`);
  await context.close();
}

async function checkInteractiveWidgets() {
  // Endpoint checker: checked against the messaging-only token.
  {
    const { page, context, log } = await open("permissions.html");
    await mountAll(page, "permissions.html");
    const w = page.locator("scopelens-endpoint");
    check((await w.locator('[data-permission="whatsapp_business_management"][data-granted="false"]').count()) > 0, "endpoint: templates need management, which the token lacks");
    await w.locator("input.sl-request").fill("POST /v24.0/106540352242922/messages");
    check((await w.locator('[data-permission="whatsapp_business_messaging"][data-granted="true"]').count()) > 0, "endpoint: sending needs messaging, which the token has");
    for (const e of log.errors) check(false, `permissions.html (endpoint): ${e}`);
    await context.close();
  }
  // Wizard: own account, then clients.
  {
    const { page, context, log } = await open("access-paths.html");
    await mountAll(page, "access-paths.html");
    const w = page.locator("scopelens-wizard");
    check((await w.locator(".plan").getAttribute("data-review")) === "false", "wizard: own account needs no review");
    await w.locator('input[name="sl-accounts"][value="clients"]').check();
    check((await w.locator(".plan").getAttribute("data-review")) === "true", "wizard: clients need App Review");
    const share = await decodeShare(page, await w.locator("a.sl-open-link").getAttribute("href"));
    check(share.v === "wizard" && share.x.includes("clients"), `wizard: open link state ${JSON.stringify(share)}`);
    for (const e of log.errors) check(false, `access-paths.html (wizard): ${e}`);
    await context.close();
  }
  // Checklist: tick everything.
  {
    const { page, context, log } = await open("app-review.html");
    await mountAll(page, "app-review.html");
    const w = page.locator("scopelens-checklist");
    const boxes = w.locator('input[type="checkbox"]');
    const n = await boxes.count();
    check(n > 0, "checklist: has items");
    for (let i = 0; i < n; i++) await boxes.nth(i).check();
    check((await w.locator(".checklist-progress").getAttribute("data-done")) === String(n), "checklist: progress counts every tick");
    check((await w.locator(".checklist-done").count()) === 1, "checklist: says when everything is ready");
    const share = await decodeShare(page, await w.locator("a.sl-open-link").getAttribute("href"));
    check(share.v === "wizard" && JSON.parse(share.x).c.length === n, "checklist: the open link carries the ticks");
    for (const e of log.errors) check(false, `app-review.html (checklist): ${e}`);
    await context.close();
  }
}

/// Widgets use mdBook's variables, so their colours follow the theme.
async function checkThemes() {
  mkdirSync(SHOTS, { recursive: true });
  for (const theme of ["light", "rust", "coal", "navy", "ayu"]) {
    const { page, context, log } = await open("production-token.html", { theme });
    check(await page.evaluate((t) => document.documentElement.classList.contains(t), theme), `theme ${theme} applied`);
    await mountAll(page, `production-token.html [${theme}]`);
    const colours = await page.evaluate(() => {
      // What the element draws: its root inside its shadow.
      const w = document.querySelector(".scopelens-widget").shadowRoot.querySelector(".sl-root");
      const probe = document.createElement("div");
      probe.style.background = "var(--bg)";
      probe.style.color = "var(--fg)";
      document.body.appendChild(probe);
      const want = getComputedStyle(probe);
      const got = getComputedStyle(w);
      const r = { bg: got.backgroundColor, wantBg: want.backgroundColor, fg: got.color, wantFg: want.color };
      probe.remove();
      return r;
    });
    check(colours.bg === colours.wantBg, `theme ${theme}: widget background ${colours.bg}, theme bg ${colours.wantBg}`);
    check(colours.fg === colours.wantFg, `theme ${theme}: widget text ${colours.fg}, theme fg ${colours.wantFg}`);
    await page.locator(".scopelens-widget").first().screenshot({ path: join(SHOTS, `decoder-${theme}.png`) });
    for (const e of log.errors) check(false, `production-token.html [${theme}]: ${e}`);
    await context.close();
  }
}

/// Measures, in the page, the contrast of every visible text of every widget
/// against what is drawn behind it, and of every form control's border
/// against what surrounds it (WCAG 2.2 1.4.3 and 1.4.11). Colours are read
/// from the computed style; a background is the first opaque one up the
/// ancestors, with the translucent ones between blended over it.
function measureWidgets() {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const behind = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255, 1]);
  };
  const luminance = (c) => {
    const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  };
  const ratio = (fg, bg) => {
    const [hi, lo] = [luminance(over(fg, bg)), luminance(bg)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  };
  const shown = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    // Visually hidden text (for screen readers) is clipped to a pixel.
    return r.width > 1 && r.height > 1;
  };
  const describe = (el, text) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} "${text.slice(0, 40)}"`;
  const widgets = [];
  for (const w of document.querySelectorAll(".scopelens-widget")) {
    const texts = [];
    const walker = document.createTreeWalker(w.shadowRoot, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest("option, script, style, template") || !shown(el)) continue;
      const style = getComputedStyle(el);
      const svg = el instanceof SVGElement;
      const fg = parse(svg ? style.fill : style.color);
      if (!fg) continue;
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
      texts.push({ what: describe(el, text), ratio: ratio(fg, behind(el)), need: large ? 3 : 4.5 });
    }
    // Form controls: the text they hold, and the border that shows where they are.
    for (const el of w.shadowRoot.querySelectorAll("textarea, select, button, input:not([type=checkbox]):not([type=radio]):not([type=file])")) {
      if (!shown(el)) continue;
      const style = getComputedStyle(el);
      const text = el.value || el.textContent || el.placeholder || "";
      texts.push({ what: describe(el, text), ratio: ratio(parse(style.color), behind(el)), need: 4.5 });
      const border = parse(style.borderTopColor);
      if (border && parseFloat(style.borderTopWidth) > 0 && el.tagName !== "BUTTON") {
        texts.push({ what: `border of ${describe(el, text)}`, ratio: ratio(border, behind(el.parentElement)), need: 3 });
      }
    }
    const r = w.getBoundingClientRect();
    widgets.push({ kind: w.localName.replace("scopelens-", ""), example: w.getAttribute("example") || "", height: Math.round(r.height), texts });
  }
  return widgets;
}

/// How tall a widget may be, in CSS pixels at 1440 px wide. A decoder shows
/// its input (label, a six-line box and one row of controls: about 220 px),
/// the verdict (about 120 px), the top finding with its steps and sources
/// (up to about 500 px) and its link: 900 px keeps it within one laptop
/// screen (a 1440 × 900 window), against 2 100 to 4 100 px for the whole
/// Diagnose screen it replaced (the tallest today: 882 px). The other kinds
/// are forms whose length is their content; they get two screens.
const HEIGHT_LIMIT = { decoder: 900, endpoint: 900 };
const OTHER_HEIGHT_LIMIT = 1800;

/// Every widget on every page that has one, in each mdBook theme: AA
/// contrast for all its text and its controls' borders, and a compact height.
async function checkContrast() {
  const pages = [];
  for (const chapter of TRUTH.chapters) {
    const res = await fetch(new URL(chapter, BASE));
    if (res.ok && (await res.text()).includes('class="scopelens-widget"')) pages.push(chapter);
  }
  check(pages.length >= 5, `contrast: only ${pages.length} pages with widgets found`);
  const report = [];
  for (const theme of ["light", "rust", "coal", "navy", "ayu"]) {
    const worst = { text: { ratio: Infinity }, border: { ratio: Infinity } };
    let measured = 0;
    for (const path of pages) {
      const { page, context, log } = await open(path, { theme, viewport: { width: 1440, height: 900 } });
      check(await page.evaluate((t) => document.documentElement.classList.contains(t) && localStorage.getItem("mdbook-theme") === t, theme), `${path}: theme ${theme} applied`);
      await mountAll(page, `${path} [${theme}]`);
      for (const w of await page.evaluate(measureWidgets)) {
        const name = `${path} [${theme}] ${w.kind} ${w.example}`;
        const limit = HEIGHT_LIMIT[w.kind] ?? OTHER_HEIGHT_LIMIT;
        check(w.height > 0 && w.height <= limit, `${name}: ${w.height}px tall, more than ${limit}px`);
        if (theme === "light") report.push(`${w.kind} ${w.example || path}: ${w.height}px`);
        check(w.texts.length > 3, `${name}: only ${w.texts.length} texts measured`);
        for (const t of w.texts) {
          measured++;
          const sort = t.what.startsWith("border of") ? "border" : "text";
          if (t.ratio < worst[sort].ratio) worst[sort] = { ...t, where: name };
          check(t.ratio >= t.need, `${name}: ${t.what} has contrast ${t.ratio.toFixed(2)}:1, needs ${t.need}:1`);
        }
      }
      for (const e of log.errors) check(false, `${path} [${theme}]: ${e}`);
      await context.close();
    }
    const say = (w) => `${w.ratio.toFixed(2)}:1 (${w.what} in ${w.where})`;
    console.log(`contrast [${theme}]: ${measured} texts and borders; worst text ${say(worst.text)}; worst border ${say(worst.border)}`);
  }
  console.log(`widget heights at 1440 px: ${report.join("; ")}`);
}

/// "Open in scopelens" lands in the app, in the view the widget stands for.
async function checkAppLinks() {
  if (!REQUIRE_APP) {
    console.log("app links: the app is not served next to the guide; not followed");
    return;
  }
  const cases = [
    ["checking-tokens.html", "decoder", "diagnose"],
    ["permissions.html", "endpoint", "endpoint"],
    ["access-paths.html", "wizard", "wizard"],
    ["errors.html", "explain", "lookup"],
    ["app-review.html", "checklist", "wizard"],
  ];
  for (const [path, kind, view] of cases) {
    const { page, context, log } = await open(path);
    const w = page.locator(`scopelens-${kind}`).first();
    await w.scrollIntoViewIfNeeded();
    await w.locator("a.sl-open-link").waitFor({ timeout: 30000 });
    // A link carries the allow-listed payload, not the text typed: the app
    // must reach the widget's verdict from it.
    const verdict = kind === "decoder" ? await w.locator("[data-verdict]").first().getAttribute("data-verdict") : null;
    await w.locator("a.sl-open-link").click();
    try {
      await page.waitForSelector("main[data-view]", { timeout: 30000 });
      const got = await page.locator("main[data-view]").getAttribute("data-view");
      check(got === view, `app link from the ${kind} in ${path} opens view ${got}, expected ${view}`);
      if (verdict !== null) {
        const there = await page.locator("textarea").first().inputValue();
        const appVerdict = await page.locator("[data-verdict]").first().getAttribute("data-verdict");
        check(there.trim() !== "" && appVerdict === verdict, `app link from the ${kind} in ${path} gives verdict ${appVerdict}, the widget ${verdict}`);
      }
    } catch (e) {
      check(false, `app link from the ${kind} in ${path}: the app did not start (${e.message.split("\n")[0]})`);
    }
    for (const e of log.errors) check(false, `${path} → app: ${e}`);
    await context.close();
  }
}

/// The widgets must work under a CSP without 'unsafe-eval' or inline scripts.
/// A widget bundle that fails to load says so with "Try again", which loads
/// it (the loader is the app's: site/bundle-loader.js).
async function checkRetry() {
  const { page, context } = await open("checking-tokens.html");
  let failing = true;
  await page.route(/scopelens_widgets_[a-z]+_bg\.wasm/, (route) => (failing ? route.abort() : route.continue()));
  const w = page.locator(".scopelens-widget").first();
  await w.scrollIntoViewIfNeeded();
  const retry = w.locator(".sl-error[role=alert] button.retry");
  try {
    await retry.waitFor({ timeout: 30000 });
    const message = await w.locator(".sl-error").textContent();
    check(message.includes("could not load") && message.includes("rest of the page is unaffected"), `retry: failure message ${message}`);
    failing = false;
    await retry.click();
    await page.waitForFunction((el) => el.getAttribute("data-mounted") === "true", await w.elementHandle(), { timeout: 30000 });
    check((await w.locator(".sl-error").count()) === 0, "retry: the failure message stayed after the widget mounted");
    check((await w.getAttribute("data-failed")) === null, "retry: the widget still says it failed");
  } catch (e) {
    check(false, `retry: ${e.message.split("\n")[0]}`);
  }
  await context.close();
}

async function checkNoEval() {
  const glues = [];
  for (const file of ["scopelens_widgets_diagnose.js", "scopelens_widgets_tools.js", "scopelens-elements.js", "bundle-loader.js"]) {
    const res = await fetch(new URL(`elements/${file}`, SITE));
    check(res.ok, `${file} answers ${res.status}`);
    glues.push([file, await res.text()]);
  }
  const loader = readFileSync(join(ROOT, "book", "widgets", "loader.js"), "utf8");
  for (const [name, text] of [...glues, ["loader", loader]]) {
    check(!/\beval\s*\(|new\s+Function\s*\(/.test(text), `widget ${name} uses eval or new Function`);
  }
}

// ---------------------------------------------------------------------------

test("guide: every page loads cleanly, and its widgets load lazily, each bundle once, and mount", async () => {
  await crawl();
  console.log(`pages visited: ${visited.size}; ${WIDGET_FETCHES.pages} with widgets fetched ${WIDGET_FETCHES.bundles} bundles, each once`);
});

test("guide: every internal link and anchor resolves, and every link to the app answers", async () => {
  await crawl();
  await checkLinks();
});

test("guide: every guide link a finding can carry names a page and anchor that exist", async () => {
  await crawl();
  checkGuidePaths();
});

test("guide: the error reference lists exactly the catalog, and its explainer follows typing", checkErrorReference);

test("guide: the decoder in \"Checking a token\" follows edits, and its open link carries them", checkDecoderEdits);

test("guide: the endpoint checker, wizard and checklist react, and their open links carry their state", checkInteractiveWidgets);

test("guide: widgets take their colours from each mdBook theme", checkThemes);

test("guide: every widget's text meets AA contrast in all five mdBook themes", checkContrast);

test("guide: no widget script uses eval or new Function", checkNoEval);

test("guide: a widget whose bundle failed to load offers a retry that loads it", checkRetry);

test("guide: \"Open in scopelens\" opens the widget's view in the app, with the widget's verdict", checkAppLinks);

test("guide: hostile input in every widget stays inert, and no secret reaches the page, link, address, storage or console", async () => {
  const attacks = await attackWidgets(browser, BASE);
  for (const f of attacks.failures) check(false, `widget attack: ${f}`);
  console.log(attacks.summary);
});

after(() => console.log(`book e2e: ${passes} checks passed`));
