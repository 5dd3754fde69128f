// Hostile input against the web app, in headless Chromium.
//
// Every attack string of attack-corpus.mjs goes into every field of every
// input kind (built from the real fixtures), into the kind override, the
// scope-matrix inputs, the error lookup, the endpoint check, and into share
// links. Pass, for each case: the canary `window.__pwned` is never set, no
// CSP violation, no console or page error, no request leaves the page, the
// diagnosis still renders (a verdict, or the empty-box hint for blank text),
// no element that could run or load anything appears in the app (checked on
// every DOM change by a MutationObserver, so even a node that lives for one
// render is caught), and every `a[href]` is a knowledge-base https URL
// written in scopelens's own code, the guide or an anchor.
//
// Speed: thousands of cases run inside one page load each. The page sets the
// textarea and fires `input` itself, then waits one task (the app renders in
// a microtask, so the result is there); every 16th case it also waits for an
// animation frame so layout-driven triggers (autofocus, animations) get
// their chance. The first test proves that this protocol sees every render.
//
// Run: cargo xtask e2e attacks   (or `node --test --test-name-pattern=attacks tests/e2e/`, see harness.mjs)

import { open, finish, nextFrames, test, assert, eq, openScopeCheck, BASE } from "./harness.mjs";
import { ATTACKS, PLACES, shareFragment, allowedHref, PWN } from "./attack-corpus.mjs";

// ---------------------------------------------------------------------------
// In-page instrumentation

/**
 * Installed once per page: a MutationObserver that flags every element or
 * attribute that could run script or load something, and a record of which
 * case was running when a CSP violation or console.error happened.
 */
async function instrument(page) {
  await page.evaluate(() => {
    const BAD_TAGS = new Set([
      "script", "iframe", "frame", "frameset", "object", "embed", "img", "image", "video", "audio", "source",
      "style", "link", "meta", "base", "form", "math", "marquee", "template", "portal", "applet", "xss",
      "isindex", "plaintext", "xmp", "foreignobject", "animate", "set", "handler", "use", "slot", "dialog",
    ]);
    const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcdoc"]);
    window.__flags = [];
    window.__case = "setup";
    const flag = (what) => {
      if (window.__flags.length < 50) window.__flags.push(`${window.__case}: ${what}`);
    };
    const inspect = (el) => {
      if (el.nodeType !== 1) return;
      const tag = el.localName.toLowerCase();
      const svgOk = tag === "svg" && el.classList.contains("timeline-svg");
      const inTimeline = el.closest && el.closest("svg.timeline-svg") && ["line", "circle", "text", "g", "title"].includes(tag);
      const appForm = tag === "form" && el.classList.contains("questions") && !el.hasAttribute("action");
      // init.js adds the tools module's glue to <head>, from the page's own origin, without text.
      const toolsGlue = tag === "script" && el.parentNode === document.head && !el.textContent &&
        new URL(el.src, location.href).origin === location.origin && /\/scopelens_tools\.js\?v=[\d.]+$/.test(el.src);
      if ((BAD_TAGS.has(tag) && !appForm && !toolsGlue) || (tag === "svg" && !svgOk) || (el.namespaceURI !== "http://www.w3.org/1999/xhtml" && !svgOk && !inTimeline)) {
        flag(`element <${tag}> in ${el.namespaceURI}`);
      }
      for (const attr of el.attributes) check(el, attr.name, attr.value);
      for (const child of el.children) inspect(child);
    };
    const check = (el, name, value) => {
      const n = name.toLowerCase();
      if (n.startsWith("on")) flag(`event attribute ${n} on <${el.localName}>`);
      if (n === "style") flag(`style attribute on <${el.localName}>`);
      if (URL_ATTRS.has(n) && value !== null && /^[\s\u0000-\u001f]*(javascript|data|vbscript|blob|file):/i.test(value.replace(/[\t\n\r]/g, ""))) {
        flag(`${n}=${value.slice(0, 60)} on <${el.localName}>`);
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "attributes") check(r.target, r.attributeName, r.target.getAttribute(r.attributeName));
        else for (const n of r.addedNodes) inspect(n);
      }
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
    document.addEventListener("securitypolicyviolation", (e) => flag(`CSP violation ${e.violatedDirective} ${e.blockedURI}`));
    const error = console.error.bind(console);
    console.error = (...args) => {
      flag(`console.error ${String(args[0]).slice(0, 120)}`);
      error(...args);
    };
    // A zero-delay task (setTimeout is clamped to 4 ms when nested).
    const channel = new MessageChannel();
    const queue = [];
    channel.port1.onmessage = () => queue.shift()();
    window.__task = () => new Promise((resolve) => {
      queue.push(resolve);
      channel.port2.postMessage(0);
    });
  });
}

