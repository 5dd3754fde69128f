// Hostile input and secrets against the guide's widgets (book/, built into
// target/dist/guide/), in headless Chromium.
//
// The guide's pages are mdBook's: they carry inline scripts, so they have no
// Content-Security-Policy to fall back on. What keeps a pasted payload inert
// there is the widgets rendering text as text, and this checks it.
//
// Used by tests/e2e/book.mjs (which owns the browser and the server):
//
//   const attacks = await attackWidgets(browser, BASE); // BASE ends in /guide/
//
// Alone: `node --test --test-name-pattern=hostile tests/e2e/book.mjs`.
//
// For every attack string (attack-corpus.mjs) in a field of each input kind
// pasted into the decoder widget, and into its WABA and app ID boxes, the
// endpoint widget's request box and the error explainer's code and search
// boxes: the canary `window.__pwned` stays unset, no element that could run
// or load anything appears inside a widget (a MutationObserver checks every
// change), the decoder still shows a verdict, every link inside a widget is
// an allowed one (allowedHref: knowledge-base URLs from scopelens's own code,
// guide pages, `../index.html#v2=…`), and the page logs no error and makes no
// request off the machine. Then every secret form goes through the decoder:
// neither the page (attributes and text), nor the "Open in scopelens" link
// (decoded), nor the address, storage or console may carry it.

import * as corpus from "./attack-corpus.mjs";
import { nextFrames } from "./harness.mjs";

const { ATTACKS, PLACES, allowedHref, secretNeedle } = corpus;
const { SECRET_FORMS } = corpus;

/** Fields of the decoder's input: one of each input kind (all fields run in the app's tests). */
const DECODER_PLACES = [
  "debug_token: data.application",
  "debug_token: data.granular_scopes.0.target_ids.0",
  "graph_error: error.message",
  "graph_error: error.error_data",
  "webhook_error: entry.0.changes.0.value.statuses.0.errors.0.href",
  "permissions: data.0.permission",
  "text: alone",
  "graph_error: curl www-authenticate header",
].map((name) => {
  const place = PLACES.find((p) => p.name === name);
  if (!place) throw new Error(`no place ${name}`);
  return place;
});

/** Installs the canary watch inside every widget of the page. */
function watchWidgets() {
  const BAD_TAGS = new Set([
    "script", "iframe", "frame", "frameset", "object", "embed", "img", "image", "video", "audio", "source", "style",
    "link", "meta", "base", "math", "marquee", "template", "portal", "applet", "xss", "isindex", "plaintext", "xmp",
    "foreignobject", "animate", "set", "handler", "use", "slot", "dialog",
  ]);
  const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcdoc"]);
  window.__flags = [];
  window.__case = "setup";
  const flag = (what) => window.__flags.length < 50 && window.__flags.push(`${window.__case}: ${what}`);
  const check = (el, name, value) => {
    const n = name.toLowerCase();
    if (n.startsWith("on")) flag(`event attribute ${n} on <${el.localName}>`);
    if (n === "style") flag(`style attribute on <${el.localName}>`);
    if (URL_ATTRS.has(n) && value && /^[\s\u0000-\u001f]*(javascript|data|vbscript|blob|file):/i.test(value.replace(/[\t\n\r]/g, ""))) flag(`${n}=${value.slice(0, 60)}`);
  };
  // An element's insides are in its shadow root: the host is the widget.
  const inWidget = (el) => !!(el.closest(".scopelens-widget") || el.getRootNode().host?.classList.contains("scopelens-widget"));
  const inspect = (el) => {
    if (el.nodeType !== 1 || !inWidget(el)) return;
    const tag = el.localName.toLowerCase();
    const timeline = el.closest("svg.timeline-svg") && ["svg", "line", "circle", "text", "g", "title"].includes(tag);
    const appForm = tag === "form" && el.classList.contains("questions") && !el.hasAttribute("action");
    if ((BAD_TAGS.has(tag) || tag === "form" || tag === "svg") && !timeline && !appForm) flag(`element <${tag}>`);
    if (el.namespaceURI !== "http://www.w3.org/1999/xhtml" && !timeline) flag(`element <${tag}> in ${el.namespaceURI}`);
    for (const a of el.attributes) check(el, a.name, a.value);
    for (const c of el.children) inspect(c);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") {
        if (r.target.closest && inWidget(r.target)) check(r.target, r.attributeName, r.target.getAttribute(r.attributeName));
      } else for (const n of r.addedNodes) inspect(n);
    }
  });
  const watch = { subtree: true, childList: true, attributes: true };
  observer.observe(document.documentElement, watch);
  // A document's observer does not see into shadow roots: each mounted
  // element's is watched too, and what it already holds inspected.
  window.__watchShadows = () => {
    for (const host of document.querySelectorAll(".scopelens-widget")) {
      // The element's own stylesheet link sits beside its root: what it
      // shows is inside the root.
      const root = host.shadowRoot?.querySelector(".sl-root");
      if (!root || host.__watched) continue;
      host.__watched = true;
      observer.observe(root, watch);
      for (const c of root.children) inspect(c);
    }
  };
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => queue.shift()();
  window.__task = () => new Promise((r) => (queue.push(r), channel.port2.postMessage(0)));
}