/**
 * Runs cases in the page: each sets `selector`'s value to the text and fires
 * `input`, then checks. Returns failures, hrefs seen, kinds and timings.
 * Stops at the first panic (the caller reloads and resumes).
 */
async function runCases(page, selector, cases, { expect = "verdict", start = 0 } = {}) {
  return page.evaluate(
    async ({ selector, cases, expect, start }) => {
      const el = document.querySelector(selector);
      if (!el) return { failures: [`no ${selector}`], hrefs: {}, kinds: {}, done: start, slow: [] };
      const failures = [];
      const hrefs = {};
      const kinds = {};
      const slow = [];
      let i = start;
      for (; i < cases.length; i++) {
        const c = cases[i];
        window.__case = c.label;
        const t0 = performance.now();
        el.value = c.text;
        el.dispatchEvent(new InputEvent("input", { bubbles: true }));
        await window.__task();
        if (i % 64 === 63) await new Promise((r) => requestAnimationFrame(() => r()));
        const ms = performance.now() - t0;
        if (ms > 200) slow.push([c.label, Math.round(ms)]);
        if (window.__pwned !== undefined) failures.push(`${c.label}: the canary was set`);
        const fatal = document.getElementById("sl-fatal");
        if (fatal && !fatal.hidden) {
          failures.push(`${c.label}: the app stopped: ${fatal.textContent.slice(0, 300)}`);
          return { failures, hrefs, kinds, done: i + 1, slow, panicked: true };
        }
        if (expect === "verdict") {
          const blank = c.text.trim() === "";
          const ok = document.querySelector("main [data-verdict]") || (blank && document.querySelector(".empty-hint"));
          if (!ok) failures.push(`${c.label}: no verdict rendered`);
          const k = document.querySelector("main .detected-kind")?.dataset.kind ?? "none";
          kinds[k] = (kinds[k] || 0) + 1;
          if (c.kind) kinds[`${k === c.kind ? "as" : "not as"} placed`] = (kinds[`${k === c.kind ? "as" : "not as"} placed`] || 0) + 1;
        } else if (!document.querySelector(expect)) {
          failures.push(`${c.label}: ${expect} not rendered`);
        }
        for (const a of document.querySelectorAll("a[href]")) {
          const h = a.getAttribute("href");
          if (!(h in hrefs)) hrefs[h] = c.label;
        }
        if (failures.length > 20) break;
      }
      return { failures, hrefs, kinds, done: i, slow };
    },
    { selector, cases, expect, start },
  );
}

/** Runs `cases` through `selector` on the page at `hash`, reopening after a panic. */
async function attack(hash, selector, cases, options = {}) {
  const report = { failures: [], hrefs: {}, kinds: {}, slow: [], pages: 0 };
  let start = 0;
  while (start < cases.length) {
    const p = await open(hash);
    report.pages++;
    await instrument(p.page);
    if (options.before) await options.before(p.page);
    // A tool view mounts when its module has loaded, and some boxes appear
    // only after the paste set up by `before`: wait for the box instead of
    // judging too early (attached: some sit in a closed disclosure, and the
    // cases set their value directly).
    await p.page.locator(selector).first().waitFor({ state: "attached" });
    const r = await runCases(p.page, selector, cases, { ...options, start });
    report.failures.push(...r.failures);
    Object.assign(report.hrefs, Object.fromEntries(Object.entries(r.hrefs).filter(([h]) => !(h in report.hrefs))));
    for (const [k, n] of Object.entries(r.kinds)) report.kinds[k] = (report.kinds[k] || 0) + n;
    report.slow.push(...r.slow);
    // Let late events (image errors, focus, animations) happen before judging.
    await nextFrames(p.page);
    const flags = await p.page.evaluate(() => window.__flags);
    report.failures.push(...flags);
    await finish(p);
    start = r.done;
    if (!r.panicked && r.failures.length > 20) break;
  }
  const bad = Object.entries(report.hrefs).filter(([h]) => !allowedHref(h));
  for (const [h, label] of bad) report.failures.push(`${label}: clickable link to ${h.slice(0, 100)}`);
  return report;
}

const short = (s) => JSON.stringify(s.length > 60 ? s.slice(0, 60) + "…" : s);
const describe = (cases) => (r) =>
  `${cases.length} cases, ${Object.keys(r.hrefs).length} distinct links (all allowed), ${r.pages} page load(s)` +
  (r.slow.length ? `, slowest ${r.slow.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([l, ms]) => `${l} ${ms} ms`).join(", ")}` : "");
export const FIGURES = { attacks: ATTACKS.length, places: PLACES.length, cases: {} };

// ---------------------------------------------------------------------------
// Tests

test("attacks: the measuring protocol sees every render", async () => {
  const p = await open();
  await instrument(p.page);
  const cases = Array.from({ length: 40 }, (_, i) => ({
    label: `probe ${i}`,
    text: JSON.stringify({ error: { code: 190, message: `<b>probe-${i}</b>`, type: "OAuthException" } }),
  }));
  const seen = await p.page.evaluate(async (cases) => {
    const ta = document.querySelector("textarea.sl-input");
    const out = [];
    for (let i = 0; i < cases.length; i++) {
      ta.value = cases[i].text;
      ta.dispatchEvent(new InputEvent("input", { bubbles: true }));
      await window.__task();
      out.push(document.querySelector(".payload")?.textContent.includes(`<b>probe-${i}</b>`) ?? false);
    }
    return out;
  }, cases);
  eq(seen.filter(Boolean).length, cases.length, "renders seen one task after input");
  eq(await p.page.$$eval("main b", (b) => b.length), 0, "markup from the paste became elements");
  // The watch notices what an injection would leave, even for one render.
  const caught = await p.page.evaluate(async () => {
    const main = document.querySelector("main");
    const probe = document.createElement("span");
    probe.innerHTML = '<b onprobe="x">x</b><a href=" javascript:x">y</a><svg></svg>';
    main.append(probe);
    probe.remove();
    await window.__task();
    const flags = window.__flags.splice(0);
    return flags.join("\n");
  });
  for (const what of ["event attribute onprobe", "href= javascript:x", "element <svg>"]) assert(caught.includes(what), `the watch missed ${what}: ${caught}`);
  await finish(p);
});

// One test (and one page load) per input kind, covering each of its fields.
const groups = new Map();
for (const place of PLACES) {
  const group = place.name.startsWith("text:") ? "bare text" : place.name.includes("curl") || place.name.includes("repr") || place.name.includes("literal") ? "curl, SDK and JS output" : place.kind;
  if (!groups.has(group)) groups.set(group, []);
  groups.get(group).push(place);
}
for (const [group, places] of groups) {
  test(`attacks: ${ATTACKS.length} strings in each of ${places.length} fields of ${group}`, async () => {
    const cases = places.flatMap((place) =>
      ATTACKS.map((a) => ({ label: `${place.name} ← ${a.id} ${short(a.text ?? a.json)}`, text: place.make(a), kind: place.kind })),
    );
    const r = await attack("", "textarea.sl-input", cases);
    for (const place of places) FIGURES.cases[place.name] = ATTACKS.length;
    assert(r.failures.length === 0, r.failures.slice(0, 20).join("\n  "));
    if (process.env.SCOPELENS_ATTACK_VERBOSE) console.log(`     ${describe(cases)(r)}; kinds ${JSON.stringify(r.kinds)}`);
  });
}

test("attacks: every string read as each forced kind", async () => {
  const kinds = ["debug_token", "permissions", "graph_error", "webhook_error", "access_token"];
  const small = ATTACKS.filter((a) => (a.text ?? a.json).length < 200_000);
  let total = 0;
  for (const kind of kinds) {
    const cases = small.map((a) => ({ label: `forced ${kind} ← ${a.id} ${short(a.text ?? a.json)}`, text: a.text ?? a.json }));
    const r = await attack("", "textarea.sl-input", cases, { before: (page) => page.selectOption("select.sl-kind", kind) });
    assert(r.failures.length === 0, r.failures.slice(0, 20).join("\n  "));
    total += cases.length;
  }
  FIGURES.cases["forced kinds"] = total;
});