/** Runs cases through one input of one widget, in the page. */
function runInWidget({ widget, selector, cases, verdict }) {
  return (async () => {
    const root = document.querySelectorAll(".scopelens-widget")[widget];
    const inside = root.shadowRoot;
    const el = inside.querySelector(selector);
    if (!el) return { failures: [`no ${selector} in widget ${widget}`], hrefs: {}, done: 0 };
    const failures = [];
    const hrefs = {};
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      window.__case = c.label;
      el.value = c.text;
      el.dispatchEvent(new InputEvent("input", { bubbles: true }));
      await window.__task();
      if (i % 64 === 63) await new Promise((r) => requestAnimationFrame(() => r()));
      if (window.__pwned !== undefined) failures.push(`${c.label}: the canary was set`);
      if (root.getAttribute("data-failed")) {
        failures.push(`${c.label}: the widget stopped`);
        break;
      }
      if (verdict && !inside.querySelector("[data-verdict]") && c.text.trim() !== "") failures.push(`${c.label}: no verdict`);
      for (const a of inside.querySelectorAll("a[href]")) {
        const h = a.getAttribute("href");
        if (!(h in hrefs)) hrefs[h] = c.label;
      }
      if (failures.length > 20) break;
    }
    return { failures, hrefs, done: cases.length };
  })();
}

/** Opens a guide page, mounts its widgets and records problems. */
async function openGuide(browser, url, init) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  context.on("request", (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin && u.protocol !== "data:" && u.protocol !== "blob:") problems.push(`request off the machine: ${r.url()}`);
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.evaluate(watchWidgets);
  const widgets = page.locator(".scopelens-widget");
  for (let i = 0; i < (await widgets.count()); i++) {
    await widgets.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.getAttribute("data-mounted") === "true" && el.shadowRoot?.querySelector(".sl-widget"), await widgets.nth(i).elementHandle(), { timeout: 30000 });
  }
  await page.evaluate(() => window.__watchShadows());
  return { context, page, problems };
}

const short = (s) => JSON.stringify(s.length > 50 ? s.slice(0, 50) + "…" : s);

/** An absolute link into the site (the elements link to the app and the guide by URL) as a path from its root; any other link as it is. */
const sameSite = (href, guideUrl) => {
  const root = `${new URL(guideUrl).origin}/`;
  return href.startsWith(root) ? href.slice(root.length) : href;
};
const text = (a) => a.text ?? a.json;