test("attacks: scope-matrix WABA ID and app ID inputs", async () => {
  const token = PLACES[0].make({ text: "Lucky Shrub" });
  for (const input of ["input.sl-waba", "input.sl-app"]) {
    const cases = ATTACKS.map((a) => ({ label: `${input} ← ${a.id} ${short(a.text ?? a.json)}`, text: a.text ?? a.json }));
    const r = await attack("", input, cases, {
      expect: ".scope-matrix",
      before: (page) => page.fill("textarea.sl-input", token),
    });
    assert(r.failures.length === 0, r.failures.slice(0, 20).join("\n  "));
    FIGURES.cases[input] = cases.length;
    if (process.env.SCOPELENS_ATTACK_VERBOSE) console.log(`     ${input}: ${describe(cases)(r)}, ${r.slow.length} over 200 ms`);
  }
});

test("attacks: error lookup code box and search box", async () => {
  for (const [input, expect] of [["input.sl-code", ".lookup-result"], ["input.sl-filter", ".browse-count"]]) {
    const cases = ATTACKS.map((a) => ({ label: `${input} ← ${a.id} ${short(a.text ?? a.json)}`, text: a.text ?? a.json }));
    const r = await attack("#lookup", input, cases, {
      expect,
      before: (page) => (input === "input.sl-filter" ? page.selectOption("select.sl-category", { index: 1 }) : undefined),
    });
    assert(r.failures.length === 0, r.failures.slice(0, 20).join("\n  "));
    FIGURES.cases[input] = cases.length;
  }
});

test("attacks: endpoint check request box", async () => {
  const cases = ATTACKS.map((a) => ({ label: `endpoint ← ${a.id} ${short(a.text ?? a.json)}`, text: a.text ?? a.json }));
  const more = ATTACKS.map((a) => ({ label: `endpoint URL ← ${a.id}`, text: `POST https://graph.facebook.com/v24.0/${a.text ?? a.json}/messages` }));
  const r = await attack("#endpoint", "input.sl-request", [...cases, ...more], { expect: ".endpoint-result" });
  assert(r.failures.length === 0, r.failures.slice(0, 20).join("\n  "));
  FIGURES.cases["input.sl-request"] = cases.length + more.length;
});

/** Share-link states carrying an attack in every field a link has. */
function linkStates(a) {
  const text = a.text ?? a.json;
  const message = PLACES.find((p) => p.name === "graph_error: error.message").make(a);
  const states = [
    { i: message, w: text, a: text, v: "diagnose", t: 1760000000, k: "graph_error" },
    { v: "lookup", x: `q=${text}\nc=authentication\nf=${text}` },
    // An unknown view name opens the diagnose view; otherwise the endpoint view.
    { v: a.id.endsWith("1") ? text : "endpoint", x: text, i: text },
  ];
  const fragments = states.map((s) => shareFragment(s));
  // Raw JSON in the link's own fields (huge numbers, nesting).
  if (a.json) fragments.push(shareFragment(`{"i":"x","t":${a.json},"n":${a.json}}`), shareFragment(`{"i":${a.json}}`));
  return fragments;
}