/** The hostile-input half: returns failures and how many cases ran. */
async function hostile(browser, guideUrl) {
  const failures = [];
  let cases = 0;
  const jobs = [
    // [page, widget kind, selector, cases, expects a verdict]
    ["checking-tokens.html", "decoder", "textarea.sl-input", DECODER_PLACES.flatMap((p) => ATTACKS.map((a) => ({ label: `decoder ${p.name} ← ${a.id} ${short(text(a))}`, text: p.make(a) }))), true],
    // The guide's decoder is compact (input, verdict, top finding): it has
    // no WABA or app ID fields, so the app's own attack tests cover those.
    ["permissions.html", "endpoint", "input.sl-request", ATTACKS.map((a) => ({ label: `endpoint ← ${a.id} ${short(text(a))}`, text: text(a) })), false],
    ["errors.html", "explain", "input.sl-code", ATTACKS.map((a) => ({ label: `explainer code ← ${a.id} ${short(text(a))}`, text: text(a) })), false],
    ["errors.html", "explain", "input.sl-filter", ATTACKS.map((a) => ({ label: `explainer search ← ${a.id} ${short(text(a))}`, text: text(a) })), false],
  ];
  for (const [path, kind, selector, list, verdict] of jobs) {
    const { context, page, problems } = await openGuide(browser, new URL(path, guideUrl).href);
    const widget = await page.evaluate((k) => [...document.querySelectorAll(".scopelens-widget")].findIndex((w) => w.localName === `scopelens-${k}`), kind);
    if (widget < 0) {
      failures.push(`${path}: no ${kind} widget`);
      await context.close();
      continue;
    }
    const r = await page.evaluate(runInWidget, { widget, selector, cases: list, verdict });
    // Let late events (image errors, focus, animations) happen before judging.
    await nextFrames(page);
    failures.push(...r.failures, ...(await page.evaluate(() => window.__flags)).map((f) => `${path}: ${f}`));
    for (const [h, label] of Object.entries(r.hrefs)) if (!allowedHref(sameSite(h, guideUrl))) failures.push(`${label}: clickable link to ${h.slice(0, 100)}`);
    if ((await page.evaluate(() => window.__pwned)) !== undefined) failures.push(`${path}: the canary was set`);
    failures.push(...problems.map((p) => `${path} (${kind}): ${p}`));
    cases += list.length;
    await context.close();
  }
  return { failures, cases };
}

/** Records storage writes and URL changes (mdBook itself stores its theme and sidebar state). */
function recordWrites() {
  window.__writes = [];
  const original = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    window.__writes.push(`setItem(${k}, ${v})`);
    return original.call(this, k, v);
  };
  for (const name of ["pushState", "replaceState"]) {
    const o = History.prototype[name];
    History.prototype[name] = function (...args) {
      window.__writes.push(`${name}(${args.map(String).join(", ")})`);
      return o.apply(this, args);
    };
  }
  const log = console.log;
  console.log = (...args) => (window.__writes.push(`console ${args.map(String).join(" ")}`), log.apply(console, args));
}

/** The secrets half: every secret form through the decoder widget. */
async function secrets(browser, guideUrl) {
  const failures = [];
  const { context, page, problems } = await openGuide(browser, new URL("checking-tokens.html", guideUrl).href, recordWrites);
  const consoleText = [];
  page.on("console", (m) => consoleText.push(m.text()));
  const widget = await page.evaluate(() => [...document.querySelectorAll(".scopelens-widget")].findIndex((w) => w.localName === "scopelens-decoder"));
  const area = page.locator(".scopelens-widget").nth(widget).locator("textarea.sl-input");
  for (const form of SECRET_FORMS) {
    await area.fill(form.text);
    const seen = await page.evaluate((w) => {
      const hosts = [...document.querySelectorAll(".scopelens-widget")];
      const link = hosts[w].shadowRoot.querySelector("a.sl-open-link")?.getAttribute("href") ?? "";
      return {
        // The page, and what each element shows in its shadow root.
        dom: document.documentElement.outerHTML + hosts.map((h) => h.shadowRoot?.innerHTML ?? "").join(""),
        link,
        url: location.href,
        storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
        writes: window.__writes.join("\n"),
      };
    }, widget);
    seen.linkDecoded = corpus.shareLinkText(seen.link) ?? "";
    seen.console = consoleText.join("\n");
    for (const s of form.secrets) {
      for (const [where, t] of Object.entries(seen)) {
        if (t.includes(secretNeedle(s)) || t.includes(s)) failures.push(`decoder ← ${form.name}: ${where} carries ${s.slice(0, 10)}…`);
      }
    }
  }
  failures.push(...problems.map((p) => `checking-tokens.html (secrets): ${p}`));
  await context.close();
  return { failures, cases: SECRET_FORMS.length };
}

/**
 * Attacks every input of the guide's widgets. `guideUrl` ends in `/guide/`.
 * Returns `{ failures, cases, summary }`; no failures means every check held.
 */
export async function attackWidgets(browser, guideUrl) {
  const started = Date.now();
  const a = await hostile(browser, guideUrl);
  const s = await secrets(browser, guideUrl);
  return {
    failures: [...a.failures, ...s.failures],
    cases: a.cases + s.cases,
    summary: `widget attacks: ${ATTACKS.length} attack strings, ${a.cases} cases in 5 widget inputs (decoder in ${DECODER_PLACES.length} fields), ${s.cases} secret forms through the decoder, ${Math.round((Date.now() - started) / 1000)} s`,
  };
}