test("attacks: share links carrying every string in every field", async () => {
  // Grouped by kind of link, so that consecutive links mostly stay in one view.
  const byKind = [];
  for (const a of ATTACKS) {
    for (const [n, fragment] of linkStates(a).entries()) (byKind[n] ||= []).push({ label: `link ${n} ← ${a.id} ${short(a.text ?? a.json)}`, fragment });
  }
  const cases = byKind.flat();
  const p = await open();
  await instrument(p.page);
  // Hash changes load a link in the running page (as pasting one into the address bar does).
  const r = await p.page.evaluate(async (cases) => {
    const failures = [];
    const hrefs = {};
    let oversized = 0;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      window.__case = c.label;
      if (location.hash === "#" + c.fragment) continue;
      const changed = new Promise((r) => addEventListener("hashchange", r, { once: true }));
      location.hash = "#" + c.fragment;
      // Bounded: a fragment the browser spells differently (percent-encoded)
      // may leave the hash as it was, and then no event comes.
      await Promise.race([changed, new Promise((r) => setTimeout(r, 2000))]);
      await window.__task();
      if (i % 64 === 63) await new Promise((r) => requestAnimationFrame(() => r()));
      if (window.__pwned !== undefined) failures.push(`${c.label}: the canary was set`);
      const fatal = document.getElementById("sl-fatal");
      if (fatal && !fatal.hidden) {
        failures.push(`${c.label}: the app stopped: ${fatal.textContent.slice(0, 300)}`);
        break;
      }
      const notice = document.querySelector(".notice")?.textContent ?? "";
      if (!notice) failures.push(`${c.label}: no notice about the link`);
      if (notice.includes("could not be opened")) oversized++;
      if (!document.querySelector("main[data-view]")) failures.push(`${c.label}: no view rendered`);
      for (const a of document.querySelectorAll("a[href]")) {
        const h = a.getAttribute("href");
        if (!(h in hrefs)) hrefs[h] = c.label;
      }
      if (failures.length > 20) break;
    }
    return { failures, hrefs, refused: oversized };
  }, cases);
  await nextFrames(p.page);
  r.failures.push(...(await p.page.evaluate(() => window.__flags)));
  await finish(p);
  for (const [h, label] of Object.entries(r.hrefs)) if (!allowedHref(h)) r.failures.push(`${label}: clickable link to ${h.slice(0, 100)}`);
  assert(r.failures.length === 0, r.failures.slice(0, 20).join("\n  "));
  FIGURES.cases["share links (hash change)"] = cases.length;

  // A few opened fresh, the way a recipient opens them.
  const fresh = ATTACKS.filter((a) => a.text && a.text.includes(PWN)).filter((_, i) => i % 20 === 0).slice(0, 6);
  for (const a of fresh) {
    const q = await open("#" + linkStates(a)[0]);
    await instrument(q.page);
    await q.page.locator("main [data-verdict]").waitFor({ timeout: 5000 }).catch(() => {});
    assert(await q.page.isVisible("main [data-verdict]"), `${a.id}: opened link shows no verdict`);
    const hrefs = await q.page.$$eval("a[href]", (as) => as.map((x) => x.getAttribute("href")));
    for (const h of hrefs) assert(allowedHref(h), `${a.id}: opened link shows a link to ${h}`);
    await finish(q);
  }
  FIGURES.cases["share links (fresh page)"] = fresh.length;
});

test("attacks: a link made by the app from hostile input opens safely", async () => {
  const evil = ATTACKS.filter((a) => a.text && a.text.includes(PWN) && a.text.length < 2000).filter((_, i) => i % 40 === 0).slice(0, 3);
  for (const a of evil) {
    const p = await open();
    await instrument(p.page);
    // The WABA ID is typed in the scope check of a token first; it stays for the webhook.
    await p.page.fill("textarea.sl-input", PLACES[0].make({ text: "Lucky Shrub" }));
    await openScopeCheck(p.page);
    await p.page.fill("input.sl-waba", a.text);
    await p.page.fill("textarea.sl-input", PLACES.find((x) => x.name === "webhook_error: " + "entry.0.changes.0.value.statuses.0.errors.0.href").make(a));
    await p.page.click("button.share-toggle");
    await p.page.click("button.make-link");
    const link = await p.page.inputValue("input.sl-link");
    assert(link.startsWith(BASE) && link.includes("#v2="), `${a.id}: link ${link.slice(0, 80)}`);
    eq(await p.page.$$eval(".share-preview img, .share-preview script, .share-preview svg", (x) => x.length), 0, `${a.id}: preview elements`);
    await p.page.click("button.copy-markdown");
    const md = await p.page.evaluate(() => navigator.clipboard.readText());
    assert(md.length > 0, "markdown copied");
    const flags = await p.page.evaluate(() => window.__flags);
    assert(flags.length === 0, flags.join("\n  "));
    await finish(p);
    const q = await open(link.slice(BASE.length));
    await instrument(q.page);
    assert(await q.page.isVisible("main [data-verdict]"), `${a.id}: no verdict from the made link`);
    await nextFrames(q.page);
    const flags2 = await q.page.evaluate(() => window.__flags);
    assert(flags2.length === 0, flags2.join("\n  "));
    await finish(q);
  }
});

test("attacks: figures", async () => {
  const total = Object.values(FIGURES.cases).reduce((a, b) => a + b, 0);
  const fields = Object.keys(FIGURES.cases).length;
  console.log(`     ${FIGURES.attacks} attack strings × ${FIGURES.places} input fields, plus inputs and links: ${total} cases in ${fields} places`);
});
